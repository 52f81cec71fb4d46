import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Subsidies: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Subsidies per person, year and funding source: accrued, bonuses, deducted, paid, owed.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "One person (their id, or their exact name).") var person: String?
    @Option(help: "Everyone who held a post in this group.") var group: String?
    @Option(help: "Everyone who held a post in a group at or below this unit.") var unit: String?

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError(Msg.usage.oneOfPersonGroupUnit.local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "subsidies")
            let ledger = try global.openLedger(for: .reading)
            let report = try SubsidiesReport.run(ledger, person: self.person, group: self.group, unit: self.unit, asOf: query.asOf,
                                                 atSeq: query.atSeq, language: Reading.language)
            let (rows, names) = (report.rows, report.names)
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let language = Reading.language
            let words = Msg.queries.subsidies
            var table = Table([Column(words.person, .entity(name: Msg.personal.nameColumn)), Column(words.year), Column(words.accrued, .money), Column(words.bySource),
                               Column(words.bonus, .money), Column(words.deducted, .money), Column(words.paid, .money), Column(words.balance, .money)])
            for row in rows {
                let accrued = row.accruedFen.values.reduce(0, +)
                let sources = row.accruedFen.sorted { $0.key < $1.key }.map { source, fen in
                    words.sourceAmount(["source": .plain(Msg.words.label(Msg.words.fundingSource, source, language)), "amount": .fen(fen)]).local
                }.joined(separator: language == .zh ? ";" : ", ")
                table.add([.entity(id: row.person, name: names[row.person]), .text(row.year), .money(accrued), .text(sources), .money(row.bonusFen), .money(row.deductedFen),
                           .money(row.paidFen), .money(accrued + row.bonusFen - row.deductedFen - row.paidFen)])
            }
            Terminal.write(query.heading + (try table.render(query.output, language)))
        }
    }
}
