import ArgumentParser
import CanonicalJSON
import EventLog
import Governance
import Messages
import Reports

struct Trail: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every event concerning a person, group or unit, in order; corrected and retracted ones marked.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "A person's id or exact name.") var person: String?
    @Option(help: "A group's id or exact name.") var group: String?
    @Option(help: "A unit's id or exact name.") var unit: String?
    @Option(help: ArgumentHelp("From this effective date.", valueName: "YYYY-MM-DD")) var from: LocalDate?
    @Option(help: ArgumentHelp("Up to this effective date.", valueName: "YYYY-MM-DD")) var to: LocalDate?
    @Option(help: ArgumentHelp("As the ledger stood right after event N.", valueName: "seq")) var atSeq: UInt64?
    @Option(help: "At most this many events (1 to \(Limits.readEventsMax)).") var limit: Int = 1_000
    @Flag(help: "One JSON object per line (the same as --format json).") var json = false
    @Option(name: .customLong("format"), help: ArgumentHelp("text (a table, each event's full detail under it), json, or csv (UTF-8 with a BOM).", valueName: "format"))
    var formatOption: OutputFormat?

    var subject: String? { person ?? group ?? unit }

    func validate() throws {
        guard [person, group, unit].compactMap({ $0 }).count == 1 else { throw ValidationError(Msg.usage.oneOfPersonGroupUnit.local) }
        guard (1...Limits.readEventsMax).contains(limit) else { throw ValidationError(Msg.usage.limitRange(["max": .number(Limits.readEventsMax), "given": .number(limit)]).local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            if json, let formatOption, formatOption != .json { throw CLIError.said(Msg.errors.jsonAndFormat(["format": .plain(formatOption.rawValue)]), .usage) }
            let format = json ? .json : formatOption ?? .text
            let ledger = try global.openLedger(for: .reading)
            guard let given = subject else { return }
            let kind: TrailReport.Kind = group != nil ? .group : unit != nil ? .unit : .person
            let report = try TrailReport.run(ledger, given, as: kind, from: from, to: to, atSeq: atSeq, limit: limit, language: Reading.language)
            let (subject, events, statuses) = (report.subject, report.events, report.statuses)
            if json || format == .json {
                Terminal.write(report.ndjson)
                return
            }
            let language = Reading.language
            let words = Msg.queries.trail
            if events.isEmpty && format != .csv {
                Terminal.write(words.none(["subject": .plain(subject)]).local + "\n")
                return
            }
            let names = try Lookup.names(ledger, Describe.ids(events).union([subject]), atSeq: atSeq)
            var table = Table([Column(words.seq), Column(words.effective), Column(words.recorded), Column(words.type), Column(words.stream),
                               Column(words.status), Column(words.detail)])
            var details: [String] = []
            for event in events {
                let status = statuses[event.seq].map { status in
                    (status.status == "retracted" ? words.retracted : words.corrected)(["seq": .number(status.by)]).local
                } ?? ""
                let detail = Describe.detail(event.data, language, names: names)
                details.append(detail)
                table.add([.text(String(event.seq)), .text(Dates.display(event.effectiveDate.description, language)),
                           .text(Dates.beijing(event.recordedAt.description, language)), .text(Describe.type(event, language)),
                           .text(event.stream), .text(status), .text(format == .csv ? detail : "")])
            }
            if format == .csv {
                Terminal.write(try table.csv(language))
                return
            }
            // The detail goes under its row, indented and wrapped, never cut.
            table.columns.removeLast()
            for index in table.rows.indices { table.rows[index].removeLast() }
            let lines = table.text(language).split(separator: "\n", omittingEmptySubsequences: false)
            var text = (names[subject].map { Msg.common.named(["name": .plain($0), "id": .plain(subject)]).local } ?? subject) + "\n"
            text += lines[0] + "\n"
            for (index, detail) in details.enumerated() {
                text += lines[index + 1] + "\n"
                for line in Describe.wrap(detail, width: 100) { text += "        " + line + "\n" }
            }
            Terminal.write(text)
        }
    }
}
