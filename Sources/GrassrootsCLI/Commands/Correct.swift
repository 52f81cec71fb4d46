import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

/// `grassroots correct SEQ --set field=value ... --reason TEXT`: an `event.corrected` whose replacement is the
/// original payload with the fields changed (`Acts.correction`), after showing what changes.
struct Correct: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct a recorded event by the fields that change (更正事件:只写改动的字段).",
        discussion: """
            grassroots correct 12 --set amount=1300 --reason 金额录错
            The replacement is the event's payload with each --set applied (fields named as `record` names them: \
            amount in yuan, dates YYYY-MM-DD, names or ids, closed vocabularies checked; an empty value removes an \
            optional field). The change is shown (old → new) and recorded as event.corrected (Schemas/CORRECTIONS.md: \
            the rules judge the replacement, and refuse while later events depend on the original). Unknown fields are \
            refused naming the valid ones; a correction that changes nothing is refused. A list is given whole, one \
            --set per item as record repeats its flag (--set candidate=王秀英=71 --set candidate=李四=20). Nested \
            objects and personal data kept out of the chain cannot be set this way. Running the same correction \
            again records nothing.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: ArgumentHelp("The event to correct (事件序号).", valueName: "seq"))
    var seq: UInt64

    @Option(name: .customLong("set"), help: ArgumentHelp("A field and its corrected value (字段=更正值); repeat for each.", valueName: "field=value"))
    var sets: [String] = []

    @Option(help: ArgumentHelp("Why (更正原因).", valueName: "text"))
    var reason: String

    @Option(help: ArgumentHelp("The correction's effective date (default: today).", valueName: "YYYY-MM-DD"))
    var date: LocalDate?

    @Option(help: "Who records it (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    @Flag(help: "Check the correction against the ledger and write nothing.")
    var dryRun = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let m = Msg.record
            var pairs: [(field: String, value: String)] = []
            for set in sets {
                guard let equals = set.firstIndex(of: "="), equals != set.startIndex else {
                    throw CLIError.said(m.setSyntax(["value": .plain(set)]), .usage)
                }
                pairs.append((String(set[..<equals]), String(set[set.index(after: equals)...])))
            }
            try RecordAppend.json(json) { try correct(pairs) }
        }
    }

    func correct(_ pairs: [(field: String, value: String)]) throws {
        let m = Msg.record
        let ledger = try global.openLedger(for: .writing)
        let head = try ledger.head().seq
        guard seq >= 1, seq <= head, let original = try ledger.event(seq: seq) else {
            throw CLIError.said(m.noEvent(["seq": .number(seq), "head": .number(head)]), .badInput)
        }
        let built = try RecordAppend.catching {
            try Acts.correction(of: original, sets: pairs, reason: reason, date: date ?? LocalDate.today(), actor: RecordAppend.actor(actor),
                                context: LedgerActContext(ledger: ledger))
        }
        let outcome = try RecordAppend.append(built.draft, ledger: ledger, dryRun: dryRun)
        report(built, outcome)
    }

    func report(_ built: CorrectionDraft, _ outcome: RecordAppend.Outcome) {
        let m = Msg.record
        if json {
            var object: JSONObject = [
                "corrects": .integer(Int64(built.original.seq)), "type": .string(built.original.type),
                "replacement": .object(built.replacement),
                "changes": .array(built.changes.map { change in
                    .object(["field": .string(change.flag), "old": change.old ?? .null, "new": change.new ?? .null])
                }),
            ]
            switch outcome {
            case .recorded(let seq, let dryRun):
                object.set("outcome", .string(dryRun ? "would-record" : "recorded"))
                object.set("seq", .integer(Int64(seq)))
            case .alreadyRecorded(let seq):
                object.set("outcome", .string("already-recorded"))
                object.set("seq", .integer(Int64(seq)))
            }
            Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            return
        }
        var lines = [m.diffHeading(["seq": .number(built.original.seq), "type": .plain(built.original.type),
                                    "date": .date(built.original.effectiveDate.description)]).local]
        for change in built.changes {
            lines.append(m.diffLine(["field": .plain(change.flag), "old": shown(change.old, change.kind), "new": shown(change.new, change.kind)]).local)
        }
        switch outcome {
        case .recorded(let seq, let dryRun): lines.append((dryRun ? m.wouldCorrect : m.correctedAs)(["seq": .number(seq)]).local)
        case .alreadyRecorded(let seq): lines.append(m.correctionKnown(["seq": .number(seq)]).local)
        }
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }

    /// A value as a person reads it: money in yuan, dates in the reader's form.
    func shown(_ value: JSONValue?, _ kind: FieldKind) -> Arg {
        guard let value else { return .text(Msg.record.absent()) }
        switch (kind, value) {
        case (.fen, .integer(let fen)): return .fen(fen)
        case (.date, .string(let date)): return .date(date)
        case (_, .string(let text)): return .plain(text)
        default: return .plain(CanonicalJSON.string(value))
        }
    }
}
