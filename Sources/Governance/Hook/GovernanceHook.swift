public import EventLog

/// The governance layer's part in every append, whoever calls `append`: nothing enters the ledger that
/// is not in the catalog, and every act is checked against the rules and the state at its point in the
/// log (`Rules`), updating that state in the same transaction.
public struct GovernanceHook: AppendHook {
    public init() {}
    public var tableNames: [String] { StateTable.all }
    /// Bump when the governance tables' layout or meaning changes: ledgers rebuild them on open.
    /// 14: every entry kept in versions by event (`Versions`), no undo journal (issue 12).
    /// 15: a person's money account stored with each money line (`StoredLine`).
    /// 16: who holds an office is read from the open intervals of `gov.roster` and `gov.tenures`
    /// (`gov.offices`, `gov.holdings` and `gov.last` are gone).
    /// 17: the event that registered an id is read from its record's versions (`gov.definers` is gone).
    /// 18: terms of office (`gov.roster`, `gov.tenures`) as binary `OfficeTerm` records.
    /// 19: payments (`gov.payments`) as binary `PaymentRecord` records.
    /// 20: event statuses (`gov.status`) as binary `EventStatus` records; dependency edges hold no value.
    /// 21: units and groups (`gov.units`, `gov.groups`) as binary `UnitRecord` and `GroupRecord` records.
    /// 22: group sizes, residences and adoptions as binary `GroupSize`, `Residence`, `AdoptionRecord` records.
    /// 23: audits, disclosures and discipline as binary `AuditRecord`, `DisclosureRecord`, `DisciplineRecord`.
    /// 24: grades (`gov.grades`, `gov.pgrades`) as binary `GradeRecord` records.
    /// 25: group funds and expenses (`gov.funds`, `gov.expenses`) as binary `FundLine` and `ExpenseRecord`.
    /// 26: the asset register and custody history (`gov.assets`, `gov.custody`) as `AssetRecord`, `CustodyEntry`.
    /// 27: handovers (`gov.handovers`) as binary `HandoverRecord` records.
    /// 28: meetings, votes, recall petitions, recall votes and expense approvals (`gov.meetings`, `gov.votes`,
    /// `gov.petitions`, `gov.recalls`, `gov.approvals`) as binary `MeetingRecord`, `VoteRecord`,
    /// `PetitionRecord`, `RecallRecord` and `ApprovalRecord` records; only `gov.persons` holds JSON.
    /// 29: policy documents (`gov.policies`), version-2 appraisals (`gov.appraisals`) and notices (`gov.notices`);
    /// the 优秀 quota reads leaders in office.
    /// 30: `OfficeTerm` keeps the installation's `termEnds`; `RecallRecord` the petition voted on.
    /// 31: villages' and communities' posts (`gov.uroster`, `gov.utenures`), representatives (`gov.reps`) and
    /// populations (`gov.upop`) and supervision members' confidence votes (`gov.confidence`).
    /// 33: recall votes by petition (`gov.pvotes`); a petition's representatives' signatures.
    /// 35: declared backfills (`gov.backfills`), for the late-entry alerts.
    /// 36: `gov.persons` as binary `PersonRecord`s: no personal value, only the commitments of a version-2
    /// registration and the erasure (`person.erased`); the person's name is read from the sealed-value store.
    public var stateVersion: String { "governance-state-36" }

    /// An appended event is validated against its schema, decoded once into its act, checked against the
    /// rules and applied; a replayed one (it passed all of that when appended, and the chain proves it
    /// unchanged since) is decoded without validation and applied only (`Rules.evolve`).
    public func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let checking = tables.mode == .append
        if checking {
            // Defence in depth: a draft appended without `GovernanceRequests.draft` is validated here too.
            let draft = EventDraft(type: event.type, schemaVersion: event.schemaVersion, effectiveDate: event.effectiveDate,
                                   stream: event.stream, actor: event.actor, subjects: event.subjects, data: event.data)
            _ = try GovernanceRequests.prepare(draft, streamGiven: true, subjectsGiven: true, form: .stored)
        }
        guard let act = try Rules.act(of: event) else { return }
        try Rules.apply(act, event, tables: tables, checking: checking)
    }
}
