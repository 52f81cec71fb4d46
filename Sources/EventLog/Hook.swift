public import LMDB

/// A higher layer's part in every append: it sees each event inside the write transaction that stores
/// it, may refuse it (aborting the whole batch), and keeps its own tables up to date in that same
/// transaction. The same hook is fed every event from seq 1 on `Ledger.replay()`, to rebuild its tables.
///
/// `apply` may run more than once for the same event when a transaction is retried (for example after the
/// map grew), so it must change state only through `tables`.
public protocol AppendHook: Sendable {
    /// Names of the tables the hook keeps (letters, digits, `.`, `_`, `-`), created when the ledger opens.
    var tableNames: [String] { get }
    /// Validates `event` against the state the tables hold and updates them. Throwing refuses the event.
    /// `tables.mode` says whether the event is being appended or replayed from the log.
    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws
    /// Names the layout and meaning of the tables. A ledger whose tables were built under another version
    /// rebuilds them from the log when opened for writing (`Ledger.open`).
    var stateVersion: String { get }
    /// Called once a replay has fed every event (a rebuild, `check`), in a transaction of the same tables
    /// (a rebuild's scratch state, `BulkRebuild.swift`), with `tables.mode` `.replay`: a hook may leave entries that are a pure function of its other tables
    /// to be computed here in one pass, instead of after every replayed event. The tables must then be
    /// exactly what the appends made. The default does nothing.
    func finishReplay(tables: borrowing HookTables) throws
}

/// A hook's refusal of an event that callers can match by type (`EventLogError.rejected`'s reason is the
/// refusal itself); any other error a hook throws is carried as its description (`SendableError`).
public protocol HookRefusal: Error, Sendable {}

extension AppendHook {
    public func finishReplay(tables: borrowing HookTables) throws {}
}

/// Key-value access to a hook's tables inside one transaction: read-only (`TableReader`, from
/// `Ledger.readTables`) or read-write (`HookTables`, during `apply`). Keys and values are bytes; keys sort
/// bytewise. Valid only during the call it is passed to.
///
/// Every entry is kept in versions, one per event that wrote it (`Versions`): reads see the tables as they
/// stood right after event `view` (`UInt64.max`: now), and writes are stored as versions of the event being
/// applied (`writeSeq`). So a query "as of event N" reads the stored tables by index, and a hook that must
/// undo an event restores the versions from before it.
public struct Tables<Transaction: ReadableTransaction & ~Copyable>: ~Copyable {
    let transaction: UnsafePointer<Transaction>
    let tables: [String: Database]
    /// The log's event table, so a hook can read earlier events (`event(seq:)`).
    let events: Database?
    /// The log's subject index, and the entries of the batch being appended that are not in it yet
    /// (`events(concerning:in:limit:)`).
    let subjects: Database?
    let pendingSubjects: PendingIndex?
    /// Why the hook sees the event: appended now, or replayed from the log (a rebuild, `check`).
    public let mode: ApplyMode
    /// Values derived from these tables, kept for the rest of the transaction (see `TableMemo`).
    public let memo: TableMemo
    /// The last event whose writes these tables show (`UInt64.max`: every event, the tables as they are now).
    public let view: UInt64
    /// The event whose versions writes store (0 in a read transaction).
    public let writeSeq: UInt64
    /// Where writes go instead of the tables while a hook learns an event's writes (`capturingWrites`).
    let overlay: Overlay?
    /// Opens the commitments of sealed values (`Sealed.swift`): the batch's own, then the ledger's store.
    /// Nil where the tables were opened without the ledger (a scratch rebuild).
    public let sealed: SealedLookup?
    /// Where the log is read when the hook's tables live in another environment than the log (a rebuild's
    /// scratch state, `BulkRebuild`); nil when `transaction` holds both.
    let log: LogReads?

    init(transaction: UnsafePointer<Transaction>, tables: [String: Database], events: Database? = nil, subjects: Database? = nil,
         pendingSubjects: PendingIndex? = nil, mode: ApplyMode = .append, memo: TableMemo = TableMemo(),
         view: UInt64 = .max, writeSeq: UInt64 = 0, overlay: Overlay? = nil, sealed: SealedLookup? = nil, log: LogReads? = nil) {
        self.sealed = sealed
        self.log = log
        self.transaction = transaction
        self.tables = tables
        self.events = events
        self.subjects = subjects
        self.pendingSubjects = pendingSubjects
        self.mode = mode
        self.memo = memo
        self.view = view
        self.writeSeq = writeSeq
        self.overlay = overlay
    }

    /// An earlier event of the log, as stored (nil when there is none at `seq`).
    public func event(seq: UInt64) throws -> RecordedEvent? {
        if let log { return try log.event(seq) }
        guard let events else { return nil }
        return try Ledger.readEvent(transaction.pointee, events: events, seq: seq)
    }

    /// The seqs of the events in `range` whose subject-index entries name `subject` (those that list it among
    /// their subjects, and those whose stream it is), in log order, at most `limit` of them: from the subject
    /// index, and from the batch being appended (whose index entries are written when the batch ends). Empty
    /// when these tables were opened without the log's indexes, or for an id longer than
    /// `Limits.identifierBytesMax` (no subject can be). On a format-1 ledger read as it is (a read-only open),
    /// the index holds subjects only.
    public func events(concerning subject: String, in range: Range<UInt64>, limit: Int) throws -> [UInt64] {
        precondition(limit > 0, "a read of the subject index needs a positive limit")
        guard !range.isEmpty, !subject.utf8.isEmpty, subject.utf8.count <= Limits.identifierBytesMax else { return [] }
        if let log { return try log.concerning(subject, range, limit) }
        guard let subjects else { return [] }
        var found = try Tables.indexed(transaction.pointee, subjects: subjects, subject: subject, in: range, limit: limit)
        if let pendingSubjects, found.count < limit {
            found += pendingSubjects.seqs(prefix: Layout.prefix(subject), in: range).prefix(limit - found.count)
        }
        return found
    }

    /// The seqs of the subject index's entries for `subject` in `range`, in log order, at most `limit`.
    static func indexed(_ txn: borrowing some ReadableTransaction & ~Copyable, subjects: Database, subject: String,
                        in range: Range<UInt64>, limit: Int) throws -> [UInt64] {
        var found: [UInt64] = []
        let prefix = Layout.prefix(subject)
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.seek(atLeast: Layout.subjectKey(subject, seq: range.lowerBound))
            while let current = entry, found.count < limit, current.key.count == prefix.count + 8, current.key.starts(with: prefix) {
                let seq = Layout.readSeq(current.key, at: prefix.count)
                guard seq < range.upperBound else { break }
                found.append(seq)
                entry = try cursor.next()
            }
        }
        return found
    }

    /// The value behind a sealed member's commitment (`sha256:…`), or nil when it cannot be opened here
    /// (erased, or the tables were opened without the ledger's sealed-value store).
    public func unseal(_ text: String) throws -> String? {
        try sealed?.value(text)
    }

    func table(_ name: String) -> Database {
        guard let db = tables[name] else {
            preconditionFailure("hook table \(name) was not declared in tableNames")
        }
        return db
    }

    public func get(_ table: String, key: [UInt8]) throws -> [UInt8]? {
        try withValue(table, key: key) { $0.map { Array($0) } }
    }

    /// Calls `body` with the value stored under `key` (nil when there is none), in place, without copying:
    /// the bytes are valid only during the call.
    public func withValue<R>(_ table: String, key: [UInt8], _ body: (UnsafeRawBufferPointer?) throws -> R) throws -> R {
        if let written = overlay?.lookup(table, key) {
            guard let value = written else { return try body(nil) }
            return try value.withUnsafeBytes { try body($0) }
        }
        return try withStoredValue(table, key: key, asOf: view, body)
    }

    /// The value of `key` as it stood right after event `asOf` (never later than `view`), from the stored versions.
    func withStoredValue<R>(_ table: String, key: [UInt8], asOf: UInt64, _ body: (UnsafeRawBufferPointer?) throws -> R) throws -> R {
        let db = self.table(table)
        let seek = Versions.storedKey(key, seq: Swift.min(asOf, view))
        let prefixCount = seek.count - 8
        return try transaction.pointee.withCursor(db) { cursor in
            guard let entry = try cursor.seek(atLeast: seek), entry.key.count == seek.count,
                  entry.key.prefix(prefixCount).elementsEqual(seek.prefix(prefixCount)) else { return try body(nil) }
            return try body(try Versions.value(entry.value, table: table))
        }
    }

    /// The event that created the entry under `key` as it stands (as of `view`): the oldest of its versions since
    /// it last did not exist. Nil when there is no entry. Lets a hook name the event that registered something
    /// without keeping that seq in a table of its own.
    public func createdBy(_ table: String, key: [UInt8]) throws -> UInt64? {
        if let written = overlay?.lookup(table, key) {
            guard written != nil else { return nil }
            // Written while learning an event's writes: made by that event unless it existed before.
            return try storedCreatedBy(table, key: key) ?? writeSeq
        }
        return try storedCreatedBy(table, key: key)
    }

    private func storedCreatedBy(_ table: String, key: [UInt8]) throws -> UInt64? {
        let db = self.table(table)
        let seek = Versions.storedKey(key, seq: view)
        let prefix = Versions.versionsPrefix(key)
        return try transaction.pointee.withCursor(db) { cursor in
            // Versions run newest first: from the one in force, walk to older ones until a deletion.
            var entry = try cursor.seek(atLeast: seek)
            var created: UInt64? = nil
            var steps = 0
            while let current = entry, current.key.count == seek.count, current.key.starts(with: prefix) {
                guard try Versions.value(current.value, table: table) != nil else { break }
                created = Versions.seq(current.key)
                steps += 1
                guard steps <= Limits.versionsWalkedMax else {
                    throw EventLogError.damagedTable(table: table, reason: "more than \(Limits.versionsWalkedMax) versions walked for one read")
                }
                entry = try cursor.next()
            }
            return created
        }
    }

    /// The value `key` had right after event `seq` (at most `view`): what an event's undo restores.
    public func value(_ table: String, key: [UInt8], asOf seq: UInt64) throws -> [UInt8]? {
        try withStoredValue(table, key: key, asOf: seq) { $0.map { Array($0) } }
    }

    /// The entry with the greatest key <= `key` whose key starts with `prefix`, or nil: "the latest state
    /// at or before" when keys end in a date.
    public func floor(_ table: String, key: [UInt8], prefix: [UInt8]) throws -> (key: [UInt8], value: [UInt8])? {
        precondition(key.starts(with: prefix), "the key must start with the prefix")
        var bound = key
        var inclusive = true
        while true {
            let stored = try storedFloor(table, key: bound, inclusive: inclusive, prefix: prefix)
            let written = overlay?.floor(table, key: bound, inclusive: inclusive, prefix: prefix)
            guard let candidate = pickGreater(stored, written) else { return nil }
            if let value = candidate.value { return (candidate.key, value) }
            // The overlay deleted the greatest: look below it.
            bound = candidate.key
            inclusive = false
        }
    }

    private func pickGreater(_ stored: (key: [UInt8], value: [UInt8])?, _ written: (key: [UInt8], value: [UInt8]?)?) -> (key: [UInt8], value: [UInt8]?)? {
        guard let written else { return stored.map { ($0.key, $0.value) } }
        guard let stored else { return written }
        return written.key.lexicographicallyPrecedes(stored.key) ? (stored.key, stored.value) : written
    }

    /// The greatest live key (as of `view`) <= `key` (< when not `inclusive`) that starts with `prefix`.
    private func storedFloor(_ table: String, key: [UInt8], inclusive: Bool, prefix: [UInt8]) throws -> (key: [UInt8], value: [UInt8])? {
        let db = self.table(table)
        let escapedPrefix = Versions.escapedPrefix(prefix)
        return try transaction.pointee.withCursor(db) { cursor in
            // Position on the last stored entry of a key <= `key`: every version of `key` itself sorts below
            // `versionsPrefix(key) ~0`, i.e. before the first entry at or after `versionsPrefix(key)` + 0xFF...
            var bound = Versions.versionsPrefix(key)
            if inclusive { bound += [UInt8](repeating: 0xFF, count: 8) }
            var entry = try cursor.seek(atLeast: bound)
            if inclusive, let found = entry, found.key.elementsEqual(bound) {
                // Only a version of seq 0 has this stored key; none is ever written (seqs start at 1).
                entry = try cursor.next()
            }
            entry = entry == nil ? try cursor.last() : try cursor.previous()
            var logical: [UInt8] = []
            var steps = 0
            // Walk back one key at a time; a key's versions run from newest (first) to oldest (last), so
            // walking back meets its oldest first: the answer is the last one seen with a seq <= view.
            while let current = entry {
                guard current.key.starts(with: escapedPrefix) else { return nil }
                guard let seq = Versions.split(current.key, logical: &logical) else {
                    throw EventLogError.damagedTable(table: table, reason: "a stored key is not a versioned key")
                }
                let thisKey = logical
                var best: (seq: UInt64, value: [UInt8]?)? = seq <= view ? (seq, try Versions.value(current.value, table: table).map { Array($0) }) : nil
                entry = try cursor.previous()
                while let newer = entry {
                    steps += 1
                    guard steps <= Limits.versionsWalkedMax else {
                        throw EventLogError.damagedTable(table: table, reason: "more than \(Limits.versionsWalkedMax) versions walked for one read")
                    }
                    guard let newerSeq = Versions.split(newer.key, logical: &logical), logical == thisKey else { break }
                    if newerSeq <= view { best = (newerSeq, try Versions.value(newer.value, table: table).map { Array($0) }) }
                    entry = try cursor.previous()
                }
                if let best, let value = best.value { return (thisKey, value) }
            }
            return nil
        }
    }

    /// Calls `body` with entries whose key is >= `from` (all entries when `from` is empty), in key order,
    /// until it returns false or `limit` entries have been seen.
    public func scan(_ table: String, from: [UInt8], limit: Int, _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        try scanRaw(table, from: from, limit: limit) { key, value in try body(Array(key), Array(value)) }
    }

    /// Like `scan`, without copying values: `body` sees each key and value, valid only during the call.
    public func scanRaw(_ table: String, from: [UInt8], limit: Int,
                        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool) throws {
        precondition(limit > 0, "a scan needs a positive limit")
        let written = overlay?.entries(table, from: from) ?? []
        var nextWritten = 0
        var seen = 0
        /// Delivers the overlay's entries that sort before `key` (all when nil); false when `body` stopped.
        func deliverWritten(before key: [UInt8]?) throws -> Bool {
            while nextWritten < written.count, seen < limit {
                let entry = written[nextWritten]
                if let key, !entry.key.lexicographicallyPrecedes(key) { return true }
                nextWritten += 1
                guard let value = entry.value else { continue }
                seen += 1
                let proceed = try entry.key.withUnsafeBytes { k in try value.withUnsafeBytes { v in try body(k, v) } }
                guard proceed else { return false }
            }
            return seen < limit
        }
        let db = self.table(table)
        let stop = try transaction.pointee.withCursor(db) { cursor -> Bool in
            var entry = from.isEmpty ? try cursor.first() : try cursor.seek(atLeast: Versions.escapedPrefix(from))
            var logical: [UInt8] = []
            var current: [UInt8] = []
            var steps = 0
            while let stored = entry, seen < limit {
                guard let seq = Versions.split(stored.key, logical: &logical) else {
                    throw EventLogError.damagedTable(table: table, reason: "a stored key is not a versioned key")
                }
                // The first version of a key at or before the view is the one in force; the rest are skipped.
                if logical == current || seq > view {
                    steps += 1
                    guard steps <= Limits.versionsWalkedMax else {
                        throw EventLogError.damagedTable(table: table, reason: "more than \(Limits.versionsWalkedMax) versions passed over in one scan")
                    }
                    entry = try cursor.next()
                    continue
                }
                swap(&current, &logical)
                steps = 0
                guard try deliverWritten(before: current) else { return true }
                if nextWritten < written.count, written[nextWritten].key == current {
                    // The overlay's value replaces the stored one (delivered, or skipped when deleted).
                    entry = try cursor.next()
                    continue
                }
                if let value = try Versions.value(stored.value, table: table) {
                    seen += 1
                    let proceed = try current.withUnsafeBytes { k in try body(k, value) }
                    guard proceed else { return true }
                }
                entry = try cursor.next()
            }
            return seen >= limit
        }
        guard !stop else { return }
        _ = try deliverWritten(before: nil)
    }
}

/// A hook's tables during `apply`: reads and writes.
public typealias HookTables = Tables<WriteTransaction>
/// Either kind of transaction a hook's tables are read in, so that a higher layer can write queries that run
/// in a snapshot or during an append without naming LMDB.
public typealias TableTransaction = ReadableTransaction
/// A hook's tables in a read snapshot.
public typealias TableReader = Tables<ReadTransaction>

extension Tables where Transaction == WriteTransaction {
    /// Stores `value` as `key`'s version of event `writeSeq`. `undoable` false marks derived state that the
    /// hook recomputes itself after an undo (it is left out of `capturingWrites`' answer).
    public func put(_ table: String, key: [UInt8], value: [UInt8], undoable: Bool = true) throws {
        memo.written(table)
        if let overlay {
            overlay.set(table, key, value, undoable: undoable)
            return
        }
        try store(table, key: key, value: value)
    }

    /// Stores `value` under a key that must be new, such as one that ends in the event's own seq; an existing
    /// key refuses the event (`EventLogError.damagedTable`).
    public func insert(_ table: String, key: [UInt8], value: [UInt8]) throws {
        memo.written(table)
        if let overlay {
            overlay.set(table, key, value, undoable: true)
            return
        }
        // A key that exists means damaged tables (or a hook that misnames its keys): the batch is refused.
        guard try withValue(table, key: key, { $0 == nil }) else {
            throw EventLogError.damagedTable(table: table, reason: "an entry inserted as new exists already (\(String(decoding: key.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "/") }, as: UTF8.self)))")
        }
        try store(table, key: key, value: value)
    }

    /// Deletes `key` (a version saying it was deleted); false when there was nothing to delete.
    @discardableResult
    public func delete(_ table: String, key: [UInt8]) throws -> Bool {
        memo.written(table)
        guard try withValue(table, key: key, { $0 != nil }) else { return false }
        if let overlay {
            overlay.set(table, key, nil, undoable: true)
            return true
        }
        try store(table, key: key, value: nil)
        return true
    }

    private func store(_ table: String, key: [UInt8], value: [UInt8]?) throws {
        precondition(writeSeq > 0, "writes need the seq of the event that makes them")
        precondition(view == .max, "writes go to tables read as they are now")
        try transaction.pointee.put(self.table(table), key: Versions.storedKey(key, seq: writeSeq), value: Versions.storedValue(value))
    }

    /// Runs `body` against these tables as they stood right after event `asOf` (which must precede the event
    /// being applied), with every write it makes kept in memory instead of stored (and read back by `body`),
    /// and returns those writes, each key once, in the order first made, with the value it was left with.
    /// A hook applies an earlier event again this way to learn what that event wrote, so that it can undo it.
    public func capturingWrites(asOf: UInt64, _ body: (borrowing HookTables) throws -> Void) throws -> [CapturedWrite] {
        precondition(asOf < writeSeq, "an earlier event's writes are learned as of a seq before this one")
        let overlay = Overlay()
        try body(HookTables(transaction: transaction, tables: tables, events: events, subjects: subjects, pendingSubjects: pendingSubjects,
                            mode: .replay, memo: TableMemo(), view: asOf, writeSeq: asOf + 1, overlay: overlay, sealed: sealed, log: log))
        return overlay.order.compactMap { write in
            guard write.undoable, let value = overlay.lookup(write.table, write.key) else { return nil }
            return CapturedWrite(table: write.table, key: write.key, value: value)
        }
    }
}

/// The log's reads (`Tables.event(seq:)`, `events(concerning:in:limit:)`) from a transaction of the log's own
/// environment, for tables that live in another one (a rebuild's scratch state). Its closures hold an unsafe
/// pointer to that transaction: valid only while it is open, on the thread that uses it; never stored beyond the
/// `Tables` it is given to.
struct LogReads {
    let event: (UInt64) throws -> RecordedEvent?
    let concerning: (String, Range<UInt64>, Int) throws -> [UInt64]
}

/// Subject-index entries of the batch being appended (`[len][id][seq]` → the id's stream version), written
/// to the index when the batch ends; shared with the hook's `Tables` so that a hook reading the index sees
/// its own batch. Used by one thread.
final class PendingIndex {
    var entries = KeyBatch()

    /// The numbers (seqs) of the entries `[len][name][seq]` whose `[len][name]` is `prefix` and whose seq is
    /// in `range`, in the order added (log order). A linear pass: hooks read this rarely (corrections).
    func seqs(prefix: [UInt8], in range: Range<UInt64>) -> [UInt64] {
        var found: [UInt64] = []
        entries.bytes.withUnsafeBytes { buffer in
            for entry in entries.entries where entry.key.count == prefix.count + 8 {
                let key = UnsafeRawBufferPointer(rebasing: buffer[entry.key])
                guard key.starts(with: prefix) else { continue }
                let seq = Layout.readSeq(key, at: prefix.count)
                if range.contains(seq) { found.append(seq) }
            }
        }
        return found
    }
}

/// Why a hook is shown an event.
public enum ApplyMode: Sendable, Equatable {
    /// The event is being appended: the hook decides whether it may be recorded.
    case append
    /// The event is in the log already (it was accepted when appended, and the chain proves it unchanged)
    /// and is fed again to rebuild the tables. A hook may skip checks that can only refuse, but must make
    /// exactly the writes it made when the event was appended.
    case replay
}

/// Values a hook derives from its tables and reuses for the rest of one transaction (a composed policy,
/// a chain of parent units). Each value names the tables it was read from; a write to any of those
/// tables through `Tables` forgets every value that depends on it, so a value is never staler than the
/// tables. A memo lives as long as one transaction, is used by one thread, and holds at most
/// `Limits.memoEntriesMax` values (beyond that it starts afresh).
public final class TableMemo {
    private var values: [String: AnyObject] = [:]
    private var dependents: [String: [String]] = [:]

    public init() {}

    /// The value remembered under `key`, or `compute()`'s, remembered until one of `tables` is written.
    /// Values are objects, so that a hit costs a reference count, not a copy.
    public func value<T: AnyObject>(_ key: String, readFrom tables: [String], _ compute: () throws -> T) rethrows -> T {
        if let known = values[key] as? T { return known }
        let value = try compute()
        if values.count >= Limits.memoEntriesMax {
            values.removeAll(keepingCapacity: true)
            dependents.removeAll(keepingCapacity: true)
        }
        values[key] = value
        for table in tables { dependents[table, default: []].append(key) }
        return value
    }

    /// Forgets the values read from `table`.
    func written(_ table: String) {
        guard let keys = dependents.removeValue(forKey: table) else { return }
        for key in keys { values.removeValue(forKey: key) }
    }

    /// How many values are remembered.
    public var count: Int { values.count }
}

/// A read of a hook's tables that can run in a snapshot or against tables rebuilt to an earlier point
/// (`Ledger.query(_:atSeq:)`).
public protocol TableQuery {
    associatedtype Result
    func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> Result
}
