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
    /// Called once a replay has fed every event (a rebuild, `check`, `--at-seq`), in the same transaction,
    /// with `tables.mode` `.replay`: a hook may leave entries that are a pure function of its other tables
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
public struct Tables<Transaction: ReadableTransaction & ~Copyable>: ~Copyable {
    let transaction: UnsafePointer<Transaction>
    let tables: [String: Database]
    /// The log's event table, so a hook can read earlier events (`event(seq:)`).
    let events: Database?
    /// The log's subject index, and the entries of the batch being appended that are not in it yet
    /// (`events(concerning:in:limit:)`).
    let subjects: Database?
    let pendingSubjects: PendingIndex?
    /// Records every write made through these tables while `apply` runs (see `TableJournal`).
    public let journal: TableJournal?
    /// Why the hook sees the event: appended now, or replayed from the log (a rebuild, `check`, `--at-seq`).
    public let mode: ApplyMode
    /// Values derived from these tables, kept for the rest of the transaction (see `TableMemo`).
    public let memo: TableMemo

    init(transaction: UnsafePointer<Transaction>, tables: [String: Database], events: Database? = nil, subjects: Database? = nil,
         pendingSubjects: PendingIndex? = nil, journal: TableJournal? = nil, mode: ApplyMode = .append, memo: TableMemo = TableMemo()) {
        self.transaction = transaction
        self.tables = tables
        self.events = events
        self.subjects = subjects
        self.pendingSubjects = pendingSubjects
        self.journal = journal
        self.mode = mode
        self.memo = memo
    }

    /// An earlier event of the log, as stored (nil when there is none at `seq`).
    public func event(seq: UInt64) throws -> RecordedEvent? {
        guard let events else { return nil }
        return try Ledger.readEvent(transaction.pointee, events: events, seq: seq)
    }

    /// The seqs of the events in `range` that name `subject` among their subjects, in log order, at most
    /// `limit` of them: from the subject index, and from the batch being appended (whose index entries are
    /// written when the batch ends). Empty when these tables were opened without the log's indexes, or for an id
    /// longer than `Limits.identifierBytesMax` (no subject can be).
    public func events(concerning subject: String, in range: Range<UInt64>, limit: Int) throws -> [UInt64] {
        precondition(limit > 0, "a read of the subject index needs a positive limit")
        guard let subjects, !range.isEmpty, !subject.utf8.isEmpty, subject.utf8.count <= Limits.identifierBytesMax else { return [] }
        var found: [UInt64] = []
        let prefix = Layout.prefix(subject)
        try transaction.pointee.withCursor(subjects) { cursor in
            var entry = try cursor.seek(atLeast: Layout.subjectKey(subject, seq: range.lowerBound))
            while let current = entry, found.count < limit, current.key.count == prefix.count + 8, current.key.starts(with: prefix) {
                let seq = Layout.readSeq(current.key, at: prefix.count)
                guard seq < range.upperBound else { break }
                found.append(seq)
                entry = try cursor.next()
            }
        }
        if let pendingSubjects, found.count < limit {
            found += pendingSubjects.seqs(prefix: prefix, in: range).prefix(limit - found.count)
        }
        return found
    }

    func table(_ name: String) -> Database {
        guard let db = tables[name] else {
            preconditionFailure("hook table \(name) was not declared in tableNames")
        }
        return db
    }

    public func get(_ table: String, key: [UInt8]) throws -> [UInt8]? {
        try transaction.pointee.get(self.table(table), key: key)
    }

    /// Calls `body` with the value stored under `key` (nil when there is none), in place, without copying:
    /// the bytes are valid only during the call.
    public func withValue<R>(_ table: String, key: [UInt8], _ body: (UnsafeRawBufferPointer?) throws -> R) throws -> R {
        try transaction.pointee.withValue(self.table(table), key: key, body)
    }

    /// The entry with the greatest key <= `key` whose key starts with `prefix`, or nil: "the latest state
    /// at or before" when keys end in a date.
    public func floor(_ table: String, key: [UInt8], prefix: [UInt8]) throws -> (key: [UInt8], value: [UInt8])? {
        precondition(key.starts(with: prefix), "the key must start with the prefix")
        return try transaction.pointee.withCursor(self.table(table)) { cursor in
            let candidate: Cursor.Entry?
            if let atOrAfter = try cursor.seek(atLeast: key) {
                candidate = atOrAfter.key.elementsEqual(key) ? atOrAfter : try cursor.previous()
            } else {
                candidate = try cursor.last()
            }
            guard let entry = candidate, entry.key.starts(with: prefix) else { return nil }
            return (Array(entry.key), Array(entry.value))
        }
    }

    /// Calls `body` with entries whose key is >= `from` (all entries when `from` is empty), in key order,
    /// until it returns false or `limit` entries have been seen.
    public func scan(_ table: String, from: [UInt8], limit: Int, _ body: ([UInt8], [UInt8]) throws -> Bool) throws {
        try scanRaw(table, from: from, limit: limit) { key, value in try body(Array(key), Array(value)) }
    }

    /// Like `scan`, without copying: `body` sees each key and value in the map, valid only during the call.
    public func scanRaw(_ table: String, from: [UInt8], limit: Int,
                        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Bool) throws {
        precondition(limit > 0, "a scan needs a positive limit")
        try transaction.pointee.withCursor(self.table(table)) { cursor in
            // LMDB refuses an empty key for MDB_SET_RANGE: from nothing means from the first entry.
            var entry = from.isEmpty ? try cursor.first() : try cursor.seek(atLeast: from)
            var seen = 0
            while let current = entry, seen < limit {
                seen += 1
                guard try body(current.key, current.value) else { return }
                entry = try cursor.next()
            }
        }
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
    public func put(_ table: String, key: [UInt8], value: [UInt8]) throws {
        memo.written(table)
        if let journal, journal.isRecording { journal.record(table, key, old: try get(table, key: key), new: value) }
        try transaction.pointee.put(self.table(table), key: key, value: value)
    }

    /// Stores `value` under a key that must be new, such as one that ends in the event's own seq: the journal
    /// records the entry as created without first reading the key, and the write fails (the append reports
    /// a storage error, `MDB_KEYEXIST`) if the key exists, which would mean damaged tables.
    public func insert(_ table: String, key: [UInt8], value: [UInt8]) throws {
        memo.written(table)
        if let journal, journal.isRecording { journal.record(table, key, old: nil, new: value) }
        try transaction.pointee.put(self.table(table), key: key, value: value, flags: .noOverwrite)
    }

    @discardableResult
    public func delete(_ table: String, key: [UInt8]) throws -> Bool {
        memo.written(table)
        if let journal, journal.isRecording {
            let old = try get(table, key: key)
            if old != nil { journal.record(table, key, old: old, new: nil) }
        }
        return try transaction.pointee.delete(self.table(table), key: key)
    }
}

/// Index entries of the batch being appended, written to their index when the batch ends; shared with
/// the hook's `Tables` so that a hook reading the index sees its own batch. Used by one thread.
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

/// The writes one `apply` made, in order, with each key's value before and after. A hook can keep it to
/// undo an event's effect later (a retraction), after checking that no later write touched the same keys.
/// Used by one `apply` call on one thread.
public final class TableJournal {
    public struct Entry: Sendable, Equatable {
        public let table: String
        public let key: [UInt8]
        public let old: [UInt8]?
        public let new: [UInt8]?
    }
    public private(set) var entries: [Entry] = []
    /// Writes are recorded while true; a hook turns it off to store the journal itself.
    public var isRecording = true

    public init() {}

    func record(_ table: String, _ key: [UInt8], old: [UInt8]?, new: [UInt8]?) {
        precondition(entries.count < Limits.journalEntriesMax, "one event wrote more than \(Limits.journalEntriesMax) table entries")
        entries.append(Entry(table: table, key: key, old: old, new: new))
    }
}

/// A read of a hook's tables that can run in a snapshot or against tables rebuilt to an earlier point
/// (`Ledger.query(_:atSeq:)`).
public protocol TableQuery {
    associatedtype Result
    func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> Result
}
