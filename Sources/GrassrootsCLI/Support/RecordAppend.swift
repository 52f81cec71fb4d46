import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages

/// How `record` and `correct` append one act: through `Ledger.append` (or a dry run), as `append` does, so
/// the same rules, refusals and exit codes apply; and what they print.
enum RecordAppend {
    enum Outcome {
        /// Appended (or, in a dry run, would be) as event `seq`.
        case recorded(seq: UInt64, dryRun: Bool)
        /// This very act (same key) is recorded already, as event `seq`: nothing written.
        case alreadyRecorded(seq: UInt64)
    }

    /// Who records (`--actor`, else `$GRASSROOTS_ACTOR`, else `$USER`), as `append`.
    static func actor(_ given: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        return given ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    /// Under `--json`, a refusal is also printed as JSON on standard output (`{"error":{"exit":N,"message":"…"}}`),
    /// then reported on standard error with its exit code as any other.
    static func json<R>(_ enabled: Bool, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch {
            guard enabled else { throw error }
            let (message, exit): (String, Exit) = switch error {
            case let error as CLIError: (error.description, error.exit)
            case let error as ActError: (error.text.local, error.kind == .usage ? .usage : .badInput)
            case let error as EventLogError: (error.text.local, error.exit)
            default: ("\(error)", .failure)
            }
            let object: JSONObject = ["error": .object(["exit": .integer(Int64(exit.rawValue)), "message": .string(message)])]
            Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            throw error
        }
    }

    /// The act builder's refusals as the command line's (catalog text and exit code).
    static func catching<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as ActError {
            throw CLIError.said(error.text, error.kind == .usage ? .usage : .badInput)
        }
    }

    /// Appends the act, unless it is recorded already; a money act without a voucher identical to a recorded
    /// one is refused (exit 3) naming it.
    static func append(_ built: ActDraft, ledger: Ledger, dryRun: Bool) throws -> Outcome {
        switch built.standing {
        case .identicalWithoutVoucher(let seq):
            throw CLIError.said(Msg.record.identical(["term": .plain(built.form.spec.term), "seq": .number(seq)]), .refused)
        case .recorded(let seq): return .alreadyRecorded(seq: seq)
        case .new: return try append(built.draft, ledger: ledger, dryRun: dryRun)
        }
    }

    /// One draft, appended as `append` appends a batch of one.
    static func append(_ draft: EventDraft, ledger: Ledger, dryRun: Bool) throws -> Outcome {
        // A correction of an event with sealed members seals its replacement's values and names their owners
        // among its subjects (Schemas/PERSONAL.md).
        let draft = try GovernanceRequests.sealingReplacements([draft], in: ledger)[0]
        let result: AppendResult
        do {
            result = dryRun ? try ledger.dryRun { session in try session.append([draft]) } : try ledger.append([draft])
        } catch {
            guard let original = Acts.recordedByAnother(error) else { throw error }
            return .alreadyRecorded(seq: original)
        }
        let outcome = Acts.outcome(of: result)
        return outcome.appended ? .recorded(seq: outcome.seq, dryRun: dryRun) : .alreadyRecorded(seq: outcome.seq)
    }

    static func report(_ built: ActDraft, _ outcome: Outcome, json: Bool) {
        let m = Msg.record
        let spec = built.form.spec
        if json {
            var object: JSONObject = [
                "act": .string(built.form.name), "type": .string(spec.type), "schemaVersion": .integer(Int64(spec.schemaVersion)),
                "idempotencyKey": .string(built.draft.idempotencyKey ?? ""),
                "ids": .object(JSONObject(built.generated.map { ($0.field, JSONValue.string($0.id)) })),
                "data": .object(built.draft.data),
            ]
            switch outcome {
            case .recorded(let seq, let dryRun):
                object.set("outcome", .string(dryRun ? "would-record" : "recorded"))
                object.set("seq", .integer(Int64(seq)))
                object.set("dryRun", .bool(dryRun))
            case .alreadyRecorded(let seq):
                object.set("outcome", .string("already-recorded"))
                object.set("seq", .integer(Int64(seq)))
                object.set("dryRun", .bool(false))
            }
            if let again = built.again { object.set("again", .integer(Int64(again))) }
            // Sealed values are personal data: the JSON shows the fields' names, not their values.
            for field in spec.sealedFields where object["data"]?.objectValue?[field] != nil {
                if var data = object["data"]?.objectValue { data.set(field, .string("(sealed)")); object.set("data", .object(data)) }
            }
            Terminal.write(CanonicalJSON.string(.object(object)) + "\n")
            return
        }
        var lines: [String] = []
        switch outcome {
        case .recorded(let seq, let dryRun):
            lines.append((dryRun ? m.wouldRecord : m.recorded)(["term": .plain(spec.term), "type": .plain(spec.type), "seq": .number(seq)]).local)
        case .alreadyRecorded(let seq):
            lines.append(m.alreadyRecorded(["seq": .number(seq), "type": .plain(spec.type)]).local)
        }
        for (field, id) in built.generated { lines.append("  " + m.generatedID(["field": .plain(field), "id": .plain(id)]).local) }
        if let again = built.again {
            lines.append("  " + m.recordedAgain(["count": .number(again), "suffix": .plain("/again-\(again)")]).local)
        }
        if case .recorded = outcome, let taken = built.taken.last, let id = built.generated.first?.id {
            lines.append(m.idTaken(["taken": .plain(taken), "id": .plain(id)]).local)
        }
        Terminal.write(lines.joined(separator: "\n") + "\n")
    }
}
