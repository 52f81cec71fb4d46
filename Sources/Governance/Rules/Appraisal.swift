import CanonicalJSON
import EventLog
import Messages

/// The yearly democratic appraisal (民主评议): 000_19bdd15b88ce0110.txt 四(一) (satisfaction ratings that feed
/// the year-end assessment); 004_7fb8e911e1fe61b5.txt [8] (the appraisal weighs 30% of the year's assessment;
/// more than 1/3 不称职 votes calls for a prompt organisational adjustment); provincial implementations space
/// appraisals some months apart (RULES.md: Chongqing Art. 32, Shandong Art. 29-30: at least 6 months).
extension Rules {
    /// A version-2 appraisal carries ratings or grade votes (or both), each grade voted at most once; it is
    /// of a holder of a post in the group; and it is at least the policy's months from the holder's other
    /// appraisals in the group.
    static func checkAppraisal(_ appraisal: AppraisalHeldV2, date: LocalDate, tables: borrowing HookTables) throws {
        let source = Cite.the("004_7fb8e911e1fe61b5.txt [8]; 000_19bdd15b88ce0110.txt 四(一)")
        guard appraisal.ratings != nil || appraisal.gradeVotes != nil else {
            throw RuleViolation(Msg.rules.name.emptyAppraisal, Msg.rules.detail.emptyAppraisal(["person": .plain(appraisal.person)]), source: source)
        }
        let grades = (appraisal.gradeVotes ?? []).map(\.grade)
        if let repeated = grades.first(where: { grade in grades.filter { $0 == grade }.count > 1 }) {
            throw RuleViolation(Msg.rules.name.gradeVotedTwice, Msg.rules.detail.gradeVotedTwice(["grade": .plain(repeated.rawValue)]), source: source)
        }
        // The holder held a post of the group on the appraisal's date (it may be entered after the office ended).
        let held = try tables.terms(of: appraisal.person).contains { term in
            term.group == appraisal.group && term.since <= date && (term.ending.map { $0.until >= date } ?? true)
        }
        guard held else {
            throw RuleViolation(Msg.rules.name.notInOffice,
                                Msg.rules.detail.appraisalOfNonHolder(["date": .date(date.description), "person": .plain(appraisal.person), "group": .plain(appraisal.group)]),
                                source: Cite.the("000_19bdd15b88ce0110.txt 四(一)", Msg.rules.why.yearlyAppraisal))
        }
        let policy = try tables.policyInForce(group: appraisal.group, on: date)
        guard let rule = policy.appraisal, let months = rule.monthsApartMin, months > 0 else { return }
        for other in try tables.appraisals(of: appraisal.person, in: appraisal.group) {
            let apart = abs(monthsBetween(other.date, date))
            guard apart >= Int(months) else {
                throw RuleViolation(Msg.rules.name.appraisalsTooClose,
                                    Msg.rules.detail.appraisalsTooClose(["person": .plain(appraisal.person), "other": .date(other.date.description), "seq": .number(other.seq),
                                                                         "date": .date(date.description), "apart": .number(apart), "months": .number(months)]),
                                    source: Cite.policy(rule.source, policy.origin("appraisal")))
            }
        }
    }

    static func evolveAppraisal(_ appraisal: AppraisalHeldV2, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = AppraisalRecord(year: Int(appraisal.year), date: event.effectiveDate,
                                     votes: (appraisal.gradeVotes ?? []).map { .init(grade: $0.grade, votes: UInt64($0.votes)) })
        try tables.put(StateTable.appraisals, key: StateTable.history(StateTable.appraisalSubject(appraisal.group, appraisal.person),
                                                                      date: event.effectiveDate, seq: event.seq),
                       value: record.bytes)
    }

    /// Whole months from `a` to `b` (negative when `b` is earlier): a month is full on the same day of the month,
    /// or on the last day of a month that has no such day (民法典 Art. 202: 没有对应日的, 月末日为期间的最后一日).
    static func monthsBetween(_ a: LocalDate, _ b: LocalDate) -> Int {
        guard a <= b else { return -monthsBetween(b, a) }
        var months = (b.year - a.year) * 12 + (b.month - a.month)
        let lastDay = LocalDate.daysIn(month: b.month, year: b.year)
        if b.day < a.day && b.day < lastDay { months -= 1 }
        return months
    }
}

/// A version-2 appraisal as stored (`gov.appraisals`, keyed group 0x00 person, date, seq): the year
/// appraised, its date, and its votes by grade (none when it recorded satisfaction ratings only).
struct AppraisalRecord: StoredRecord {
    struct Vote: Equatable {
        var grade: Grade
        var votes: UInt64
    }
    static let format: UInt8 = 1
    var year: Int
    var date: LocalDate
    var votes: [Vote]
    /// The event that recorded it (from the key; not stored in the value).
    var seq: UInt64 = 0

    init(year: Int, date: LocalDate, votes: [Vote]) {
        self.year = year
        self.date = date
        self.votes = votes
    }

    func write(to out: inout RecordWriter) {
        precondition((0...Int(UInt16.max)).contains(year) && votes.count <= 4, "an appraisal has a year and at most four grades")
        out.u16(year)
        out.date(date)
        out.u8(UInt8(votes.count))
        for vote in votes {
            out.text(vote.grade.rawValue)
            out.u64(vote.votes)
        }
    }

    init(reading reader: inout RecordReader) throws {
        year = try reader.u16()
        date = try reader.date()
        let count = Int(try reader.u8())
        guard count <= 4 else { throw reader.damaged("an appraisal lists \(count) grades") }
        votes = try (0..<count).map { _ in Vote(grade: try reader.vocabulary(Grade.self), votes: try reader.u64()) }
    }

    /// Votes cast by grade, in total.
    var total: UInt64 { votes.reduce(0) { $0 + $1.votes } }
    func votes(for grade: Grade) -> UInt64 { votes.first { $0.grade == grade }?.votes ?? 0 }
}

extension Tables where Transaction: ~Copyable {
    /// `person`'s version-2 appraisals in `group`, by date, at most `QueryLimits.linesMax`.
    func appraisals(of person: String, in group: String) throws -> [AppraisalRecord] {
        let prefix = StateTable.historyPrefix(StateTable.appraisalSubject(group, person))
        var found: [AppraisalRecord] = []
        try scan(StateTable.appraisals, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard let seq = StateTable.readSeq(Array(key.suffix(8))), key.count == prefix.count + 18 else {
                throw Rules.damaged("an appraisal key of \(person) in \(group) is malformed")
            }
            var record = try AppraisalRecord(bytes: value, what: "an appraisal of \(person) in \(group)")
            record.seq = seq
            found.append(record)
            return true
        }
        return found
    }
}
