import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct Alerts: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "What the rules say should have happened and did not, each citing its source.",
        discussion: """
            For every group at or below --unit (all groups without it), as of --as-of (default: today): a term \
            expired without an election; consecutive 不称职 years with the office still held, and what the \
            governing source requires; a year over its 优秀 quota; an appraisal with too many 不称职 votes; a \
            year without the annual audit the policy requires; a leader who left without a departure audit or \
            handover, or with a late handover (due after the successor took office); a leader's post left \
            vacant; a late or missing recall vote, and a recall raised again soon after a failed one; an \
            expense without the approval the policy requires; a lease or disposal whose result was not \
            published; a period without the finance disclosure the policy requires; a group's size outside \
            the policy's range. For the villages and communities: a committee of the wrong size, vacant \
            supervision seats for the population, a supervision member who lost the confidence vote, an \
            expired committee term, and a representative for too many or too few households.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "Only groups at or below this unit.")
    var unit: String?

    func run() throws {
        try runReportingErrors(global) {
            let day = query.asOf ?? LocalDate.today()
            let alerts = try answer(try global.openLedger(for: .reading), AlertsQuery(unit: unit, asOf: day), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(alerts.map { alert in
                    var o: JSONObject = ["kind": .string(alert.kind), "group": .string(alert.group), "detail": .string(alert.detail), "source": .string(alert.source)]
                    if let person = alert.person { o.set("person", .string(person)) }
                    return .object(o)
                })) + "\n")
                return
            }
            if alerts.isEmpty {
                Terminal.write("no alerts as of \(day)\n")
                return
            }
            var text = "\(alerts.count) alert\(alerts.count == 1 ? "" : "s") as of \(day)" + (query.atSeq.map { ", as recorded up to event \($0)" } ?? "") + ":\n"
            for alert in alerts { text += "- [\(alert.kind)] \(alert.group): \(alert.detail); \(alert.source)\n" }
            Terminal.write(text)
        }
    }
}
