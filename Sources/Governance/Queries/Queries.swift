import CanonicalJSON
public import EventLog
/// Limits on what one query reads.
public enum QueryLimits {
    public static let groupsMax = 100_000
    public static let intervalsPerPostMax = 10_000
    public static let linesMax = 100_000
}

/// One post's holder (or vacancy) on a date.
public struct RosterRow: Sendable, Equatable {
    public let group: String
    public let post: String
    /// nil: vacant.
    public let person: String?
    public let since: String?
    /// For a vacancy: since when (the last holder's end, or the group's registration).
    public let vacantSince: String?
}

/// Who held each post of a group (or of every group under a unit) on a date, or now.
public struct RosterQuery: TableQuery {
    public let unit: String?
    public let group: String?
    public let asOf: LocalDate?
    public init(unit: String?, group: String?, asOf: LocalDate?) {
        self.unit = unit
        self.group = group
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [RosterRow] {
        var groups: [(id: String, record: GroupRecord)] = []
        if let group {
            guard let record = try tables.group(group) else {
                throw RuleViolation.unknownGroup(group)
            }
            groups.append((group, record))
        } else if let unit {
            groups = try tables.groups(within: unit)
        }
        let day = asOf?.description
        var rows: [RosterRow] = []
        for (group, record) in groups {
            if let day, record.since.description > day { continue }
            for post in Post.allCases.map(\.rawValue) {
                var holders: [OfficeInterval] = []
                var lastEnd: String? = nil
                for interval in try tables.intervals(group, post) where day.map({ interval.since <= $0 }) ?? true {
                    let holds = day.map { d in interval.until.map { d < $0 } ?? true } ?? (interval.until == nil)
                    if holds {
                        holders.append(interval)
                    } else if let until = interval.until, lastEnd.map({ until > $0 }) ?? true {
                        lastEnd = until
                    }
                }
                for holder in holders {
                    rows.append(RosterRow(group: group, post: post, person: holder.person, since: holder.since, vacantSince: nil))
                }
                if holders.isEmpty && post == "group-leader" {
                    rows.append(RosterRow(group: group, post: post, person: nil, since: nil,
                                          vacantSince: lastEnd ?? record.since.description))
                }
            }
        }
        guard let unit, group == nil else { return rows }
        // Under a unit: its villages' and communities' own posts (committee, supervision committee) and their
        // villager representatives, on the date (or now).
        let on = asOf ?? LocalDate.today()
        for (village, _) in try tables.villages(within: unit) {
            for post in UnitPost.allCases {
                for term in try tables.unitTerms(village, post)
                where term.since <= on && (asOf == nil ? term.ending == nil : term.ending.map { $0.until > on } ?? true) {
                    rows.append(RosterRow(group: village, post: post.rawValue, person: term.person, since: term.since.description, vacantSince: nil))
                }
            }
            for (person, record) in try tables.representatives(of: village)
            where asOf == nil ? record.ended == nil : record.isCurrent(on: on) {
                rows.append(RosterRow(group: record.group, post: "representative", person: person, since: record.since.description, vacantSince: nil))
            }
        }
        return rows
    }
}

/// A person's record: posts over time, grades, discipline, and their subsidy account.
public struct PersonReport: Sendable {
    public struct Tenure: Sendable, Equatable { public let group: String, post: String, since: String, until: String?, reason: String? }
    public struct Grade: Sendable, Equatable { public let group: String, year: String, grade: String }
    public struct Discipline: Sendable, Equatable { public let date: String, kind: String, reason: String, imposedBy: String }
    public struct MoneyLine: Sendable, Equatable { public let kind: String, amountFen: Int64, group: String?, year: String? }
    public let person: String
    public let birthDate: String?
    /// The name (a version-2 registration's, opened from the sealed-value store), or why there is none.
    public var name: PersonName = .unnamed
    public var tenures: [Tenure] = []
    public var grades: [Grade] = []
    public var discipline: [Discipline] = []
    public var money: [MoneyLine] = []
    public var owedFen: Int64 = 0
}

public struct PersonQuery: TableQuery {
    public let person: String
    public let asOf: LocalDate?
    public init(person: String, asOf: LocalDate?) {
        self.person = person
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> PersonReport {
        guard let record = try tables.person(person) else {
            throw RuleViolation.unknownPerson(person)
        }
        let birthDate = try record.birthDate?.description ?? record.sealed.flatMap { try tables.unseal($0.birthDate) }
        var report = PersonReport(person: person, birthDate: birthDate)
        report.name = try PersonName(record, tables: tables)
        let day = asOf?.description
        let prefix = Array(person.utf8) + [0]
        for term in try tables.terms(of: person) {
            if let asOf, term.since > asOf { break }
            // As known on `asOf`, an office that ended later had not ended.
            let ending = term.ending.flatMap { ending in asOf.map { ending.until > $0 } == true ? nil : ending }
            report.tenures.append(.init(group: term.group, post: term.post.rawValue, since: term.since.description,
                                        until: ending?.until.description, reason: ending?.reason.rawValue))
        }
        // A village's or community's own posts (committee, supervision committee): the place is the unit.
        for term in try tables.unitTerms(of: person) {
            if let asOf, term.since > asOf { break }
            let ending = term.ending.flatMap { ending in asOf.map { ending.until > $0 } == true ? nil : ending }
            report.tenures.append(.init(group: term.unit, post: term.post.rawValue, since: term.since.description,
                                        until: ending?.until.description, reason: ending?.reason.rawValue))
        }
        try tables.scan(StateTable.personGrades, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            let parts = key.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard parts.count == 3 else { return true }
            if let day, parts[2] >= String(day.prefix(4)) { return true }
            let grade = try GradeRecord(bytes: value, what: "the \(parts[2]) grade of \(person) in \(parts[1])")
            report.grades.append(.init(group: parts[1], year: parts[2], grade: grade.grade.rawValue))
            return true
        }
        for record in try tables.records(StateTable.discipline, of: person, { try DisciplineRecord(bytes: $0, what: "a discipline of \(person)") })
        where asOf.map({ record.date <= $0 }) ?? true {
            report.discipline.append(.init(date: record.date.description, kind: record.kind.rawValue, reason: try SealedText.open(record.reason, tables: tables),
                                           imposedBy: record.imposedBy))
        }
        for line in try tables.moneyLines(of: person) {
            report.money.append(.init(kind: line.kind.name, amountFen: line.amountFen, group: line.group, year: line.year))
        }
        report.owedFen = try tables.owed(person).fen
        return report
    }
}

/// A group's fund: every receipt and expense up to a date, with the approval each expense cites.
public struct FundsReport: Sendable {
    public struct Line: Sendable, Equatable {
        public let seq: UInt64, date: String, kind: String, amountFen: Int64, counterparty: String, approval: String?
    }
    public let group: String
    public var lines: [Line] = []
    public var receiptsFen: Int64 { lines.filter { $0.kind == "receipt" }.reduce(0) { $0 + $1.amountFen } }
    public var expensesFen: Int64 { lines.filter { $0.kind == "expense" }.reduce(0) { $0 + $1.amountFen } }
    public var balanceFen: Int64 { receiptsFen - expensesFen }
    public var unapproved: [Line] { lines.filter { $0.kind == "expense" && $0.approval == nil } }
}

public struct FundsQuery: TableQuery {
    public let group: String
    public let asOf: LocalDate?
    public init(group: String, asOf: LocalDate?) {
        self.group = group
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> FundsReport {
        guard try tables.group(group) != nil else {
            throw RuleViolation.unknownGroup(group)
        }
        var report = FundsReport(group: group)
        let prefix = Array(group.utf8) + [0]
        try tables.scan(StateTable.funds, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix), key.count == prefix.count + 8 else { return false }
            let seq = key[prefix.count...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let line = try FundLine(bytes: value, what: "the fund line of event \(seq) of \(group)")
            if let asOf, line.date > asOf { return true }
            report.lines.append(.init(seq: seq, date: line.date.description, kind: line.kind.rawValue, amountFen: line.amountFen,
                                      counterparty: try SealedText.open(line.counterparty, tables: tables), approval: line.approval))
            return true
        }
        report.lines.sort { ($0.date, $0.seq) < ($1.date, $1.seq) }
        return report
    }
}

/// Which of the given events were corrected or retracted, and by which event.
public struct StatusQuery: TableQuery {
    public let seqs: [UInt64]
    public init(seqs: [UInt64]) { self.seqs = seqs }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [UInt64: (status: String, by: UInt64)] {
        var found: [UInt64: (status: String, by: UInt64)] = [:]
        for seq in seqs {
            if let status = try tables.status(of: seq) { found[seq] = (status.kind.rawValue, status.by) }
        }
        return found
    }
}
