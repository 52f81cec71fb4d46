import CanonicalJSON
import EventLog
import Governance

/// Reads lines, decodes events, and hands full batches to `commit`, mapping errors to line numbers.
struct Importer {
    var reader: LineReader
    let batchSize: Int
    let defaultActor: String

    struct Summary {
        var appended = 0
        var duplicates = 0
        var batches = 0
        var lines = 0
        /// The last input line of the last committed batch.
        var committedLines = 0
        var lastSeq: UInt64 = 0
    }

    mutating func run(_ commit: ([EventDraft]) throws -> AppendResult) throws -> Summary {
        var summary = Summary()
        var batch: [EventDraft] = []
        var lineNumbers: [Int] = []
        batch.reserveCapacity(batchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            let result: AppendResult
            do {
                result = try commit(batch)
            } catch let error as EventLogError {
                throw CLIError.from(error, lineNumbers: lineNumbers, committed: summary)
            }
            summary.batches += 1
            summary.appended += result.appendedCount
            summary.duplicates += result.duplicateCount
            summary.lastSeq = result.headSeq
            summary.committedLines = lineNumbers.last ?? summary.committedLines
            Terminal.progress("appending", done: UInt64(summary.appended + summary.duplicates), total: nil)
            batch.removeAll(keepingCapacity: true)
            lineNumbers.removeAll(keepingCapacity: true)
        }
        while let line = try reader.next() {
            switch line {
            case .tooLong(let bytes, let number):
                throw CLIError.badInput("line \(number): \(bytes) bytes exceed the limit of \(Append.lineBytesMax) bytes per line; \(Importer.unwritten(summary, lines: lineNumbers.first.map { $0...number }))")
            case .text(let bytes, let number):
                summary.lines = number
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let draft: EventDraft
                do {
                    let value = try JSONParser.parse(bytes, limits: JSONLimits(depthMax: Limits.payloadDepthMax + 1, bytesMax: Append.lineBytesMax))
                    draft = try GovernanceRequests.draft(from: value, defaultActor: defaultActor)
                } catch let error as JSONParseError {
                    throw CLIError.badInput("line \(number): not valid JSON: \(error); \(Importer.unwritten(summary, lines: lineNumbers.first.map { $0...number }))")
                } catch let error as GovernanceRequests.Failure {
                    throw CLIError.badInput("line \(number): \(error); \(Importer.unwritten(summary, lines: lineNumbers.first.map { $0...number }))")
                }
                batch.append(draft)
                lineNumbers.append(number)
                if batch.count == batchSize { try flush() }
            }
        }
        try flush()
        return summary
    }

    /// What happened to the input when a line fails.
    static func unwritten(_ summary: Summary, lines: ClosedRange<Int>?) -> String {
        var text = "nothing of this batch"
        if let lines { text += " (lines \(lines.lowerBound)-\(lines.upperBound))" }
        text += " was written"
        if summary.batches > 0 {
            text += "; \(summary.batches) earlier batch\(summary.batches == 1 ? "" : "es") (\(summary.appended) events, up to seq \(summary.lastSeq)) stay committed"
        }
        return text
    }

    /// What a full disk cost: nothing committed is lost, and where to start again.
    static func diskFull(_ path: String, _ summary: Summary, lines: ClosedRange<Int>) -> String {
        var text = "line \(lines.lowerBound): the disk holding \(path) is full (no space left on device): nothing of this batch (lines \(lines.lowerBound)-\(lines.upperBound)) was written"
        if summary.batches > 0 {
            text += "; \(summary.batches) earlier batch\(summary.batches == 1 ? "" : "es") (lines 1-\(summary.committedLines), \(summary.appended) events) stay committed, the head is seq \(summary.lastSeq), and nothing else was lost"
        } else {
            text += "; nothing of this input was committed and the ledger is as it was"
        }
        return text + "; free space on that disk, then append again from line \(lines.lowerBound) (events with idempotency keys may be re-sent safely)"
    }
}

extension CLIError {
    /// Rewrites a ledger error about "event N of the batch" as an error about an input line.
    static func from(_ error: EventLogError, lineNumbers: [Int], committed: Importer.Summary) -> CLIError {
        let lines = (lineNumbers.first ?? 0)...(lineNumbers.last ?? 0)
        func at(_ index: Int, _ what: String) -> String {
            let line = index < lineNumbers.count ? "line \(lineNumbers[index]): " : ""
            return line + what + "; " + Importer.unwritten(committed, lines: lines)
        }
        switch error {
        case .invalidEvent(let index, let field, let reason):
            return .badInput(at(index, "\(field): \(reason)"))
        case .versionConflict(let index, let stream, let expected, let actual):
            return .refused(at(index, "version conflict on stream \"\(stream)\": expected version \(expected), the stream is at version \(actual)"))
        case .idempotencyConflict(let index, let key, let original, let differing):
            return .refused(at(index, "idempotency key \"\(key)\" is already recorded as event \(original) with different \(differing.joined(separator: ", "))"))
        case .rejected(let index, _, let reason):
            return .refused(at(index, "refused: \(reason)"))
        case .diskFull(let path, _):
            return .failure(Importer.diskFull(path, committed, lines: lines))
        case .ledgerFull, .storage, .batchTooLarge, .corruptRecord, .damagedTable, .ledgerNotFound, .ledgerExists, .notALedger, .projectionsOutdated, .beyondHead,
             .notWritable, .mapSizeMaxBelowCurrent, .unreadable, .scratchFailed, .damagedTree, .noMerkleTree, .damagedFile:
            let text = "\(error); " + Importer.unwritten(committed, lines: lines)
            switch error.exit {
            case .integrity: return .integrity(text)
            case .ledgerState: return .ledgerState(text)
            case .badInput: return .badInput(text)
            default: return .failure(text)
            }
        }
    }
}
