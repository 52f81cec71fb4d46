import Foundation
import Testing
import TestSupport

@Suite("grassroots: commands end to end")
struct CommandTests {
    @Test func initAppendLogExportVerifyStats() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s"])
        #expect(try grassroots("init", "--ledger", dir.ledger).status == 5)
        let file = try dir.file("e.ndjson", eventLines(5, keys: true))
        let appended = try grassroots("append", "--ledger", dir.ledger, file)
        #expect(appended.status == 0)
        #expect(appended.stdout == "appended 5 events in 1 batch; last seq 7\n")
        let again = try grassroots("--ledger", dir.ledger, "append", file)
        #expect(again.stdout == "appended 0 events, 5 already recorded (idempotency key seen) in 1 batch; last seq 7\n")
        let log = try grassroots("log", "--ledger", dir.ledger, "--from", "6")
        #expect(log.stdout == """
            SEQ  EFFECTIVE   TYPE           STREAM   VER  ACTOR  SUBJECTS  RECORDED
            6    2026-03-01  fund.received  group:s  5    e2e    group:s   2026-01-31T08:00:00.000000Z
            7    2026-03-01  fund.received  group:s  6    e2e    group:s   2026-01-31T08:00:00.000000Z

            """)
        let bySubject = try grassroots("log", "--ledger", dir.ledger, "--subject", "group:s", "--from", "2", "--limit", "1", "--json")
        #expect(bySubject.stdout.split(separator: "\n").count == 1)
        #expect(bySubject.stdout.contains(#""seq":2,"#))
        let export = try grassroots("export", "--ledger", dir.ledger)
        #expect(export.stdout.split(separator: "\n").count == 7)
        let verify = try grassroots("verify", "--ledger", dir.ledger)
        #expect(verify.status == 0)
        // 8 subject-index entries (each event's stream is among its subjects; the group's registration names
        // its unit too), 5 idempotency keys: no stream index since storage format 2.
        #expect(verify.stdout.hasPrefix("ok: 7 events, hash chain intact, 13 index entries consistent; head seq 7 hash "), "\(verify.stdout)")
        let stats = try grassroots("stats", "--ledger", dir.ledger, "--json")
        #expect(stats.stdout.contains(#""events":7,"#) && stats.stdout.contains(#""idempotencyKeys":5,"#))
        let head = try #require(stats.stdout.firstMatch(of: /"headHash":"([0-9a-f]{64})"/)).1
        #expect(try grassroots("verify", "--ledger", dir.ledger, "--head", "7:\(head)").status == 0)
        #expect(try grassroots("verify", "--ledger", dir.ledger, "--head", "6:\(head)").status == 4)
    }

    @Test func theLedgerComesFromTheEnvironmentToo() throws {
        let dir = try TemporaryDirectory()
        #expect(try grassroots("init", environment: ["GRASSROOTS_LEDGER": dir.ledger]).status == 0)
        #expect(try grassroots("append", "-", stdin: groupSetup(["s"]) + eventLines(2), environment: ["GRASSROOTS_LEDGER": dir.ledger]).status == 0)
        #expect(try grassroots("stats", "--ledger", dir.ledger).stdout.contains("events            4"))
    }

    @Test func missingLedgerAndUsageErrorsHaveTheirCodes() throws {
        let dir = try TemporaryDirectory()
        let missing = try grassroots("log", "--ledger", dir.ledger)
        #expect(missing.status == 5)
        #expect(missing.stderr.contains("no ledger at"))
        #expect(try grassroots("log", "--ledger", dir.ledger, "--limit", "0").status == 64)
        #expect(try grassroots("frobnicate").status == 64)
        let help = try grassroots("--help")
        #expect(help.stdout.contains("Exit codes:") && help.stdout.contains("integrity failure"))
        let appendHelp = try grassroots("append", "--help")
        #expect(appendHelp.stdout.contains("idempotencyKey"))
    }

    @Test func dryRunWritesNothing() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s"])
        let file = try dir.file("e.ndjson", eventLines(30))
        let dry = try grassroots("append", "--ledger", dir.ledger, "--dry-run", "--batch-size", "7", file)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would append 30 events in 5 batches; nothing was written (last seq would be 32)"), "\(dry.stdout)\(dry.stderr)")
        #expect(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout.contains(#""events":2,"#))
    }

    @Test func exportRefusesToOverwriteAFile() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let existing = try dir.file("out.ndjson", "keep me\n")
        #expect(try grassroots("export", "--ledger", dir.ledger, "--out", existing).status == 2)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me\n")
    }
}

@Suite("grassroots: bad input leaves the ledger exactly as it was")
struct BadInputTests {
    static let valid = #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"levy"}}"#

    static func line(_ data: String, extra: String = "", type: String = "fund.received", date: String = "2026-01-02") -> String {
        #"{"type":"\#(type)","effectiveDate":"\#(date)","data":\#(data)\#(extra)}"#
    }
    static let data = #"{"group":"group:g","amountFen":1,"source":"levy"}"#

    static let cases: [(name: String, line: String, code: Int32, message: String)] = [
        ("bad JSON", #"{"type":"fund.received","effectiveDate":"#, 2, "line 2: not valid JSON"),
        ("missing type", #"{"effectiveDate":"2026-01-02","data":{}}"#, 2, "line 2: type: missing"),
        ("missing data", #"{"type":"fund.received","effectiveDate":"2026-01-02"}"#, 2, "line 2: data: missing"),
        ("data not object", line("[]"), 2, "data: must be a JSON object, got array"),
        ("type not string", #"{"type":7,"effectiveDate":"2026-01-02","data":{}}"#, 2, "type: must be a string, got integer"),
        ("unknown type", line("{}", type: "fund.stolen"), 2, "type: unknown event type \"fund.stolen\""),
        ("unknown payload field", line(#"{"group":"group:g","amountFen":1,"source":"levy","colour":"red"}"#), 2, "data.colour: unknown field"),
        ("missing payload field", line(#"{"group":"group:g","amountFen":1}"#), 2, "data.source: missing (required)"),
        ("negative amount", line(#"{"group":"group:g","amountFen":-1,"source":"levy"}"#), 2, "data.amountFen: must be an amount in fen"),
        ("bad id", line(#"{"group":"person:x","amountFen":1,"source":"levy"}"#), 2, "data.group: \"person:x\" is not an id of the form group:NAME"),
        ("stream contradicts data", line(data, extra: #","stream":"group:other""#), 2, "stream: \"group:other\" differs from the stream its data names"),
        ("subjects lack the data's", line(data, extra: #","subjects":["person:p"]"#), 2, "subjects: lacks \"group:g\""),
        ("impossible date", line(data, date: "2026-02-30"), 2, "effectiveDate: \"2026-02-30\" is not a calendar date"),
        ("date with time", line(data, date: "2026-02-03T00:00"), 2, "effectiveDate"),
        ("float amount", line(#"{"group":"group:g","amountFen":1.5,"source":"levy"}"#), 2, "only integers"),
        ("unknown member", line(data, extra: #","colour":"red""#), 2, "colour: unknown member"),
        ("negative expected version", line(data, extra: #","expectedVersion":-1"#), 2, "expectedVersion"),
        ("subject not string", line(data, extra: #","subjects":[1]"#), 2, "subjects"),
        ("duplicate key", #"{"type":"fund.received","type":"fund.received","effectiveDate":"2026-01-02","data":{}}"#, 2, "duplicate key"),
        ("not an object", #"[1,2]"#, 2, "event: must be a JSON object"),
        ("oversize line", line(#"{"group":"group:g","amountFen":1,"source":""# + String(repeating: "y", count: 300_000) + #""}"#), 2, "exceed the limit of 262144 bytes per line"),
        ("version conflict", line(data, extra: #","expectedVersion":7"#), 3, "version conflict on stream \"group:g\": expected version 7, the stream is at version"),
        ("key reused", line(#"{"group":"group:g","amountFen":2,"source":"levy"}"#, extra: #","idempotencyKey":"k-1""#), 3, "idempotency key \"k-1\" is already recorded as event 3 with different data"),
        ("unregistered group", line(#"{"group":"group:nowhere","amountFen":1,"source":"levy"}"#), 3, "refused: unknown reference: data.group names group:nowhere, which is not registered"),
    ]

    @Test(arguments: cases.indices)
    func refusedWithItsLineAndNothingChanges(index: Int) throws {
        let (name, line, code, message) = BadInputTests.cases[index]
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["g"])
        let seed = BadInputTests.line(BadInputTests.data, extra: #","idempotencyKey":"k-1""#)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: seed + "\n").status == 0)
        let before = try grassroots("export", "--ledger", dir.ledger).stdout
        let input = BadInputTests.valid + "\n" + line + "\n" + BadInputTests.valid + "\n"
        let result = try grassroots("append", "--ledger", dir.ledger, "-", stdin: input)
        #expect(result.status == code, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(result.stderr.contains("nothing of this batch (lines 1-"), "\(name): \(result.stderr)")
        #expect(try grassroots("export", "--ledger", dir.ledger).stdout == before, "\(name) changed the ledger")
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
    }

    @Test func earlierBatchesStayCommittedAndAreSaidToBe() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["s"])
        let input = eventLines(10) + "{oops\n"
        let result = try grassroots("append", "--ledger", dir.ledger, "--batch-size", "4", "-", stdin: input)
        #expect(result.status == 2)
        #expect(result.stderr.contains("line 11: not valid JSON"))
        #expect(result.stderr.contains("nothing of this batch (lines 9-11) was written; 2 earlier batches (8 events, up to seq 10) stay committed"), "\(result.stderr)")
        #expect(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout.contains(#""events":10,"#))
    }

    @Test func aFullMapRefusesTheBatchAndKeepsTheLedger() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger, "--map-size-max", "1048576")
        #expect(try grassroots("append", "--ledger", dir.ledger, "--map-size-max", "1048576", "-", stdin: groupSetup((0..<9).map { "g\($0)" })).status == 0)
        let big = (1...2_000).map { i in
            #"{"type":"audit.completed","effectiveDate":"2026-01-02","data":{"group":"group:g\#(i % 9)","kind":"annual","periodStart":"2025-01-01","periodEnd":"2025-12-31","auditor":"town","findings":"\#(i) \#(String(repeating: "z", count: 900))"}}"#
        }.joined(separator: "\n")
        let result = try grassroots("append", "--ledger", dir.ledger, "--map-size-max", "1048576", "--batch-size", "100", "-", stdin: big)
        #expect(result.status == 1)
        #expect(result.stderr.contains("maximum map size of 1048576 bytes"))
        let stats = try grassroots("stats", "--ledger", dir.ledger, "--json", "--map-size-max", "1048576").stdout
        let events = try #require(stats.firstMatch(of: /"events":([0-9]+),/)).1
        #expect(Int(events).map { ($0 - 10) % 100 == 0 } == true)
        #expect(try grassroots("verify", "--ledger", dir.ledger, "--map-size-max", "1048576").status == 0)
    }

    /// Seeded mutations of valid lines: each is accepted or refused cleanly, never a crash, and a refusal
    /// changes nothing.
    @Test func mutatedLinesNeverCrashOrCorrupt() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["g"])
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: """
            {"type":"person.registered","effectiveDate":"2020-01-01","data":{"person":"person:p","birthDate":"1980-01-01","sex":"M","group":"group:g","votingRights":true}}
            {"type":"meeting.held","effectiveDate":"2026-01-02","data":{"group":"group:g","meeting":"meeting:m","purpose":"选举","eligibleAdults":120,"attendingAdults":90}}

            """).status == 0)
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let base = Array(#"{"type":"vote.tallied","effectiveDate":"2026-01-02","subjects":["group:g","person:p"],"data":{"group":"group:g","vote":"vote:v","meeting":"meeting:m","question":"election","ballotsCast":9,"candidates":[{"person":"person:p","votes":5}]}}"#.utf8)
        var lines: [String] = []
        for _ in 0..<150 {
            var bytes = base
            for _ in 0...(next() % 3) {
                let position = next() % bytes.count
                switch next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: next())
                case 1: bytes.remove(at: position)
                default: bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
                }
            }
            lines.append(String(decoding: bytes.filter { $0 != 0x0A }, as: UTF8.self))
        }
        var accepted = 0
        for line in lines {
            let before = try grassroots("stats", "--ledger", dir.ledger, "--json").stdout
            let result = try grassroots("append", "--ledger", dir.ledger, "-", stdin: line + "\n")
            #expect([0, 2, 3].contains(result.status), "line \(line): \(result.status) \(result.stderr)")
            if result.status == 0 {
                accepted += 1
            } else {
                #expect(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout == before)
            }
        }
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
        #expect(accepted < lines.count)
    }
}
