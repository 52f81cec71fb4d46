import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Roster: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who holds (or held) each post of a group, or of every group under a unit; vacancies.",
        discussion: """
            With --unit, also the posts of the villages and communities under it (committee and supervision \
            committee: GROUP names the village) and their villager representatives (post representative, \
            GROUP the group they represent).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "Every group at or below this unit (its id, or its exact name).")
    var unit: String?

    @Option(help: "One group (its id, or its exact name).")
    var group: String?

    func validate() throws {
        guard (unit == nil) != (group == nil) else { throw ValidationError(Msg.usage.unitOrGroup.local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "roster")
            let ledger = try global.openLedger(for: .reading)
            let report = try RosterReport.run(ledger, unit: unit, group: group, asOf: query.asOf, atSeq: query.atSeq, language: Reading.language)
            let rows = report.rows
            let names = report.names
            if query.json {
                Terminal.write(CanonicalJSON.string(report.json) + "\n")
                return
            }
            let table = Roster.table(rows, names: names, Reading.language)
            Terminal.write(query.heading + (try table.render(query.output, Reading.language)))
        }
    }

    /// The roster's rows as a table: each group with its name, the post in words, the holder or a vacancy.
    static func table(_ rows: some Sequence<RosterRow>, names: [String: String], _ language: Language) -> Table {
        let words = Msg.queries.roster
        var table = Table([Column(words.group, .entity(name: words.groupName)), Column(words.post), Column(words.holder, .entity(name: Msg.personal.nameColumn)), Column(words.since)])
        for row in rows {
            table.add([
                .entity(id: row.group, name: names[row.group]),
                .text(Msg.words.label(Msg.words.post, row.post, language)),
                row.person.map { Cell.entity(id: $0, name: names[$0]) } ?? .text(Msg.common.vacant.template(language)),
                .text(row.person == nil ? words.vacantSince(["date": .date(row.vacantSince ?? "?")]).rendered(language)
                                        : row.since.map { Dates.display($0, language) } ?? ""),
            ])
        }
        return table
    }
}
