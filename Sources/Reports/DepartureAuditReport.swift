import CanonicalJSON
import Crypto
public import EventLog
public import Governance
public import Messages

/// The departure audit as a document to sign and file, and as JSON for programs: built from one
/// `DepartureAudit`, the names then registered, and the chain's verification up to the event the report
/// stands at. Nothing here reads a clock: the same ledger at the same event gives the same report.
public struct DepartureAuditReport {
    public let audit: DepartureAudit
    public let names: [String: String]
    public let integrity: VerificationReport
    /// The event the report stands at, and its hash.
    public let standingSeq: UInt64
    public let standingHash: String
    /// The latest signed checkpoint the ledger holds as the report is printed (issue 16 item 2). Not part of
    /// the report's content digest: signing a later checkpoint does not change what a filed report says.
    public var checkpoint: AuditCheckpoint = .none

    public init(audit: DepartureAudit, names: [String: String], integrity: VerificationReport, standingSeq: UInt64, standingHash: String) {
        self.audit = audit
        self.names = names
        self.integrity = integrity
        self.standingSeq = standingSeq
        self.standingHash = standingHash
    }

    /// `grassroots audit departure` and `GET /api/audit`: the audit of `person`'s tenure in `group` (each an id or
    /// an exact name), as the ledger stood after `atSeq` (now when nil), with the chain verified up to that event
    /// (read snapshots only) and the names then registered.
    public static func run(_ ledger: Ledger, person: String, group: String, atSeq: UInt64?, language: Language,
                           progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> DepartureAuditReport {
        let group = try NameLookup.resolve(ledger, group, as: .group, atSeq: atSeq, language: language)
        let person = try NameLookup.resolve(ledger, person, as: .person, atSeq: atSeq, language: language)
        let (audit, standing) = try ledger.readTables(atSeq: atSeq) { tables, head in
            let seq = atSeq ?? head.seq
            let audit = try DepartureAuditQuery(person: person, group: group, standingAt: seq).run(tables)
            let hash = seq == head.seq ? head.hash : try tables.event(seq: seq)?.hash
            guard let hash else { throw EventLogError.beyondHead(seq: seq, head: head.seq) }
            return (audit, ChainHead(seq: seq, hash: hash))
        }
        let integrity = try ledger.verify(anchor: standing, progress: progress)
        var ids = Set([audit.group, audit.unit] + audit.assets.map(\.asset) + audit.discipline.map(\.imposedBy))
        ids.formUnion(persons(of: audit))
        ids.formUnion(Describe.ids(audit.lateEntries.map(\.event) + audit.corrections.flatMap { [$0.original, $0.correction] }))
        let names = try NameLookup.names(ledger, ids, atSeq: atSeq, language: language)
        var report = DepartureAuditReport(audit: audit, names: names, integrity: integrity, standingSeq: standing.seq, standingHash: standing.hash.hex)
        report.checkpoint = AuditCheckpoint(note: try ledger.latestCheckpoint()?.note)
        return report
    }

    /// The persons a departure audit names (the holder, the one who took over, the handover's witnesses,
    /// custodians), whose names the report shows beside their ids.
    static func persons(of audit: DepartureAudit) -> [String] {
        [audit.person] + (audit.handoverIncoming.map { [$0] } ?? []) + (audit.handover.map { [$0.incoming] + $0.witnesses } ?? [])
            + audit.assets.flatMap { [$0.atStart?.custodian, $0.atEnd?.custodian].compactMap { $0 } }
    }

    /// LRSJ (离任审计) - the tenure's last year - 8 hex digits of SHA-256(group, person, tenure, seq) - the seq.
    public var number: String {
        let year = String((audit.end ?? audit.reportDate).prefix(4))
        let key = [audit.group, audit.person, audit.start, audit.end ?? "", String(standingSeq)].joined(separator: "\u{0}")
        let digest = SHA256.hash(data: Array(key.utf8)).prefix(4).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
        return "LRSJ-\(year)-\(digest)-\(standingSeq)"
    }

    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    // MARK: JSON

    /// The machine form: fen and ids; the fields of earlier versions kept, new ones added.
    func json() -> JSONObject {
        let a = audit
        var o = JSONObject()
        o.set("person", .string(a.person))
        o.set("group", .string(a.group))
        o.set("start", .string(a.start))
        o.set("end", a.end.map { .string($0) } ?? .null)
        o.set("grades", .array(a.grades.map { .object(["year": .string($0.year), "grade": .string($0.grade)]) }))
        o.set("discipline", .array(a.discipline.map { .object(["date": .string($0.date), "kind": .string($0.kind), "reason": .string($0.reason)]) }))
        o.set("subsidies", .object(["accruedFen": .integer(a.accruedFen), "deductedFen": .integer(a.deductedFen), "paidFen": .integer(a.paidFen)]))
        o.set("fund", .object(JSONObject([
            ("openingBalanceFen", .integer(a.openingBalanceFen)), ("closingBalanceFen", .integer(a.closingBalanceFen)),
            ("unapprovedExpenses", .array(a.unapprovedExpenses.map { .integer(Int64($0.seq)) })),
            ("lines", .array(a.fund.map { entry in
                let line = entry.line
                var l: JSONObject = ["seq": .integer(Int64(line.seq)), "date": .string(line.date), "kind": .string(line.kind), "amountFen": .integer(line.amountFen)]
                if let approval = line.approval { l.set("approval", .string(approval)) }
                l.set("counterparty", .string(line.counterparty))
                l.set("balanceFen", .integer(entry.balanceFen))
                if line.kind == "expense" {
                    l.set("approvalRequired", .bool(entry.approvalRequired))
                    l.set("flagged", .bool(entry.flagged))
                    if let source = entry.approvalSource { l.set("approvalSource", .string(source)) }
                    if let purpose = entry.approvalPurpose { l.set("approvalPurpose", .string(purpose)) }
                }
                return .object(l)
            })),
            ("receiptsFen", .integer(a.receiptsFen)), ("expensesFen", .integer(a.expensesFen)),
            ("flaggedExpenses", .array(a.flaggedExpenses.map { .integer(Int64($0.line.seq)) })),
        ])))
        var handover = JSONObject()
        if let date = a.handoverDate { handover.set("date", .string(date)) }
        if let balance = a.handoverBalanceFen { handover.set("balanceFen", .integer(balance)) }
        if let gap = a.fundGapFen { handover.set("fundGapFen", .integer(gap)) }
        if let made = a.handover {
            handover.set("seq", .integer(Int64(made.seq)))
            handover.set("incoming", .string(made.incoming))
            handover.set("witnesses", .array(made.witnesses.map { .string($0) }))
            handover.set("cashFen", .integer(made.cashFen))
            handover.set("recordedAt", .string(made.recordedAt))
        }
        o.set("handover", .object(handover))
        o.set("assets", .array(a.assets.map { asset in
            var item: JSONObject = ["asset": .string(asset.asset), "registeredValueFen": .integer(asset.registeredValueFen), "status": .string(asset.status)]
            if let finding = asset.finding { item.set("finding", .string(finding)) }
            item.set("description", .string(asset.description))
            item.set("kind", .string(asset.kind))
            item.set("atStart", asset.atStart.map { .object(["custodian": .string($0.custodian), "status": .string($0.status)]) } ?? .null)
            item.set("atEnd", asset.atEnd.map { .object(["custodian": .string($0.custodian), "status": .string($0.status)]) } ?? .null)
            item.set("handedOver", asset.handedOver.map { .bool($0) } ?? .null)
            if let counted = asset.countedValueFen { item.set("countedValueFen", .integer(counted)) }
            if let note = asset.handoverNote { item.set("handoverNote", .string(note)) }
            return .object(item)
        }))
        o.set("audits", .array(a.audits.map { .string($0) }))
        o.set("integrity", .object(integrityJSON()))
        // Added with the filed document (issue 14).
        o.set("reportNumber", .string(number))
        o.set("standingAt", .integer(Int64(standingSeq)))
        o.set("standingRecordedAt", a.standingRecordedAt.map { .string($0) } ?? .null)
        o.set("reportDate", .string(a.reportDate))
        o.set("groupName", .string(a.groupName))
        o.set("groupKind", .string(a.groupKind))
        o.set("unit", .string(a.unit))
        if let unitName = names[a.unit] { o.set("unitName", .string(unitName)) }
        o.set("terms", .array(a.terms.map { term in
            var t: JSONObject = ["post": .string(term.post), "since": .string(term.since), "installedBy": .integer(Int64(term.installedBy))]
            t.set("until", term.until.map { .string($0) } ?? .null)
            if let reason = term.reason { t.set("reason", .string(reason)) }
            if let ended = term.endedBy { t.set("endedBy", .integer(Int64(ended))) }
            return .object(t)
        }))
        o.set("policies", .array(a.policies.map { span in
            var p: JSONObject = ["from": .string(span.from), "policy": .string(span.policy.id),
                                 "lineage": .array(span.policy.lineage.map { .string($0) }), "source": .string(span.policy.source)]
            if let source = span.auditsSource { p.set("auditsSource", .string(source)) }
            if let approvals = span.approvals {
                p.set("expenseNeedsMeeting", .bool(approvals.required))
                p.set("approvalsSource", .string(approvals.source))
            }
            return .object(p)
        }))
        o.set("subsidyYears", .array(a.subsidyYears.map { year in
            .object(JSONObject([("year", .string(year.year)), ("accruedFen", .integer(year.accruedFen)), ("bonusFen", .integer(year.bonusFen)),
                                ("deductedFen", .integer(year.deductedFen)), ("paidFen", .integer(year.paidFen)), ("owedFen", .integer(year.owedFen))]))
        }))
        o.set("auditRecords", .array(a.auditEntries.map { entry in
            var r: JSONObject = ["seq": .integer(Int64(entry.seq)), "kind": .string(entry.kind), "periodStart": .string(entry.periodStart),
                                 "periodEnd": .string(entry.periodEnd), "auditor": .string(entry.auditor), "date": .string(entry.date),
                                 "recordedAt": .string(entry.recordedAt)]
            if let person = entry.person { r.set("person", .string(person)) }
            if let findings = entry.findings { r.set("findings", .string(findings)) }
            if let sha = entry.reportSha256 { r.set("reportSha256", .string(sha)) }
            return .object(r)
        }))
        o.set("alerts", .array(a.alerts.map { alert in
            var r: JSONObject = ["kind": .string(alert.kind), "group": .string(alert.group), "detail": .string(alert.detail), "source": .string(alert.source)]
            if let person = alert.person { r.set("person", .string(person)) }
            return .object(r)
        }))
        o.set("lateEntries", .array(a.lateEntries.map { entry in
            .object(JSONObject([
                ("seq", .integer(Int64(entry.event.seq))), ("type", .string(entry.event.type)),
                ("effectiveDate", .string(entry.event.effectiveDate.description)), ("recordedAt", .string(entry.event.recordedAt.description)),
                ("reasons", .array(entry.reasons.map { reason in
                    switch reason {
                    case .afterTenureEnded(let seq, let time):
                        return .object(["kind": .string("recorded-after-tenure-ended"), "seq": .integer(Int64(seq)), "recordedAt": .string(time)])
                    case .afterCoverage(let coverage):
                        return .object(JSONObject([("kind", .string("recorded-after-\(coverage.kind.rawValue)")), ("seq", .integer(Int64(coverage.seq))),
                                                   ("recordedAt", .string(coverage.recordedAt.description)), ("date", .string(coverage.date.description)),
                                                   ("periodStart", .string(coverage.periodStart.description)),
                                                   ("periodEnd", .string(coverage.periodEnd.description))]))
                    case .recordedLate(let days, let limit):
                        return .object(["kind": .string("recorded-late"), "days": .integer(days), "limitDays": .integer(limit)])
                    }
                })),
                ("backfill", entry.backfill.map { .integer(Int64($0)) } ?? .null),
            ]))
        }))
        o.set("backfills", .array(a.backfills.map { notice in
            .object(JSONObject([
                ("seq", .integer(Int64(notice.declaration.seq))), ("recordedAt", .string(notice.declaration.recordedAt.description)),
                ("firstSeq", .integer(Int64(notice.firstSeq))), ("lastSeq", .integer(Int64(notice.lastSeq))), ("reason", .string(notice.reason)),
                ("entries", .array(notice.entries.map { .integer(Int64($0.seq)) })), ("covered", .integer(Int64(notice.covered))),
            ]))
        }))
        if a.lateEntriesTruncated { o.set("lateEntriesTruncated", .bool(true)) }
        o.set("corrections", .array(a.corrections.map { entry in
            .object(JSONObject([
                ("seq", .integer(Int64(entry.original.seq))), ("type", .string(entry.original.type)),
                ("effectiveDate", .string(entry.original.effectiveDate.description)), ("recordedAt", .string(entry.original.recordedAt.description)),
                ("kind", .string(entry.kind)), ("by", .integer(Int64(entry.correction.seq))),
                ("byEffectiveDate", .string(entry.correction.effectiveDate.description)), ("byRecordedAt", .string(entry.correction.recordedAt.description)),
                ("reason", .string(entry.correction.data["reason"]?.stringValue ?? "")),
                ("afterCoverage", entry.coverage.map { .integer(Int64($0.seq)) } ?? .null),
            ]))
        }))
        return o
    }

    func integrityJSON() -> JSONObject {
        var o = JSONObject([("intact", .bool(integrity.isIntact)), ("headSeq", .integer(Int64(standingSeq))), ("headHash", .string(standingHash))])
        if let bad = integrity.firstBadSeq { o.set("firstBadSeq", .integer(Int64(bad))) }
        return o
    }

    /// The report's content: the JSON form without the checkpoint. Its SHA-256 is the report's digest, which
    /// `audit.completed` v2 records as `reportSha256`.
    public var contentText: String { CanonicalJSON.string(.object(json())) + "\n" }

    /// The JSON form as printed: the content, and the latest checkpoint as `checkpoint` (null when none).
    public var jsonText: String {
        var object = json()
        object.set("checkpoint", checkpoint.json)
        return CanonicalJSON.string(.object(object)) + "\n"
    }
}

/// The latest signed checkpoint stored in the ledger (`grassroots checkpoint`), as the report prints it.
public enum AuditCheckpoint: Sendable {
    case none
    case signed(Checkpoint)
    case unreadable(String)

    public init(note: String?) {
        guard let note else {
            self = .none
            return
        }
        do {
            self = .signed(try Checkpoint.parse(body: try SignedNote.parse(note).text))
        } catch {
            self = .unreadable("\(error)")
        }
    }

    var json: JSONValue {
        switch self {
        case .none: .null
        case .signed(let checkpoint):
            .object(JSONObject([("origin", .string(checkpoint.origin)), ("size", .integer(Int64(checkpoint.size))), ("root", .string(checkpoint.root.hex))]))
        case .unreadable(let problem): .object(["unreadable": .string(problem)])
        }
    }

    /// The integrity section's line (and, when the report stands beyond it, the advice to sign a new one).
    func lines(_ language: Language, standingSeq: UInt64) -> [String] {
        let words = Msg.late.audit
        switch self {
        case .none: return [words.noCheckpoint().rendered(language)]
        case .unreadable(let problem): return [words.unreadableCheckpoint(["problem": .plain(problem)]).rendered(language)]
        case .signed(let checkpoint):
            let line = words.checkpoint(["size": .number(checkpoint.size), "root": .plain(checkpoint.root.hex), "origin": .plain(checkpoint.origin)]).rendered(language)
            guard standingSeq > checkpoint.size else { return [line] }
            return [line, words.checkpointBehind(["seq": .number(standingSeq)]).rendered(language)]
        }
    }
}
