import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

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
            let report = try answer(try global.openLedger(for: .reading), FundsQuery(group: group, asOf: query.asOf), query)
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
