import CanonicalJSON
import EventLog

/// Yearly grades (000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五); 004_7fb8e911e1fe61b5.txt [8]).
extension Rules {
    /// Within the policy's scale; one grade per person, group and year; at most the policy's share of 优秀
    /// among the leaders one unit has graded that year (Damao: 10%).
    static func checkGrade(_ assigned: GradeAssigned, date: LocalDate, tables: borrowing HookTables) throws {
        let (group, person, year, unit, grade) = (assigned.group, assigned.person, String(assigned.year), assigned.assessedBy, assigned.grade)
        let policy = try tables.policyInForce(group: group, on: date)
        guard let rule = policy.grades else {
            throw RuleViolation(rule: "no grade rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets a grade scale", source: "")
        }
        let cite = "\(rule.source) (\(policy.origin("grades")))"
        guard rule.scale.contains(grade.rawValue) else {
            throw RuleViolation(rule: "grade outside the policy's scale", detail: "\(grade.rawValue) is not among \(rule.scale.joined(separator: ", "))", source: cite)
        }
        if let existing = try tables.grade(of: person, in: group, year: Int(assigned.year)) {
            throw RuleViolation(rule: "already graded",
                                detail: "\(person) in \(group) was graded \(existing.grade.rawValue) for \(year); correct that event instead", source: "")
        }
        if grade == .excellent, let percent = rule.excellentMaxPercent {
            var graded: Int64 = 1
            var excellent: Int64 = 1
            let prefix = StateTable.compound(unit, year) + [0]
            try tables.scan(StateTable.grades, from: prefix, limit: gradesScanMax) { key, value in
                guard key.starts(with: prefix) else { return false }
                graded += 1
                if try GradeRecord(bytes: value, what: "a grade given by \(unit)").grade == .excellent { excellent += 1 }
                return true
            }
            guard excellent * 100 <= percent * graded else {
                throw RuleViolation(rule: "优秀 quota exceeded",
                                    detail: "this would make \(excellent) 优秀 among \(graded) leaders graded by \(unit) for \(year); at most \(percent)% (\(percent * graded / 100)); record the year's other grades first",
                                    source: cite)
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
