import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance

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
            throw ValidationError("--period must be a month YYYY-MM, got \(period)")
        }
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let plan: Payroll.Plan
            do {
                plan = try Payroll.plan(ledger, unit: unit, period: period)
            } catch let error as RuleViolation {
                throw CLIError.badInput(error.description)
            }
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
            var text = ""
            if !plan.accruals.isEmpty {
                text += Terminal.table(["PERSON", "GROUP", "POST", "SOURCE", "FEN", "POLICY", "HOW"], plan.accruals.flatMap { c in
                    c.shares.map { [c.person, c.group, c.post, $0.source, String($0.amountFen), c.policy, c.how + ", \($0.percent)%"] }
                })
            }
            for skip in plan.skipped { text += "nothing for \(skip.person) (\(skip.post) of \(skip.group)): \(skip.reason)\n" }
            text += "\(dryRun ? "would append" : "appended") \(appended) accrual\(appended == 1 ? "" : "s") for \(period) under \(unit)"
            if duplicates > 0 { text += ", \(duplicates) already recorded by an earlier run" }
            text += dryRun ? "; nothing was written\n" : "; last seq \(lastSeq)\n"
            Terminal.write(text)
        }
    }
}
