public import CanonicalJSON

/// What a caller asks to append. The log assigns the sequence number, stream version, `recordedAt`
/// and hashes.
public struct EventDraft: Sendable, Equatable {
    /// The event's type name, e.g. `leader.installed` (letters, digits, `.`, `_`, `-`; starts with a letter).
    public var type: String
    /// The version of the type's schema the payload follows (from 1).
    public var schemaVersion: UInt32
    /// When the act legally happened.
    public var effectiveDate: LocalDate
    /// The stream (consistency boundary) the event belongs to.
    public var stream: String
    /// Optimistic concurrency: nil appends whatever the stream's version; 0 requires that the stream has
    /// no event yet; N requires that its current version is exactly N.
    public var expectedVersion: UInt64?
    /// When set, appending the same key again appends nothing and reports the original event, forever.
    public var idempotencyKey: String?
    /// Who records the act (a clerk's id, a system name).
    public var actor: String
    /// Entity ids the event concerns, indexed for trails. Unique within an event.
    public var subjects: [String]
    /// The payload: a JSON object.
    public var data: JSONObject
    /// Members of `data` (strings) kept out of the chain: each is stored as a salted commitment and its value
    /// in the ledger's sealed-value store (`Sealed.swift`). A higher layer names them: a member's name, or
    /// names joined by `.` for a member of an object member (`replacement.name`).
    public var sealedFields: [String] = []

    public init(
        type: String, schemaVersion: UInt32 = 1, effectiveDate: LocalDate, stream: String,
        expectedVersion: UInt64? = nil, idempotencyKey: String? = nil, actor: String,
        subjects: [String] = [], data: JSONObject = JSONObject()
    ) {
        self.type = type
        self.schemaVersion = schemaVersion
        self.effectiveDate = effectiveDate
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
        self.actor = actor
        self.subjects = subjects
        self.data = data
    }

    /// The same act, for idempotency: everything but `expectedVersion` (a retry may carry a stale one).
    func sameContent(as event: RecordedEvent) -> [String] {
        var differing: [String] = []
        if !sameBytes(type, event.type) { differing.append("type") }
        if schemaVersion != event.schemaVersion { differing.append("schemaVersion") }
        if effectiveDate != event.effectiveDate { differing.append("effectiveDate") }
        if !sameBytes(stream, event.stream) { differing.append("stream") }
        if !sameBytes(actor, event.actor) { differing.append("actor") }
        if subjects.count != event.subjects.count || !zip(subjects, event.subjects).allSatisfy({ sameBytes($0, $1) }) {
            differing.append("subjects")
        }
        if data != event.data { differing.append("data") }
        return differing
    }
}

/// A SHA-256 digest.
public struct Hash: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 32
    public let bytes: [UInt8]

    public init?(bytes: [UInt8]) {
        guard bytes.count == Hash.byteCount else { return nil }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) {
        precondition(bytes.count == Hash.byteCount)
        self.bytes = bytes
    }

    /// The predecessor of event 1: 32 zero bytes.
    public static let genesis = Hash(unchecked: [UInt8](repeating: 0, count: 32))

    public init?(hex: String) {
        let chars = Array(hex.utf8)
        guard chars.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let hi = Hash.nibble(chars[index]), let lo = Hash.nibble(chars[index + 1]) else { return nil }
            out.append(hi << 4 | lo)
            index += 2
        }
        bytes = out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Lowercase hex, 64 characters.
    public var hex: String { bytes.withUnsafeBytes { Hash.hex($0) } }
    public var description: String { hex }

    /// Lowercase hex of any bytes.
    public static func hex(_ raw: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(raw.count * 2)
        for byte in raw {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An event as stored: the draft's content plus what the log assigned.
public struct RecordedEvent: Sendable, Equatable {
    /// Global position, from 1, without gaps.
    public let seq: UInt64
    public let stream: String
    /// Position within the stream, from 1, without gaps.
    public let version: UInt64
    public let type: String
    public let schemaVersion: UInt32
    public let effectiveDate: LocalDate
    public let recordedAt: Timestamp
    public let actor: String
    public let idempotencyKey: String?
    public let subjects: [String]
    public let data: JSONObject
    /// The previous event's hash (`Hash.genesis` for event 1).
    public let prevHash: Hash
    /// SHA-256(prevHash bytes ‖ canonical bytes).
    public let hash: Hash

    public init(seq: UInt64, stream: String, version: UInt64, type: String, schemaVersion: UInt32, effectiveDate: LocalDate,
                recordedAt: Timestamp, actor: String, idempotencyKey: String?, subjects: [String], data: JSONObject,
                prevHash: Hash, hash: Hash) {
        self.seq = seq
        self.stream = stream
        self.version = version
        self.type = type
        self.schemaVersion = schemaVersion
        self.effectiveDate = effectiveDate
        self.recordedAt = recordedAt
        self.actor = actor
        self.idempotencyKey = idempotencyKey
        self.subjects = subjects
        self.data = data
        self.prevHash = prevHash
        self.hash = hash
    }

    /// The envelope as a JSON object, without the hashes: what is hashed, in canonical form.
    public var canonicalObject: JSONObject {
        var object = JSONObject()
        object.set("actor", .string(actor))
        object.set("data", .object(data))
        object.set("effectiveDate", .string(effectiveDate.description))
        if let idempotencyKey { object.set("idempotencyKey", .string(idempotencyKey)) }
        object.set("recordedAt", .string(recordedAt.description))
        object.set("schemaVersion", .integer(Int64(schemaVersion)))
        object.set("seq", .integer(Int64(seq)))
        object.set("stream", .string(stream))
        object.set("subjects", .array(subjects.map { .string($0) }))
        object.set("type", .string(type))
        object.set("version", .integer(Int64(version)))
        return object
    }
}
