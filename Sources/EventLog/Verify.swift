import CanonicalJSON
import Crypto
import LMDB

/// What `Ledger.verify()` found.
public struct VerificationReport: Sendable {
    /// Records read from the event table.
    public var eventsChecked: UInt64 = 0
    /// Index entries read (subjects, idempotency keys; in a format-1 ledger, streams too).
    public var indexEntriesChecked: UInt64 = 0
    /// The head as stored (the last record's seq and hash).
    public var head = ChainHead(seq: 0, hash: .genesis)
    /// The lowest sequence number involved in any problem, nil when the ledger is whole.
    public var firstBadSeq: UInt64?
    /// What is wrong, at most `VerificationReport.problemsMax`, lowest seq first.
    public var problems: [Problem] = []
    /// Problems found beyond those listed.
    public var problemsNotListed = 0
    /// Tiles of the Merkle tree compared with those recomputed from the events; nil when the ledger has no
    /// tree (a format-1 or format-2 ledger read as it is).
    public var tilesChecked: UInt64?
    /// The root of the tree of every event, when the ledger has a tree and its tiles are whole.
    public var treeRoot: Hash?
    /// The ledger is a test-clock ledger (its recorded times may have been set from outside).
    public var testClock = false

    public static let problemsMax = 100

    public struct Problem: Sendable, CustomStringConvertible {
        /// The event concerned (0 when none can be named).
        public var seq: UInt64
        public var what: String
        public var description: String { seq > 0 ? "seq \(seq): \(what)" : what }
    }

    public var isIntact: Bool { problems.isEmpty && problemsNotListed == 0 }

    mutating func report(_ seq: UInt64, _ what: String) {
        if seq > 0 { firstBadSeq = min(firstBadSeq ?? seq, seq) }
        if problems.count < VerificationReport.problemsMax {
            problems.append(Problem(seq: seq, what: what))
        } else {
            problemsNotListed += 1
        }
    }
}

/// An order-independent digest of a set of entries: their count and the wrapping sum of a keyed 64-bit
/// SipHash of each. Equal sets give equal digests; the key is random per process, so nobody can aim at
/// a collision. Parts are hashed as one byte stream (chunking does not change the hash), so an entry
/// hashed from its pieces equals the same entry hashed from a stored key.
struct SetDigest: Equatable {
    var count: UInt64 = 0
    var sum: UInt64 = 0

    @inline(__always)
    mutating func add(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer? = nil) {
        var hasher = Hasher()
        hasher.combine(bytes: first)
        if let second { hasher.combine(bytes: second) }
        count &+= 1
        sum &+= UInt64(bitPattern: Int64(hasher.finalize()))
    }
}

/// What `verify` found in the indexes and the Merkle tree (`Ledger.scanAside`), usually on its second thread.
struct AsideScan {
    /// The head of the snapshot read (0 until the scan has finished).
    var head: UInt64 = 0
    /// What the indexes hold, as digests.
    var digests = IndexDigests()
    /// The index entries read, and the problems found in them.
    var indexes = VerificationReport()
    /// The problems found in the tree.
    var tree = VerificationReport()
    /// Tiles compared; nil when the ledger has no tree (format 1 or 2 read as it is).
    var tilesChecked: UInt64?
    /// The root of the tree of every event, when its tiles are whole.
    var treeRoot: Hash?
    /// What stopped the scan (a damaged page, say), thrown again by `verify`.
    var failure: (any Error)?
}

/// Carries the second thread's `AsideScan` back. Written by that thread alone, and read only after it was joined
/// (`Environment.readConcurrently` joins it before returning), hence unchecked.
final class AsideScanBox: @unchecked Sendable {
    var result = AsideScan()
}

/// The index claims one stored event makes.
struct Claims {
    var seq: UInt64?
    var version: UInt64?
    var stream: [UInt8]?
    var subjects: [[UInt8]] = []
    var idempotencyKey: [UInt8]?
}

extension Ledger {
    /// Recomputes the whole hash chain and checks every index against the events, in one read snapshot.
    /// `progress` is called with (events checked, events in the ledger) now and then.
    ///
    /// `anchor`, a head noted earlier (say, printed in an audit report), is checked too: the chain must
    /// still hold that hash at that seq. Without an anchor, a rewrite that recomputed every later hash
    /// would go unnoticed; with one, it cannot.
    ///
    /// `checkpoint`, a tree head signed earlier (its signature checked by the caller), is checked too: the log
    /// must hold at least its size of events (else it was rolled back or truncated), and the tree of that
    /// many events must have its root (else history below it was rewritten, even if every later hash and the
    /// tree were recomputed). The tree itself is recomputed from the events and compared tile by tile.
    public func verify(anchor: ChainHead? = nil, checkpoint: TreeHead? = nil,
                       progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> VerificationReport {
        try storage {
            try environment.read { txn in
                var report = VerificationReport()
                report.testClock = isTestClock
                report.head = try readHead(txn)
                if let anchor {
                    let held = try txn.withValue(events, key: Layout.seqKey(anchor.seq)) { value in
                        value.flatMap { $0.count > Layout.recordHeaderBytes ? Hash(unchecked: Array($0[1..<Layout.recordHeaderBytes])) : nil }
                    }
                    if held != anchor.hash {
                        report.report(anchor.seq, "the chain does not pass through the given head \(anchor.hash.hex) at seq \(anchor.seq); it holds \(held?.hex ?? "no event there")")
                    }
                }
                var expected = IndexDigests()
                var key: [UInt8] = []
                key.reserveCapacity(Limits.identifierBytesMax + 9)
                var tail: [UInt8] = []
                tail.reserveCapacity(9)
                let logIndex = self.logIndex
                // The indexes and the Merkle tree are read on a second thread while this one reads the events
                // (`AsideScan`); its snapshot must hold the same log (it only grows: the same head, the same log),
                // or they are read again here, in this one.
                let ledger = self
                let scan = AsideScanBox()
                try environment.readConcurrently({ reader in
                    scan.result = ledger.scanAside(reader)
                }, while: {
                    try scanEvents(txn, report: &report, progress: progress) { seq, claims in
                        expected.add(claims, seq: seq, logIndex, key: &key, tail: &tail)
                    }
                })
                var aside = scan.result
                if aside.head != report.head.seq { aside = scanAside(txn) }
                if let failure = aside.failure { throw failure }
                report.indexEntriesChecked += aside.indexes.indexEntriesChecked
                for problem in aside.indexes.problems + aside.tree.problems { report.report(problem.seq, problem.what) }
                report.problemsNotListed += aside.indexes.problemsNotListed + aside.tree.problemsNotListed
                report.tilesChecked = aside.tilesChecked
                report.treeRoot = aside.treeRoot
                if let tiles, aside.tilesChecked != nil {
                    if let checkpoint { try check(checkpoint, tiles: tiles, treeIntact: aside.tree.isIntact, txn, report: &report) }
                } else if let checkpoint {
                    report.report(0, "the checkpoint of \(checkpoint.size) events cannot be checked: this ledger (storage format \(formatVersion)) has no Merkle tree")
                }
                let actual = aside.digests
                if expected != actual {
                    try locateIndexMismatch(txn, report: &report)
                }
                report.problems.sort { ($0.seq == 0 ? UInt64.max : $0.seq) < ($1.seq == 0 ? UInt64.max : $1.seq) }
                return report
            }
        }
    }

    /// Reads, in `txn`, what `verify` checks apart from the chain: the indexes (the subject and idempotency
    /// indexes, and a format-1 log's stream index), into digests of what they hold, and the Merkle tree,
    /// recomputed from the stored events and compared tile by tile. `verify` runs it on a second thread.
    func scanAside(_ txn: borrowing ReadTransaction) -> AsideScan {
        var scan = AsideScan()
        do {
            let head = try readHead(txn).seq
            switch logIndex {
            case .versioned:
                try scanSubjectIndex(txn, head: head, report: &scan.indexes) { key, tail in scan.digests.subjects.add(key, tail) }
            case .format1(let streams):
                try scanFormat1StreamIndex(txn, streams, head: head, report: &scan.indexes) { key, value in scan.digests.streams.add(key, value) }
                try scanFormat1SubjectIndex(txn, head: head, report: &scan.indexes) { key in scan.digests.subjects.add(key) }
            }
            try scanIdempotencyIndex(txn, head: head, report: &scan.indexes) { key, value in scan.digests.idempotency.add(key, value) }
            if let tiles {
                var checker = MerkleTiles.Checker(db: tiles)
                var leaf: [UInt8] = []
                leaf.reserveCapacity(Hash.byteCount)
                // The leaves are the canonical bytes of every record whose key and header are whole, in order
                // (`scanEvents` reports the others).
                try txn.withCursor(events) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        let value = current.value
                        if Layout.readSeq(current.key) != nil, value.count > Layout.recordHeaderBytes, value[0] == Layout.recordFormat {
                            leaf.removeAll(keepingCapacity: true)
                            Merkle.leafHash(UnsafeRawBufferPointer(rebasing: value[Layout.recordHeaderBytes...]), into: &leaf)
                            try leaf.withUnsafeBytes { try checker.append(leaf: $0, txn, report: &scan.tree) }
                        }
                        entry = try cursor.next()
                    }
                }
                try checker.finish(txn, report: &scan.tree)
                scan.tilesChecked = checker.tilesCompared
                if scan.tree.isIntact && checker.size == head {
                    scan.treeRoot = try MerkleTiles.Reader(db: tiles).root(size: checker.size, txn)
                }
            }
            scan.head = head
        } catch {
            scan.failure = error
        }
        return scan
    }

    /// A signed tree head against the log: enough events, and the same root for that many.
    private func check(_ checkpoint: TreeHead, tiles: Database, treeIntact: Bool, _ txn: borrowing ReadTransaction,
                       report: inout VerificationReport) throws {
        let head = report.head.seq
        guard checkpoint.size <= head else {
            report.report(head + 1, "rolled back or truncated: a checkpoint signed a tree of \(checkpoint.size) events and the ledger holds \(head); "
                + "events \(head + 1)...\(checkpoint.size) are gone")
            return
        }
        guard treeIntact else {
            report.report(0, "the checkpoint of \(checkpoint.size) events cannot be checked against a damaged tree (above)")
            return
        }
        let root = try MerkleTiles.Reader(db: tiles).root(size: checkpoint.size, txn)
        if root != checkpoint.root {
            report.report(0, "rewritten below a checkpoint: the tree of the first \(checkpoint.size) events has root \(root.hex) "
                + "where the checkpoint signed \(checkpoint.root.hex); history up to event \(checkpoint.size) is not what was signed")
        }
    }

    /// Nil when a lookup by `key` finds exactly the entry a cursor walk is on (the same bytes of the map);
    /// otherwise what went wrong. A damaged branch page can send lookups astray while a walk along the leaves
    /// still finds every entry: `verify` once said "ok" while `log --from` found nothing. `verify --deep` asks it
    /// of every projection entry too, since queries read the projections by key.
    func lookupProblem(_ db: Database, _ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer,
                               _ txn: borrowing ReadTransaction) throws -> String? {
        do {
            return try txn.withValue(db, key: key) { found in
                guard let found else { return "stored, but a lookup by its key finds nothing (a damaged branch page of \(db.name))" }
                return found.baseAddress == value.baseAddress && found.count == value.count
                    ? nil : "stored, but a lookup by its key finds other bytes (a damaged page of \(db.name))"
            }
        } catch let error as LMDBError where error.isCorruption {
            return "stored, but a lookup by its key fails: \(error.message) (a damaged page of \(db.name))"
        }
    }

    /// Reads every record in order: contiguity, header, hash chain, and the envelope's own claims (the tree's
    /// leaves are hashed apart, in `scanAside`).
    private func scanEvents(
        _ txn: borrowing ReadTransaction, report: inout VerificationReport, progress: (UInt64, UInt64) -> Void,
        _ claimed: (UInt64, Claims) -> Void
    ) throws {
        var previousHash = Hash.genesis.bytes
        var expectedSeq: UInt64 = 1
        let total = report.head.seq
        try txn.withCursor(events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                guard let seq = Layout.readSeq(current.key) else {
                    report.report(expectedSeq, "a key in the event table is not an 8-byte sequence number")
                    entry = try cursor.next()
                    continue
                }
                if seq != expectedSeq {
                    report.report(expectedSeq, seq > expectedSeq ? "missing: the next stored event is \(seq)" : "out of order: found \(seq)")
                }
                expectedSeq = seq + 1
                report.eventsChecked += 1
                if let problem = try lookupProblem(events, current.key, current.value, txn) {
                    report.report(seq, problem + "; `log --from \(seq)` and other reads by key would not find it")
                }
                if report.eventsChecked & 0xFFFF == 0 { progress(report.eventsChecked, total) }
                let value = current.value
                guard value.count > Layout.recordHeaderBytes, value[0] == Layout.recordFormat else {
                    report.report(seq, "record header is malformed (\(value.count) bytes, format byte \(value.first ?? 0))")
                    previousHash = Hash.genesis.bytes
                    entry = try cursor.next()
                    continue
                }
                let stored = UnsafeRawBufferPointer(rebasing: value[1..<Layout.recordHeaderBytes])
                let canonical = UnsafeRawBufferPointer(rebasing: value[Layout.recordHeaderBytes...])
                let digest = previousHash.withUnsafeBytes { Envelope.chainHash(previous: $0, canonical: canonical) }
                let matches = digest.withUnsafeBytes { $0.elementsEqual(stored) }
                if !matches {
                    report.report(seq, "hash mismatch: stored \(Hash.hex(stored)), recomputed \(digest.withUnsafeBytes { Hash.hex($0) }) from the stored bytes and the previous hash")
                }
                // Chain onward from the stored hash, so one altered event is reported once, not with every successor.
                previousHash = Array(stored)
                do {
                    let claims = try Ledger.claims(of: canonical)
                    if claims.seq != seq { report.report(seq, "record under key \(seq) says seq \(claims.seq.map(String.init) ?? "nothing")") }
                    claimed(seq, claims)
                } catch {
                    report.report(seq, "stored bytes are not a well-formed event envelope: \(error)")
                }
                entry = try cursor.next()
            }
        }
        progress(report.eventsChecked, total)
    }

    /// Extracts seq, stream, version, subjects and idempotency key from canonical bytes without decoding the payload.
    static func claims(of canonical: UnsafeRawBufferPointer) throws -> Claims {
        var claims = Claims()
        try JSONScanner.forEachMember(of: canonical) { member in
            if JSONScanner.key(member.key, is: "seq") {
                claims.seq = JSONScanner.unsignedInteger(member.value)
            } else if JSONScanner.key(member.key, is: "version") {
                claims.version = JSONScanner.unsignedInteger(member.value)
            } else if JSONScanner.key(member.key, is: "stream") {
                claims.stream = try stringBytes(member.value)
            } else if JSONScanner.key(member.key, is: "idempotencyKey") {
                claims.idempotencyKey = try stringBytes(member.value)
            } else if JSONScanner.key(member.key, is: "subjects") {
                claims.subjects = try subjectBytes(member.value)
            }
        }
        guard claims.stream != nil, claims.version != nil else {
            throw JSONParseError(offset: 0, reason: "stream or version missing")
        }
        return claims
    }

    /// The claims of a stored record, or nil when it cannot be read. Unreadable records were already
    /// reported, with their seq, by the chain scan; the precise pass only looks at readable ones.
    static func readableClaims(_ record: UnsafeRawBufferPointer) -> Claims? {
        guard record.count > Layout.recordHeaderBytes else { return nil }
        do {
            return try claims(of: UnsafeRawBufferPointer(rebasing: record[Layout.recordHeaderBytes...]))
        } catch {
            return nil
        }
    }

    /// The subjects array's strings as bytes; escape-free arrays (the usual case) without the full parser.
    private static func subjectBytes(_ value: UnsafeRawBufferPointer) throws -> [[UInt8]] {
        guard value.count >= 2, value.first == UInt8(ascii: "["), value.last == UInt8(ascii: "]") else {
            throw JSONParseError(offset: 0, reason: "subjects is not an array")
        }
        if value.count == 2 { return [] }
        if !value.contains(UInt8(ascii: "\\")) {
            // ["a","b"]: split on the quotes; an escape-free string cannot contain a quote.
            var result: [[UInt8]] = []
            var index = 1
            while index < value.count - 1 {
                guard value[index] == UInt8(ascii: "\"") else { throw JSONParseError(offset: index, reason: "a subject is not a string") }
                guard let close = value[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) else {
                    throw JSONParseError(offset: index, reason: "unterminated subject")
                }
                result.append(Array(value[(index + 1)..<close]))
                index = close + 1
                if index < value.count - 1 {
                    guard value[index] == UInt8(ascii: ",") else { throw JSONParseError(offset: index, reason: "expected ','") }
                    index += 1
                }
            }
            return result
        }
        guard case .array(let values) = try JSONParser.parse(value) else {
            throw JSONParseError(offset: 0, reason: "subjects is not an array")
        }
        return try values.map { element in
            guard case .string(let subject) = element else { throw JSONParseError(offset: 0, reason: "a subject is not a string") }
            return Array(subject.utf8)
        }
    }

    /// The UTF-8 bytes of a JSON string value; the fast path copies them when there is no escape.
    private static func stringBytes(_ value: UnsafeRawBufferPointer) throws -> [UInt8] {
        guard value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") else {
            throw JSONParseError(offset: 0, reason: "not a string")
        }
        let inner = UnsafeRawBufferPointer(rebasing: value[1..<(value.count - 1)])
        if !inner.contains(UInt8(ascii: "\\")) { return Array(inner) }
        guard case .string(let decoded) = try JSONParser.parse(value) else { throw JSONParseError(offset: 0, reason: "not a string") }
        return Array(decoded.utf8)
    }

    /// Reads `log.subjects` in key order (each id's entries by seq) and hands each entry to `add` as its key and
    /// a tail that says what the entry is, judged from the values alone: `1` and the version when the id's
    /// version rises by one here (an event of that stream), `0` when it stays (an event naming the id as a
    /// subject), `2` and the value otherwise (never expected: the precise pass names it).
    private func scanSubjectIndex(
        _ txn: borrowing ReadTransaction, head: UInt64, report: inout VerificationReport,
        _ add: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws {
        var previousName: [UInt8] = []
        var previousVersion: UInt64 = 0
        var tail: [UInt8] = []
        tail.reserveCapacity(9)
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let split = Layout.splitPrefixed(current.key) else {
                    report.report(0, "\(subjects.name): malformed entry (\(current.key.count)-byte key)")
                    entry = try cursor.next()
                    continue
                }
                if split.number == 0 || split.number > head { report.report(0, "\(subjects.name): entry names event \(split.number), beyond the head \(head)") }
                if let problem = try lookupProblem(subjects, current.key, current.value, txn) {
                    report.report(split.number, "\(subjects.name): an entry of event \(split.number): " + problem)
                }
                let sameId = split.name.elementsEqual(previousName)
                let before = sameId ? previousVersion : 0
                tail.removeAll(keepingCapacity: true)
                if let version = Layout.readSeq(current.value) {
                    if version == before + 1 {
                        tail.append(1)
                        Layout.appendBigEndian(version, to: &tail)
                    } else if version == before {
                        tail.append(0)
                    } else {
                        tail.append(2)
                        Layout.appendBigEndian(version, to: &tail)
                    }
                    previousVersion = version
                } else {
                    tail.append(3)  // not a version at all
                }
                if !sameId { previousName = Array(split.name) }
                tail.withUnsafeBytes { add(current.key, $0) }
                entry = try cursor.next()
            }
        }
    }

    private func scanIdempotencyIndex(
        _ txn: borrowing ReadTransaction, head: UInt64, report: inout VerificationReport,
        _ add: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws {
        try txn.withCursor(idempotency) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let seq = Layout.readSeq(current.value) else {
                    report.report(0, "\(idempotency.name): malformed entry")
                    entry = try cursor.next()
                    continue
                }
                if seq == 0 || seq > head { report.report(0, "\(idempotency.name): entry names event \(seq), beyond the head \(head)") }
                if let problem = try lookupProblem(idempotency, current.key, current.value, txn) {
                    report.report(seq, "\(idempotency.name): the key of event \(seq): " + problem)
                }
                add(current.key, current.value)
                entry = try cursor.next()
            }
        }
    }

    /// The digests differ: find which events and entries disagree, exactly. Slower (random reads, and a count
    /// per stream in memory), and only run when something is wrong.
    private func locateIndexMismatch(_ txn: borrowing ReadTransaction, report: inout VerificationReport) throws {
        var found = false
        switch logIndex {
        case .versioned:
            found = try locateSubjectIndexMismatch(txn, report: &report)
        case .format1(let streams):
            found = try locateFormat1Mismatch(txn, streams, report: &report)
        }
        // Every event's idempotency key must be in its index, and every key claimed by the event it names.
        try txn.withCursor(events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let seq = Layout.readSeq(current.key), let key = Ledger.readableClaims(current.value)?.idempotencyKey,
                   try txn.get(idempotency, key: key) != Layout.seqKey(seq) {
                    report.report(seq, "\(idempotency.name) lacks or misdirects key \"\(String(decoding: key, as: UTF8.self))\"")
                    found = true
                }
                entry = try cursor.next()
            }
        }
        try txn.withCursor(idempotency) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let seq = Layout.readSeq(current.value) {
                    let claims = try claimsOf(txn, seq)
                    if claims?.idempotencyKey.map({ current.key.elementsEqual($0) }) != true {
                        report.report(seq, "\(idempotency.name) has key \"\(String(decoding: current.key, as: UTF8.self))\" that event \(seq) does not claim")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        if !found { report.report(0, "index digests differ from the events' claims, but no single entry could be named") }
    }

    /// The readable claims of event `seq`, or nil.
    func claimsOf(_ txn: borrowing ReadTransaction, _ seq: UInt64) throws -> Claims? {
        try txn.withValue(events, key: Layout.seqKey(seq)) { value in value.flatMap(Ledger.readableClaims) }
    }

    /// The subject index against the events, entry by entry: each event's stream version must be the one due
    /// (its stream's events numbered 1, 2, 3 in seq order), each id it names must have its entry holding the
    /// id's stream version as of the event, and each entry must be named by its event. True when something
    /// was named.
    private func locateSubjectIndexMismatch(_ txn: borrowing ReadTransaction, report: inout VerificationReport) throws -> Bool {
        var found = false
        var versions: [[UInt8]: UInt64] = [:]
        var key: [UInt8] = []
        try txn.withCursor(events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                guard let seq = Layout.readSeq(current.key), let claims = Ledger.readableClaims(current.value),
                      let stream = claims.stream, let claimed = claims.version else {
                    entry = try cursor.next()
                    continue
                }
                let due = versions[stream, default: 0] + 1
                versions[stream] = due
                if claimed != due {
                    report.report(seq, "claims version \(claimed) of stream \"\(String(decoding: stream, as: UTF8.self))\" where \(due) is due (a stream's events are its versions 1, 2, 3 in seq order)")
                    found = true
                }
                for (id, role) in IndexDigests.indexedIds(claims) {
                    let wanted = role == .stream ? due : versions[id, default: 0]
                    Layout.fillPrefixedKey(&key, name: id, number: seq)
                    let held = try txn.withValue(subjects, key: key) { value in value.map { Layout.readSeq($0) } }
                    let name = "\(role == .stream ? "stream" : "subject") \"\(String(decoding: id, as: UTF8.self))\""
                    switch held {
                    case nil:
                        report.report(seq, "\(subjects.name) lacks its entry for \(name)")
                        found = true
                    case .some(nil):
                        report.report(seq, "\(subjects.name) holds no stream version in its entry for \(name) (\(wanted) is due)")
                        found = true
                    case .some(.some(let version)) where version != wanted:
                        report.report(seq, "\(subjects.name) holds version \(version) in its entry for \(name) where \(wanted) is due")
                        found = true
                    default:
                        break
                    }
                }
                entry = try cursor.next()
            }
        }
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let split = Layout.splitPrefixed(current.key) {
                    let named = try claimsOf(txn, split.number).map { claims in
                        IndexDigests.indexedIds(claims).contains { split.name.elementsEqual($0.id) }
                    }
                    if named != true {
                        report.report(split.number, "\(subjects.name) has an entry for \"\(String(decoding: split.name, as: UTF8.self))\" that event \(split.number) does not name")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        return found
    }
}

/// What `verify` adds up from the events and from the indexes (`SetDigest`s); equal when they agree.
struct IndexDigests: Equatable {
    var subjects = SetDigest()
    /// Format 1's stream index.
    var streams = SetDigest()
    var idempotency = SetDigest()

    enum Role { case stream, subject }

    /// The ids an event's subject-index entries name, each once: its stream, then each subject that is not it.
    /// Ids that cannot be a key (empty, over 255 bytes) are left out: the entries are then missing, and named.
    static func indexedIds(_ claims: Claims) -> [(id: [UInt8], role: Role)] {
        var ids: [(id: [UInt8], role: Role)] = []
        if let stream = claims.stream, !stream.isEmpty, stream.count <= 255 { ids.append((stream, .stream)) }
        for subject in claims.subjects where !subject.isEmpty && subject.count <= 255 && !ids.contains(where: { $0.id == subject }) {
            ids.append((subject, .subject))
        }
        return ids
    }

    /// Adds the entries `claims` (event `seq`'s) call for, as the index scans add what they find. `key` and
    /// `tail` are scratch space, kept by the caller from one event to the next.
    mutating func add(_ claims: Claims, seq: UInt64, _ layout: LogIndex, key: inout [UInt8], tail: inout [UInt8]) {
        var seqBytes = seq.bigEndian
        withUnsafeBytes(of: &seqBytes) { seqRaw in
            switch layout {
            case .versioned:
                // As `indexedIds`, without building the list: this runs for every event.
                let stream = claims.stream.flatMap { !$0.isEmpty && $0.count <= 255 ? $0 : nil }
                if let stream {
                    Layout.fillPrefixedKey(&key, name: stream, number: seq)
                    tail.removeAll(keepingCapacity: true)
                    tail.append(1)
                    Layout.appendBigEndian(claims.version ?? 0, to: &tail)
                    key.withUnsafeBytes { k in tail.withUnsafeBytes { subjects.add(k, $0) } }
                }
                tail.removeAll(keepingCapacity: true)
                tail.append(0)
                for (position, subject) in claims.subjects.enumerated()
                where !subject.isEmpty && subject.count <= 255 && subject != stream && !claims.subjects[..<position].contains(subject) {
                    Layout.fillPrefixedKey(&key, name: subject, number: seq)
                    key.withUnsafeBytes { k in tail.withUnsafeBytes { subjects.add(k, $0) } }
                }
            case .format1:
                if let stream = claims.stream, let version = claims.version, !stream.isEmpty, stream.count <= 255 {
                    Layout.fillPrefixedKey(&key, name: stream, number: version)
                    key.withUnsafeBytes { streams.add($0, seqRaw) }
                }
                for subject in claims.subjects where !subject.isEmpty && subject.count <= 255 {
                    Layout.fillPrefixedKey(&key, name: subject, number: seq)
                    key.withUnsafeBytes { subjects.add($0) }
                }
            }
            if let idempotencyKey = claims.idempotencyKey {
                idempotencyKey.withUnsafeBytes { idempotency.add($0, seqRaw) }
            }
        }
    }
}
