import CanonicalJSON
import EventLog
import Messages

/// Yearly grades (000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五); 004_7fb8e911e1fe61b5.txt [8]).
extension Rules {
    /// Within the policy's scale (a policy without one, such as the statute floor, restricts none); one grade
    /// per person, group and year; and the year's 优秀 within the policy's share of the leaders the unit
    /// assessed that year (Damao: 10%), whatever the order the grades are entered in (`ExcellentQuota`).
    static func checkGrade(_ assigned: GradeAssigned, date: LocalDate, tables: borrowing HookTables) throws {
        let (group, person, year, unit, grade) = (assigned.group, assigned.person, String(assigned.year), assigned.assessedBy, assigned.grade)
        let policy = try tables.policyInForce(group: group, on: date)
        guard let rule = policy.grades else {
            throw RuleViolation(Msg.rules.name.noGradeRule, Msg.rules.detail.noGradeRule(["policies": .ids(policy.lineage)]),
                                source: Cite.all(Cite.the("村民委员会组织法 (2018) Art. 33", Msg.rules.why.annualAppraisal), Cite.said(Msg.rules.why.unitPolicy)))
        }
        let cite = Cite.policy(rule.source, policy.origin("grades"))
        if let scale = rule.scale, !scale.contains(grade.rawValue) {
            throw RuleViolation(Msg.rules.name.gradeOutsideScale, Msg.rules.detail.gradeOutsideScale(["grade": .plain(grade.rawValue), "scale": .ids(scale)]), source: cite)
        }
        if let existing = try tables.grade(of: person, in: group, year: Int(assigned.year)) {
            throw RuleViolation(Msg.rules.name.alreadyGraded,
                                Msg.rules.detail.alreadyGraded(["person": .plain(person), "group": .plain(group), "grade": .plain(existing.grade.rawValue),
                                                                "year": .plain(year), "seq": .number(existing.seq)]),
                                source: Cite.said(Msg.rules.why.oneGradePerYear, ["source": .source(rule.source), "policy": .plain(policy.origin("grades"))]))
        }
        if grade == .excellent, let percent = rule.excellentMaxPercent {
            var quota = try ExcellentQuota.count(unit: unit, year: Int(assigned.year), tables: tables)
            quota.add(person: person, group: group, excellent: true)
            guard quota.isWithin(percent: percent) else {
                throw RuleViolation(Msg.rules.name.excellentQuotaExceeded, Msg.rules.detail.wouldMake(["quota": .text(quota.text(percent: percent))]), source: cite)
            }
        }
    }

    static func evolveGrade(_ assigned: GradeAssigned, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let (group, person, year) = (assigned.group, assigned.person, String(assigned.year))
        let record = GradeRecord(grade: assigned.grade, seq: event.seq).bytes
        try tables.put(StateTable.grades, key: StateTable.compound(assigned.assessedBy, year, person, group), value: record)
        try tables.put(StateTable.personGrades, key: StateTable.compound(person, group, year), value: record)
    }
}

/// The 优秀 quota of one unit and year (001_6bbac2880b66cfa6.txt (五): 优秀 at most 10% of the leaders
/// assessed). The number assessed is a fact of the year, not of the order grades are entered in: the group
/// leaders in office in the unit's groups at the end of 31 December of that year (an office that ended that
/// day is not counted), or the leaders the unit graded for that year, whichever is more (everyone graded was
/// assessed). A grade is refused exactly when the year's 优秀 would exceed the share: 优秀 x 100 > percent x
/// assessed; an alert reports a year a later change has pushed over it (`AlertsQuery`).
struct ExcellentQuota {
    let unit: String
    let year: Int
    /// Group leaders in office in the unit's groups at the end of the year.
    var inOffice: Int64 = 0
    /// The (person, group) pairs graded for the year, and how many of them 优秀.
    var graded: Set<String> = []
    var excellent: Int64 = 0

    var assessed: Int64 { max(inOffice, Int64(graded.count)) }
    /// How the number assessed was reached.
    var how: Text {
        Msg.rules.detail.quotaHow(["inOffice": .number(inOffice), "yearEnd": .date("\(year)-12-31"), "graded": .number(graded.count)])
    }

    /// The year's 优秀 against the quota: "3 优秀 for 2023 in unit:v, which assessed 20 leaders (...); at most 10%, i.e. 2".
    func text(percent: Int64) -> Text {
        Msg.rules.detail.quota(["excellent": .number(excellent), "year": .number(year), "unit": .plain(unit), "assessed": .number(assessed),
                                "how": .text(how), "percent": .number(percent), "allowed": .number(allowed(percent: percent))])
    }

    mutating func add(person: String, group: String, excellent isExcellent: Bool) {
        graded.insert(person + "\u{0}" + group)
        if isExcellent { excellent += 1 }
    }

    func isWithin(percent: Int64) -> Bool { excellent * 100 <= percent * assessed }
    func allowed(percent: Int64) -> Int64 { percent * assessed / 100 }

    /// The unit's grades for `year` and its leaders in office at that year's end, as the tables stand.
    static func count<T: TableTransaction & ~Copyable>(unit: String, year: Int, tables: borrowing Tables<T>) throws -> ExcellentQuota {
        var quota = ExcellentQuota(unit: unit, year: year)
        let prefix = StateTable.compound(unit, String(year)) + [0]
        try tables.scan(StateTable.grades, from: prefix, limit: Rules.gradesScanMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            let parts = key[prefix.count...].split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw Rules.damaged("a grade key of \(unit) for \(year) is malformed") }
            let grade = try GradeRecord(bytes: value, what: "a grade given by \(unit)").grade
            quota.add(person: String(decoding: parts[0], as: UTF8.self), group: String(decoding: parts[1], as: UTF8.self), excellent: grade == .excellent)
            return true
        }
        guard let yearEnd = LocalDate(year: year, month: 12, day: 31) else { return quota }
        let end = yearEnd.description
        for (group, _) in try tables.groups(within: unit) {
            for interval in try tables.intervals(group, Post.groupLeader.rawValue) where interval.since <= end && (interval.until.map { $0 > end } ?? true) {
                quota.inOffice += 1
            }
        }
        return quota
    }
}
