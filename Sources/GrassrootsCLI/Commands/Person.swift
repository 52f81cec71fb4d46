import ArgumentParser
import CanonicalJSON
import EventLog
import Governance

struct PersonCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person's posts over time, grades, discipline and subsidy account.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Argument(help: "The person's id, e.g. person:p-0001.")
    var person: String

    func run() throws {
        try runReportingErrors {
            let report = try answer(try global.openLedger(for: .reading), PersonQuery(person: person, asOf: query.asOf), query)
            if query.json {
                var object = JSONObject()
                object.set("person", .string(report.person))
                object.set("posts", .array(report.tenures.map { t in
                    var o: JSONObject = ["group": .string(t.group), "post": .string(t.post), "since": .string(t.since)]
                    if let until = t.until { o.set("until", .string(until)) }
                    if let reason = t.reason { o.set("reason", .string(reason)) }
                    return .object(o)
                }))
                object.set("grades", .array(report.grades.map { .object(["group": .string($0.group), "year": .string($0.year), "grade": .string($0.grade)]) }))
                object.set("discipline", .array(report.discipline.map { .object(["date": .string($0.date), "kind": .string($0.kind), "reason": .string($0.reason)]) }))
                object.set("owedFen", .integer(report.owedFen))
                Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
                return
            }
            var text = query.heading + "\(report.person)" + (report.birthDate.map { ", born \($0)" } ?? "") + "\n\nposts:\n"
            text += report.tenures.isEmpty ? "  none\n" : Terminal.table(["GROUP", "POST", "FROM", "UNTIL", "REASON"], report.tenures.map {
                [$0.group, $0.post, $0.since, $0.until ?? "in office", $0.reason ?? ""]
            }).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            text += "grades: " + (report.grades.isEmpty ? "none" : report.grades.map { "\($0.year) \($0.grade) (\($0.group))" }.joined(separator: "; ")) + "\n"
            text += "discipline: " + (report.discipline.isEmpty ? "none" : report.discipline.map { "\($0.date) \($0.kind): \($0.reason)" }.joined(separator: "; ")) + "\n"
            var sums: [String: Int64] = [:]
            for line in report.money { sums[line.kind, default: 0] += line.amountFen }
            text += "subsidies: accrued \(yuan(sums["accrued", default: 0])), bonuses \(yuan(sums["bonus", default: 0])), deducted \(yuan(sums["deducted", default: 0])), paid \(yuan(sums["paid", default: 0] - sums["reversed", default: 0])), owed \(yuan(report.owedFen)) yuan\n"
            Terminal.write(text)
        }
    }
}
