import Foundation
import Testing
import TestSupport

/// Issue 16 item 6: a damaged `data.mdb` is reported (exit 4), never a death by a signal or a hang: a file
/// shorter than its meta page says and meta pages that are not the last two commits are refused on open; a
/// fault inside the map exits 4 naming the page; a ledger reached through a symbolic link is refused (exit 5),
/// so two paths with two lock files cannot let two writers corrupt one `data.mdb`; and a seeded campaign of
/// flips in every kind of page (tools/damage.py) passes.
@Suite("Damaged files: refused on open, reported not crashed, symbolic links refused")
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
                #expect(output.stderr.contains("is damaged"), "\(output.stderr)")
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

    /// The campaign of tools/damage.py, 36 seeded trials on a one-year demo ledger with 6 audits long enough to
    /// need overflow pages: one byte flipped in a meta, branch, leaf, overflow or free page, or the file
    /// truncated; `verify`, `log`, a whole-ledger query and one query about an id the damaged page holds each
    /// exit 0 or 4, never by a signal or a hang, and `verify --deep` catches every flip that changes an answer.
    @Test func seededFlipsInEveryKindOfPageExitZeroOrFourAndDeepCatchesChangedAnswers() throws {
        let dir = try TemporaryDirectory()
        let demo = try grassroots("demo", "--ledger", dir.ledger, "--years", "1")
        #expect(demo.status == 0, "\(demo.stderr)")
        let campaign = try python([repositoryRoot + "/tools/damage.py", "--bin", grassrootsBinary, "--ledger", dir.ledger,
                                   "--trials", "36", "--seed", "16", "--deep", "--quiet", "--overflow", "6",
                                   "--query", "groups --json", "--targeted", "1", "--timeout", "300"])
        #expect(campaign.status == 0, "\(campaign.stdout)\(campaign.stderr)")
        #expect(campaign.stdout.contains("36 trials, 0 failed"), "\(campaign.stdout)")
        for kind in ["meta", "branch", "leaf", "overflow", "free", "truncate"] {
            #expect(campaign.stdout.contains("\n" + kind + " "), "no \(kind) trial: \(campaign.stdout)")
        }
    }

    /// A branch page of the event table whose children point back at it (a cycle, crafted by tools/damage.py):
    /// liblmdb walks the first child again and again, one level deeper each time, until its cursor stack is
    /// full. Every walk now stops at the first key that does not follow the last one (or at liblmdb's own
    /// assertion, which the fault guard reports), and a full cursor stack is damage: `verify`, `log` and
    /// `export` exit 4 (`log --from` once exited 1), well within a time limit.
    @Test func aCycleInABranchPageIsReportedNotWalkedAgain() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(400, stream: "a")).status == 0)
        let crafted = try python([repositoryRoot + "/tools/damage.py", "--ledger", dir.ledger, "--craft-cycle", "log.events"])
        #expect(crafted.status == 0 && crafted.stdout.contains("now point back at it"), "\(crafted.stdout)\(crafted.stderr)")
        for command in [["verify"], ["verify", "--deep"], ["log", "--from", "300", "--limit", "5"], ["export"]] {
            let output = try run("/usr/bin/timeout", ["300", grassrootsBinary] + command + ["--ledger", dir.ledger])
            #expect(output.status == 4 && output.stderr.contains("is damaged"), "\(command): \(output.status) \(output.stderr)")
        }
    }

    /// A flipped transaction number in the older meta page once made liblmdb pick the older root: the ledger
    /// silently lost its last commit, and `verify` said ok. Every command now refuses such a file (exit 4).
    @Test func aFlippedTransactionNumberInEitherMetaPageIsRefusedNotRolledBack() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: eventLines(50, stream: "a")).status == 0)
        let data = dir.ledger + "/data.mdb"
        let original = try Data(contentsOf: URL(fileURLWithPath: data))
        let pageBytes = 4096
        func transaction(_ page: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(original[page * pageBytes + 144 + $1]) << (8 * UInt64($1)) }
        }
        let newest = transaction(0) > transaction(1) ? 0 : 1
        for (page, byte, mask) in [(1 - newest, 144, UInt8(0x02)), (1 - newest, 150, UInt8(0x10)), (newest, 144, UInt8(0x01))] {
            var damaged = original
            damaged[page * pageBytes + byte] ^= mask
            try damaged.write(to: URL(fileURLWithPath: data))
            for command in [["verify"], ["log", "--from", "40"], ["funds", "--group", "group:a"], ["append", "-"]] {
                let output = try run(grassrootsBinary, command + ["--ledger", dir.ledger], stdin: "")
                #expect(output.status == 4, "\(command), page \(page) byte \(byte): \(output.status) \(output.stderr)")
                #expect(output.stderr.contains("transaction"), "\(output.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: data)) == damaged, "a refusal changes no byte")
        }
        try original.write(to: URL(fileURLWithPath: data))
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
    }
}
