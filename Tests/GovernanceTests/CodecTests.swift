import EventLog
import Testing
@testable import Governance

@Suite("Codecs: typed binary records of the governance tables")
struct CodecTests {
    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    @Test func anOfficeTermReadsBackAsWrittenOpenOrEnded() throws {
        var term = OfficeTerm(group: "group:甲", post: .groupLeader, person: "person:张三", since: try Self.date("2023-03-01"), installedBy: 42)
        #expect(try OfficeTerm(bytes: term.bytes, what: "a term") == term)
        term.ending = .init(until: try Self.date("2024-02-29"), reason: .recalled, endedBy: 1 << 40)
        #expect(try OfficeTerm(bytes: term.bytes, what: "a term") == term)
    }

    @Test func aDamagedOfficeTermIsNamedNeverMisread() throws {
        var term = OfficeTerm(group: "group:a", post: .groupMember, person: "person:p", since: try Self.date("2023-03-01"), installedBy: 7)
        term.ending = .init(until: try Self.date("2024-01-01"), reason: .resigned, endedBy: 9)
        let bytes = term.bytes
        func refusal(_ damaged: [UInt8]) -> String {
            do {
                _ = try OfficeTerm(bytes: damaged, what: "an office term of group:a")
                return "read"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Array(bytes.dropLast())).contains("an office term of group:a cannot be read: it ends at byte"))
        #expect(refusal(bytes + [0]).contains("1 bytes left over"))
        #expect(refusal([2] + bytes.dropFirst()).contains("has format 2, not 1"))
        // The post "group-member" (12 bytes) spelled "group-memBer": not a Post.
        var misspelt = bytes
        let post = Array("group-member".utf8)
        let at = try #require((0..<(misspelt.count - post.count)).first { Array(misspelt[$0..<($0 + post.count)]) == post })
        misspelt[at + 9] = UInt8(ascii: "B")
        #expect(refusal(misspelt).contains("\"group-memBer\" is not a Post"))
        // A presence byte that is neither 0 nor 1.
        var flag = bytes
        flag[flag.count - 4 - 2 - "resigned".utf8.count - 8 - 1] = 5
        #expect(refusal(flag).contains("presence byte 5"))
        #expect(refusal([]).contains("it ends at byte 0"))
    }

    @Test func aPaymentReadsBackAndADamagedOneIsNamed() throws {
        let payment = PaymentRecord(person: "person:李四", amountFen: -1, year: 2023, reversed: true)
        #expect(try PaymentRecord(bytes: payment.bytes, what: "a payment") == payment)
        var bad = payment.bytes
        bad[bad.count - 1] = 2
        #expect(throws: RuleViolation.self) { try PaymentRecord(bytes: bad, what: "a payment") }
        var year = payment.bytes
        year[year.count - 2] = 0  // year 2023 -> 1792 + ... : outside 1900...2199
        year[year.count - 3] = 0
        #expect(throws: RuleViolation.self) { try PaymentRecord(bytes: year, what: "a payment") }
    }

    @Test func unitsAndGroupsReadBackAndAnUnknownKindIsNamed() throws {
        for unit in [UnitRecord(level: .village, parent: "unit:镇"), UnitRecord(level: .county, parent: nil)] {
            #expect(try UnitRecord(bytes: unit.bytes, what: "a unit") == unit)
        }
        let group = GroupRecord(unit: "unit:村", kind: .resident, since: try Self.date("2020-01-01"))
        #expect(try GroupRecord(bytes: group.bytes, what: "a group") == group)
        var kind = group.bytes
        let resident = Array("resident".utf8)
        let at = try #require((0..<(kind.count - resident.count)).first { Array(kind[$0..<($0 + resident.count)]) == resident })
        kind[at] = UInt8(ascii: "R")
        let refusal = #expect(throws: RuleViolation.self) { try GroupRecord(bytes: kind, what: "the group group:x") }
        #expect(refusal?.detail.contains("\"Resident\" is not a GroupKind") == true)
    }

    @Test func everyRecordReadsBackAsWrittenAndRefusesATruncatedCopy() throws {
        let day = try Self.date("2024-06-30")
        let start = try Self.date("2024-01-01")
        func roundTrip<R: Equatable>(_ record: R, _ bytes: (R) -> [UInt8], _ read: ([UInt8]) throws -> R) throws {
            #expect(try read(bytes(record)) == record)
            #expect(throws: RuleViolation.self) { try read(Array(bytes(record).dropLast())) }
            #expect(throws: RuleViolation.self) { try read(bytes(record) + [0]) }
        }
        try roundTrip(GroupSize(households: 40, adults: 120), \.bytes) { try GroupSize(bytes: $0, what: "a size") }
        try roundTrip(Residence(group: "group:g", votingRights: false), \.bytes) { try Residence(bytes: $0, what: "a residence") }
        try roundTrip(AdoptionRecord(policy: "policy:damao-2022"), \.bytes) { try AdoptionRecord(bytes: $0, what: "an adoption") }
        try roundTrip(EventStatus(kind: .retracted, by: 9), \.bytes) { try EventStatus(bytes: $0, what: "a status") }
        try roundTrip(FundLine(kind: .expense, amountFen: 120_000, date: day, counterparty: "施工队", approval: "approval:a"), \.bytes) {
            try FundLine(bytes: $0, what: "a fund line")
        }
        try roundTrip(FundLine(kind: .receipt, amountFen: 5_000, date: day, counterparty: "租金", approval: nil), \.bytes) {
            try FundLine(bytes: $0, what: "a fund line")
        }
        try roundTrip(ExpenseRecord(amountFen: 1), \.bytes) { try ExpenseRecord(bytes: $0, what: "an expense") }
        try roundTrip(AssetRecord(group: "group:g", custodian: "person:p", status: "leased", valueFen: 880_000), \.bytes) {
            try AssetRecord(bytes: $0, what: "an asset")
        }
        try roundTrip(CustodyEntry(custodian: "person:q", status: "held", date: day, act: "handed over"), \.bytes) {
            try CustodyEntry(bytes: $0, what: "a custody entry")
        }
        let handover = HandoverRecord(outgoing: "person:p", incoming: "person:q", witnesses: ["person:w1", "person:w2"],
                                      items: [.init(asset: "asset:a", present: true, valueFen: 100, note: nil),
                                              .init(asset: "asset:b", present: false, valueFen: nil, note: "缺失")],
                                      cashFen: 0, balanceFen: -20, date: day)
        try roundTrip(handover, \.bytes) { try HandoverRecord(bytes: $0, what: "a handover") }
        for grade in Grade.allCases {
            try roundTrip(GradeRecord(grade: grade, seq: 77), \.bytes) { try GradeRecord(bytes: $0, what: "a grade") }
        }
        for audit in [AuditRecord(kind: .departure, person: "person:p", periodStart: start, periodEnd: day, auditor: "镇经管站", findings: "资产缺一件", date: day),
                      AuditRecord(kind: .annual, person: nil, periodStart: start, periodEnd: day, auditor: "镇经管站", findings: nil, date: day)] {
            try roundTrip(audit, \.bytes) { try AuditRecord(bytes: $0, what: "an audit") }
        }
        for disclosure in [DisclosureRecord(kind: .finance, periodStart: start, periodEnd: day, balanceFen: -5, date: day),
                           DisclosureRecord(kind: .affairs, periodStart: start, periodEnd: day, balanceFen: nil, date: day)] {
            try roundTrip(disclosure, \.bytes) { try DisclosureRecord(bytes: $0, what: "a disclosure") }
        }
        try roundTrip(DisciplineRecord(kind: .warning, group: "group:g", reason: "未按时公开", imposedBy: "镇纪委", date: day), \.bytes) {
            try DisciplineRecord(bytes: $0, what: "a discipline")
        }
    }
}
