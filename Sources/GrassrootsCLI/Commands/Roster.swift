import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

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

    @Option(help: "Every group at or below this unit.")
    var unit: String?

    @Option(help: "One group.")
    var group: String?

    func validate() throws {
        guard (unit == nil) != (group == nil) else { throw ValidationError("give --unit or --group") }
    }

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(for: .reading), RosterQuery(unit: unit, group: group, asOf: query.asOf), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    var object: JSONObject = ["group": .string(row.group), "post": .string(row.post)]
                    if let person = row.person { object.set("person", .string(person)) }
                    if let since = row.since { object.set("since", .string(since)) }
                    if let vacant = row.vacantSince { object.set("vacantSince", .string(vacant)) }
                    return .object(object)
                })) + "\n")
                return
            }
            Terminal.write(query.heading + Terminal.table(["GROUP", "POST", "HOLDER", "SINCE"], rows.map { row in
                [row.group, row.post, row.person ?? "VACANT", row.person == nil ? "vacant since \(row.vacantSince ?? "?")" : row.since ?? ""]
            }))
        }
    }
}
