import CanonicalJSON
import EventLog
import Governance
import Reports

/// Reads lines, decodes events, and hands full batches to `commit`, mapping errors to line numbers.
struct Importer {
    var reader: LineReader
    let batchSize: Int
    let defaultActor: String

    typealias Summary = AppendProgress

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
                throw CLIError(AppendWords.lineTooLong(bytes: bytes, line: number, summary, firstOfBatch: lineNumbers.first))
            case .text(let bytes, let number):
                summary.lines = number
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let draft: EventDraft
                do {
                    let value = try JSONParser.parse(bytes, limits: JSONLimits(depthMax: Limits.payloadDepthMax + 1, bytesMax: Append.lineBytesMax))
                    draft = try GovernanceRequests.draft(from: value, defaultActor: defaultActor)
                } catch let error as JSONParseError {
                    throw CLIError(AppendWords.invalidLine(number, error, summary, firstOfBatch: lineNumbers.first))
                } catch let error as GovernanceRequests.Failure {
                    throw CLIError(AppendWords.invalidLine(number, error, summary, firstOfBatch: lineNumbers.first))
                }
                batch.append(draft)
                lineNumbers.append(number)
                if batch.count == batchSize { try flush() }
            }
        }
        try flush()
        return summary
    }
}

extension CLIError {
    /// An append's failure, in the same words, with its exit code.
    init(_ failure: AppendFailure) {
        switch failure.kind {
        case .badInput: self = .badInput(failure.text)
        case .refused: self = .refused(failure.text)
        case .integrity: self = .integrity(failure.text)
        case .ledgerState: self = .ledgerState(failure.text)
        case .failure: self = .failure(failure.text)
        }
    }

    /// Rewrites a ledger error about "event N of the batch" as an error about an input line.
    static func from(_ error: EventLogError, lineNumbers: [Int], committed: Importer.Summary) -> CLIError {
        CLIError(AppendWords.failure(error, lineNumbers: lineNumbers, committed: committed))
    }
}
