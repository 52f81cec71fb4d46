import Foundation
import Testing
import TestSupport

@Suite("grassroots backup: a compacted hot copy, verified")
struct BackupTests {
    @Test func theCopyHoldsTheSameEventsAndVerifies() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, repositoryRoot + "/tools/sample-events.ndjson").status == 0)
        let copy = dir.path + "/backup"
        let made = try grassroots("backup", "--ledger", dir.ledger, copy)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("backed up 14 events to \(copy)") && made.stdout.contains("verified"), "\(made.stdout)")
        let original = try grassroots("export", "--ledger", dir.ledger).stdout
        #expect(try grassroots("export", "--ledger", copy).stdout == original)
        #expect(try grassroots("verify", "--ledger", copy).status == 0)
        #expect(try grassroots("roster", "--ledger", copy, "--group", "group:lh-03").stdout
                == grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03").stdout)
        // Never over something: a second backup into the same directory is refused, the copy unchanged.
        let before = try snapshot(copy)
        let again = try grassroots("backup", "--ledger", dir.ledger, copy, "--lang", "zh")
        #expect(again.status == 5)
        #expect(again.stderr.contains("已存在"), "\(again.stderr)")
        #expect(try snapshot(copy) == before)
    }

    @Test func aBackupDoesNotStopAnAppend() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, repositoryRoot + "/tools/sample-events.ndjson").status == 0)
        // A clerk appends while the backup runs; both finish, and the copy is a committed state of the chain.
        let extra = #"{"type":"fund.received","effectiveDate":"2023-04-01","data":{"group":"group:lh-03","amountFen":500000,"source":"土地租金"}}"#
        let file = dir.path + "/extra.ndjson"
        try Data((extra + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let appending = Process()
        appending.executableURL = URL(fileURLWithPath: grassrootsBinary)
        appending.arguments = ["append", "--ledger", dir.ledger, file]
        appending.environment = ProcessInfo.processInfo.environment.merging(["GRASSROOTS_LANG": "en"]) { _, new in new }
        try appending.run()
        let made = try grassroots("backup", "--ledger", dir.ledger, dir.path + "/backup")
        appending.waitUntilExit()
        #expect(made.status == 0 && appending.terminationStatus == 0, "\(made.stderr)")
        let events = try grassroots("stats", "--ledger", dir.path + "/backup", "--json").stdout
        #expect(events.contains(#""events":14,"#) || events.contains(#""events":15,"#), "\(events)")
    }
}
