import CanonicalJSON
import EventLog
import Messages

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
        let source = Cite.the("Schemas/events/recall.petitioned.v2.schema.json; 村民委员会组织法 (2018) Art. 16")
        switch (petition.representativeSignatures, petition.representatives) {
        case (nil, nil):
            break
        case (let signed?, let of?):
            guard signed <= of else {
                throw RuleViolation(Msg.rules.name.impossibleCount, Msg.rules.detail.representativesSigned(["signed": .number(signed), "of": .number(of)]),
                                    source: source)
            }
        default:
            throw RuleViolation(Msg.rules.name.signaturesWithoutTheirNumber, Msg.rules.detail.givenTogether(), source: source)
        }
        guard petition.signatures <= petition.eligibleVoters else {
            throw RuleViolation(Msg.rules.name.impossibleCount,
                                Msg.rules.detail.votersSigned(["signed": .number(petition.signatures), "of": .number(petition.eligibleVoters)]), source: source)
        }
    }

    /// The petition `id`, which must concern `person`.
    static func petition<T: TableTransaction & ~Copyable>(_ id: String, about person: String, tables: borrowing Tables<T>) throws -> PetitionRecord {
        guard let petition = try tables.petition(id) else {
            throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.notRegistered(["id": .plain(id)]),
                                source: Cite.the("Schemas/events/recall.petitioned.v1.schema.json", Msg.rules.why.recallRestsOnPetition))
        }
        guard petition.person == person else {
            throw RuleViolation(Msg.rules.name.petitionAboutSomeoneElse,
                                Msg.rules.detail.petitionConcerns(["petition": .plain(id), "concerns": .plain(petition.person), "person": .plain(person)]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 16", Msg.rules.why.recallOnThatHolder))
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
    static func recallRule<T: TableTransaction & ~Copyable>(group: String, on date: LocalDate, tables: borrowing Tables<T>) throws -> (rule: Policy.Recall, cite: Text) {
        let policy = try tables.policyInForce(group: group, on: date)
        guard let rule = policy.recall else {
            throw RuleViolation(Msg.rules.name.noRecallRule, Msg.rules.detail.noRecallRule(["policies": .ids(policy.lineage)]),
                                source: Cite.all(Cite.the("村民委员会组织法 (2018) Art. 16"), Cite.the(Msg.rules.why.principle2, Msg.rules.why.thresholdsFromPolicy)))
        }
        return (rule, Cite.policy(rule.source, policy.origin("recall")))
    }

    /// The petition reaches the policy's share of voters (Art. 16: 1/5); where the policy says so the
    /// committee investigated and found the grounds true first (Deqing 二(三)); the tally is possible.
    /// Turnout and approval are recorded (`evolveRecallVote`) and judged when the office is ended.
    static func checkRecallVote(_ vote: RecallVoted, date: LocalDate, tables: borrowing HookTables) throws {
        try assessRecall(vote, date: date, tables: tables).refuse()
    }

    /// A recall vote, check by check: the petition (and the representatives' petition where the policy
    /// accepts one), the investigation where the policy requires it, the tally's bounds (validity); the
    /// turnout and the approval (its outcome, judged when the office is ended). Refuses an unknown petition
    /// or one about someone else.
    static func assessRecall<T: TableTransaction & ~Copyable>(_ vote: RecallVoted, date: LocalDate, tables: borrowing Tables<T>) throws -> Assessment {
        let petition = try petition(vote.petition, about: vote.person, tables: tables)
        let policy = try tables.policyInForce(group: vote.group, on: date)
        var assessment = Assessment(decision: .recall, group: vote.group, person: vote.person, basis: vote.petition, meeting: nil, date: date, policy: policy)
        guard let rule = policy.recall else {
            let source = Cite.all(Cite.the("村民委员会组织法 (2018) Art. 16"), Cite.the(Msg.rules.why.principle2, Msg.rules.why.thresholdsFromPolicy))
            assessment.add(DecisionCheck(.recallRule, passed: false, [.noRule(policies: policy.lineage)], source: source,
                                 violation: RuleViolation(Msg.rules.name.noRecallRule, Msg.rules.detail.noRecallRule(["policies": .ids(policy.lineage)]),
                                                          source: source)))
            return assessment
        }
        let cite = Cite.policy(rule.source, policy.origin("recall"))
        let (signatures, voters) = (petition.signatures, petition.eligibleVoters)
        // Art. 16: one fifth of the voters, or one third of the villager representatives, where the policy
        // accepts representatives' petitions.
        let byRepresentatives = petition.representatives.flatMap { signed in
            rule.petitionRepresentatives.map { threshold in (threshold.isMet(signed.signed, of: signed.of), signed, threshold) }
        }
        var figures: [Figure] = [.share(of: .signaturesOfVoters, count: signatures, base: voters, threshold: rule.petitionVoters,
                                        minimum: rule.petitionVoters.minimum(of: voters), reported: nil)]
        var detail = Msg.rules.detail.petitionVoters(["signed": .number(signatures), "of": .number(voters), "petition": .plain(vote.petition),
                                                      "threshold": rule.petitionVoters.arg, "minimum": .number(rule.petitionVoters.minimum(of: voters))])
        if let (_, signed, threshold) = byRepresentatives {
            figures.append(.share(of: .representativesSigned, count: signed.signed, base: signed.of, threshold: threshold,
                                  minimum: threshold.minimum(of: signed.of), reported: nil))
            detail = Msg.rules.detail.orRepresentatives(["voters": .text(detail), "signed": .number(signed.signed), "of": .number(signed.of),
                                                         "threshold": threshold.arg, "minimum": .number(threshold.minimum(of: signed.of))])
        }
        assessment.add(DecisionCheck(.petition, passed: rule.petitionVoters.isMet(signatures, of: voters) || byRepresentatives?.0 == true, figures, source: cite,
                             violation: RuleViolation(Msg.rules.name.recallWithoutPetition, detail, source: cite)))
        if rule.investigationRequired {
            let figure = Figure.investigation(petition: vote.petition, substantiated: petition.substantiated)
            assessment.add(DecisionCheck(.investigation, passed: petition.substantiated == true, [figure], source: cite,
                                 violation: petition.substantiated == nil
                                    ? RuleViolation(Msg.rules.name.recallBeforeInvestigation, Msg.rules.detail.investigateFirst(["petition": .plain(vote.petition)]), source: cite)
                                    : RuleViolation(Msg.rules.name.recallUnsubstantiated, Msg.rules.detail.groundsNotTrue(["petition": .plain(vote.petition)]), source: cite)))
        }
        let tallySource = Cite.the("Schemas/events/recall.voted.v1.schema.json", Msg.rules.why.recallTallyBounds)
        assessment.add(DecisionCheck(.tally, passed: vote.ballotsCast <= vote.eligibleVoters && vote.approve <= vote.ballotsCast,
                             [.tally(approve: vote.approve, cast: vote.ballotsCast, eligible: vote.eligibleVoters)], source: tallySource,
                             violation: RuleViolation(Msg.rules.name.impossibleTally,
                                                      Msg.rules.detail.recallTally(["approve": .number(vote.approve), "cast": .number(vote.ballotsCast),
                                                                                    "eligible": .number(vote.eligibleVoters)]),
                                                      source: tallySource)))
        // The outcome, as `recallOutcome` judges it.
        let base = rule.approveOfRegisteredVoters ? vote.eligibleVoters : vote.ballotsCast
        let none = RuleViolation(Msg.rules.name.recallFailed, Msg.rules.detail.missing(), source: cite)
        assessment.add(DecisionCheck(.turnout, .outcome, passed: rule.turnout.isMet(vote.ballotsCast, of: vote.eligibleVoters),
                             [.share(of: .turnout, count: vote.ballotsCast, base: vote.eligibleVoters, threshold: rule.turnout,
                                     minimum: rule.turnout.minimum(of: vote.eligibleVoters), reported: nil)],
                             source: cite, violation: none))
        assessment.add(DecisionCheck(.approval, .outcome, passed: rule.approve.isMet(vote.approve, of: base),
                             [.share(of: rule.approveOfRegisteredVoters ? .approveOfRegistered : .approveOfCast, count: vote.approve, base: base,
                                     threshold: rule.approve, minimum: rule.approve.minimum(of: base), reported: nil)],
                             source: cite, violation: none))
        return assessment
    }

    /// Records whether the vote passed the policy's turnout and approval thresholds, with the numbers.
    static func evolveRecallVote(_ vote: RecallVoted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let (rule, cite) = try recallRule(group: vote.group, on: event.effectiveDate, tables: tables)
        let (passed, detail) = recallOutcome(eligible: vote.eligibleVoters, cast: vote.ballotsCast, approve: vote.approve, rule: rule)
        // The record keeps the English texts (the stored bytes of `gov.recalls` are as they have always been);
        // a refusal citing it renders them again in the reader's language (`recallFailure`).
        let record = RecallRecord(passed: passed, date: event.effectiveDate, petition: vote.petition, detail: detail.rendered(.en),
                                  source: cite.rendered(.en))
        try tables.put(StateTable.recalls, key: StateTable.compound(vote.group, vote.person), value: record.bytes)
        try tables.put(StateTable.petitionVotes, key: StateTable.key(vote.petition), value: record.bytes)
    }

    /// Whether a recall vote passed the rule's turnout and approval, with the numbers. Approval is a share of
    /// the votes cast (Art. 16), or of all registered voters where the policy says so (Henan Art. 43: 2/3 of the
    /// group's voters).
    static func recallOutcome(eligible: Int64, cast: Int64, approve: Int64, rule: Policy.Recall) -> (passed: Bool, detail: Text) {
        let base = rule.approveOfRegisteredVoters ? eligible : cast
        let passed = rule.turnout.isMet(cast, of: eligible) && rule.approve.isMet(approve, of: base)
        let message = rule.approveOfRegisteredVoters ? Msg.rules.detail.recallOfRegisteredVoters : Msg.rules.detail.recallOfVotes
        let detail = message(["cast": .number(cast), "eligible": .number(eligible), "turnout": rule.turnout.arg,
                              "turnoutMinimum": .number(rule.turnout.minimum(of: eligible)), "approve": .number(approve), "base": .number(base),
                              "threshold": rule.approve.arg, "minimum": .number(rule.approve.minimum(of: base))])
        return (passed, detail)
    }

    /// The failed recall vote `recall` records, as a refusal's detail and source in the reader's language: the
    /// vote's numbers read again from its event (or its correction's replacement) and judged under the rule in
    /// force on its date. Where they do not give back the stored English exactly (the record is of another
    /// vote, or the policy in force has changed since), the stored texts are shown as they were written.
    static func recallFailure(_ recall: RecallRecord, person: String, group: String, tables: borrowing HookTables) throws -> (detail: Text, source: Text) {
        let stored = (Text(Msg.rules.part.asRecorded, ["text": .plain(recall.detail)]), Cite.the(recall.source))
        for seq in try tables.events(concerning: person, in: 1..<UInt64.max, limit: Rules.linesScanMax).reversed() {
            guard let event = try tables.event(seq: seq), event.type == RecallVoted.type, event.effectiveDate == recall.date else { continue }
            var data = event.data
            if let status = try tables.status(of: seq) {
                guard status.kind == .corrected, let correction = try tables.event(seq: status.by),
                      let replacement = correction.data["replacement"]?.objectValue else { continue }
                data = replacement
            }
            guard data["group"]?.stringValue == group, data["petition"]?.stringValue == recall.petition,
                  let eligible = data["eligibleVoters"]?.integerValue, let cast = data["ballotsCast"]?.integerValue,
                  let approve = data["approve"]?.integerValue else { continue }
            let (rule, cite) = try recallRule(group: group, on: recall.date, tables: tables)
            let (passed, detail) = recallOutcome(eligible: eligible, cast: cast, approve: approve, rule: rule)
            guard passed == recall.passed, detail.rendered(.en) == recall.detail, cite.rendered(.en) == recall.source else { return stored }
            return (detail, cite)
        }
        return stored
    }

    /// An office ended as recalled needs a recall vote that passed; as two unfit years, two consecutive
    /// 不称职 grades (村民委员会组织法 Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)).
    static func checkEndingReason(_ ended: OfficeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        let (group, person) = (ended.group, ended.person)
        switch ended.reason {
        case .recalled:
            guard let recall = try tables.recall(of: person, in: group) else {
                throw RuleViolation(Msg.rules.name.recalledWithoutAVote, Msg.rules.detail.noRecallVote(["person": .plain(person), "group": .plain(group)]),
                                    source: Cite.the("村民委员会组织法 (2018) Art. 16"))
            }
            guard recall.passed else {
                let (detail, source) = try recallFailure(recall, person: person, group: group, tables: tables)
                throw RuleViolation(Msg.rules.name.recallFailed, Msg.rules.detail.theVoteOf(["date": .date(recall.date.description), "detail": .text(detail)]),
                                    source: source)
            }
        case .unfitTwoYears:
            let year = date.year
            let unfit = try [year - 2, year - 1, year].map { y in
                try tables.grade(of: person, in: group, year: y)?.grade == .incompetent
            }
            guard (unfit[0] && unfit[1]) || (unfit[1] && unfit[2]) else {
                throw RuleViolation(Msg.rules.name.notTwoUnfitYears,
                                    Msg.rules.detail.notTwoUnfitYears(["person": .plain(person), "group": .plain(group), "from": .number(year - 2), "to": .number(year)]),
                                    source: Cite.the("村民委员会组织法 (2018) Art. 33; 000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)"))
            }
        case .termExpired, .resigned, .movedAway, .died, .lostVotingRights, .other:
            break
        }
    }
}
