import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A named database inside an environment (`MDB_dbi`). Valid for the environment's lifetime.
public struct Database: Sendable, Hashable {
    let dbi: MDB_dbi
    public let name: String
}

/// Flags for a put.
public struct PutFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// Fail with `MDB_KEYEXIST` instead of replacing an existing value.
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// The key sorts after every key already present (fast path for sequential keys); fails with
    /// `MDB_KEYEXIST` otherwise.
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
}

/// Operations available in any transaction, read-only or read-write.
///
/// The raw buffers handed to closures point into the memory map and are valid only inside that closure
/// (and only until the next write in the same transaction); copy what must outlive it.
public protocol ReadableTransaction: ~Copyable {
    /// The liblmdb handle; opaque outside this module.
    var raw: TransactionHandle { get }
}

/// The liblmdb transaction pointer, opaque to other modules so no handle is used outside its closure.
public struct TransactionHandle {
    let pointer: OpaquePointer
}

extension ReadableTransaction where Self: ~Copyable {
    var handle: OpaquePointer { raw.pointer }

    /// Calls `body` with the value stored under `key`, or with nil when the key is absent.
    public func withValue<R>(
        _ db: Database, key: some ByteStorage, _ body: (UnsafeRawBufferPointer?) throws -> R
    ) throws -> R {
        let found: UnsafeRawBufferPointer? = try key.withUnsafeBytes { keyBytes throws(LMDBError) in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            var v = MDB_val()
            let rc = mdb_get(handle, db.dbi, &k, &v)
            if rc == MDB_NOTFOUND { return nil }
            try check(rc, "mdb_get(\(db.name))")
            return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
        }
        return try body(found)
    }

    /// A copy of the value stored under `key`, or nil.
    public func get(_ db: Database, key: some ByteStorage) throws -> [UInt8]? {
        try withValue(db, key: key) { $0.map { Array($0) } }
    }

    /// Runs `body` with a cursor over `db`; the cursor is closed when `body` returns or throws,
    /// always before the transaction ends.
    public func withCursor<R>(_ db: Database, _ body: (inout Cursor) throws -> R) throws -> R {
        var cursorHandle: OpaquePointer?
        try check(mdb_cursor_open(handle, db.dbi, &cursorHandle), "mdb_cursor_open(\(db.name))")
        guard let cursorHandle else { throw LMDBError(code: ENOMEM, operation: "mdb_cursor_open(\(db.name))") }
        defer { mdb_cursor_close(cursorHandle) }
        var cursor = Cursor(handle: cursorHandle, database: db)
        return try body(&cursor)
    }

    /// Entry counts and page figures for `db`.
    public func stat(_ db: Database) throws(LMDBError) -> DatabaseStat {
        var s = MDB_stat()
        try check(mdb_stat(handle, db.dbi, &s), "mdb_stat(\(db.name))")
        return DatabaseStat(
            entries: s.ms_entries, depth: Int(s.ms_depth), branchPages: s.ms_branch_pages,
            leafPages: s.ms_leaf_pages, overflowPages: s.ms_overflow_pages)
    }

    /// The transaction's id (the snapshot it reads).
    public var id: Int { mdb_txn_id(handle) }

    /// The names of the environment's named databases (the keys of its main database), in key order, at
    /// most `limit` of them.
    public func databaseNames(limit: Int) throws -> [String] {
        precondition(limit > 0, "a positive limit")
        var main: MDB_dbi = 0
        try check(mdb_dbi_open(handle, nil, 0, &main), "mdb_dbi_open(main)")
        var names: [String] = []
        try withCursor(Database(dbi: main, name: "(main)")) { cursor in
            var entry = try cursor.first()
            while let current = entry, names.count < limit {
                names.append(String(decoding: current.key, as: UTF8.self))
                entry = try cursor.next()
            }
        }
        return names
    }
}

/// A read-only snapshot. Created only by `Environment.read`, never copied, never escapes its closure.
public struct ReadTransaction: ReadableTransaction, ~Copyable {
    public let raw: TransactionHandle
}

/// A read-write transaction. Created only by `Environment.write`, never copied, never escapes its closure.
public struct WriteTransaction: ReadableTransaction, ~Copyable {
    public let raw: TransactionHandle
    /// Where committed writes are copied, when the environment keeps a trace.
    let trace: WriteTrace?

    /// Stores `value` under `key`.
    public func put(_ db: Database, key: some ByteStorage, value: some ByteStorage, flags: PutFlags = []) throws(LMDBError) {
        try key.withUnsafeBytes { keyBytes throws(LMDBError) in
            try value.withUnsafeBytes { valueBytes throws(LMDBError) in
                var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var v = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                try check(mdb_put(handle, db.dbi, &k, &v, flags.rawValue), "mdb_put(\(db.name))")
                trace?.record(.put(database: db.name, key: Array(keyBytes), value: Array(valueBytes), flags: flags, cursor: false))
            }
        }
    }

    /// Reserves `size` bytes under `key` (`MDB_RESERVE`) and lets `fill` write them in place, saving a copy.
    /// `fill` must initialise every byte.
    public func putReserving(
        _ db: Database, key: some ByteStorage, size: Int, flags: PutFlags = [],
        _ fill: (UnsafeMutableRawBufferPointer) throws -> Void
    ) throws {
        let reserved: UnsafeMutableRawBufferPointer = try key.withUnsafeBytes { keyBytes throws(LMDBError) in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            var v = MDB_val(mv_size: size, mv_data: nil)
            try check(mdb_put(handle, db.dbi, &k, &v, flags.rawValue | UInt32(MDB_RESERVE)), "mdb_put(\(db.name), reserve)")
            return UnsafeMutableRawBufferPointer(start: v.mv_data, count: v.mv_size)
        }
        precondition(reserved.count == size, "MDB_RESERVE returned \(reserved.count) bytes, asked for \(size)")
        try fill(reserved)
        if let trace {
            let keyCopy = key.withUnsafeBytes { Array($0) }
            trace.record(.put(database: db.name, key: keyCopy, value: Array(UnsafeRawBufferPointer(reserved)), flags: flags, cursor: false))
        }
    }

    /// Runs `body` with a cursor that can also write (`Cursor.put`). Sorted keys put through one cursor
    /// land on the same leaf page one after another, which is much cheaper than scattered puts.
    public func withWriteCursor<R>(_ db: Database, _ body: (inout WriteCursor) throws -> R) throws -> R {
        var cursorHandle: OpaquePointer?
        try check(mdb_cursor_open(handle, db.dbi, &cursorHandle), "mdb_cursor_open(\(db.name))")
        guard let cursorHandle else { throw LMDBError(code: ENOMEM, operation: "mdb_cursor_open(\(db.name))") }
        defer { mdb_cursor_close(cursorHandle) }
        var cursor = WriteCursor(handle: cursorHandle, database: db, trace: trace)
        return try body(&cursor)
    }

    /// Deletes `key`; returns false when it was absent.
    @discardableResult
    public func delete(_ db: Database, key: some ByteStorage) throws(LMDBError) -> Bool {
        try key.withUnsafeBytes { keyBytes throws(LMDBError) in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
            let rc = mdb_del(handle, db.dbi, &k, nil)
            if rc == MDB_NOTFOUND { return false }
            try check(rc, "mdb_del(\(db.name))")
            trace?.record(.delete(database: db.name, key: Array(keyBytes)))
            return true
        }
    }

    /// Deletes the database called `name` with its entries; false when there is none. Only for a database
    /// this environment has no `Database` handle for (its handle would be left dangling).
    @discardableResult
    public func dropDatabase(named name: String) throws(LMDBError) -> Bool {
        var dbi: MDB_dbi = 0
        let rc = mdb_dbi_open(handle, name, 0, &dbi)
        if rc == MDB_NOTFOUND { return false }
        try check(rc, "mdb_dbi_open(\(name))")
        try check(mdb_drop(handle, dbi, 1), "mdb_drop(\(name), delete)")
        trace?.record(.clear(database: name))
        return true
    }

    /// Removes every entry of `db` (the database itself stays).
    public func clear(_ db: Database) throws(LMDBError) {
        try check(mdb_drop(handle, db.dbi, 0), "mdb_drop(\(db.name))")
        trace?.record(.clear(database: db.name))
    }
}

/// The key a cursor last stood on, copied (in a write transaction the page it lies in may move).
final class KeyTrail {
    var bytes: [UInt8] = []
    var valid = false
}

/// A position in a database. Lives only inside `withCursor`.
///
/// A walk is bounded: `next()` must return a key above the last one and `previous()` one below it, by the
/// database's own comparison, or the cursor throws `MDB_CORRUPTED`. In a whole B-tree that always holds; a
/// damaged branch page that points back to a page already walked (a cycle, or one page reached twice) would
/// otherwise make a walk repeat, up to the product of the fan-outs along the cursor's 32-deep stack, which is a
/// hang. With the check, every entry a walk returns is a different node of the file, so no walk can take
/// more steps than the file has nodes; each step is itself bounded (a descent of at most 32 pages).
public struct Cursor: ~Copyable {
    let handle: OpaquePointer
    public let database: Database
    let trail = KeyTrail()

    public typealias Entry = (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    private func op(_ operation: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil, name: String) throws(LMDBError) -> Entry? {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: key.flatMap { UnsafeMutableRawPointer(mutating: $0.baseAddress) })
        var v = MDB_val()
        let rc = mdb_cursor_get(handle, &k, &v, operation)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc, "mdb_cursor_get(\(database.name), \(name))")
        let forward = operation == MDB_NEXT
        if (forward || operation == MDB_PREV) && trail.valid {
            let order = trail.bytes.withUnsafeBufferPointer { last in
                var before = MDB_val(mv_size: last.count, mv_data: UnsafeMutableRawPointer(mutating: last.baseAddress))
                return mdb_cmp(mdb_cursor_txn(handle), mdb_cursor_dbi(handle), &k, &before)
            }
            if forward ? order <= 0 : order >= 0 {
                throw LMDBError(code: MDB_CORRUPTED, operation: "mdb_cursor_get(\(database.name), \(name))",
                                message: "the keys do not follow in order (a damaged branch page leads back to pages already walked)")
            }
        }
        trail.bytes.removeAll(keepingCapacity: true)
        trail.bytes.append(contentsOf: UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size))
        trail.valid = true
        return (UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
                UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    public func first() throws(LMDBError) -> Entry? { try op(MDB_FIRST, name: "first") }
    public func last() throws(LMDBError) -> Entry? { try op(MDB_LAST, name: "last") }
    public func next() throws(LMDBError) -> Entry? { try op(MDB_NEXT, name: "next") }
    public func previous() throws(LMDBError) -> Entry? { try op(MDB_PREV, name: "prev") }

    /// Positions at the first key >= `key`.
    public func seek(atLeast key: some ByteStorage) throws -> Entry? {
        try key.withUnsafeBytes { bytes throws(LMDBError) in try op(MDB_SET_RANGE, key: bytes, name: "set_range") }
    }

}

/// Contiguous bytes usable as an LMDB key or value without copying.
public protocol ByteStorage {
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension Array: ByteStorage where Element == UInt8 {
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
    }
}

extension UnsafeRawBufferPointer: ByteStorage {
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(self)
    }
}

/// A cursor in a write transaction. Lives only inside `withWriteCursor`.
public struct WriteCursor: ~Copyable {
    let handle: OpaquePointer
    public let database: Database
    let trace: WriteTrace?

    /// Stores `value` under `key` (`mdb_cursor_put`).
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws(LMDBError) {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_cursor_put(handle, &k, &v, flags.rawValue), "mdb_cursor_put(\(database.name))")
        trace?.record(.put(database: database.name, key: Array(key), value: Array(value), flags: flags, cursor: true))
    }
}
