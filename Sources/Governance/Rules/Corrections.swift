import CanonicalJSON
import EventLog
import LMDB

/// Corrections and retractions (Schemas/CORRECTIONS.md). The original stays in the log, unchanged and
/// visible; the governance state becomes what it would be without it (retraction) or with the replacement
/// payload in its place (correction).
enum Corrections {
    /// FNV-1a, 64 bits: a deterministic digest (the same in every process, unlike Swift's seeded Hasher),
    /// enough to tell whether a value was changed since (an accidental collision is ~2^-64).
    static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return (0..<8).reversed().map { UInt8(truncatingIfNeeded: hash >> UInt64($0 * 8)) }
    }

    /// The undo journal's binary form: per entry, the table name (u8 length), the key (u32 length), the old
    /// value (a presence byte and, when present, a u32 length and the bytes, to restore it), then the new
    /// value's 8-byte digest (a presence byte and the digest, to tell whether it was changed since).
    static func encode(_ entries: [TableJournal.Entry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(0) { $0 + 32 + $1.table.utf8.count + $1.key.count + ($1.old?.count ?? 0) + ($1.new?.count ?? 0) })
        func length(_ n: Int) {
            precondition(n <= Int(UInt32.max), "undo entry too large")
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: n >> shift)) }
        }
        for entry in entries {
            let table = Array(entry.table.utf8)
            precondition(table.count <= 255, "table name too long")
            out.append(UInt8(table.count))
            out.append(contentsOf: table)
            length(entry.key.count)
            out.append(contentsOf: entry.key)
            if let old = entry.old {
                out.append(1)
                length(old.count)
                out.append(contentsOf: old)
            } else {
                out.append(0)
            }
            if let new = entry.new {
                out.append(1)
                out.append(contentsOf: digest(new))
            } else {
                out.append(0)
            }
        }
        return out
    }

    /// Entries with the old value and the new value's digest.
    static func decode(_ bytes: [UInt8]) throws -> [(table: String, key: [UInt8], old: [UInt8]?, newDigest: [UInt8]?)] {
        var index = 0
        func damaged() -> RuleViolation { RuleViolation(rule: "damaged state", detail: "an undo record cannot be read (byte \(index))", source: "") }
        func take(_ count: Int) throws -> ArraySlice<UInt8> {
            guard count >= 0, index + count <= bytes.count else { throw damaged() }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
        func length() throws -> Int { try take(4).reduce(0) { $0 << 8 | Int($1) } }
        var entries: [(table: String, key: [UInt8], old: [UInt8]?, newDigest: [UInt8]?)] = []
        while index < bytes.count {
            let tableLength = Int(try take(1).first ?? 0)
            let table = String(decoding: try take(tableLength), as: UTF8.self)
            let key = Array(try take(try length()))
            let old = try take(1).first == 1 ? Array(try take(try length())) : nil
            let newDigest = try take(1).first == 1 ? Array(try take(8)) : nil
            entries.append((table, key, old, newDigest))
        }
        return entries
    }
}

extension Rules {
    /// The acts that write a money line (`payout`).
    static let moneyTypes: Set<String> = ["subsidy.accrued", "bonus.awarded", "deduction.applied", "payment.made", "payment.reversed"]

    static func correct(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let retraction = event.type == "event.retracted"
        let field = retraction ? "retracts" : "corrects"
        let targetSeq = UInt64(integer(data, field))
        let act = retraction ? "retraction" : "correction"
        guard targetSeq < event.seq, let target = try tables.event(seq: targetSeq) else {
            throw RuleViolation(rule: "nothing to \(retraction ? "retract" : "correct")", detail: "there is no event \(targetSeq) before this one", source: "")
        }
        guard target.type != "event.corrected" && target.type != "event.retracted" else {
            throw RuleViolation(rule: "\(act) of a \(act == "retraction" ? "correction or retraction" : "correction or retraction")",
                                detail: "event \(targetSeq) is itself a \(target.type); correct or retract the original event instead", source: "")
        }
        if let status = try tables.record(StateTable.status, StateTable.seqBytes(targetSeq)) {
            throw RuleViolation(rule: "already \(string(status, "status"))", detail: "event \(targetSeq) was \(string(status, "status")) by event \(integer(status, "by"))", source: "")
        }
        guard string(data, "subject") == target.stream else {
            throw RuleViolation(rule: "wrong subject", detail: "event \(targetSeq) belongs to \(target.stream), not \(string(data, "subject"))", source: "")
        }
        // Later events that still depend on the target must be retracted or corrected first: those that
        // list what it registered among their subjects (the log's subject index), and those whose reference
        // or citation `gov.deps` holds (see `checkReferences`).
        var candidates: [UInt64] = []
        let prefix = StateTable.seqBytes(targetSeq)
        try tables.scan(StateTable.dependencies, from: prefix, limit: linesScanMax) { key, _ in
            guard key.starts(with: prefix), key.count == 16 else { return false }
            candidates.append(key[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            return true
        }
        if let field = defines[target.type], let defined = target.data[field]?.stringValue {
            candidates += try tables.events(concerning: defined, in: (targetSeq + 1)..<event.seq, limit: linesScanMax)
        }
        var dependents: [UInt64] = []
        var previous: UInt64 = 0
        for dependent in candidates.sorted() where dependent != previous && dependents.count < dependentsListedMax {
            previous = dependent
            if try tables.get(StateTable.status, key: StateTable.seqBytes(dependent)) == nil { dependents.append(dependent) }
        }
        if !dependents.isEmpty {
            throw RuleViolation(rule: "later events depend on it",
                                detail: "event \(targetSeq) (\(target.type)) is named or cited by event\(dependents.count == 1 ? "" : "s") \(dependents.map(String.init).joined(separator: ", ")); retract or correct those first, latest first",
                                source: "Schemas/CORRECTIONS.md")
        }
        // Undo the target's writes, provided nothing later changed the same state.
        guard let undoBytes = try tables.get(StateTable.undo, key: StateTable.seqBytes(targetSeq)) else {
            throw RuleViolation(rule: "no undo record", detail: "event \(targetSeq) has no recorded effect to undo; run `grassroots rebuild` (issue 4) if the state tables are older than it", source: "")
        }
        for entry in try Corrections.decode(undoBytes).reversed() {
            let current = try tables.get(entry.table, key: entry.key)
            guard current.map(Corrections.digest) == entry.newDigest else {
                throw RuleViolation(rule: "later events changed the same state",
                                    detail: "event \(targetSeq)'s entry in \(entry.table) (\(String(decoding: entry.key.map { $0 == 0 ? UInt8(ascii: "/") : $0 }, as: UTF8.self))) was changed since; retract or correct the later events first",
                                    source: "Schemas/CORRECTIONS.md")
            }
            if let old = entry.old {
                try tables.put(entry.table, key: entry.key, value: old)
            } else {
                _ = try tables.delete(entry.table, key: entry.key)
            }
        }
        // A person's money account sums their lines: with the target's line gone, count again.
        if moneyTypes.contains(target.type), let person = target.data["person"]?.stringValue {
            try tables.recomputeAccount(of: person)
        }
        if !retraction {
            guard let spec = EventCatalog.spec(type: target.type, version: target.schemaVersion), case .object(let replacement)? = data["replacement"] else {
                throw RuleViolation(rule: "unknown type", detail: "event \(targetSeq)'s type \(target.type) is not in the catalog", source: "")
            }
            do {
                try PayloadValidator.validate(replacement, against: spec)
            } catch {
                throw RuleViolation(rule: "replacement does not fit \(target.type)", detail: "data.replacement\(error.path.dropFirst(4)): \(error.reason)", source: "")
            }
            let stream = GovernanceRequests.derivedStream(replacement, spec: spec)
            guard stream == target.stream else {
                throw RuleViolation(rule: "a correction cannot move an event", detail: "the replacement names \(stream); event \(targetSeq) belongs to \(target.stream)", source: "")
            }
            let replaced = RecordedEvent(
                seq: event.seq, stream: target.stream, version: target.version, type: target.type, schemaVersion: target.schemaVersion,
                effectiveDate: target.effectiveDate, recordedAt: event.recordedAt, actor: event.actor, idempotencyKey: nil,
                // The subjects the log indexed for this event are the correction's, not the replacement's:
                // `checkReferences` keeps a dependency edge for every reference not among them.
                subjects: event.subjects, data: replacement, prevHash: event.prevHash, hash: event.hash)
            do {
                try apply(replaced, spec: spec, tables: tables)
            } catch let violation as RuleViolation {
                throw RuleViolation(rule: "the replacement breaks a rule", detail: violation.description, source: "")
            }
        }
        // Undoing money must not leave anyone paid more than is owed.
        if tables.mode == .append, moneyTypes.contains(target.type), target.type != "payment.made",
           let person = target.data["person"]?.stringValue {
            let account = try tables.owed(person)
            guard account.fen >= 0 else {
                throw RuleViolation(rule: "would leave a payment without its basis",
                                    detail: "after this \(act), \(person) would have been paid \(-account.fen) fen more than is owed (\(account.detail)); reverse the payment first",
                                    source: "Schemas/CORRECTIONS.md")
            }
        }
        try tables.put(StateTable.status, StateTable.seqBytes(targetSeq), ["status": .string(retraction ? "retracted" : "corrected"), "by": .integer(Int64(event.seq))])
    }
}

