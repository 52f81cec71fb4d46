import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

/// Options every state query takes.
struct QueryOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What was true on this date (YYYY-MM-DD), as the ledger knows it now.", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("As the ledger stood right after event N (what was known then).", valueName: "seq"))
    var atSeq: UInt64?

    @Flag(help: "Print as JSON.")
    var json = false

    var date: LocalDate? { asOf.flatMap(LocalDate.init(iso:)) }

    func validate() throws {
        if let asOf, LocalDate(iso: asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, got \(asOf)") }
        if let atSeq, atSeq == 0 { throw ValidationError("--at-seq counts from 1") }
    }

    /// A heading line saying which time the answer is for.
    var heading: String {
        var parts: [String] = []
        if let asOf { parts.append("as of \(asOf)") }
        if let atSeq { parts.append("as recorded up to event \(atSeq)") }
        return parts.isEmpty ? "" : "(" + parts.joined(separator: ", ") + ")\n"
    }
}

/// Runs a governance query, turning a refusal into bad input.
func answer<Q: TableQuery>(_ ledger: Ledger, _ query: Q, _ options: QueryOptions) throws -> Q.Result {
    do {
        return try ledger.query(query, atSeq: options.atSeq)
    } catch let error as RuleViolation {
        throw CLIError.badInput(error.description)
    }
}

func yuan(_ fen: Int64) -> String {
    let sign = fen < 0 ? "-" : ""
    let magnitude = fen.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
}

struct Roster: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who holds (or held) each post of a group, or of every group under a unit; vacancies.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "Every group at or below this unit.")
    var unit: String?

    @Option(help: "One group.")
    var group: String?

    func validate() throws {
        guard (unit == nil) != (group == nil) else { throw ValidationError("give --unit or --group") }
    }

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(), RosterQuery(unit: unit, group: group, asOf: query.date), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    var object: JSONObject = ["group": .string(row.group), "post": .string(row.post)]
                    if let person = row.person { object.set("person", .string(person)) }
                    if let since = row.since { object.set("since", .string(since)) }
                    if let vacant = row.vacantSince { object.set("vacantSince", .string(vacant)) }
                    return .object(object)
                })) + "\n")
                return
            }
            Terminal.write(query.heading + Terminal.table(["GROUP", "POST", "HOLDER", "SINCE"], rows.map { row in
                [row.group, row.post, row.person ?? "VACANT", row.person == nil ? "vacant since \(row.vacantSince ?? "?")" : row.since ?? ""]
            }))
        }
    }
}

struct PersonCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person's posts over time, grades, discipline and subsidy account.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Argument(help: "The person's id, e.g. person:p-0001.")
    var person: String

    func run() throws {
        try runReportingErrors {
            let report = try answer(try global.openLedger(), PersonQuery(person: person, asOf: query.date), query)
            if query.json {
                var object = JSONObject()
                object.set("person", .string(report.person))
                object.set("posts", .array(report.tenures.map { t in
                    var o: JSONObject = ["group": .string(t.group), "post": .string(t.post), "since": .string(t.since)]
                    if let until = t.until { o.set("until", .string(until)) }
                    if let reason = t.reason { o.set("reason", .string(reason)) }
                    return .object(o)
                }))
                object.set("grades", .array(report.grades.map { .object(["group": .string($0.group), "year": .string($0.year), "grade": .string($0.grade)]) }))
                object.set("discipline", .array(report.discipline.map { .object(["date": .string($0.date), "kind": .string($0.kind), "reason": .string($0.reason)]) }))
                object.set("owedFen", .integer(report.owedFen))
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
                return
            }
            var text = query.heading + "\(report.person)" + (report.birthDate.map { ", born \($0)" } ?? "") + "\n\nposts:\n"
            text += report.tenures.isEmpty ? "  none\n" : Terminal.table(["GROUP", "POST", "FROM", "UNTIL", "REASON"], report.tenures.map {
                [$0.group, $0.post, $0.since, $0.until ?? "in office", $0.reason ?? ""]
            }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            text += "grades: " + (report.grades.isEmpty ? "none" : report.grades.map { "\($0.year) \($0.grade) (\($0.group))" }.joined(separator: "; ")) + "\n"
            text += "discipline: " + (report.discipline.isEmpty ? "none" : report.discipline.map { "\($0.date) \($0.kind): \($0.reason)" }.joined(separator: "; ")) + "\n"
            var sums: [String: Int64] = [:]
            for line in report.money { sums[line.kind, default: 0] += line.amountFen }
            text += "subsidies: accrued \(yuan(sums["accrued", default: 0])), bonuses \(yuan(sums["bonus", default: 0])), deducted \(yuan(sums["deducted", default: 0])), paid \(yuan(sums["paid", default: 0] - sums["reversed", default: 0])), owed \(yuan(report.owedFen)) yuan\n"
            Terminal.write(text)
        }
    }
}

struct Funds: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "A group's fund: receipts, expenses with the approval each cites (unapproved ones flagged), balance.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "The group.")
    var group: String

    func run() throws {
        try runReportingErrors {
            let report = try answer(try global.openLedger(), FundsQuery(group: group, asOf: query.date), query)
            if query.json {
                var object = JSONObject()
                object.set("group", .string(group))
                object.set("receiptsFen", .integer(report.receiptsFen))
                object.set("expensesFen", .integer(report.expensesFen))
                object.set("balanceFen", .integer(report.balanceFen))
                object.set("lines", .array(report.lines.map { line in
                    var o: JSONObject = ["seq": .integer(Int64(line.seq)), "date": .string(line.date), "kind": .string(line.kind),
                                         "amountFen": .integer(line.amountFen), "counterparty": .string(line.counterparty)]
                    if let approval = line.approval { o.set("approval", .string(approval)) }
                    return .object(o)
                }))
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
                return
            }
            var text = query.heading + Terminal.table(["SEQ", "DATE", "KIND", "YUAN", "FROM/TO", "APPROVAL"], report.lines.map { line in
                [String(line.seq), line.date, line.kind, yuan(line.kind == "expense" ? -line.amountFen : line.amountFen), line.counterparty,
                 line.kind == "receipt" ? "" : line.approval ?? "NONE (unapproved)"]
            })
            text += "receipts \(yuan(report.receiptsFen)), expenses \(yuan(report.expensesFen)), balance \(yuan(report.balanceFen)) yuan"
            if !report.unapproved.isEmpty { text += "; \(report.unapproved.count) expense(s) without approval" }
            Terminal.write(text + "\n")
        }
    }
}

struct Trail: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every event concerning a person, group or unit, in order; corrected and retracted ones marked.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "A person's id.") var person: String?
    @Option(help: "A group's id.") var group: String?
    @Option(help: "A unit's id.") var unit: String?
    @Option(help: "From this effective date (YYYY-MM-DD).") var from: String?
    @Option(help: "Up to this effective date (YYYY-MM-DD).") var to: String?
    @Option(help: ArgumentHelp("As the ledger stood right after event N.", valueName: "seq")) var atSeq: UInt64?
    @Option(help: "At most this many events (1 to \(Limits.readEventsMax)).") var limit: Int = 1_000
    @Flag(help: "One JSON object per line.") var json = false

    var subject: String? { person ?? group ?? unit }

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError("give one of --person, --group, --unit") }
        for date in [from, to].compactMap({ $0 }) where LocalDate(iso: date) == nil { throw ValidationError("dates are YYYY-MM-DD, got \(date)") }
        guard (1...Limits.readEventsMax).contains(limit) else { throw ValidationError("--limit must be 1 to \(Limits.readEventsMax)") }
    }

    func run() throws {
        try runReportingErrors {
            let ledger = try global.openLedger()
            guard let subject else { return }
            let fromDate = from.flatMap(LocalDate.init(iso:))
            let toDate = to.flatMap(LocalDate.init(iso:))
            let events = try ledger.events(forSubject: subject, fromSeq: 1, limit: limit).filter { event in
                (atSeq.map { event.seq <= $0 } ?? true)
                    && (fromDate.map { event.effectiveDate >= $0 } ?? true) && (toDate.map { event.effectiveDate <= $0 } ?? true)
            }
            let statuses = try ledger.query(StatusQuery(seqs: events.map(\.seq)), atSeq: atSeq)
            if json {
                Terminal.write(events.map { event in
                    var object = event.canonicalObject
                    if let status = statuses[event.seq] {
                        object.set("status", .string(status.status))
                        object.set("statusBy", .integer(Int64(status.by)))
                    }
                    return CanonicalJSON.string(.object(object)) + "\n"
                }.joined())
                return
            }
            if events.isEmpty {
                Terminal.write("no events concern \(subject)\n")
                return
            }
            Terminal.write(Terminal.table(["SEQ", "EFFECTIVE", "TYPE", "STREAM", "STATUS", "DETAIL"], events.map { event in
                let status = statuses[event.seq].map { "\($0.status) by \($0.by)" } ?? ""
                let detail = event.data.members.filter { !["group", "person"].contains($0.key) }.prefix(3)
                    .map { "\($0.key)=\(CanonicalJSON.string($0.value).prefix(30))" }.joined(separator: " ")
                return [String(event.seq), event.effectiveDate.description, event.type, event.stream, status, detail]
            }))
        }
    }
}

struct Subsidies: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Subsidies per person, year and funding source: accrued, bonuses, deducted, paid, owed.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "One person.") var person: String?
    @Option(help: "Everyone who held a post in this group.") var group: String?
    @Option(help: "Everyone who held a post in a group at or below this unit.") var unit: String?

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError("give one of --person, --group, --unit") }
    }

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(), SubsidiesQuery(person: person, group: group, unit: unit, asOf: query.date), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    .object(JSONObject([("person", .string(row.person)), ("year", .string(row.year)),
                                        ("accruedFen", .object(JSONObject(row.accruedFen.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) }))),
                                        ("bonusFen", .integer(row.bonusFen)), ("deductedFen", .integer(row.deductedFen)), ("paidFen", .integer(row.paidFen))]))
                })) + "\n")
                return
            }
            let body = rows.map { row -> [String] in
                let accrued = row.accruedFen.values.reduce(0, +)
                let sources = row.accruedFen.sorted { $0.key < $1.key }.map { "\($0.key) \(yuan($0.value))" }.joined(separator: ", ")
                return [row.person, row.year, yuan(accrued), sources, yuan(row.bonusFen), yuan(row.deductedFen), yuan(row.paidFen),
                        yuan(accrued + row.bonusFen - row.deductedFen - row.paidFen)]
            }
            Terminal.write(query.heading + Terminal.table(["PERSON", "YEAR", "ACCRUED", "BY SOURCE", "BONUS", "DEDUCTED", "PAID", "BALANCE"], body))
        }
    }
}

struct Assets: LedgerCommand {
    static let configuration = CommandConfiguration(abstract: "A group's asset register: custodian and status on a date, custody history.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "The group.") var group: String
    @Flag(help: "Show each asset's custody history.") var history = false

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(), AssetsQuery(group: group, asOf: query.date), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    .object(JSONObject([("asset", .string(row.asset)), ("valueFen", .integer(row.valueFen)), ("custodian", .string(row.custodian)),
                                        ("status", .string(row.status)), ("history", .array(row.history.map { .string($0) }))]))
                })) + "\n")
                return
            }
            var text = query.heading + Terminal.table(["ASSET", "YUAN", "CUSTODIAN", "STATUS"], rows.map { [$0.asset, yuan($0.valueFen), $0.custodian, $0.status] })
            if history { for row in rows { text += "\n\(row.asset):\n" + row.history.map { "  \($0)\n" }.joined() } }
            Terminal.write(text)
        }
    }
}
