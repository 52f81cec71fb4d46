/// What a payload field may hold. Each kind maps to one JSON Schema fragment (`SchemaGenerator`) and one
/// check (`PayloadValidator`); the two are kept together here so they cannot drift apart.
public indirect enum FieldKind: Sendable {
    /// Free text, 1 to `maxBytes` UTF-8 bytes.
    case text(maxBytes: Int)
    /// An entity id with a fixed prefix, e.g. `person:p-0001` (prefix `person:`), 1 to 200 bytes, no spaces.
    case id(prefix: String)
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A calendar month, `YYYY-MM`.
    case month
    /// A calendar year, 1900 to 2199.
    case year
    /// A count of people, households, signatures or ballots: an integer >= 0.
    case count
    /// An amount of money in fen (分): an integer >= 0. Never floating point.
    case fen
    /// A whole percentage, 0 to 100.
    case percent
    case boolean
    /// One of a closed vocabulary of strings; decoded as the vocabulary's Swift enum.
    case oneOf(Vocabulary)
    /// The sequence number of an earlier event in this ledger.
    case seq
    /// A list of 0 to `maxItems` values (`minItems` at least).
    case list(FieldKind, minItems: Int, maxItems: Int)
    /// A nested object with its own fields.
    case object([FieldSpec])
    /// Any JSON object; checked against another type's schema by the rules (a correction's replacement).
    case payload
    /// A SHA-256 digest: exactly 64 lowercase hexadecimal characters.
    case sha256
    /// Personal data kept out of the chain (Schemas/PERSONAL.md): submitted as a value of the inner kind (a
    /// string: text, a date or a vocabulary value), stored as its salted commitment `sha256:<64 hex>`, the
    /// value and salt in the ledger's sealed-value store, from which `grassroots erase` removes them.
    case sealed(FieldKind)
}

/// Which form of a payload is checked: as a clerk submits it (sealed members hold their values), or as the
/// log stores it (sealed members hold commitments).
public enum PayloadForm: Sendable {
    case request
    case stored
}

/// One field of an event's payload.
public struct FieldSpec: Sendable {
    public let name: String
    public let kind: FieldKind
    public let required: Bool
    /// What the field means, with the Chinese term where one exists.
    public let description: String
    /// Personal data (个人信息) of the person the event's `dataSubject` field names: sealed (`.sealed`), or
    /// in an earlier version kept in the chain as it is (Schemas/PERSONAL.md lists both).
    public let personal: Bool
    /// The field naming the person this personal field is about (个人信息主体), where it is not the event's
    /// `dataSubject`: an optional person id beside free text that may name someone else (a payee, a
    /// counterparty). Nil: the event's `dataSubject`.
    public let owner: String?

    public init(_ name: String, _ kind: FieldKind, required: Bool = true, personal: Bool = false, owner: String? = nil, _ description: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.description = description
        self.owner = owner
        if case .sealed = kind { self.personal = true } else { self.personal = personal }
    }

    /// Whether the value is kept out of the chain.
    public var isSealed: Bool {
        if case .sealed = kind { true } else { false }
    }
}

/// Personal data kept in the chain by a published version (its later version seals it).
func personal(_ field: FieldSpec) -> FieldSpec {
    FieldSpec(field.name, field.kind, required: field.required, personal: true, field.description)
}

/// Free text sealed out of the chain (Schemas/PERSONAL.md), about the person the field `owner` names (nil:
/// the event's `dataSubject`).
func sealedText(_ name: String, _ kind: FieldKind, required: Bool, owner: String? = nil, _ description: String) -> FieldSpec {
    FieldSpec(name, .sealed(kind), required: required, owner: owner, description)
}

/// Shorthands for declaring fields.
func field(_ name: String, _ kind: FieldKind, _ description: String) -> FieldSpec {
    FieldSpec(name, kind, required: true, description)
}

func optional(_ name: String, _ kind: FieldKind, _ description: String) -> FieldSpec {
    FieldSpec(name, kind, required: false, description)
}

/// One event type: its payload's fields, and how its stream and subjects follow from the payload.
public struct EventTypeSpec: Sendable {
    /// The type name, e.g. `leader.installed`.
    public let type: String
    public let schemaVersion: UInt32
    /// English title and the Chinese term of the act.
    public let title: String
    public let term: String
    public let description: String
    public let fields: [FieldSpec]
    /// The payload field whose value is the event's stream (an entity id).
    public let streamField: String
    /// Payload fields (ids, lists of ids, or `list[].member` for an id inside a list of objects) whose values
    /// are the event's subjects, in this order.
    public let subjectFields: [String]
    /// The field naming the person whose personal data the `personal` fields are (个人信息主体), if any.
    public let dataSubject: String?

    init(_ type: String, version: UInt32 = 1, title: String, term: String, _ description: String,
         stream: String, subjects: [String], dataSubject: String? = nil, fields: [FieldSpec]) {
        self.dataSubject = dataSubject
        self.type = type
        self.schemaVersion = version
        self.title = title
        self.term = term
        self.description = description
        self.fields = fields
        self.streamField = stream
        self.subjectFields = subjects
        precondition(fields.contains { $0.name == stream && $0.required }, "\(type): stream field \(stream) must be a required field")
        for spec in fields where spec.owner != nil {
            precondition(spec.personal, "\(type): \(spec.name) names an owner but is not personal")
            precondition(fields.contains { if case .id(prefix: "person:") = $0.kind { $0.name == spec.owner } else { false } },
                         "\(type): the owner of \(spec.name) must be a person id field")
            precondition(subjects.contains { $0 == spec.owner }, "\(type): the owner of \(spec.name) must be a subject (an erasure finds it by the subject index)")
        }
        for subject in subjects {
            // "name" or "list[].member": a field, or a member of the objects in a list field.
            let top = subject.split(separator: "[").first.map(String.init) ?? subject
            precondition(fields.contains { $0.name == top }, "\(type): subject field \(subject) is not a field")
        }
    }

    /// The members sealed on append (personal data kept out of the chain).
    public var sealedFields: [String] { fields.filter(\.isSealed).map(\.name) }
    /// The field naming whose personal data `field` is: its own `owner`, or the event's `dataSubject`.
    public func owner(of field: FieldSpec) -> String? { field.owner ?? dataSubject }
    /// The personal fields, sealed or kept in the chain.
    public var personalFields: [String] { fields.filter(\.personal).map(\.name) }

    /// The schema file name, e.g. `leader.installed.v1.schema.json`.
    public var schemaFileName: String { "\(type).v\(schemaVersion).schema.json" }
}

/// A closed vocabulary: the strings a field may hold, and the Swift enum the generated acts decode them to
/// (`Post`, `Grade`, `FundingSource`...). The strings are the published contract (the schemas' `enum`);
/// the case names are Swift's.
public struct Vocabulary: Sendable {
    /// The Swift type name, e.g. `Post`.
    public let name: String
    /// What the vocabulary names, for the generated enum's documentation.
    public let summary: String
    /// Each value as stored and its Swift case name, in the published order.
    public let cases: [(swiftName: String, value: String)]
    public var values: [String] { cases.map(\.value) }

    /// A vocabulary of kebab-case values, whose case names are the values in lower camel case
    /// (`group-leader` is `groupLeader`).
    init(_ name: String, _ summary: String, _ values: [String]) {
        self.init(name, summary, named: values.map { (Vocabulary.camelCase($0), $0) })
    }

    /// A vocabulary whose case names are given (values that are not Swift identifiers: `F`, `self`, 优秀).
    init(_ name: String, _ summary: String, named cases: [(String, String)]) {
        self.name = name
        self.summary = summary
        self.cases = cases.map { (swiftName: $0.0, value: $0.1) }
        precondition(Set(cases.map(\.1)).count == cases.count, "\(name): a value is listed twice")
    }

    static func camelCase(_ value: String) -> String {
        let parts = value.split(separator: "-")
        return parts.enumerated().map { index, part in index == 0 ? String(part) : part.prefix(1).uppercased() + part.dropFirst() }.joined()
    }
}
