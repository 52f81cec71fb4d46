public import CanonicalJSON
public import EventLog

/// Turns an append request (`Schemas/append-request.v1.schema.json`) into a draft the ledger accepts:
/// the type must be in the catalog, the payload must fit its schema, and the stream and subjects are
/// derived from the payload when the request does not give them.
public enum GovernanceRequests {
    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        public let field: String
        public let reason: String
        public var description: String { "\(field): \(reason)" }
    }

    public static func draft(from value: JSONValue, defaultActor: String) throws(Failure) -> EventDraft {
        let request: EventDraft
        do {
            request = try DraftDecoding.draft(from: value, defaultActor: defaultActor)
        } catch {
            throw Failure(field: error.field, reason: error.reason)
        }
        let object = value.objectValue ?? JSONObject()
        return try prepare(request, streamGiven: object["stream"] != nil, subjectsGiven: object["subjects"] != nil)
    }

    /// Checks `draft` against the catalog and fills in its stream and subjects. A request (`form` `.request`)
    /// also has its personal members named for sealing (`EventDraft.sealedFields`): the log stores their
    /// commitments, and their values out of the chain (Schemas/PERSONAL.md).
    public static func prepare(_ draft: EventDraft, streamGiven: Bool, subjectsGiven: Bool, form: PayloadForm = .request) throws(Failure) -> EventDraft {
        guard let spec = EventCatalog.spec(type: draft.type, version: draft.schemaVersion) else {
            if EventCatalog.all.contains(where: { $0.type == draft.type }) {
                let versions = EventCatalog.all.filter { $0.type == draft.type }.map { String($0.schemaVersion) }
                throw Failure(field: "schemaVersion", reason: "\(draft.type) has no schema version \(draft.schemaVersion); known: \(versions.joined(separator: ", "))")
            }
            throw Failure(field: "type", reason: "unknown event type \"\(draft.type)\"; see `grassroots append --help` for the \(EventCatalog.all.count) types")
        }
        do {
            try PayloadValidator.validate(draft.data, against: spec, form: form)
        } catch {
            throw Failure(field: error.path, reason: error.reason)
        }
        var prepared = draft
        if form == .request { prepared.sealedFields = spec.sealedFields.filter { draft.data[$0] != nil } }
        let stream = derivedStream(draft.data, spec: spec)
        if streamGiven {
            guard sameBytes(draft.stream, stream) else {
                throw Failure(field: "stream", reason: "\"\(draft.stream)\" differs from the stream its data names (\(spec.streamField): \"\(stream)\"); omit stream to derive it")
            }
        }
        prepared.stream = stream
        let derived = derivedSubjects(draft.data, spec: spec)
        if subjectsGiven {
            for subject in derived where !draft.subjects.contains(where: { sameBytes($0, subject) }) {
                throw Failure(field: "subjects", reason: "lacks \"\(subject)\", which its data names; omit subjects to derive them")
            }
            prepared.subjects = derived + draft.subjects.filter { given in !derived.contains { sameBytes($0, given) } }
        } else {
            prepared.subjects = derived
        }
        return prepared
    }

    static func derivedStream(_ data: JSONObject, spec: EventTypeSpec) -> String {
        guard case .string(let stream)? = data[spec.streamField] else {
            preconditionFailure("validated payload of \(spec.type) lacks its stream field \(spec.streamField)")
        }
        return stream
    }

    static func derivedSubjects(_ data: JSONObject, spec: EventTypeSpec) -> [String] {
        var subjects: [String] = []
        func add(_ value: JSONValue?) {
            switch value {
            case .string(let s)?: if !subjects.contains(where: { sameBytes($0, s) }) { subjects.append(s) }
            case .array(let items)?: for item in items { add(item) }
            default: break
            }
        }
        for name in spec.subjectFields {
            let parts = name.split(separator: "[", maxSplits: 1)
            if parts.count == 2, parts[1].hasPrefix("]."), case .array(let items)? = data[String(parts[0])] {
                let member = String(parts[1].dropFirst(2))
                for item in items { add(item.objectValue?[member]) }
            } else {
                add(data[name])
            }
        }
        return subjects
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}

extension GovernanceEvent {
    /// The append request for this act on `effectiveDate`: its stream and subjects derived from its fields,
    /// as `GovernanceRequests.draft` derives them from a JSON request. Programs (payroll, the demo, tests)
    /// build acts as Swift values and append them through this, never as hand-written JSON.
    public func draft(on effectiveDate: LocalDate, actor: String, idempotencyKey: String? = nil,
                      expectedVersion: UInt64? = nil) throws(GovernanceRequests.Failure) -> EventDraft {
        let request = EventDraft(type: Self.type, schemaVersion: Self.schemaVersion, effectiveDate: effectiveDate, stream: "",
                                 expectedVersion: expectedVersion, idempotencyKey: idempotencyKey, actor: actor, data: payload)
        return try GovernanceRequests.prepare(request, streamGiven: false, subjectsGiven: false)
    }
}
