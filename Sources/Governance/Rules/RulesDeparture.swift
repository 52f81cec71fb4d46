import CanonicalJSON
import EventLog
import LMDB

extension Rules {
    /// Limits on the scans the rules make.
    static let gradesScanMax = 100_000
    static let holdingsScanMax = 1_000
    static let linesScanMax = 100_000
    /// People whose money accounts one pass of `recomputeAllAccounts` holds in memory before writing them.
    static let accountsPerPassMax = 4_096
    /// Lines one such pass reads at most: `linesScanMax` for each of its people.
    static let accountLinesPerPassMax = accountsPerPassMax * linesScanMax
    /// Policy adoptions read for one unit.
    static let adoptionsPerUnitMax = 10_000
    static let dependentsListedMax = 10

    static func string(_ data: JSONObject, _ name: String) -> String { data[name]?.stringValue ?? "" }
    static func integer(_ data: JSONObject, _ name: String) -> Int64 { data[name]?.integerValue ?? 0 }

    // MARK: recall (村民委员会组织法 Art. 16; 000_19bdd15b88ce0110.txt 二(三))

    static func recall(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let group = string(data, "group")
        let person = string(data, "person")
        let petitionID = string(data, "petition")
        switch event.type {
        case "recall.petitioned":
            try requireHolder(group: group, person: person, tables: tables, act: "a recall petition")
            try tables.put(StateTable.petitions, StateTable.key(petitionID), [
                "group": .string(group), "person": .string(person), "date": .string(event.effectiveDate.description),
                "signatures": .integer(integer(data, "signatures")), "eligibleVoters": .integer(integer(data, "eligibleVoters")),
            ])
        case "investigation.completed":
            var petition = try petitionFor(petitionID, person: person, tables: tables)
            petition.set("investigated", true)
            petition.set("substantiated", data["substantiated"] ?? false)
            try tables.put(StateTable.petitions, StateTable.key(petitionID), petition)
        default:  // recall.voted
            let petition = try petitionFor(petitionID, person: person, tables: tables)
            let policy = try tables.policyInForce(group: group, on: event.effectiveDate)
            guard let rule = policy.recall else {
                throw RuleViolation(rule: "no recall rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets recall thresholds", source: "")
            }
            let cite = "\(rule.source) (\(policy.origin("recall")))"
            let signatures = integer(petition, "signatures")
            let voters = integer(petition, "eligibleVoters")
            guard rule.petitionVoters.isMet(signatures, of: voters) else {
                throw RuleViolation(rule: "recall vote without a sufficient petition",
                                    detail: "\(signatures) of \(voters) voters signed \(petitionID); needs \(rule.petitionVoters) (\(rule.petitionVoters.minimum(of: voters)))",
                                    source: cite)
            }
            if rule.investigationRequired {
                guard petition["investigated"]?.boolValue == true else {
                    throw RuleViolation(rule: "recall vote before the investigation",
                                        detail: "the committee must investigate and verify \(petitionID) before the group meeting votes", source: cite)
                }
                guard petition["substantiated"]?.boolValue == true else {
                    throw RuleViolation(rule: "recall vote on unsubstantiated grounds",
                                        detail: "the investigation of \(petitionID) did not find its grounds true", source: cite)
                }
            }
            let eligible = integer(data, "eligibleVoters")
            let cast = integer(data, "ballotsCast")
            let approve = integer(data, "approve")
            guard cast <= eligible, approve <= cast else {
                throw RuleViolation(rule: "impossible tally", detail: "\(approve) to recall of \(cast) cast by \(eligible) voters", source: "")
            }
            let passed = rule.turnout.isMet(cast, of: eligible) && rule.approve.isMet(approve, of: cast)
            let detail = "turnout \(cast) of \(eligible) voters (needs \(rule.turnout), \(rule.turnout.minimum(of: eligible))); \(approve) of \(cast) votes to recall (needs \(rule.approve), \(rule.approve.minimum(of: cast)))"
            try tables.put(StateTable.recalls, StateTable.compound(group, person), [
                "passed": .bool(passed), "date": .string(event.effectiveDate.description), "detail": .string(detail), "source": .string(cite),
            ])
        }
    }

    static func petitionFor(_ id: String, person: String, tables: borrowing HookTables) throws -> JSONObject {
        guard let petition = try tables.record(StateTable.petitions, StateTable.key(id)) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(id) is not registered", source: "")
        }
        guard string(petition, "person") == person else {
            throw RuleViolation(rule: "petition about someone else", detail: "\(id) concerns \(string(petition, "person")), not \(person)", source: "")
        }
        return petition
    }

    /// An office ended as recalled needs a recall vote that passed; as two unfit years, two consecutive
    /// 不称职 grades (村民委员会组织法 Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)).
    static func checkEndingReason(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let group = string(event.data, "group")
        let person = string(event.data, "person")
        switch string(event.data, "reason") {
        case "recalled":
            guard let recall = try tables.record(StateTable.recalls, StateTable.compound(group, person)) else {
                throw RuleViolation(rule: "recalled without a recall vote", detail: "no recall vote about \(person) in \(group) is recorded", source: "村民委员会组织法 (2018) Art. 16")
            }
            guard recall["passed"]?.boolValue == true else {
                throw RuleViolation(rule: "recall failed its vote thresholds", detail: "the vote of \(string(recall, "date")): \(string(recall, "detail"))",
                                    source: string(recall, "source"))
            }
        case "unfit-two-years":
            let year = event.effectiveDate.year
            let unfit = try [year - 2, year - 1, year].map { y in
                try tables.record(StateTable.personGrades, StateTable.compound(person, group, String(y)))?["grade"]?.stringValue == "不称职"
            }
            guard (unfit[0] && unfit[1]) || (unfit[1] && unfit[2]) else {
                throw RuleViolation(rule: "not two consecutive 不称职 years",
                                    detail: "\(person)'s grades in \(group) for \(year - 2)-\(year) do not include two consecutive 不称职",
                                    source: "村民委员会组织法 (2018) Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)")
            }
        default:
            break
        }
    }

    // MARK: grades (000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五); 004_7fb8e911e1fe61b5.txt [8])

    static func grade(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let group = string(data, "group")
        let person = string(data, "person")
        let year = String(integer(data, "year"))
        let unit = string(data, "assessedBy")
        let grade = string(data, "grade")
        let policy = try tables.policyInForce(group: group, on: event.effectiveDate)
        guard let rule = policy.grades else {
            throw RuleViolation(rule: "no grade rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets a grade scale", source: "")
        }
        let cite = "\(rule.source) (\(policy.origin("grades")))"
        guard rule.scale.contains(grade) else {
            throw RuleViolation(rule: "grade outside the policy's scale", detail: "\(grade) is not among \(rule.scale.joined(separator: ", "))", source: cite)
        }
        let personKey = StateTable.compound(person, group, year)
        if let existing = try tables.record(StateTable.personGrades, personKey) {
            throw RuleViolation(rule: "already graded", detail: "\(person) in \(group) was graded \(string(existing, "grade")) for \(year); correct that event instead", source: "")
        }
        if grade == "优秀", let percent = rule.excellentMaxPercent {
            var graded: Int64 = 1
            var excellent: Int64 = 1
            let prefix = StateTable.compound(unit, year) + [0]
            try tables.scan(StateTable.grades, from: prefix, limit: gradesScanMax) { key, value in
                guard key.starts(with: prefix) else { return false }
                graded += 1
                if String(decoding: value, as: UTF8.self).contains(#""grade":"优秀""#) { excellent += 1 }
                return true
            }
            guard excellent * 100 <= percent * graded else {
                throw RuleViolation(rule: "优秀 quota exceeded",
                                    detail: "this would make \(excellent) 优秀 among \(graded) leaders graded by \(unit) for \(year); at most \(percent)% (\(percent * graded / 100)); record the year's other grades first",
                                    source: cite)
            }
        }
        try tables.put(StateTable.grades, StateTable.compound(unit, year, person, group), ["grade": .string(grade), "seq": .integer(Int64(event.seq))])
        try tables.put(StateTable.personGrades, personKey, ["grade": .string(grade), "seq": .integer(Int64(event.seq))])
    }
}
