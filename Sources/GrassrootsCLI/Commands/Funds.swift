import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Funds: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "A group's fund: receipts, expenses with the approval each cites (unapproved ones flagged), balance.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "The group.")
    var group: String

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "funds")
            let ledger = try global.openLedger(for: .reading)
            let funds = try FundsReport.run(ledger, group: self.group, asOf: query.asOf, atSeq: query.atSeq, language: Reading.language)
            let (group, report, name) = (funds.group, funds.report, funds.name)
            if query.json {
                Terminal.write(CanonicalJSON.string(funds.json) + "\n")
                return
            }
            let language = Reading.language
            let words = Msg.queries.funds
            var table = Table([Column(words.seq), Column(words.date), Column(words.kind), Column(words.amount, .money),
                               Column(words.balance, .money), Column(words.counterparty), Column(words.approval)])
            var balance: Int64 = 0
            for line in report.lines {
                let expense = line.kind == "expense"
                balance += expense ? -line.amountFen : line.amountFen
                table.add([.text(String(line.seq)), .text(Dates.display(line.date, language)), .text((expense ? words.expense : words.receipt).local),
                           .money(expense ? -line.amountFen : line.amountFen), .money(balance), .text(Lookup.shown(line.counterparty, language)),
                           expense ? .text(line.approval ?? words.unapproved.local) : .empty])
            }
            if query.output == .csv {
                Terminal.write(try table.csv(language))
                return
            }
            var text = query.heading + (name.map { Msg.common.named(["name": .plain($0), "id": .plain(group)]).local } ?? group) + "\n"
            text += table.text(language)
            text += words.totals(["receipts": .fen(report.receiptsFen), "expenses": .fen(report.expensesFen), "balance": .fen(report.balanceFen)]).local
            if !report.unapproved.isEmpty { text += words.unapprovedCount(["count": .number(report.unapproved.count)]).local }
            Terminal.write(text + "\n")
        }
    }
}
