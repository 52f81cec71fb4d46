import CanonicalJSON
import EventLog
import Messages

/// Meetings, votes, installing a leader and ending an office (村民委员会组织法 (2018) Art. 28;
/// 000_19bdd15b88ce0110.txt 二(一)-(三)). Facts are recorded, decisions are validated: a meeting that
/// missed its quorum is accepted as a fact; the installation that relies on it is refused.
extension Rules {
    // MARK: meetings and votes

    static func evolveMeeting(_ meeting: MeetingHeld, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = MeetingRecord(group: meeting.group, date: event.effectiveDate, eligibleAdults: meeting.eligibleAdults,
                                   attendingAdults: meeting.attendingAdults, eligibleHouseholds: meeting.eligibleHouseholds,
                                   attendingHouseholds: meeting.attendingHouseholds)
        try tables.put(StateTable.meetings, key: StateTable.key(meeting.meeting), value: record.bytes)
    }

    /// No more ballots than people attending, no candidate with more votes than ballots, not before the meeting.
    static func checkVote(_ vote: VoteTallied, date: LocalDate, tables: borrowing HookTables) throws {
        guard let meeting = try tables.meeting(vote.meeting) else { return }
        let attending = meeting.attendingAdults
        guard vote.ballotsCast <= attending else {
            throw RuleViolation(Msg.rules.name.moreBallotsThanPeople,
                                Msg.rules.detail.moreBallotsThanPeople(["ballots": .number(vote.ballotsCast), "meeting": .plain(vote.meeting), "attending": .number(attending)]),
                                source: Cite.all(Cite.the("Schemas/events/vote.tallied.v1.schema.json", Msg.rules.why.ballotsByAttending),
                                                 Cite.the("村民委员会组织法 (2018) Art. 28")))
        }
        for candidate in vote.candidates ?? [] where candidate.votes > vote.ballotsCast {
            throw RuleViolation(Msg.rules.name.moreVotesThanBallots,
                                Msg.rules.detail.candidateVotes(["person": .plain(candidate.person), "votes": .number(candidate.votes), "ballots": .number(vote.ballotsCast)]),
                                source: Cite.the("Schemas/events/vote.tallied.v1.schema.json", Msg.rules.why.oneVotePerBallot))
        }
        let questionVotes = (vote.yes ?? 0) + (vote.no ?? 0)
        guard questionVotes <= vote.ballotsCast else {
            throw RuleViolation(Msg.rules.name.moreVotesThanBallots,
                                Msg.rules.detail.questionVotes(["votes": .number(questionVotes), "ballots": .number(vote.ballotsCast)]),
                                source: Cite.the("Schemas/events/vote.tallied.v1.schema.json", Msg.rules.why.oneVotePerBallot))
        }
        if meeting.date > date {
            throw RuleViolation(Msg.rules.name.voteBeforeItsMeeting,
                                Msg.rules.detail.voteBeforeMeeting(["date": .date(date.description), "meeting": .plain(vote.meeting), "held": .date(meeting.date.description)]),
                                source: Cite.the("Schemas/events/vote.tallied.v1.schema.json", Msg.rules.why.voteAtItsMeeting))
        }
    }

    static func evolveVote(_ vote: VoteTallied, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = VoteRecord(group: vote.group, meeting: vote.meeting, date: event.effectiveDate, question: vote.question,
                                ballotsCast: vote.ballotsCast,
                                candidates: vote.candidates?.map { VoteRecord.Candidate(person: $0.person, votes: $0.votes) },
                                yes: vote.yes, no: vote.no, election: vote.election)
        try tables.put(StateTable.votes, key: StateTable.key(vote.vote), value: record.bytes)
    }

    // MARK: installing a leader

    /// What an installation rests on: its vote, that vote's meeting, and the statute that governs the group's
    /// kind. Refuses an unknown vote or meeting, a vote on another question, an installation before the vote.
    struct ElectionBasis {
        let vote: VoteRecord
        let meeting: MeetingRecord
        /// The statute article for the group's kind; how the most-votes rule is cited.
        let article: String
        let mostVotes: Text
    }

    static func electionBasis<T: TableTransaction & ~Copyable>(group: String, voteID: String, date: LocalDate,
                                                               tables: borrowing Tables<T>) throws -> ElectionBasis {
        // The statute that governs the group's kind: a resident group's leader is chosen by the group's residents
        // (城市居民委员会组织法 (2018) Art. 14), a village group's by its group meeting (村民委员会组织法 (2018) Art. 28).
        let resident = try tables.group(group)?.kind == .resident
        let article = resident ? "城市居民委员会组织法 (2018) Art. 14" : "村民委员会组织法 (2018) Art. 28"
        let mostVotes = resident ? Cite.the(article, Msg.rules.why.theOneTheGroupChose)
            : Cite.all(Cite.the("村民委员会组织法 (2018) Art. 15", Msg.rules.why.mostVotesElected), Cite.the(article))
        guard let vote = try tables.vote(voteID), let meeting = try tables.meeting(vote.meeting) else {
            throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.voteOrMeetingUnregistered(["vote": .plain(voteID)]),
                                source: Cite.the(article, Msg.rules.why.chosenByMeetingVote))
        }
        guard vote.question == .election else {
            throw RuleViolation(Msg.rules.name.notAnElection,
                                Msg.rules.detail.notAnElection(["vote": .plain(voteID), "question": .code(vote.question.rawValue, in: Msg.words.voteQuestion)]),
                                source: Cite.the(article, Msg.rules.why.chosenByElection))
        }
        guard date >= meeting.date else {
            throw RuleViolation(Msg.rules.name.installedBeforeTheVote,
                                Msg.rules.detail.installedBeforeMeeting(["date": .date(date.description), "meeting": .date(meeting.date.description)]),
                                source: Cite.the(article, Msg.rules.why.officeOnTheVote))
        }
        return ElectionBasis(vote: vote, meeting: meeting, article: article, mostVotes: mostVotes)
    }

    /// The vote is an election of the same group held no later than the installation; one group, one
    /// leader; then the decision itself (`assessElection`): the meeting's quorum and the winner's majority
    /// under the policy in force on the meeting's date, the most votes, the candidate's age, residence and
    /// voting rights on that date, the notices. Refuses with the first failing check, in that order.
    static func checkInstallation(_ installed: LeaderInstalled, date: LocalDate, tables: borrowing HookTables) throws {
        let basis = try electionBasis(group: installed.group, voteID: installed.vote, date: date, tables: tables)
        let policy = try tables.policyInForce(group: installed.group, on: basis.meeting.date)

        // A term that ends before it begins.
        if let ends = installed.termEnds, ends <= date {
            throw RuleViolation(Msg.rules.name.termEndsBeforeItBegins,
                                Msg.rules.detail.termEndsBeforeItBegins(["date": .date(date.description), "ends": .date(ends.description)]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 19", Msg.rules.why.byElectedTerm))
        }
        // The same person twice in the same post of one group.
        if let held = try tables.holding(installed.group, installed.post.rawValue, person: installed.person) {
            throw RuleViolation(Msg.rules.name.postAlreadyHeld,
                                Msg.rules.detail.groupPostAlreadyHeld(["person": .plain(installed.person), "post": .code(installed.post.rawValue, in: Msg.words.post),
                                                                       "group": .plain(installed.group), "since": .date(held.since.description), "seq": .number(held.installedBy)]),
                                source: Cite.all(Cite.the("002_133fd3ad279d9709.txt 三(二)", Msg.rules.why.membersDifferentPeople), Cite.the("000_19bdd15b88ce0110.txt 二(一)")))
        }
        // One group, one leader.
        if installed.post == .groupLeader, let holder = try tables.holders(installed.group, Post.groupLeader.rawValue, limit: 1).first {
            throw RuleViolation(Msg.rules.name.groupAlreadyHasALeader,
                                Msg.rules.detail.groupHasLeader(["person": .plain(holder.person), "group": .plain(installed.group), "since": .date(holder.since.description)]),
                                source: Cite.said(Msg.rules.why.oneGroupOneLeader, ["citation": .source("000_19bdd15b88ce0110.txt 二(一)")]))
        }
        try assessElection(.installation, group: installed.group, person: installed.person, post: installed.post, voteID: installed.vote,
                           basis: basis, policy: policy, tables: tables).refuse()
    }

    /// The election's validity for `person` in `post`, check by check: the policy's meeting rule, the
    /// quorum, the candidate, the majority, the most votes, the candidate's eligibility and the notices. A
    /// check that cannot be made without an earlier one (no meeting rule, not a candidate) ends the list.
    static func assessElection<T: TableTransaction & ~Copyable>(_ decision: Assessment.Decision, group: String, person: String, post: Post,
                                                                voteID: String, basis: ElectionBasis, policy: Policy,
                                                                tables: borrowing Tables<T>) throws -> Assessment {
        let (vote, meeting, meetingID, meetingDate) = (basis.vote, basis.meeting, basis.vote.meeting, basis.meeting.date)
        var assessment = Assessment(decision: decision, group: group, person: person, basis: voteID, meeting: meetingID, date: meetingDate, policy: policy)
        assessment.post = post
        // Quorum and majority under the policy in force on the meeting's date.
        guard let rule = policy.meeting else {
            let source = Cite.all(Cite.the(basis.article, Msg.rules.why.statuteFloor), Cite.said(Msg.rules.why.principle2))
            assessment.add(DecisionCheck(.meetingRule, passed: false, [.noRule(policies: policy.lineage)], source: source,
                                 violation: RuleViolation(Msg.rules.name.noMeetingRule, Msg.rules.detail.noMeetingRule(["policies": .ids(policy.lineage)]),
                                                          source: source)))
            return assessment
        }
        let cite = Cite.policy(rule.source, policy.origin("meeting"))
        // The quorum counts against the group's register on the meeting's date (group.registered,
        // group.size.recorded) when it is larger than what the meeting reported: a meeting cannot shrink its
        // own denominator.
        let register = try tables.size(of: group, on: meetingDate)
        func base(_ reported: Int64, _ registered: Int64?, _ note: Message) -> (Int64, Arg, Int64?) {
            guard let registered, registered > reported else { return (reported, "", nil) }
            return (registered, .text(note(["date": .date(meetingDate.description), "registered": .number(registered), "reported": .number(reported)])), reported)
        }
        let attendingAdults = meeting.attendingAdults
        let (eligibleAdults, adultsNote, adultsReported) = base(meeting.eligibleAdults, register?.adults, Msg.rules.detail.registerAdults)
        var quorumMet = false
        var needs: [Text] = []
        var shares: [Figure] = []
        if let byAdults = rule.quorumAdults {
            if byAdults.isMet(attendingAdults, of: eligibleAdults) { quorumMet = true }
            needs.append(Msg.rules.detail.quorumAdults(["attending": .number(attendingAdults), "eligible": .number(eligibleAdults), "note": adultsNote,
                                                        "threshold": byAdults.arg, "minimum": .number(byAdults.minimum(of: eligibleAdults))]))
            shares.append(.share(of: .adultsAttending, count: attendingAdults, base: eligibleAdults, threshold: byAdults,
                                 minimum: byAdults.minimum(of: eligibleAdults), reported: adultsReported))
        }
        if let byHouseholds = rule.quorumHouseholds, let reported = meeting.eligibleHouseholds, let attending = meeting.attendingHouseholds {
            let (eligible, householdsNote, householdsReported) = base(reported, register?.households, Msg.rules.detail.registerHouseholds)
            if byHouseholds.isMet(attending, of: eligible) { quorumMet = true }
            needs.append(Msg.rules.detail.quorumHouseholds(["attending": .number(attending), "eligible": .number(eligible), "note": householdsNote,
                                                            "threshold": byHouseholds.arg, "minimum": .number(byHouseholds.minimum(of: eligible))]))
            shares.append(.share(of: .householdsAttending, count: attending, base: eligible, threshold: byHouseholds,
                                 minimum: byHouseholds.minimum(of: eligible), reported: householdsReported))
        }
        if rule.quorumAdults == nil && rule.quorumHouseholds == nil { quorumMet = true }
        let unmet = needs.dropFirst().reduce(needs.first ?? Text(Msg.rules.detail.missing)) { Msg.rules.detail.nor(["first": .text($0), "second": .text($1)]) }
        assessment.add(DecisionCheck(.quorum, passed: quorumMet, shares, source: cite,
                             violation: RuleViolation(Msg.rules.name.quorumNotMet, Msg.rules.detail.quorumAt(["meeting": .plain(meetingID), "needs": .text(unmet)]),
                                                      source: cite)))
        let candidates = vote.candidates ?? []
        guard let votes = candidates.first(where: { $0.person == person })?.votes else {
            let source = Cite.the(basis.article, Msg.rules.why.chosenIsCandidate)
            assessment.add(DecisionCheck(.candidate, passed: false, [.candidate(person: person, vote: voteID, votes: nil)], source: source,
                                 violation: RuleViolation(Msg.rules.name.notACandidate, Msg.rules.detail.noVotes(["person": .plain(person), "vote": .plain(voteID)]),
                                                          source: source)))
            return assessment
        }
        let minimum = rule.decision.minimum(of: attendingAdults)
        assessment.add(DecisionCheck(.majority, passed: rule.decision.isMet(votes, of: attendingAdults),
                             [.share(of: .votesOfAttending, count: votes, base: attendingAdults, threshold: rule.decision, minimum: minimum, reported: nil)],
                             source: cite,
                             violation: RuleViolation(Msg.rules.name.majorityNotReached,
                                                      Msg.rules.detail.majority(["person": .plain(person), "votes": .number(votes), "attending": .number(attendingAdults),
                                                                                 "threshold": rule.decision.arg, "minimum": .number(minimum)]),
                                                      source: cite)))
        // The strongest rival is shown; a refusal names the first candidate with as many votes or more, in the
        // vote's order, as it always has.
        let rival = candidates.filter { $0.person != person }.max { $0.votes < $1.votes }
        let named = candidates.first { $0.votes >= votes && $0.person != person }
        assessment.add(DecisionCheck(.mostVotes, passed: named == nil,
                             [.rival(person: person, votes: votes, rival: rival?.person, rivalVotes: rival?.votes)], source: basis.mostVotes,
                             violation: RuleViolation(Msg.rules.name.notTheWinner,
                                                      Msg.rules.detail.rivalVotes(["rival": .plain(named?.person ?? ""), "rivalVotes": .number(named?.votes ?? 0),
                                                                                   "person": .plain(person), "votes": .number(votes)]),
                                                      source: basis.mostVotes)))
        for check in try eligibilityChecks(person: person, post: post, group: group, on: meetingDate, policy: policy, tables: tables) {
            assessment.add(check)
        }
        if post == .groupLeader {
            for check in try groupNoticeChecks(group: group, electionDay: meetingDate, policy: policy, tables: tables).checks { assessment.add(check) }
        }
        return assessment
    }

    /// The candidate reached the minimum age on the meeting's date (the birthday counts), lived in the group
    /// and held voting rights on that date (000_19bdd15b88ce0110.txt 二(二)); for a group leader where the
    /// policy says so, was one of the group's representatives. Only the checks the policy asks for.
    static func eligibilityChecks<T: TableTransaction & ~Copyable>(person: String, post: Post, group: String, on meetingDate: LocalDate, policy: Policy,
                                                                   tables: borrowing Tables<T>) throws -> [DecisionCheck] {
        guard let eligibility = policy.eligibility else { return [] }
        let cite = Cite.policy(eligibility.source, policy.origin("eligibility"))
        var checks: [DecisionCheck] = []
        switch try readBirthDate(of: person, tables: tables) {
        case .unregistered:
            return []
        case .unreadable(let erasedBy):
            // Erased after the act was appended (and checked then): an explanation reports the check as not
            // checkable; an append (installing an erased person again) is refused.
            checks.append(DecisionCheck(.age, passed: false, checkable: false, [.birthDateUnreadable(person: person, erasedBy: erasedBy)], source: cite,
                                        violation: birthDateUnavailable(person)))
        case .known(let birth):
            let age = years(from: birth, to: meetingDate)
            checks.append(DecisionCheck(.age, passed: age >= eligibility.minimumAge,
                                [.age(person: person, birth: birth, age: age, on: meetingDate, minimum: eligibility.minimumAge)], source: cite,
                                violation: RuleViolation(Msg.rules.name.candidateUnderAge,
                                                         Msg.rules.detail.underAge(["person": .plain(person), "birth": .date(birth.description), "age": .number(age),
                                                                                    "date": .date(meetingDate.description), "minimum": .number(eligibility.minimumAge)]),
                                                         source: cite)))
        }
        let residence = try tables.residence(of: person, on: meetingDate)
        if eligibility.mustResideInGroup {
            let livesIn = residence?.group
            checks.append(DecisionCheck(.residence, passed: livesIn == group, [.residence(person: person, on: meetingDate, lived: livesIn, group: group)], source: cite,
                                violation: RuleViolation(Msg.rules.name.candidateNotResident,
                                                         Msg.rules.detail.livedElsewhere(["date": .date(meetingDate.description), "person": .plain(person),
                                                                                          "lived": livesIn.map { Arg.plain($0) } ?? .text(Text(Msg.rules.detail.noRegisteredGroup)),
                                                                                          "group": .plain(group)]),
                                                         source: cite)))
        }
        if eligibility.mustHoldVotingRights {
            let holds = residence?.votingRights == true
            checks.append(DecisionCheck(.votingRights, passed: holds, [.votingRights(person: person, on: meetingDate, holds: holds)], source: cite,
                                violation: RuleViolation(Msg.rules.name.candidateWithoutVotingRights,
                                                         Msg.rules.detail.noVotingRights(["date": .date(meetingDate.description), "person": .plain(person)]),
                                                         source: cite)))
        }
        // Chosen from among the group's own representatives, where the policy says so for the group's kind
        // (000_19bdd15b88ce0110.txt 二(三): 村民小组长由村民小组会议在本小组村民代表中推选产生).
        if post == .groupLeader, let groupRecord = try tables.group(group), eligibility.representativeOnlyIn.contains(groupRecord.kind.rawValue) {
            let representing = try tables.representative(person, of: groupRecord.unit)
            let passed = representing.map { $0.isCurrent(on: meetingDate) && $0.group == group } ?? false
            let registered: Arg = representing.map { record in
                .text(record.ended.map { ended in
                    Msg.rules.detail.representedUntil(["group": .plain(record.group), "since": .date(record.since.description), "left": .date(ended.date.description)])
                } ?? Msg.rules.detail.representedSince(["group": .plain(record.group), "since": .date(record.since.description)]))
            } ?? ""
            checks.append(DecisionCheck(.representative, passed: passed,
                                [.representative(person: person, on: meetingDate, group: group, represented: representing?.group,
                                                 since: representing?.since, left: representing?.ended?.date)],
                                source: cite,
                                violation: RuleViolation(Msg.rules.name.candidateNotARepresentative,
                                                         Msg.rules.detail.notARepresentativeOfGroup(["date": .date(meetingDate.description), "person": .plain(person),
                                                                                                     "group": .plain(group), "registered": registered]),
                                                         source: cite)))
        }
        return checks
    }

    static func evolveInstallation(_ installed: LeaderInstalled, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try recordReliance(installed, event, tables: tables)
        let term = OfficeTerm(group: installed.group, post: installed.post, person: installed.person, since: event.effectiveDate, installedBy: event.seq,
                              termEnds: installed.termEnds)
        try tables.put(StateTable.roster, key: term.rosterKey, value: term.bytes)
        try tables.put(StateTable.tenures, key: term.tenureKey, value: term.bytes)
    }

    /// A group leader's installation depends on the facts its checks relied on beyond the ids it names: the
    /// notices posted before the election and the candidate's registration as a representative, where the
    /// policy required them. Kept as dependency edges (`gov.deps`), so that retracting or correcting one of
    /// them is refused while the installation stands (Schemas/CORRECTIONS.md).
    static func recordReliance(_ installed: LeaderInstalled, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard installed.post == .groupLeader, let vote = try tables.vote(installed.vote), let meeting = try tables.meeting(vote.meeting),
              let group = try tables.group(installed.group) else { return }
        let policy = try tables.policyInForce(group: installed.group, on: meeting.date)
        var relied = try checkNotices(group: installed.group, electionDay: meeting.date, policy: policy, tables: tables)
        if let eligibility = policy.eligibility, eligibility.representativeOnlyIn.contains(group.kind.rawValue),
           let representative = try tables.representative(installed.person, of: group.unit) {
            relied.append(representative.registeredBy)
        }
        for earlier in Set(relied).sorted() where earlier < event.seq {
            try tables.put(StateTable.dependencies, key: StateTable.seqBytes(earlier) + StateTable.seqBytes(event.seq), value: [])
        }
    }

    /// Completed years between two dates: the birthday itself counts as reached.
    static func years(from birth: LocalDate, to date: LocalDate) -> Int {
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    // MARK: offices

    static func requireHolder(group: String, person: String, tables: borrowing HookTables, act: Message) throws {
        for post in Post.allCases {
            if try tables.holding(group, post.rawValue, person: person) != nil { return }
        }
        throw RuleViolation(Msg.rules.name.notInOffice, Msg.rules.detail.holdsNoPost(["act": .text(Text(act)), "person": .plain(person), "group": .plain(group)]),
                            source: Cite.the("000_19bdd15b88ce0110.txt 二(三), 四", Msg.rules.why.actsOfThoseInOffice))
    }

    /// The office is held, ends no earlier than it began, and for the reason the record supports
    /// (`checkEndingReason`).
    static func checkOfficeEnd(_ ended: OfficeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        guard let holder = try tables.holding(ended.group, ended.post.rawValue, person: ended.person) else {
            let current = try tables.holders(ended.group, ended.post.rawValue).map(\.person)
            let details: KeyValuePairs<String, Arg> = ["person": .plain(ended.person), "post": .code(ended.post.rawValue, in: Msg.words.post),
                                                        "group": .plain(ended.group), "holders": .ids(current)]
            throw RuleViolation(Msg.rules.name.officeNotHeld,
                                current.isEmpty ? Msg.rules.detail.officeHeldByNoOne(details) : Msg.rules.detail.officeHeldByOthers(details),
                                source: Cite.the("Schemas/events/office.ended.v1.schema.json", Msg.rules.why.officeEndsOnce))
        }
        let start = holder.since
        if date < start {
            throw RuleViolation(Msg.rules.name.officeEndsBeforeItBegan,
                                Msg.rules.detail.endsBeforeBegan(["date": .date(date.description), "start": .date(start.description)]),
                                source: Cite.the("Schemas/events/office.ended.v1.schema.json", Msg.rules.why.officeEndsAfterItBegan))
        }
        try checkEndingReason(ended, date: date, tables: tables)
    }

    /// Closes the office's intervals (roster and tenures) and moves the holder to the group's last holders.
    static func evolveOfficeEnd(_ ended: OfficeEnded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let (group, post, person) = (ended.group, ended.post.rawValue, ended.person)
        guard var term = try tables.holding(group, post, person: person) else {
            throw damaged("\(person) holds no \(post) of \(group) to end")
        }
        term.ending = OfficeTerm.Ending(until: event.effectiveDate, reason: ended.reason, endedBy: event.seq)
        try tables.put(StateTable.roster, key: term.rosterKey, value: term.bytes)
        try tables.put(StateTable.tenures, key: term.tenureKey, value: term.bytes)
    }

    // MARK: reading stored JSON records (`gov.persons`)

    /// A required date member of a stored JSON record; its absence is damage.
    static func date(_ record: JSONObject, _ name: String, of id: String) throws -> LocalDate {
        guard let text = record[name]?.stringValue, let value = LocalDate(iso: text) else { throw damaged("the record of \(id) lacks its \(name)") }
        return value
    }
}
