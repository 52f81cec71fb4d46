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
    public var formatVersion: UInt32
    public var events: UInt64
    public var head: ChainHead
    public var streams: Int
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
                let (streamCount, streamsTruncated) = try countPrefixes(txn, streams)
                let (subjectCount, subjectsTruncated) = try countPrefixes(txn, subjects)
                let idempotencyKeys = try txn.stat(idempotency).entries
                var first: Timestamp? = nil
                var last: Timestamp? = nil
                if head.seq > 0 {
                    first = try readEvent(txn, seq: 1)?.recordedAt
                    last = try readEvent(txn, seq: head.seq)?.recordedAt
                }
                return LedgerStats(
                    ledgerID: ledgerID, createdAt: createdAt,
                    formatVersion: Layout.formatVersion, events: head.seq, head: head,
                    streams: streamCount, subjects: subjectCount, countsTruncated: streamsTruncated || subjectsTruncated,
                    idempotencyKeys: idempotencyKeys, firstRecordedAt: first, lastRecordedAt: last,
                    fileBytes: fileBytes, usedBytes: environmentInfo.usedBytes,
                    mapSizeBytes: environmentInfo.mapSizeBytes, mapSizeMaxBytes: options.mapSizeMaxBytes)
            }
        }
    }

    /// Counts distinct `[len][name]` prefixes by jumping from one to the next.
    private func countPrefixes(_ txn: borrowing ReadTransaction, _ db: Database) throws -> (Int, Bool) {
        try txn.withCursor(db) { cursor in
            var count = 0
            var entry = try cursor.first()
            while let current = entry {
                guard count < Limits.statsScanEntriesMax else { return (count, true) }
                count += 1
                guard let split = Layout.splitPrefixed(current.key) else {
                    entry = try cursor.next()
                    continue
                }
                // Jump past every key of this prefix.
                entry = try cursor.seek(atLeast: Layout.streamKey(bytes: Array(split.name), number: UInt64.max) + [0])
            }
            return (count, false)
        }
    }
}
