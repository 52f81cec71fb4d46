import CanonicalJSON
import Crypto
import LMDB

/// What `Ledger.verify()` found.
public struct VerificationReport: Sendable {
    /// Records read from the event table.
    public var eventsChecked: UInt64 = 0
    /// Index entries read (streams, subjects, idempotency keys).
    public var indexEntriesChecked: UInt64 = 0
    /// The head as stored (the last record's seq and hash).
    public var head = ChainHead(seq: 0, hash: .genesis)
    /// The lowest sequence number involved in any problem, nil when the ledger is whole.
    public var firstBadSeq: UInt64?
    /// What is wrong, at most `VerificationReport.problemsMax`, lowest seq first.
    public var problems: [Problem] = []
    /// Problems found beyond those listed.
    public var problemsNotListed = 0

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

/// The index claims one stored event makes.
private struct Claims {
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
    public func verify(anchor: ChainHead? = nil, progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> VerificationReport {
        try storage {
            try environment.read { txn in
                var report = VerificationReport()
                report.head = try readHead(txn)
                if let anchor {
                    let held = try txn.withValue(events, key: Layout.seqKey(anchor.seq)) { value in
                        value.flatMap { $0.count > Layout.recordHeaderBytes ? Hash(unchecked: Array($0[1..<Layout.recordHeaderBytes])) : nil }
                    }
                    if held != anchor.hash {
                        report.report(anchor.seq, "the chain does not pass through the given head \(anchor.hash.hex) at seq \(anchor.seq); it holds \(held?.hex ?? "no event there")")
                    }
                }
                var expected = (streams: SetDigest(), subjects: SetDigest(), idempotency: SetDigest())
                var key: [UInt8] = []
                key.reserveCapacity(Limits.identifierBytesMax + 9)
                try scanEvents(txn, report: &report, progress: progress) { seq, claims in
                    var seqBytes = seq.bigEndian
                    withUnsafeBytes(of: &seqBytes) { seqRaw in
                        if let stream = claims.stream, let version = claims.version, !stream.isEmpty, stream.count <= 255 {
                            Layout.fillPrefixedKey(&key, name: stream, number: version)
                            key.withUnsafeBytes { expected.streams.add($0, seqRaw) }
                        }
                        for subject in claims.subjects where !subject.isEmpty && subject.count <= 255 {
                            Layout.fillPrefixedKey(&key, name: subject, number: seq)
                            key.withUnsafeBytes { expected.subjects.add($0) }
                        }
                        if let key = claims.idempotencyKey {
                            key.withUnsafeBytes { expected.idempotency.add($0, seqRaw) }
                        }
                    }
                }
                var actual = (streams: SetDigest(), subjects: SetDigest(), idempotency: SetDigest())
                try scanStreamIndex(txn, head: report.head.seq, report: &report) { key, value in actual.streams.add(key, value) }
                try scanSubjectIndex(txn, head: report.head.seq, report: &report) { key in actual.subjects.add(key) }
                try scanIdempotencyIndex(txn, head: report.head.seq, report: &report) { key, value in actual.idempotency.add(key, value) }
                if expected.streams != actual.streams || expected.subjects != actual.subjects || expected.idempotency != actual.idempotency {
                    try locateIndexMismatch(txn, report: &report)
                }
                report.problems.sort { ($0.seq == 0 ? UInt64.max : $0.seq) < ($1.seq == 0 ? UInt64.max : $1.seq) }
                return report
            }
        }
    }

    /// Reads every record in order: contiguity, header, hash chain, and the envelope's own claims.
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
    private static func claims(of canonical: UnsafeRawBufferPointer) throws -> Claims {
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
    private static func readableClaims(_ record: UnsafeRawBufferPointer) -> Claims? {
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

    private func scanStreamIndex(
        _ txn: borrowing ReadTransaction, head: UInt64, report: inout VerificationReport,
        _ add: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void
    ) throws {
        var previousName: [UInt8] = []
        var previousVersion: UInt64 = 0
        try txn.withCursor(streams) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let split = Layout.splitPrefixed(current.key), let seq = Layout.readSeq(current.value) else {
                    report.report(0, "\(streams.name): malformed entry (\(current.key.count)-byte key, \(current.value.count)-byte value)")
                    entry = try cursor.next()
                    continue
                }
                if seq == 0 || seq > head { report.report(0, "\(streams.name): entry names event \(seq), beyond the head \(head)") }
                let sameStream = split.name.elementsEqual(previousName)
                let expectedVersion = sameStream ? previousVersion + 1 : 1
                if split.number != expectedVersion {
                    report.report(seq, "stream \"\(String(decoding: split.name, as: UTF8.self))\" jumps to version \(split.number) where \(expectedVersion) was due")
                }
                if !sameStream { previousName = Array(split.name) }
                previousVersion = split.number
                add(current.key, current.value)
                entry = try cursor.next()
            }
        }
    }

    private func scanSubjectIndex(
        _ txn: borrowing ReadTransaction, head: UInt64, report: inout VerificationReport, _ add: (UnsafeRawBufferPointer) -> Void
    ) throws {
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                report.indexEntriesChecked += 1
                guard let split = Layout.splitPrefixed(current.key), current.value.isEmpty else {
                    report.report(0, "\(subjects.name): malformed entry")
                    entry = try cursor.next()
                    continue
                }
                if split.number == 0 || split.number > head { report.report(0, "\(subjects.name): entry names event \(split.number), beyond the head \(head)") }
                add(current.key)
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
                add(current.key, current.value)
                entry = try cursor.next()
            }
        }
    }

    /// The digests differ: find which events and entries disagree, exactly. Slower (random reads), and
    /// only run when something is wrong.
    private func locateIndexMismatch(_ txn: borrowing ReadTransaction, report: inout VerificationReport) throws {
        var found = false
        // 1. Every claim an event makes must be in its index.
        try txn.withCursor(events) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                guard let seq = Layout.readSeq(current.key),
                      let claims = Ledger.readableClaims(current.value),
                      let stream = claims.stream, let version = claims.version else {
                    entry = try cursor.next()
                    continue
                }
                let seqKey = Layout.seqKey(seq)
                if try txn.get(streams, key: Layout.streamKey(bytes: stream, number: version)) != seqKey {
                    report.report(seq, "\(streams.name) lacks or misdirects its entry (stream \"\(String(decoding: stream, as: UTF8.self))\", version \(version))")
                    found = true
                }
                for subject in claims.subjects where try txn.get(subjects, key: Layout.streamKey(bytes: subject, number: seq)) == nil {
                    report.report(seq, "\(subjects.name) lacks its entry for subject \"\(String(decoding: subject, as: UTF8.self))\"")
                    found = true
                }
                if let key = claims.idempotencyKey, try txn.get(idempotency, key: key) != seqKey {
                    report.report(seq, "\(idempotency.name) lacks or misdirects key \"\(String(decoding: key, as: UTF8.self))\"")
                    found = true
                }
                entry = try cursor.next()
            }
        }
        // 2. Every index entry must be claimed by the event it names.
        func claimsOf(_ seq: UInt64) throws -> Claims? {
            try txn.withValue(events, key: Layout.seqKey(seq)) { value in value.flatMap(Ledger.readableClaims) }
        }
        try txn.withCursor(streams) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let split = Layout.splitPrefixed(current.key), let seq = Layout.readSeq(current.value) {
                    let claims = try claimsOf(seq)
                    if claims?.stream.map({ split.name.elementsEqual($0) }) != true || claims?.version != split.number {
                        report.report(seq, "\(streams.name) has an entry (stream \"\(String(decoding: split.name, as: UTF8.self))\", version \(split.number)) that event \(seq) does not claim")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        try txn.withCursor(subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let split = Layout.splitPrefixed(current.key) {
                    let claims = try claimsOf(split.number)
                    if claims?.subjects.contains(where: { split.name.elementsEqual($0) }) != true {
                        report.report(split.number, "\(subjects.name) has an entry for subject \"\(String(decoding: split.name, as: UTF8.self))\" that event \(split.number) does not claim")
                        found = true
                    }
                }
                entry = try cursor.next()
            }
        }
        try txn.withCursor(idempotency) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                if let seq = Layout.readSeq(current.value) {
                    let claims = try claimsOf(seq)
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
}
