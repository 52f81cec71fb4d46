import ArgumentParser
import EventLog
import Messages

struct Log: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "List events, oldest first.",
        discussion: "Pages through the ledger: --from the first seq wanted, --limit at most \(Limits.readEventsMax) a call.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The first sequence number to show (with --stream: the first stream version; with --subject: the first seq).")
    var from: UInt64 = 1

    @Option(help: "At most this many events (1 to \(Limits.readEventsMax)).")
    var limit: Int = 50

    @Option(help: "Only this stream's events.")
    var stream: String?

    @Option(help: "Only events naming this subject.")
    var subject: String?

    @Flag(help: "One JSON object per line: the canonical envelope with its hash and prevHash (the same as --format json).")
    var json = false

    @Option(name: .customLong("format"), help: ArgumentHelp("text (a table), json, or csv (UTF-8 with a BOM).", valueName: "format"))
    var formatOption: OutputFormat?

    func validate() throws {
        guard (1...Limits.readEventsMax).contains(limit) else {
            throw ValidationError(Msg.usage.limitRange(["max": .number(Limits.readEventsMax), "given": .number(limit)]).local)
        }
        if stream != nil && subject != nil { throw ValidationError(Msg.usage.streamOrSubject.local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            if json, let formatOption, formatOption != .json { throw CLIError.said(Msg.errors.jsonAndFormat(["format": .plain(formatOption.rawValue)]), .usage) }
            let format = json ? .json : formatOption ?? .text
            let ledger = try global.openLedger(for: .reading)
            let events: [RecordedEvent]
            if let stream {
                events = try ledger.events(inStream: stream, fromVersion: from, limit: limit)
            } else if let subject {
                events = try ledger.events(forSubject: subject, fromSeq: from, limit: limit)
            } else {
                events = try ledger.events(from: from, limit: limit)
            }
            if json || format == .json {
                Terminal.write(events.map(Format.jsonLine).joined())
            } else if events.isEmpty && format == .text {
                Terminal.write(Msg.queries.noEvents.local + "\n")
            } else {
                Terminal.write(try Format.table(events).render(format, Reading.language))
            }
        }
    }
}
