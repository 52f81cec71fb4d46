import ArgumentParser
import EventLog
import Foundation
import Governance
import Messages
import Reports

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
    /// In the reader's language; a rule's refusal inside is shown in it too (`Reports`, shared with the server).
    var text: Text { text(in: Reading.language) }
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
    } catch let error as LookupFailure {
        fail(error.text.local, .badInput)
    } catch let error as RuleViolation {
        fail(error.rendered(Reading.language), error.isDamage ? .integrity : .badInput)
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
