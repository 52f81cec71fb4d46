import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance
@testable import GovernanceCodegen
@testable import GrassrootsDemo

/// Seeded mutations of valid requests, thousands of them, through the same path `append` takes (parse,
/// decode, catalog, the ledger with the governance hook): nothing crashes, and a refusal changes nothing.
@Suite("Robustness: arbitrary and mutated input")
struct RobustnessTests {
    static let valid: [String] = [
        #"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:v","name":"村","level":"village"}}"#,
        #"{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:g","unit":"unit:v","name":"组","kind":"village","households":30,"adults":90}}"#,
        #"{"type":"person.registered","effectiveDate":"2020-01-01","data":{"person":"person:p","birthDate":"1980-01-01","sex":"M","group":"group:g","votingRights":true}}"#,
        #"{"type":"meeting.held","effectiveDate":"2023-03-01","data":{"group":"group:g","meeting":"meeting:m","purpose":"选举","eligibleAdults":90,"attendingAdults":70}}"#,
        #"{"type":"vote.tallied","effectiveDate":"2023-03-01","data":{"group":"group:g","vote":"vote:v","meeting":"meeting:m","question":"election","ballotsCast":70,"candidates":[{"person":"person:p","votes":50}]}}"#,
        #"{"type":"leader.installed","effectiveDate":"2023-03-01","data":{"group":"group:g","person":"person:p","post":"group-leader","vote":"vote:v"}}"#,
        #"{"type":"fund.received","effectiveDate":"2023-04-01","idempotencyKey":"f1","data":{"group":"group:g","amountFen":100,"source":"租金"}}"#,
        #"{"type":"handover.recorded","effectiveDate":"2023-06-01","data":{"group":"group:g","outgoing":"person:p","incoming":"person:p","witnesses":["person:p"],"items":[],"cashFen":0,"balanceFen":0}}"#,
    ]

    /// A value that might fit somewhere: an id (often new), a small integer, a date, a boolean, text, a list.
    static func plausible(_ random: inout SeededGenerator) -> JSONValue {
        let n = random.next() % 6
        switch random.next() % 9 {
        case 0: return .string(["unit:", "group:", "person:", "meeting:", "vote:"][Int(random.next() % 5)] + (n < 3 ? ["v", "g", "p", "m"][Int(n)] : "n\(n)"))
        case 1: return .integer(Int64(random.next() % 200) - 10)
        case 2: return .string("20\(10 + random.next() % 20)-0\(1 + random.next() % 9)-0\(1 + random.next() % 9)")
        case 3: return .bool(random.next() % 2 == 0)
        case 4: return .string(["village", "resident", "group-leader", "election", "优秀", "county-finance"][Int(n)])
        case 5: return .array([.object(["person": "person:p", "votes": .integer(Int64(random.next() % 80))])])
        case 6: return .null
        case 7: return .string("文本\(n)")
        default: return .object([:])
        }
    }

    /// Bytes that change JSON's structure when inserted.
    static let structural = Array("{}[]\",:0123456789-e.\\u".utf8)

    @Test func thousandsOfMutationsNeverCrashAndRefusalsChangeNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("robust-\(UUID().uuidString)").path
        defer {
            do { try FileManager.default.removeItem(atPath: dir) } catch { print("cannot remove \(dir): \(error)") }
        }
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.mapSizeInitialBytes = 4 << 20
        let ledger = try Ledger.create(at: dir, options: options, ledgerID: "robust")
        // The valid history first, so that mutated acts find their references and can be accepted too.
        _ = try ledger.append(try RobustnessTests.valid.map { try GovernanceRequests.draft(from: try JSONParser.parse($0), defaultActor: "fixture") })
        let fixture = try ledger.head().seq
        var random = SeededGenerator(seed: 20_261_122)
        var accepted = 0
        var refused = 0
        let cases = 5_000
        for index in 0..<cases {
            var bytes = Array(RobustnessTests.valid[index % RobustnessTests.valid.count].utf8)
            switch random.next() % 4 {
            case 1:  // a plausible value swapped into, removed from or added to the payload
                if case .object(var request) = try JSONParser.parse(bytes), var data = request["data"]?.objectValue {
                    let keys = data.keys
                    let key = keys.isEmpty ? "x" : keys[Int(random.next() % UInt64(keys.count))]
                    switch random.next() % 5 {
                    case 0: data.remove(key)
                    case 1: data.set("extra\(random.next() % 3)", .integer(Int64(random.next() % 100)))
                    default: data.set(key, RobustnessTests.plausible(&random))
                    }
                    request.set("data", .object(data))
                    if random.next() % 4 == 0 { request.set("effectiveDate", .string("20\(10 + random.next() % 20)-0\(1 + random.next() % 9)-1\(random.next() % 10)")) }
                    bytes = CanonicalJSON.encode(.object(request))
                }
            case 0:  // arbitrary bytes
                bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            default:  // 1 to 4 point mutations
                for _ in 0...(random.next() % 4) where !bytes.isEmpty {
                    let position = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 4 {
                    case 0: bytes[position] = UInt8(truncatingIfNeeded: random.next())
                    case 1: bytes.remove(at: position)
                    case 2: bytes.insert(RobustnessTests.structural[Int(random.next() % UInt64(RobustnessTests.structural.count))], at: position)
                    default: bytes[position] = bytes[Int(random.next() % UInt64(bytes.count))]
                    }
                }
            }
            let before = try ledger.head()
            do {
                let value = try JSONParser.parse(bytes, limits: JSONLimits(depthMax: Limits.payloadDepthMax + 1, bytesMax: 256 * 1024))
                let draft = try GovernanceRequests.draft(from: value, defaultActor: "fuzz")
                _ = try ledger.append([draft])
                accepted += 1
            } catch is JSONParseError {
                refused += 1
            } catch is GovernanceRequests.Failure {
                refused += 1
            } catch is EventLogError {
                refused += 1
            }
            let after = try ledger.head()
            if after == before { continue }
            #expect(after.seq == before.seq + 1, "case \(index): one accepted line appends one event")
        }
        print("robustness: \(cases) cases, \(accepted) accepted, \(refused) refused")
        #expect(accepted + refused == cases)
        #expect(accepted > 0 && refused > cases / 2, "accepted \(accepted), refused \(refused)")
        #expect(try ledger.verify().isIntact)
        #expect(try ledger.head().seq == fixture + UInt64(accepted))
        #expect(try ledger.checkProjections().isConsistent, "projections after the fuzzed history differ from a rebuild")
    }
}


/// `CityStream`, the generator the benchmarks import millions of events from: every event it makes is
/// accepted under the rules, in effective-date order, and the same seed makes the same history.
@Suite("CityStream: a large city generated as a stream")
struct CityStreamTests {
    @Test func everyEventIsAcceptedInDateOrderAndTheStreamIsDeterministic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("city-\(UUID().uuidString)").path
        defer {
            do { try FileManager.default.removeItem(atPath: dir) } catch { print("cannot remove \(dir): \(error)") }
        }
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        let ledger = try Ledger.create(at: dir, options: options, ledgerID: "city")
        var size = CityStream.Size()
        size.groups = 23
        size.years = 3
        size.groupsPerCommunity = 4
        var stream = CityStream(seed: 7, size: size)
        var pending: [EventDraft] = []
        var lastDate = ""
        var outOfOrder = 0
        var types: [String: Int] = [:]
        let count = try stream.generate { request in
            let date = request["effectiveDate"]?.stringValue ?? ""
            if date < lastDate { outOfOrder += 1 }
            lastDate = date
            types[request["type"]?.stringValue ?? "", default: 0] += 1
            pending.append(try GovernanceRequests.draft(from: .object(request), defaultActor: "test"))
            if pending.count == 1_000 {
                _ = try ledger.append(pending)
                pending.removeAll()
            }
        }
        _ = try ledger.append(pending)
        #expect(outOfOrder == 0)
        #expect(try ledger.head().seq == UInt64(count))
        #expect(types["group.registered"] == 23 && types["leader.installed", default: 0] >= 23 * 3)
        #expect(types["payment.made", default: 0] > 0 && types["subsidy.accrued", default: 0] > types["payment.made", default: 0])
        #expect(try ledger.checkProjections().isConsistent)
        // The same seed, the same requests; the size estimate is close.
        var again = CityStream(seed: 7, size: size)
        var first: [JSONObject] = []
        try again.generate { if first.count < 50 { first.append($0) } }
        var third = CityStream(seed: 7, size: size)
        var same = 0
        try third.generate { request in if same < first.count, CanonicalJSON.encode(.object(request)) == CanonicalJSON.encode(.object(first[same])) { same += 1 } }
        #expect(same == first.count)
        #expect(CityStream.groups(forEvents: count, years: 3) >= 20)
    }
}

@Suite("Money lines: the binary layout of a person's account")
struct MoneyLineTests {
    @Test func linesRoundTripWithAndWithoutAnAccrual() {
        let accrued = MoneyLine(kind: .accrued, amountFen: 30_000, year: "2023", date: "2023-04-30", group: "group:a",
                                accrual: .init(post: "group-leader", period: "2023-04", source: "county-finance"))
        let paid = MoneyLine(kind: .paid, amountFen: 90_000, year: "2023", date: "2023-07-10", group: nil)
        #expect(MoneyLine(bytes: accrued.bytes) == accrued)
        #expect(MoneyLine(bytes: paid.bytes) == paid)
        #expect(accrued.bytes.count == MoneyLine.fixedBytes - 1 + MoneyLine.tail(group: "group:a", accrual: accrued.accrual).count)
    }

    @Test func damagedLinesAreRefused() {
        let accrued = MoneyLine(kind: .accrued, amountFen: 30_000, year: "2023", date: "2023-04-30", group: "group:a",
                                accrual: .init(post: "group-leader", period: "2023-04", source: "county-finance")).bytes
        #expect(MoneyLine(bytes: Array(accrued.dropLast())) == nil)               // a length that runs past the end
        #expect(MoneyLine(bytes: [4] + Array(accrued.dropFirst())) == nil)        // a payment line with an accrual's tail
        #expect(MoneyLine(bytes: [9] + Array(accrued.dropFirst())) == nil)        // no such kind
        #expect(MoneyLine(bytes: Array(accrued.prefix(MoneyLine.fixedBytes - 1))) == nil)
    }
}

@Suite("Money accounts (gov.lines, person 0x01)")
struct MoneyAccountTests {
    static func accrual(_ period: String, group: String = "group:a", post: String = "group-leader", source: String = "county-finance") -> MoneyLine {
        MoneyLine(kind: .accrued, amountFen: 30_000, year: String(period.prefix(4)), date: "2023-04-30", group: group,
                  accrual: .init(post: post, period: period, source: source))
    }

    @Test func anAccountAnswersWhatItsLinesHold() throws {
        var account = MoneyAccount()
        for line in [Self.accrual("2023-04"), Self.accrual("2023-12"), Self.accrual("2021-01", group: "group:b"),
                     MoneyLine(kind: .paid, amountFen: 50_000, year: "2023", date: "2023-07-10", group: nil)] {
            try account.add(line)
        }
        #expect(account.sums == [90_000, 0, 0, 50_000, 0])
        #expect(account.contains(group: "group:a", .init(post: "group-leader", period: "2023-04", source: "county-finance")))
        #expect(account.contains(group: "group:a", .init(post: "group-leader", period: "2023-12", source: "county-finance")))
        #expect(account.contains(group: "group:b", .init(post: "group-leader", period: "2021-01", source: "county-finance")))
        #expect(!account.contains(group: "group:a", .init(post: "group-leader", period: "2023-05", source: "county-finance")))
        #expect(!account.contains(group: "group:a", .init(post: "group-member", period: "2023-04", source: "county-finance")))
        #expect(!account.contains(group: "group:a", .init(post: "group-leader", period: "2023-04", source: "village-collective")))
        #expect(!account.contains(group: "group:a", .init(post: "group-leader", period: "2022-04", source: "county-finance")))
        let stored = account.bytes
        #expect(stored.withUnsafeBytes { MoneyAccount(bytes: $0) } == account)
    }

    @Test func theSameLinesInAnyOrderGiveTheSameBytes() throws {
        // A rebuild, and a recomputation after a retraction, must write exactly what the appends wrote.
        let lines = [Self.accrual("2023-04"), Self.accrual("2022-12", group: "group:b"), Self.accrual("2024-01"),
                     Self.accrual("2023-04", source: "village-collective"), Self.accrual("2021-06"),
                     MoneyLine(kind: .bonus, amountFen: 1_000, year: "2023", date: "2023-12-31", group: "group:a")]
        var forward = MoneyAccount()
        for line in lines { try forward.add(line) }
        var seeded = SplitMix64(seed: 7)
        for _ in 0..<20 {
            var shuffled = MoneyAccount()
            for line in lines.shuffled(using: &seeded) { try shuffled.add(line) }
            #expect(shuffled.bytes == forward.bytes)
        }
    }

    @Test func damagedAccountsAreRefused() throws {
        var account = MoneyAccount()
        try account.add(Self.accrual("2023-04"))
        let stored = account.bytes
        func read(_ bytes: [UInt8]) -> MoneyAccount? { bytes.withUnsafeBytes { MoneyAccount(bytes: $0) } }
        #expect(read(Array(stored.dropLast())) == nil)                  // a year cut short
        #expect(read(stored + [0]) == nil)                              // trailing bytes
        #expect(read([2] + Array(stored.dropFirst())) == nil)           // an unknown format
        #expect(read(Array(stored.prefix(MoneyAccount.headerBytes - 1))) == nil)
        var moreEntries = stored
        moreEntries[MoneyAccount.headerBytes - 1] = 2                   // claims two entries, holds one
        #expect(read(moreEntries) == nil)
    }

    @Test func aRebuildWritesTheAccountsTheAppendsWrote() throws {
        // Appends and a replay both keep each account up to date, one version per money event (about 90
        // people). `check` compares the two, entry by entry.
        let dir = try TemporaryDirectory()
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        let ledger = try Ledger.create(at: dir.path + "/ledger", options: options, ledgerID: "accounts")
        var size = CityStream.Size()
        size.groups = 23
        size.years = 2
        var stream = CityStream(seed: 11, size: size)
        var pending: [EventDraft] = []
        try stream.generate { request in
            pending.append(try GovernanceRequests.draft(from: .object(request), defaultActor: "test"))
            if pending.count == 500 {
                _ = try ledger.append(pending)
                pending.removeAll()
            }
        }
        _ = try ledger.append(pending)
        let report = try ledger.checkProjections()
        #expect(report.isConsistent, "\(report.tables.filter { $0.differenceCount > 0 }.map { "\($0.name): \($0.differences)" })")
        #expect(report.tables.first { $0.name == StateTable.lines }.map { $0.liveEntries > 0 && $0.liveEntries == $0.rebuiltEntries } == true)
    }

    @Test func aBadPeriodIsRefusedNotStored() {
        var account = MoneyAccount()
        #expect(throws: RuleViolation.self) { try account.add(Self.accrual("2023-13")) }
        #expect(account == MoneyAccount())
    }
}

