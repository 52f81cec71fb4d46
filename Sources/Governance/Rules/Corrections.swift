import CanonicalJSON
import EventLog
import Messages

/// Corrections and retractions (Schemas/CORRECTIONS.md). The original stays in the log, unchanged and
/// visible; the governance state becomes what it would be without it (retraction) or with the replacement
/// payload in its place (correction). Checks and writes come in steps: the target is checked, its writes are
/// undone, and a replacement is then checked against the state the undo leaves before it is applied.
enum Corrections {
    enum Act {
        case correction(EventCorrected)
        case retraction(EventRetracted)

        var targetSeq: UInt64 {
            switch self {
            case .correction(let correction): correction.corrects
            case .retraction(let retraction): retraction.retracts
            }
        }
        var subject: String {
            switch self {
            case .correction(let correction): correction.subject
            case .retraction(let retraction): retraction.subject
            }
        }
        /// "correction" or "retraction": the kind of status it gives its target.
        var noun: String {
            switch self {
            case .correction: "correction"
            case .retraction: "retraction"
            }
        }

        /// The word for it: correction / 更正, retraction / 撤销.
        var word: Arg { .code(noun, in: Msg.rules.word.correctionKind) }
    }

    /// The person whose money line `act` writes (`Rules.evolvePayout`); nil for an act that writes none.
    static func moneyPerson(of act: GovernanceAct) -> String? {
        switch act {
        case .subsidyAccrued(let accrual): accrual.person
        case .subsidyAccruedV2(let accrual): accrual.person
        case .bonusAwarded(let bonus): bonus.person
        case .deductionApplied(let deduction): deduction.person
        case .paymentMade(let payment): payment.person
        case .paymentReversed(let reversal): reversal.person
        default: nil
        }
    }

    /// Checks (when `checking`) and applies a correction or retraction.
    static func apply(_ act: Act, _ event: RecordedEvent, tables: borrowing HookTables, checking: Bool) throws {
        guard act.targetSeq < event.seq, let target = try tables.event(seq: act.targetSeq) else {
            throw RuleViolation(act.noun == "retraction" ? Msg.rules.name.nothingToRetract : Msg.rules.name.nothingToCorrect,
                                Msg.rules.detail.noEventBefore(["seq": .number(act.targetSeq)]), source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        if checking { try checkTarget(act, target, event, tables: tables) }
        guard let targetAct = try Rules.act(of: target) else {
            throw RuleViolation(Msg.rules.name.unknownType, Msg.rules.detail.typeNotInCatalog(["seq": .number(target.seq), "type": .plain(target.type)]),
                                source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        try undo(target, targetAct, tables: tables, checking: checking)
        // A person's money account sums their lines: with the target's line gone, count again.
        let person = moneyPerson(of: targetAct)
        if let person { try tables.recomputeAccount(of: person) }
        if case .correction(let correction) = act {
            try applyReplacement(correction, of: target, event, tables: tables, checking: checking)
        }
        // Undoing money must not leave anyone paid more than is owed.
        if checking, let person, target.type != "payment.made" {
            let account = try tables.owed(person)
            guard account.fen >= 0 else {
                throw RuleViolation(Msg.rules.name.paymentWithoutBasis,
                                    Msg.rules.detail.overpaidAfter(["act": act.word, "person": .plain(person), "over": .fen(-account.fen), "how": .text(account.detail)]),
                                    source: Cite.the("Schemas/CORRECTIONS.md"))
            }
        }
        let status = EventStatus(kind: act.noun == "retraction" ? .retracted : .corrected, by: event.seq)
        try tables.put(StateTable.status, key: StateTable.seqBytes(act.targetSeq), value: status.bytes)
    }

    /// The target is an original act, not corrected or retracted before, of the stream the act names, and no
    /// later event still depends on it.
    static func checkTarget(_ act: Act, _ target: RecordedEvent, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let targetSeq = act.targetSeq
        guard target.type != "event.corrected" && target.type != "event.retracted" else {
            throw RuleViolation(act.noun == "retraction" ? Msg.rules.name.retractionOfACorrection : Msg.rules.name.correctionOfACorrection,
                                Msg.rules.detail.itselfACorrection(["seq": .number(targetSeq), "type": .plain(target.type)]), source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        if let status = try tables.status(of: targetSeq) {
            let details: KeyValuePairs<String, Arg> = ["seq": .number(targetSeq), "by": .number(status.by)]
            throw status.kind == .retracted
                ? RuleViolation(Msg.rules.name.alreadyRetracted, Msg.rules.detail.retractedBy(details), source: Cite.the("Schemas/CORRECTIONS.md"))
                : RuleViolation(Msg.rules.name.alreadyCorrected, Msg.rules.detail.correctedBy(details), source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        guard act.subject == target.stream else {
            throw RuleViolation(Msg.rules.name.wrongSubject,
                                Msg.rules.detail.belongsTo(["seq": .number(targetSeq), "stream": .plain(target.stream), "subject": .plain(act.subject)]),
                                source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        // A policy document never changes: a defined policy is corrected by defining a new id; it is retracted
        // only while no unit has adopted it and no defined policy extends it (the acts judged under it would
        // otherwise be judged under nothing).
        if target.type == PolicyDefined.type, let policy = target.data["policy"]?.stringValue {
            if case .correction = act {
                throw RuleViolation(Msg.rules.name.correctionOfAPolicy, Msg.rules.detail.policyNeverChanges(["policy": .plain(policy), "seq": .number(targetSeq)]),
                                    source: Cite.the("Schemas/events/policy.defined.v1.schema.json; Schemas/CORRECTIONS.md"))
            }
            var users: [Arg] = []
            try tables.scan(StateTable.adoptions, from: [], limit: Rules.linesScanMax) { key, value in
                if try AdoptionRecord(bytes: value, what: "an adoption").policy == policy {
                    users.append(.text(Msg.rules.detail.adoptedBy(["unit": .plain(String(decoding: key.prefix { $0 != 0 }, as: UTF8.self))])))
                }
                return users.count < Rules.dependentsListedMax
            }
            try tables.scan(StateTable.policies, from: [], limit: Rules.linesScanMax) { key, value in
                guard case .object(let document) = try JSONParser.parse(value) else { throw Rules.damaged("a defined policy is not an object") }
                if document["extends"]?.stringValue == policy {
                    users.append(.text(Msg.rules.detail.extendedBy(["policy": .plain(String(decoding: key, as: UTF8.self))])))
                }
                return users.count < Rules.dependentsListedMax
            }
            if !users.isEmpty {
                throw RuleViolation(Msg.rules.name.laterEventsDepend, Msg.rules.detail.policyInUse(["policy": .plain(policy), "seq": .number(targetSeq), "users": .list(users)]),
                                    source: Cite.the("Schemas/CORRECTIONS.md"))
            }
        }
        // Later events that still depend on the target must be retracted or corrected first: those that
        // list what it registered among their subjects (the log's subject index), and those whose reference
        // or citation `gov.deps` holds (see `Rules.recordDependencies`).
        var candidates: [UInt64] = []
        let prefix = StateTable.seqBytes(targetSeq)
        try tables.scan(StateTable.dependencies, from: prefix, limit: Rules.linesScanMax) { key, _ in
            guard key.starts(with: prefix), key.count == 16 else { return false }
            candidates.append(key[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
            return true
        }
        if let field = Rules.defines[target.type], let defined = target.data[field]?.stringValue {
            candidates += try tables.events(concerning: defined, in: (targetSeq + 1)..<event.seq, limit: Rules.linesScanMax)
        }
        var dependents: [UInt64] = []
        var previous: UInt64 = 0
        for dependent in candidates.sorted() where dependent != previous && dependents.count < Rules.dependentsListedMax {
            previous = dependent
            if try tables.get(StateTable.status, key: StateTable.seqBytes(dependent)) == nil { dependents.append(dependent) }
        }
        if !dependents.isEmpty {
            throw RuleViolation(Msg.rules.name.laterEventsDepend,
                                (dependents.count == 1 ? Msg.rules.detail.citedByEvent : Msg.rules.detail.citedByEvents)(
                                    ["seq": .number(targetSeq), "type": .plain(target.type), "dependents": .list(dependents.map { Arg.number($0) })]),
                                source: Cite.the("Schemas/CORRECTIONS.md"))
        }
    }

    /// Restores what the target's writes replaced. What it wrote is learned by applying it again against the
    /// tables as they stood right before it (`capturingWrites`: the stored versions, nothing written); each
    /// entry then gets a new version holding what it held before the target. When `checking`, each entry must
    /// still hold what the target wrote: otherwise a later event changed the same state.
    static func undo(_ target: RecordedEvent, _ act: GovernanceAct, tables: borrowing HookTables, checking: Bool) throws {
        let writes = try tables.capturingWrites(asOf: target.seq - 1) { before in
            try Rules.apply(act, target, tables: before, checking: false)
        }
        for write in writes {
            if checking {
                guard try tables.get(write.table, key: write.key) == write.value else {
                    throw RuleViolation(Msg.rules.name.laterEventsChangedState,
                                        Msg.rules.detail.entryChanged(["seq": .number(target.seq), "table": .plain(write.table),
                                                                       "key": .plain(String(decoding: write.key.map { $0 == 0 ? UInt8(ascii: "/") : $0 }, as: UTF8.self))]),
                                        source: Cite.the("Schemas/CORRECTIONS.md"))
                }
            }
            if let old = try tables.value(write.table, key: write.key, asOf: target.seq - 1) {
                try tables.put(write.table, key: write.key, value: old)
            } else {
                _ = try tables.delete(write.table, key: write.key)
            }
        }
    }

    /// Applies the replacement payload in the target's place, as the target's type, checked (when
    /// `checking`) against the state the undo left.
    static func applyReplacement(_ correction: EventCorrected, of target: RecordedEvent, _ event: RecordedEvent,
                                 tables: borrowing HookTables, checking: Bool) throws {
        guard let spec = EventCatalog.spec(type: target.type, version: target.schemaVersion) else {
            throw RuleViolation(Msg.rules.name.unknownType, Msg.rules.detail.typeNotInCatalog(["seq": .number(target.seq), "type": .plain(target.type)]),
                                source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        let replacement = correction.replacement
        if checking {
            // A replacement is a payload inside the correction's own, hashed as it is: its sealed members must
            // hold commitments, their values sealed like the original's (Schemas/PERSONAL.md).
            try checkSealedReplacement(replacement, spec: spec, of: target, event)
            do {
                try PayloadValidator.validate(replacement, against: spec, form: spec.sealedFields.isEmpty ? .request : .stored)
            } catch {
                throw RuleViolation(Msg.rules.name.replacementDoesNotFit,
                                    Msg.rules.detail.replacementDoesNotFit(["type": .plain(target.type), "path": .plain("data.replacement\(error.path.dropFirst(4))"),
                                                                            "reason": .plain(error.reason)]),
                                    source: Cite.the("Schemas/events/\(target.type).v\(target.schemaVersion).schema.json"))
            }
            let stream = GovernanceRequests.derivedStream(replacement, spec: spec)
            guard stream == target.stream else {
                throw RuleViolation(Msg.rules.name.correctionCannotMove,
                                    Msg.rules.detail.replacementNames(["stream": .plain(stream), "seq": .number(target.seq), "target": .plain(target.stream)]),
                                    source: Cite.the("Schemas/CORRECTIONS.md"))
            }
        }
        let replaced = RecordedEvent(
            seq: event.seq, stream: target.stream, version: target.version, type: target.type, schemaVersion: target.schemaVersion,
            effectiveDate: target.effectiveDate, recordedAt: event.recordedAt, actor: event.actor, idempotencyKey: nil,
            // The subjects the log indexed for this event are the correction's, not the replacement's:
            // `Rules.recordDependencies` keeps a dependency edge for every reference not among them.
            subjects: event.subjects, data: replacement, prevHash: event.prevHash, hash: event.hash)
        guard let act = try Rules.act(of: replaced) else {
            throw RuleViolation(Msg.rules.name.unknownType, Msg.rules.detail.typeNotInCatalog(["seq": .number(target.seq), "type": .plain(target.type)]),
                                source: Cite.the("Schemas/CORRECTIONS.md"))
        }
        do {
            try Rules.apply(act, replaced, tables: tables, checking: checking)
        } catch let violation as RuleViolation {
            throw RuleViolation(Msg.rules.name.replacementBreaksARule, Msg.rules.detail.nested(["refusal": .text(violation.text)]), source: Cite.the("Schemas/CORRECTIONS.md"))
        }
    }

    /// The replacement of an event with sealed members: each sealed member it holds is a commitment (sealed on
    /// append: `GovernanceRequests.sealingReplacement`), never the value; and the persons they concern are
    /// among the correction's subjects, so that their erasure finds it.
    static func checkSealedReplacement(_ replacement: JSONObject, spec: EventTypeSpec, of target: RecordedEvent, _ event: RecordedEvent) throws {
        let cite = Cite.the(Msg.personal.sealedSchema.en)
        for field in spec.sealedFields {
            guard let value = replacement[field] else { continue }
            guard let text = value.stringValue, Commitment(text) != nil else {
                throw RuleViolation(Msg.sealed.replacementNotSealed,
                                    Msg.sealed.replacementNotSealedDetail(["seq": .number(target.seq), "type": .plain(target.type),
                                                                           "version": .number(target.schemaVersion), "field": .plain("replacement." + field)]),
                                    source: cite)
            }
        }
        for owner in GovernanceRequests.owners(of: spec, in: replacement) where !event.subjects.contains(owner) {
            throw RuleViolation(Msg.sealed.ownerNotSubject,
                                Msg.sealed.ownerNotSubjectDetail(["seq": .number(target.seq), "person": .plain(owner)]), source: cite)
        }
    }
}
