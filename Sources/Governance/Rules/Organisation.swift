import CanonicalJSON
import EventLog

/// Units, groups, persons and policy adoptions: facts that set the stage for every other rule.
extension Rules {
    static func evolveUnit(_ unit: UnitRegistered, tables: borrowing HookTables) throws {
        try tables.put(StateTable.units, key: StateTable.key(unit.unit), value: UnitRecord(level: unit.level, parent: unit.parent).bytes)
    }

    static func evolveGroup(_ group: GroupRegistered, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.groups, key: StateTable.key(group.group),
                       value: GroupRecord(unit: group.unit, kind: group.kind, since: event.effectiveDate).bytes)
        try putSize(group: group.group, households: group.households, adults: group.adults, event, tables: tables)
    }

    static func evolveGroupSize(_ size: GroupSizeRecorded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try putSize(group: size.group, households: size.households, adults: size.adults, event, tables: tables)
    }

    private static func putSize(group: String, households: Int64, adults: Int64, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.sizes, key: StateTable.history(group, date: event.effectiveDate, seq: event.seq),
                       value: GroupSize(households: households, adults: adults).bytes)
    }

    static func evolvePerson(_ person: PersonRegistered, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.persons, StateTable.key(person.person),
                       ["birthDate": .string(person.birthDate.description), "sex": .string(person.sex.rawValue),
                        "since": .string(event.effectiveDate.description)])
        try tables.put(StateTable.residence, key: StateTable.history(person.person, date: event.effectiveDate, seq: event.seq),
                       value: Residence(group: person.group, votingRights: person.votingRights).bytes)
    }

    /// A move or a change of voting rights: the residence in force on the date, with what changed.
    static func evolvePersonUpdate(_ update: PersonUpdated, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard var current = try tables.residence(of: update.person, on: event.effectiveDate) else {
            throw damaged("\(update.person) has no residence on \(event.effectiveDate) to update")
        }
        if let group = update.group { current.group = group }
        if let rights = update.votingRights { current.votingRights = rights }
        try tables.put(StateTable.residence, key: StateTable.history(update.person, date: event.effectiveDate, seq: event.seq), value: current.bytes)
    }

    /// Only a policy the ledger knows can be adopted (`grassroots policy list`).
    static func checkPolicyKnown(_ adopted: PolicyAdopted) throws {
        do {
            _ = try PolicyLibrary.builtIn.resolve(adopted.policy)
        } catch let error as PolicyError {
            throw RuleViolation(rule: "unknown policy", detail: error.reason, source: "see `grassroots policy list`")
        }
    }

    static func evolveAdoption(_ adopted: PolicyAdopted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.adoptions, key: StateTable.history(adopted.unit, date: event.effectiveDate, seq: event.seq),
                       value: AdoptionRecord(policy: adopted.policy).bytes)
    }

    static func evolveDiscipline(_ discipline: DisciplineImposed, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = DisciplineRecord(kind: discipline.kind, group: discipline.group, reason: discipline.reason, imposedBy: discipline.imposedBy,
                                      date: event.effectiveDate)
        try tables.put(StateTable.discipline, key: StateTable.line(discipline.person, seq: event.seq), value: record.bytes)
    }
}
