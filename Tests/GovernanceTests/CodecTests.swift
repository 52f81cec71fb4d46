import EventLog
import Testing
@testable import Governance

@Suite("Codecs: typed binary records of the governance tables")
struct CodecTests {
    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    /// What reading `bytes` as an `R` named `what` says: "read", or the refusal.
    static func refusal<R: StoredRecord>(_ type: R.Type, _ bytes: [UInt8], what: String) -> String {
        do {
            _ = try R(bytes: bytes, what: what)
            return "read"
        } catch {
            return "\(error)"
        }
    }

    /// The offset of the first occurrence of `text`'s UTF-8 in `bytes`.
    static func offset(of text: String, in bytes: [UInt8]) throws -> Int {
        let needle = Array(text.utf8)
        return try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
    }

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
        flag[flag.count - 1 - 4 - 2 - "resigned".utf8.count - 8 - 1] = 5  // before the ending and the absent termEnds
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
        for unit in [UnitRecord(name: "第一村", level: .village, parent: "unit:镇"), UnitRecord(name: "德清县", level: .county, parent: nil)] {
            #expect(try UnitRecord(bytes: unit.bytes, what: "a unit") == unit)
        }
        let group = GroupRecord(name: "第三居民小组", unit: "unit:村", kind: .resident, since: try Self.date("2020-01-01"))
        #expect(try GroupRecord(bytes: group.bytes, what: "a group") == group)
        var kind = group.bytes
        let resident = Array("resident".utf8)
        let at = try #require((0..<(kind.count - resident.count)).first { Array(kind[$0..<($0 + resident.count)]) == resident })
        kind[at] = UInt8(ascii: "R")
        let refusal = #expect(throws: RuleViolation.self) { try GroupRecord(bytes: kind, what: "the group group:x") }
        #expect(refusal?.detail.contains("\"Resident\" is not a GroupKind") == true)
    }

    @Test func aMeetingReadsBackAndADamagedOneIsNamed() throws {
        let day = try Self.date("2024-03-10")
        for (eligible, attending) in [(Int64(12), Int64(9)), (12, nil), (nil, 9), (nil, nil)] as [(Int64?, Int64?)] {
            let meeting = MeetingRecord(group: "group:甲", date: day, eligibleAdults: 30, attendingAdults: 20,
                                        eligibleHouseholds: eligible, attendingHouseholds: attending)
            #expect(try MeetingRecord(bytes: meeting.bytes, what: "a meeting") == meeting)
        }
        let bytes = MeetingRecord(group: "group:a", date: day, eligibleAdults: 30, attendingAdults: 20, eligibleHouseholds: nil, attendingHouseholds: 9).bytes
        func refusal(_ damaged: [UInt8]) -> String { Self.refusal(MeetingRecord.self, damaged, what: "the meeting meeting:m") }
        #expect(refusal(Array(bytes.dropLast())).contains("the meeting meeting:m cannot be read: it ends at byte"))
        #expect(refusal(bytes + [0]).contains("1 bytes left over"))
        #expect(refusal([2] + bytes.dropFirst()).contains("has format 2, not 1"))
        // The date follows the group (format byte, length, "group:a"): month 13.
        let dateAt = 1 + 2 + "group:a".utf8.count
        var month = bytes
        month[dateAt + 2] = 13
        #expect(refusal(month).contains("2024-13-10 is not a date"))
        // The eligible households' presence byte follows the date and the two counts of adults.
        var presence = bytes
        presence[dateAt + 4 + 16] = 2
        #expect(refusal(presence).contains("presence byte 2"))
    }

    @Test func aVoteReadsBackAndADamagedOneIsNamed() throws {
        let day = try Self.date("2024-03-10")
        let election = VoteRecord(group: "group:a", meeting: "meeting:m", date: day, question: .election, ballotsCast: 25,
                                  candidates: [.init(person: "person:张三", votes: 15), .init(person: "person:李四", votes: 10)],
                                  yes: nil, no: nil, election: "election:2024")
        let question = VoteRecord(group: "group:a", meeting: "meeting:m", date: day, question: .expense, ballotsCast: 25,
                                  candidates: nil, yes: 20, no: 3, election: nil)
        var noCandidates = election
        noCandidates.candidates = []
        for vote in [election, question, noCandidates] {
            #expect(try VoteRecord(bytes: vote.bytes, what: "a vote") == vote)
        }
        // An empty list of candidates is kept apart from none.
        #expect(noCandidates.bytes != VoteRecord(group: "group:a", meeting: "meeting:m", date: day, question: .election, ballotsCast: 25,
                                                 candidates: nil, yes: nil, no: nil, election: "election:2024").bytes)
        let bytes = election.bytes
        func refusal(_ damaged: [UInt8]) -> String { Self.refusal(VoteRecord.self, damaged, what: "the vote vote:v") }
        #expect(refusal(Array(bytes.dropLast())).contains("the vote vote:v cannot be read: it ends at byte"))
        #expect(refusal(bytes + [0]).contains("1 bytes left over"))
        #expect(refusal([]).contains("it ends at byte 0"))
        // The question "election" spelt "Election": not a VoteQuestion.
        var misspelt = bytes
        misspelt[try Self.offset(of: "election", in: bytes)] = UInt8(ascii: "E")
        #expect(refusal(misspelt).contains("\"Election\" is not a VoteQuestion"))
        // The candidates' presence byte follows the question and the ballots cast; then their count.
        let presenceAt = try Self.offset(of: "election", in: bytes) + "election".utf8.count + 8
        var presence = bytes
        presence[presenceAt] = 9
        #expect(refusal(presence).contains("presence byte 9"))
        var count = bytes
        count[presenceAt + 1] = 0xFF
        count[presenceAt + 2] = 0xFF
        #expect(refusal(count).contains("it ends at byte \(bytes.count)"))
    }

    @Test func aPetitionReadsBackBeforeAndAfterItsInvestigationAndADamagedOneIsNamed() throws {
        let day = try Self.date("2024-05-01")
        var petition = PetitionRecord(group: "group:a", person: "person:p", date: day, signatures: 7, eligibleVoters: 30, substantiated: nil)
        for substantiated in [nil, false, true] as [Bool?] {
            petition.substantiated = substantiated
            #expect(try PetitionRecord(bytes: petition.bytes, what: "a petition") == petition)
        }
        let bytes = petition.bytes
        func refusal(_ damaged: [UInt8]) -> String { Self.refusal(PetitionRecord.self, damaged, what: "the petition petition:x") }
        #expect(refusal(Array(bytes.dropLast())).contains("the petition petition:x cannot be read: it ends at byte"))
        #expect(refusal(bytes + [1]).contains("1 bytes left over"))
        #expect(refusal([0] + bytes.dropFirst()).contains("has format 0, not 1"))
        // Before the (absent) representatives' presence byte: the investigation's presence byte, then whether it
        // substantiated the grounds.
        var flag = bytes
        flag[flag.count - 2] = 3
        #expect(refusal(flag).contains("flag byte 3"))
        var presence = bytes
        presence[presence.count - 3] = 4
        #expect(refusal(presence).contains("presence byte 4"))
        var signed = petition
        signed.representatives = .init(signed: 8, of: 24)
        #expect(try PetitionRecord(bytes: signed.bytes, what: "a petition") == signed)
        // February 30th.
        var date = bytes
        let dateAt = 1 + 2 + "group:a".utf8.count + 2 + "person:p".utf8.count
        date[dateAt + 2] = 2
        date[dateAt + 3] = 30
        #expect(refusal(date).contains("2024-2-30 is not a date"))
    }

    @Test func aRecallVoteReadsBackAndADamagedOneIsNamed() throws {
        let day = try Self.date("2024-06-15")
        for passed in [true, false] {
            let recall = RecallRecord(passed: passed, date: day, petition: "petition:p", detail: "turnout 20 of 30 voters (needs > 1/2, 16); 9 of 20 votes to recall",
                                      source: "村民委员会组织法 (2018) Art. 16 (statute)")
            #expect(try RecallRecord(bytes: recall.bytes, what: "a recall vote") == recall)
        }
        let bytes = RecallRecord(passed: false, date: day, petition: "petition:p", detail: "d", source: "s").bytes
        func refusal(_ damaged: [UInt8]) -> String { Self.refusal(RecallRecord.self, damaged, what: "the recall vote about person:p in group:a") }
        #expect(refusal(Array(bytes.dropLast())).contains("the recall vote about person:p in group:a cannot be read: it ends at byte"))
        #expect(refusal(bytes + [0, 0]).contains("2 bytes left over"))
        var passed = bytes
        passed[1] = 2
        #expect(refusal(passed).contains("flag byte 2"))
        // A text that is not UTF-8: the detail's one byte.
        var detail = bytes
        detail[1 + 1 + 4 + 2 + "petition:p".utf8.count + 2] = 0xFF
        #expect(refusal(detail).contains("a text is not UTF-8"))
    }

    @Test func anApprovalReadsBackAndADamagedOneIsNamed() throws {
        for approval in [ApprovalRecord(group: "group:甲", amountFen: 1_200_000, purpose: "修缮水渠"), ApprovalRecord(group: "group:a", amountFen: 0, purpose: "")] {
            #expect(try ApprovalRecord(bytes: approval.bytes, what: "an approval") == approval)
        }
        let bytes = ApprovalRecord(group: "group:a", amountFen: 500, purpose: "修路").bytes
        func refusal(_ damaged: [UInt8]) -> String { Self.refusal(ApprovalRecord.self, damaged, what: "the approval approval:x") }
        #expect(refusal(Array(bytes.dropLast())).contains("the approval approval:x cannot be read: it ends at byte"))
        #expect(refusal(bytes + [0]).contains("1 bytes left over"))
        #expect(refusal([2] + bytes.dropFirst()).contains("has format 2, not 1"))
        #expect(refusal([1]).contains("it ends at byte 1"))
        // The purpose's first byte (after the group and the amount) made a UTF-8 continuation byte.
        var purpose = bytes
        purpose[1 + 2 + "group:a".utf8.count + 8 + 2] = 0x80
        #expect(refusal(purpose).contains("a text is not UTF-8"))
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
        try roundTrip(AssetRecord(group: "group:g", custodian: "person:p", status: "leased", valueFen: 880_000, kind: .pond, description: "鱼塘"), \.bytes) {
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
        try roundTrip(MeetingRecord(group: "group:g", date: day, eligibleAdults: 40, attendingAdults: 31, eligibleHouseholds: 15, attendingHouseholds: 11), \.bytes) {
            try MeetingRecord(bytes: $0, what: "a meeting")
        }
        try roundTrip(VoteRecord(group: "group:g", meeting: "meeting:m", date: day, question: .election, ballotsCast: 31,
                                 candidates: [.init(person: "person:p", votes: 30)], yes: nil, no: nil, election: nil), \.bytes) {
            try VoteRecord(bytes: $0, what: "a vote")
        }
        try roundTrip(PetitionRecord(group: "group:g", person: "person:p", date: day, signatures: 9, eligibleVoters: 40, substantiated: true), \.bytes) {
            try PetitionRecord(bytes: $0, what: "a petition")
        }
        try roundTrip(RecallRecord(passed: true, date: day, petition: "petition:甲", detail: "turnout 30 of 40", source: "Art. 16"), \.bytes) {
            try RecallRecord(bytes: $0, what: "a recall vote")
        }
        try roundTrip(ApprovalRecord(group: "group:g", amountFen: 300_000, purpose: "购置农机"), \.bytes) {
            try ApprovalRecord(bytes: $0, what: "an approval")
        }
    }
}
