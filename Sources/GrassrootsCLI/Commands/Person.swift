import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages

struct PersonCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "A person's posts over time, grades, discipline and subsidy account.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var query: QueryOptions

    @Argument(help: "The person's id, e.g. person:p-0001, or their exact name.")
    var person: String

    func run() throws {
        try runReportingErrors(global) {
            try query.require([.text, .json, .csv], command: "person")
            let ledger = try global.openLedger(for: .reading)
            let person = try Lookup.resolve(ledger, self.person, as: .person, atSeq: query.atSeq)
            let report = try answer(ledger, PersonQuery(person: person, asOf: query.asOf), query)
            let names = try Lookup.names(ledger, report.tenures.map(\.group) + report.grades.map(\.group) + [person], atSeq: query.atSeq)
            if query.json {
                var object = JSONObject()
                object.set("person", .string(report.person))
                if let name = report.name.text { object.set("name", .string(name)) }
                if case .erased(let seq) = report.name { object.set("erasedBy", .integer(Int64(seq))) }
                object.set("posts", .array(report.tenures.map { t in
                    var o: JSONObject = ["group": .string(t.group), "post": .string(t.post), "since": .string(t.since)]
                    if let name = names[t.group] { o.set("groupName", .string(name)) }
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
            let language = Reading.language
            let words = Msg.queries.person
            var posts = Table([Column(words.group, .entity(name: words.groupName)), Column(words.post), Column(words.from), Column(words.until), Column(words.reason)])
            for t in report.tenures {
                posts.add([.entity(id: t.group, name: names[t.group]), .text(Msg.words.label(Msg.words.post, t.post, language)),
                           .text(Dates.display(t.since, language)), .text(t.until.map { Dates.display($0, language) } ?? words.inOffice.local),
                           .text(t.reason.map { Msg.words.label(Msg.words.endReason, $0, language) } ?? "")])
            }
            if query.output == .csv {
                Terminal.write(try posts.csv(language))
                return
            }
            let who = names[person].map { Msg.common.named(["name": .plain($0), "id": .plain(person)]).local } ?? person
            var text = query.heading + (report.birthDate.map { words.born(["person": .plain(who), "date": .date($0)]).local } ?? who)
            text += "\n\n" + words.posts.local + "\n"
            text += report.tenures.isEmpty ? "  " + Msg.common.none.local + "\n"
                : posts.text(language).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
            let grades: Arg = report.grades.isEmpty ? .text(Msg.common.none()) : .list(report.grades.map { g in
                .text(words.grade(["year": .plain(g.year), "grade": .plain(Msg.words.label(Msg.words.grade, g.grade, language)),
                                   "group": .plain(names[g.group] ?? g.group)]))
            })
            text += words.grades(["list": grades]).local + "\n"
            let discipline: Arg = report.discipline.isEmpty ? .text(Msg.common.none()) : .list(report.discipline.map { d in
                .text(words.disciplineLine(["date": .date(d.date), "kind": .plain(Msg.words.label(Msg.words.disciplineKind, d.kind, language)),
                                            "reason": .plain(Lookup.shown(d.reason, language))]))
            })
            text += words.discipline(["list": discipline]).local + "\n"
            var sums: [String: Int64] = [:]
            for line in report.money { sums[line.kind, default: 0] += line.amountFen }
            text += words.subsidies(["accrued": .fen(sums["accrued", default: 0]), "bonus": .fen(sums["bonus", default: 0]),
                                     "deducted": .fen(sums["deducted", default: 0]), "paid": .fen(sums["paid", default: 0] - sums["reversed", default: 0]),
                                     "owed": .fen(report.owedFen)]).local + "\n"
            Terminal.write(text)
        }
    }
}
