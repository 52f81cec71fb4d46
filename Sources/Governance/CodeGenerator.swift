import CanonicalJSON
import EventLog

/// Writes `Sources/Governance/Events.generated.swift`: one typed Swift struct per event type, from the same
/// specs the JSON Schemas come from. `swift run grassroots-schemas` writes it; a test holds the committed
/// file equal to this output.
public enum CodeGenerator {
    public static func typeName(_ type: String) -> String {
        type.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func elementName(_ field: String) -> String {
        let singular = field.hasSuffix("s") ? String(field.dropLast()) : field + "Item"
        return singular.prefix(1).uppercased() + singular.dropFirst()
    }

    static func swiftType(_ kind: FieldKind, field: String) -> String {
        switch kind {
        case .text, .id, .month, .oneOf: "String"
        case .date: "LocalDate"
        case .year, .count, .fen, .percent, .seq: "Int64"
        case .boolean: "Bool"
        case .list(let element, _, _): "[\(swiftType(element, field: field))]"
        case .object: elementName(field)
        case .payload: "JSONObject"
        }
    }

    /// An expression decoding `value` (a JSONValue) of `kind` at `path` (a String expression).
    static func decode(_ kind: FieldKind, field: String, value: String, path: String) -> String {
        switch kind {
        case .text, .id, .month, .oneOf: "try Decode.string(\(value), \(path))"
        case .date: "try Decode.date(\(value), \(path))"
        case .year, .count, .fen, .percent, .seq: "try Decode.integer(\(value), \(path))"
        case .boolean: "try Decode.bool(\(value), \(path))"
        case .list(let element, _, _):
            "try Decode.list(\(value), \(path)) { (item, itemPath) throws(PayloadError) in \(decode(element, field: field, value: "item", path: "itemPath")) }"
        case .object: "try \(elementName(field))(value: \(value), path: \(path))"
        case .payload: "try Decode.object(\(value), \(path))"
        }
    }

    /// An expression encoding `value` of `kind` as a JSONValue.
    static func encode(_ kind: FieldKind, value: String) -> String {
        switch kind {
        case .text, .id, .month, .oneOf: ".string(\(value))"
        case .date: ".string(\(value).description)"
        case .year, .count, .fen, .percent, .seq: ".integer(\(value))"
        case .boolean: ".bool(\(value))"
        case .list(let element, _, _): ".array(\(value).map { item in \(encode(element, value: "item")) })"
        case .object: ".object(\(value).json)"
        case .payload: ".object(\(value))"
        }
    }

    static func members(_ fields: [FieldSpec], indent: String) -> String {
        fields.map { field in
            let type = swiftType(field.kind, field: field.name) + (field.required ? "" : "?")
            return "\(indent)/// \(field.description)\n\(indent)public var \(field.name): \(type)"
        }.joined(separator: "\n")
    }

    static func initializer(_ fields: [FieldSpec], indent: String) -> String {
        let parameters = fields.map { "\($0.name): \(swiftType($0.kind, field: $0.name))\($0.required ? "" : "? = nil")" }.joined(separator: ", ")
        let body = fields.map { "\(indent)    self.\($0.name) = \($0.name)" }.joined(separator: "\n")
        return "\(indent)public init(\(parameters)) {\n\(body)\n\(indent)}"
    }

    static func decoding(_ fields: [FieldSpec], object: String, indent: String) -> String {
        fields.map { field in
            let path = "path + \".\(field.name)\""
            if field.required {
                return "\(indent)\(field.name) = \(decode(field.kind, field: field.name, value: "try Decode.required(\(object), \"\(field.name)\", path)", path: path))"
            }
            return "\(indent)\(field.name) = try Decode.optional(\(object)[\"\(field.name)\"]) { (value) throws(PayloadError) in \(decode(field.kind, field: field.name, value: "value", path: path)) }"
        }.joined(separator: "\n")
    }

    static func encoding(_ fields: [FieldSpec], indent: String) -> String {
        fields.map { field in
            field.required
                ? "\(indent)object.set(\"\(field.name)\", \(encode(field.kind, value: field.name)))"
                : "\(indent)if let \(field.name) { object.set(\"\(field.name)\", \(encode(field.kind, value: field.name))) }"
        }.joined(separator: "\n")
    }

    static func nestedTypes(_ fields: [FieldSpec], indent: String) -> [String] {
        var out: [String] = []
        for field in fields {
            var kind = field.kind
            if case .list(let element, _, _) = kind { kind = element }
            guard case .object(let nested) = kind else { continue }
            out.append("""
            \(indent)/// An element of `\(field.name)`.
            \(indent)public struct \(elementName(field.name)): Sendable, Equatable {
            \(members(nested, indent: indent + "    "))

            \(initializer(nested, indent: indent + "    "))

            \(indent)    init(value: JSONValue, path: String) throws(PayloadError) {
            \(indent)        let object = try Decode.object(value, path)
            \(decoding(nested, object: "object", indent: indent + "        "))
            \(indent)    }

            \(indent)    public var json: JSONObject {
            \(indent)        var object = JSONObject()
            \(encoding(nested, indent: indent + "        "))
            \(indent)        return object
            \(indent)    }
            \(indent)}
            """)
        }
        return out
    }

    public static func source() -> String {
        var text = """
        // Generated by `swift run grassroots-schemas` from EventCatalog; do not edit by hand.
        // One struct per event type and schema version: `init(payload:)` validates (PayloadValidator) and
        // decodes; `payload` encodes back to the same JSON object.
        public import CanonicalJSON
        public import EventLog

        /// An act of the catalog as a Swift value.
        public protocol GovernanceEvent: Sendable, Equatable {
            static var spec: EventTypeSpec { get }
            init(payload: JSONObject) throws(PayloadError)
            var payload: JSONObject { get }
        }

        extension GovernanceEvent {
            public static var type: String { spec.type }
            public static var schemaVersion: UInt32 { spec.schemaVersion }
        }

        """
        for spec in EventCatalog.all {
            let name = typeName(spec.type) + (spec.schemaVersion > 1 ? "V\(spec.schemaVersion)" : "")
            let nested = nestedTypes(spec.fields, indent: "    ")
            text += """

            /// `\(spec.type)` v\(spec.schemaVersion): \(spec.title) (\(spec.term)). \(spec.description)
            public struct \(name): GovernanceEvent {
                public static let spec: EventTypeSpec = {
                    guard let spec = EventCatalog.spec(type: "\(spec.type)", version: \(spec.schemaVersion)) else {
                        preconditionFailure("\(spec.type) v\(spec.schemaVersion) left the catalog; regenerate Events.generated.swift")
                    }
                    return spec
                }()

            \(members(spec.fields, indent: "    "))

            \(initializer(spec.fields, indent: "    "))

                public init(payload: JSONObject) throws(PayloadError) {
                    try PayloadValidator.validate(payload, against: Self.spec)
                    let path = "data"
            \(decoding(spec.fields, object: "payload", indent: "        "))
                }

                public var payload: JSONObject {
                    var object = JSONObject()
            \(encoding(spec.fields, indent: "        "))
                    return object
                }
            \(nested.isEmpty ? "" : "\n" + nested.joined(separator: "\n\n") + "\n")}

            """
        }
        text += """

        /// Every generated type, in catalog order.
        public let allGovernanceEventTypes: [any GovernanceEvent.Type] = [
        \(EventCatalog.all.map { "    " + typeName($0.type) + ($0.schemaVersion > 1 ? "V\($0.schemaVersion)" : "") + ".self," }.joined(separator: "\n"))
        ]

        """
        return text
    }
}

/// Typed extraction from a validated payload; a mismatch (impossible after validation) is a PayloadError,
/// never a crash.
enum Decode {
    static func required(_ object: JSONObject, _ name: String, _ path: String) throws(PayloadError) -> JSONValue {
        guard let value = object[name] else { throw PayloadError(path: path + "." + name, reason: "missing (required)") }
        return value
    }
    static func string(_ value: JSONValue, _ path: String) throws(PayloadError) -> String {
        guard case .string(let s) = value else { throw PayloadError(path: path, reason: "must be a string") }
        return s
    }
    static func date(_ value: JSONValue, _ path: String) throws(PayloadError) -> LocalDate {
        guard case .string(let s) = value, let date = LocalDate(iso: s) else { throw PayloadError(path: path, reason: "must be a date YYYY-MM-DD") }
        return date
    }
    static func integer(_ value: JSONValue, _ path: String) throws(PayloadError) -> Int64 {
        guard case .integer(let i) = value else { throw PayloadError(path: path, reason: "must be an integer") }
        return i
    }
    static func bool(_ value: JSONValue, _ path: String) throws(PayloadError) -> Bool {
        guard case .bool(let b) = value else { throw PayloadError(path: path, reason: "must be true or false") }
        return b
    }
    static func object(_ value: JSONValue, _ path: String) throws(PayloadError) -> JSONObject {
        guard case .object(let o) = value else { throw PayloadError(path: path, reason: "must be an object") }
        return o
    }
    static func optional<T>(_ value: JSONValue?, _ decode: (JSONValue) throws(PayloadError) -> T) throws(PayloadError) -> T? {
        guard let value else { return nil }
        return try decode(value)
    }
    static func list<T>(_ value: JSONValue, _ path: String, _ element: (JSONValue, String) throws(PayloadError) -> T) throws(PayloadError) -> [T] {
        guard case .array(let items) = value else { throw PayloadError(path: path, reason: "must be a list") }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { out.append(try element(item, "\(path)[\(index)]")) }
        return out
    }
}
