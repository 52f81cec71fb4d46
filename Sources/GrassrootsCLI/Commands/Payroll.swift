import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

struct PayrollCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "payroll",
        abstract: "Accrue a month's subsidies (or every missed month's) for every office holder under a unit.",
        discussion: """
            For every holder of a post in a group, village or community at or below --unit during --period, \
            computes the subsidy under the policy in force on the period's last day (rate, seniority, funding \
            shares, the higher post only) and appends one subsidy.accrued per funding share not accrued yet. \
            What is accrued already (by an earlier run, `record`, an import) is left as it is and counted, so \
            running payroll twice adds nothing. Holders owed nothing (no pay rule, a yearly policy outside \
            December, a higher post paid instead) are listed with the reason. \
            --catch-up --from YYYY-MM accrues every month from --from to --period (default: the current month) \
            that is still owed: a holder missed for two years is caught up in one run, at most \
            \(Payroll.catchUpMonthsMax) months. A month that has not begun (Beijing time, the ledger's clock) is \
            refused (exit 2). `alerts` names every holder with a month the policy pays and nothing accrued.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The unit (county, town, village...) whose groups are paid: its id, or its exact name.")
    var unit: String

    @Option(help: ArgumentHelp("The month, YYYY-MM (with --catch-up, the last month; default: the current month).", valueName: "YYYY-MM"))
    var period: String?

    @Flag(help: "Accrue every month from --from to --period still owed.")
    var catchUp = false

    @Option(help: ArgumentHelp("The first month of a catch-up.", valueName: "YYYY-MM"))
    var from: String?

    @Option(help: "The actor recorded on the accruals (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Compute and check everything, write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON (the same as --format json).")
    var json = false

    @Option(help: ArgumentHelp("text (a table), json, or csv (one row per accrual, UTF-8 with a BOM, for Excel).", valueName: "format"))
    var format: OutputFormat?

    var output: OutputFormat { json ? .json : format ?? .text }

    func validate() throws {
        for given in [period, from].compactMap({ $0 }) where YearMonth(iso: given) == nil || given.count != 7 {
            throw ValidationError(Msg.usage.periodMonth(["given": .plain(given)]).local)
        }
        if from != nil && !catchUp { throw ValidationError(Msg.payroll.fromNeedsCatchUp.local) }
        if catchUp && from == nil { throw ValidationError(Msg.payroll.catchUpNeedsFrom.local) }
        if !catchUp && period == nil { throw ValidationError(Msg.payroll.periodNeeded.local) }
        if json, let format, format != .json {
            throw ValidationError(Msg.errors.jsonAndFormat(["format": .plain(format.rawValue)]).local)
        }
    }

    /// The months to pay: `--period`, or a catch-up's months; a month that has not begun is refused.
    func months(current: YearMonth) throws -> [YearMonth] {
        let words = Msg.payroll
        guard let last = period.flatMap(YearMonth.init(iso:)) ?? (catchUp ? current : nil) else {
            throw CLIError.said(words.periodNeeded(), .usage)
        }
        guard last <= current else {
            throw CLIError.said(words.futurePeriod(["period": .date(last.description), "current": .date(current.description)]), .badInput)
        }
        guard catchUp, let first = from.flatMap(YearMonth.init(iso:)) else { return [last] }
        guard first <= last else {
            throw CLIError.said(words.fromAfterLast(["from": .date(first.description), "last": .date(last.description)]), .usage)
        }
        guard let months = YearMonth.range(first, through: last, limit: Payroll.catchUpMonthsMax) else {
            throw CLIError.said(words.tooManyMonths(["max": .number(Payroll.catchUpMonthsMax), "from": .date(first.description),
                                                     "last": .date(last.description)]), .usage)
        }
        return months
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let unit = try Lookup.resolve(ledger, self.unit, as: .unit, atSeq: nil)
            let months = try months(current: YearMonth(BeijingTime.day(ledger.clock.now())))
            let plan = try Payroll.plan(ledger, unit: unit, periods: months)
            let environment = ProcessInfo.processInfo.environment
            let who = actor ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "payroll"
            let drafts = try plan.drafts(actor: who)
            var results: [AppendResult] = []
            var start = 0
            if dryRun {
                try ledger.dryRun { session in
                    while start < drafts.count {
                        let end = min(start + Limits.batchEventsMax, drafts.count)
                        results.append(try session.append(Array(drafts[start..<end])))
                        start = end
                    }
                }
            } else {
                while start < drafts.count {
                    let end = min(start + Limits.batchEventsMax, drafts.count)
                    results.append(try ledger.append(Array(drafts[start..<end])))
                    start = end
                }
            }
            let appended = results.reduce(0) { $0 + $1.appendedCount }
            let duplicates = results.reduce(0) { $0 + $1.duplicateCount }
            let lastSeq = try results.last?.headSeq ?? ledger.head().seq
            let ids = [unit] + plan.accruals.flatMap { [$0.group, $0.person] } + plan.skipped.flatMap { [$0.group, $0.person] }
            let names = try Lookup.names(ledger, ids, atSeq: nil)
            let periodText: Arg = months.count == 1 ? .date(months[0].description)
                : .text(Msg.payroll.periods(["from": .date(months[0].description), "last": .date(months[months.count - 1].description)]))
            switch output {
            case .json:
                Terminal.write(PayrollCommand.json(plan, months: months, unit: unit, names: names, dryRun: dryRun, appended: appended,
                                                   duplicates: duplicates, lastSeq: lastSeq))
            case .csv:
                Terminal.write(try PayrollCommand.table(plan, names: names).csv(Reading.language))
            case .text:
                Terminal.write(PayrollCommand.text(plan, catchUp: months.count > 1, unit: unit, names: names, periodText: periodText, dryRun: dryRun,
                                                   appended: appended, duplicates: duplicates, lastSeq: lastSeq))
            }
        }
    }

    /// One row per accrual to append: the period, the holder and the group (ids and names), the post, the
    /// funding source, the amount in yuan, the policy and how it was computed.
    static func table(_ plan: Payroll.Plan, names: [String: String]) -> Table {
        let m = Msg.commands
        let language = Reading.language
        var table = Table([Column(Msg.payroll.periodColumn), Column(m.payrollPerson, .entity(name: Msg.personal.nameColumn)),
                           Column(m.payrollGroup, .entity(name: m.payrollGroupName)), Column(m.payrollPost), Column(m.payrollSource),
                           Column(m.payrollAmount, .money), Column(m.payrollPolicy), Column(m.payrollHow)])
        for c in plan.accruals {
            for share in c.shares {
                table.add([.text(c.period), .entity(id: c.person, name: names[c.person]), .entity(id: c.group, name: names[c.group]),
                           .text(Msg.words.label(Msg.words.post, c.post, language)),
                           .text(Msg.words.label(Msg.words.fundingSource, share.source, language)), .money(share.amountFen),
                           .text(c.policy), .text(c.howText.rendered(language) + (language == .zh ? "," : ", ") + "\(share.percent)%")])
            }
        }
        return table
    }

    static func text(_ plan: Payroll.Plan, catchUp: Bool, unit: String, names: [String: String], periodText: Arg, dryRun: Bool,
                     appended: Int, duplicates: Int, lastSeq: UInt64) -> String {
        let m = Msg.commands
        let language = Reading.language
        var text = ""
        if !plan.accruals.isEmpty {
            text += table(plan, names: names).text(language)
            var bySource: [String: Int64] = [:]
            for c in plan.accruals { for share in c.shares { bySource[share.source, default: 0] += share.amountFen } }
            text += m.payrollTotal(["total": .fen(bySource.values.reduce(0, +)), "bySource": .list(bySource.sorted { $0.key < $1.key }.map { source, fen in
                .text(Msg.queries.subsidies.sourceAmount(["source": .plain(Msg.words.label(Msg.words.fundingSource, source, language)), "amount": .fen(fen)]))
            })]).local + "\n"
        }
        func shown(_ id: String) -> String { names[id].map { Msg.common.named(["name": .plain($0), "id": .plain(id)]).local } ?? id }
        if catchUp {
            // Over many months, the reasons are counted rather than listed one holder-month each.
            var counts: [String: (count: Int, rule: Message)] = [:]
            for skip in plan.skipped { counts[skip.refusal.ruleMessage.en, default: (0, skip.refusal.ruleMessage)].count += 1 }
            for (_, entry) in counts.sorted(by: { $0.key < $1.key }) {
                text += Msg.payroll.skippedSummary(["count": .number(entry.count), "rule": .plain(entry.rule.template(language))]).local + "\n"
            }
        } else {
            for skip in plan.skipped {
                text += m.payrollNothing(["person": .plain(shown(skip.person)), "post": .plain(Msg.words.label(Msg.words.post, skip.post, language)),
                                          "group": .plain(names[skip.group] ?? skip.group),
                                          "reason": .plain(skip.refusal.ruleMessage.template(language) + (language == .zh ? ":" : ": ")
                                                            + skip.refusal.detailText.rendered(language))]).local + "\n"
            }
        }
        if !plan.alreadyAccrued.isEmpty { text += Msg.payroll.alreadyAccrued(["count": .number(plan.alreadyAccrued.count)]).local + "\n" }
        text += (dryRun ? m.payrollWouldAppend : m.payrollAppended)(["count": .number(appended), "period": periodText, "unit": .plain(shown(unit))]).local
        if duplicates > 0 { text += m.payrollAlready(["count": .number(duplicates)]).local }
        text += (dryRun ? m.payrollDryRun() : m.payrollLastSeq(["seq": .number(lastSeq)])).local + "\n"
        return text
    }

    static func json(_ plan: Payroll.Plan, months: [YearMonth], unit: String, names: [String: String], dryRun: Bool, appended: Int,
                     duplicates: Int, lastSeq: UInt64) -> String {
        var object = JSONObject()
        object.set("period", .string(months[months.count - 1].description))
        object.set("periods", .array(months.map { .string($0.description) }))
        object.set("unit", .string(unit))
        if let name = names[unit] { object.set("unitName", .string(name)) }
        object.set("dryRun", .bool(dryRun))
        object.set("appended", .integer(Int64(appended)))
        object.set("alreadyRecorded", .integer(Int64(duplicates)))
        object.set("lastSeq", .integer(Int64(lastSeq)))
        object.set("accruals", .array(plan.accruals.flatMap { c in
            c.shares.map { share -> JSONValue in
                var line = JSONObject([("period", .string(c.period)), ("person", .string(c.person)), ("group", .string(c.group)), ("post", .string(c.post)),
                                       ("fundingSource", .string(share.source)), ("amountFen", .integer(share.amountFen)),
                                       ("policy", .string(c.policy)), ("how", .string(c.how))])
                if let name = names[c.person] { line.set("personName", .string(name)) }
                return .object(line)
            }
        }))
        object.set("alreadyAccrued", .array(plan.alreadyAccrued.map { entry -> JSONValue in
            .object(JSONObject([("period", .string(entry.period)), ("person", .string(entry.person)), ("group", .string(entry.group)), ("post", .string(entry.post))]))
        }))
        object.set("skipped", .array(plan.skipped.map { skip -> JSONValue in
            .object(JSONObject([("period", .string(skip.period)), ("person", .string(skip.person)), ("group", .string(skip.group)), ("post", .string(skip.post)),
                                ("reason", .string(skip.reason))]))
        }))
        return CanonicalJSON.string(.object(object)) + "\n"
    }
}
