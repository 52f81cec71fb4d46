import CanonicalJSON
import Crypto

/// The canonical bytes of an event and the hash rule (documented in `Schemas/CANONICAL.md`).
enum Envelope {
    /// Members of the canonical object, in canonical (UTF-8 byte) order.
    static let memberNames = ["actor", "data", "effectiveDate", "idempotencyKey", "recordedAt", "schemaVersion",
                              "seq", "stream", "subjects", "type", "version"]

    /// Writes the canonical bytes of an event directly, members in canonical order (the same bytes as
    /// `CanonicalJSON.encode(event.canonicalObject)`; a test holds the two together).
    static func encode(
        seq: UInt64, version: UInt64, recordedAt: String, draft: EventDraft, into out: inout [UInt8]
    ) {
        out.append(contentsOf: #"{"actor":"#.utf8)
        CanonicalJSON.writeString(draft.actor, into: &out)
        out.append(contentsOf: #","data":"#.utf8)
        CanonicalJSON.write(draft.data, into: &out)
        out.append(contentsOf: #","effectiveDate":""#.utf8)
        out.append(contentsOf: draft.effectiveDate.description.utf8)
        out.append(UInt8(ascii: "\""))
        if let key = draft.idempotencyKey {
            out.append(contentsOf: #","idempotencyKey":"#.utf8)
            CanonicalJSON.writeString(key, into: &out)
        }
        out.append(contentsOf: #","recordedAt":""#.utf8)
        out.append(contentsOf: recordedAt.utf8)
        out.append(contentsOf: #"","schemaVersion":"#.utf8)
        CanonicalJSON.writeInteger(Int64(draft.schemaVersion), into: &out)
        out.append(contentsOf: #","seq":"#.utf8)
        CanonicalJSON.writeInteger(Int64(seq), into: &out)
        out.append(contentsOf: #","stream":"#.utf8)
        CanonicalJSON.writeString(draft.stream, into: &out)
        out.append(contentsOf: #","subjects":["#.utf8)
        for (position, subject) in draft.subjects.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            CanonicalJSON.writeString(subject, into: &out)
        }
        out.append(contentsOf: #"],"type":"#.utf8)
        CanonicalJSON.writeString(draft.type, into: &out)
        out.append(contentsOf: #","version":"#.utf8)
        CanonicalJSON.writeInteger(Int64(version), into: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// SHA-256 over the previous hash's 32 bytes followed by the canonical bytes.
    static func chainHash(previous: UnsafeRawBufferPointer, canonical: UnsafeRawBufferPointer) -> SHA256.Digest {
        precondition(previous.count == Hash.byteCount, "a previous hash has 32 bytes")
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        hasher.update(bufferPointer: canonical)
        return hasher.finalize()
    }

    /// Decodes canonical bytes into an event. Throws `EventLogError.corruptRecord` when they are not a
    /// well-formed envelope.
    static func decode(canonical: UnsafeRawBufferPointer, seq: UInt64, prevHash: Hash, hash: Hash) throws(EventLogError) -> RecordedEvent {
        let value: JSONValue
        do {
            value = try JSONParser.parse(canonical, limits: JSONLimits(depthMax: Limits.payloadDepthMax + 2, bytesMax: Limits.eventBytesMax))
        } catch {
            throw .corruptRecord(seq: seq, reason: "stored event is not valid JSON: \(error)")
        }
        guard case .object(let object) = value else { throw .corruptRecord(seq: seq, reason: "stored event is not a JSON object") }
        func string(_ name: String) throws(EventLogError) -> String {
            guard case .string(let s)? = object[name] else { throw .corruptRecord(seq: seq, reason: "member \(name) missing or not a string") }
            return s
        }
        func integer(_ name: String) throws(EventLogError) -> Int64 {
            guard case .integer(let i)? = object[name], i >= 0 else { throw .corruptRecord(seq: seq, reason: "member \(name) missing or not a non-negative integer") }
            return i
        }
        guard case .object(let data)? = object["data"] else { throw .corruptRecord(seq: seq, reason: "member data missing or not an object") }
        guard case .array(let subjectValues)? = object["subjects"] else { throw .corruptRecord(seq: seq, reason: "member subjects missing or not an array") }
        var subjects: [String] = []
        for subject in subjectValues {
            guard case .string(let s) = subject else { throw .corruptRecord(seq: seq, reason: "a subject is not a string") }
            subjects.append(s)
        }
        let idempotencyKey: String?
        switch object["idempotencyKey"] {
        case nil: idempotencyKey = nil
        case .string(let key)?: idempotencyKey = key
        default: throw .corruptRecord(seq: seq, reason: "member idempotencyKey is not a string")
        }
        for key in object.keys where !memberNames.contains(key) {
            throw .corruptRecord(seq: seq, reason: "unexpected member \(key)")
        }
        guard let effectiveDate = LocalDate(iso: try string("effectiveDate")) else {
            throw .corruptRecord(seq: seq, reason: "effectiveDate is not a date")
        }
        guard let recordedAt = Timestamp(iso: try string("recordedAt")) else {
            throw .corruptRecord(seq: seq, reason: "recordedAt is not a timestamp")
        }
        let storedSeq = try integer("seq")
        guard UInt64(storedSeq) == seq else {
            throw .corruptRecord(seq: seq, reason: "record under key \(seq) says seq \(storedSeq)")
        }
        let schemaVersion = try integer("schemaVersion")
        guard schemaVersion <= Int64(UInt32.max) else { throw .corruptRecord(seq: seq, reason: "schemaVersion out of range") }
        return RecordedEvent(
            seq: seq, stream: try string("stream"), version: UInt64(try integer("version")), type: try string("type"),
            schemaVersion: UInt32(schemaVersion), effectiveDate: effectiveDate, recordedAt: recordedAt,
            actor: try string("actor"), idempotencyKey: idempotencyKey, subjects: subjects, data: data,
            prevHash: prevHash, hash: hash)
    }
}
