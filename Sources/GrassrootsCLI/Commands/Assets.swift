import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages

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
            let group = try Lookup.resolve(ledger, self.group, as: .group, atSeq: query.atSeq)
            let rows = try answer(ledger, AssetsQuery(group: group, asOf: query.asOf), query)
            let names = try Lookup.names(ledger, rows.map(\.custodian) + rows.flatMap { $0.history.map(\.custodian) }, atSeq: query.atSeq)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    .object(JSONObject([("asset", .string(row.asset)), ("description", .string(row.description)), ("kind", .string(row.kind)),
                                        ("valueFen", .integer(row.valueFen)), ("custodian", .string(row.custodian))]
                                       + (names[row.custodian].map { [("custodianName", JSONValue.string($0))] } ?? [])
                                       + [("status", .string(row.status)), ("history", .array(row.history.map { .string($0.english) }))]))
                })) + "\n")
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
