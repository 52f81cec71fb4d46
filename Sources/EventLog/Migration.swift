import LMDB

extension Ledger {
    /// Builds the Merkle tree of a format-2 ledger (format 3: `log.tiles`), in one write transaction, before
    /// anything else is written to it: every event's leaf hash from its stored bytes, in seq order, into the
    /// tiles, then `formatVersion` 3. A failure or a crash midway commits nothing: the ledger stays format 2,
    /// whole. Returns the events in the tree, or nil when the ledger is not format 2 (nothing is written then).
    static func migrateMerkleTree(_ environment: Environment, path: String, options: LedgerOptions) throws -> UInt64? {
        let log = try openLog(environment, path: path, create: false)
        let (events, meta) = (log[0], log[3])
        guard try checkFormat(environment, meta: meta, path: path) == Layout.formatVersionFormat2 else { return nil }
        let progress = options.rebuildProgress ?? { _, _ in }
        return try Ledger.storage(path: path, options: options) {
            let tiles = try environment.openDatabases(named: [MerkleTiles.table], create: true)[0]
            return try environment.write { txn -> UInt64? in
                guard try checkFormat(txn, meta: meta, path: path) == Layout.formatVersionFormat2 else { return nil }
                func refuse(_ seq: UInt64, _ reason: String) -> EventLogError {
                    .corruptRecord(seq: seq, reason: "\(reason), so the Merkle tree of storage format \(Layout.formatVersion) cannot be built "
                        + "(\(path) is left in format \(Layout.formatVersionFormat2), as it was; read commands work on it; run `grassroots verify`)")
                }
                let total = try txn.withCursor(events) { cursor in try cursor.last().flatMap { Layout.readSeq($0.key) } } ?? 0
                try txn.clear(tiles)
                var tree = try MerkleTiles.Writer(db: tiles, size: 0, txn)
                var leaf: [UInt8] = []
                leaf.reserveCapacity(Hash.byteCount)
                var next: UInt64 = 1
                try txn.withCursor(events) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        guard let seq = Layout.readSeq(current.key), seq == next else { throw refuse(next, "it is missing from the event table") }
                        guard current.value.count > Layout.recordHeaderBytes, current.value[0] == Layout.recordFormat else {
                            throw refuse(seq, "its record header is malformed")
                        }
                        leaf.removeAll(keepingCapacity: true)
                        Merkle.leafHash(UnsafeRawBufferPointer(rebasing: current.value[Layout.recordHeaderBytes...]), into: &leaf)
                        try leaf.withUnsafeBytes { try tree.append(leaf: $0, txn) }
                        if seq % UInt64(Limits.migrationChunkEvents) == 0 { progress(seq, total) }
                        next = seq + 1
                        entry = try cursor.next()
                    }
                }
                guard next == total + 1 else { throw refuse(next, "it is missing from the event table (the head is \(total))") }
                try tree.finish(txn)
                var version: [UInt8] = []
                Layout.appendBigEndian(UInt64(Layout.formatVersion), to: &version)
                try txn.put(meta, key: Array("formatVersion".utf8), value: version)
                progress(total, total)
                return total
            }
        }
    }

    /// Migrates a format-1 log to format 2, in one write transaction, before anything else is written to the
    /// ledger: `log.subjects` is rewritten from the events alone (every event's stream added to the ids it
    /// indexes, each entry valued with the id's stream version as of the event), `log.streams` is dropped and
    /// `formatVersion` becomes 2. A failure or a crash midway commits nothing: the ledger stays format 1,
    /// whole. Progress goes to `options.rebuildProgress`. Returns the events re-indexed, or nil when the
    /// ledger is not format 1 (nothing is written then).
    ///
    /// The events' own claims are checked on the way: each stream's versions must run 1, 2, 3 in seq order,
    /// as `verify` requires; a log that breaks that is refused, naming the event, and left as it was.
    static func migrateLogIndex(_ environment: Environment, path: String, options: LedgerOptions) throws -> UInt64? {
        let log = try openLog(environment, path: path, create: false)
        let (events, subjects, meta) = (log[0], log[1], log[3])
        guard try checkFormat(environment, meta: meta, path: path) == Layout.formatVersionFormat1 else { return nil }
        let progress = options.rebuildProgress ?? { _, _ in }
        return try Ledger.storage(path: path, options: options) {
            try environment.write { txn -> UInt64? in
                // Another process may have migrated it since the format was read.
                guard try checkFormat(txn, meta: meta, path: path) == Layout.formatVersionFormat1 else { return nil }
                let total = try txn.withCursor(events) { cursor in try cursor.last().flatMap { Layout.readSeq($0.key) } } ?? 0
                try txn.clear(subjects)
                var versions: [[UInt8]: UInt64] = [:]
                var batch = KeyBatch()
                var next: UInt64 = 1
                func refuse(_ seq: UInt64, _ reason: String) -> EventLogError {
                    .corruptRecord(seq: seq, reason: "\(reason), so the log cannot be migrated to storage format \(Layout.formatVersionFormat2) "
                        + "(\(path) is left in format \(Layout.formatVersionFormat1), as it was; read commands work on it)")
                }
                try txn.withCursor(events) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        guard let seq = Layout.readSeq(current.key), seq == next else { throw refuse(next, "it is missing from the event table") }
                        guard current.value.count > Layout.recordHeaderBytes else { throw refuse(seq, "its record is too short") }
                        let claims: Claims
                        do {
                            claims = try Ledger.claims(of: UnsafeRawBufferPointer(rebasing: current.value[Layout.recordHeaderBytes...]))
                        } catch {
                            throw refuse(seq, "its stored bytes are not a well-formed event envelope (\(error))")
                        }
                        guard claims.seq == seq, let stream = claims.stream, let claimed = claims.version else {
                            throw refuse(seq, "its envelope does not state this seq, a stream and a version")
                        }
                        guard Ledger.isIndexable(stream), claims.subjects.allSatisfy(Ledger.isIndexable) else {
                            throw refuse(seq, "it names an id of 0 or more than \(Limits.identifierBytesMax) bytes")
                        }
                        let due = versions[stream, default: 0] + 1
                        guard claimed == due else {
                            throw refuse(seq, "it says version \(claimed) of stream \"\(String(decoding: stream, as: UTF8.self))\" where \(due) is due")
                        }
                        versions[stream] = due
                        batch.addPrefixed(stream, number: seq, value: due)
                        for (position, subject) in claims.subjects.enumerated()
                        where subject != stream && !claims.subjects[..<position].contains(subject) {
                            batch.addPrefixed(subject, number: seq, value: versions[subject, default: 0])
                        }
                        try options.migrationInterruption?(seq)
                        if seq % UInt64(Limits.migrationChunkEvents) == 0 {
                            try Ledger.writeSorted(batch, into: subjects, txn)
                            batch.removeAll()
                            progress(seq, total)
                        }
                        next = seq + 1
                        entry = try cursor.next()
                    }
                }
                guard next == total + 1 else { throw refuse(next, "it is missing from the event table (the head is \(total))") }
                try Ledger.writeSorted(batch, into: subjects, txn)
                try txn.dropDatabase(named: Layout.format1Streams)
                var version: [UInt8] = []
                Layout.appendBigEndian(UInt64(Layout.formatVersionFormat2), to: &version)
                try txn.put(meta, key: Array("formatVersion".utf8), value: version)
                progress(total, total)
                return total
            }
        }
    }

    /// Rewrites the ledger at `path` as storage format 1 laid it out (the inverse of `migrateLogIndex`):
    /// `log.streams` ([stream][version] → seq) and `log.subjects` (subjects only, empty values) from the events,
    /// and `formatVersion` 1; events, idempotency keys and projections are left as they are. For tests of the
    /// migration (`@testable`), which need format-1 ledgers of any history.
    static func downgradeToFormat1(_ path: String) throws {
        let ledger = try Ledger.open(at: path)  // no hook: nothing is rebuilt
        let streams = try ledger.environment.openDatabases(named: [Layout.format1Streams], create: true)[0]
        try ledger.environment.write { txn in
            try txn.clear(ledger.subjects)
            var seq: UInt64 = 1
            while let event = try ledger.readEvent(txn, seq: seq) {
                try txn.put(streams, key: Layout.streamKey(event.stream, version: event.version), value: Layout.seqKey(seq))
                for subject in event.subjects { try txn.put(ledger.subjects, key: Layout.subjectKey(subject, seq: seq), value: [UInt8]()) }
                seq += 1
            }
            var version: [UInt8] = []
            Layout.appendBigEndian(UInt64(Layout.formatVersionFormat1), to: &version)
            try txn.put(ledger.meta, key: Array("formatVersion".utf8), value: version)
        }
    }

    /// Rewrites the ledger at `path` as storage format 2 laid it out (the inverse of `migrateMerkleTree`):
    /// `log.tiles` dropped and `formatVersion` 2. For tests of the migration (`@testable`).
    static func downgradeToFormat2(_ path: String) throws {
        var options = EnvironmentOptions(mapSizeInitialBytes: 64 << 20, mapSizeMaxBytes: 1 << 40, databasesMax: UInt32(Limits.databasesMax),
                                         readersMax: 126, create: false, readOnly: false, noLock: false)
        options.trace = nil
        let environment = try Environment(path: path, options: options)
        let meta = try openLog(environment, path: path, create: false)[3]
        try environment.write { txn in
            try txn.dropDatabase(named: MerkleTiles.table)
            var version: [UInt8] = []
            Layout.appendBigEndian(UInt64(Layout.formatVersionFormat2), to: &version)
            try txn.put(meta, key: Array("formatVersion".utf8), value: version)
        }
    }

    /// Rebuilds `log.tiles` of the ledger at `path` from its events as they are stored now (what someone who
    /// rewrote history would do to cover it). For tests of `verify --checkpoint` and the witness (`@testable`).
    static func rebuildMerkleTree(_ path: String) throws {
        try downgradeToFormat2(path)
        _ = try Ledger.open(at: path)
    }

    /// An id a key can hold: 1 to `Limits.identifierBytesMax` bytes.
    static func isIndexable(_ id: [UInt8]) -> Bool {
        !id.isEmpty && id.count <= Limits.identifierBytesMax
    }
}
