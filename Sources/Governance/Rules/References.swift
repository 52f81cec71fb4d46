import CanonicalJSON
import EventLog
import Messages

/// What every act is checked and indexed for: the ids it names (Schemas/CORRECTIONS.md).
extension Rules {
    /// The ids of tracked kinds an event's payload names, with their paths, walking its fields by their
    /// kinds (the catalog's spec), except the id the act itself defines.
    static func references(_ event: RecordedEvent, spec: EventTypeSpec) -> [(path: String, id: String, prefix: String)] {
        let defined = defines[event.type]
        var references: [(path: String, id: String, prefix: String)] = []
        func collect(_ value: JSONValue, kind: FieldKind, path: String) {
            switch (kind, value) {
            case (.id(let prefix), .string(let id)) where trackedPrefixes[prefix] != nil:
                references.append((path, id, prefix))
            case (.list(let element, _, _), .array(let items)):
                for (index, item) in items.enumerated() { collect(item, kind: element, path: "\(path)[\(index)]") }
            case (.object(let fields), .object(let object)):
                for field in fields { if let member = object[field.name] { collect(member, kind: field.kind, path: "\(path).\(field.name)") } }
            default: break
            }
        }
        for field in spec.fields where field.name != defined {
            if let value = event.data[field.name] { collect(value, kind: field.kind, path: "data.\(field.name)") }
        }
        return references
    }

    /// Every id of a tracked kind must name something registered, and meetings, votes, approvals, assets,
    /// petitions and payments must belong to the act's group; the id an act defines must be new.
    static func checkReferences(_ event: RecordedEvent, spec: EventTypeSpec, tables: borrowing HookTables) throws {
        let group = event.data["group"]?.stringValue
        for reference in references(event, spec: spec) {
            guard let table = trackedPrefixes[reference.prefix] else { continue }
            let key = StateTable.key(reference.id)
            // Groups, units, persons and payments (which name no group) need only exist; the rest must also
            // belong to the act's group.
            if ["group:", "unit:", "person:", "payment:"].contains(reference.prefix) {
                if try tables.get(table, key: key) != nil { continue }
                throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.namesUnregistered(["path": .plain(reference.path), "id": .plain(reference.id)]),
                                    source: Cite.said(Msg.rules.why.register))
            }
            // The group it belongs to, read from its record (nil: not registered).
            let owner: String?
            switch reference.prefix {
            case "meeting:": owner = try tables.meeting(reference.id)?.group
            case "vote:": owner = try tables.vote(reference.id)?.group
            case "approval:": owner = try tables.approval(reference.id)?.group
            case "petition:": owner = try tables.petition(reference.id)?.group
            case "asset:": owner = try tables.asset(reference.id)?.group
            default:
                // A kind added to `trackedPrefixes` without saying here how to read its group.
                throw RuleViolation(Msg.rules.name.uncheckedReference,
                                    Msg.rules.detail.uncheckedReference(["path": .plain(reference.path), "id": .plain(reference.id), "prefix": .plain(reference.prefix)]),
                                    source: Cite.the("Schemas/STORAGE.md"))
            }
            guard let owner else {
                throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.namesUnregistered(["path": .plain(reference.path), "id": .plain(reference.id)]),
                                    source: Cite.said(Msg.rules.why.register))
            }
            if let group, owner != group {
                throw RuleViolation(Msg.rules.name.referenceToAnotherGroup,
                                    Msg.rules.detail.belongsToAnotherGroup(["path": .plain(reference.path), "id": .plain(reference.id), "owner": .plain(owner), "group": .plain(group)]),
                                    source: Cite.the("村民委员会组织法 (2018) Art. 28", Msg.rules.why.groupDecidesItsAffairs))
            }
        }
        if let field = defines[event.type], let id = event.data[field]?.stringValue,
           let prefix = trackedPrefixes.keys.first(where: { id.hasPrefix($0) }), let table = trackedPrefixes[prefix],
           try tables.get(table, key: StateTable.key(id)) != nil {
            throw RuleViolation(Msg.rules.name.alreadyRegistered, Msg.rules.detail.alreadyInLedger(["id": .plain(id)]), source: Cite.said(Msg.rules.why.register))
        }
    }

    /// Dependencies (Schemas/CORRECTIONS.md): this event depends on the events that registered what it
    /// names, and on the events it cites. A reference that is also one of the event's subjects needs no
    /// edge: the log's subject index finds it (`Corrections`). That is nearly every reference, and it spares
    /// each accrual and payment a write to a page of its own in a table keyed by person.
    static func recordDependencies(_ event: RecordedEvent, spec: EventTypeSpec, tables: borrowing HookTables) throws {
        var dependsOn: [UInt64] = []
        for reference in references(event, spec: spec) where !event.subjects.contains(where: { GovernanceRequests.sameBytes($0, reference.id) }) {
            // The event that registered it: the one that created its record (the versions say which).
            if let table = trackedPrefixes.first(where: { reference.id.hasPrefix($0.key) })?.value,
               let seq = try tables.createdBy(table, key: StateTable.key(reference.id)) {
                dependsOn.append(seq)
            }
        }
        for field in spec.fields where field.name != "corrects" && field.name != "retracts" {
            if case .seq = field.kind, let cited = event.data[field.name]?.integerValue, cited > 0 { dependsOn.append(UInt64(cited)) }
        }
        // Sorted and unique: projections must rebuild bit for bit.
        dependsOn.sort()
        var previous: UInt64 = 0
        for earlier in dependsOn where earlier < event.seq && earlier != previous {
            previous = earlier
            try tables.put(StateTable.dependencies, key: StateTable.seqBytes(earlier) + StateTable.seqBytes(event.seq), value: [])
        }
    }
}
