public import EventLog
public import Messages

/// A decision's validity, check by check: what the rules engine compares when the act that relies on the
/// decision is appended (`Rules.checkInstallation`, `checkRecallVote`, `requirePassed`), with every check's
/// numbers, threshold, result and source. The append refuses with the first failing validity check's
/// violation (`refuse()`); `grassroots explain` prints the whole assessment. One computation serves both,
/// so the rule and its explanation cannot drift.
public struct Assessment: Sendable {
    /// What kind of decision is assessed.
    public enum Decision: String, Sendable {
        /// A leader installed on the strength of a vote (leader.installed).
        case installation
        /// An election vote that no installation cites: assessed for its front-runner as group leader.
        case election
        /// A recall vote (recall.voted): its petition and investigation; its turnout and approval.
        case recall
        /// A meeting vote approving an expense or an asset's lease or disposal (expense.approved, asset.transferred).
        case approval
        /// A village's or community's committee or supervision committee election (committee.installed): its notices.
        case committeeElection = "committee-election"
        /// A supervision committee member's yearly confidence vote (confidence.voted): its tally and whether the
        /// member keeps the post.
        case confidence
    }

    public let decision: Decision
    /// The group whose meeting decided.
    public let group: String
    /// The person chosen or recalled (nil for an approval).
    public let person: String?
    /// The post an installation (or an election) fills.
    public internal(set) var post: Post?
    /// The village's or community's post a committee election fills, or a confidence vote's member holds.
    public internal(set) var unitPost: UnitPost?
    /// The vote or petition the decision rests on.
    public let basis: String
    /// The meeting that voted (nil for a recall vote, which reports its own numbers).
    public let meeting: String?
    /// The date the rules are judged on: the meeting's (an installation, an approval) or the vote's (a recall).
    public let date: LocalDate
    /// The policy in force on that date (composed: its id names the nearest layer) and the ids it was resolved from.
    public let policy: String
    public let policyLineage: [String]
    public internal(set) var checks: [DecisionCheck] = []

    init(decision: Decision, group: String, person: String?, basis: String, meeting: String?, date: LocalDate, policy: Policy) {
        self.decision = decision
        self.group = group
        self.person = person
        self.basis = basis
        self.meeting = meeting
        self.date = date
        self.policy = policy.id
        self.policyLineage = policy.lineage
    }

    /// Every validity check passed (outcome checks say whether a recall passed, not whether it was valid).
    public var valid: Bool { firstFailure == nil }

    /// For a recall: whether its turnout and approval passed (nil for other decisions).
    public var passed: Bool? {
        let outcome = checks.filter { $0.stage == .outcome }
        return outcome.isEmpty ? nil : outcome.allSatisfy(\.passed)
    }

    /// The first failing validity check: the one an append is refused by.
    public var firstFailure: DecisionCheck? { checks.first { $0.stage == .validity && !$0.passed } }

    /// Throws the first failing validity check's refusal, as the append always has.
    public func refuse() throws {
        if let failed = firstFailure, let violation = failed.violation { throw violation }
    }

    mutating func add(_ check: DecisionCheck) { checks.append(check) }
}

/// One comparison of an assessment.
public struct DecisionCheck: Sendable {
    /// Stable codes (JSON `kind`).
    public enum Kind: String, Sendable, CaseIterable {
        case meetingRule = "meeting-rule", quorum, candidate, majority, mostVotes = "most-votes"
        case age, residence, votingRights = "voting-rights", representative
        case voterListNotice = "voter-list-notice", candidatesNotice = "candidates-notice"
        case question, decision
        case recallRule = "recall-rule", petition, investigation, tally, turnout, approval
        case noticeRule = "notice-rule", supervisionMember = "supervision-member", confidence
    }

    /// A validity check refuses the act when it fails; an outcome check decides a recall's result.
    public enum Stage: String, Sendable { case validity, outcome }

    public let kind: Kind
    public let stage: Stage
    public let passed: Bool
    /// The numbers and facts compared.
    public let figures: [Figure]
    /// Where the rule comes from.
    public let source: Text
    /// The refusal a failed validity check gives (rule, numbers, source), exactly as the append throws it.
    public let violation: RuleViolation?

    init(_ kind: Kind, _ stage: Stage = .validity, passed: Bool, _ figures: [Figure], source: Text, violation: @autoclosure () -> RuleViolation) {
        self.kind = kind
        self.stage = stage
        self.passed = passed
        self.figures = figures
        self.source = source
        self.violation = passed || stage == .outcome ? nil : violation()
    }

    /// A check that refuses nothing: an outcome, or a passed check that reports what no rule requires.
    init(_ kind: Kind, _ stage: Stage, passed: Bool, _ figures: [Figure], source: Text) {
        precondition(stage == .outcome || passed, "a failing validity check needs the refusal it gives")
        self.kind = kind
        self.stage = stage
        self.passed = passed
        self.figures = figures
        self.source = source
        self.violation = nil
    }
}

/// What one share counts (quorum, majority, petition, turnout, approval).
public enum ShareOf: String, Sendable {
    case adultsAttending = "adults-attending", householdsAttending = "households-attending", votesOfAttending = "votes-of-attending"
    case yesOfAttending = "yes-of-attending", signaturesOfVoters = "signatures-of-voters"
    case representativesSigned = "representatives-signed", turnout, approveOfCast = "approve-of-cast"
    case approveOfRegistered = "approve-of-registered"
    /// A confidence vote's votes for, of votes cast.
    case forOfCast = "for-of-cast"
}

/// The numbers and facts of a check.
public enum Figure: Sendable {
    /// `count` of `base` against `threshold` (`minimum`: the least count that meets it). `reported`: the base a
    /// meeting reported, where the register on its date was larger and counted instead.
    case share(of: ShareOf, count: Int64, base: Int64, threshold: Threshold, minimum: Int64, reported: Int64?)
    /// The policy lists that were searched and set no rule.
    case noRule(policies: [String])
    /// The votes `person` received in `vote` (nil: not a candidate).
    case candidate(person: String, vote: String, votes: Int64?)
    /// The person's votes against the strongest rival's (nil: no rival).
    case rival(person: String, votes: Int64, rival: String?, rivalVotes: Int64?)
    case age(person: String, birth: LocalDate, age: Int, on: LocalDate, minimum: Int)
    /// Where `person` lived on `on` (nil: nowhere registered) and the group the rule requires.
    case residence(person: String, on: LocalDate, lived: String?, group: String)
    case votingRights(person: String, on: LocalDate, holds: Bool)
    /// The group `person` represented on `on` (nil: none), with the registration's dates.
    case representative(person: String, on: LocalDate, group: String, represented: String?, since: LocalDate?, left: LocalDate?)
    /// A notice of `kind` for `election`: when first posted (nil: never), how many days before, and the days required.
    case notice(kind: NoticeKind, at: String, election: LocalDate, posted: LocalDate?, given: Int64?, required: Int64)
    /// The question a vote decided and the one the act needs.
    case question(vote: String, decided: VoteQuestion, required: VoteQuestion)
    /// Whether the investigation found the petition's grounds true (nil: not investigated).
    case investigation(petition: String, substantiated: Bool?)
    case tally(approve: Int64, cast: Int64, eligible: Int64)
    /// A confidence vote's votes for, of votes cast.
    case confidenceTally(for: Int64, cast: Int64)
    /// The supervision committee post `person` held in `unit` on `on`, since `since` (nil: none).
    case supervisionPost(person: String, unit: String, on: LocalDate, since: LocalDate?)
}

extension Threshold {
    /// "at least 2/3" / 三分之二以上; "more than 1/2" / 超过二分之一: as the statutes write it.
    public var words: Text { text }
}
