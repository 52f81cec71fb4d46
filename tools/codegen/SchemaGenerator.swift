public import CanonicalJSON
public import Governance

/// Writes the JSON Schema (draft 2020-12) of an event type's payload from its spec. The committed files in
/// `Schemas/events/` are this output; a test holds them equal, so a published schema cannot drift.
public enum SchemaGenerator {
    public static let idPattern = #"^[^\u0000-\u0020\u007f]+$"#

    public static func schema(for spec: EventTypeSpec, directory: String = "events/") -> JSONObject {
        var object = objectSchema(spec.fields)
        object.set("$schema", "https://json-schema.org/draft/2020-12/schema")
        object.set("$id", .string("https://grassroots-ledger.example/schemas/\(directory)\(spec.schemaFileName)"))
        object.set("title", .string("\(spec.type) v\(spec.schemaVersion): \(spec.title) (\(spec.term))"))
        object.set("description", .string(spec.description + " Stream: the \(spec.streamField) field. Subjects: \(spec.subjectFields.joined(separator: ", ")). Amounts are integer fen."))
        return object
    }

    /// Pretty-printed with two-space indentation and sorted keys, ending with a newline.
    public static func text(for spec: EventTypeSpec, directory: String = "events/") -> String {
        pretty(.object(schema(for: spec, directory: directory)), indent: 0) + "\n"
    }

    /// The policy document's schema, version 1 (`Schemas/policy.v1.schema.json`, published, frozen).
    public static var policyText: String { policyText(PolicyDocument.specV1) }

    /// The policy document's schema, version 2 (`Schemas/policy.v2.schema.json`): what the program reads.
    public static var policyV2Text: String { policyText(PolicyDocument.specV2) }
    /// The policy document's schema, version 3 (`Schemas/policy.v3.schema.json`, published).
    public static var policyV3Text: String { policyText(PolicyDocument.specV3) }

    /// The policy document's schema, version 4 (`Schemas/policy.v4.schema.json`): what the program reads now.
    public static var policyV4Text: String { policyText(PolicyDocument.spec) }

    static func policyText(_ spec: EventTypeSpec) -> String {
        var object = schema(for: spec, directory: "")
        object.set("$id", .string("https://grassroots-ledger.example/schemas/policy.v\(spec.schemaVersion).schema.json"))
        object.set("title", .string("GrassrootsLedger policy document, version \(spec.schemaVersion) (政策参数)"))
        object.set("description", .string(spec.description + " Sections a document omits are inherited from the policy it extends. Fractions are compared with integers: count * denominator >= numerator * total (inclusive) or > (not)."))
        return pretty(.object(object), indent: 0) + "\n"
    }

    static func objectSchema(_ fields: [FieldSpec]) -> JSONObject {
        var properties = JSONObject()
        for field in fields {
            var property = fragment(field.kind)
            let sealedNote = field.isSealed ? " Personal data (Schemas/PERSONAL.md): submitted as the value (x-submitted), stored as its salted commitment sha256:<hex of SHA-256(16-byte salt || UTF-8 value)>; the value and salt are kept out of the chain and removed by grassroots erase." : ""
            property.set("description", .string(field.description + sealedNote))
            // Whose personal data the value is, where another field than the event's data subject says so.
            if let owner = field.owner { property.set("x-owner", .string(owner)) }
            properties.set(field.name, .object(property))
        }
        var object: JSONObject = ["type": "object", "additionalProperties": false, "properties": .object(properties)]
        object.set("required", .array(fields.filter(\.required).map { .string($0.name) }))
        return object
    }

    static func fragment(_ kind: FieldKind) -> JSONObject {
        switch kind {
        case .text(let maxBytes):
            // maxLength counts characters; the code counts UTF-8 bytes (stricter), so the schema's bound is an upper one.
            return ["type": "string", "minLength": 1, "maxLength": .integer(Int64(maxBytes))]
        case .id(let prefix):
            return ["type": "string", "maxLength": 200, "pattern": .string("^" + escapeRegex(prefix) + #"[^\u0000-\u0020\u007f]+$"#)]
        case .date:
            return ["type": "string", "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"]
        case .month:
            return ["type": "string", "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$"]
        case .year:
            return ["type": "integer", "minimum": 1900, "maximum": 2199]
        case .count, .fen:
            return ["type": "integer", "minimum": 0]
        case .percent:
            return ["type": "integer", "minimum": 0, "maximum": 100]
        case .boolean:
            return ["type": "boolean"]
        case .oneOf(let vocabulary):
            let options = vocabulary.values
            return ["type": "string", "enum": .array(options.map { .string($0) })]
        case .seq:
            return ["type": "integer", "minimum": 1]
        case .sha256:
            return ["type": "string", "pattern": "^[0-9a-f]{64}$"]
        case .list(let element, let minItems, let maxItems):
            var list: JSONObject = ["type": "array", "items": .object(fragment(element)),
                                    "minItems": .integer(Int64(minItems)), "maxItems": .integer(Int64(maxItems))]
            if case .id = element { list.set("uniqueItems", true) }
            return list
        case .object(let fields):
            return objectSchema(fields)
        case .payload:
            return ["type": "object"]
        case .sealed(let inner):
            // The chain holds the commitment; the request holds a value of the inner kind (x-submitted).
            return ["type": "string", "pattern": "^sha256:[0-9a-f]{64}$", "x-personal": true, "x-submitted": .object(fragment(inner))]
        }
    }

    static func escapeRegex(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Deterministic pretty printing (keys in canonical order), for files people read.
    static func pretty(_ value: JSONValue, indent: Int) -> String {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case .object(let object) where !object.isEmpty:
            let members = object.members.map { member in
                pad + CanonicalJSON.string(.string(member.key)) + ": " + pretty(member.value, indent: indent + 1)
            }
            return "{\n" + members.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let elements) where !elements.isEmpty && elements.contains(where: { $0.objectValue != nil }):
            return "[\n" + elements.map { pad + pretty($0, indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        case .array(let elements) where !elements.isEmpty:
            return "[" + elements.map { CanonicalJSON.string($0) }.joined(separator: ", ") + "]"
        default:
            return CanonicalJSON.string(value)
        }
    }
}
