import Foundation
import Testing
import TestSupport

@Suite("A full disk")
struct DiskFullTests {
    /// Audit records of about 1 KB each: 4,000 of them do not fit in 2 MiB.
    static let bigInput: String = groupSetup((0..<9).map { "g\($0)" }) + (1...4_000).map { i in
        #"{"type":"audit.completed","effectiveDate":"2026-01-02","data":{"group":"group:g\#(i % 9)","kind":"annual","periodStart":"2025-01-01","periodEnd":"2025-12-31","auditor":"town","findings":"\#(i) \#(String(repeating: "z", count: 900))"}}"#
    }.joined(separator: "\n") + "\n"

    /// On a 2 MiB tmpfs (mounted here when this process may: root with CAP_SYS_ADMIN; elsewhere
    /// `tools/enospc-test.sh` does the same by hand), an append that fills the disk says so, names the
    /// lines and head committed, and loses nothing: the ledger verifies and holds exactly those events.
    @Test func anAppendThatFillsTheDiskSaysSoAndKeepsWhatWasCommitted() throws {
        let dir = try TemporaryDirectory()
        let mountPoint = dir.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        guard getuid() == 0, try run("/bin/mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint]).status == 0 else {
            print("DiskFullTests: cannot mount a tmpfs here; run tools/enospc-test.sh as root instead")
            return
        }
        defer {
            do {
                let unmounted = try run("/bin/umount", [mountPoint])
                if unmounted.status != 0 { Issue.record("umount \(mountPoint): \(unmounted.stderr)") }
            } catch {
                Issue.record("umount \(mountPoint): \(error)")
            }
        }
        let ledger = mountPoint + "/ledger"
        #expect(try grassroots("init", "--ledger", ledger).status == 0)
        let result = try grassroots("append", "--ledger", ledger, "--batch-size", "100", "-", stdin: Self.bigInput)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the disk holding \(ledger) is full (no space left on device)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Input/output error"))
        let committed = try #require(result.stderr.firstMatch(of: /\((lines 1-([0-9]+)), ([0-9]+) events\) stay committed, the head is seq ([0-9]+), and nothing else was lost/))
        let lines = try #require(Int(committed.2))
        let head = try #require(Int(committed.4))
        #expect(lines == head, "one event per line, so the last committed line is the head")
        #expect(result.stderr.contains("append again from line \(lines + 1)"))
        let verify = try grassroots("verify", "--ledger", ledger)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(try grassroots("stats", "--ledger", ledger, "--json").stdout.contains(#""events":\#(head),"#))
    }
}
