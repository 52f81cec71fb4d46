import CanonicalJSON
import EventLog
import Messages

/// Notice periods of an election (村民委员会组织法 (2018) Art. 14: the voter list posted at least 20 days before
/// election day; 003_47d81f790fe2866f.txt 三(二)3: the official candidates posted for 7 days). They govern
/// committee elections; a group leader's election follows them where the policy says so
/// (`notices.groupLeaderElections`: 000_19bdd15b88ce0110.txt 二(三), group leaders chosen with the committee's
/// election, organised by the election committee).
extension Rules {
    static func evolveNotice(_ notice: NoticePosted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.notices, key: StateTable.history(notice.group, date: event.effectiveDate, seq: event.seq),
                       value: NoticeRecord(kind: notice.kind, election: notice.election, days: notice.days.map { UInt64($0) }).bytes)
    }

    /// Under a policy whose notice periods govern group-leader elections: a voter list posted for the group at
    /// least `voterListDays` before the election meeting, and the candidates at least `candidatesDays` before,
    /// each posted since the group's previous group-leader term began (a notice of an earlier election does not
    /// count).
    /// Returns the events that posted the notices relied on (an installation depends on them: retracting one
    /// is refused while it stands, `Rules.recordReliance`).
    @discardableResult
    static func checkNotices(group: String, electionDay: LocalDate, policy: Policy, tables: borrowing HookTables) throws -> [UInt64] {
        let (checks, relied) = try groupNoticeChecks(group: group, electionDay: electionDay, policy: policy, tables: tables)
        if let failed = checks.first(where: { !$0.passed }), let violation = failed.violation { throw violation }
        return relied
    }

    /// The notice checks of a group-leader election under `policy` (none where its notice periods do not
    /// govern group-leader elections), and the events that posted the notices relied on.
    static func groupNoticeChecks<T: TableTransaction & ~Copyable>(group: String, electionDay: LocalDate, policy: Policy,
                                                                   tables: borrowing Tables<T>) throws -> (checks: [DecisionCheck], relied: [UInt64]) {
        guard let rule = policy.notices, rule.groupLeaderElections else { return ([], []) }
        let previousStart = try tables.terms(group, Post.groupLeader.rawValue).map(\.since).filter { $0 < electionDay }.max()
        return try noticeChecks(at: group, electionDay: electionDay, since: previousStart, rule: rule,
                                cite: Cite.policy(rule.source, policy.origin("notices")), tables: tables)
    }

    /// The notices of `id` (a group, or a village or community) posted since `since` and by `electionDay`: a
    /// voter list at least the rule's days before, and the candidates likewise. Returns the events relied on.
    static func checkNotices(at id: String, electionDay: LocalDate, since previousStart: LocalDate?, rule: Policy.Notices, cite: Text,
                             tables: borrowing HookTables) throws -> [UInt64] {
        let (checks, relied) = try noticeChecks(at: id, electionDay: electionDay, since: previousStart, rule: rule, cite: cite, tables: tables)
        if let failed = checks.first(where: { !$0.passed }), let violation = failed.violation { throw violation }
        return relied
    }

    /// Each notice the rule requires, as a check: the earliest such notice of `id` posted since
    /// `previousStart` and by `electionDay`, and how many days before election day it went up.
    static func noticeChecks<T: TableTransaction & ~Copyable>(at id: String, electionDay: LocalDate, since previousStart: LocalDate?,
                                                              rule: Policy.Notices, cite: Text,
                                                              tables: borrowing Tables<T>) throws -> (checks: [DecisionCheck], relied: [UInt64]) {
        var relied: [UInt64] = []
        var checks: [DecisionCheck] = []
        let notices = try tables.notices(of: id).filter { notice in
            notice.date <= electionDay && (previousStart.map { start in notice.date >= start } ?? true)
        }
        for (kind, days, what, checkKind) in [(NoticeKind.voterList, rule.voterListDays, Msg.rules.detail.voterListNotice, DecisionCheck.Kind.voterListNotice),
                                              (NoticeKind.candidates, rule.candidatesDays, Msg.rules.detail.candidatesNotice, DecisionCheck.Kind.candidatesNotice)] {
            guard let days, days > 0 else { continue }
            let earliest = notices.filter { $0.record.kind == kind }.min { ($0.date, $0.seq) < ($1.date, $1.seq) }
            guard let posted = earliest?.date else {
                checks.append(DecisionCheck(checkKind, passed: false,
                                    [.notice(kind: kind, at: id, election: electionDay, posted: nil, given: nil, required: days)], source: cite,
                                    violation: RuleViolation(Msg.rules.name.noticeNotPosted,
                                                             Msg.rules.detail.noticeNotPosted(["what": .text(Text(what)), "id": .plain(id),
                                                                                               "election": .date(electionDay.description), "days": .number(days)]),
                                                             source: cite)))
                continue
            }
            let given = LocalDate.dayNumber(electionDay) - LocalDate.dayNumber(posted)
            checks.append(DecisionCheck(checkKind, passed: given >= days,
                                [.notice(kind: kind, at: id, election: electionDay, posted: posted, given: given, required: days)], source: cite,
                                violation: RuleViolation(Msg.rules.name.noticeTooShort,
                                                         Msg.rules.detail.noticeTooShort(["what": .text(Text(what)), "id": .plain(id), "posted": .date(posted.description),
                                                                                          "given": .number(given), "election": .date(electionDay.description),
                                                                                          "days": .number(days)]),
                                                         source: cite)))
            if given >= days, let seq = earliest?.seq { relied.append(seq) }
        }
        return (checks, relied)
    }
}

/// A notice as stored (`gov.notices`, keyed group, date, seq): what it showed, the election it concerns, and
/// for how many days it stays posted.
struct NoticeRecord: StoredRecord {
    static let format: UInt8 = 1
    var kind: NoticeKind
    var election: String?
    var days: UInt64?

    init(kind: NoticeKind, election: String?, days: UInt64?) {
        self.kind = kind
        self.election = election
        self.days = days
    }

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.optional(election) { out, election in out.text(election) }
        out.optional(days) { out, days in out.u64(days) }
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(NoticeKind.self)
        election = try reader.optional { try $0.text() }
        days = try reader.optional { try $0.u64() }
    }
}

extension Tables where Transaction: ~Copyable {
    /// The notices posted for `group`, by date, at most `QueryLimits.linesMax`.
    func notices(of group: String) throws -> [(date: LocalDate, seq: UInt64, record: NoticeRecord)] {
        let prefix = StateTable.historyPrefix(group)
        var found: [(date: LocalDate, seq: UInt64, record: NoticeRecord)] = []
        try scan(StateTable.notices, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard key.count == prefix.count + 18, let date = LocalDate(iso: String(decoding: key[prefix.count..<(prefix.count + 10)], as: UTF8.self)),
                  let seq = StateTable.readSeq(Array(key.suffix(8))) else {
                throw Rules.damaged("a notice key of \(group) is malformed")
            }
            found.append((date, seq, try NoticeRecord(bytes: value, what: "a notice of \(group)")))
            return true
        }
        return found
    }
}
