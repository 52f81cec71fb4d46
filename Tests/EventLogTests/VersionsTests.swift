import CanonicalJSON
import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// A key-value hook: `data.put` (key) with `data.value`, or `data.delete` (key); keys may hold 0x00 bytes
/// (`\u{0}` in the id), to exercise the escaping.
struct KeyValueHook: AppendHook {
    var tableNames: [String] { ["kv"] }
    var stateVersion = "kv-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        if let key = event.data["put"]?.stringValue {
            try tables.put("kv", key: Array(key.utf8), value: Array((event.data["value"]?.stringValue ?? "").utf8))
        }
        if let key = event.data["delete"]?.stringValue { _ = try tables.delete("kv", key: Array(key.utf8)) }
    }
}

/// What a read of the versioned tables sees, as of an event.
struct Seen: TableQuery {
    let probe: [UInt8]
    func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> (all: [String: String], floor: String?, created: UInt64?) {
        var all: [String: String] = [:]
        try tables.scan("kv", from: [], limit: 1_000) { key, value in
            all[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            return true
        }
        let floor = try tables.floor("kv", key: probe, prefix: []).map { String(decoding: $0.key, as: UTF8.self) }
        return (all, floor, try tables.createdBy("kv", key: probe))
    }
}

@Suite("Versions: every write of a hook kept by event, read as of any event")
struct VersionsTests {
    @Test func storedKeysKeepTheOrderOfTheirKeysAndEachKeysVersionsTogether() {
        let keys: [[UInt8]] = [[], [0], [0, 0], [0, 1], [1], [0x61], [0x61, 0], [0x61, 0, 0], [0x61, 0, 0xFF], [0x61, 1], [0x61, 0xFF], [0x62]]
        var stored: [(key: [UInt8], seq: UInt64)] = []
        for key in keys { for seq: UInt64 in [1, 2, 300, 1 << 40] { stored.append((key, seq)) } }
        let sorted = stored.sorted { Versions.storedKey($0.key, seq: $0.seq).lexicographicallyPrecedes(Versions.storedKey($1.key, seq: $1.seq)) }
        // Sorted by key, then newest first; and every stored key splits back into its key and seq.
        let expected = stored.sorted { $0.key == $1.key ? $0.seq > $1.seq : $0.key.lexicographicallyPrecedes($1.key) }
        #expect(sorted.map(\.key) == expected.map(\.key) && sorted.map(\.seq) == expected.map(\.seq))
        for entry in stored {
            var logical: [UInt8] = []
            let seq = Versions.storedKey(entry.key, seq: entry.seq).withUnsafeBytes { Versions.split($0, logical: &logical) }
            #expect(seq == entry.seq && logical == entry.key)
        }
        var logical: [UInt8] = []
        #expect([UInt8]([0x61, 0, 0x61, 0, 0, 0, 0, 0, 0, 0, 0, 1]).withUnsafeBytes { Versions.split($0, logical: &logical) } == nil)  // 0x00 not escaped
        #expect([UInt8]([0, 0, 1]).withUnsafeBytes { Versions.split($0, logical: &logical) } == nil)                                    // too short
    }

    @Test func readsAsOfEachEventSeeWhatThatEventLeft() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: KeyValueHook())
        let a = "a", aZero = "a\u{0}x", b = "b"
        _ = try ledger.append([draft(data: ["put": .string(a), "value": "1"]),          // 1
                               draft(data: ["put": .string(aZero), "value": "z"]),      // 2
                               draft(data: ["put": .string(a), "value": "2"])])         // 3
        _ = try ledger.append([draft(data: ["delete": .string(a)]),                      // 4
                               draft(data: ["put": .string(b), "value": "3"])])         // 5
        _ = try ledger.append([draft(data: ["put": .string(a), "value": "4"])])         // 6
        let probe = Array(a.utf8)
        func seen(_ seq: UInt64?) throws -> (all: [String: String], floor: String?, created: UInt64?) {
            try ledger.query(Seen(probe: probe), atSeq: seq)
        }
        #expect(try seen(1).all == [a: "1"])
        #expect(try seen(2).all == [a: "1", aZero: "z"])
        #expect(try seen(3).all == [a: "2", aZero: "z"])
        #expect(try seen(4).all == [aZero: "z"])
        #expect(try seen(5).all == [aZero: "z", b: "3"])
        #expect(try seen(nil).all == [a: "4", aZero: "z", b: "3"])
        // The floor of "a": "a" while it exists; nothing below it once deleted (keys sort "a" < "a\0x" < "b").
        #expect(try seen(3).floor == a && seen(4).floor == nil && seen(6).floor == a)
        // Created by 1 (3 only changed it); after the deletion at 4, created anew by 6.
        #expect(try seen(3).created == 1 && seen(4).created == nil && seen(6).created == 6)
        #expect(throws: EventLogError.self) { try seen(7) }
        #expect(try ledger.checkProjections().isConsistent)
    }

    @Test func aDamagedStoredKeyOrValueIsNamedNotMisread() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: KeyValueHook())
        _ = try ledger.append([draft(data: ["put": "a", "value": "1"])])
        let table = try #require(ledger.hookTables["kv"])
        // A value that is neither a version (0x01...) nor a deletion (0x00 alone).
        try ledger.environment.write { txn in try txn.put(table, key: Versions.storedKey(Array("a".utf8), seq: 1), value: [7, 1]) }
        let badValue = #expect(throws: EventLogError.self) { try ledger.query(Seen(probe: Array("a".utf8))) }
        #expect("\(badValue.map { "\($0)" } ?? "")".contains("the projection table kv is damaged"))
        // A key that is not a versioned key at all.
        try ledger.environment.write { txn in
            try txn.put(table, key: Versions.storedKey(Array("a".utf8), seq: 1), value: Versions.storedValue(Array("1".utf8)))
            try txn.put(table, key: Array("zz".utf8), value: [1])
        }
        let badKey = #expect(throws: EventLogError.self) { try ledger.query(Seen(probe: Array("a".utf8))) }
        #expect("\(badKey.map { "\($0)" } ?? "")".contains("not a versioned key"))
    }
}
