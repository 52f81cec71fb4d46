import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

struct PayrollCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "payroll",
        abstract: "Accrue a month's subsidies for every office holder under a unit.",
        discussion: """
            For every current holder of a post in a group at or below --unit, computes the subsidy for \
            --period under the policy in force on the period's last day (rate, seniority, funding shares, \
            the higher post only) and appends one subsidy.accrued per funding share. Each carries an \
            idempotency key, so running payroll twice for a period adds nothing. Holders owed nothing \
            (no pay rule, a yearly policy outside December, a higher post paid instead) are listed with the reason.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The unit (county, town, village...) whose groups are paid.")
    var unit: String

    @Option(help: "The month, YYYY-MM.")
    var period: String

    @Option(help: "The actor recorded on the accruals (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Compute and check everything, write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard LocalDate(iso: period + "-01") != nil, period.count == 7 else {
            throw ValidationError(Msg.usage.periodMonth(["given": .plain(period)]).local)
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let plan = try Payroll.plan(ledger, unit: unit, period: period)
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
            if json {
                var object = JSONObject()
                object.set("period", .string(period))
                object.set("unit", .string(unit))
                object.set("dryRun", .bool(dryRun))
                object.set("appended", .integer(Int64(appended)))
                object.set("alreadyRecorded", .integer(Int64(duplicates)))
                object.set("lastSeq", .integer(Int64(lastSeq)))
                object.set("accruals", .array(plan.accruals.flatMap { c in
                    c.shares.map { share -> JSONValue in
                        .object(JSONObject([("person", .string(c.person)), ("group", .string(c.group)), ("post", .string(c.post)),
                                            ("fundingSource", .string(share.source)), ("amountFen", .integer(share.amountFen)),
                                            ("policy", .string(c.policy)), ("how", .string(c.how))]))
                    }
                }))
                object.set("skipped", .array(plan.skipped.map { skip -> JSONValue in
                    .object(JSONObject([("person", .string(skip.person)), ("group", .string(skip.group)), ("post", .string(skip.post)), ("reason", .string(skip.reason))]))
                }))
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
                return
            }
            let m = Msg.commands
            let language = Reading.language
            let names = try Lookup.names(ledger, plan.accruals.map(\.group) + plan.skipped.map(\.group) + [unit], atSeq: nil)
            var text = ""
            var bySource: [String: Int64] = [:]
            if !plan.accruals.isEmpty {
                var table = Table([Column(m.payrollPerson), Column(m.payrollGroup, .entity(name: m.payrollGroupName)), Column(m.payrollPost),
                                   Column(m.payrollSource), Column(m.payrollAmount, .money), Column(m.payrollPolicy), Column(m.payrollHow)])
                for c in plan.accruals {
                    for share in c.shares {
                        bySource[share.source, default: 0] += share.amountFen
                        table.add([.text(c.person), .entity(id: c.group, name: names[c.group]), .text(Msg.words.label(Msg.words.post, c.post, language)),
                                   .text(Msg.words.label(Msg.words.fundingSource, share.source, language)), .money(share.amountFen),
                                   .text(c.policy), .text(c.howText.rendered(language) + (language == .zh ? "," : ", ") + "\(share.percent)%")])
                    }
                }
                text += table.text(language)
                text += m.payrollTotal(["total": .fen(bySource.values.reduce(0, +)), "bySource": .list(bySource.sorted { $0.key < $1.key }.map { source, fen in
                    .text(Msg.queries.subsidies.sourceAmount(["source": .plain(Msg.words.label(Msg.words.fundingSource, source, language)), "amount": .fen(fen)]))
                })]).local + "\n"
            }
            for skip in plan.skipped {
                text += m.payrollNothing(["person": .plain(skip.person), "post": .plain(Msg.words.label(Msg.words.post, skip.post, language)),
                                          "group": .plain(names[skip.group] ?? skip.group),
                                          "reason": .plain(skip.refusal.ruleMessage.template(language) + (language == .zh ? ":" : ": ")
                                                            + skip.refusal.detailText.rendered(language))]).local + "\n"
            }
            let place = names[unit].map { Msg.common.named(["name": .plain($0), "id": .plain(unit)]).local } ?? unit
            text += (dryRun ? m.payrollWouldAppend : m.payrollAppended)(["count": .number(appended), "period": .date(period), "unit": .plain(place)]).local
            if duplicates > 0 { text += m.payrollAlready(["count": .number(duplicates)]).local }
            text += (dryRun ? m.payrollDryRun() : m.payrollLastSeq(["seq": .number(lastSeq)])).local + "\n"
            Terminal.write(text)
        }
    }
}
