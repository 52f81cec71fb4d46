import CLMDB
import Foundation
import Testing
import TestSupport
@testable import LMDB

struct Failure: Error {}

@Suite("LMDB wrapper")
struct EnvironmentTests {
    func open(_ dir: TemporaryDirectory, mapMax: Int = 1 << 30, initial: Int = 1 << 20) throws -> (Environment, Database) {
        let env = try Environment(path: dir.path + "/env", options: EnvironmentOptions(
            mapSizeInitialBytes: initial, mapSizeMaxBytes: mapMax, create: true))
        let db = try env.openDatabases(named: ["t"], create: true)[0]
        return (env, db)
    }

    @Test func putGetAndCommit() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in try txn.put(db, key: [1, 2], value: [9, 9, 9]) }
        let value = try env.read { txn in try txn.get(db, key: [1, 2]) }
        #expect(value == [9, 9, 9])
        #expect(try env.read { txn in try txn.get(db, key: [7]) } == nil)
    }

    @Test func aThrowInsideWriteAbortsEverything() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        #expect(throws: Failure.self) {
            try env.write { txn in
                try txn.put(db, key: [1], value: [1])
                throw Failure()
            }
        }
        #expect(try env.read { txn in try txn.stat(db).entries } == 0)
    }

    @Test func errorsCarryCodeOperationAndMessage() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
        do {
            try env.write { txn in try txn.put(db, key: [1], value: [2], flags: .noOverwrite) }
            Issue.record("expected MDB_KEYEXIST")
        } catch let error as LMDBError {
            #expect(error.isKeyExists)
            #expect(error.code == MDB_KEYEXIST)
            #expect(error.operation == "mdb_put(t)")
            #expect(error.message.contains("MDB_KEYEXIST"))
        }
    }

    @Test func appendFlagRefusesOutOfOrderKeys() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in try txn.put(db, key: [5], value: [1], flags: .append) }
        #expect(throws: LMDBError.self) {
            try env.write { txn in try txn.put(db, key: [4], value: [1], flags: .append) }
        }
    }

    @Test func cursorWalksInKeyOrderAndSeeks() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in
            for key: UInt8 in [3, 1, 2, 9] { try txn.put(db, key: [key], value: [key * 2]) }
        }
        let (keys, seek, last) = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var keys: [UInt8] = []
                var entry = try cursor.first()
                while let current = entry {
                    keys.append(current.key[0])
                    entry = try cursor.next()
                }
                let seek = try cursor.seek(atLeast: [4] as [UInt8]).map { $0.key[0] }
                let last = try cursor.last().map { $0.value[0] }
                return (keys, seek, last)
            }
        }
        #expect(keys == [1, 2, 3, 9])
        #expect(seek == 9)
        #expect(last == 18)
    }

    @Test func reservedPutWritesInPlace() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in
            try txn.putReserving(db, key: [1], size: 4) { buffer in buffer.copyBytes(from: [1, 2, 3, 4]) }
        }
        #expect(try env.read { txn in try txn.get(db, key: [1]) } == [1, 2, 3, 4])
    }

    @Test func aFullMapGrowsAndCarriesOn() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir, mapMax: 64 << 20, initial: 1 << 20)
        let value = [UInt8](repeating: 7, count: 4096)
        try env.write { txn in
            for index in 0..<2_000 { try txn.put(db, key: Array(String(index).utf8), value: value) }
        }
        #expect(env.info().mapSizeBytes > 1 << 20)
        #expect(try env.read { txn in try txn.stat(db).entries } == 2_000)
    }

    @Test func aFullMapAtItsMaximumFailsAndKeepsWhatWasThere() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir, mapMax: 2 << 20, initial: 1 << 20)
        try env.write { txn in try txn.put(db, key: [0], value: [42]) }
        let value = [UInt8](repeating: 7, count: 4096)
        do {
            try env.write { txn in
                for index in 0..<2_000 { try txn.put(db, key: Array("k\(index)".utf8), value: value) }
            }
            Issue.record("expected MDB_MAP_FULL")
        } catch let error as LMDBError {
            #expect(error.isMapFull)
        }
        #expect(try env.read { txn in try txn.stat(db).entries } == 1)
        #expect(try env.read { txn in try txn.get(db, key: [0]) } == [42])
    }

    @Test func openingSomethingThatIsNotAnEnvironmentFailsCleanly() throws {
        let dir = try TemporaryDirectory()
        let file = dir.path + "/not-a-dir"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("hello".utf8)))
        #expect(throws: LMDBError.self) {
            _ = try Environment(path: file, options: EnvironmentOptions())
        }
        let garbage = dir.path + "/garbage"
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: garbage + "/data.mdb", contents: Data(repeating: 0xAB, count: 16_384)))
        #expect(throws: LMDBError.self) {
            _ = try Environment(path: garbage, options: EnvironmentOptions())
        }
        // Many failed opens leak no handle: a good open still works afterwards.
        for _ in 0..<200 { #expect(throws: LMDBError.self) { _ = try Environment(path: garbage, options: EnvironmentOptions()) } }
        _ = try open(dir)
    }

    @Test func missingDatabaseIsNotFound() throws {
        let dir = try TemporaryDirectory()
        let (env, _) = try open(dir)
        do {
            _ = try env.openDatabases(named: ["absent"], create: false)
            Issue.record("expected MDB_NOTFOUND")
        } catch let error as LMDBError {
            #expect(error.isNotFoundKey)
        }
    }

    @Test func aDiscardedWriteGrowsAFullMapToo() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir, mapMax: 64 << 20, initial: 1 << 20)
        let value = [UInt8](repeating: 3, count: 4096)
        let written = try env.writeAndDiscard { txn in
            for index in 0..<1_000 { try txn.put(db, key: Array("k\(index)".utf8), value: value) }
            return try txn.stat(db).entries
        }
        #expect(written == 1_000)
        #expect(env.info().mapSizeBytes > 1 << 20)
        #expect(try env.read { txn in try txn.stat(db).entries } == 0)
    }

    @Test func discardedWriteLeavesNothing() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        let seen = try env.writeAndDiscard { txn in
            try txn.put(db, key: [1], value: [1])
            return try txn.get(db, key: [1])
        }
        #expect(seen == [1])
        #expect(try env.read { txn in try txn.get(db, key: [1]) } == nil)
    }

    @Test func aTraceKeepsCommittedWritesOnlyInOrder() throws {
        let dir = try TemporaryDirectory()
        let trace = WriteTrace()
        var options = EnvironmentOptions(mapSizeInitialBytes: 1 << 20, mapSizeMaxBytes: 64 << 20, create: true)
        options.trace = trace
        let env = try Environment(path: dir.path + "/env", options: options)
        let db = try env.openDatabases(named: ["t"], create: true)[0]
        try env.write { txn in
            try txn.put(db, key: [2], value: [20])
            try txn.putReserving(db, key: [3], size: 2) { out in out.copyBytes(from: [30, 31]) }
            try txn.withWriteCursor(db) { cursor in
                try [UInt8(4)].withUnsafeBytes { key in try [UInt8(40)].withUnsafeBytes { try cursor.put(key: key, value: $0) } }
            }
            #expect(try txn.delete(db, key: [2]))
            #expect(try !txn.delete(db, key: [9]))
        }
        // An aborted transaction leaves nothing in the trace; neither do a dry run's writes.
        #expect(throws: Failure.self) {
            try env.write { txn in
                try txn.put(db, key: [5], value: [50])
                throw Failure()
            }
        }
        try env.writeAndDiscard { txn in try txn.put(db, key: [6], value: [60]) }
        #expect(trace.take() == [
            .put(database: "t", key: [2], value: [20], flags: [], cursor: false),
            .put(database: "t", key: [3], value: [30, 31], flags: [], cursor: false),
            .put(database: "t", key: [4], value: [40], flags: [], cursor: true),
            .delete(database: "t", key: [2]),
        ])
        #expect(trace.take().isEmpty)
        // A transaction that runs again after the map grew is traced once.
        let value = [UInt8](repeating: 7, count: 4096)
        try env.write { txn in
            for index in 0..<600 { try txn.put(db, key: Array("k\(index)".utf8), value: value) }
        }
        #expect(env.info().mapSizeBytes > 1 << 20)
        #expect(trace.take().count == 600)
        trace.stop()
        try env.write { txn in try txn.put(db, key: [7], value: [70]) }
        #expect(trace.take().isEmpty)
    }

    @Test func namedDatabasesAreListedAndDropped() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        _ = try env.openDatabases(named: ["b", "c"], create: true)
        try env.write { txn in try txn.put(db, key: [1], value: [1]) }
        #expect(try env.read { txn in try txn.databaseNames(limit: 10) } == ["b", "c", "t"])
        #expect(try env.read { txn in try txn.databaseNames(limit: 2) } == ["b", "c"])
        let dropped = try env.write { txn in (try txn.dropDatabase(named: "b"), try txn.dropDatabase(named: "nothing")) }
        #expect(dropped == (true, false))
        #expect(try env.read { txn in try txn.databaseNames(limit: 10) } == ["c", "t"])
        #expect(try env.read { txn in try txn.get(db, key: [1]) } == [1])
    }

    @Test func aNoLockReadOnlyOpenCreatesAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        do {
            let (env, db) = try open(dir)
            try env.write { txn in try txn.put(db, key: [1], value: [7]) }
        }
        try FileManager.default.removeItem(atPath: dir.path + "/env/lock.mdb")
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/env/data.mdb"))
        do {
            let env = try Environment(path: dir.path + "/env", options: EnvironmentOptions(readOnly: true, noLock: true))
            let db = try env.openDatabases(named: ["t"], create: false)[0]
            #expect(try env.read { txn in try txn.get(db, key: [1]) } == [7])
            #expect(throws: LMDBError.self) { try env.write { txn in try txn.put(db, key: [2], value: [1]) } }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/env/lock.mdb"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/env/data.mdb")) == before)
    }

    @Test func aCompactCopyHoldsTheCommittedStateAndIsWritable() throws {
        let dir = try TemporaryDirectory()
        let (env, db) = try open(dir)
        try env.write { txn in for i: UInt8 in 0..<100 { try txn.put(db, key: [i], value: [UInt8](repeating: i, count: 500)) } }
        try env.write { txn in for i: UInt8 in 0..<50 { _ = try txn.delete(db, key: [i]) } }
        try FileManager.default.createDirectory(atPath: dir.path + "/copy", withIntermediateDirectories: false)
        try env.copy(to: dir.path + "/copy", compact: true)
        let copy = try Environment(path: dir.path + "/copy", options: EnvironmentOptions())
        let copied = try copy.openDatabases(named: ["t"], create: false)[0]
        #expect(try copy.read { txn in try txn.stat(copied).entries } == 50)
        #expect(try copy.read { txn in try txn.get(copied, key: [77]) } == [UInt8](repeating: 77, count: 500))
        try copy.write { txn in try txn.put(copied, key: [1], value: [1]) }
        #expect(try env.read { txn in try txn.get(db, key: [1]) } == nil)
    }

    @Test func aCopyIntoAMissingDirectoryFailsWithItsCode() throws {
        let dir = try TemporaryDirectory()
        let (env, _) = try open(dir)
        do {
            try env.copy(to: dir.path + "/missing/copy", compact: true)
            Issue.record("copied into a missing directory")
        } catch {
            #expect(error.isNotFound)
        }
    }
}
