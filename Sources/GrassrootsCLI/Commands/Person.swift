import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

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
            let answer = try PersonAnswer.run(ledger, person: self.person, asOf: query.asOf, atSeq: query.atSeq, language: Reading.language)
            let (person, report, names) = (answer.report.person, answer.report, answer.names)
            if query.json {
                Terminal.write(CanonicalJSON.string(answer.json) + "\n")
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
