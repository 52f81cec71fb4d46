import ArgumentParser
import CanonicalJSON
import EventLog
import Messages
import Foundation
import Governance
import Reports

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

            --backfill REASON declares the input old paper records entered now (补录): each batch is committed \
            with a last event, backfill.declared, naming the events it holds (firstSeq to lastSeq) and the \
            reason, and its entries are flagged once, as that backfill, rather than one late-entry alert each. \
            A backfill's batches hold up to \(Limits.batchEventsMax - 1) events (the default with --backfill).

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

    @Option(help: ArgumentHelp("Declare the input a backfill of old paper records, for this reason (补录原因).", valueName: "reason"))
    var backfill: String?

    @Flag(help: "Check every event against the ledger and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    /// The longest input line accepted, in bytes.
    static let lineBytesMax = AppendWords.lineBytesMax

    func validate() throws {
        guard (1...Limits.batchEventsMax).contains(batchSize) else {
            throw ValidationError(Msg.usage.batchSize(["max": .number(Limits.batchEventsMax), "given": .number(batchSize)]).local)
        }
        if let backfill {
            guard !backfill.isEmpty, backfill.utf8.count <= 500 else { throw ValidationError(Msg.usage.backfillReason.local) }
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
            // A backfill's batch leaves room for its declaration; by default, as few batches as the limit allows.
            let size = backfill == nil ? batchSize
                : min(batchSize == Limits.batchEventsDefault ? Limits.batchEventsMax - 1 : batchSize, Limits.batchEventsMax - 1)
            var importer = Importer(
                reader: LineReader(descriptor: descriptor, lineBytesMax: Append.lineBytesMax),
                batchSize: size, defaultActor: defaultActor)
            let summary: Importer.Summary
            var declared: [(seq: UInt64, first: UInt64, last: UInt64)] = []
            func note(_ result: AppendResult, _ batch: [EventDraft]) -> AppendResult {
                let seqs = result.outcomes.compactMap { if case .appended(let seq, _) = $0 { seq } else { nil } }
                if backfill != nil, result.outcomes.count > batch.count, let last = seqs.last, let first = seqs.first, seqs.count > 1 {
                    declared.append((last, first, seqs[seqs.count - 2]))
                }
                return result
            }
            // A correction of an event with sealed members seals its replacement's too (Schemas/PERSONAL.md).
            func sealed(_ batch: [EventDraft]) throws -> [EventDraft] { try GovernanceRequests.sealingReplacements(batch, in: ledger) }
            if let reason = backfill {
                let actor = defaultActor, clock = ledger.clock
                let closing: ([AppendOutcome]) throws -> EventDraft? = { outcomes in
                    try Append.declaration(outcomes, reason: reason, actor: actor, on: BeijingTime.day(clock.now()))
                }
                if dryRun {
                    summary = try ledger.dryRun { session in try importer.run { batch in note(try session.append(try sealed(batch), closing: closing), batch) } }
                } else {
                    summary = try importer.run { batch in note(try ledger.append(try sealed(batch), closing: closing), batch) }
                }
            } else if dryRun {
                summary = try ledger.dryRun { session in try importer.run { batch in try session.append(try sealed(batch)) } }
            } else {
                summary = try importer.run { batch in try ledger.append(try sealed(batch)) }
            }
            Terminal.clearProgress()
            report(summary, declared: declared, ledger: ledger)
        }
    }

    /// The backfill's declaration, closing a batch: the events it appended (none: no declaration). It is dated
    /// `day`, the day it is recorded in Beijing time (the day late entries are counted from).
    static func declaration(_ outcomes: [AppendOutcome], reason: String, actor: String, on day: LocalDate) throws -> EventDraft? {
        let seqs = outcomes.compactMap { if case .appended(let seq, _) = $0 { seq } else { nil } }
        guard let first = seqs.first, let last = seqs.last else { return nil }
        let request: JSONValue = [
            "type": "backfill.declared", "effectiveDate": .string(day.description), "actor": .string(actor),
            "data": ["backfill": .string("backfill:\(first)"), "reason": .string(reason), "firstSeq": .integer(Int64(first)), "lastSeq": .integer(Int64(last))],
        ]
        do {
            return try GovernanceRequests.draft(from: request, defaultActor: actor)
        } catch {
            throw CLIError.badInput("--backfill: \(error)")
        }
    }

    private func report(_ summary: Importer.Summary, declared: [(seq: UInt64, first: UInt64, last: UInt64)], ledger: Ledger) {
        if json {
            var object: JSONObject = [
                "dryRun": .bool(dryRun), "appended": .integer(Int64(summary.appended)),
                "duplicates": .integer(Int64(summary.duplicates)), "batches": .integer(Int64(summary.batches)),
                "lines": .integer(Int64(summary.lines)), "lastSeq": .integer(Int64(summary.lastSeq)),
            ]
            if backfill != nil {
                object.set("backfills", .array(declared.map { .object(["seq": .integer(Int64($0.seq)), "firstSeq": .integer(Int64($0.first)),
                                                                       "lastSeq": .integer(Int64($0.last))]) }))
            }
            Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            return
        }
        let m = Msg.commands
        var text = (dryRun ? m.wouldAppend : m.appended)(["count": .number(summary.appended)]).local
        if summary.duplicates > 0 { text += m.duplicates(["count": .number(summary.duplicates)]).local }
        text += m.batches(["count": .number(summary.batches)]).local
        text += (dryRun ? m.dryRunNothingWritten : m.lastSeq)(["seq": .number(summary.lastSeq)]).local
        for declaration in declared {
            text += Msg.late.command.backfilled(["first": .number(declaration.first), "last": .number(declaration.last), "seq": .number(declaration.seq)]).local
        }
        Terminal.write(text + "\n")
    }
}
