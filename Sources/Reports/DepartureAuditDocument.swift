import EventLog
import Governance
public import Messages

/// The departure audit report as a document (离任经济责任审计报告), in one language: sections numbered 一、二、三…
extension DepartureAuditReport {
    public func document(_ language: Language, digest: String) -> AuditDocument {
        DocumentBuilder(report: self, language: language).build(digest: digest)
    }
}

private struct DocumentBuilder {
    let report: DepartureAuditReport
    let language: Language
    var audit: DepartureAudit { report.audit }
    let w = Msg.audit

    func t(_ text: Text) -> String { text.rendered(language) }
    func m(_ message: Message) -> String { message.template(language) }
    func date(_ iso: String) -> String { Dates.display(iso, language) }
    func time(_ utc: String) -> String { utc.isEmpty ? "" : Dates.beijing(utc, language) }
    func amount(_ fen: Int64) -> String { Money.amount(fen) }
    func yuan(_ fen: Int64) -> Arg { .fen(fen) }
    func capital(_ fen: Int64) -> Arg { .plain(Money.capital(fen)) }
    func named(_ id: String) -> String {
        report.names[id].map { Msg.common.named(["name": .plain($0), "id": .plain(id)]).rendered(language) } ?? id
    }
    func word(_ table: [String: Message], _ value: String) -> String { Msg.words.label(table, value, language) }
    var colon: String { language == .zh ? ":" : ": " }

    /// The sections in order; their positions number them.
    enum Part: Int, CaseIterable { case basis, tenure, subsidies, fund, assets, audits, alerts, late, conclusion, signatures }
    func number(_ part: Part) -> String { language == .zh ? Citation.chineseNumber(part.rawValue + 1) : String(part.rawValue + 1) }

    func build(digest: String) -> AuditDocument {
        var document = AuditDocument(language: language, title: m(w.title))
        let tenure = audit.end.map { t(w.tenureRange(["start": .date(audit.start), "end": .date($0)])) }
            ?? t(w.tenureOpen(["start": .date(audit.start)]))
        let posts = Array(Set(audit.terms.map(\.post))).sorted().map { word(Msg.words.post, $0) }
        document.header = [
            (m(w.reportNumber), report.number),
            (m(w.personAudited), named(audit.person)),
            (m(w.group), audit.groupName.isEmpty ? audit.group : Msg.common.named(["name": .plain(audit.groupName), "id": .plain(audit.group)]).rendered(language)),
            (m(w.unit), named(audit.unit)),
            (m(w.posts), posts.joined(separator: language == .zh ? "、" : ", ")),
            (m(w.tenure), tenure),
            (m(w.ledgerAsOf), t(w.ledgerAsOfValue(["seq": .number(report.standingSeq), "time": .plain(time(audit.standingRecordedAt ?? ""))]))),
            (m(w.reportDate), date(audit.reportDate)),
        ]
        document.sections = [
            .init(title: m(w.basis), blocks: basis()),
            .init(title: m(w.tenureSection), blocks: tenureBlocks()),
            .init(title: m(w.subsidiesSection), blocks: subsidies()),
            .init(title: m(w.fundSection), blocks: fund()),
            .init(title: m(w.assetsSection), blocks: assets()),
            .init(title: m(w.auditsSection), blocks: audits()),
            .init(title: m(w.alertsSection), blocks: alerts()),
            .init(title: m(w.lateSection), blocks: late()),
            .init(title: m(w.conclusionSection), blocks: conclusion()),
            .init(title: m(w.signaturesSection), blocks: signatures()),
        ]
        precondition(document.sections.count == Part.allCases.count, "one section per part")
        document.pageFoot = t(w.page(["number": .plain(report.number)]))
        let integrity = report.integrity
        document.footer = [
            integrity.isIntact
                ? t(w.integrity(["seq": .number(report.standingSeq), "hash": .plain(report.standingHash)]))
                : t(w.integrityFailed(["seq": .number(integrity.firstBadSeq ?? 0),
                                       "problem": .plain(integrity.problems.first?.description ?? "\(integrity.problemsNotListed) problem(s)")])),
        ] + report.checkpoint.lines(language, standingSeq: report.standingSeq) + [
            t(w.digest(["seq": .number(report.standingSeq), "sha256": .plain(digest)])),
            t(w.page(["number": .plain(report.number)])),
        ]
        return document
    }

    // MARK: 一、审计依据

    func policyName(_ policy: Policy) -> String {
        switch policy.id {
        case "policy:statute-2018-village": return m(w.statuteFloorVillage)
        case "policy:statute-2018-resident": return m(w.statuteFloorResident)
        default:
            if language == .zh, Citation.seedTitles.contains(where: { $0.file == policy.source }) { return Citation.render(policy.source, .zh) }
            return policy.title
        }
    }

    func basis() -> [AuditDocument.Block] {
        var fields: [(label: String, value: String)] = []
        if audit.groupKind == "village" {
            fields.append((m(w.statute), t(w.statuteArt35(["source": .source("村民委员会组织法 (2018) Art. 35")]))))
        }
        for span in audit.policies {
            var lineage: [String] = []
            for id in span.policy.lineage where !lineage.contains(id) { lineage.append(id) }
            let name = policyName(span.policy)
            let ids = lineage.joined(separator: " + ")
            let document = Citation.render(span.policy.source, language)
            let plain = span.policy.id.hasPrefix("policy:statute-") || document == name
            fields.append((t(w.policyFrom(["date": .date(span.from)])),
                           plain ? t(Msg.common.named(["name": .plain(name), "id": .plain(ids)]))
                                 : t(w.policyValue(["policy": .plain(name), "id": .plain(ids), "document": .plain(document)]))))
            if let source = span.auditsSource { fields.append((m(w.auditRule), Citation.render(source, language))) }
            if let approvals = span.approvals {
                fields.append((m(w.approvalRule), t((approvals.required ? w.approvalNeeded : w.approvalNotNeeded)(["source": .source(approvals.source)]))))
            } else {
                fields.append((m(w.approvalRule), m(w.approvalNoRule)))
            }
        }
        return [.fields(fields), .paragraph(t(w.basisNote(["seq": .number(report.standingSeq), "person": .plain(audit.person), "group": .plain(audit.group)])))]
    }

    // MARK: 二、任职情况

    func tenureBlocks() -> [AuditDocument.Block] {
        let rows = audit.terms.map { term in
            AuditDocument.Row([word(Msg.words.post, term.post), date(term.since), term.until.map(date) ?? m(w.inOffice),
                               term.reason.map { word(Msg.words.endReason, $0) } ?? "", String(term.installedBy), term.endedBy.map(String.init) ?? ""])
        }
        let grades = audit.grades.map { t(w.gradeLine(["year": .plain($0.year), "grade": .plain(word(Msg.words.grade, $0.grade))])) }
        let discipline = audit.discipline.map { d in
            t(w.disciplineLine(["date": .date(d.date), "kind": .plain(word(Msg.words.disciplineKind, d.kind)), "reason": .plain(NameLookup.shown(d.reason, language)), "by": .plain(named(d.imposedBy))]))
        }
        return [
            .table(caption: nil, header: [m(w.post), m(w.from), m(w.until), m(w.endReason), m(w.installedBy), m(w.endedBy)], rows: rows, numeric: [4, 5]),
            .fields([(m(w.grades), grades.isEmpty ? m(w.noGrades) : grades.joined(separator: language == .zh ? ";" : "; ")),
                     (m(w.discipline), discipline.isEmpty ? m(w.noDiscipline) : discipline.joined(separator: language == .zh ? ";" : "; "))]),
        ]
    }

    // MARK: 三、误工补贴

    func subsidies() -> [AuditDocument.Block] {
        guard !audit.subsidyYears.isEmpty else { return [.paragraph(m(w.noSubsidies))] }
        var rows = audit.subsidyYears.map { year in
            AuditDocument.Row([year.year, amount(year.accruedFen), amount(year.bonusFen), amount(year.deductedFen), amount(year.paidFen), amount(year.owedFen)])
        }
        let total = audit.subsidyTotal
        rows.append(.init([m(w.total), amount(total.accruedFen), amount(total.bonusFen), amount(total.deductedFen), amount(total.paidFen), amount(total.owedFen)],
                          total: true))
        return [
            .table(caption: nil, header: [m(w.year), m(w.accrued), m(w.bonus), m(w.deducted), m(w.paid), m(w.owed)], rows: rows, numeric: [1, 2, 3, 4, 5]),
            .paragraph(t(w.subsidyTotals(["accrued": yuan(total.accruedFen), "accruedCapital": capital(total.accruedFen), "paid": yuan(total.paidFen),
                                          "paidCapital": capital(total.paidFen), "owed": yuan(total.owedFen), "owedCapital": capital(total.owedFen)]))),
        ]
    }

    // MARK: 四、小组资金收支

    func approvalCell(_ entry: DepartureAudit.FundEntry) -> String {
        guard entry.line.kind == "expense" else { return "" }
        if let approval = entry.line.approval {
            return entry.approvalPurpose.map { t(w.approvalCited(["approval": .plain(approval), "purpose": .plain($0)])) } ?? approval
        }
        return m(entry.flagged ? w.unapprovedFlag : w.noApprovalNeeded)
    }

    func fund() -> [AuditDocument.Block] {
        var blocks: [AuditDocument.Block] = [
            .paragraph(t(w.opening(["date": .date(audit.start), "amount": yuan(audit.openingBalanceFen), "capital": capital(audit.openingBalanceFen)]))),
        ]
        guard !audit.fund.isEmpty else { return blocks + [.paragraph(m(w.noFund))] }
        var rows = [AuditDocument.Row(["", date(audit.start), m(w.openingRow), "", "", amount(audit.openingBalanceFen), ""])]
        for entry in audit.fund {
            let line = entry.line
            let receipt = line.kind == "receipt"
            rows.append(.init([String(line.seq), date(line.date), NameLookup.shown(line.counterparty, language), receipt ? amount(line.amountFen) : "", receipt ? "" : amount(line.amountFen),
                               amount(entry.balanceFen), approvalCell(entry)], flagged: entry.flagged))
        }
        rows.append(.init([m(w.total), "", "", amount(audit.receiptsFen), amount(audit.expensesFen), amount(audit.closingBalanceFen), ""], total: true))
        blocks.append(.table(caption: nil, header: [m(w.seq), m(w.date), m(w.counterparty), m(w.receipt), m(w.expense), m(w.balance), m(w.approval)],
                             rows: rows, numeric: [0, 3, 4, 5]))
        blocks.append(.paragraph(t(w.fundTotals([
            "receipts": yuan(audit.receiptsFen), "receiptsCapital": capital(audit.receiptsFen), "expenses": yuan(audit.expensesFen),
            "expensesCapital": capital(audit.expensesFen), "closing": yuan(audit.closingBalanceFen), "closingCapital": capital(audit.closingBalanceFen),
        ]))))
        let flagged = audit.flaggedExpenses
        if !flagged.isEmpty {
            blocks.append(.paragraph(t(w.flaggedCount(["count": .number(flagged.count), "amount": yuan(flagged.reduce(0) { $0 + $1.line.amountFen })])), flagged: true))
        } else if audit.fund.contains(where: { $0.line.kind == "expense" && $0.approvalRequired }) {
            blocks.append(.paragraph(t(w.noneFlagged())))
        }
        return blocks
    }

    // MARK: 五、资产与工作移交

    func state(_ state: DepartureAudit.AssetState?) -> String {
        guard let state else { return m(w.notYetRegistered) }
        return t(w.custody(["custodian": .plain(named(state.custodian)), "status": .plain(word(Msg.queries.assets.statuses, state.status))]))
    }

    func counted(_ asset: DepartureAudit.AssetLine) -> String {
        switch asset.handedOver {
        case nil: return asset.handoverRecorded ? m(w.notListed) : ""
        case false?: return m(w.countedAbsent)
        case true?: return asset.countedValueFen.map { t(w.countedPresent(["value": .plain(amount($0))])) } ?? m(w.countedPresentNoValue)
        }
    }

    func assets() -> [AuditDocument.Block] {
        var blocks: [AuditDocument.Block] = []
        if let made = audit.handover {
            blocks.append(.paragraph(t(w.handoverLine([
                "date": .date(made.date), "seq": .number(made.seq), "time": .plain(time(made.recordedAt)), "incoming": .plain(named(made.incoming)),
                "witnesses": .list(made.witnesses.map { .plain(named($0)) }), "cash": yuan(made.cashFen), "balance": yuan(made.balanceFen),
                "balanceCapital": capital(made.balanceFen), "ledger": yuan(audit.closingBalanceFen), "ledgerCapital": capital(audit.closingBalanceFen),
            ]))))
            if let gap = audit.fundGapFen, gap != 0 {
                blocks.append(.paragraph(t(w.fundGap(["gap": yuan(gap), "capital": capital(gap)])), flagged: true))
            } else {
                blocks.append(.paragraph(t(w.noFundGap())))
            }
        } else {
            blocks.append(audit.end == nil ? .paragraph(t(w.noHandoverInOffice())) : .paragraph(t(w.noHandover()), flagged: true))
        }
        guard !audit.assets.isEmpty else { return blocks + [.paragraph(m(w.noAssets))] }
        let rows = audit.assets.map { asset in
            let finding = asset.findingText.map(t) ?? (asset.handoverRecorded ? m(w.agrees) : "")
            return AuditDocument.Row([asset.asset, asset.description, word(Msg.words.assetKind, asset.kind), amount(asset.registeredValueFen),
                                      state(asset.atStart), state(asset.atEnd), counted(asset), finding], flagged: asset.findingText != nil)
        }
        blocks.append(.table(caption: nil, header: [m(w.asset), m(w.assetName), m(w.assetKind), m(w.bookValue), m(w.atStart), m(w.atEnd), m(w.counted), m(w.finding)],
                             rows: rows, numeric: [3]))
        let notes = audit.assets.compactMap { asset in asset.handoverNote.map { t(w.assetNote(["asset": .plain(asset.asset), "note": .plain($0)])) } }
        if !notes.isEmpty { blocks.append(.list(notes, numbered: false)) }
        return blocks
    }

    // MARK: 六、审计记录

    func audits() -> [AuditDocument.Block] {
        guard !audit.auditEntries.isEmpty else { return [.paragraph(m(w.noAudits))] }
        let rows = audit.auditEntries.map { entry in
            AuditDocument.Row([String(entry.seq), word(Msg.words.auditKind, entry.kind),
                               t(w.tenureRange(["start": .date(entry.periodStart), "end": .date(entry.periodEnd)])), entry.auditor, date(entry.date),
                               time(entry.recordedAt),
                               (entry.findings ?? m(w.noFindings)) + (entry.reportSha256.map { " " + t(Msg.late.audit.reportSha(["sha256": .plain($0)])) } ?? "")])
        }
        return [.table(caption: nil, header: [m(w.seq), m(w.auditKind), m(w.period), m(w.auditor), m(w.date), m(w.recorded), m(w.findings)],
                       rows: rows, numeric: [0])]
    }

    // MARK: 七、提醒事项

    func alerts() -> [AuditDocument.Block] {
        guard !audit.alerts.isEmpty else { return [.paragraph(m(w.noAlerts))] }
        return [.list(audit.alerts.map { alert in
            t(w.alertLine(["kind": .plain(alert.kindMessage.template(language)), "detail": .text(alert.detailText), "source": .text(alert.sourceText)]))
        }, numbered: true)]
    }

    // MARK: 八、事后补录与更正

    func describe(_ event: RecordedEvent) -> String {
        t(w.detailLine(["seq": .number(event.seq), "detail": .plain(Describe.type(event, language) + colon + Describe.detail(event.data, language, names: report.names))]))
    }

    func late() -> [AuditDocument.Block] {
        var blocks: [AuditDocument.Block] = [.paragraph(m(w.lateIntro))]
        if audit.lateEntries.isEmpty {
            blocks.append(.paragraph(m(w.lateEntries) + colon + m(w.noLate)))
        } else {
            let rows = audit.lateEntries.map { entry in
                let late = Msg.late.audit
                var reasons = entry.reasons.map { reason in
                    switch reason {
                    case .afterTenureEnded(let seq, let recorded): return t(w.afterEnd(["seq": .number(seq), "time": .plain(time(recorded))]))
                    case .afterCoverage(let coverage) where coverage.kind == .audit:
                        return t(w.afterAudit(["seq": .number(coverage.seq), "time": .plain(time(coverage.recordedAt.description))]))
                    case .afterCoverage(let coverage):
                        return t(late.afterCoverage(["kind": .text(Text(coverage.kindMessage)), "seq": .number(coverage.seq),
                                                     "date": .date(coverage.date.description), "recorded": .plain(time(coverage.recordedAt.description))]))
                    case .recordedLate(let days, let limit): return t(late.recordedLate(["days": .number(days), "limit": .number(limit)]))
                    }
                }
                if let backfill = entry.backfill { reasons.append(t(late.inBackfill(["seq": .number(backfill)]))) }
                let why = reasons.joined(separator: language == .zh ? ";" : "; ")
                return AuditDocument.Row([String(entry.event.seq), Describe.type(entry.event, language), date(entry.event.effectiveDate.description),
                                          time(entry.event.recordedAt.description), why], flagged: true)
            }
            blocks.append(.table(caption: m(w.lateEntries), header: [m(w.seq), m(w.type), m(w.effective), m(w.recorded), m(w.why)], rows: rows, numeric: [0]))
            blocks.append(.list(audit.lateEntries.map { describe($0.event) }, numbered: false))
        }
        let late = Msg.late.audit
        if audit.lateEntriesTruncated { blocks.append(.paragraph(m(late.limitReached), flagged: true)) }
        if audit.backfills.isEmpty {
            blocks.append(.paragraph(m(late.backfillsTitle) + colon + m(late.noBackfills)))
        } else {
            blocks.append(.paragraph(m(late.backfillsTitle) + colon))
            blocks.append(.list(audit.backfills.map { notice in
                t(late.backfillLine(["seq": .number(notice.declaration.seq), "recorded": .plain(time(notice.declaration.recordedAt.description)),
                                     "first": .number(notice.firstSeq), "last": .number(notice.lastSeq), "count": .number(notice.entries.count),
                                     "reason": .plain(notice.reason)]))
            }, numbered: false))
        }
        if audit.corrections.isEmpty {
            blocks.append(.paragraph(m(w.correctionsTitle) + colon + m(w.noCorrections)))
        } else {
            let rows = audit.corrections.map { entry in
                let reason = entry.correction.data["reason"]?.stringValue ?? ""
                return AuditDocument.Row([String(entry.original.seq), Describe.type(entry.original, language), date(entry.original.effectiveDate.description),
                                          time(entry.original.recordedAt.description), String(entry.correction.seq),
                                          date(entry.correction.effectiveDate.description), time(entry.correction.recordedAt.description),
                                          t((entry.kind == "retracted" ? w.retracted : w.corrected)(["reason": .plain(reason)]))], flagged: true)
            }
            blocks.append(.table(caption: m(w.correctionsTitle),
                                 header: [m(w.original), m(w.type), m(w.originalEffective), m(w.originalRecorded), m(w.correctedBy),
                                          m(w.correctionEffective), m(w.correctionRecorded), m(w.how)],
                                 rows: rows, numeric: [0, 4]))
            blocks.append(.list(audit.corrections.flatMap { [describe($0.original), describe($0.correction)] }, numbered: false))
        }
        return blocks
    }

    // MARK: 九、审计结论

    func seqs(_ values: [UInt64]) -> Arg { .list(values.map { .number($0) }) }

    func issues() -> [String] {
        var issues: [String] = []
        if audit.end != nil && audit.handover == nil { issues.append(t(w.issueNoHandover())) }
        if let gap = audit.fundGapFen, gap != 0 { issues.append(t(w.issueFundGap(["gap": yuan(gap), "capital": capital(gap)]))) }
        let missing = audit.assets.filter { $0.findingText != nil && $0.handedOver != true }
        if !missing.isEmpty {
            issues.append(t(w.issueAssetsMissing(["count": .number(missing.count), "assets": .list(missing.map { .plain($0.asset + " " + $0.description) })])))
        }
        let mismatched = audit.assets.filter { $0.findingText != nil && $0.handedOver == true }
        if !mismatched.isEmpty {
            issues.append(t(w.issueAssetValues(["count": .number(mismatched.count), "assets": .list(mismatched.map { .plain($0.asset + " " + $0.description) })])))
        }
        let flagged = audit.flaggedExpenses
        if !flagged.isEmpty {
            let total = flagged.reduce(0) { $0 + $1.line.amountFen }
            issues.append(t(w.issueUnapproved(["count": .number(flagged.count), "amount": yuan(total), "capital": capital(total),
                                               "seqs": seqs(flagged.map(\.line.seq))])))
        }
        if !audit.lateEntries.isEmpty {
            issues.append(t(w.issueLate(["count": .number(audit.lateEntries.count), "seqs": seqs(audit.lateEntries.map(\.event.seq)),
                                         "section": .plain(number(.late))])))
        }
        if !audit.corrections.isEmpty {
            issues.append(t(w.issueCorrections(["count": .number(audit.corrections.count), "seqs": seqs(audit.corrections.map(\.original.seq)),
                                                "section": .plain(number(.late))])))
        }
        if !audit.alerts.isEmpty {
            issues.append(t(w.issueAlerts(["count": .number(audit.alerts.count), "section": .plain(number(.alerts))])))
        }
        let owed = audit.subsidyTotal.owedFen
        if owed != 0 { issues.append(t(w.issueOwed(["amount": yuan(owed), "capital": capital(owed)]))) }
        return issues
    }

    func conclusion() -> [AuditDocument.Block] {
        let found = issues()
        let opinion = AuditDocument.Block.signatures([(m(w.opinion), ""), ("", ""), ("", "")], stamp: nil)
        if found.isEmpty { return [.paragraph(m(w.conclusionClean)), opinion] }
        return [.paragraph(m(w.conclusionFound)), .list(found, numbered: true), opinion]
    }

    // MARK: 十、签字与盖章

    func signatures() -> [AuditDocument.Block] {
        [.signatures([
            (m(w.auditorSignature), ""), (m(w.signedOn), m(w.blankDate)),
            (m(w.witnessSignature), ""), (m(w.witnessSignature), ""), (m(w.signedOn), m(w.blankDate)),
            (m(w.auditedSignature), ""), (m(w.signedOn), m(w.blankDate)),
        ], stamp: m(w.stamp))]
    }
}
