import CanonicalJSON
import EventLog

/// The undo journal (`gov.undo`): each event's writes, kept so that a correction or retraction can undo them
/// (Schemas/CORRECTIONS.md), after checking that nothing later changed the same entries.
enum UndoJournal {
    /// FNV-1a, 64 bits: a deterministic digest (the same in every process, unlike Swift's seeded Hasher),
    /// enough to tell whether a value was changed since (an accidental collision is ~2^-64).
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return (0..<8).reversed().map { UInt8(truncatingIfNeeded: hash >> UInt64($0 * 8)) }
    }

    /// The undo journal's binary form: per entry, the table name (u8 length), the key (u32 length), the old
    /// value (a presence byte and, when present, a u32 length and the bytes, to restore it), then the new
    /// value's 8-byte digest (a presence byte and the digest, to tell whether it was changed since).
    static func encode(_ entries: [TableJournal.Entry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + 32 + $1.table.utf8.count + $1.key.count + ($1.old?.count ?? 0) + ($1.new?.count ?? 0) })
        func length(_ n: Int) {
            precondition(n <= Int(UInt32.max), "undo entry too large")
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: n >> shift)) }
        }
        for entry in entries {
            let table = Array(entry.table.utf8)
            precondition(table.count <= 255, "table name too long")
            out.append(UInt8(table.count))
            out.append(contentsOf: table)
            length(entry.key.count)
            out.append(contentsOf: entry.key)
            if let old = entry.old {
                out.append(1)
                length(old.count)
                out.append(contentsOf: old)
            } else {
                out.append(0)
            }
            if let new = entry.new {
                out.append(1)
                out.append(contentsOf: digest(new))
            } else {
                out.append(0)
            }
        }
        return out
    }

    /// Entries with the old value and the new value's digest.
    static func decode(_ bytes: [UInt8]) throws -> [(table: String, key: [UInt8], old: [UInt8]?, newDigest: [UInt8]?)] {
        var index = 0
        func damaged() -> RuleViolation { RuleViolation(rule: "damaged state", detail: "an undo record cannot be read (byte \(index))", source: "") }
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, index + count <= bytes.count else { throw damaged() }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
        func length() throws -> Int { try take(4).reduce(0) { $0 << 8 | Int($1) } }
        var entries: [(table: String, key: [UInt8], old: [UInt8]?, newDigest: [UInt8]?)] = []
        while index < bytes.count {
            let tableLength = Int(try take(1).first ?? 0)
            let table = String(decoding: try take(tableLength), as: UTF8.self)
            let key = Array(try take(try length()))
            let old = try take(1).first == 1 ? Array(try take(try length())) : nil
            let newDigest = try take(1).first == 1 ? Array(try take(8)) : nil
            entries.append((table, key, old, newDigest))
        }
        return entries
    }
}
