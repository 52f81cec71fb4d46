import EventLog
import Foundation
import Governance
import Testing
import TestSupport

/// Readers hold a snapshot, never the writer lock: a clerk's append from another process completes while a
/// long reader (`--at-seq`, `check`, `export`) is still reading. Each append here runs to completion inside
/// the reader's own call, so it could not finish if the reader held the lock (no timing is measured).
@Suite("Reads off the writer lock: an append from another process completes while a reader holds its snapshot")
struct SnapshotConcurrencyTests {
    func populated(_ dir: TemporaryDirectory) throws -> Ledger {
        try makeLedger(dir, groups: ["a"])
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(200, stream: "a"))
        #expect(appended.status == 0, "\(appended.stderr)")
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.readOnly = true
        return try Ledger.open(at: dir.ledger, options: options)
    }

    /// Appends one receipt with the binary; returns its exit status and stderr.
    func appendOne(_ dir: TemporaryDirectory, _ n: Int) throws -> Output {
        try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(1, stream: "a", from: 1_000 + n))
    }

    @Test func anAppendCompletesDuringATimeTravelQuery() throws {
        let dir = try TemporaryDirectory()
        let ledger = try populated(dir)
        let (status, head) = try ledger.readTables(atSeq: 100) { _, head in (try appendOne(dir, 1), head.seq) }
        #expect(status.status == 0, "\(status.stderr)")
        #expect(head == 202)                     // the snapshot did not move
        #expect(try ledger.head().seq == 203)    // the append is there for the next reader
    }

    @Test func anAppendCompletesDuringACheck() throws {
        let dir = try TemporaryDirectory()
        let ledger = try populated(dir)
        var outputs: [Output] = []
        let report = try ledger.checkProjections { _, _ in
            do {
                outputs.append(try appendOne(dir, outputs.count))
            } catch {
                Issue.record("the append could not be run: \(error)")
            }
        }
        #expect(report.isConsistent && report.events == 202)
        #expect(!outputs.isEmpty && outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.stderr))")
        #expect(try ledger.head().seq == 202 + UInt64(outputs.count))
    }

    @Test func anAppendCompletesDuringAnExport() throws {
        let dir = try TemporaryDirectory()
        let ledger = try populated(dir)
        var outputs: [Output] = []
        try ledger.forEachRecord(in: 1...202, chunkEventsMax: 50) { record in
            if record.seq % 50 == 0 { outputs.append(try appendOne(dir, Int(record.seq))) }
            return true
        }
        #expect(outputs.count == 4 && outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.stderr))")
        #expect(try ledger.head().seq == 206)
    }
}
