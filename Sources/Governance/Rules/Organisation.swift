import CanonicalJSON
import EventLog
import Messages

/// Units, groups, persons and policy adoptions: facts that set the stage for every other rule.
extension Rules {
    static func evolveUnit(_ unit: UnitRegistered, tables: borrowing HookTables) throws {
        try tables.put(StateTable.units, key: StateTable.key(unit.unit), value: UnitRecord(name: unit.name, level: unit.level, parent: unit.parent).bytes)
    }

    static func evolveGroup(_ group: GroupRegistered, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.groups, key: StateTable.key(group.group),
                       value: GroupRecord(name: group.name, unit: group.unit, kind: group.kind, since: event.effectiveDate).bytes)
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
        try tables.put(StateTable.persons, key: StateTable.key(person.person),
                       value: PersonRecord(since: event.effectiveDate, birthDate: person.birthDate, sex: person.sex, sealed: nil, erasedBy: nil).bytes)
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

    /// Only a policy the ledger knows can be adopted: a built-in (`grassroots policy list`) or one a
    /// `policy.defined` event recorded before.
    static func checkPolicyKnown(_ adopted: PolicyAdopted, date: LocalDate, tables: borrowing HookTables) throws {
        do {
            _ = try tables.policyLibrary(reaching: [adopted.policy]).resolve(adopted.policy)
        } catch let error as PolicyError {
            throw RuleViolation(Msg.rules.name.unknownPolicy, error.reasonText, source: Cite.said(Msg.rules.why.knownPolicies))
        }
        // A defined policy is not in force before the event that defined it. (A built-in's `documentDate` is not
        // checked yet: the test histories adopt the seeds before their dates.)
        if let seq = try tables.createdBy(StateTable.policies, key: StateTable.key(adopted.policy)), let defined = try tables.event(seq: seq),
           date < defined.effectiveDate {
            throw RuleViolation(Msg.rules.name.adoptedBeforeDefined,
                                Msg.rules.detail.adoptedBeforeDefined(["policy": .plain(adopted.policy), "seq": .number(seq),
                                                                       "effective": .date(defined.effectiveDate.description), "date": .date(date.description)]),
                                source: Cite.the("Schemas/events/policy.adopted.v1.schema.json; Schemas/events/policy.defined.v1.schema.json"))
        }
    }

    static func evolveAdoption(_ adopted: PolicyAdopted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.adoptions, key: StateTable.history(adopted.unit, date: event.effectiveDate, seq: event.seq),
                       value: AdoptionRecord(policy: adopted.policy).bytes)
    }

    /// A defined policy is a valid policy document (`Schemas/policy.v3.schema.json`: its sections, fractions
    /// between 0 and 1, funding shares adding up to 100%) whose id is the event's, new (neither built in
    /// nor defined before), and whose `extends` chain reaches only known policies without a cycle.
    static func checkPolicyDefinition(_ defined: PolicyDefined, tables: borrowing HookTables) throws {
        let schema = Cite.the("Schemas/policy.v4.schema.json")
        guard defined.document["id"]?.stringValue == defined.policy else {
            throw RuleViolation(Msg.rules.name.policyIDMismatch,
                                Msg.rules.detail.policyIDMismatch(["policy": .plain(defined.policy),
                                                                   "id": defined.document["id"]?.stringValue.map { Arg.plain($0) } ?? .text(Text(Msg.rules.detail.missing))]),
                                source: schema)
        }
        if PolicyLibrary.builtIn.documents[defined.policy] != nil {
            throw RuleViolation(Msg.rules.name.policyAlreadyDefined, Msg.rules.detail.builtInPolicy(["policy": .plain(defined.policy)]), source: schema)
        }
        if let seq = try tables.createdBy(StateTable.policies, key: StateTable.key(defined.policy)) {
            throw RuleViolation(Msg.rules.name.policyAlreadyDefined, Msg.rules.detail.policyDefinedBefore(["policy": .plain(defined.policy), "seq": .number(seq)]),
                                source: schema)
        }
        do {
            try PolicyLibrary.check(defined.document)
            var library = try tables.policyLibrary(reaching: defined.document["extends"]?.stringValue.map { [$0] } ?? [])
            library = PolicyLibrary(documents: library.documents.merging([defined.policy: defined.document]) { _, new in new })
            _ = try library.resolve(defined.policy)
        } catch let error as PolicyError {
            throw RuleViolation(Msg.rules.name.invalidPolicyDocument, error.reasonText, source: schema)
        }
    }

    static func evolvePolicyDefinition(_ defined: PolicyDefined, tables: borrowing HookTables) throws {
        try tables.put(StateTable.policies, StateTable.key(defined.policy), defined.document)
    }

    static func evolveDiscipline(_ discipline: DisciplineImposed, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = DisciplineRecord(kind: discipline.kind, group: discipline.group, reason: discipline.reason, imposedBy: discipline.imposedBy,
                                      date: event.effectiveDate)
        try tables.put(StateTable.discipline, key: StateTable.line(discipline.person, seq: event.seq), value: record.bytes)
    }
}
