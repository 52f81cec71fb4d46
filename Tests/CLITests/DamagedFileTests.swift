import Foundation
import Testing
import TestSupport

/// Issue 16 item 6, its first part: a `data.mdb` shorter than its meta page says is refused before liblmdb
/// maps it (exit 4, never SIGBUS), and a ledger reached through a symbolic link is refused (exit 5), so two
/// paths with two lock files cannot let two writers corrupt one `data.mdb`.
@Suite("Damaged files: truncation and symbolic links refused on open")
struct DamagedFileTests {
    @Test func aTruncatedDataFileIsRefusedByEveryCommandWithoutASignal() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(400, stream: "a")).status == 0)
        let data = dir.ledger + "/data.mdb"
        let size = try #require(try FileManager.default.attributesOfItem(atPath: data)[.size] as? Int)
        for keep in [size / 2, size - 4096, 8192] {
            #expect(truncate(data, off_t(keep)) == 0)
            for command in [["verify"], ["log", "--from", "300"], ["stats"], ["funds", "--group", "group:a"], ["append", "-"]] {
                let output = try run(grassrootsBinary, command + ["--ledger", dir.ledger], stdin: "")
                #expect(output.status == 4, "\(command) on \(keep) bytes: \(output.status) \(output.stderr)")
                #expect(output.stderr.contains("was truncated or its meta page damaged"), "\(output.stderr)")
            }
        }
    }

    @Test func aLedgerReachedThroughASymbolicLinkIsRefused() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])
        let linked = dir.path + "/linked"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: dir.ledger)
        let second = dir.path + "/second"
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: second + "/data.mdb", withDestinationPath: dir.ledger + "/data.mdb")
        for (path, what) in [(linked, "it is a symbolic link"), (linked + "/", "it is a symbolic link"), (second, "its data.mdb is a symbolic link")] {
            for command in [["verify"], ["append", "-"]] {
                let output = try run(grassrootsBinary, command + ["--ledger", path], stdin: eventLines(1, stream: "a"))
                #expect(output.status == 5 && output.stderr.contains(what), "\(path) \(command): \(output.stderr)")
            }
        }
        #expect(try grassroots("verify", "--ledger", dir.ledger).stdout.hasPrefix("ok: 2 events"))
    }
}
