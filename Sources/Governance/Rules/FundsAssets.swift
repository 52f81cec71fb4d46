import EventLog
import Messages

/// The group's money and assets (三资): receipts, approvals, expenses, the asset register, custody, leases
/// and disposals, handovers, audits and disclosures (001_6bbac2880b66cfa6.txt (二)4-5;
/// 003_47d81f790fe2866f.txt 三(七)4; 村民委员会组织法 (2018) Art. 20, 24, 30, 35).
extension Rules {
    static func evolveReceipt(_ receipt: FundReceived, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let line = FundLine(kind: .receipt, amountFen: receipt.amountFen, date: event.effectiveDate, counterparty: receipt.source, approval: nil)
        try tables.put(StateTable.funds, key: StateTable.line(receipt.group, seq: event.seq), value: line.bytes)
    }

    static func evolveApproval(_ approval: ExpenseApproved, tables: borrowing HookTables) throws {
        let record = ApprovalRecord(group: approval.group, amountFen: approval.amountFen, purpose: approval.purpose)
        try tables.put(StateTable.approvals, key: StateTable.key(approval.approval), value: record.bytes)
    }

    /// The vote decided `question` for `group` and passed: yes votes meet the decision threshold of those
    /// attending its meeting, under the policy in force on the meeting's date.
    static func requirePassed(vote id: String, question: VoteQuestion, group: String, tables: borrowing HookTables) throws {
        // A vote on another question is refused before the policy in force is looked up, as it always was (an
        // unknown group named beside it is the lesser fault).
        if let vote = try tables.vote(id), vote.question != question {
            throw anotherQuestion(vote: id, decided: vote.question, required: question)
        }
        try assessApproval(vote: id, question: question, group: group, tables: tables).refuse()
    }

    private static let questionSource = Cite.the("001_6bbac2880b66cfa6.txt (二)4, (二)5; 003_47d81f790fe2866f.txt 三(七)4", Msg.rules.why.thatVeryMatter)

    private static func anotherQuestion(vote id: String, decided: VoteQuestion, required: VoteQuestion) -> RuleViolation {
        RuleViolation(Msg.rules.name.voteOnAnotherQuestion,
                      Msg.rules.detail.anotherQuestion(["vote": .plain(id), "decided": .code(decided.rawValue, in: Msg.words.voteQuestion),
                                                        "question": .code(required.rawValue, in: Msg.words.voteQuestion)]),
                      source: questionSource)
    }

    /// A meeting vote approving an expense or an asset's lease or disposal, check by check: the vote decided
    /// that question; its yes votes reached the decision threshold of the meeting rule in force on the
    /// meeting's date (none to reach where no policy sets one). Refuses an unknown vote or meeting.
    static func assessApproval<T: TableTransaction & ~Copyable>(vote id: String, question: VoteQuestion, group: String,
                                                                tables: borrowing Tables<T>) throws -> Assessment {
        guard let vote = try tables.vote(id), let meeting = try tables.meeting(vote.meeting) else {
            throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.voteOrMeetingUnregistered(["vote": .plain(id)]),
                                source: Cite.the("001_6bbac2880b66cfa6.txt (二)4; 003_47d81f790fe2866f.txt 三(七)4", Msg.rules.why.approvalIsAVote))
        }
        let policy = try tables.policyInForce(group: group, on: meeting.date)
        var assessment = Assessment(decision: .approval, group: group, person: nil, basis: id, meeting: vote.meeting, date: meeting.date, policy: policy)
        assessment.add(DecisionCheck(.question, passed: vote.question == question, [.question(vote: id, decided: vote.question, required: question)],
                                     source: questionSource, violation: anotherQuestion(vote: id, decided: vote.question, required: question)))
        guard let rule = policy.meeting else { return assessment }
        let cite = Cite.policy(rule.source, policy.origin("meeting"))
        let attending = meeting.attendingAdults
        let yes = vote.yes ?? 0
        let minimum = rule.decision.minimum(of: attending)
        assessment.add(DecisionCheck(.decision, passed: rule.decision.isMet(yes, of: attending),
                             [.share(of: .yesOfAttending, count: yes, base: attending, threshold: rule.decision, minimum: minimum, reported: nil)], source: cite,
                             violation: RuleViolation(Msg.rules.name.voteDidNotPass,
                                                      Msg.rules.detail.yesVotes(["vote": .plain(id), "yes": .number(yes), "attending": .number(attending),
                                                                                 "threshold": rule.decision.arg, "minimum": .number(minimum)]),
                                                      source: cite)))
        return assessment
    }

    /// An expense needs a passed meeting vote where the policy requires one (Damao (二)4) and never exceeds
    /// its approval.
    static func checkExpense(_ expense: ExpensePaid, date: LocalDate, tables: borrowing HookTables) throws {
        guard let approvalID = expense.approval else {
            let policy = try tables.policyInForce(group: expense.group, on: date)
            if let rule = policy.approvals, rule.groupExpenseNeedsMeeting {
                throw RuleViolation(Msg.rules.name.expenseWithoutApproval,
                                    Msg.rules.detail.expenseWithoutApproval(["amount": .fen(expense.amountFen), "group": .plain(expense.group)]),
                                    source: Cite.policy(rule.source, policy.origin("approvals")))
            }
            return
        }
        guard let approved = try tables.approval(approvalID)?.amountFen else { return }
        let paid = try tables.records(StateTable.expenses, of: approvalID) { try ExpenseRecord(bytes: $0, what: "an expense against \(approvalID)") }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        guard paid + expense.amountFen <= approved else {
            throw RuleViolation(Msg.rules.name.expenseExceedsApproval,
                                Msg.rules.detail.exceedsApproval(["approval": .plain(approvalID), "approved": .fen(approved), "paid": .fen(paid), "asked": .fen(expense.amountFen)]),
                                source: Cite.the("001_6bbac2880b66cfa6.txt (二)4", Msg.rules.why.noMoreThanApproved))
        }
    }

    static func evolveExpense(_ expense: ExpensePaid, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let line = FundLine(kind: .expense, amountFen: expense.amountFen, date: event.effectiveDate, counterparty: expense.payee, approval: expense.approval)
        try tables.put(StateTable.funds, key: StateTable.line(expense.group, seq: event.seq), value: line.bytes)
        if let approval = expense.approval {
            try tables.put(StateTable.expenses, key: StateTable.line(approval, seq: event.seq), value: ExpenseRecord(amountFen: expense.amountFen).bytes)
        }
    }

    // MARK: assets

    static func evolveAsset(_ asset: AssetRegistered, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let entry = CustodyEntry(custodian: asset.custodian, status: "held", date: event.effectiveDate, act: "registered")
        try tables.put(StateTable.custody, key: StateTable.line(asset.asset, seq: event.seq), value: entry.bytes)
        let record = AssetRecord(group: asset.group, custodian: asset.custodian, status: "held", valueFen: asset.valueFen,
                                 kind: asset.kind, description: asset.description)
        try tables.put(StateTable.assets, key: StateTable.key(asset.asset), value: record.bytes)
    }

    static func assetRecord(_ id: String, tables: borrowing HookTables) throws -> AssetRecord {
        guard let asset = try tables.asset(id) else {
            throw RuleViolation(Msg.rules.name.unknownReference, Msg.rules.detail.notRegistered(["id": .plain(id)]),
                                source: Cite.the("003_47d81f790fe2866f.txt 三(七)4", Msg.rules.why.assetLedger))
        }
        return asset
    }

    /// Custody passes only from the custodian.
    static func checkCustodyChange(_ change: CustodyChanged, tables: borrowing HookTables) throws {
        let custodian = try assetRecord(change.asset, tables: tables).custodian
        guard custodian == change.from else {
            throw RuleViolation(Msg.rules.name.custodyFromNonHolder,
                                Msg.rules.detail.heldBy(["asset": .plain(change.asset), "custodian": .plain(custodian), "other": .plain(change.from)]),
                                source: Cite.the("000_19bdd15b88ce0110.txt 四(三)", Msg.rules.why.assetsPassFromHolder))
        }
    }

    static func evolveCustodyChange(_ change: CustodyChanged, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try updateAsset(change.asset, custodian: change.to, act: "custody changed", event, tables: tables)
    }

    /// A lease or disposal (version 1) needs the asset held (a return, leased); where the policy requires a
    /// meeting, version 1 cannot show it: its `approval` is an expense approval, not the meeting's decision on
    /// the asset (003_47d81f790fe2866f.txt 三(七)4), so such a lease or disposal is recorded as version 2.
    static func checkTransfer(_ transfer: AssetTransferred, date: LocalDate, tables: borrowing HookTables) throws {
        try checkTransferable(transfer.asset, action: transfer.action, tables: tables)
        guard transfer.action != .returned else { return }
        let policy = try tables.policyInForce(group: transfer.group, on: date)
        if let rule = policy.approvals, rule.assetTransferNeedsMeeting {
            let action: Arg = .code(transfer.action.rawValue, in: Msg.words.assetAction)
            let needs = Msg.rules.detail.needsAssetVote(["asset": .plain(transfer.asset), "group": .plain(transfer.group), "action": action])
            let detail = transfer.approval.map { Msg.rules.detail.notThatVote(["needs": .text(needs), "approval": .plain($0)]) } ?? needs
            throw RuleViolation(Msg.rules.name.assetWithoutApproval[transfer.action.rawValue] ?? Msg.rules.name.assetWithoutApprovalAny,
                                Msg.rules.detail.recordVersion2(["detail": .text(detail)]),
                                source: Cite.policy(rule.source, policy.origin("approvals")))
        }
    }

    /// A lease or disposal (version 2) needs the asset held; where the policy requires a meeting, a passed
    /// vote of the group's meeting on the asset question, held no later than the act; where it requires a
    /// notice, a decision notice (张榜公告) of the group posted after the asset's last change and no later
    /// than that meeting (003_47d81f790fe2866f.txt 三(七)4: notice, meeting approval, then publication).
    static func checkTransferV2(_ transfer: AssetTransferredV2, date: LocalDate, tables: borrowing HookTables) throws {
        try checkTransferable(transfer.asset, action: transfer.action, tables: tables)
        guard transfer.action != .returned else { return }
        let policy = try tables.policyInForce(group: transfer.group, on: date)
        guard let rule = policy.approvals, rule.assetTransferNeedsMeeting else { return }
        let cite = Cite.policy(rule.source, policy.origin("approvals"))
        let action: Arg = .code(transfer.action.rawValue, in: Msg.words.assetAction)
        guard let voteID = transfer.vote else {
            throw RuleViolation(Msg.rules.name.assetWithoutApproval[transfer.action.rawValue] ?? Msg.rules.name.assetWithoutApprovalAny,
                                Msg.rules.detail.needsAssetVote(["asset": .plain(transfer.asset), "group": .plain(transfer.group), "action": action]),
                                source: cite)
        }
        try requirePassed(vote: voteID, question: .asset, group: transfer.group, tables: tables)
        guard let vote = try tables.vote(voteID), let meeting = try tables.meeting(vote.meeting) else { throw damaged("\(voteID) or its meeting is missing") }
        guard meeting.date <= date else {
            throw RuleViolation(Msg.rules.name.assetBeforeVote[transfer.action.rawValue] ?? Msg.rules.name.assetBeforeVoteAny,
                                Msg.rules.detail.assetBeforeVote(["asset": .plain(transfer.asset), "action": action, "date": .date(date.description),
                                                                  "meeting": .date(meeting.date.description)]),
                                source: cite)
        }
        guard rule.assetTransferNotice else { return }
        let lastChange = try tables.records(StateTable.custody, of: transfer.asset) { try CustodyEntry(bytes: $0, what: "the custody of \(transfer.asset)") }
            .map(\.date).max()
        let noticed = try tables.notices(of: transfer.group).contains { notice in
            notice.record.kind == .decision && notice.date <= meeting.date && (lastChange.map { notice.date >= $0 } ?? true)
        }
        guard noticed else {
            let details: KeyValuePairs<String, Arg> = ["group": .plain(transfer.group), "change": .date(lastChange?.description ?? ""),
                                                        "meeting": .date(meeting.date.description), "asset": .plain(transfer.asset)]
            throw RuleViolation(Msg.rules.name.assetWithoutNotice[transfer.action.rawValue] ?? Msg.rules.name.assetWithoutNoticeAny,
                                lastChange == nil ? Msg.rules.detail.noNoticeBy(details) : Msg.rules.detail.noNoticeBetween(details),
                                source: cite)
        }
    }

    /// The asset is held to be leased or disposed of, leased to be returned.
    static func checkTransferable(_ id: String, action: AssetAction, tables: borrowing HookTables) throws {
        let status = try assetRecord(id, tables: tables).status
        if action == .returned {
            guard status == AssetAction.leased.rawValue else {
                throw RuleViolation(Msg.rules.name.assetNotLeased, Msg.rules.detail.cannotBeReturned(["asset": .plain(id), "status": .code(status, in: Msg.rules.word.assetStatus)]),
                                    source: Cite.the("Schemas/events/asset.transferred.v1.schema.json", Msg.rules.why.leaseEndsWithReturn))
            }
            return
        }
        guard status == "held" else {
            throw RuleViolation(Msg.rules.name.assetNotHeld, Msg.rules.detail.alreadyStatus(["asset": .plain(id), "status": .code(status, in: Msg.rules.word.assetStatus)]),
                                source: Cite.the("003_47d81f790fe2866f.txt 三(七)4", Msg.rules.why.onlyHeldAssets))
        }
    }

    static func evolveTransfer(asset: String, action: AssetAction, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let status = action == .returned ? "held" : action.rawValue
        try updateAsset(asset, status: status, act: action.rawValue, event, tables: tables)
    }

    /// The outgoing side must hold the office (or have held it last) and the assets it hands over
    /// (村民委员会组织法 Art. 20; 000_19bdd15b88ce0110.txt 四(三)). A missing asset is a fact the audit reports.
    static func checkHandover(_ handover: HandoverRecorded, tables: borrowing HookTables) throws {
        let (group, outgoing) = (handover.group, handover.outgoing)
        let leader = Post.groupLeader.rawValue
        let current = try tables.holders(group, leader, limit: 1).first?.person
        let last = try tables.lastHolder(group, leader)
        guard outgoing == current || outgoing == last else {
            let none = Arg.text(Text(Msg.common.none))
            throw RuleViolation(Msg.rules.name.handoverByNonHolder,
                                Msg.rules.detail.neitherLeader(["outgoing": .plain(outgoing), "group": .plain(group), "current": current.map { Arg.plain($0) } ?? none,
                                                                "last": last.map { Arg.plain($0) } ?? none]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 20; 000_19bdd15b88ce0110.txt 四(三)"))
        }
        var handedOver: Set<String> = []
        for item in handover.items {
            let asset = try assetRecord(item.asset, tables: tables)
            guard item.present else { continue }
            let custodian = asset.custodian
            // An asset listed twice as present: the first hands it over, so the second does not hold it.
            guard custodian == outgoing, handedOver.insert(item.asset).inserted else {
                throw RuleViolation(Msg.rules.name.handingOverUnheld,
                                    Msg.rules.detail.heldBy(["asset": .plain(item.asset), "custodian": .plain(handedOver.contains(item.asset) ? handover.incoming : custodian),
                                                             "other": .plain(outgoing)]),
                                    source: Cite.the("000_19bdd15b88ce0110.txt 四(三)"))
            }
        }
    }

    static func evolveHandover(_ handover: HandoverRecorded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        for item in handover.items where item.present {
            try updateAsset(item.asset, custodian: handover.incoming, act: "handed over", event, tables: tables)
        }
        let record = HandoverRecord(outgoing: handover.outgoing, incoming: handover.incoming, witnesses: handover.witnesses,
                                    items: handover.items.map { .init(asset: $0.asset, present: $0.present, valueFen: $0.valueFen, note: $0.note) },
                                    cashFen: handover.cashFen, balanceFen: handover.balanceFen, date: event.effectiveDate)
        try tables.put(StateTable.handovers, key: StateTable.line(handover.group, seq: event.seq), value: record.bytes)
    }

    /// Sets an asset's custodian or status and appends the change to its custody history.
    static func updateAsset(_ id: String, custodian: String? = nil, status: String? = nil, act: String, _ event: RecordedEvent,
                            tables: borrowing HookTables) throws {
        guard var asset = try tables.asset(id) else { throw damaged("the asset \(id) is missing") }
        if let custodian { asset.custodian = custodian }
        if let status { asset.status = status }
        try tables.put(StateTable.assets, key: StateTable.key(id), value: asset.bytes)
        let entry = CustodyEntry(custodian: asset.custodian, status: asset.status, date: event.effectiveDate, act: act)
        try tables.put(StateTable.custody, key: StateTable.line(id, seq: event.seq), value: entry.bytes)
    }

    // MARK: disclosures and audits

    static func evolveDisclosure(_ disclosure: DisclosurePosted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = DisclosureRecord(kind: disclosure.kind, periodStart: disclosure.periodStart, periodEnd: disclosure.periodEnd,
                                      balanceFen: disclosure.balanceFen, date: event.effectiveDate)
        try tables.put(StateTable.disclosures, key: StateTable.line(disclosure.group, seq: event.seq), value: record.bytes)
    }

    static func evolveAudit(_ audit: AuditCompleted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = AuditRecord(kind: audit.kind, person: audit.person, periodStart: audit.periodStart, periodEnd: audit.periodEnd,
                                 auditor: audit.auditor, findings: audit.findings, date: event.effectiveDate)
        try tables.put(StateTable.audits, key: StateTable.line(audit.group, seq: event.seq), value: record.bytes)
    }
}
