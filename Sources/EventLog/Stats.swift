import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Figures about a ledger, for `grassroots stats`.
public struct LedgerStats: Sendable {
    public var ledgerID: String
    public var createdAt: String
    /// The ledger's storage format (2; 1 for a format-1 ledger read as it is on a read-only open).
    public var formatVersion: UInt32
    public var events: UInt64
    public var head: ChainHead
    /// Streams: ids with at least one event of their own.
    public var streams: Int
    /// Ids the subject index names: every subject, and (from format 2) every stream. Governance events list
    /// their stream among their subjects, so for them this is the count of subjects in either format.
    public var subjects: Int
    /// True when a count stopped at `Limits.statsScanEntriesMax` entries (it is then a lower bound).
    public var countsTruncated: Bool
    public var idempotencyKeys: Int
    public var firstRecordedAt: Timestamp?
    public var lastRecordedAt: Timestamp?
    /// Size of `data.mdb` on disk.
    public var fileBytes: Int
    /// Pages in use times page size.
    public var usedBytes: Int
    public var mapSizeBytes: Int
    public var mapSizeMaxBytes: Int
    /// A test-clock ledger (`init --test-clock`): its recorded times may be set from outside.
    public var testClock: Bool = false
    /// The latest signed checkpoint stored (`grassroots checkpoint`), as its signed note, or nil.
    public var latestCheckpoint: String? = nil
}

extension Ledger {
    public func stats() throws -> LedgerStats {
        var fileInfo = stat()
        let fileBytes = stat(path + "/data.mdb", &fileInfo) == 0 ? Int(fileInfo.st_size) : 0
        let environmentInfo = environment.info()
        return try storage {
            try environment.read { txn in
                let ledgerID = try txn.get(meta, key: Array("ledgerId".utf8)).map { String(decoding: $0, as: UTF8.self) } ?? "unknown"
                let createdAt = try txn.get(meta, key: Array("createdAt".utf8)).map { String(decoding: $0, as: UTF8.self) } ?? "unknown"
                let head = try readHead(txn)
                let counted = try countStreamsAndIds(txn)
                let idempotencyKeys = try txn.stat(idempotency).entries
                var first: Timestamp? = nil
                var last: Timestamp? = nil
                if head.seq > 0 {
                    first = try readEvent(txn, seq: 1)?.recordedAt
                    last = try readEvent(txn, seq: head.seq)?.recordedAt
                }
                let checkpoint = try txn.get(meta, key: Ledger.checkpointKey).map { String(decoding: $0, as: UTF8.self) }
                var stats = LedgerStats(
                    ledgerID: ledgerID, createdAt: createdAt,
                    formatVersion: formatVersion, events: head.seq, head: head,
                    streams: counted.streams, subjects: counted.ids, countsTruncated: counted.truncated,
                    idempotencyKeys: idempotencyKeys, firstRecordedAt: first, lastRecordedAt: last,
                    fileBytes: fileBytes, usedBytes: environmentInfo.usedBytes,
                    mapSizeBytes: environmentInfo.mapSizeBytes, mapSizeMaxBytes: options.mapSizeMaxBytes)
                stats.testClock = isTestClock
                stats.latestCheckpoint = checkpoint
                return stats
            }
        }
    }
}
