import Foundation
import Testing
import TestSupport

/// A ledger written by an earlier release (Fixtures/format1: storage before projections were versioned by
/// event, `governance-state-13`) is migrated by `grassroots rebuild`, or by the first command that writes,
/// and then answers exactly what that release answered on it.
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
    }

    @Test func aReadAsksForARebuildWhichMigratesTheLedger() throws {
        let dir = try TemporaryDirectory()
        let ledger = try restored(dir)
        let refused = try grassroots("roster", "--ledger", ledger, "--unit", "unit:dq-t1")
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("built as governance-state-13") && refused.stderr.contains("run `grassroots rebuild`"), "\(refused.stderr)")
        let rebuilt = try grassroots("rebuild", "--ledger", ledger)
        #expect(rebuilt.status == 0 && rebuilt.stdout.contains("379 events"), "\(rebuilt.stderr)")
        try expectTheSameAnswers(ledger)
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
    }
}
