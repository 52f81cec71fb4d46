import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct Subsidies: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Subsidies per person, year and funding source: accrued, bonuses, deducted, paid, owed.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Option(help: "One person.") var person: String?
    @Option(help: "Everyone who held a post in this group.") var group: String?
    @Option(help: "Everyone who held a post in a group at or below this unit.") var unit: String?

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError("give one of --person, --group, --unit") }
    }

    func run() throws {
        try runReportingErrors {
            let rows = try answer(try global.openLedger(for: .reading), SubsidiesQuery(person: person, group: group, unit: unit, asOf: query.asOf), query)
            if query.json {
                Terminal.write(CanonicalJSON.string(.array(rows.map { row in
                    .object(JSONObject([("person", .string(row.person)), ("year", .string(row.year)),
                                        ("accruedFen", .object(JSONObject(row.accruedFen.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) }))),
                                        ("bonusFen", .integer(row.bonusFen)), ("deductedFen", .integer(row.deductedFen)), ("paidFen", .integer(row.paidFen))]))
                })) + "\n")
                return
            }
            let body = rows.map { row -> [String] in
                let accrued = row.accruedFen.values.reduce(0, +)
                let sources = row.accruedFen.sorted { $0.key < $1.key }.map { "\($0.key) \(yuan($0.value))" }.joined(separator: ", ")
                return [row.person, row.year, yuan(accrued), sources, yuan(row.bonusFen), yuan(row.deductedFen), yuan(row.paidFen),
                        yuan(accrued + row.bonusFen - row.deductedFen - row.paidFen)]
            }
            Terminal.write(query.heading + Terminal.table(["PERSON", "YEAR", "ACCRUED", "BY SOURCE", "BONUS", "DEDUCTED", "PAID", "BALANCE"], body))
        }
    }
}
