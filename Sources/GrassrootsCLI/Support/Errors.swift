import ArgumentParser
import EventLog
import Foundation

/// The documented exit codes (see `grassroots --help` and the README).
enum Exit: Int32 {
    case ok = 0
    case failure = 1
    case badInput = 2
    case refused = 3
    case integrity = 4
    case ledgerState = 5
}

/// A failure the CLI reports itself, with its exit code.
enum CLIError: Error, CustomStringConvertible {
    case badInput(String)
    case refused(String)
    case integrity(String)
    case ledgerState(String)
    case failure(String)

    var description: String {
        switch self {
        case .badInput(let s), .refused(let s), .integrity(let s), .ledgerState(let s), .failure(let s): s
        }
    }

    var exit: Exit {
        switch self {
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
        case .ledgerFull, .storage, .diskFull, .unreadable, .scratchFailed: .failure
        }
    }
}

/// Runs a command body, printing any error to stderr as `grassroots: …` and exiting with its code.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        fail(error.description, error.exit)
    } catch let error as EventLogError {
        fail(error.description, error.exit)
    } catch let error as ExitCode {
        throw error
    } catch {
        fail("\(error)", .failure)
    }
}

func fail(_ message: String, _ code: Exit) -> Never {
    Terminal.clearProgress()
    FileHandle.standardError.write(Data("grassroots: \(message)\n".utf8))
    exit(code.rawValue)
}
