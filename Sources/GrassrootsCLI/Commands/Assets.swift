import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Assets: LedgerCommand {
    static let configuration = CommandConfiguration(abstract: "A group's asset register: custodian and status on a date, custody history.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "The group.") var group: String
    @Flag(help: "Show each asset's custody history.") var history = false

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "assets")
            let ledger = try global.openLedger(for: .reading)
            let report = try AssetsReport.run(ledger, group: self.group, asOf: query.asOf, atSeq: query.atSeq, language: Reading.language)
            let (rows, names) = (report.rows, report.names)
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let language = Reading.language
            let words = Msg.queries.assets
            var table = Table([Column(words.asset), Column(words.description), Column(words.kind), Column(words.value, .money),
                               Column(words.custodian, .entity(name: Msg.personal.nameColumn)), Column(words.status)])
            for row in rows {
                table.add([.text(row.asset), .text(row.description), .text(Msg.words.label(Msg.words.assetKind, row.kind, language)),
                           .money(row.valueFen), .entity(id: row.custodian, name: names[row.custodian]), .text(Msg.words.label(words.statuses, row.status, language))])
            }
            var text = query.heading + (try table.render(query.output, language))
            if history && query.output == .text {
                for row in rows {
                    text += "\n" + Msg.common.named(["name": .plain(row.description), "id": .plain(row.asset)]).local + ":\n"
                    text += row.history.map { entry in
                        "  " + words.historyLine(["date": .date(entry.date), "act": .plain(Msg.words.label(words.acts, entry.act, language)),
                                                  "custodian": .plain(names[entry.custodian].map { Msg.common.named(["name": .plain($0), "id": .plain(entry.custodian)]).local } ?? entry.custodian),
                                                  "status": .plain(Msg.words.label(words.statuses, entry.status, language))]).local + "\n"
                    }.joined()
                }
            }
            Terminal.write(text)
        }
    }
}
