/// How a hook's tables keep every version of every entry, so that the state as it stood right after any
/// event is read from the stored tables by index, never by replay (documented in `Schemas/STORAGE.md`).
///
/// A hook sees plain keys and values (`Tables`). Each write an event makes is stored as a new version of
/// its key, keyed by the event's seq; nothing is overwritten except by the same event. In LMDB:
///
///     key:   escaped(logical key) 0x00 0x00 ~seq (UInt64 big-endian, bits inverted)
///     value: 0x01 value bytes   (the entry as that event left it)
///            0x00               (that event deleted the entry)
///
/// The escaping turns each 0x00 byte of the logical key into 0x00 0xFF, so that `0x00 0x00` ends it: the
/// versions of one key are contiguous, logical keys keep their byte order, and a logical prefix escapes to a
/// prefix of every key that starts with it. The seq is inverted so that a key's latest version comes first:
/// "now" is one seek to `escaped 0x00 0x00` and "as of event N" one seek to `escaped 0x00 0x00 ~N`.
enum Versions {
    /// Bytes after the escaped key: the terminator and the inverted seq.
    static let suffixBytes = 2 + 8
    static let live: UInt8 = 1
    static let deleted: UInt8 = 0

    /// Appends `key`, escaped, to `out` (no terminator).
    static func escape<S: Sequence<UInt8>>(_ key: S, into out: inout [UInt8]) {
        for byte in key {
            out.append(byte)
            if byte == 0 { out.append(0xFF) }
        }
    }

    /// `escaped(key) 0x00 0x00 ~seq`: the stored key of `key`'s version written by event `seq`; with
    /// `seq` = `UInt64.max`, the smallest stored key of `key` (its latest version sorts first).
    static func storedKey<S: Sequence<UInt8>>(_ key: S, seq: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(key.underestimatedCount + 16)
        escape(key, into: &out)
        out.append(0)
        out.append(0)
        let inverted = ~seq
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: inverted >> UInt64(shift))) }
        return out
    }

    /// The stored prefix of every version of `key`: `escaped(key) 0x00 0x00`.
    static func versionsPrefix(_ key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(key.count + 4)
        escape(key, into: &out)
        out.append(0)
        out.append(0)
        return out
    }

    /// The stored prefix of every key that starts with the logical `prefix`.
    static func escapedPrefix(_ prefix: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(prefix.count + 4)
        escape(prefix, into: &out)
        return out
    }

    /// Splits a stored key: writes its logical key into `logical` (replacing what was there) and returns
    /// the seq of the version; nil when the key is not of this form (damaged).
    static func split(_ stored: UnsafeRawBufferPointer, logical: inout [UInt8]) -> UInt64? {
        logical.removeAll(keepingCapacity: true)
        guard stored.count >= suffixBytes else { return nil }
        let end = stored.count - suffixBytes
        guard stored[end] == 0, stored[end + 1] == 0 else { return nil }
        var index = 0
        while index < end {
            let byte = stored[index]
            logical.append(byte)
            if byte == 0 {
                guard index + 1 < end, stored[index + 1] == 0xFF else { return nil }
                index += 2
            } else {
                index += 1
            }
        }
        var inverted: UInt64 = 0
        for offset in (end + 2)..<stored.count { inverted = inverted << 8 | UInt64(stored[offset]) }
        return ~inverted
    }

    /// The seq of a stored key whose versions prefix is known to be `prefixCount` bytes long.
    static func seq(_ stored: UnsafeRawBufferPointer) -> UInt64 {
        precondition(stored.count >= suffixBytes, "a stored key ends in a terminator and a seq")
        var inverted: UInt64 = 0
        for offset in (stored.count - 8)..<stored.count { inverted = inverted << 8 | UInt64(stored[offset]) }
        return ~inverted
    }

    /// The stored form of a value, or of a deletion (nil).
    static func storedValue(_ value: [UInt8]?) -> [UInt8] {
        guard let value else { return [deleted] }
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 1)
        out.append(live)
        out.append(contentsOf: value)
        return out
    }

    /// The value a stored version holds (nil for a deletion); throws when it is neither.
    static func value(_ stored: UnsafeRawBufferPointer, table: String) throws -> UnsafeRawBufferPointer? {
        guard let tag = stored.first, tag == live || (tag == deleted && stored.count == 1) else {
            throw EventLogError.damagedTable(table: table, reason: "a stored version is neither a value nor a deletion")
        }
        return tag == live ? UnsafeRawBufferPointer(rebasing: stored[1...]) : nil
    }
}

/// The writes a hook makes while its tables are read as of an earlier event (`HookTables.capturingWrites`):
/// kept in memory, never stored, and read back by the same call, so that a hook can learn what an event
/// wrote by applying it again. Used by one thread.
final class Overlay {
    /// Per table: the value each key was given (nil: deleted).
    private(set) var values: [String: [[UInt8]: [UInt8]?]] = [:]
    /// The writes in the order first made, each key once, with whether a restore must undo it.
    private(set) var order: [(table: String, key: [UInt8], undoable: Bool)] = []

    func set(_ table: String, _ key: [UInt8], _ value: [UInt8]?, undoable: Bool) {
        precondition(order.count < Limits.capturedWritesMax, "one event wrote more than \(Limits.capturedWritesMax) table entries")
        let known = values[table]?.index(forKey: key) != nil
        values[table, default: [:]][key] = .some(value)
        if !known { order.append((table, key, undoable)) }
    }

    /// nil when the key was not written here; `.some(nil)` when it was deleted.
    func lookup(_ table: String, _ key: [UInt8]) -> [UInt8]?? {
        guard let written = values[table], let index = written.index(forKey: key) else { return nil }
        return .some(written[index].value)
    }

    /// The keys written in `table` that are >= `from`, in byte order, with their values.
    func entries(_ table: String, from: [UInt8]) -> [(key: [UInt8], value: [UInt8]?)] {
        guard let written = values[table] else { return [] }
        return written.filter { !$0.key.lexicographicallyPrecedes(from) }
            .map { (key: $0.key, value: $0.value) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }

    /// The greatest key written in `table` that is <= `key` (< when not `inclusive`) and starts with `prefix`.
    func floor(_ table: String, key: [UInt8], inclusive: Bool, prefix: [UInt8]) -> (key: [UInt8], value: [UInt8]?)? {
        guard let written = values[table] else { return nil }
        var best: (key: [UInt8], value: [UInt8]?)? = nil
        for (candidate, value) in written where candidate.starts(with: prefix) {
            let below = inclusive ? !key.lexicographicallyPrecedes(candidate) : candidate.lexicographicallyPrecedes(key)
            guard below else { continue }
            if best.map({ $0.key.lexicographicallyPrecedes(candidate) }) ?? true { best = (candidate, value) }
        }
        return best
    }
}

/// One write an event made, as `HookTables.capturingWrites` learned it: the table, the key and the value it
/// left (nil: it deleted the entry).
public struct CapturedWrite: Sendable, Equatable {
    public let table: String
    public let key: [UInt8]
    public let value: [UInt8]?
}
