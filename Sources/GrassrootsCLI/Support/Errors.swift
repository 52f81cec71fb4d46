import ArgumentParser
import EventLog
import Foundation
import Governance
import Messages

/// The documented exit codes (see `grassroots --help` and the README).
enum Exit: Int32 {
    case ok = 0
    case failure = 1
    case badInput = 2
    case refused = 3
    case integrity = 4
    case ledgerState = 5
    /// A command-line usage error (an unknown option or value).
    case usage = 64
}

/// A failure the CLI reports itself, with its exit code.
enum CLIError: Error, CustomStringConvertible {
    /// A message of the catalog, with its exit code.
    case said(Text, Exit)
    case badInput(String)
    case refused(String)
    case integrity(String)
    case ledgerState(String)
    case failure(String)

    var description: String {
        switch self {
        case .badInput(let s), .refused(let s), .integrity(let s), .ledgerState(let s), .failure(let s): s
        case .said(let text, _): text.local
        }
    }

    var exit: Exit {
        switch self {
        case .said(_, let exit): exit
        case .badInput: .badInput
        case .refused: .refused
        case .integrity: .integrity
        case .ledgerState: .ledgerState
        case .failure: .failure
        }
    }
}

extension EventLogError {
    var exit: Exit {
        switch self {
        case .invalidEvent, .batchTooLarge, .beyondHead, .mapSizeMaxBelowCurrent: .badInput
        case .versionConflict, .idempotencyConflict, .rejected: .refused
        case .corruptRecord, .damagedTable, .damagedTree, .damagedFile: .integrity
        case .ledgerNotFound, .ledgerExists, .notALedger, .projectionsOutdated, .notWritable, .noMerkleTree: .ledgerState
        case .storage(let error) where error.isCorruption: .integrity
        case .ledgerFull, .storage, .diskFull, .unreadable, .scratchFailed: .failure
        }
    }
}

extension EventLogError {
    /// In the reader's language; a rule's refusal inside is shown in it too.
    var text: Text {
        let m = Msg.errors.log
        switch self {
        case .invalidEvent(let index, let field, let reason):
            return m.invalidEvent(["index": .number(index + 1), "field": .plain(field), "reason": .plain(reason)])
        case .versionConflict(let index, let stream, let expected, let actual):
            return m.versionConflict(["index": .number(index + 1), "stream": .plain(stream), "expected": .number(expected), "actual": .number(actual)])
        case .idempotencyConflict(let index, let key, let originalSeq, let differing):
            return m.idempotencyConflict(["index": .number(index + 1), "key": .plain(key), "seq": .number(originalSeq),
                                          "fields": .list(differing.map { .plain($0) })])
        case .rejected(let index, let seq, let reason):
            let shown: Arg = (reason as? RuleViolation).map { .plain($0.rendered(Reading.language)) } ?? .plain("\(reason)")
            return m.rejected(["index": .number(index + 1), "seq": .number(seq), "reason": shown])
        case .batchTooLarge(let count, let max):
            return m.batchTooLarge(["count": .number(count), "max": .number(max)])
        case .ledgerFull(let max, let underlying):
            return m.ledgerFull(["max": .number(max), "reason": .plain(underlying.message)])
        case .ledgerNotFound(let path):
            return m.ledgerNotFound(["path": .plain(path)])
        case .ledgerExists(let path):
            return m.ledgerExists(["path": .plain(path)])
        case .notALedger(let path, let reason):
            return m.notALedger(["path": .plain(path), "reason": .plain(reason)])
        case .projectionsOutdated(let path, let stored, let current):
            return m.projectionsOutdated(["path": .plain(path), "stored": .plain(stored), "current": .plain(current)])
        case .notWritable(let path, let reason):
            return m.notWritable(["path": .plain(path), "reason": .plain(reason)])
        case .mapSizeMaxBelowCurrent(let path, let requested, let current):
            return m.mapSizeMaxBelowCurrent(["path": .plain(path), "requested": .number(requested), "current": .number(current)])
        case .diskFull(let path, let underlying):
            return m.diskFull(["path": .plain(path), "operation": .plain(underlying.operation)])
        case .unreadable(let path, let reason):
            return m.unreadable(["path": .plain(path), "reason": .plain(reason)])
        case .scratchFailed(let directory, let reason):
            return m.scratchFailed(["directory": .plain(directory), "reason": .plain(reason)])
        case .beyondHead(let seq, let head):
            return m.beyondHead(["seq": .number(seq), "head": .number(head)])
        case .corruptRecord(let seq, let reason):
            return m.corruptRecord(["seq": .number(seq), "reason": .plain(reason)])
        case .damagedTable(let table, let reason):
            return m.damagedTable(["table": .plain(table), "reason": .plain(reason)])
        case .damagedTree(let reason):
            return m.damagedTree(["reason": .plain(reason)])
        case .noMerkleTree(let path, let formatVersion):
            return m.noMerkleTree(["path": .plain(path), "format": .number(formatVersion)])
        case .damagedFile(let path, let reason):
            return m.damagedFile(["path": .plain(path), "reason": .plain(reason)])
        case .storage(let error) where error.isCorruption:
            return m.damagedStorage(["reason": .plain("\(error)")])
        case .storage(let error):
            return m.storage(["reason": .plain("\(error)")])
        }
    }
}

/// Runs a command body, printing any error to stderr as `grassroots: …` (in the reader's language) and
/// exiting with its code.
func runReportingErrors(_ options: GlobalOptions, _ body: () throws -> Void) throws {
    do {
        Reading.language = try options.resolvedLanguage()
    } catch {
        fail(error.description, .usage)
    }
    DamageGuard.install(fault: Msg.errors.log.faultWhileReading.template(Reading.language),
                        assertion: Msg.errors.log.lmdbAssertion.template(Reading.language))
    do {
        try body()
    } catch let error as CLIError {
        fail(error.description, error.exit)
    } catch let error as RuleViolation {
        fail(error.rendered(Reading.language), .badInput)
    } catch let error as EventLogError {
        fail(error.text.local, error.exit)
    } catch let error as ExitCode {
        throw error
    } catch {
        fail("\(error)", .failure)
    }
}

func fail(_ message: String, _ code: Exit) -> Never {
    Terminal.clearProgress()
    FileHandle.standardError.write(Data((Msg.errors.prefix(["message": .plain(message)]).local + "\n").utf8))
    exit(code.rawValue)
}
