public import EventLog
import Governance
public import Messages

extension EventLogError {
    /// In `language`; a rule's refusal inside is shown in it too.
    public func text(in language: Language) -> Text {
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
            let shown: Arg = (reason as? RuleViolation).map { .plain($0.rendered(language)) } ?? .plain("\(reason)")
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

