import CanonicalJSON
import Crypto
import Synchronization

/// Sealed values: payload members a draft names (`EventDraft.sealedFields`) whose values are kept out of the
/// hash-chained canonical bytes. On append each such value is replaced by its commitment,
/// `sha256:` + hex(SHA-256(salt ‖ UTF-8 value)) with a fresh random 128-bit salt, and the salt and value go
/// to the ledger's sealed-value store (`SealedStore`, a second LMDB environment in the ledger directory)
/// before the event commits. The chain holds only the commitment, so the value can later be erased from
/// every file (`Ledger.eraseSealed`) and the chain still verifies; whoever holds the salt and the value
/// can show that the commitment is theirs. The log knows nothing of what the values mean: a higher layer
/// says which members to seal (Schemas/PERSONAL.md).
public struct Commitment: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "sha256:"
    /// The SHA-256 digest, 32 bytes.
    public let digest: [UInt8]

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == Commitment.prefix.utf8.count + 64, bytes.starts(with: Commitment.prefix.utf8) else { return nil }
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        var index = Commitment.prefix.utf8.count
        while index < bytes.count {
            guard let high = Commitment.nibble(bytes[index]), let low = Commitment.nibble(bytes[index + 1]) else { return nil }
            digest.append(high << 4 | low)
            index += 2
        }
        self.digest = digest
    }

    init(digest: [UInt8]) {
        precondition(digest.count == 32, "a commitment is a SHA-256 digest")
        self.digest = digest
    }

    /// The commitment to `value` under `salt`.
    public static func of(_ value: String, salt: [UInt8]) -> Commitment {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array(value.utf8))
        return Commitment(digest: Array(hasher.finalize()))
    }

    public var description: String { Commitment.prefix + digest.withUnsafeBytes { Hash.hex($0) } }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// A sealed value and its salt: what opens a commitment.
public struct Opening: Sendable, Equatable {
    public static let saltBytes = 16
    public let salt: [UInt8]
    public let value: String

    public init(salt: [UInt8], value: String) {
        precondition(salt.count == Opening.saltBytes, "a salt is \(Opening.saltBytes) bytes")
        self.salt = salt
        self.value = value
    }

    public var commitment: Commitment { Commitment.of(value, salt: salt) }

    /// The stored form: a format byte (1), the salt, the value's UTF-8.
    var bytes: [UInt8] { [1] + salt + Array(value.utf8) }

    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 1 + Opening.saltBytes, bytes[0] == 1 else { return nil }
        salt = Array(bytes[1...Opening.saltBytes])
        value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(1 + Opening.saltBytes)...]), as: UTF8.self)
    }
}

/// Where salts come from. Production salts are random (`SystemRandomNumberGenerator`, the system's
/// cryptographic generator). `derived` makes them a function of a seed and the value's place, so that a
/// test or demo ledger is byte for byte reproducible: it is honoured only where a recorded time set from
/// outside is (`Ledger.clock`: a test-clock ledger, or every ledger in a debug build).
public enum SaltSource: Sendable, Equatable {
    case random
    case derived(seed: String)

    func salt(type: String, field: String, value: String, data: JSONObject) -> [UInt8] {
        switch self {
        case .random:
            var generator = SystemRandomNumberGenerator()
            return (0..<Opening.saltBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        case .derived(let seed):
            var hasher = SHA256()
            for part in ["grassroots-test-salt", seed, type, field, value, CanonicalJSON.string(.object(data))] {
                hasher.update(data: Array(part.utf8))
                hasher.update(data: [0])
            }
            return Array(Array(hasher.finalize()).prefix(Opening.saltBytes))
        }
    }
}

/// A batch's drafts with their sealed members replaced by commitments, and what opens them.
struct SealedBatch {
    /// The drafts as they are stored (commitments in place of sealed values).
    var drafts: [EventDraft]
    /// Per draft, each sealed member's plain value (for idempotent retries).
    var plain: [[String: String]]
    /// Every opening the batch makes, by digest.
    var openings: [[UInt8]: Opening]

    init(_ drafts: [EventDraft], salts: SaltSource) throws(EventLogError) {
        self.drafts = drafts
        plain = Array(repeating: [:], count: drafts.count)
        openings = [:]
        for (index, draft) in drafts.enumerated() where !draft.sealedFields.isEmpty {
            var data = draft.data
            for field in draft.sealedFields {
                guard case .string(let value)? = draft.data.sealedMember(field) else {
                    throw .invalidEvent(index: index, field: "data.\(field)", reason: "a sealed member must be a string in the payload")
                }
                let opening = Opening(salt: salts.salt(type: draft.type, field: field, value: value, data: draft.data), value: value)
                let commitment = opening.commitment
                openings[commitment.digest] = opening
                plain[index][field] = value
                guard data.setSealedMember(field, .string(commitment.description)) else {
                    preconditionFailure("the member \(field) was read above")
                }
            }
            self.drafts[index].data = data
        }
    }

    /// Whether the stored event is the same act as draft `index` (an idempotent retry): everything equal but
    /// the sealed members, whose stored commitments must open to the same values. The members that differ.
    func differing(_ index: Int, _ draft: EventDraft, from stored: RecordedEvent, lookup: SealedLookup) throws -> [String] {
        guard index < plain.count else { return draft.sameContent(as: stored) }
        let plainValues = plain[index]
        guard !plainValues.isEmpty else { return draft.sameContent(as: stored) }
        var masked = draft
        var storedData = stored.data
        var differing: [String] = []
        for (field, value) in plainValues {
            _ = masked.data.setSealedMember(field, .null)
            let opened = try stored.data.sealedMember(field)?.stringValue.flatMap(Commitment.init).flatMap { try lookup.opening($0) }
            if opened?.value != value { differing.append("data.\(field)") }
            _ = storedData.setSealedMember(field, .null)
        }
        let unsealedStored = RecordedEvent(seq: stored.seq, stream: stored.stream, version: stored.version, type: stored.type,
                                           schemaVersion: stored.schemaVersion, effectiveDate: stored.effectiveDate, recordedAt: stored.recordedAt,
                                           actor: stored.actor, idempotencyKey: stored.idempotencyKey, subjects: stored.subjects, data: storedData,
                                           prevHash: stored.prevHash, hash: stored.hash)
        return masked.sameContent(as: unsealedStored) + differing.sorted()
    }
}

/// Opens commitments for a hook or a query: the openings of the batch being appended first, then the
/// ledger's sealed-value store. Used by one thread at a time.
public final class SealedLookup: Sendable {
    let store: SealedStore?
    let pending: Mutex<[[UInt8]: Opening]>

    init(store: SealedStore?, pending: [[UInt8]: Opening] = [:]) {
        self.store = store
        self.pending = Mutex(pending)
    }

    /// The salt and value a commitment was made of, or nil when the ledger holds none (erased, or never
    /// stored: a copy of the ledger without its sealed-value store).
    public func opening(_ commitment: Commitment) throws -> Opening? {
        if let opening = pending.withLock({ $0[commitment.digest] }) { return opening }
        return try store?.opening(commitment.digest)
    }

    /// The value behind `text` when it is a commitment this ledger can open.
    public func value(_ text: String) throws -> String? {
        guard let commitment = Commitment(text) else { return nil }
        return try opening(commitment)?.value
    }
}

extension JSONObject {
    /// The member a sealed path names (`EventDraft.sealedFields`): `name`, or `outer.inner` inside object members.
    func sealedMember(_ path: String) -> JSONValue? {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        var value: JSONValue? = .object(self)
        for part in parts {
            guard case .object(let object)? = value else { return nil }
            value = object[String(part)]
        }
        return value
    }

    /// Sets the member a sealed path names, when every object on the way is there. Whether it was set.
    mutating func setSealedMember(_ path: String, _ value: JSONValue) -> Bool {
        guard let dot = path.firstIndex(of: ".") else {
            set(path, value)
            return true
        }
        let head = String(path[..<dot])
        guard case .object(var inner)? = self[head], inner.setSealedMember(String(path[path.index(after: dot)...]), value) else { return false }
        set(head, .object(inner))
        return true
    }
}
