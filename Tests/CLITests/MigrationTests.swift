import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// A ledger written by an earlier release (Fixtures/format1: storage format 1, with `log.streams`, and
/// projections from before they were versioned by event, `governance-state-13`) is migrated by
/// `grassroots rebuild`, or by the first command that writes, and then answers exactly what that release
/// answered on it. A read-only copy of it answers every read command without changing a byte.
@Suite("Migration: a ledger in an earlier storage format")
struct MigrationTests {
    static let fixtures = repositoryRoot + "/Tests/CLITests/Fixtures/format1"

    /// Loads the fixture's `mdb_dump` into a new ledger directory (lmdb-utils' `mdb_load`).
    func restored(_ dir: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: dir.ledger, withIntermediateDirectories: false)
        let loaded = try run("/bin/sh", ["-c", "gunzip -c \"$0\" | mdb_load \"$1\" 2>/dev/null", MigrationTests.fixtures + "/ledger.mdbdump.gz", dir.ledger])
        #expect(loaded.status == 0, "mdb_load: \(loaded.stderr)")
        return dir.ledger
    }

    func expected(_ name: String) throws -> String {
        try String(contentsOfFile: MigrationTests.fixtures + "/" + name, encoding: .utf8)
    }

    /// `stats --json` as an object.
    static func stats(_ output: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// The figures of `stats` that do not depend on the storage layout, as the format-1 release gave them.
    static let layoutFreeStats = ["events", "streams", "subjects", "idempotencyKeys", "headHash", "ledgerId"]

    /// What the release before format 2 answered from the log's indexes (Fixtures/format1: `log --stream`,
    /// `log --subject`, `stats`), which the migrated ledger, or a read-only copy read as it is, must answer too.
    func expectTheSameLogAnswers(_ ledger: String, reader: Reader = .thisUser, binary: String = grassrootsBinary,
                                 formatVersion: Int = 3, personStreamGrew: Bool = false) throws {
        func answer(_ arguments: String...) throws -> String {
            let output = try reader.run(binary, ["--ledger", ledger] + arguments)
            #expect(output.status == 0, "\(arguments): \(output.stderr)")
            return output.stdout
        }
        #expect(try answer("log", "--stream", "group:dq-t1-v1-g1") == expected("log-stream-g1.txt"))
        #expect(try answer("log", "--stream", "group:dq-t1-v1-g1", "--from", "5", "--limit", "4", "--json") == expected("log-stream-g1-from-5.ndjson"))
        let person = try answer("log", "--stream", "person:dq-t1-v1-g1-1", "--json")
        if personStreamGrew {
            #expect(person.hasPrefix(try expected("log-stream-person-g1-1.ndjson")))
        } else {
            #expect(person == (try expected("log-stream-person-g1-1.ndjson")))
        }
        if !personStreamGrew { #expect(try answer("log", "--subject", "person:dq-t1-v1-g1-1") == expected("log-subject-person-g1-1.txt")) }
        let stats = try MigrationTests.stats(try answer("stats", "--json"))
        let before = try MigrationTests.stats(try expected("stats.json"))
        for name in MigrationTests.layoutFreeStats where !(personStreamGrew && ["events", "headHash", "idempotencyKeys"].contains(name)) {
            #expect(String(describing: stats[name] ?? "none") == String(describing: before[name] ?? "none"), "stats: \(name)")
        }
        #expect(stats["formatVersion"] as? Int == formatVersion)
        let verified = try reader.run(binary, ["--ledger", ledger, "verify"])
        #expect(verified.status == 0 && verified.stdout.hasPrefix("ok: \(personStreamGrew ? 380 : 379) events, hash chain intact"), "\(verified.stdout)\(verified.stderr)")
    }

    /// What the earlier release answered, and what this one must answer after the migration.
    func expectTheSameAnswers(_ ledger: String) throws {
        #expect(try grassroots("roster", "--ledger", ledger, "--unit", "unit:dq-t1").stdout == expected("roster.txt"))
        #expect(try grassroots("roster", "--ledger", ledger, "--group", "group:dq-t1-v1-g1", "--at-seq", "200").stdout == expected("roster-g1-at-200.txt"))
        #expect(try grassroots("person", "--ledger", ledger, "person:dq-t1-v1-g1-1", "--json").stdout == expected("person-g1-1.json"))
        // Before the correction (379) and the retraction (378): the payment as first recorded.
        #expect(try grassroots("person", "--ledger", ledger, "person:dq-t1-v1-g1-1", "--json", "--at-seq", "377").stdout == expected("person-g1-1-at-377.json"))
        #expect(try grassroots("funds", "--ledger", ledger, "--group", "group:dq-t1-v1-g1", "--json").stdout == expected("funds-g1.json"))
        #expect(try grassroots("subsidies", "--ledger", ledger, "--unit", "unit:dq").stdout == expected("subsidies.txt"))
        let export = try run("/bin/sh", ["-c", "\"$0\" export --ledger \"$1\" | md5sum | cut -d' ' -f1", grassrootsBinary, ledger])
        #expect(export.stdout == (try expected("export.md5")))
        let verified = try grassroots("verify", "--ledger", ledger)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let checked = try grassroots("check", "--ledger", ledger)
        #expect(checked.status == 0 && checked.stdout.contains("equal a rebuild from 379 events"), "\(checked.stdout)\(checked.stderr)")
        try expectTheSameLogAnswers(ledger)
    }

    @Test func aReadAsksForARebuildWhichMigratesTheLedger() throws {
        let dir = try TemporaryDirectory()
        let ledger = try restored(dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: ledger + "/data.mdb"))
        let refused = try grassroots("roster", "--ledger", ledger, "--unit", "unit:dq-t1")
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("built as governance-state-13") && refused.stderr.contains("run `grassroots rebuild`"), "\(refused.stderr)")
        // The log's reads answer from format 1 as it is, and migrate nothing.
        try expectTheSameLogAnswers(ledger, formatVersion: 1)
        let log = try grassroots("log", "--ledger", ledger, "--limit", "1")
        #expect(log.stderr.contains("is in storage format 1, which is read as it is"), "\(log.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger + "/data.mdb")) == data, "a read changed the ledger")
        let rebuilt = try grassroots("rebuild", "--ledger", ledger)
        #expect(rebuilt.status == 0 && rebuilt.stdout.contains("379 events"), "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("from storage format 1 to 2") && rebuilt.stderr.contains("379 events re-indexed in one transaction"), "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("from storage format 2 to 3") && rebuilt.stderr.contains("Merkle tree over its 379 events"), "\(rebuilt.stderr)")
        try expectTheSameAnswers(ledger)
        // Migrated once: the next writing command has nothing to migrate.
        #expect(try grassroots("rebuild", "--ledger", ledger).stderr.contains("storage format") == false)
    }

    @Test func theFirstAppendMigratesTheLedgerAndAppends() throws {
        let dir = try TemporaryDirectory()
        let ledger = try restored(dir)
        // A payment of what is still owed (200.00 yuan after the correction to 1,000.00).
        let payment = #"{"type":"payment.made","effectiveDate":"2024-03-10","data":{"person":"person:dq-t1-v1-g1-1","payment":"payment:migrated-1","amountFen":20000,"period":"2023-12"}}"#
        let appended = try grassroots("append", "--ledger", ledger, "-", stdin: payment + "\n")
        #expect(appended.status == 0 && appended.stdout.contains("last seq 380"), "\(appended.stdout)\(appended.stderr)")
        let person = try grassroots("person", "--ledger", ledger, "person:dq-t1-v1-g1-1", "--json")
        #expect(person.stdout.contains(#""owedFen":0"#), "\(person.stdout)")
        let before = try grassroots("person", "--ledger", ledger, "person:dq-t1-v1-g1-1", "--json", "--at-seq", "379")
        #expect(before.stdout == (try expected("person-g1-1.json")))
        try expectTheSameLogAnswers(ledger, personStreamGrew: true)
        // The payment is version 8 of the person's stream (7 before the migration); expectations continue from there.
        #expect(try grassroots("log", "--ledger", ledger, "--stream", "person:dq-t1-v1-g1-1", "--from", "8", "--json").stdout.contains(#""seq":380,"#))
        let update = #"{"type":"person.updated","effectiveDate":"2024-03-15","data":{"person":"person:dq-t1-v1-g1-1","votingRights":true},"expectedVersion":"#
        let stale = try grassroots("append", "--ledger", ledger, "-", stdin: update + "7}\n")
        #expect(stale.status != 0 && stale.stderr.contains("expected version 7, the stream is at version 8"), "\(stale.stderr)")
        let current = try grassroots("append", "--ledger", ledger, "-", stdin: update + "8}\n")
        #expect(current.status == 0 && current.stdout.contains("last seq 381"), "\(current.stdout)\(current.stderr)")
        #expect(try grassroots("log", "--ledger", ledger, "--stream", "person:dq-t1-v1-g1-1", "--from", "9", "--json").stdout.contains(#""seq":381,"#))
        #expect(try grassroots("verify", "--ledger", ledger).status == 0)
    }

    /// An evidence copy of a format-1 ledger (read-only files, read by another user where the tests run as
    /// root): every read command answers, from its log read as it is and from projections rebuilt in a scratch
    /// copy, with what the format-1 release answered; not a byte of it changes, and no scratch copy is left.
    @Test func aReadOnlyCopyOfAFormat1LedgerAnswersTheReadCommandsAndKeepsEveryByte() throws {
        let dir = try SharedDirectory()
        let copy = dir.path + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
        let loaded = try run("/bin/sh", ["-c", "gunzip -c \"$0\" | mdb_load \"$1\" 2>/dev/null", MigrationTests.fixtures + "/ledger.mdbdump.gz", copy])
        #expect(loaded.status == 0, "mdb_load: \(loaded.stderr)")
        try FileManager.default.removeItem(atPath: copy + "/lock.mdb")  // an evidence copy holds data.mdb alone
        try makeReadOnly(copy)
        let binary = dir.path + "/grassroots"
        try FileManager.default.copyItem(atPath: grassrootsBinary, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        let before = try snapshot(copy)
        for reader in Reader.available {
            try expectTheSameLogAnswers(copy, reader: reader, binary: binary, formatVersion: 1)
            func answer(_ arguments: [String]) throws -> Output {
                let output = try reader.run(binary, ["--ledger", copy] + arguments)
                #expect(output.status == 0, "\(reader.name): \(arguments): \(output.stderr)")
                return output
            }
            let roster = try answer(["roster", "--unit", "unit:dq-t1"])
            #expect(roster.stdout == (try expected("roster.txt")), "\(reader.name)")
            #expect(roster.stderr.contains("rebuilt from its log in a scratch copy"), "\(roster.stderr)")
            #expect(try answer(["person", "person:dq-t1-v1-g1-1", "--json", "--at-seq", "377"]).stdout == expected("person-g1-1-at-377.json"))
            #expect(try answer(["funds", "--group", "group:dq-t1-v1-g1", "--json"]).stdout == expected("funds-g1.json"))
            let exported = try answer(["export"])
            #expect(try run("/usr/bin/md5sum", ["-"], stdin: exported.stdout).stdout.prefix(32) + "\n" == expected("export.md5"))
            let checked = try answer(["check"])
            #expect(checked.stdout.contains("equal a rebuild from 379 events"), "\(checked.stdout)")
            // Writes are refused, naming why.
            let append = try reader.run(binary, ["--ledger", copy, "append", "-"])
            #expect(append.status == 5 && append.stderr.contains("cannot be written"), "\(append.stderr)")
        }
        #expect(try snapshot(copy) == before, "the evidence copy changed")
    }

    /// SIGKILL at random instants while a writing command migrates a format-1 ledger (`append` with nothing to
    /// append: the migration is all it writes): each time the ledger is whole, in format 1 as it was or, once
    /// the migration committed, in format 2, and verifies; the next writing command migrates it.
    @Test func killedMidMigrationLeavesAWholeLedgerInOneFormatOrTheOther() throws {
        let dir = try TemporaryDirectory()
        let pristine = dir.path + "/format1"
        let demo = try grassroots("demo", "--ledger", pristine, "--years", "2")
        #expect(demo.status == 0, "\(demo.stderr)")
        try downgradeToFormat1(pristine)
        let events = try #require(try MigrationTests.stats(try grassroots("stats", "--ledger", pristine, "--json").stdout)["events"] as? Int)
        var random = SystemRandomNumberGenerator()
        var killedInFormat1 = 0
        var last = pristine
        for round in 0..<8 {
            let ledger = dir.path + "/round-\(round)"
            try FileManager.default.copyItem(atPath: pristine, toPath: ledger)
            last = ledger
            let process = Process()
            process.executableURL = URL(fileURLWithPath: grassrootsBinary)
            process.arguments = ["append", "--ledger", ledger, "-"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 150_000...1_500_000, using: &random))
            let running = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let stats = try MigrationTests.stats(try grassroots("stats", "--ledger", ledger, "--json").stdout)
            let format = stats["formatVersion"] as? Int
            #expect(format.map { (1...3).contains($0) } == true, "round \(round): \(stats)")
            #expect(stats["events"] as? Int == events, "round \(round)")
            let verified = try grassroots("verify", "--ledger", ledger)
            #expect(verified.status == 0, "round \(round), format \(format ?? 0): \(verified.stdout)")
            if running && format == 1 { killedInFormat1 += 1 }
        }
        #expect(killedInFormat1 > 0, "no kill landed before the migration committed; the test proved nothing")
        let appended = try grassroots("append", "--ledger", last, "-", stdin: "")
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try MigrationTests.stats(try grassroots("stats", "--ledger", last, "--json").stdout)["formatVersion"] as? Int == 3)
        #expect(try grassroots("verify", "--ledger", last).status == 0)
    }

    /// A format-2 ledger (before the Merkle tree) is read as it is by read commands, which say so and refuse
    /// proofs; the first command that writes builds the tree in one transaction, the same tree appends build.
    @Test func aFormat2LedgerGetsItsMerkleTreeFromTheFirstWrite() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a", "b"])
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(300, stream: "a")).status == 0)
        let native = dir.path + "/native"
        try FileManager.default.copyItem(atPath: dir.ledger, toPath: native)
        try Ledger.downgradeToFormat2(dir.ledger)
        var readOnly = LedgerOptions()
        readOnly.readOnly = true
        let expectedRoot = try Ledger.open(at: native, options: readOnly).treeHead()
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        let verified = try grassroots("verify", "--ledger", dir.ledger)
        #expect(verified.status == 0 && verified.stderr.contains("storage format 2, without the Merkle tree"), "\(verified.stdout)\(verified.stderr)")
        let stats = try MigrationTests.stats(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout)
        #expect(stats["formatVersion"] as? Int == 2)
        let proof = try grassroots("prove", "--ledger", dir.ledger, "--seq", "5", "--size", "10")
        #expect(proof.status == 5 && proof.stderr.contains("has no Merkle tree"), "\(proof.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == data, "a read changed the ledger")
        let rebuilt = try grassroots("rebuild", "--ledger", dir.ledger)
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains("from storage format 2 to 3 (the Merkle tree over its 303 events"), "\(rebuilt.stderr)")
        #expect(try Ledger.open(at: dir.ledger, options: readOnly).treeHead() == expectedRoot)
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(1, stream: "b")).status == 0)
        #expect(try grassroots("append", "--ledger", native, "-", stdin: eventLines(1, stream: "b")).status == 0)
        #expect(try Ledger.open(at: dir.ledger, options: readOnly).treeHead() == Ledger.open(at: native, options: readOnly).treeHead())
    }

    /// Rewrites a ledger as format 1 laid it out (`Ledger.downgradeToFormat1`).
    func downgradeToFormat1(_ path: String) throws { try Ledger.downgradeToFormat1(path) }
}
