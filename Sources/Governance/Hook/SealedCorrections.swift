import CanonicalJSON
public import EventLog

/// A correction (`event.corrected`) of an event with sealed members (Schemas/PERSONAL.md). Its replacement
/// is a payload inside the correction's own, so its sealed members are sealed too: the correction names them
/// for sealing (`replacement.<field>`), the chain gets their commitments and the sealed-value store their
/// values. The persons they concern are added to the correction's subjects, so that an erasure finds the
/// correction through the subject index (`ErasurePlanQuery`). The hook refuses a correction of such an event
/// whose replacement holds a value where a commitment belongs, or that lacks those subjects
/// (`Corrections.checkSealedReplacement`).
extension GovernanceRequests {
    /// `draft` made ready to seal its replacement, when it is a correction of `target` (the corrected event,
    /// as stored) and that event's type seals members; any other draft as it is.
    public static func sealingReplacement(_ draft: EventDraft, target: RecordedEvent) -> EventDraft {
        guard draft.type == EventCorrected.type, draft.schemaVersion == EventCorrected.schemaVersion,
              let spec = EventCatalog.spec(type: target.type, version: target.schemaVersion), !spec.sealedFields.isEmpty,
              let replacement = draft.data["replacement"]?.objectValue else { return draft }
        var prepared = draft
        // A member holding a commitment already (the original's, kept by `grassroots correct`) is left as it is.
        for field in spec.sealedFields where replacement[field].map({ value in value.stringValue.flatMap(Commitment.init) == nil }) ?? false {
            let path = "replacement." + field
            if !prepared.sealedFields.contains(path) { prepared.sealedFields.append(path) }
        }
        for owner in owners(of: spec, in: replacement) where !prepared.subjects.contains(where: { sameBytes($0, owner) }) {
            prepared.subjects.append(owner)
        }
        return prepared
    }

    /// Each correction of `drafts` made ready to seal its replacement, its target read from `ledger` (the
    /// ledger as committed: a correction of an event appended in the same batch is not prepared, and the hook
    /// refuses it if that event seals members). At most `Limits.batchEventsMax` drafts, as an append.
    public static func sealingReplacements(_ drafts: [EventDraft], in ledger: Ledger) throws -> [EventDraft] {
        guard drafts.contains(where: { $0.type == EventCorrected.type }) else { return drafts }
        let head = try ledger.head().seq
        return try drafts.map { draft in
            guard draft.type == EventCorrected.type, let corrects = draft.data["corrects"]?.integerValue, corrects > 0, UInt64(corrects) <= head,
                  let target = try ledger.event(seq: UInt64(corrects)) else { return draft }
            return sealingReplacement(draft, target: target)
        }
    }

    /// The person ids that own the sealed members present in `payload` (their `owner` field, or the event's
    /// data subject).
    static func owners(of spec: EventTypeSpec, in payload: JSONObject) -> [String] {
        var owners: [String] = []
        for field in spec.fields where field.isSealed && payload[field.name] != nil {
            if let ownerField = spec.owner(of: field), let owner = payload[ownerField]?.stringValue, !owners.contains(owner) { owners.append(owner) }
        }
        return owners
    }
}
