import EventLog

/// Recall (村民委员会组织法 (2018) Art. 16; 000_19bdd15b88ce0110.txt 二(三)) and why an office may end.
extension Rules {
    static func evolvePetition(group: String, person: String, id: String, signatures: Int64, eligibleVoters: Int64,
                               representatives: (signed: Int64, of: Int64)?, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        var record = PetitionRecord(group: group, person: person, date: event.effectiveDate,
                                    signatures: signatures, eligibleVoters: eligibleVoters, substantiated: nil)
        record.representatives = representatives.map { PetitionRecord.Representatives(signed: $0.signed, of: $0.of) }
        try tables.put(StateTable.petitions, key: StateTable.key(id), value: record.bytes)
    }

    /// A version-2 petition gives the representatives' signatures and their number together, and counts no
    /// more signatures than signers.
    static func checkPetitionSignatures(_ petition: RecallPetitionedV2) throws {
        let source = "Schemas/events/recall.petitioned.v2.schema.json; 村民委员会组织法 (2018) Art. 16"
        switch (petition.representativeSignatures, petition.representatives) {
        case (nil, nil):
            break
        case (let signed?, let of?):
            guard signed <= of else {
                throw RuleViolation(rule: "impossible count", detail: "\(signed) representatives signed of \(of)", source: source)
            }
        default:
            throw RuleViolation(rule: "representatives' signatures without their number",
                                detail: "representativeSignatures and representatives are given together", source: source)
        }
        guard petition.signatures <= petition.eligibleVoters else {
            throw RuleViolation(rule: "impossible count", detail: "\(petition.signatures) voters signed of \(petition.eligibleVoters)", source: source)
        }
    }

    /// The petition `id`, which must concern `person`.
    static func petition(_ id: String, about person: String, tables: borrowing HookTables) throws -> PetitionRecord {
        guard let petition = try tables.petition(id) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(id) is not registered", source: "Schemas/events/recall.petitioned.v1.schema.json (a recall rests on a recorded petition)")
        }
        guard petition.person == person else {
            throw RuleViolation(rule: "petition about someone else", detail: "\(id) concerns \(petition.person), not \(person)", source: "村民委员会组织法 (2018) Art. 16 (a recall vote is on the petition against that holder)")
        }
        return petition
    }

    static func evolveInvestigation(_ investigation: InvestigationCompleted, tables: borrowing HookTables) throws {
        guard var petition = try tables.petition(investigation.petition) else {
            throw damaged("the petition \(investigation.petition) is missing")
        }
        petition.substantiated = investigation.substantiated
        try tables.put(StateTable.petitions, key: StateTable.key(investigation.petition), value: petition.bytes)
    }

    /// The recall rule in force for the vote, and how to cite it.
    static func recallRule(group: String, on date: LocalDate, tables: borrowing HookTables) throws -> (rule: Policy.Recall, cite: String) {
        let policy = try tables.policyInForce(group: group, on: date)
        guard let rule = policy.recall else {
            throw RuleViolation(rule: "no recall rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets recall thresholds", source: "村民委员会组织法 (2018) Art. 16; DESIGN.md principle 2 (thresholds come from the policy in force)")
        }
        return (rule, "\(rule.source) (\(policy.origin("recall")))")
    }

    /// The petition reaches the policy's share of voters (Art. 16: 1/5); where the policy says so the
    /// committee investigated and found the grounds true first (Deqing 二(三)); the tally is possible.
    /// Turnout and approval are recorded (`evolveRecallVote`) and judged when the office is ended.
    static func checkRecallVote(_ vote: RecallVoted, date: LocalDate, tables: borrowing HookTables) throws {
        let petition = try petition(vote.petition, about: vote.person, tables: tables)
        let (rule, cite) = try recallRule(group: vote.group, on: date, tables: tables)
        let (signatures, voters) = (petition.signatures, petition.eligibleVoters)
        // Art. 16: one fifth of the voters, or one third of the villager representatives, where the policy
        // accepts representatives' petitions.
        let byRepresentatives = petition.representatives.flatMap { signed in
            rule.petitionRepresentatives.map { threshold in (threshold.isMet(signed.signed, of: signed.of), signed, threshold) }
        }
        guard rule.petitionVoters.isMet(signatures, of: voters) || byRepresentatives?.0 == true else {
            var detail = "\(signatures) of \(voters) voters signed \(vote.petition); needs \(rule.petitionVoters) (\(rule.petitionVoters.minimum(of: voters)))"
            if let (_, signed, threshold) = byRepresentatives {
                detail += ", or \(signed.signed) of \(signed.of) representatives, needs \(threshold) (\(threshold.minimum(of: signed.of)))"
            }
            throw RuleViolation(rule: "recall vote without a sufficient petition", detail: detail, source: cite)
        }
        if rule.investigationRequired {
            guard let substantiated = petition.substantiated else {
                throw RuleViolation(rule: "recall vote before the investigation",
                                    detail: "the committee must investigate and verify \(vote.petition) before the group meeting votes", source: cite)
            }
            guard substantiated else {
                throw RuleViolation(rule: "recall vote on unsubstantiated grounds",
                                    detail: "the investigation of \(vote.petition) did not find its grounds true", source: cite)
            }
        }
        guard vote.ballotsCast <= vote.eligibleVoters, vote.approve <= vote.ballotsCast else {
            throw RuleViolation(rule: "impossible tally", detail: "\(vote.approve) to recall of \(vote.ballotsCast) cast by \(vote.eligibleVoters) voters",
                                source: "Schemas/events/recall.voted.v1.schema.json (votes to recall <= ballots cast <= registered voters)")
        }
    }

    /// Records whether the vote passed the policy's turnout and approval thresholds, with the numbers.
    static func evolveRecallVote(_ vote: RecallVoted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let (rule, cite) = try recallRule(group: vote.group, on: event.effectiveDate, tables: tables)
        let (eligible, cast, approve) = (vote.eligibleVoters, vote.ballotsCast, vote.approve)
        // Approval is a share of the votes cast (Art. 16), or of all registered voters where the policy says
        // so (Henan Art. 43: 2/3 of the group's voters).
        let (base, ofWhat) = rule.approveOfRegisteredVoters ? (eligible, "registered voters") : (cast, "votes")
        let passed = rule.turnout.isMet(cast, of: eligible) && rule.approve.isMet(approve, of: base)
        let detail = "turnout \(cast) of \(eligible) voters (needs \(rule.turnout), \(rule.turnout.minimum(of: eligible))); \(approve) of \(base) \(ofWhat) to recall (needs \(rule.approve), \(rule.approve.minimum(of: base)))"
        let record = RecallRecord(passed: passed, date: event.effectiveDate, petition: vote.petition, detail: detail, source: cite)
        try tables.put(StateTable.recalls, key: StateTable.compound(vote.group, vote.person), value: record.bytes)
        try tables.put(StateTable.petitionVotes, key: StateTable.key(vote.petition), value: record.bytes)
    }

    /// An office ended as recalled needs a recall vote that passed; as two unfit years, two consecutive
    /// 不称职 grades (村民委员会组织法 Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)).
    static func checkEndingReason(_ ended: OfficeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        let (group, person) = (ended.group, ended.person)
        switch ended.reason {
        case .recalled:
            guard let recall = try tables.recall(of: person, in: group) else {
                throw RuleViolation(rule: "recalled without a recall vote", detail: "no recall vote about \(person) in \(group) is recorded", source: "村民委员会组织法 (2018) Art. 16")
            }
            guard recall.passed else {
                throw RuleViolation(rule: "recall failed its vote thresholds", detail: "the vote of \(recall.date): \(recall.detail)", source: recall.source)
            }
        case .unfitTwoYears:
            let year = date.year
            let unfit = try [year - 2, year - 1, year].map { y in
                try tables.grade(of: person, in: group, year: y)?.grade == .incompetent
            }
            guard (unfit[0] && unfit[1]) || (unfit[1] && unfit[2]) else {
                throw RuleViolation(rule: "not two consecutive 不称职 years",
                                    detail: "\(person)'s grades in \(group) for \(year - 2)-\(year) do not include two consecutive 不称职",
                                    source: "村民委员会组织法 (2018) Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)")
            }
        case .termExpired, .resigned, .movedAway, .died, .lostVotingRights, .other:
            break
        }
    }
}
