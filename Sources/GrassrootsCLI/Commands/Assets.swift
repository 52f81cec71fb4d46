import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct Assets: LedgerCommand {
    static let configuration = CommandConfiguration(abstract: "A group's asset register: custodian and status on a date, custody history.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "The group.") var group: String
    @Flag(help: "Show each asset's custody history.") var history = false

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(for: .reading), AssetsQuery(group: group, asOf: query.asOf), query)
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
