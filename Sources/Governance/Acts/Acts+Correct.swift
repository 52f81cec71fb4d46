public import CanonicalJSON
public import EventLog
import Messages

/// A correction built from an original event and the fields a person changes (`grassroots correct SEQ --set
/// field=value`): the whole replacement payload, what changed, and the `event.corrected` draft.
public struct CorrectionDraft: Sendable {
    public struct Change: Sendable {
        public let flag: String
        public let kind: FieldKind
        public let old: JSONValue?
        public let new: JSONValue?
    }
    public let original: RecordedEvent
    public let replacement: JSONObject
    public let changes: [Change]
    public let draft: EventDraft
}

extension Acts {
    /// The fields `--set` may name for an event of `spec`: every field but nested objects and payloads and
    /// personal data kept out of the chain. A list is set whole: one `--set` per item, as `record` repeats its
    /// flag (`--set candidate=王秀英=71 --set candidate=李四=20`), unless its items hold personal data.
    public static func settableFlags(_ spec: EventTypeSpec) -> [ActFlag] {
        spec.fields.map { ActFlag($0) }.filter { flag in
            switch flag.field.kind {
            case .payload, .object, .sealed: false
            case .list(let element, _, _): !holdsSealed(element)
            default: true
            }
        }
    }

    /// Whether a value of `kind` has a member kept out of the chain.
    static func holdsSealed(_ kind: FieldKind) -> Bool {
        switch kind {
        case .sealed, .payload: true
        case .list(let element, _, _): holdsSealed(element)
        case .object(let fields): fields.contains { holdsSealed($0.kind) }
        default: false
        }
    }

    /// The correction of `original` with `sets` (by flag or field name; values as people type them: money in
    /// yuan, names for ids; an empty value removes an optional field). The original is decoded as its typed act
    /// first; the replacement is validated and decoded as the same type and version. Refused: unknown fields
    /// (naming the valid ones), nested objects and sealed fields, and a correction that changes nothing. A list's
    /// items are given one `--set` each and replace the list whole.
    public static func correction(of original: RecordedEvent, sets: [(field: String, value: String)], reason: String,
                                  date: LocalDate, actor: String, context: some ActContext) throws -> CorrectionDraft {
        let m = Msg.record
        guard original.type != EventCorrected.type, original.type != EventRetracted.type else {
            throw ActError(.badInput, m.notCorrectable(["seq": .number(original.seq), "type": .plain(original.type)]))
        }
        guard let spec = EventCatalog.spec(type: original.type, version: original.schemaVersion) else {
            throw ActError(.badInput, m.unknownType(["seq": .number(original.seq), "type": .plain(original.type), "version": .number(original.schemaVersion)]))
        }
        let settable = settableFlags(spec)
        let names: Arg = .list(settable.map { .plain($0.name) })
        guard !sets.isEmpty else { throw ActError(.usage, m.noSets(["fields": names])) }
        do {
            _ = try GovernanceAct.decode(type: spec.type, schemaVersion: spec.schemaVersion, payload: original.data)
        } catch {
            throw ActError(.badInput, m.invalid(["act": .plain("\(spec.type) (\(original.seq))"), "reason": .plain(error.description)]))
        }
        var replacement = original.data
        var changes: [CorrectionDraft.Change] = []
        var seen: Set<String> = []
        var listItems: [String: [JSONValue]] = [:]
        var listOrder: [ActFlag] = []
        for (name, value) in sets {
            let all = spec.fields.map { ActFlag($0) }
            guard let flag = all.first(where: { $0.name == name || $0.field.name == name }) else {
                throw ActError(.badInput, m.unknownField(["seq": .number(original.seq), "type": .plain(spec.type), "field": .plain(name), "fields": names]))
            }
            guard settable.contains(where: { $0.field.name == flag.field.name }) else {
                if holdsSealed(flag.field.kind) { throw ActError(.badInput, m.sealedField(["field": .plain(flag.name)])) }
                throw ActError(.badInput, m.listField(["field": .plain(flag.name)]))
            }
            if flag.isRepeated {
                // A list is given whole, item by item; an empty value empties an optional list.
                if seen.insert(flag.field.name).inserted { listItems[flag.field.name] = [] }
                if !value.isEmpty { listItems[flag.field.name, default: []].append(try ActValues.parse(value, kind: flag.valueKind, flag: flag.name, context: context)) }
                if !listOrder.contains(where: { $0.field.name == flag.field.name }) { listOrder.append(flag) }
                continue
            }
            guard seen.insert(flag.field.name).inserted else {
                throw ActError(.usage, m.givenTwice(["flag": .plain("set \(flag.name)"), "first": .plain(flag.name), "second": .plain(value)]))
            }
            let old = original.data[flag.field.name]
            let new: JSONValue? = value.isEmpty && !flag.field.required
                ? nil : try ActValues.parse(value, kind: flag.field.kind, flag: flag.name, context: context)
            if let new { replacement.set(flag.field.name, new) } else { _ = replacement.remove(flag.field.name) }
            if old != new { changes.append(.init(flag: flag.name, kind: flag.field.kind, old: old, new: new)) }
        }
        for flag in listOrder {
            let items = listItems[flag.field.name] ?? []
            let old = original.data[flag.field.name]
            let new: JSONValue? = items.isEmpty && !flag.field.required ? nil : .array(items)
            if let new { replacement.set(flag.field.name, new) } else { _ = replacement.remove(flag.field.name) }
            if old != new { changes.append(.init(flag: flag.name, kind: flag.field.kind, old: old, new: new)) }
        }
        guard !changes.isEmpty else {
            throw ActError(.badInput, m.noChange(["fields": .list(sets.map { .plain($0.field) })]))
        }
        _ = try decode(replacement, spec: spec, form: nil, label: "\(spec.type) (\(original.seq))")
        let correction = EventCorrected(corrects: original.seq, subject: original.stream, reason: reason, replacement: replacement)
        do {
            try PayloadValidator.validate(correction.payload, against: EventCorrected.spec)
            let draft = try correction.draft(on: date, actor: actor, idempotencyKey: key(EventCorrected.spec, date, correction.payload))
            return CorrectionDraft(original: original, replacement: replacement, changes: changes, draft: draft)
        } catch let error as PayloadError {
            throw ActError(.badInput, m.invalid(["act": .plain("correct"), "reason": .plain(error.description)]))
        } catch let error as GovernanceRequests.Failure {
            throw ActError(.badInput, m.invalid(["act": .plain("correct"), "reason": .plain(error.description)]))
        }
    }

    /// Validated and decoded as its typed act, with a label for the refusal.
    static func decode(_ payload: JSONObject, spec: EventTypeSpec, form: ActForm?, label: String) throws -> GovernanceAct {
        do {
            try PayloadValidator.validate(payload, against: spec)
            guard let act = try GovernanceAct.decode(type: spec.type, schemaVersion: spec.schemaVersion, payload: payload) else {
                preconditionFailure("\(spec.type) v\(spec.schemaVersion) is in the catalog but not among the typed acts: regenerate")
            }
            return act
        } catch {
            throw ActError(.badInput, Msg.record.invalid(["act": .plain(label), "reason": .plain(error.description)]))
        }
    }
}
