import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// A directory under /tmp that any user may enter (0755), for reads by another user; removed afterwards,
/// with write access given back to what was made read-only.
final class SharedDirectory {
    let path: String

    init() throws {
        path = "/tmp/grassroots-shared-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
    }

    deinit {
        do {
            try makeWritable(path)
            try FileManager.default.removeItem(atPath: path)
        } catch {
            print("cannot remove \(path): \(error)")
        }
    }
}

/// Who runs the read commands: uid/gid 65534 through setpriv when this process is root and setpriv is
/// installed (so permissions bind, as for a reviewer who does not own the copy); else this process's user.
enum Reader {
    case nobody(setpriv: String)
    case thisUser

    static let available: [Reader] = {
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if getuid() == 0, let setpriv { return [.nobody(setpriv: setpriv), .thisUser] }
        return [.thisUser]
    }()

    func run(_ binary: String, _ arguments: [String]) throws -> Output {
        let environment = ["TMPDIR": "/tmp", "HOME": "/tmp"]
        switch self {
        case .nobody(let setpriv):
            return try CLITests.run(setpriv, ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments, environment: environment)
        case .thisUser:
            return try CLITests.run(binary, arguments, environment: environment)
        }
    }

    var name: String {
        switch self {
        case .nobody: "uid 65534"
        case .thisUser: "uid \(getuid())"
        }
    }
}

/// Sets a ledger's stored hook state to one this program does not keep: as a ledger built by an older
/// version looks (its projections must be rebuilt before they are read).
func ageProjections(_ ledger: String) throws {
    let opened = try Ledger.open(at: ledger)  // no hook: nothing is rebuilt
    try opened.environment.write { txn in try txn.put(opened.meta, key: Ledger.hookStateKey, value: Array("governance-state-0".utf8)) }
}

@Suite("Reads never write")
struct ReadOnlyCopyTests {
    /// Every read command, with arguments that find something in `demo --years 1`.
    static let readCommands: [[String]] = [
        ["log", "--limit", "20"],
        ["log", "--stream", "group:dq-t3-v1-g1", "--json"],
        ["export"],
        ["stats", "--json"],
        ["verify"],
        ["check"],
        ["roster", "--unit", "unit:dq-t1"],
        ["roster", "--group", "group:jyg-xg-c01-g1", "--as-of", "2022-06-30"],
        ["roster", "--unit", "unit:dq-t1", "--at-seq", "3000"],
        ["person", "person:dq-t3-v1-g1-1"],
        ["funds", "--group", "group:dq-t3-v1-g1"],
        ["subsidies", "--group", "group:dq-t3-v1-g1", "--json"],
        ["assets", "--group", "group:dq-t3-v1-g1", "--history"],
        ["trail", "--group", "group:dq-t1-v1-g1"],
        ["trail", "--group", "group:dq-t1-v1-g1", "--at-seq", "4000"],
        ["alerts", "--unit", "unit:dq", "--as-of", "2023-01-31"],
        ["audit", "departure", "--person", "person:dq-t3-v1-g1-1", "--group", "group:dq-t3-v1-g1"],
        ["policy", "show", "--group", "group:dq-t2-v1-g1", "--date", "2022-06-30"],
    ]

    /// A demo ledger in a shared directory, an evidence copy of it, and the binary where any user may run it.
    func evidence() throws -> (dir: SharedDirectory, live: String, copy: String, binary: String) {
        let dir = try SharedDirectory()
        let live = dir.path + "/live"
        let demo = try grassroots("demo", "--ledger", live, "--years", "1")
        #expect(demo.status == 0, "\(demo.stderr)")
        let binary = dir.path + "/grassroots"
        try FileManager.default.copyItem(atPath: grassrootsBinary, toPath: binary)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary)
        let copy = dir.path + "/copy"
        try FileManager.default.copyItem(atPath: live, toPath: copy)
        try makeReadOnly(copy)
        return (dir, live, copy, binary)
    }

    @Test func anEvidenceCopyAnswersEveryReadCommandAndKeepsEveryByte() throws {
        let (dir, live, copy, binary) = try evidence()
        _ = dir
        let before = try snapshot(copy)
        for reader in Reader.available {
            for command in Self.readCommands {
                let answer = try reader.run(binary, ["--ledger", copy] + command)
                #expect(answer.status == 0, "\(reader.name): \(command): \(answer.stderr)")
                #expect(!answer.stdout.isEmpty, "\(reader.name): \(command)")
                #expect(answer.stderr.contains("read-only without its lock file"), "\(reader.name): \(command): \(answer.stderr)")
                // The same answer as the live ledger's (stats names its path and size, so not compared).
                if command[0] != "stats" {
                    let expected = try run(grassrootsBinary, ["--ledger", live] + command)
                    #expect(answer.stdout == expected.stdout, "\(reader.name): \(command) differs from the live ledger's answer")
                }
            }
            // Writes are refused, naming why, and touch nothing.
            let append = try reader.run(binary, ["--ledger", copy, "append", "-"])
            #expect(append.status == 5, "\(reader.name): \(append.stderr)")
            #expect(append.stderr.contains("cannot be written"), "\(append.stderr)")
            #expect(try reader.run(binary, ["--ledger", copy, "rebuild"]).status == 5)
        }
        #expect(try snapshot(copy) == before, "the evidence copy changed")
    }

    @Test func outdatedProjectionsAskForARebuildOrAreRebuiltInAScratchCopy() throws {
        let dir = try SharedDirectory()
        let ledger = dir.path + "/ledger"
        try grassroots("init", "--ledger", ledger)
        #expect(try grassroots("append", "--ledger", ledger, "-", stdin: groupSetup(["a"])).status == 0)
        try ageProjections(ledger)
        // A writable ledger: a read of the projections says to rebuild and writes nothing.
        let data = try Data(contentsOf: URL(fileURLWithPath: ledger + "/data.mdb"))
        let roster = try grassroots("roster", "--ledger", ledger, "--group", "group:a")
        #expect(roster.status == 5)
        #expect(roster.stderr.contains("run `grassroots rebuild`"), "\(roster.stderr)")
        #expect(try grassroots("log", "--ledger", ledger).status == 0, "the log does not need the projections")
        #expect(try grassroots("verify", "--ledger", ledger).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger + "/data.mdb")) == data)
        // A read-only copy answers from a rebuild in a scratch copy, which it removes.
        let copy = dir.path + "/copy"
        try FileManager.default.copyItem(atPath: ledger, toPath: copy)
        try makeReadOnly(copy)
        let before = try snapshot(copy)
        let scratchBase = dir.path + "/tmp"
        try FileManager.default.createDirectory(atPath: scratchBase, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o777])
        let answer = try grassroots("roster", "--ledger", copy, "--group", "group:a", environment: ["TMPDIR": scratchBase])
        #expect(answer.status == 0, "\(answer.stderr)")
        #expect(answer.stdout.contains("a (group:a)  group leader  VACANT"), "\(answer.stdout)")
        #expect(answer.stderr.contains("rebuilt from its log in a scratch copy (\(scratchBase)/grassroots-scratch-"), "\(answer.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratchBase).isEmpty, "the scratch copy was left behind")
        #expect(try snapshot(copy) == before)
        // `rebuild` on the writable ledger fixes it.
        #expect(try grassroots("rebuild", "--ledger", ledger).status == 0)
        #expect(try grassroots("roster", "--ledger", ledger, "--group", "group:a").stdout == answer.stdout)
    }

    @Test func refusedPathsKeepEveryByteForReadsAndAppends() throws {
        let dir = try TemporaryDirectory()
        let foreign = dir.path + "/foreign"
        do {
            let env = try Environment(path: foreign, options: EnvironmentOptions(create: true))
            let db = try env.openDatabases(named: ["other"], create: true)[0]
            try env.write { txn in try txn.put(db, key: Array("k".utf8), value: Array("v".utf8)) }
        }
        let foreignWithoutLock = dir.path + "/foreign-without-lock"
        try FileManager.default.copyItem(atPath: foreign, toPath: foreignWithoutLock)
        try FileManager.default.removeItem(atPath: foreignWithoutLock + "/lock.mdb")
        let empty = dir.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: empty + "/data.mdb", contents: Data()))
        let other = dir.path + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(atPath: other + "/minutes.txt", contents: Data("会议记录".utf8)))
        let input = try dir.file("events.ndjson", groupSetup(["a"]))
        for path in [foreign, foreignWithoutLock, empty, other] {
            let before = try snapshot(path)
            for command in [["log"], ["verify"], ["stats"], ["export"], ["roster", "--group", "group:a"], ["append", input], ["rebuild"], ["check"]] {
                let result = try run(grassrootsBinary, ["--ledger", path] + command)
                #expect(result.status == 5, "\(command) on \(path): \(result.stderr)")
                #expect(result.stderr.contains("is not a GrassrootsLedger ledger"), "\(command) on \(path): \(result.stderr)")
            }
            #expect(try snapshot(path) == before, "\(path) changed")
        }
        #expect(try grassroots("--ledger", empty, "log").stderr.contains("data.mdb is empty (0 bytes)"))
    }

    @Test func aOneCharacterPathWorksForEveryCommand() throws {
        let dir = try TemporaryDirectory()
        let created = try run(grassrootsBinary, ["--ledger", "X", "init"], directory: dir.path)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("at X"))
        #expect(try run(grassrootsBinary, ["init", "--ledger", "Y"], directory: dir.path).status == 0)
        let appended = try run(grassrootsBinary, ["--ledger", "X", "append", "-"], stdin: groupSetup(["a"]) + eventLines(2, stream: "a"), directory: dir.path)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try run(grassrootsBinary, ["--ledger", "X", "log"], directory: dir.path).stdout.contains("fund.received"))
        #expect(try run(grassrootsBinary, ["--ledger", "X", "funds", "--group", "group:a"], directory: dir.path).stdout.contains("receipts 0.03"))
        #expect(try run(grassrootsBinary, ["--ledger", "X", "verify"], directory: dir.path).status == 0)
        #expect(try run(grassrootsBinary, ["--ledger", "X", "check"], directory: dir.path).status == 0)
        #expect(try run(grassrootsBinary, ["--ledger", "X", "init"], directory: dir.path).status == 5, "init never overwrites")
        #expect(try run(grassrootsBinary, ["--ledger", "a/b/Z", "init"], directory: dir.path).status == 0, "missing parents are made")
    }

    @Test func aMapSizeMaximumBelowTheMapIsRefusedWithBothSizes() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])  // a map of 64 MiB
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        for command in [["log"], ["append", try dir.file("e.ndjson", eventLines(1, stream: "a"))]] {
            let result = try run(grassrootsBinary, ["--ledger", dir.ledger] + command + ["--map-size-max", "2097152"])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("2097152 bytes, is below the current map size of \(dir.ledger), 67108864 bytes"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == before)
        #expect(try grassroots("--ledger", dir.ledger, "log", "--map-size-max", "67108864").status == 0, "at the map size it is accepted")
        let help = try grassroots("log", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("A value below the ledger's current map size (`stats` shows it) is refused, naming both"), "\(help)")
    }

    @Test func aBadDateIsAUsageErrorNamingTheOption() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["a"])
        for (option, command) in [("--as-of", ["roster", "--group", "group:a"]), ("--date", ["policy", "show", "--group", "group:a"]),
                                  ("--from", ["trail", "--group", "group:a"])] {
            let result = try run(grassrootsBinary, ["--ledger", dir.ledger] + command + [option, "2023-02-29"])
            #expect(result.status == 64, "\(option): \(result.stderr)")
            #expect(result.stderr.contains("The value '2023-02-29' is invalid for '\(option) <YYYY-MM-DD>'"), "\(result.stderr)")
        }
        #expect(try grassroots("--ledger", dir.ledger, "roster", "--group", "group:a", "--as-of", "2024-02-29").status == 0)
    }
}
