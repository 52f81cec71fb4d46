import CanonicalJSON
import EventLog
import Messages

/// The rules each act must obey, and the state each act writes. Every act is decoded once into its typed
/// value (`GovernanceAct`), then:
/// - `check` reads the state at the act's point in the log and refuses it, naming the rule, the numbers and
///   the source (RULES.md; ../shared/seeds/). It never writes.
/// - `evolve` writes the act's effect on the state. It refuses nothing a check would have refused: a
///   replay (a rebuild, `check`, `--at-seq`) runs `evolve` alone, since every replayed act passed its
///   checks when it was appended and the chain proves it unchanged since.
/// One file per area: Organisation, Selection (votes, installation, offices), Recall, Grades, Payout,
/// FundsAssets, Corrections; References holds what every act is checked and indexed for.
enum Rules {
    /// Id kinds kept in state, so references to them are checked; and the field that defines a new one.
    static let trackedPrefixes: [String: String] = [
        "unit:": StateTable.units, "group:": StateTable.groups, "person:": StateTable.persons,
        "meeting:": StateTable.meetings, "vote:": StateTable.votes, "asset:": StateTable.assets,
        "approval:": StateTable.approvals, "petition:": StateTable.petitions, "payment:": StateTable.payments,
    ]
    static let defines: [String: String] = [
        "unit.registered": "unit", "group.registered": "group", "person.registered": "person",
        "meeting.held": "meeting", "vote.tallied": "vote", "asset.registered": "asset",
        "expense.approved": "approval", "recall.petitioned": "petition", "payment.made": "payment",
    ]

    /// Limits on the scans the rules make.
    static let gradesScanMax = 100_000
    static let holdingsScanMax = 1_000
    static let linesScanMax = 100_000
    /// Policy adoptions read for one unit.
    static let adoptionsPerUnitMax = 10_000
    static let dependentsListedMax = 10

    /// The event's act, decoded from its payload without validating it again (it was validated when
    /// appended, or just now by the hook). Nil for a type the catalog does not hold.
    static func act(of event: RecordedEvent) throws -> GovernanceAct? {
        do {
            return try GovernanceAct.decode(type: event.type, schemaVersion: event.schemaVersion, payload: event.data)
        } catch {
            throw RuleViolation(Msg.rules.name.undecodableEvent,
                                Msg.rules.detail.undecodable(["seq": .number(event.seq), "type": .plain(event.type), "error": "\(error)"]),
                                source: Cite.the("Schemas/events/\(event.type).v\(event.schemaVersion).schema.json"))
        }
    }

    /// Checks `act` (when `checking`: an append; not in a replay) and then writes its effect. A correction
    /// or retraction checks and writes in steps, since its replacement is checked against the state its
    /// undo leaves (`Corrections`).
    static func apply(_ act: GovernanceAct, _ event: RecordedEvent, tables: borrowing HookTables, checking: Bool) throws {
        switch act {
        case .eventCorrected(let correction):
            try Corrections.apply(.correction(correction), event, tables: tables, checking: checking)
        case .eventRetracted(let retraction):
            try Corrections.apply(.retraction(retraction), event, tables: tables, checking: checking)
        default:
            if checking { try check(act, event, tables: tables) }
            try evolve(act, event, tables: tables)
        }
    }

    /// Refuses `act` if it breaks a rule against the current state. Reads only.
    static func check(_ act: GovernanceAct, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try checkReferences(event, spec: act.spec, tables: tables)
        let date = event.effectiveDate
        switch act {
        case .policyAdopted(let adopted): try checkPolicyKnown(adopted, date: date, tables: tables)
        case .policyDefined(let defined): try checkPolicyDefinition(defined, tables: tables)
        case .unitPopulationRecorded(let recorded): try checkPopulation(recorded, tables: tables)
        case .committeeInstalled(let installed): try checkCommitteeInstallation(installed, date: date, tables: tables)
        case .committeeEnded(let ended): try checkCommitteeEnd(ended, date: date, tables: tables)
        case .confidenceVoted(let vote): try checkConfidence(vote, date: date, tables: tables)
        case .representativeRegistered(let registered): try checkRepresentative(registered, tables: tables)
        case .representativeEnded(let ended): try checkRepresentativeEnd(ended, date: date, tables: tables)
        case .voteTallied(let vote): try checkVote(vote, date: date, tables: tables)
        case .leaderInstalled(let installed): try checkInstallation(installed, date: date, tables: tables)
        case .appointmentFiled(let filed):
            try requireHolder(group: filed.group, person: filed.person, tables: tables, act: Msg.rules.detail.appointmentFiled)
        case .officeEnded(let ended): try checkOfficeEnd(ended, date: date, tables: tables)
        case .recallPetitioned(let petition):
            try requireHolder(group: petition.group, person: petition.person, tables: tables, act: Msg.rules.detail.recallPetition)
            guard petition.signatures <= petition.eligibleVoters else {
                throw RuleViolation(Msg.rules.name.impossibleCount,
                                    Msg.rules.detail.votersSigned(["signed": .number(petition.signatures), "of": .number(petition.eligibleVoters)]),
                                    source: Cite.the("Schemas/events/recall.petitioned.v1.schema.json; 村民委员会组织法 (2018) Art. 16"))
            }
        case .recallPetitionedV2(let petition):
            try requireHolder(group: petition.group, person: petition.person, tables: tables, act: Msg.rules.detail.recallPetition)
            try checkPetitionSignatures(petition)
        case .recallPetitionedV3(let petition):
            try requireHolder(group: petition.group, person: petition.person, tables: tables, act: Msg.rules.detail.recallPetition)
            try checkPetitionSignatures(petition.asV2)
        case .investigationCompleted(let investigation):
            _ = try petition(investigation.petition, about: investigation.person, tables: tables)
        case .investigationCompletedV2(let investigation):
            _ = try petition(investigation.petition, about: investigation.person, tables: tables)
        case .recallVoted(let vote): try checkRecallVote(vote, date: date, tables: tables)
        case .gradeAssigned(let grade): try checkGrade(grade, date: date, tables: tables)
        case .appraisalHeldV2(let appraisal): try checkAppraisal(appraisal, date: date, tables: tables)
        case .subsidyAccrued(let accrual): try checkAccrual(accrual, tables: tables)
        case .subsidyAccruedV2(let accrual): try checkAccrual(accrual, tables: tables)
        case .deductionApplied(let deduction): try checkDeduction(deduction, tables: tables)
        case .paymentMade(let payment): try checkPayment(payment, tables: tables)
        case .paymentReversed(let reversal): _ = try paymentToReverse(reversal, tables: tables)
        case .expenseApproved(let approval):
            try requirePassed(vote: approval.vote, question: .expense, group: approval.group, tables: tables)
        case .expensePaid(let expense): try checkExpense(expense, date: date, tables: tables)
        case .expensePaidV2(let expense): try checkExpense(expense.asV1, date: date, tables: tables)
        case .custodyChanged(let change): try checkCustodyChange(change, tables: tables)
        case .assetTransferred(let transfer): try checkTransfer(transfer, date: date, tables: tables)
        case .assetTransferredV2(let transfer): try checkTransferV2(transfer, date: date, tables: tables)
        case .assetTransferredV3(let transfer): try checkTransferV2(transfer.asV2, date: date, tables: tables)
        case .handoverRecorded(let handover): try checkHandover(handover, tables: tables)
        case .personErased(let erased): try checkErasure(erased, event, tables: tables)
        case .backfillDeclared(let declared): try checkBackfill(declared, event, tables: tables)
        case .personUpdated(let update):
            // A move or a change of rights applies to the residence in force that day: the person must be on
            // the register by then.
            guard try tables.residence(of: update.person, on: date) != nil else {
                throw RuleViolation(Msg.rules.name.updateBeforeRegistration,
                                    Msg.rules.detail.notYetRegistered(["person": .plain(update.person), "date": .date(date.description)]),
                                    source: Cite.the("Schemas/events/person.updated.v1.schema.json", Msg.rules.why.changeToRegistered))
            }
        case .unitRegistered, .groupRegistered, .groupSizeRecorded, .personRegistered, .personRegisteredV2, .candidateNominated, .unitNoticePosted,
             .candidateReviewed, .candidateReviewedV2, .noticePosted, .meetingHeld, .resignationSubmitted, .resignationSubmittedV2,
             .byelectionCalled, .appraisalHeld, .honourAwarded, .disciplineImposed, .disciplineImposedV2, .bonusAwarded, .fundReceived, .disclosurePosted, .assetRegistered,
             .auditCompleted, .auditCompletedV2, .eventCorrected, .eventRetracted, .accountGranted, .accountRevoked:
            break
        }
    }

    /// Writes `act`'s effect on the state. Reads what it needs; refuses only damaged state.
    static func evolve(_ act: GovernanceAct, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try recordDependencies(event, spec: act.spec, tables: tables)
        switch act {
        case .unitRegistered(let unit): try evolveUnit(unit, tables: tables)
        case .groupRegistered(let group): try evolveGroup(group, event, tables: tables)
        case .groupSizeRecorded(let size): try evolveGroupSize(size, event, tables: tables)
        case .personRegistered(let person): try evolvePerson(person, event, tables: tables)
        case .personRegisteredV2(let person): try evolvePersonV2(person, event, tables: tables)
        case .personErased(let erased): try evolveErasure(erased, event, tables: tables)
        case .personUpdated(let update): try evolvePersonUpdate(update, event, tables: tables)
        case .policyAdopted(let adopted): try evolveAdoption(adopted, event, tables: tables)
        case .policyDefined(let defined): try evolvePolicyDefinition(defined, tables: tables)
        case .unitPopulationRecorded(let recorded): try evolvePopulation(recorded, event, tables: tables)
        case .committeeInstalled(let installed): try evolveCommitteeInstallation(installed, event, tables: tables)
        case .committeeEnded(let ended): try evolveCommitteeEnd(ended, event, tables: tables)
        case .confidenceVoted(let vote): try evolveConfidence(vote, event, tables: tables)
        case .representativeRegistered(let registered): try evolveRepresentative(registered, event, tables: tables)
        case .representativeEnded(let ended): try evolveRepresentativeEnd(ended, event, tables: tables)
        case .meetingHeld(let meeting): try evolveMeeting(meeting, event, tables: tables)
        case .voteTallied(let vote): try evolveVote(vote, event, tables: tables)
        case .leaderInstalled(let installed): try evolveInstallation(installed, event, tables: tables)
        case .officeEnded(let ended): try evolveOfficeEnd(ended, event, tables: tables)
        case .recallPetitioned(let petition):
            try evolvePetition(group: petition.group, person: petition.person, id: petition.petition, signatures: petition.signatures,
                               eligibleVoters: petition.eligibleVoters, representatives: nil, event, tables: tables)
        case .recallPetitionedV2(let petition):
            let representatives = petition.representativeSignatures.flatMap { signed in petition.representatives.map { (signed, $0) } }
            try evolvePetition(group: petition.group, person: petition.person, id: petition.petition, signatures: petition.signatures,
                               eligibleVoters: petition.eligibleVoters, representatives: representatives, event, tables: tables)
        case .recallPetitionedV3(let petition):
            let representatives = petition.representativeSignatures.flatMap { signed in petition.representatives.map { (signed, $0) } }
            try evolvePetition(group: petition.group, person: petition.person, id: petition.petition, signatures: petition.signatures,
                               eligibleVoters: petition.eligibleVoters, representatives: representatives, event, tables: tables)
        case .investigationCompleted(let investigation): try evolveInvestigation(investigation, tables: tables)
        case .investigationCompletedV2(let investigation): try evolveInvestigation(investigation.asV1, tables: tables)
        case .recallVoted(let vote): try evolveRecallVote(vote, event, tables: tables)
        case .gradeAssigned(let grade): try evolveGrade(grade, event, tables: tables)
        case .appraisalHeldV2(let appraisal): try evolveAppraisal(appraisal, event, tables: tables)
        case .noticePosted(let notice): try evolveNotice(notice, event, tables: tables)
        case .unitNoticePosted(let notice):
            try tables.put(StateTable.notices, key: StateTable.history(notice.unit, date: event.effectiveDate, seq: event.seq),
                           value: NoticeRecord(kind: notice.kind, election: notice.election, days: notice.days.map { UInt64($0) }).bytes)
        case .subsidyAccrued, .subsidyAccruedV2, .bonusAwarded, .deductionApplied, .paymentMade, .paymentReversed:
            try evolvePayout(act, event, tables: tables)
        case .fundReceived(let receipt): try evolveReceipt(receipt, event, tables: tables)
        case .expenseApproved(let approval): try evolveApproval(approval, tables: tables)
        case .expensePaid(let expense): try evolveExpense(expense, event, tables: tables)
        case .expensePaidV2(let expense): try evolveExpense(expense.asV1, event, tables: tables)
        case .assetRegistered(let asset): try evolveAsset(asset, event, tables: tables)
        case .custodyChanged(let change): try evolveCustodyChange(change, event, tables: tables)
        case .assetTransferred(let transfer): try evolveTransfer(asset: transfer.asset, action: transfer.action, event, tables: tables)
        case .assetTransferredV2(let transfer): try evolveTransfer(asset: transfer.asset, action: transfer.action, event, tables: tables)
        case .assetTransferredV3(let transfer): try evolveTransfer(asset: transfer.asset, action: transfer.action, event, tables: tables)
        case .handoverRecorded(let handover): try evolveHandover(handover, event, tables: tables)
        case .disclosurePosted(let disclosure): try evolveDisclosure(disclosure, event, tables: tables)
        case .auditCompleted(let audit): try evolveAudit(audit, event, tables: tables)
        case .auditCompletedV2(let audit):
            try evolveAudit(AuditCompleted(group: audit.group, kind: audit.kind, person: audit.person, periodStart: audit.periodStart,
                                           periodEnd: audit.periodEnd, auditor: audit.auditor, findings: audit.findings), event, tables: tables)
        case .backfillDeclared(let declared): try evolveBackfill(declared, event, tables: tables)
        case .disciplineImposed(let discipline): try evolveDiscipline(discipline, event, tables: tables)
        case .disciplineImposedV2(let discipline): try evolveDiscipline(discipline.asV1, event, tables: tables)
        case .candidateNominated, .candidateReviewed, .candidateReviewedV2, .appointmentFiled, .resignationSubmitted, .resignationSubmittedV2, .byelectionCalled,
             .appraisalHeld, .honourAwarded, .eventCorrected, .eventRetracted, .accountGranted, .accountRevoked:
            break
        }
    }

    /// State the tables should hold and do not: damage, never a rule an act broke.
    /// The detail names the table entry in the ledger's own (English) terms, for whoever repairs it; the
    /// refusal around it is in the reader's language.
    static func damaged(_ detail: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.damagedState, Msg.rules.detail.damagedRepair(["what": .plain(detail)]), source: Cite.the("Schemas/STORAGE.md"))
    }
}
