import CLMDB
import Foundation
import LMDB

/// Bare LMDB that receives the very writes a ledger committed (its `WriteTrace`), one transaction per
/// call, with the same puts, flags, cursors and deletes, in the same order, into databases of the same
/// names, on an environment opened like the ledger's (`MDB_NOTLS`, synchronous commits). What it costs is
/// what LMDB needs for those writes alone: the floor under the ledger's cost, whatever the ledger's own
/// code (validation, rules, encoding, hashing, reads) does.
final class RawMirror {
    let path: String
    private let env: OpaquePointer
    private var dbis: [String: MDB_dbi] = [:]
    /// Seconds spent in `mdb_txn_commit` (writing the dirty pages and syncing them), part of `replay`'s.
    private(set) var commitSeconds = 0.0
    /// Per database: the operations replayed and the bytes of their keys and values.
    private(set) var tally: [String: (operations: Int, bytes: Int)] = [:]
    /// Databases the mirror may hold (the ledger has 5 of its own and the hook's).
    static let databasesMax: UInt32 = 64

    init(name: String, mapBytes: Int) throws {
        (env, _) = try rawEnvironment(name, databases: [], mapBytes: mapBytes, databasesMax: Self.databasesMax)
        path = scratchPath(name)
    }

    deinit {
        mdb_env_close(env)
        remove(path)
    }

    /// Adds `operations` to `tally` (kept apart from `replay`, which is timed).
    func count(_ operations: [WriteTrace.Operation]) {
        for operation in operations {
            switch operation {
            case .put(let database, let key, let value, _, _):
                tally[database, default: (0, 0)].operations += 1
                tally[database, default: (0, 0)].bytes += key.count + value.count
            case .delete(let database, let key):
                tally[database, default: (0, 0)].operations += 1
                tally[database, default: (0, 0)].bytes += key.count
            case .clear(let database):
                tally[database, default: (0, 0)].operations += 1
            }
        }
    }

    /// Per database written at least once per 100 events, sorted by name: operations and bytes per event.
    func describeTally(events: Int) -> String {
        "  of which commits (writing and syncing the pages): \(String(format: "%.1f", commitSeconds)) s; the writes per event, by table:\n" + tally.keys.sorted().compactMap { name in
            guard let entry = tally[name], entry.operations * 100 >= events else { return nil }
            let padded = name.count < 20 ? name + String(repeating: " ", count: 20 - name.count) : name
            return "    " + padded + String(format: "%6.2f writes/event %7.0f bytes/event", Double(entry.operations) / Double(max(1, events)),
                                                Double(entry.bytes) / Double(max(1, events)))
        }.joined(separator: "\n")
    }

    /// Applies `operations` in one transaction and commits it.
    func replay(_ operations: [WriteTrace.Operation]) {
        guard !operations.isEmpty else { return }
        var txn: OpaquePointer?
        precondition(mdb_txn_begin(env, nil, 0, &txn) == 0, "mirror mdb_txn_begin")
        var cursors: [MDB_dbi: OpaquePointer] = [:]
        func dbi(_ name: String) -> MDB_dbi {
            if let known = dbis[name] { return known }
            var opened: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, UInt32(MDB_CREATE), &opened)
            precondition(rc == 0, "mirror mdb_dbi_open(\(name)): \(String(cString: mdb_strerror(rc)))")
            dbis[name] = opened
            return opened
        }
        for operation in operations {
            switch operation {
            case .put(let database, let key, let value, let flags, let viaCursor):
                let handle = dbi(database)
                key.withUnsafeBytes { keyBytes in
                    value.withUnsafeBytes { valueBytes in
                        var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                        var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                        let rc: Int32
                        if viaCursor {
                            let cursor: OpaquePointer
                            if let open = cursors[handle] {
                                cursor = open
                            } else {
                                var opened: OpaquePointer?
                                precondition(mdb_cursor_open(txn, handle, &opened) == 0, "mirror mdb_cursor_open")
                                guard let opened else { fatalError("mdb_cursor_open returned no cursor") }
                                cursors[handle] = opened
                                cursor = opened
                            }
                            rc = mdb_cursor_put(cursor, &k, &v, flags.rawValue)
                        } else {
                            rc = mdb_put(txn, handle, &k, &v, flags.rawValue)
                        }
                        precondition(rc == 0, "mirror put into \(database): \(String(cString: mdb_strerror(rc)))")
                    }
                }
            case .delete(let database, let key):
                let handle = dbi(database)
                key.withUnsafeBytes { keyBytes in
                    var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                    let rc = mdb_del(txn, handle, &k, nil)
                    precondition(rc == 0, "mirror delete from \(database): \(String(cString: mdb_strerror(rc)))")
                }
            case .clear(let database):
                precondition(mdb_drop(txn, dbi(database), 0) == 0, "mirror mdb_drop(\(database))")
            }
        }
        for cursor in cursors.values { mdb_cursor_close(cursor) }
        commitSeconds += seconds {
            let rc = mdb_txn_commit(txn)
            precondition(rc == 0, "mirror commit: \(String(cString: mdb_strerror(rc)))")
        }
    }
}
