public import EventLog
import CanonicalJSON

/// A person's name as the queries show it: opened from the sealed-value store (Schemas/PERSONAL.md).
public enum PersonName: Sendable, Equatable {
    /// The name a version-2 registration recorded.
    case named(String)
    /// Erased by the `person.erased` event `seq`.
    case erased(seq: UInt64)
    /// No name recorded (a version-1 registration), or none this copy of the ledger can open.
    case unnamed

    init<T: TableTransaction & ~Copyable>(_ record: PersonRecord, tables: borrowing Tables<T>) throws {
        if let seq = record.erasedBy {
            self = .erased(seq: seq)
        } else if let sealed = record.sealed, let name = try tables.unseal(sealed.name) {
            self = .named(name)
        } else {
            self = .unnamed
        }
    }

    /// The name, when there is one.
    public var text: String? {
        if case .named(let name) = self { name } else { nil }
    }
}

/// The names of the persons among `ids` (other ids are passed over), as the ledger stood after the view.
/// Persons not registered are left out.
public struct PersonNamesQuery: TableQuery {
    public let ids: Set<String>
    public init(ids: Set<String>) { self.ids = ids }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [String: PersonName] {
        var names: [String: PersonName] = [:]
        for id in ids where id.hasPrefix("person:") {
            if let record = try tables.person(id) { names[id] = try PersonName(record, tables: tables) }
        }
        return names
    }
}

/// What an erasure of `person` concerns: the commitments of their sealed values, the events of earlier
/// versions that keep their personal data in the chain, and whether (by which event) they were erased.
public struct ErasurePlan: Sendable, Equatable {
    public struct KeptInChain: Sendable, Equatable {
        public let seq: UInt64
        public let type: String
        public let version: UInt32
        public let fields: [String]
    }
    public let person: String
    public let erasedBy: UInt64?
    public let commitments: [Commitment]
    public let keptInChain: [KeptInChain]
}

/// The events naming `person` that hold personal data about them (the catalog's `dataSubject` and
/// `personal` fields), read through the subject index: at most `eventsMax`.
public struct ErasurePlanQuery: TableQuery {
    public static let eventsMax = 100_000
    public let person: String
    public init(person: String) { self.person = person }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> ErasurePlan {
        guard let record = try tables.person(person) else { throw RuleViolation.unknownPerson(person) }
        var commitments: [Commitment] = []
        var kept: [ErasurePlan.KeptInChain] = []
        for seq in try tables.events(concerning: person, in: 1..<UInt64.max, limit: ErasurePlanQuery.eventsMax) {
            guard let event = try tables.event(seq: seq), let spec = EventCatalog.spec(type: event.type, version: event.schemaVersion) else { continue }
            var inChain: [String] = []
            // The payload, and a correction's replacement read as its target's type (its sealed members are
            // sealed too: Schemas/PERSONAL.md).
            var payloads: [(spec: EventTypeSpec, data: JSONObject, path: String)] = [(spec, event.data, "")]
            if event.type == EventCorrected.type, let corrects = event.data["corrects"]?.integerValue, corrects > 0,
               let target = try tables.event(seq: UInt64(corrects)), let targetSpec = EventCatalog.spec(type: target.type, version: target.schemaVersion),
               let replacement = event.data["replacement"]?.objectValue {
                payloads.append((targetSpec, replacement, "replacement."))
            }
            for (spec, data, path) in payloads {
                // Each personal field whose owner (its own `owner` field, or the event's data subject) names the person.
                for field in spec.fields where field.personal {
                    guard let owner = spec.owner(of: field), data[owner]?.stringValue == person,
                          let value = data[field.name]?.stringValue else { continue }
                    if field.isSealed, let commitment = Commitment(value) {
                        if !commitments.contains(commitment) { commitments.append(commitment) }
                    } else {
                        inChain.append(path + field.name)
                    }
                }
            }
            if !inChain.isEmpty { kept.append(.init(seq: seq, type: event.type, version: event.schemaVersion, fields: inChain)) }
        }
        return ErasurePlan(person: person, erasedBy: record.erasedBy, commitments: commitments, keptInChain: kept)
    }
}

/// Free text a query shows that a later version seals (a payee, a counterparty, a discipline's reason:
/// Schemas/PERSONAL.md). The projections keep what the chain holds, so such a text is opened at query time.
public enum SealedText {
    /// `text` as a reader sees it: a sealed value opened from the sealed-value store; plain text as it is. A
    /// commitment this ledger cannot open (erased, or a copy without its store) is returned unchanged, and
    /// `isSealed` tells it apart (shown as erased).
    static func open<T: TableTransaction & ~Copyable>(_ text: String, tables: borrowing Tables<T>) throws -> String {
        try tables.unseal(text) ?? text
    }

    /// Whether `text` is a commitment: a sealed value that could not be opened.
    public static func isSealed(_ text: String) -> Bool { Commitment(text) != nil }
}
