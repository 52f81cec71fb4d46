public import CanonicalJSON

/// The append request's wire form: one JSON object per event, as read by `grassroots append`.
///
/// `{"type": …, "effectiveDate": "YYYY-MM-DD", "data": {…}}` with optional `stream`, `expectedVersion`,
/// `idempotencyKey`, `actor`, `subjects` and `schemaVersion`. Any other member is refused, by name.
public enum DraftDecoding {
    public static let requiredMembers = ["type", "effectiveDate", "data"]
    public static let optionalMembers = ["stream", "expectedVersion", "idempotencyKey", "actor", "subjects", "schemaVersion"]
    /// The stream an event goes to when the request names none.
    public static let defaultStream = "main"

    /// A request member that is missing, unknown or of the wrong type.
    public struct Failure: Error, CustomStringConvertible, Sendable, Equatable {
        public let field: String
        public let reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// Decodes one request. `defaultActor` is used when the request names no actor.
    public static func draft(from value: JSONValue, defaultActor: String) throws(Failure) -> EventDraft {
        guard case .object(let object) = value else {
            throw Failure(field: "event", reason: "must be a JSON object, got \(value.kindName)")
        }
        let unknown = object.keys.filter { !requiredMembers.contains($0) && !optionalMembers.contains($0) }
        if !unknown.isEmpty {
            throw Failure(field: unknown.joined(separator: ", "), reason: "unknown member\(unknown.count > 1 ? "s" : ""); allowed: \((requiredMembers + optionalMembers).joined(separator: ", "))")
        }
        for name in requiredMembers where object[name] == nil {
            throw Failure(field: name, reason: "missing (required)")
        }
        func string(_ name: String) throws(Failure) -> String? {
            switch object[name] {
            case nil: return nil
            case .string(let s)?: return s
            case let other?: throw Failure(field: name, reason: "must be a string, got \(other.kindName)")
            }
        }
        guard let type = try string("type") else { throw Failure(field: "type", reason: "missing (required)") }
        guard let dateText = try string("effectiveDate") else { throw Failure(field: "effectiveDate", reason: "missing (required)") }
        guard let effectiveDate = LocalDate(iso: dateText) else {
            throw Failure(field: "effectiveDate", reason: "\"\(dateText)\" is not a calendar date in YYYY-MM-DD form between \(LocalDate.yearRange.lowerBound) and \(LocalDate.yearRange.upperBound)")
        }
        guard case .object(let data)? = object["data"] else {
            throw Failure(field: "data", reason: "must be a JSON object, got \(object["data"]?.kindName ?? "nothing")")
        }
        var expectedVersion: UInt64? = nil
        switch object["expectedVersion"] {
        case nil: break
        case .integer(let v)? where v >= 0: expectedVersion = UInt64(v)
        case let other?: throw Failure(field: "expectedVersion", reason: "must be an integer >= 0, got \(CanonicalJSON.string(other))")
        }
        var schemaVersion: UInt32 = 1
        switch object["schemaVersion"] {
        case nil: break
        case .integer(let v)? where v >= 1 && v <= Int64(UInt32.max): schemaVersion = UInt32(v)
        case let other?: throw Failure(field: "schemaVersion", reason: "must be an integer >= 1, got \(CanonicalJSON.string(other))")
        }
        var subjects: [String] = []
        switch object["subjects"] {
        case nil: break
        case .array(let values)?:
            for value in values {
                guard case .string(let s) = value else { throw Failure(field: "subjects", reason: "every subject must be a string, got \(value.kindName)") }
                subjects.append(s)
            }
        case let other?: throw Failure(field: "subjects", reason: "must be an array of strings, got \(other.kindName)")
        }
        return EventDraft(
            type: type, schemaVersion: schemaVersion, effectiveDate: effectiveDate,
            stream: try string("stream") ?? defaultStream, expectedVersion: expectedVersion,
            idempotencyKey: try string("idempotencyKey"), actor: try string("actor") ?? defaultActor,
            subjects: subjects, data: data)
    }
}
