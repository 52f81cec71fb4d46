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

    /// The vote is an election of the same group held no later than the installation; one group, one
    /// leader; the meeting's quorum and the winner's majority under the policy in force on the meeting's
    /// date; the winner has the most votes; the candidate's age, residence and voting rights on that date.
    static func checkInstallation(_ installed: LeaderInstalled, date: LocalDate, tables: borrowing HookTables) throws {
        // The statute that governs the group's kind: a resident group's leader is chosen by the group's residents
        // (城市居民委员会组织法 (2018) Art. 14), a village group's by its group meeting (村民委员会组织法 (2018) Art. 28).
        let resident = try tables.group(installed.group)?.kind == .resident
        let article = resident ? "城市居民委员会组织法 (2018) Art. 14" : "村民委员会组织法 (2018) Art. 28"
        let mostVotes = resident ? Cite.the(article, Msg.rules.why.theOneTheGroupChose)
            : Cite.all(Cite.the("村民委员会组织法 (2018) Art. 15", Msg.rules.why.mostVotesElected), Cite.the(article))
        guard let vote = try tables.vote(installed.vote), let meeting = try tables.meeting(vote.meeting) else {
            throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.voteOrMeetingUnregistered(["vote": .plain(installed.vote)]),
                                source: Cite.the(article, Msg.rules.why.chosenByMeetingVote))
        }
        let (meetingID, meetingDate) = (vote.meeting, meeting.date)
        guard vote.question == .election else {
            throw RuleViolation(Msg.rules.name.notAnElection,
                                Msg.rules.detail.notAnElection(["vote": .plain(installed.vote), "question": .code(vote.question.rawValue, in: Msg.words.voteQuestion)]),
                                source: Cite.the(article, Msg.rules.why.chosenByElection))
        }
        guard date >= meetingDate else {
            throw RuleViolation(Msg.rules.name.installedBeforeTheVote,
                                Msg.rules.detail.installedBeforeMeeting(["date": .date(date.description), "meeting": .date(meetingDate.description)]),
                                source: Cite.the(article, Msg.rules.why.officeOnTheVote))
        }
        let policy = try tables.policyInForce(group: installed.group, on: meetingDate)

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

        // Quorum and majority under the policy in force on the meeting's date.
        guard let rule = policy.meeting else {
            throw RuleViolation(Msg.rules.name.noMeetingRule, Msg.rules.detail.noMeetingRule(["policies": .ids(policy.lineage)]),
                                source: Cite.all(Cite.the(article, Msg.rules.why.statuteFloor), Cite.said(Msg.rules.why.principle2)))
        }
        // The quorum counts against the group's register on the meeting's date (group.registered,
        // group.size.recorded) when it is larger than what the meeting reported: a meeting cannot shrink its
        // own denominator.
        let register = try tables.size(of: installed.group, on: meetingDate)
        func base(_ reported: Int64, _ registered: Int64?, _ note: Message) -> (Int64, Arg) {
            guard let registered, registered > reported else { return (reported, "") }
            return (registered, .text(note(["date": .date(meetingDate.description), "registered": .number(registered), "reported": .number(reported)])))
        }
        let attendingAdults = meeting.attendingAdults
        let (eligibleAdults, adultsNote) = base(meeting.eligibleAdults, register?.adults, Msg.rules.detail.registerAdults)
        var quorumMet = false
        var needs: [Text] = []
        if let byAdults = rule.quorumAdults {
            if byAdults.isMet(attendingAdults, of: eligibleAdults) { quorumMet = true }
            needs.append(Msg.rules.detail.quorumAdults(["attending": .number(attendingAdults), "eligible": .number(eligibleAdults), "note": adultsNote,
                                                        "threshold": byAdults.arg, "minimum": .number(byAdults.minimum(of: eligibleAdults))]))
        }
        if let byHouseholds = rule.quorumHouseholds, let reported = meeting.eligibleHouseholds, let attending = meeting.attendingHouseholds {
            let (eligible, householdsNote) = base(reported, register?.households, Msg.rules.detail.registerHouseholds)
            if byHouseholds.isMet(attending, of: eligible) { quorumMet = true }
            needs.append(Msg.rules.detail.quorumHouseholds(["attending": .number(attending), "eligible": .number(eligible), "note": householdsNote,
                                                            "threshold": byHouseholds.arg, "minimum": .number(byHouseholds.minimum(of: eligible))]))
        }
        if rule.quorumAdults == nil && rule.quorumHouseholds == nil { quorumMet = true }
        guard quorumMet else {
            let unmet = needs.dropFirst().reduce(needs.first ?? Text(Msg.rules.detail.missing)) { Msg.rules.detail.nor(["first": .text($0), "second": .text($1)]) }
            throw RuleViolation(Msg.rules.name.quorumNotMet, Msg.rules.detail.quorumAt(["meeting": .plain(meetingID), "needs": .text(unmet)]),
                                source: Cite.policy(rule.source, policy.origin("meeting")))
        }
        let candidates = vote.candidates ?? []
        guard let votes = candidates.first(where: { $0.person == installed.person })?.votes else {
            throw RuleViolation(Msg.rules.name.notACandidate, Msg.rules.detail.noVotes(["person": .plain(installed.person), "vote": .plain(installed.vote)]),
                                source: Cite.the(article, Msg.rules.why.chosenIsCandidate))
        }
        guard rule.decision.isMet(votes, of: attendingAdults) else {
            throw RuleViolation(Msg.rules.name.majorityNotReached,
                                Msg.rules.detail.majority(["person": .plain(installed.person), "votes": .number(votes), "attending": .number(attendingAdults),
                                                           "threshold": rule.decision.arg, "minimum": .number(rule.decision.minimum(of: attendingAdults))]),
                                source: Cite.policy(rule.source, policy.origin("meeting")))
        }
        if let rival = candidates.first(where: { $0.votes >= votes && $0.person != installed.person }) {
            throw RuleViolation(Msg.rules.name.notTheWinner,
                                Msg.rules.detail.rivalVotes(["rival": .plain(rival.person), "rivalVotes": .number(rival.votes), "person": .plain(installed.person),
                                                             "votes": .number(votes)]),
                                source: mostVotes)
        }
        try checkEligibility(installed, on: meetingDate, policy: policy, tables: tables)
        if installed.post == .groupLeader { try checkNotices(group: installed.group, electionDay: meetingDate, policy: policy, tables: tables) }
    }

    /// The candidate reached the minimum age on the meeting's date (the birthday counts), lived in the group
    /// and held voting rights on that date (000_19bdd15b88ce0110.txt 二(二)).
    static func checkEligibility(_ installed: LeaderInstalled, on meetingDate: LocalDate, policy: Policy, tables: borrowing HookTables) throws {
        guard let eligibility = policy.eligibility else { return }
        let cite = Cite.policy(eligibility.source, policy.origin("eligibility"))
        guard let birth = try birthDate(of: installed.person, tables: tables) else { return }
        let age = years(from: birth, to: meetingDate)
        guard age >= eligibility.minimumAge else {
            throw RuleViolation(Msg.rules.name.candidateUnderAge,
                                Msg.rules.detail.underAge(["person": .plain(installed.person), "birth": .date(birth.description), "age": .number(age),
                                                           "date": .date(meetingDate.description), "minimum": .number(eligibility.minimumAge)]),
                                source: cite)
        }
        let residence = try tables.residence(of: installed.person, on: meetingDate)
        if eligibility.mustResideInGroup {
            let livesIn = residence?.group
            guard livesIn == installed.group else {
                throw RuleViolation(Msg.rules.name.candidateNotResident,
                                    Msg.rules.detail.livedElsewhere(["date": .date(meetingDate.description), "person": .plain(installed.person),
                                                                     "lived": livesIn.map { Arg.plain($0) } ?? .text(Text(Msg.rules.detail.noRegisteredGroup)),
                                                                     "group": .plain(installed.group)]),
                                    source: cite)
            }
        }
        if eligibility.mustHoldVotingRights {
            guard residence?.votingRights == true else {
                throw RuleViolation(Msg.rules.name.candidateWithoutVotingRights,
                                    Msg.rules.detail.noVotingRights(["date": .date(meetingDate.description), "person": .plain(installed.person)]), source: cite)
            }
        }
        // Chosen from among the group's own representatives, where the policy says so for the group's kind
        // (000_19bdd15b88ce0110.txt 二(三): 村民小组长由村民小组会议在本小组村民代表中推选产生).
        if installed.post == .groupLeader, let group = try tables.group(installed.group),
           eligibility.representativeOnlyIn.contains(group.kind.rawValue) {
            let representing = try tables.representative(installed.person, of: group.unit)
            guard let representing, representing.isCurrent(on: meetingDate), representing.group == installed.group else {
                let registered: Arg = representing.map { record in
                    .text(record.ended.map { ended in
                        Msg.rules.detail.representedUntil(["group": .plain(record.group), "since": .date(record.since.description), "left": .date(ended.date.description)])
                    } ?? Msg.rules.detail.representedSince(["group": .plain(record.group), "since": .date(record.since.description)]))
                } ?? ""
                throw RuleViolation(Msg.rules.name.candidateNotARepresentative,
                                    Msg.rules.detail.notARepresentativeOfGroup(["date": .date(meetingDate.description), "person": .plain(installed.person),
                                                                                "group": .plain(installed.group), "registered": registered]),
                                    source: cite)
            }
        }
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
