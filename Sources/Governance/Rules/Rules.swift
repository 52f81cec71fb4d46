import CanonicalJSON
import EventLog
import LMDB

/// The rules each act must obey, checked against the state at its point in the log, inside the append's
/// write transaction. Refusals carry the rule, the numbers and the source (RULES.md; ../shared/seeds/).
enum Rules {
    /// Id kinds kept in state, so references to them are checked; and the field that defines a new one.
    static let trackedPrefixes: [String: String] = [
        "unit:": StateTable.units, "group:": StateTable.groups, "person:": StateTable.persons,
        "meeting:": StateTable.meetings, "vote:": StateTable.votes, "asset:": StateTable.assets,
        "approval:": StateTable.approvals, "petition:": StateTable.petitions, "payment:": StateTable.payments,
    ]
    static let defines: [String: String] = [
        "unit.registered": "unit", "group.registered": "group", "person.registered": "person",
        "meeting.held": "meeting", "vote.tallied": "vote", "asset.registered": "asset",
        "expense.approved": "approval", "recall.petitioned": "petition", "payment.made": "payment",
    ]

    static func apply(_ event: RecordedEvent, spec: EventTypeSpec, tables: borrowing HookTables) throws {
        try checkReferences(event, spec: spec, tables: tables)
        let data = event.data
        let date = event.effectiveDate

        switch event.type {
        case "unit.registered":
            var record: JSONObject = ["level": .string(string(data, "level"))]
            if let parent = data["parent"] { record.set("parent", parent) }
            try tables.put(StateTable.units, StateTable.key(string(data, "unit")), record)
        case "group.registered":
            try tables.put(StateTable.groups, StateTable.key(string(data, "group")),
                           ["unit": .string(string(data, "unit")), "kind": .string(string(data, "kind")), "since": .string(date.description)])
            try tables.put(StateTable.sizes, StateTable.history(string(data, "group"), date: date, seq: event.seq),
                           ["households": .integer(integer(data, "households")), "adults": .integer(integer(data, "adults"))])
        case "group.size.recorded":
            try tables.put(StateTable.sizes, StateTable.history(string(data, "group"), date: date, seq: event.seq),
                           ["households": .integer(integer(data, "households")), "adults": .integer(integer(data, "adults"))])
        case "person.registered":
            try tables.put(StateTable.persons, StateTable.key(string(data, "person")),
                           ["birthDate": .string(string(data, "birthDate")), "sex": .string(string(data, "sex")), "since": .string(date.description)])
            try tables.put(StateTable.residence, StateTable.history(string(data, "person"), date: date, seq: event.seq),
                           ["group": .string(string(data, "group")), "votingRights": data["votingRights"] ?? false])
        case "person.updated":
            var current = try tables.state(StateTable.residence, of: string(data, "person"), on: date) ?? JSONObject()
            if let group = data["group"] { current.set("group", group) }
            if let rights = data["votingRights"] { current.set("votingRights", rights) }
            try tables.put(StateTable.residence, StateTable.history(string(data, "person"), date: date, seq: event.seq), current)
        case "policy.adopted":
            do {
                _ = try PolicyLibrary.builtIn.resolve(string(data, "policy"))
            } catch let error as PolicyError {
                throw RuleViolation(rule: "unknown policy", detail: error.reason, source: "see `grassroots policy list`")
            }
            try tables.put(StateTable.adoptions, StateTable.history(string(data, "unit"), date: date, seq: event.seq), ["policy": .string(string(data, "policy"))])
        case "meeting.held":
            var record = data
            record.set("date", .string(date.description))
            record.remove("meeting")
            record.remove("purpose")
            try tables.put(StateTable.meetings, StateTable.key(string(data, "meeting")), record)
        case "vote.tallied":
            if tables.mode == .append { try checkVote(data, date: date, tables: tables) }
            var record = data
            record.set("date", .string(date.description))
            record.remove("vote")
            try tables.put(StateTable.votes, StateTable.key(string(data, "vote")), record)
        case "leader.installed":
            if tables.mode == .append { try checkInstallation(event, tables: tables) }
            try tables.put(StateTable.offices, StateTable.office(string(data, "group"), string(data, "post"), string(data, "person")),
                           ["person": .string(string(data, "person")), "since": .string(date.description), "seq": .integer(Int64(event.seq))])
            try tables.put(StateTable.holdings, StateTable.compound(string(data, "person"), string(data, "group"), string(data, "post")), ["since": .string(date.description)])
            try tables.put(StateTable.roster, StateTable.interval([string(data, "group"), string(data, "post")], since: date.description, seq: event.seq),
                           ["person": .string(string(data, "person"))])
            try tables.put(StateTable.tenures, StateTable.interval([string(data, "person")], since: date.description, seq: event.seq),
                           ["group": .string(string(data, "group")), "post": .string(string(data, "post"))])
        case "appointment.filed":
            try requireHolder(group: string(data, "group"), person: string(data, "person"), tables: tables, act: "an appointment filed")
        case "office.ended":
            try endOffice(event, tables: tables)
        case "recall.petitioned", "investigation.completed", "recall.voted":
            try recall(event, tables: tables)
        case "grade.assigned":
            try grade(event, tables: tables)
        case "subsidy.accrued", "bonus.awarded", "deduction.applied", "payment.made", "payment.reversed":
            try payout(event, tables: tables)
        case "expense.approved", "expense.paid", "asset.registered", "custody.changed", "asset.transferred", "handover.recorded":
            try fundsAndAssets(event, tables: tables)
        case "event.corrected", "event.retracted":
            try correct(event, tables: tables)
        case "fund.received":
            try tables.put(StateTable.funds, StateTable.line(string(data, "group"), seq: event.seq), [
                "kind": "receipt", "amountFen": .integer(integer(data, "amountFen")), "date": .string(date.description),
                "counterparty": .string(string(data, "source")),
            ])
        case "disclosure.posted":
            var record = data
            record.set("date", .string(date.description))
            try tables.put(StateTable.disclosures, StateTable.line(string(data, "group"), seq: event.seq), record)
        case "audit.completed":
            var record = data
            record.set("date", .string(date.description))
            try tables.put(StateTable.audits, StateTable.line(string(data, "group"), seq: event.seq), record)
        case "discipline.imposed":
            try tables.put(StateTable.discipline, StateTable.line(string(data, "person"), seq: event.seq), [
                "kind": .string(string(data, "kind")), "date": .string(date.description), "reason": .string(string(data, "reason")),
                "imposedBy": .string(string(data, "imposedBy")), "group": .string(string(data, "group")),
            ])
        default:
            break
        }
    }

    // MARK: references

    /// Every id of a tracked kind must name something registered (other than the id the act defines),
    /// and meetings and votes must belong to the act's group.
    static func checkReferences(_ event: RecordedEvent, spec: EventTypeSpec, tables: borrowing HookTables) throws {
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
        // Checks that only refuse are skipped when the event is replayed (it passed them when appended);
        // the dependency entries below are written either way.
        for reference in references where tables.mode == .append {
            guard let table = trackedPrefixes[reference.prefix] else { continue }
            let key = StateTable.key(reference.id)
            // Groups, units and persons need only exist; the rest must also belong to the act's group.
            if reference.prefix == "group:" || reference.prefix == "unit:" || reference.prefix == "person:" {
                if try tables.get(table, key: key) != nil { continue }
                throw RuleViolation(rule: "unknown reference", detail: "\(reference.path) names \(reference.id), which is not registered in this ledger", source: "")
            }
            guard let record = try tables.record(table, key) else {
                throw RuleViolation(rule: "unknown reference", detail: "\(reference.path) names \(reference.id), which is not registered in this ledger", source: "")
            }
            if let group = event.data["group"]?.stringValue, let owner = record["group"]?.stringValue, owner != group {
                throw RuleViolation(rule: "reference to another group", detail: "\(reference.path) \(reference.id) belongs to \(owner), not \(group)", source: "")
            }
        }
        if tables.mode == .append, let defined, let id = event.data[defined]?.stringValue, let prefix = trackedPrefixes.keys.first(where: { id.hasPrefix($0) }),
           let table = trackedPrefixes[prefix], try tables.get(table, key: StateTable.key(id)) != nil {
            throw RuleViolation(rule: "already registered", detail: "\(id) is already in this ledger; record a change with its own act", source: "")
        }
        // Dependencies (Schemas/CORRECTIONS.md): this event depends on the events that registered what it
        // names, and on the events it cites. A reference that is also one of the event's subjects needs no
        // edge: the log's subject index finds it (`correct`). That is nearly every reference, and it spares
        // each accrual and payment a write to a page of its own in a table keyed by person.
        var dependsOn: [UInt64] = []
        for reference in references where !event.subjects.contains(where: { GovernanceRequests.sameBytes($0, reference.id) }) {
            if let definer = try tables.get(StateTable.definers, key: StateTable.key(reference.id)) {
                guard let seq = StateTable.readSeq(definer) else {
                    throw RuleViolation(rule: "damaged state", detail: "the definer of \(reference.id) is not a sequence number", source: "")
                }
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
            try tables.put(StateTable.dependencies, key: StateTable.seqBytes(earlier) + StateTable.seqBytes(event.seq), value: StateTable.emptyObject)
        }
        if let defined, let id = event.data[defined]?.stringValue {
            try tables.put(StateTable.definers, key: StateTable.key(id), value: StateTable.seqBytes(event.seq))
        }
    }

    // MARK: selection

    static func checkVote(_ data: JSONObject, date: LocalDate, tables: borrowing HookTables) throws {
        guard let meetingID = data["meeting"]?.stringValue, let meeting = try tables.record(StateTable.meetings, StateTable.key(meetingID)) else { return }
        let ballots = data["ballotsCast"]?.integerValue ?? 0
        let attending = meeting["attendingAdults"]?.integerValue ?? 0
        guard ballots <= attending else {
            throw RuleViolation(rule: "more ballots than people", detail: "\(ballots) ballots cast at \(meetingID), which \(attending) adults attended", source: "")
        }
        for candidate in (data["candidates"]?.arrayValue ?? []).compactMap(\.objectValue) {
            let votes = candidate["votes"]?.integerValue ?? 0
            guard votes <= ballots else {
                throw RuleViolation(rule: "more votes than ballots", detail: "\(candidate["person"]?.stringValue ?? "?") has \(votes) votes from \(ballots) ballots", source: "")
            }
        }
        let questionVotes = (data["yes"]?.integerValue ?? 0) + (data["no"]?.integerValue ?? 0)
        guard questionVotes <= ballots else {
            throw RuleViolation(rule: "more votes than ballots", detail: "\(questionVotes) yes and no votes from \(ballots) ballots", source: "")
        }
        if let meetingDate = meeting["date"]?.stringValue, meetingDate > date.description {
            throw RuleViolation(rule: "vote before its meeting", detail: "tallied on \(date), the meeting \(meetingID) is dated \(meetingDate)", source: "")
        }
    }

    static func checkInstallation(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let group = data["group"]?.stringValue ?? ""
        let person = data["person"]?.stringValue ?? ""
        let post = data["post"]?.stringValue ?? ""
        let voteID = data["vote"]?.stringValue ?? ""
        guard let vote = try tables.record(StateTable.votes, StateTable.key(voteID)),
              let meetingID = vote["meeting"]?.stringValue,
              let meeting = try tables.record(StateTable.meetings, StateTable.key(meetingID)),
              let meetingDateText = meeting["date"]?.stringValue, let meetingDate = LocalDate(iso: meetingDateText) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(voteID) or its meeting is not registered", source: "")
        }
        guard vote["question"]?.stringValue == "election" else {
            throw RuleViolation(rule: "not an election", detail: "\(voteID) decided a \(vote["question"]?.stringValue ?? "?") question, not an election", source: "")
        }
        guard event.effectiveDate >= meetingDate else {
            throw RuleViolation(rule: "installed before the vote", detail: "installed on \(event.effectiveDate), the meeting was on \(meetingDate)", source: "")
        }
        let policy = try tables.policyInForce(group: group, on: meetingDate)
        let cite = { (source: String, section: String) in "\(source) (\(policy.origin(section)))" }

        // One group, one leader.
        if post == "group-leader", let holder = try tables.holders(group, post, limit: 1).first {
            throw RuleViolation(rule: "group already has a leader",
                                detail: "\(holder["person"]?.stringValue ?? "?") holds group-leader of \(group) since \(holder["since"]?.stringValue ?? "?"); end that office first",
                                source: "one group, one leader (一组一长): 000_19bdd15b88ce0110.txt 二(一)")
        }

        // Quorum and majority under the policy in force on the meeting's date.
        guard let rule = policy.meeting else {
            throw RuleViolation(rule: "no meeting rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets a quorum for group meetings", source: "")
        }
        let eligibleAdults = meeting["eligibleAdults"]?.integerValue ?? 0
        let attendingAdults = meeting["attendingAdults"]?.integerValue ?? 0
        let eligibleHouseholds = meeting["eligibleHouseholds"]?.integerValue
        let attendingHouseholds = meeting["attendingHouseholds"]?.integerValue
        var quorumMet = false
        var needs: [String] = []
        if let byAdults = rule.quorumAdults {
            if byAdults.isMet(attendingAdults, of: eligibleAdults) { quorumMet = true }
            needs.append("\(attendingAdults) of \(eligibleAdults) adults attended; needs \(byAdults) (\(byAdults.minimum(of: eligibleAdults)))")
        }
        if let byHouseholds = rule.quorumHouseholds, let eligible = eligibleHouseholds, let attending = attendingHouseholds {
            if byHouseholds.isMet(attending, of: eligible) { quorumMet = true }
            needs.append("\(attending) of \(eligible) households were represented; needs \(byHouseholds) (\(byHouseholds.minimum(of: eligible)))")
        }
        if rule.quorumAdults == nil && rule.quorumHouseholds == nil { quorumMet = true }
        guard quorumMet else {
            throw RuleViolation(rule: "quorum not met", detail: "at \(meetingID), " + needs.joined(separator: ", nor "), source: cite(rule.source, "meeting"))
        }
        let candidates = (vote["candidates"]?.arrayValue ?? []).compactMap(\.objectValue)
        guard let mine = candidates.first(where: { $0["person"]?.stringValue == person }), let votes = mine["votes"]?.integerValue else {
            throw RuleViolation(rule: "not a candidate", detail: "\(person) received no votes in \(voteID)", source: "")
        }
        guard rule.decision.isMet(votes, of: attendingAdults) else {
            throw RuleViolation(rule: "majority not reached",
                                detail: "\(person) received \(votes) votes of \(attendingAdults) attending; needs \(rule.decision) (\(rule.decision.minimum(of: attendingAdults)))",
                                source: cite(rule.source, "meeting"))
        }
        if let rival = candidates.first(where: { ($0["votes"]?.integerValue ?? 0) >= votes && $0["person"]?.stringValue != person }) {
            throw RuleViolation(rule: "not the winner",
                                detail: "\(rival["person"]?.stringValue ?? "?") received \(rival["votes"]?.integerValue ?? 0) votes to \(person)'s \(votes)", source: "")
        }

        // Eligibility on the meeting's date.
        guard let eligibility = policy.eligibility else { return }
        guard let personRecord = try tables.record(StateTable.persons, StateTable.key(person)),
              let birthText = personRecord["birthDate"]?.stringValue, let birth = LocalDate(iso: birthText) else { return }
        let age = years(from: birth, to: meetingDate)
        guard age >= eligibility.minimumAge else {
            throw RuleViolation(rule: "candidate under age",
                                detail: "\(person), born \(birth), was \(age) on \(meetingDate); must be at least \(eligibility.minimumAge)",
                                source: cite(eligibility.source, "eligibility"))
        }
        let residence = try tables.state(StateTable.residence, of: person, on: meetingDate)
        if eligibility.mustResideInGroup {
            let livesIn = residence?["group"]?.stringValue
            guard livesIn == group else {
                throw RuleViolation(rule: "candidate not resident in the group",
                                    detail: "on \(meetingDate) \(person) lived in \(livesIn ?? "no registered group"), not \(group)", source: cite(eligibility.source, "eligibility"))
            }
        }
        if eligibility.mustHoldVotingRights {
            guard residence?["votingRights"]?.boolValue == true else {
                throw RuleViolation(rule: "candidate without voting rights", detail: "on \(meetingDate) \(person) did not hold voting rights", source: cite(eligibility.source, "eligibility"))
            }
        }
    }

    /// Completed years between two dates: the birthday itself counts as reached.
    static func years(from birth: LocalDate, to date: LocalDate) -> Int {
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    // MARK: offices

    static func requireHolder(group: String, person: String, tables: borrowing HookTables, act: String) throws {
        for post in EventCatalog.posts {
            if try tables.record(StateTable.offices, StateTable.office(group, post, person)) != nil { return }
        }
        throw RuleViolation(rule: "not in office", detail: "\(act) for \(person), who holds no post in \(group)", source: "")
    }

    static func endOffice(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let group = event.data["group"]?.stringValue ?? ""
        let person = event.data["person"]?.stringValue ?? ""
        let post = event.data["post"]?.stringValue ?? ""
        let key = StateTable.office(group, post, person)
        guard let holder = try tables.record(StateTable.offices, key) else {
            let current = try tables.holders(group, post).compactMap { $0["person"]?.stringValue }
            throw RuleViolation(rule: "office not held",
                                detail: "\(person) does not hold \(post) of \(group)" + (current.isEmpty ? " (no one does; an office cannot end twice)" : " (\(current.joined(separator: ", ")) does)"),
                                source: "")
        }
        if let since = holder["since"]?.stringValue, let start = LocalDate(iso: since), event.effectiveDate < start {
            throw RuleViolation(rule: "office ends before it began", detail: "ending on \(event.effectiveDate), the office began on \(start)", source: "")
        }
        try checkEndingReason(event, tables: tables)
        if let since = holder["since"]?.stringValue, let installed = holder["seq"]?.integerValue {
            let ending: [(String, String)] = [("until", event.effectiveDate.description), ("reason", event.data["reason"]?.stringValue ?? "")]
            let rosterKey = StateTable.interval([group, post], since: since, seq: UInt64(installed))
            let tenureKey = StateTable.interval([person], since: since, seq: UInt64(installed))
            for (table, entryKey) in [(StateTable.roster, rosterKey), (StateTable.tenures, tenureKey)] {
                var interval = try tables.record(table, entryKey) ?? JSONObject()
                for (name, value) in ending { interval.set(name, .string(value)) }
                try tables.put(table, entryKey, interval)
            }
        }
        _ = try tables.delete(StateTable.offices, key: key)
        _ = try tables.delete(StateTable.holdings, key: StateTable.compound(person, group, post))
        try tables.put(StateTable.lastHolders, StateTable.office(group, post), ["person": .string(person), "since": holder["since"] ?? .null,
                                                                            "until": .string(event.effectiveDate.description)])
    }
}
