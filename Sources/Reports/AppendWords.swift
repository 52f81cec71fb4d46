public import EventLog
public import Governance

/// Where an append of NDJSON stands: what `grassroots append` reports and `POST /api/events` answers.
public struct AppendProgress: Sendable {
    public var appended = 0
    public var duplicates = 0
    public var batches = 0
    public var lines = 0
    /// The last input line of the last committed batch.
    public var committedLines = 0
    public var lastSeq: UInt64 = 0

    public init() {}
}

/// Why NDJSON was not appended, in the words `grassroots append` prints (and `POST /api/events` answers), with
/// the exit status it maps to. A refusal by a rule keeps the rule's violation, for its name, numbers and source.
public struct AppendFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case badInput, refused, integrity, ledgerState, failure }
    public let kind: Kind
    public let text: String
    public let violation: RuleViolation?

    public init(_ kind: Kind, _ text: String, violation: RuleViolation? = nil) {
        self.kind = kind
        self.text = text
        self.violation = violation
    }

    public var description: String { text }
}

/// The words of an append's failures, shared by the command line and the server.
public enum AppendWords {
    /// The longest input line accepted, in bytes.
    public static let lineBytesMax = 256 * 1024

    /// A line longer than `lineBytesMax`.
    public static func lineTooLong(bytes: Int, line number: Int, _ progress: AppendProgress, firstOfBatch: Int?) -> AppendFailure {
        AppendFailure(.badInput, "line \(number): \(bytes) bytes exceed the limit of \(lineBytesMax) bytes per line; \(unwritten(progress, lines: firstOfBatch.map { $0...number }))")
    }

    /// A line that is not an event: not JSON, or not a request the catalog accepts.
    public static func invalidLine(_ number: Int, _ error: any Error, _ progress: AppendProgress, firstOfBatch: Int?) -> AppendFailure {
        let what = error is GovernanceRequests.Failure ? "\(error)" : "not valid JSON: \(error)"
        return AppendFailure(.badInput, "line \(number): \(what); \(unwritten(progress, lines: firstOfBatch.map { $0...number }))")
    }

    /// What happened to the input when a line fails.
    public static func unwritten(_ summary: AppendProgress, lines: ClosedRange<Int>?) -> String {
        var text = "nothing of this batch"
        if let lines { text += " (lines \(lines.lowerBound)-\(lines.upperBound))" }
        text += " was written"
        if summary.batches > 0 {
            text += "; \(summary.batches) earlier batch\(summary.batches == 1 ? "" : "es") (\(summary.appended) events, up to seq \(summary.lastSeq)) stay committed"
        }
        return text
    }

    /// What a full disk cost: nothing committed is lost, and where to start again.
    public static func diskFull(_ path: String, _ summary: AppendProgress, lines: ClosedRange<Int>) -> String {
        var text = "line \(lines.lowerBound): the disk holding \(path) is full (no space left on device): nothing of this batch (lines \(lines.lowerBound)-\(lines.upperBound)) was written"
        if summary.batches > 0 {
            text += "; \(summary.batches) earlier batch\(summary.batches == 1 ? "" : "es") (lines 1-\(summary.committedLines), \(summary.appended) events) stay committed, the head is seq \(summary.lastSeq), and nothing else was lost"
        } else {
            text += "; nothing of this input was committed and the ledger is as it was"
        }
        return text + "; free space on that disk, then append again from line \(lines.lowerBound) (events with idempotency keys may be re-sent safely)"
    }

    /// A ledger error about "event N of the batch" as an error about an input line.
    public static func failure(_ error: EventLogError, lineNumbers: [Int], committed: AppendProgress) -> AppendFailure {
        let lines = (lineNumbers.first ?? 0)...(lineNumbers.last ?? 0)
        func at(_ index: Int, _ what: String) -> String {
            let line = index < lineNumbers.count ? "line \(lineNumbers[index]): " : ""
            return line + what + "; " + unwritten(committed, lines: lines)
        }
        switch error {
        case .invalidEvent(let index, let field, let reason):
            return AppendFailure(.badInput, at(index, "\(field): \(reason)"))
        case .versionConflict(let index, let stream, let expected, let actual):
            return AppendFailure(.refused, at(index, "version conflict on stream \"\(stream)\": expected version \(expected), the stream is at version \(actual)"))
        case .idempotencyConflict(let index, let key, let original, let differing):
            return AppendFailure(.refused, at(index, "idempotency key \"\(key)\" is already recorded as event \(original) with different \(differing.joined(separator: ", "))"))
        case .rejected(let index, _, let reason):
            return AppendFailure(.refused, at(index, "refused: \(reason)"), violation: reason as? RuleViolation)
        case .diskFull(let path, _):
            return AppendFailure(.failure, diskFull(path, committed, lines: lines))
        case .batchTooLarge, .beyondHead, .mapSizeMaxBelowCurrent:
            return AppendFailure(.badInput, "\(error); " + unwritten(committed, lines: lines))
        case .corruptRecord, .damagedTable, .damagedTree, .damagedFile:
            return AppendFailure(.integrity, "\(error); " + unwritten(committed, lines: lines))
        case .ledgerNotFound, .ledgerExists, .notALedger, .projectionsOutdated, .notWritable, .noMerkleTree:
            return AppendFailure(.ledgerState, "\(error); " + unwritten(committed, lines: lines))
        case .storage(let underlying) where underlying.isCorruption:
            return AppendFailure(.integrity, "\(error); " + unwritten(committed, lines: lines))
        case .ledgerFull, .storage, .unreadable, .scratchFailed:
            return AppendFailure(.failure, "\(error); " + unwritten(committed, lines: lines))
        }
    }
}
