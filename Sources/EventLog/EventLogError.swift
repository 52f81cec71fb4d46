public import LMDB

/// Why the event log refused or failed an operation. Each case says what a person needs to act.
public enum EventLogError: Error, CustomStringConvertible, Sendable {
    /// A draft is malformed (bad input). `index` is its 0-based position in the batch.
    case invalidEvent(index: Int, field: String, reason: String)
    /// Optimistic concurrency: the stream is not at the version the caller expected.
    case versionConflict(index: Int, stream: String, expected: UInt64, actual: UInt64)
    /// The idempotency key is already recorded, for an event with other content.
    case idempotencyConflict(index: Int, key: String, originalSeq: UInt64, differing: [String])
    /// A higher layer's hook refused the event (for example, a governance rule).
    case rejected(index: Int, seq: UInt64, reason: any Error & Sendable)
    /// The batch is larger than `Limits.batchEventsMax`.
    case batchTooLarge(count: Int, max: Int)
    /// The ledger reached its maximum map size; nothing of the batch was written.
    case ledgerFull(mapSizeMaxBytes: Int, underlying: LMDBError)
    /// No ledger at the path.
    case ledgerNotFound(path: String)
    /// `create` found something already there.
    case ledgerExists(path: String)
    /// The path holds an LMDB environment that is not a ledger, or a ledger of an unknown format.
    case notALedger(path: String, reason: String)
    /// The higher layer's tables were built by another version and the ledger was opened read-only.
    case projectionsOutdated(path: String, stored: String, current: String)
    /// A write was asked of a ledger that cannot be written, or was opened read-only.
    case notWritable(path: String, reason: String)
    /// The ledger's map is already larger than the maximum asked for (a map does not shrink).
    case mapSizeMaxBelowCurrent(path: String, requested: Int, current: Int)
    /// The file system holding the ledger is full; the write was not committed.
    case diskFull(path: String, underlying: LMDBError)
    /// The path (or its data.mdb) cannot be read by this user.
    case unreadable(path: String, reason: String)
    /// A scratch directory (a rebuild's or a check's scratch state, a read-only ledger's projections rebuilt aside)
    /// could not be made or filled.
    case scratchFailed(directory: String, reason: String)
    /// A point in the log past its head was asked for.
    case beyondHead(seq: UInt64, head: UInt64)
    /// A stored record cannot be decoded (damage or tampering).
    case corruptRecord(seq: UInt64, reason: String)
    /// A projection table holds bytes that are not what the event log stores there.
    case damagedTable(table: String, reason: String)
    /// The Merkle tree's tiles (`log.tiles`) are not what the events call for (damage or tampering).
    case damagedTree(reason: String)
    /// A checkpoint or proof was asked of a ledger from before the Merkle tree, opened read-only.
    case noMerkleTree(path: String, formatVersion: UInt32)
    /// The ledger's `data.mdb` is damaged where liblmdb cannot be trusted with it (truncated, say).
    case damagedFile(path: String, reason: String)
    /// liblmdb failed.
    case storage(LMDBError)

    public var description: String {
        switch self {
        case .invalidEvent(let index, let field, let reason):
            return "event \(index + 1) of the batch: \(field): \(reason)"
        case .versionConflict(let index, let stream, let expected, let actual):
            return "event \(index + 1) of the batch: version conflict on stream \"\(stream)\": expected version \(expected), the stream is at version \(actual); read the stream again and retry"
        case .idempotencyConflict(let index, let key, let originalSeq, let differing):
            return "event \(index + 1) of the batch: idempotency key \"\(key)\" is already recorded as event \(originalSeq) with different content (\(differing.joined(separator: ", "))); use a new key for a different act"
        case .rejected(let index, let seq, let reason):
            return "event \(index + 1) of the batch (would be seq \(seq)) refused: \(reason)"
        case .batchTooLarge(let count, let max):
            return "batch of \(count) events exceeds the limit of \(max) events per atomic append"
        case .ledgerFull(let max, let underlying):
            return "the ledger reached its maximum map size of \(max) bytes (\(underlying.message)); nothing of this batch was written; reopen with a larger map size maximum"
        case .ledgerNotFound(let path):
            return "no ledger at \(path); create one with `grassroots init`"
        case .ledgerExists(let path):
            return "\(path) already exists; refusing to overwrite it"
        case .notALedger(let path, let reason):
            return "\(path) is not a GrassrootsLedger ledger: \(reason)"
        case .projectionsOutdated(let path, let stored, let current):
            return "the projections in \(path) were built as \(stored) and this program keeps \(current); a read does not rebuild them: run `grassroots rebuild` (it rebuilds them from the log, in one transaction) and ask again"
        case .notWritable(let path, let reason):
            return "\(path) cannot be written: \(reason); reading commands (log, verify, stats, roster...) work on it, but appending or rebuilding needs a writable ledger"
        case .mapSizeMaxBelowCurrent(let path, let requested, let current):
            return "the map size maximum asked for, \(requested) bytes, is below the current map size of \(path), \(current) bytes; a map does not shrink: give at least \(current)"
        case .diskFull(let path, let underlying):
            return "the disk holding \(path) is full (\(underlying.operation): no space left on device); this write was not committed and what was committed before is intact; free space on that disk and run again"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason); ask its owner for read access, or work on a copy you can read"
        case .scratchFailed(let directory, let reason):
            return "cannot use the scratch directory \(directory): \(reason); set TMPDIR to a directory with room for about half the ledger's size (a rebuild or check) or a copy of the ledger (an outdated read-only copy)"
        case .beyondHead(let seq, let head):
            return "the ledger holds \(head) events; there is no event \(seq) to stand after"
        case .corruptRecord(let seq, let reason):
            return "event \(seq) cannot be read: \(reason); run `grassroots verify`"
        case .damagedTable(let table, let reason):
            return "the projection table \(table) is damaged: \(reason); run `grassroots check`, then `grassroots rebuild`"
        case .damagedTree(let reason):
            return "the Merkle tree (log.tiles) is damaged: \(reason)"
        case .noMerkleTree(let path, let formatVersion):
            return "\(path) is in storage format \(formatVersion), which has no Merkle tree; a command that writes to it "
                + "(`grassroots rebuild`) builds the tree first, then checkpoints and proofs can be made"
        case .damagedFile(let path, let reason):
            return "\(path) is damaged: \(reason)"
        case .storage(let error):
            return "storage error: \(error)"
        }
    }
}
