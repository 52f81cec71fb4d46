import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

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

    @Option(help: "Only groups at or below this unit (its id or exact name).")
    var unit: String?

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "alerts")
            let day = query.asOf ?? LocalDate.today()
            let ledger = try global.openLedger(for: .reading)
            let report = try AlertsReport.run(ledger, unit: self.unit, asOf: day, atSeq: query.atSeq, language: Reading.language)
            let (alerts, names) = (report.alerts, report.names)
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let language = Reading.language
            let words = Msg.queries.alerts
            if query.output == .csv {
                var table = Table([Column(words.kind), Column(words.place, .entity(name: words.placeName)), Column(words.person, .entity(name: Msg.personal.nameColumn)),
                                   Column(words.detail), Column(words.source)])
                for alert in alerts {
                    table.add([.text(alert.kindMessage.template(language)), .entity(id: alert.group, name: names[alert.group]),
                               alert.person.map { Cell.entity(id: $0, name: names[$0]) } ?? .text(""), .text(alert.detailText.rendered(language)), .text(alert.sourceText.rendered(language))])
                }
                Terminal.write(try table.csv(language))
                return
            }
            if alerts.isEmpty {
                Terminal.write(words.none(["date": .date(day.description)]).local + "\n")
                return
            }
            var text = words.count(["count": .number(alerts.count), "date": .date(day.description)]).local
                + (query.atSeq.map { words.atSeq(["seq": .number($0)]).local } ?? "") + (language == .zh ? ":\n" : ":\n")
            for alert in alerts {
                var place = names[alert.group].map { Msg.common.named(["name": .plain($0), "id": .plain(alert.group)]).rendered(language) } ?? alert.group
                if let person = alert.person, let name = names[person] {
                    place += (language == .zh ? "," : ", ") + Msg.common.named(["name": .plain(name), "id": .plain(person)]).rendered(language)
                }
                text += words.line(["kind": .plain(alert.kindMessage.template(language)), "where": .plain(place),
                                    "detail": .text(alert.detailText), "source": .text(alert.sourceText)]).local + "\n"
            }
            Terminal.write(text)
        }
    }
}
