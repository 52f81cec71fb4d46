import CanonicalJSON
import EventLog

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
            throw RuleViolation(rule: "more ballots than people", detail: "\(vote.ballotsCast) ballots cast at \(vote.meeting), which \(attending) adults attended", source: "Schemas/events/vote.tallied.v1.schema.json (ballots are cast by those attending); 村民委员会组织法 (2018) Art. 28")
        }
        for candidate in vote.candidates ?? [] where candidate.votes > vote.ballotsCast {
            throw RuleViolation(rule: "more votes than ballots", detail: "\(candidate.person) has \(candidate.votes) votes from \(vote.ballotsCast) ballots", source: "Schemas/events/vote.tallied.v1.schema.json (one vote per ballot)")
        }
        let questionVotes = (vote.yes ?? 0) + (vote.no ?? 0)
        guard questionVotes <= vote.ballotsCast else {
            throw RuleViolation(rule: "more votes than ballots", detail: "\(questionVotes) yes and no votes from \(vote.ballotsCast) ballots", source: "Schemas/events/vote.tallied.v1.schema.json (one vote per ballot)")
        }
        if meeting.date > date {
            throw RuleViolation(rule: "vote before its meeting", detail: "tallied on \(date), the meeting \(vote.meeting) is dated \(meeting.date)", source: "Schemas/events/vote.tallied.v1.schema.json (a vote is taken at its meeting)")
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
        let mostVotes = resident ? "城市居民委员会组织法 (2018) Art. 14 (the one the group chose)" : "村民委员会组织法 (2018) Art. 15 (the candidate with the most votes is elected); 村民委员会组织法 (2018) Art. 28"
        guard let vote = try tables.vote(installed.vote), let meeting = try tables.meeting(vote.meeting) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(installed.vote) or its meeting is not registered", source: "\(article) (a leader is chosen by a group meeting's vote)")
        }
        let (meetingID, meetingDate) = (vote.meeting, meeting.date)
        guard vote.question == .election else {
            throw RuleViolation(rule: "not an election", detail: "\(installed.vote) decided a \(vote.question.rawValue) question, not an election", source: "\(article) (a leader is chosen by the group meeting's election)")
        }
        guard date >= meetingDate else {
            throw RuleViolation(rule: "installed before the vote", detail: "installed on \(date), the meeting was on \(meetingDate)", source: "\(article) (a leader takes office on the strength of the vote)")
        }
        let policy = try tables.policyInForce(group: installed.group, on: meetingDate)
        let cite = { (source: String, section: String) in "\(source) (\(policy.origin(section)))" }

        // A term that ends before it begins.
        if let ends = installed.termEnds, ends <= date {
            throw RuleViolation(rule: "term ends before it begins", detail: "installed on \(date) with a term ending on \(ends)",
                                source: "村民委员会组织法 (2018) Art. 19 (a by-elected member's term ends with the sitting committee's)")
        }
        // The same person twice in the same post of one group.
        if let held = try tables.holding(installed.group, installed.post.rawValue, person: installed.person) {
            throw RuleViolation(rule: "post already held",
                                detail: "\(installed.person) has held \(installed.post.rawValue) of \(installed.group) since \(held.since) (event \(held.installedBy)); one person holds a post once",
                                source: "002_133fd3ad279d9709.txt 三(二) (a group's 3-5 members are different people); 000_19bdd15b88ce0110.txt 二(一)")
        }
        // One group, one leader.
        if installed.post == .groupLeader, let holder = try tables.holders(installed.group, Post.groupLeader.rawValue, limit: 1).first {
            throw RuleViolation(rule: "group already has a leader",
                                detail: "\(holder.person) holds group-leader of \(installed.group) since \(holder.since); end that office first",
                                source: "one group, one leader (一组一长): 000_19bdd15b88ce0110.txt 二(一)")
        }

        // Quorum and majority under the policy in force on the meeting's date.
        guard let rule = policy.meeting else {
            throw RuleViolation(rule: "no meeting rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets a quorum for group meetings", source: "\(article) (the statute floor); DESIGN.md principle 2")
        }
        // The quorum counts against the group's register on the meeting's date (group.registered,
        // group.size.recorded) when it is larger than what the meeting reported: a meeting cannot shrink its
        // own denominator.
        let register = try tables.size(of: installed.group, on: meetingDate)
        func base(_ reported: Int64, _ registered: Int64?, _ what: String) -> (Int64, String) {
            guard let registered, registered > reported else { return (reported, "") }
            return (registered, " (the register on \(meetingDate): \(registered) \(what); the meeting reported \(reported))")
        }
        let attendingAdults = meeting.attendingAdults
        let (eligibleAdults, adultsNote) = base(meeting.eligibleAdults, register?.adults, "adults")
        var quorumMet = false
        var needs: [String] = []
        if let byAdults = rule.quorumAdults {
            if byAdults.isMet(attendingAdults, of: eligibleAdults) { quorumMet = true }
            needs.append("\(attendingAdults) of \(eligibleAdults) adults attended\(adultsNote); needs \(byAdults) (\(byAdults.minimum(of: eligibleAdults)))")
        }
        if let byHouseholds = rule.quorumHouseholds, let reported = meeting.eligibleHouseholds, let attending = meeting.attendingHouseholds {
            let (eligible, householdsNote) = base(reported, register?.households, "households")
            if byHouseholds.isMet(attending, of: eligible) { quorumMet = true }
            needs.append("\(attending) of \(eligible) households were represented\(householdsNote); needs \(byHouseholds) (\(byHouseholds.minimum(of: eligible)))")
        }
        if rule.quorumAdults == nil && rule.quorumHouseholds == nil { quorumMet = true }
        guard quorumMet else {
            throw RuleViolation(rule: "quorum not met", detail: "at \(meetingID), " + needs.joined(separator: ", nor "), source: cite(rule.source, "meeting"))
        }
        let candidates = vote.candidates ?? []
        guard let votes = candidates.first(where: { $0.person == installed.person })?.votes else {
            throw RuleViolation(rule: "not a candidate", detail: "\(installed.person) received no votes in \(installed.vote)", source: "\(article) (the one chosen is a candidate of the vote)")
        }
        guard rule.decision.isMet(votes, of: attendingAdults) else {
            throw RuleViolation(rule: "majority not reached",
                                detail: "\(installed.person) received \(votes) votes of \(attendingAdults) attending; needs \(rule.decision) (\(rule.decision.minimum(of: attendingAdults)))",
                                source: cite(rule.source, "meeting"))
        }
        if let rival = candidates.first(where: { $0.votes >= votes && $0.person != installed.person }) {
            throw RuleViolation(rule: "not the winner", detail: "\(rival.person) received \(rival.votes) votes to \(installed.person)'s \(votes)", source: mostVotes)
        }
        try checkEligibility(installed, on: meetingDate, policy: policy, tables: tables)
        if installed.post == .groupLeader { try checkNotices(group: installed.group, electionDay: meetingDate, policy: policy, tables: tables) }
    }

    /// The candidate reached the minimum age on the meeting's date (the birthday counts), lived in the group
    /// and held voting rights on that date (000_19bdd15b88ce0110.txt 二(二)).
    static func checkEligibility(_ installed: LeaderInstalled, on meetingDate: LocalDate, policy: Policy, tables: borrowing HookTables) throws {
        guard let eligibility = policy.eligibility else { return }
        let cite = "\(eligibility.source) (\(policy.origin("eligibility")))"
        guard let personRecord = try tables.record(StateTable.persons, StateTable.key(installed.person)) else { return }
        let birth = try date(personRecord, "birthDate", of: installed.person)
        let age = years(from: birth, to: meetingDate)
        guard age >= eligibility.minimumAge else {
            throw RuleViolation(rule: "candidate under age",
                                detail: "\(installed.person), born \(birth), was \(age) on \(meetingDate); must be at least \(eligibility.minimumAge)", source: cite)
        }
        let residence = try tables.residence(of: installed.person, on: meetingDate)
        if eligibility.mustResideInGroup {
            let livesIn = residence?.group
            guard livesIn == installed.group else {
                throw RuleViolation(rule: "candidate not resident in the group",
                                    detail: "on \(meetingDate) \(installed.person) lived in \(livesIn ?? "no registered group"), not \(installed.group)", source: cite)
            }
        }
        if eligibility.mustHoldVotingRights {
            guard residence?.votingRights == true else {
                throw RuleViolation(rule: "candidate without voting rights", detail: "on \(meetingDate) \(installed.person) did not hold voting rights", source: cite)
            }
        }
        // Chosen from among the group's own representatives, where the policy says so for the group's kind
        // (000_19bdd15b88ce0110.txt 二(三): 村民小组长由村民小组会议在本小组村民代表中推选产生).
        if installed.post == .groupLeader, let group = try tables.group(installed.group),
           eligibility.representativeOnlyIn.contains(group.kind.rawValue) {
            let representing = try tables.representative(installed.person, of: group.unit)
            guard let representing, representing.isCurrent(on: meetingDate), representing.group == installed.group else {
                throw RuleViolation(rule: "candidate not a representative of the group",
                                    detail: "on \(meetingDate) \(installed.person) was not a villager representative of \(installed.group)"
                                        + (representing.map { " (registered for \($0.group) from \($0.since)\($0.ended.map { ", left \($0.date)" } ?? ""))" } ?? ""),
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

    static func requireHolder(group: String, person: String, tables: borrowing HookTables, act: String) throws {
        for post in Post.allCases {
            if try tables.holding(group, post.rawValue, person: person) != nil { return }
        }
        throw RuleViolation(rule: "not in office", detail: "\(act) for \(person), who holds no post in \(group)", source: "000_19bdd15b88ce0110.txt 二(三), 四 (these acts concern the group's leaders and members in office)")
    }

    /// The office is held, ends no earlier than it began, and for the reason the record supports
    /// (`checkEndingReason`).
    static func checkOfficeEnd(_ ended: OfficeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        guard let holder = try tables.holding(ended.group, ended.post.rawValue, person: ended.person) else {
            let current = try tables.holders(ended.group, ended.post.rawValue).map(\.person)
            throw RuleViolation(rule: "office not held",
                                detail: "\(ended.person) does not hold \(ended.post.rawValue) of \(ended.group)"
                                    + (current.isEmpty ? " (no one does; an office cannot end twice)" : " (\(current.joined(separator: ", ")) does)"),
                                source: "Schemas/events/office.ended.v1.schema.json (an office held ends once)")
        }
        let start = holder.since
        if date < start {
            throw RuleViolation(rule: "office ends before it began", detail: "ending on \(date), the office began on \(start)", source: "Schemas/events/office.ended.v1.schema.json (an office ends after it began)")
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
