public import EventLog
import CanonicalJSON

/// What `grassroots explain` is asked about.
public enum ExplainTarget: Sendable, Equatable {
    /// A vote by id (`vote:V`): the installations that cite it (or, with none, its front-runner as group
    /// leader); for a vote on another question, its approval.
    case vote(String)
    /// A decision event by seq: leader.installed, vote.tallied, recall.voted, office.ended (recalled: its recall
    /// vote), expense.approved, asset.transferred (v2), committee.installed, confidence.voted.
    case seq(UInt64)
}

/// Why an explanation cannot be given.
public enum ExplainError: Error, Sendable, Equatable {
    /// No vote of that id is recorded (as of the view).
    case unknownVote(String)
    /// No event of that seq is recorded (as of the view: `--at-seq` smaller than the seq).
    case unknownEvent(seq: UInt64, view: UInt64?)
    /// The event is not a decision `explain` assesses.
    case notADecision(seq: UInt64, type: String)
    /// An election vote that lists no candidates and that no installation cites.
    case noCandidates(String)
    /// An office.ended (recalled) with no recall vote on the holder in the group before it.
    case noRecallVote(seq: UInt64, person: String, group: String)
}

/// One decision explained: the event it was recorded by (nil for a vote no installation cites), that event's
/// status (corrected or retracted, and by which event), and the assessment.
public struct Explanation: Sendable {
    public let seq: UInt64?
    public let type: String?
    /// The event's effective date.
    public let effectiveDate: LocalDate?
    /// "corrected" or "retracted" (as of the view), and the event that did it. A corrected event is assessed
    /// with its replacement's payload.
    public let status: String?
    public let statusBy: UInt64?
    public let assessment: Assessment
    /// For a recall vote explained through the office.ended (recalled) that rests on it: that event.
    public internal(set) var endedBy: UInt64?
}

/// Recomputes decisions' validity from the tables as they stand (or as they stood after `--at-seq`): the
/// very checks the append makes (`Rules.assessElection`, `assessRecall`, `assessApproval`), read by index.
public struct ExplainQuery: TableQuery {
    public let target: ExplainTarget
    /// Installations one vote can be cited by, read at most.
    public static let citingEventsMax = 64
    /// Events about a recalled holder read to find the recall vote an office.ended rests on, at most (the
    /// holder's oldest; the latest recall vote among them is taken).
    public static let recallSearchMax = 10_000

    /// The log's head in the snapshot read (events beyond it are not recorded).
    public let head: UInt64

    public init(target: ExplainTarget, head: UInt64) {
        self.target = target
        self.head = head
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [Explanation] {
        switch target {
        case .seq(let seq):
            return [try explain(seq: seq, tables: tables)]
        case .vote(let id):
            guard let vote = try tables.vote(id) else { throw ExplainError.unknownVote(id) }
            guard vote.question == .election else {
                let assessment = try Rules.assessApproval(vote: id, question: vote.question, group: vote.group, tables: tables)
                return [Explanation(seq: nil, type: nil, effectiveDate: nil, status: nil, statusBy: nil, assessment: assessment)]
            }
            var found: [Explanation] = []
            for seq in try citing(id, tables: tables) where try tables.event(seq: seq)?.type == LeaderInstalled.type {
                let explanation = try explain(seq: seq, tables: tables)
                if explanation.status != "retracted" { found.append(explanation) }
            }
            if !found.isEmpty { return found }
            // No installation cites it: what it decided for the candidate with the most votes, as group leader.
            guard let front = (vote.candidates ?? []).max(by: { $0.votes < $1.votes }) else { throw ExplainError.noCandidates(id) }
            guard let meeting = try tables.meeting(vote.meeting) else { throw Rules.damaged("the meeting \(vote.meeting) of \(id) is missing") }
            let basis = try Rules.electionBasis(group: vote.group, voteID: id, date: meeting.date, tables: tables)
            let policy = try tables.policyInForce(group: vote.group, on: meeting.date)
            let assessment = try Rules.assessElection(.election, group: vote.group, person: front.person, post: .groupLeader, voteID: id,
                                                      basis: basis, policy: policy, tables: tables)
            return [Explanation(seq: nil, type: nil, effectiveDate: nil, status: nil, statusBy: nil, assessment: assessment)]
        }
    }

    /// The events that cite the vote `id` (`gov.deps` of the event that registered it), in log order.
    func citing<T: TableTransaction & ~Copyable>(_ id: String, tables: borrowing Tables<T>) throws -> [UInt64] {
        guard let registered = try tables.createdBy(StateTable.votes, key: StateTable.key(id)) else { return [] }
        let prefix = StateTable.seqBytes(registered)
        var found: [UInt64] = []
        try tables.scan(StateTable.dependencies, from: prefix, limit: Self.citingEventsMax) { key, _ in
            guard key.count == 16, key.starts(with: prefix), let dependent = StateTable.readSeq(Array(key.suffix(8))) else { return false }
            found.append(dependent)
            return true
        }
        return found
    }

    func explain<T: TableTransaction & ~Copyable>(seq: UInt64, tables: borrowing Tables<T>) throws -> Explanation {
        let view = tables.view == .max ? nil : tables.view
        guard seq >= 1, seq <= Swift.min(tables.view, head), let event = try tables.event(seq: seq) else { throw ExplainError.unknownEvent(seq: seq, view: view) }
        let status = try tables.status(of: seq)
        var act = try Rules.act(of: event)
        if let status, status.kind == .corrected, let correction = try tables.event(seq: status.by),
           let replacement = correction.data["replacement"]?.objectValue {
            act = try GovernanceAct.decode(type: event.type, schemaVersion: event.schemaVersion, payload: replacement)
        }
        let date = event.effectiveDate
        let assessment: Assessment
        switch act {
        case .leaderInstalled(let installed):
            let basis = try Rules.electionBasis(group: installed.group, voteID: installed.vote, date: date, tables: tables)
            let policy = try tables.policyInForce(group: installed.group, on: basis.meeting.date)
            assessment = try Rules.assessElection(.installation, group: installed.group, person: installed.person, post: installed.post,
                                                  voteID: installed.vote, basis: basis, policy: policy, tables: tables)
        case .voteTallied(let vote):
            // The vote's installations, or (none citing it) its own assessment, recorded by this event.
            guard let first = try ExplainQuery(target: .vote(vote.vote), head: head).run(tables).first else { throw ExplainError.notADecision(seq: seq, type: event.type) }
            if first.seq != nil { return first }
            assessment = first.assessment
        case .recallVoted(let vote):
            assessment = try Rules.assessRecall(vote, date: date, tables: tables)
        case .expenseApproved(let approval):
            assessment = try Rules.assessApproval(vote: approval.vote, question: .expense, group: approval.group, tables: tables)
        case .assetTransferredV2(let transfer):
            guard let vote = transfer.vote else { throw ExplainError.notADecision(seq: seq, type: event.type) }
            assessment = try Rules.assessApproval(vote: vote, question: .asset, group: transfer.group, tables: tables)
        case .committeeInstalled(let installed):
            assessment = try Rules.assessCommitteeElection(installed, tables: tables)
        case .confidenceVoted(let vote):
            assessment = try Rules.assessConfidence(vote, date: date, tables: tables)
        case .officeEnded(let ended) where ended.reason == .recalled:
            // The recall vote the ending rests on: the latest one on the holder in the group before it.
            let earlier = try tables.events(concerning: ended.person, in: 1..<seq, limit: ExplainQuery.recallSearchMax)
            for candidate in earlier.reversed() {
                guard let found = try tables.event(seq: candidate), found.type == RecallVoted.type,
                      found.data["group"]?.stringValue == ended.group, found.data["person"]?.stringValue == ended.person else { continue }
                var explanation = try explain(seq: candidate, tables: tables)
                explanation.endedBy = seq
                return explanation
            }
            throw ExplainError.noRecallVote(seq: seq, person: ended.person, group: ended.group)
        default:
            throw ExplainError.notADecision(seq: seq, type: event.type)
        }
        return Explanation(seq: seq, type: event.type, effectiveDate: date, status: status.map(\.kind.rawValue), statusBy: status?.by, assessment: assessment)
    }
}
