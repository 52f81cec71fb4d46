import ArgumentParser
import CanonicalJSON
import EventLog
import Messages
import Foundation
import Governance

struct Append: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append events from an NDJSON file (or - for standard input).",
        discussion: """
            One event per line:
              {"type": "...", "effectiveDate": "YYYY-MM-DD", "data": {...}}
            with optional members:
              "stream"          derived from the data (e.g. the group); if given, it must match
              "subjects"        derived from the data (persons, groups, assets named); more may be added
              "expectedVersion" the stream's version the event was written against (0: a new stream)
              "idempotencyKey"  re-appending an event with this key appends nothing, forever
              "actor"           who records it (default --actor)
              "schemaVersion"   the payload's schema version (default 1)
            Numbers must be integers (amounts in fen). Blank lines are skipped. Each type's payload is
            described by Schemas/events/TYPE.v1.schema.json; unknown types and fields are refused.

            Events are committed in batches of --batch-size, each atomic. A bad line is reported with
            its line number; nothing of its batch is written, and earlier batches stay committed, so
            give events idempotency keys and re-run the corrected file safely.

            Event types:
            \(EventCatalog.all.map { spec in
                let name = spec.type + (spec.schemaVersion > 1 ? " v\(spec.schemaVersion)" : "")
                return "  \(name.padding(toLength: 28, withPad: " ", startingAt: 0))\(spec.title) (\(spec.term))"
            }.joined(separator: "\n"))
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("The NDJSON file, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: "Events per atomic batch (1 to \(Limits.batchEventsMax)).")
    var batchSize: Int = Limits.batchEventsDefault

    @Option(help: "The actor for events that name none (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Check every event against the ledger and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// The longest input line accepted, in bytes.
    static let lineBytesMax = 256 * 1024

    func validate() throws {
        guard (1...Limits.batchEventsMax).contains(batchSize) else {
            throw ValidationError("--batch-size must be between 1 and \(Limits.batchEventsMax), got \(batchSize)")
        }
    }

    var defaultActor: String {
        let environment = ProcessInfo.processInfo.environment
        return actor ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let descriptor: Int32
            if file == "-" {
                descriptor = STDIN_FILENO
            } else {
                descriptor = open(file, O_RDONLY)
                guard descriptor >= 0 else {
                    throw CLIError.badInput("cannot read \(file): \(String(cString: strerror(errno)))")
                }
            }
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }
            var importer = Importer(
                reader: LineReader(descriptor: descriptor, lineBytesMax: Append.lineBytesMax),
                batchSize: batchSize, defaultActor: defaultActor)
            let summary: Importer.Summary
            if dryRun {
                summary = try ledger.dryRun { session in try importer.run { batch in try session.append(batch) } }
            } else {
                summary = try importer.run { batch in try ledger.append(batch) }
            }
            Terminal.clearProgress()
            report(summary, ledger: ledger)
        }
    }

    private func report(_ summary: Importer.Summary, ledger: Ledger) {
        if json {
            let object: JSONValue = [
                "dryRun": .bool(dryRun), "appended": .integer(Int64(summary.appended)),
                "duplicates": .integer(Int64(summary.duplicates)), "batches": .integer(Int64(summary.batches)),
                "lines": .integer(Int64(summary.lines)), "lastSeq": .integer(Int64(summary.lastSeq)),
            ]
            Terminal.write(CanonicalJSON.string(object) + "\n")
            return
        }
        let m = Msg.commands
        var text = (dryRun ? m.wouldAppend : m.appended)(["count": .number(summary.appended)]).local
        if summary.duplicates > 0 { text += m.duplicates(["count": .number(summary.duplicates)]).local }
        text += m.batches(["count": .number(summary.batches)]).local
        text += (dryRun ? m.dryRunNothingWritten : m.lastSeq)(["seq": .number(summary.lastSeq)]).local
        Terminal.write(text + "\n")
    }
}
