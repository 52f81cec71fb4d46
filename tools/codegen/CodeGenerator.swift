import CanonicalJSON
import EventLog
import Governance

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
        case .text, .id, .sealed, .sha256: "String"
        case .oneOf(let vocabulary): vocabulary.name
        case .month: "YearMonth"
        case .date: "LocalDate"
        case .year, .count, .fen, .percent: "Int64"
        case .seq: "UInt64"
        case .boolean: "Bool"
        case .list(let element, _, _): "[\(swiftType(element, field: field))]"
        case .object: elementName(field)
        case .payload: "JSONObject"
        }
    }

    /// An expression decoding `value` (a JSONValue) of `kind` at `path` (a String expression).
    static func decode(_ kind: FieldKind, field: String, value: String, path: String) -> String {
        switch kind {
        case .text, .id, .sealed, .sha256: "try Decode.string(\(value), \(path))"
        case .oneOf(let vocabulary): "try Decode.choice(\(value), \(path), as: \(vocabulary.name).self)"
        case .month: "try Decode.month(\(value), \(path))"
        case .date: "try Decode.date(\(value), \(path))"
        case .year, .count, .fen, .percent: "try Decode.integer(\(value), \(path))"
        case .seq: "try Decode.seq(\(value), \(path))"
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
        case .text, .id, .sealed, .sha256: ".string(\(value))"
        case .oneOf: ".string(\(value).rawValue)"
        case .date, .month: ".string(\(value).description)"
        case .year, .count, .fen, .percent: ".integer(\(value))"
        case .seq: ".integer(Int64(\(value)))"
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

    /// The Swift name of a type's struct: `LeaderInstalled`, `LeaderInstalledV2` for a second version.
    static func structName(_ spec: EventTypeSpec) -> String {
        typeName(spec.type) + (spec.schemaVersion > 1 ? "V\(spec.schemaVersion)" : "")
    }

    /// The `GovernanceAct` case of a type: `leaderInstalled`, `leaderInstalledV2`.
    static func caseName(_ spec: EventTypeSpec) -> String {
        let name = structName(spec)
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    static func vocabularyEnum(_ vocabulary: Vocabulary) -> String {
        let cases = vocabulary.cases.map { "    case \($0.swiftName) = \"\($0.value)\"" }.joined(separator: "\n")
        return """

        /// \(vocabulary.summary)
        public enum \(vocabulary.name): String, Sendable, Hashable, CaseIterable {
        \(cases)
        }

        """
    }

    public static func source() -> String {
        var text = """
        // Generated by `swift run grassroots-schemas` from EventCatalog; do not edit by hand.
        // One enum per closed vocabulary; one struct per event type and schema version: `init(payload:)`
        // validates (PayloadValidator) and decodes, `init(decoding:)` decodes a payload validated before
        // (a replay's), and `payload` encodes back to the same JSON object. `GovernanceAct` is any of them.
        public import CanonicalJSON
        public import EventLog

        /// An act of the catalog as a Swift value.
        public protocol GovernanceEvent: Sendable, Equatable {
            static var spec: EventTypeSpec { get }
            /// Validates `payload` against the type's schema, then decodes it.
            init(payload: JSONObject) throws(PayloadError)
            /// Decodes a payload that was validated before; a field of the wrong kind is still an error.
            init(decoding payload: JSONObject) throws(PayloadError)
            var payload: JSONObject { get }
            /// The act as a `GovernanceAct`.
            var act: GovernanceAct { get }
        }

        extension GovernanceEvent {
            public static var type: String { spec.type }
            public static var schemaVersion: UInt32 { spec.schemaVersion }

            public init(payload: JSONObject) throws(PayloadError) {
                try PayloadValidator.validate(payload, against: Self.spec)
                try self.init(decoding: payload)
            }
        }

        """
        for vocabulary in EventCatalog.vocabularies { text += vocabularyEnum(vocabulary) }
        for spec in EventCatalog.all {
            let name = structName(spec)
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

                public init(decoding payload: JSONObject) throws(PayloadError) {
                    let path = "data"
            \(decoding(spec.fields, object: "payload", indent: "        "))
                }

                public var payload: JSONObject {
                    var object = JSONObject()
            \(encoding(spec.fields, indent: "        "))
                    return object
                }

                public var act: GovernanceAct { .\(caseName(spec))(self) }
            \(nested.isEmpty ? "" : "\n" + nested.joined(separator: "\n\n") + "\n")}

            """
        }
        let cases = EventCatalog.all.map { "    case \(caseName($0))(\(structName($0)))" }.joined(separator: "\n")
        let decodes = EventCatalog.all.map {
            "        case (\"\($0.type)\", \($0.schemaVersion)): .\(caseName($0))(try \(structName($0))(decoding: payload))"
        }.joined(separator: "\n")
        let events = EventCatalog.all.map { "        case .\(caseName($0))(let act): act" }.joined(separator: "\n")
        text += """

        /// Any act of the catalog, decoded once: the rules and projections switch over it.
        public enum GovernanceAct: Sendable, Equatable {
        \(cases)

            /// Decodes a payload validated before (a replayed event's, or one `PayloadValidator` passed), or nil
            /// when the type and version are not in the catalog.
            public static func decode(type: String, schemaVersion: UInt32, payload: JSONObject) throws(PayloadError) -> GovernanceAct? {
                switch (type, schemaVersion) {
        \(decodes)
                default: nil
                }
            }

            /// The act's struct.
            public var event: any GovernanceEvent {
                switch self {
        \(events)
                }
            }

            public var spec: EventTypeSpec { type(of: event).spec }
        }

        /// Every generated type, in catalog order.
        public let allGovernanceEventTypes: [any GovernanceEvent.Type] = [
        \(EventCatalog.all.map { "    " + structName($0) + ".self," }.joined(separator: "\n"))
        ]

        """
        return text
    }
}
