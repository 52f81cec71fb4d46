public import EventLog

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
            guard let event = try tables.event(seq: seq), let spec = EventCatalog.spec(type: event.type, version: event.schemaVersion),
                  let subjectField = spec.dataSubject, event.data[subjectField]?.stringValue == person else { continue }
            var inChain: [String] = []
            for field in spec.fields where field.personal {
                guard let value = event.data[field.name]?.stringValue else { continue }
                if field.isSealed {
                    if let commitment = Commitment(value), !commitments.contains(commitment) { commitments.append(commitment) }
                } else {
                    inChain.append(field.name)
                }
            }
            if !inChain.isEmpty { kept.append(.init(seq: seq, type: event.type, version: event.schemaVersion, fields: inChain)) }
        }
        return ErasurePlan(person: person, erasedBy: record.erasedBy, commitments: commitments, keptInChain: kept)
    }
}
