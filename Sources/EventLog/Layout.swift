/// How the event log lays itself out in LMDB (documented in `Schemas/STORAGE.md`).
///
/// Sub-databases (all keys compared as bytes):
/// - `log.events`: seq (UInt64 big-endian) → record: format byte 0x01, the event's 32-byte hash,
///   then its canonical bytes.
/// - `log.subjects`: [id length UInt8][id UTF-8][seq UInt64 BE] → the id's stream version as of event seq
///   (UInt64 BE): one entry for every id event seq names, its stream and each of its subjects. The value is
///   the number of events up to and including seq whose stream is the id, so the last entry of an id holds
///   its stream's current version, and an event of stream S is the entry of S one above the one before it.
/// - `log.idempotency`: idempotency key UTF-8 → seq (UInt64 BE).
/// - `log.meta`: ASCII names → values (`format`, `formatVersion`, `ledgerId`, `createdAt`, `clock` on a
///   test-clock ledger, `checkpoint` and `checkpointKey`: the latest signed checkpoint and its verifier key).
/// - `log.tiles` (from format 3): the Merkle tree over the log, in tiles (`MerkleTiles`).
/// Higher layers' tables are named `x.<name>`.
///
/// Format 1 (before the stream index was folded into the subject index) kept `log.streams`:
/// [stream length UInt8][stream UTF-8][version UInt64 BE] → seq, and `log.subjects` held subjects only, with
/// empty values. A writable open migrates it (`Ledger.migrateLogIndex`); a read-only open reads it as it is
/// (`LogIndex.format1`).
enum Layout {
    static let events = "log.events"
    /// Format 1's stream index; the migration to format 2 drops it.
    static let format1Streams = "log.streams"
    static let subjects = "log.subjects"
    static let idempotency = "log.idempotency"
    static let meta = "log.meta"
    static let hookTablePrefix = "x."

    static let formatName = "grassroots-ledger"
    /// The format this program writes: format 2 and the Merkle tree (`log.tiles`). It also reads
    /// `formatVersionFormat1` (see `LogIndex`) and `formatVersionFormat2` (without the tree) as they are.
    static let formatVersion: UInt32 = 3
    static let formatVersionFormat2: UInt32 = 2
    static let formatVersionFormat1: UInt32 = 1
    static let recordFormat: UInt8 = 1
    /// format byte + hash
    static let recordHeaderBytes = 1 + Hash.byteCount

    static func seqKey(_ seq: UInt64) -> [UInt8] { withUnsafeBytes(of: seq.bigEndian) { Array($0) } }

    static func readSeq(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return value
    }

    static func readSeq(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        precondition(offset + 8 <= bytes.count)
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    static func appendBigEndian(_ value: UInt64, to out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// `[len][name]` — the prefix shared by every key of one stream or subject.
    static func prefix(_ name: String) -> [UInt8] {
        let utf8 = Array(name.utf8)
        precondition(utf8.count <= Limits.identifierBytesMax && utf8.count <= 255, "identifier too long for a key prefix")
        return [UInt8(utf8.count)] + utf8
    }

    /// `[len][name bytes][number BE]`: the key shape of the subject index (and of format 1's stream index).
    static func streamKey(bytes name: [UInt8], number: UInt64) -> [UInt8] {
        precondition(!name.isEmpty && name.count <= 255, "identifier length out of range for a key prefix")
        var key = [UInt8(name.count)] + name
        appendBigEndian(number, to: &key)
        return key
    }

    /// Rewrites `key` as `[len][name][number BE]`, reusing its storage (the verification hot path).
    static func fillPrefixedKey(_ key: inout [UInt8], name: [UInt8], number: UInt64) {
        precondition(!name.isEmpty && name.count <= 255, "identifier length out of range for a key prefix")
        key.removeAll(keepingCapacity: true)
        key.append(UInt8(name.count))
        key.append(contentsOf: name)
        appendBigEndian(number, to: &key)
    }

    static func streamKey(_ stream: String, version: UInt64) -> [UInt8] {
        var key = prefix(stream)
        appendBigEndian(version, to: &key)
        return key
    }

    static func subjectKey(_ subject: String, seq: UInt64) -> [UInt8] {
        var key = prefix(subject)
        appendBigEndian(seq, to: &key)
        return key
    }

    /// Splits a `[len][name][UInt64 BE]` key; nil when malformed.
    static func splitPrefixed(_ key: UnsafeRawBufferPointer) -> (name: UnsafeRawBufferPointer, number: UInt64)? {
        guard key.count >= 10 else { return nil }
        let length = Int(key[0])
        guard length >= 1, key.count == 1 + length + 8 else { return nil }
        return (UnsafeRawBufferPointer(rebasing: key[1..<(1 + length)]), readSeq(key, at: 1 + length))
    }

    /// The key just past every key of the id `[len][name]` (`[len][name][0xFF…FF]` and one more byte):
    /// a seek there lands on the next id, and the entry before it is the id's last.
    static func pastPrefix(_ prefix: [UInt8]) -> [UInt8] {
        prefix + [UInt8](repeating: 0xFF, count: 9)
    }
}
