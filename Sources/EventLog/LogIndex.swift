import LMDB

/// How a ledger's log keeps stream versions: the reads that depend on it (a stream's version and events,
/// `stats`' stream count, `verify`) go through this, so that a read-only open answers from a format-1 ledger
/// as it is. An evidence copy is never migrated: `verify` then checks the indexes it actually holds.
enum LogIndex: Sendable, Equatable {
    /// Format 2: `log.subjects` holds every id an event names (its stream and its subjects), each valued with
    /// the id's stream version as of that event (`Layout`); there is no stream index.
    case versioned
    /// Format 1, only on a read-only open (a writable open migrates it first, `Ledger.migrateLogIndex`):
    /// `log.streams` maps [stream][version] to seq, and `log.subjects` holds subjects only, with empty values.
    case format1(streams: Database)
}

extension Ledger {
    /// The current version of `stream` (0 when it has no events): one seek to the id's last entry.
    func streamVersion(_ txn: borrowing some ReadableTransaction & ~Copyable, stream: String) throws -> UInt64 {
        let prefix = Layout.prefix(stream)
        switch logIndex {
        case .versioned:
            return try txn.withCursor(subjects) { cursor in
                guard let last = try Ledger.lastEntry(&cursor, prefix: prefix) else { return 0 }
                return try Ledger.version(of: last, prefix: prefix, in: subjects)
            }
        case .format1(let streams):
            return try txn.withCursor(streams) { cursor in
                guard let last = try Ledger.lastEntry(&cursor, prefix: prefix), let split = Layout.splitPrefixed(last.key) else { return 0 }
                return split.number
            }
        }
    }

    /// The last entry whose key is `prefix` and 8 more bytes, or nil; leaves the cursor on it.
    static func lastEntry(_ cursor: inout Cursor, prefix: [UInt8]) throws -> Cursor.Entry? {
        let entry = try cursor.seek(atLeast: Layout.pastPrefix(prefix)) == nil ? try cursor.last() : try cursor.previous()
        guard let entry, entry.key.count == prefix.count + 8, entry.key.starts(with: prefix) else { return nil }
        return entry
    }

    /// The stream version a subject-index entry holds; a value of another size is damage.
    static func version(of entry: Cursor.Entry, prefix: [UInt8], in db: Database) throws -> UInt64 {
        guard let version = Layout.readSeq(entry.value) else {
            let seq = Layout.readSeq(entry.key, at: prefix.count)
            throw EventLogError.corruptRecord(seq: seq, reason: "its entry in \(db.name) holds \(entry.value.count) bytes where a stream version (8) belongs")
        }
        return version
    }

    /// The seqs of `stream`'s events with version >= `fromVersion`, in order, at most `limit`.
    func streamSeqs(_ txn: borrowing ReadTransaction, stream: String, fromVersion: UInt64, limit: Int) throws -> [UInt64] {
        precondition(fromVersion >= 1 && limit > 0, "versions start at 1 and a read needs a positive limit")
        let prefix = Layout.prefix(stream)
        var seqs: [UInt64] = []
        switch logIndex {
        case .versioned:
            let head = try readHead(txn).seq
            try txn.withCursor(subjects) { cursor in
                // The stream's events are its entries whose version is one above the entry before; versions
                // never fall with seq, so the first event at or above `fromVersion` is found by halving seqs.
                var low: UInt64 = 0  // the stream's version after event `low` is below fromVersion
                var high = head      // ... and after event `high`, at least fromVersion (if ever)
                guard try versionAfter(&cursor, prefix: prefix, seq: high) >= fromVersion else { return }
                while high - low > 1 {
                    let middle = low + (high - low) / 2
                    if try versionAfter(&cursor, prefix: prefix, seq: middle) >= fromVersion { high = middle } else { low = middle }
                }
                var previous = try versionAfter(&cursor, prefix: prefix, seq: low)
                var entry = try cursor.seek(atLeast: Layout.streamKey(bytes: Array(prefix.dropFirst()), number: high))
                while let current = entry, seqs.count < limit, current.key.count == prefix.count + 8, current.key.starts(with: prefix) {
                    let version = try Ledger.version(of: current, prefix: prefix, in: subjects)
                    let seq = Layout.readSeq(current.key, at: prefix.count)
                    if version == previous + 1 {
                        seqs.append(seq)
                    } else if version != previous {
                        throw EventLogError.corruptRecord(seq: seq, reason: "\(subjects.name) says stream \"\(stream)\" goes from version \(previous) to \(version) here")
                    }
                    previous = version
                    entry = try cursor.next()
                }
            }
        case .format1(let streams):
            try txn.withCursor(streams) { cursor in
                var entry = try cursor.seek(atLeast: Layout.streamKey(stream, version: fromVersion))
                while let current = entry, seqs.count < limit, current.key.count == prefix.count + 8, current.key.starts(with: prefix) {
                    guard let seq = Layout.readSeq(current.value) else {
                        throw EventLogError.corruptRecord(seq: 0, reason: "malformed entry in \(streams.name)")
                    }
                    seqs.append(seq)
                    entry = try cursor.next()
                }
            }
        }
        return seqs
    }

    /// The version of the stream `[len][name]` right after event `seq` (0 before its first event), from the
    /// subject index: the value of its last entry at or before `seq`.
    private func versionAfter(_ cursor: inout Cursor, prefix: [UInt8], seq: UInt64) throws -> UInt64 {
        guard seq > 0 else { return 0 }
        var key = prefix
        Layout.appendBigEndian(seq, to: &key)
        let atOrAfter = try cursor.seek(atLeast: key)
        let entry = atOrAfter.map { $0.key.elementsEqual(key) } == true ? atOrAfter : (atOrAfter == nil ? try cursor.last() : try cursor.previous())
        guard let entry, entry.key.count == prefix.count + 8, entry.key.starts(with: prefix) else { return 0 }
        return try Ledger.version(of: entry, prefix: prefix, in: subjects)
    }

    /// Streams (ids with a version above 0) and ids the subject index names, counting each id once by
    /// jumping to its last entry, at most `Limits.statsScanEntriesMax` ids; true when the count stopped there.
    func countStreamsAndIds(_ txn: borrowing ReadTransaction) throws -> (streams: Int, ids: Int, truncated: Bool) {
        switch logIndex {
        case .versioned:
            return try txn.withCursor(subjects) { cursor in
                var (streamCount, ids) = (0, 0)
                var entry = try cursor.first()
                while let current = entry {
                    guard ids < Limits.statsScanEntriesMax else { return (streamCount, ids, true) }
                    ids += 1
                    guard let split = Layout.splitPrefixed(current.key) else {
                        entry = try cursor.next()
                        continue
                    }
                    let prefix = [UInt8(split.name.count)] + Array(split.name)
                    let next = try cursor.seek(atLeast: Layout.pastPrefix(prefix))
                    if let last = next == nil ? try cursor.last() : try cursor.previous(),
                       last.key.starts(with: prefix), let version = Layout.readSeq(last.value), version > 0 {
                        streamCount += 1
                    }
                    entry = next == nil ? nil : try cursor.next()
                }
                return (streamCount, ids, false)
            }
        case .format1(let streams):
            let (streamCount, streamsTruncated) = try Ledger.countPrefixes(txn, streams)
            let (ids, idsTruncated) = try Ledger.countPrefixes(txn, subjects)
            return (streamCount, ids, streamsTruncated || idsTruncated)
        }
    }

    /// Counts distinct `[len][name]` prefixes by jumping from one to the next.
    private static func countPrefixes(_ txn: borrowing ReadTransaction, _ db: Database) throws -> (Int, Bool) {
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
                entry = try cursor.seek(atLeast: Layout.pastPrefix([UInt8(split.name.count)] + Array(split.name)))
            }
            return (count, false)
        }
    }
}
