import CanonicalJSON
public import EventLog
public import Messages

/// The departure audit (离任经济责任审计: 村民委员会组织法 (2018) Art. 35; 000_19bdd15b88ce0110.txt 四(三)):
/// everything an auditor needs about one holder's tenure in one group, as the ledger stood after one event
/// (`standingAt`), so that a filed report can be reproduced with `--at-seq` however much is appended later.
public struct DepartureAudit: Sendable {
    /// An asset's custodian and status on a date.
    public struct AssetState: Sendable, Equatable {
        public let custodian: String, status: String
    }

    public struct AssetLine: Sendable, Equatable {
        public let asset: String, description: String, registeredValueFen: Int64, status: String
        /// In the handover: nil when not listed; otherwise whether it was there and the value counted.
        public let handedOver: Bool?, countedValueFen: Int64?
        public var kind: String = ""
        /// Its custody on the tenure's first day (nil: registered later in the tenure) and on its last day.
        public var atStart: AssetState? = nil
        public var atEnd: AssetState? = nil
        /// The handover's note on it, if any.
        public var handoverNote: String? = nil
        /// Whether the holder made a handover at all (without one, no asset is judged against it).
        public var handoverRecorded = true

        init(asset: String, description: String, registeredValueFen: Int64, status: String, handedOver: Bool?, countedValueFen: Int64?) {
            self.asset = asset
            self.description = description
            self.registeredValueFen = registeredValueFen
            self.status = status
            self.handedOver = handedOver
            self.countedValueFen = countedValueFen
        }

        /// What the handover shows against the register, in English (the JSON's stable words).
        public var finding: String? {
            guard handoverRecorded else { return nil }
            switch handedOver {
            case nil: return status == "disposed" ? nil : "MISSING from the handover record"
            case false?: return "MISSING: listed as not present at the handover"
            case true?:
                if let counted = countedValueFen, counted != registeredValueFen {
                    return "VALUE MISMATCH: counted \(counted) fen, registered \(registeredValueFen) fen"
                }
                return nil
            }
        }

        /// The same finding in the catalog's words.
        public var findingText: Text? {
            guard handoverRecorded else { return nil }
            let words = Msg.audit
            switch handedOver {
            case nil: return status == "disposed" ? nil : words.assetNotInHandover()
            case false?: return words.assetNotPresent()
            case true?:
                if let counted = countedValueFen, counted != registeredValueFen {
                    return words.assetValueMismatch(["counted": .fen(counted), "registered": .fen(registeredValueFen),
                                                     "difference": .fen(counted - registeredValueFen)])
                }
                return nil
            }
        }
    }

    /// One term of office in the group, with the events that began and ended it.
    public struct Term: Sendable, Equatable {
        public let post: String, since: String, until: String?, reason: String?, installedBy: UInt64, endedBy: UInt64?
    }

    /// A policy in force during the tenure, from a date.
    public struct PolicyInForce: Sendable {
        public let from: String
        public let policy: Policy
        /// The source of the departure-audit rule (with the policy that supplied it), if the policy has one.
        public var auditsSource: String? {
            policy.audits.map { "\($0.source) (\(policy.origin("audits")))" }
        }
        /// Whether every group expense needs a meeting's approval, and where that is said.
        public var approvals: (required: Bool, source: String)? {
            policy.approvals.map { ($0.groupExpenseNeedsMeeting, "\($0.source) (\(policy.origin("approvals")))") }
        }
    }

    /// A line of the group fund in the tenure, with the balance after it and what its approval means.
    public struct FundEntry: Sendable, Equatable {
        public let line: FundsReport.Line
        public let balanceFen: Int64
        /// For an expense: whether the policy in force on its date required a meeting's approval, and its source.
        public let approvalRequired: Bool
        public let approvalSource: String?
        /// The approval's purpose (用途), when it cites one that is registered.
        public let approvalPurpose: String?
        /// An expense without an approval where one was required.
        public var flagged: Bool { line.kind == "expense" && line.approval == nil && approvalRequired }
    }

    /// Subsidies of one year of the tenure.
    public struct SubsidyYear: Sendable, Equatable {
        public let year: String
        public var accruedFen: Int64 = 0, bonusFen: Int64 = 0, deductedFen: Int64 = 0, paidFen: Int64 = 0
        public var owedFen: Int64 { accruedFen + bonusFen - deductedFen - paidFen }
    }

    /// An audit recorded for the group whose period meets the tenure.
    public struct AuditEntry: Sendable, Equatable {
        public let seq: UInt64, kind: String, person: String?, periodStart: String, periodEnd: String, auditor: String, findings: String?, date: String
        public let recordedAt: String
        /// The SHA-256 of the report filed for it (`audit.completed` v2), if recorded.
        public var reportSha256: String? = nil
    }

    /// The handover this holder made.
    public struct Handover: Sendable, Equatable {
        public let seq: UInt64, date: String, incoming: String, witnesses: [String], cashFen: Int64, balanceFen: Int64, recordedAt: String
    }

    /// An entry of the tenure recorded after the ledger knew the tenure had ended, or after an audit, handover
    /// or disclosure covering its date, or later than the policy allows (the alerts' own checks, `LateEntriesQuery`).
    public struct LateEntry: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// Recorded after event `endedBy` ended the tenure.
            case afterTenureEnded(endedBy: UInt64, endRecordedAt: String)
            /// Recorded after an audit, handover or disclosure covering its effective date.
            case afterCoverage(Coverage)
            /// Recorded `days` days after its effective date (Beijing time); the policy allows `limit`.
            case recordedLate(days: Int64, limit: Int64)
        }
        public let event: RecordedEvent
        public let reasons: [Reason]
        /// The declaration of the backfill it was entered in, if any.
        public var backfill: UInt64? = nil
    }

    /// A correction or retraction of an entry of the tenure (`coverage`: recorded after a period covering the
    /// entry's date was covered, which raises an alert).
    public struct Correction: Sendable, Equatable {
        public let original: RecordedEvent
        public let correction: RecordedEvent
        /// corrected, retracted.
        public let kind: String
        public var coverage: Coverage? = nil
    }

    public let person: String
    public let group: String
    public var tenures: [PersonReport.Tenure] = []
    public var start: String = ""
    /// nil: still in office (the audit runs to the report's date).
    public var end: String?
    public var grades: [PersonReport.Grade] = []
    public var discipline: [PersonReport.Discipline] = []
    public var accruedFen: Int64 = 0
    public var deductedFen: Int64 = 0
    public var paidFen: Int64 = 0
    public var openingBalanceFen: Int64 = 0
    public var fundLines: [FundsReport.Line] = []
    public var closingBalanceFen: Int64 = 0
    public var assets: [AssetLine] = []
    /// The handover record, if any: its date, the cash and balance counted.
    public var handoverDate: String?
    public var handoverIncoming: String?
    public var handoverBalanceFen: Int64?
    public var audits: [String] = []

    /// The event the report stands at (the ledger as it stood right after it; 0: none given), when it was
    /// recorded (UTC), and the report's date: that instant's day in Beijing time.
    public var standingAt: UInt64 = 0
    public var standingRecordedAt: String?
    public var reportDate: String = ""
    /// The group's registered name, kind and unit.
    public var groupName: String = ""
    public var groupKind: String = ""
    public var unit: String = ""
    public var terms: [Term] = []
    public var policies: [PolicyInForce] = []
    public var fund: [FundEntry] = []
    public var subsidyYears: [SubsidyYear] = []
    public var auditEntries: [AuditEntry] = []
    public var handover: Handover?
    /// Alerts open in the tenure (as of its last day) concerning the group or this holder, and those about
    /// this holder as of the report's date (a missing handover or audit).
    public var alerts: [Alert] = []
    public var lateEntries: [LateEntry] = []
    public var corrections: [Correction] = []
    /// Declared backfills holding entries of the tenure.
    public var backfills: [BackfillNotice] = []
    /// The late-entry scan stopped at its limit.
    public var lateEntriesTruncated = false

    public var unapprovedExpenses: [FundsReport.Line] { fundLines.filter { $0.kind == "expense" && $0.approval == nil } }
    /// Expenses without an approval where the policy in force on their date required one.
    public var flaggedExpenses: [FundEntry] { fund.filter(\.flagged) }
    /// The handover's balance minus the ledger's closing balance (negative: money short).
    public var fundGapFen: Int64? { handoverBalanceFen.map { $0 - closingBalanceFen } }
    public var receiptsFen: Int64 { fundLines.filter { $0.kind == "receipt" }.reduce(0) { $0 + $1.amountFen } }
    public var expensesFen: Int64 { fundLines.filter { $0.kind == "expense" }.reduce(0) { $0 + $1.amountFen } }
    /// The subsidy years' sums.
    public var subsidyTotal: SubsidyYear {
        subsidyYears.reduce(into: SubsidyYear(year: "")) { total, year in
            total.accruedFen += year.accruedFen
            total.bonusFen += year.bonusFen
            total.deductedFen += year.deductedFen
            total.paidFen += year.paidFen
        }
    }
}

public struct DepartureAuditQuery: TableQuery {
    public let person: String
    public let group: String
    /// The event the ledger is read as of (the head now, or `--at-seq`); nil: unknown (the report is dated today).
    public let standingAt: UInt64?

    /// Entries of the group and of the holder read for late entries and corrections, at most.
    public static let entriesMax = QueryLimits.linesMax

    public init(person: String, group: String, standingAt: UInt64? = nil) {
        self.person = person
        self.group = group
        self.standingAt = standingAt
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> DepartureAudit {
        let record = try PersonQuery(person: person, asOf: nil).run(tables)
        var audit = DepartureAudit(person: person, group: group)
        audit.tenures = record.tenures.filter { $0.group == group }
        guard let first = audit.tenures.first else {
            throw RuleViolation.noTenure(person: person, group: group)
        }
        guard let groupRecord = try tables.group(group) else {
            throw RuleViolation.unknownGroup(group)
        }
        audit.groupName = groupRecord.name
        audit.groupKind = groupRecord.kind.rawValue
        audit.unit = groupRecord.unit
        audit.start = first.since
        audit.end = audit.tenures.contains { $0.until == nil } ? nil : audit.tenures.compactMap(\.until).max()
        try standing(&audit, tables)
        let startYear = String(audit.start.prefix(4))
        let endDay = audit.end ?? audit.reportDate
        audit.grades = record.grades.filter { $0.group == group && $0.year >= startYear && $0.year <= String(endDay.prefix(4)) }
        audit.discipline = record.discipline.filter { $0.date >= audit.start && $0.date <= endDay }
        for term in try tables.terms(of: person) where term.group == group {
            audit.terms.append(.init(post: term.post.rawValue, since: term.since.description, until: term.ending?.until.description,
                                     reason: term.ending?.reason.rawValue, installedBy: term.installedBy, endedBy: term.ending?.endedBy))
        }
        try subsidies(&audit, tables, endDay: endDay)
        try policies(&audit, tables, endDay: endDay)
        try fund(&audit, tables, endDay: endDay)
        try handoverAndAssets(&audit, tables, endDay: endDay)
        try recordedAudits(&audit, tables)
        try alerts(&audit, tables)
        try lateEntriesAndCorrections(&audit, tables)
        return audit
    }

    /// The event the report stands at and the report's date (its recorded day in Beijing time).
    func standing<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>) throws {
        guard let seq = standingAt, seq > 0, let event = try tables.event(seq: seq) else {
            audit.reportDate = max(LocalDate.today().description, audit.start)
            return
        }
        audit.standingAt = seq
        audit.standingRecordedAt = event.recordedAt.description
        audit.reportDate = max(BeijingTime.day(event.recordedAt).description, audit.start)
    }

    /// Subsidies by year: accruals in this group for months of the tenure; bonuses and deductions of the
    /// tenure's years (in this group, or naming none); payments (less reversals) from the tenure's start on.
    func subsidies<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>, endDay: String) throws {
        let startMonth = String(audit.start.prefix(7)), endMonth = String(endDay.prefix(7))
        let startYear = String(audit.start.prefix(4)), endYear = String(endDay.prefix(4))
        var years: [String: DepartureAudit.SubsidyYear] = [:]
        for line in try tables.moneyLines(of: person) {
            switch line.kind {
            case .accrued where line.group == group: audit.accruedFen += line.amountFen
            case .deducted: audit.deductedFen += line.amountFen
            case .paid: audit.paidFen += line.amountFen
            case .reversed: audit.paidFen -= line.amountFen
            case .accrued, .bonus: break
            }
            let year = line.accrual.map { String($0.period.prefix(4)) } ?? line.year ?? String(line.date.prefix(4))
            switch line.kind {
            case .accrued:
                guard line.group == group, let period = line.accrual?.period, period >= startMonth, period <= endMonth else { continue }
                years[year, default: .init(year: year)].accruedFen += line.amountFen
            case .bonus, .deducted:
                guard line.group == nil || line.group == group, year >= startYear, year <= endYear else { continue }
                if line.kind == .bonus { years[year, default: .init(year: year)].bonusFen += line.amountFen }
                else { years[year, default: .init(year: year)].deductedFen += line.amountFen }
            case .paid, .reversed:
                guard line.date >= audit.start else { continue }
                let paidYear = String(line.date.prefix(4))
                years[paidYear, default: .init(year: paidYear)].paidFen += line.kind == .paid ? line.amountFen : -line.amountFen
            }
        }
        audit.subsidyYears = years.keys.sorted().compactMap { years[$0] }
    }

    /// The policies in force over the tenure: on its first day, and from each adoption within it.
    func policies<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>, endDay: String) throws {
        guard let start = LocalDate(iso: audit.start) else { return }
        var dates = [start]
        for adoption in try tables.policyTimeline(group: group).units.joined()
        where adoption.date > start && adoption.date.description <= endDay && !dates.contains(adoption.date) {
            dates.append(adoption.date)
        }
        var lastId: String?
        for date in dates.sorted() {
            let policy = try tables.policyInForce(group: group, on: date)
            let id = policy.lineage.joined(separator: "+")
            guard id != lastId else { continue }
            lastId = id
            audit.policies.append(.init(from: date.description, policy: policy))
        }
    }

    /// The fund across the tenure, with a running balance and, for each expense, whether the policy in force
    /// on its date required a meeting's approval.
    func fund<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>, endDay: String) throws {
        let funds = try FundsQuery(group: group, asOf: nil).run(tables)
        for line in funds.lines {
            let signed = line.kind == "receipt" ? line.amountFen : -line.amountFen
            if line.date < audit.start {
                audit.openingBalanceFen += signed
            } else if line.date <= endDay {
                audit.fundLines.append(line)
            }
        }
        var balance = audit.openingBalanceFen
        for line in audit.fundLines {
            balance += line.kind == "receipt" ? line.amountFen : -line.amountFen
            var required = false
            var source: String?
            var purpose: String?
            if line.kind == "expense", let date = LocalDate(iso: line.date) {
                let policy = try tables.policyInForce(group: group, on: date)
                if let approvals = policy.approvals {
                    required = approvals.groupExpenseNeedsMeeting
                    source = "\(approvals.source) (\(policy.origin("approvals")))"
                }
                if let approval = line.approval { purpose = try tables.approval(approval)?.purpose }
            }
            audit.fund.append(.init(line: line, balanceFen: balance, approvalRequired: required, approvalSource: source, approvalPurpose: purpose))
        }
        audit.closingBalanceFen = balance
    }

    /// The handover this holder made (the latest), and the group's assets registered by the tenure's end:
    /// custody at its start and end, against the handover's items.
    func handoverAndAssets<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>, endDay: String) throws {
        var made: (seq: UInt64, record: HandoverRecord)?
        try scanWithSeq(tables, StateTable.handovers) { seq, value in
            let record = try HandoverRecord(bytes: value, what: "a handover of \(group)")
            if record.outgoing == person { made = (seq, record) }
        }
        if let made {
            let recordedAt = try tables.event(seq: made.seq)?.recordedAt.description ?? ""
            audit.handover = .init(seq: made.seq, date: made.record.date.description, incoming: made.record.incoming, witnesses: made.record.witnesses,
                                   cashFen: made.record.cashFen, balanceFen: made.record.balanceFen, recordedAt: recordedAt)
        }
        audit.handoverDate = made?.record.date.description
        audit.handoverIncoming = made?.record.incoming
        audit.handoverBalanceFen = made?.record.balanceFen
        var items: [String: HandoverRecord.Item] = [:]
        for item in made?.record.items ?? [] { items[item.asset] = item }
        for (id, asset) in try tables.assets(of: group) {
            let entries = try tables.records(StateTable.custody, of: id) { try CustodyEntry(bytes: $0, what: "the custody of \(id)") }
            let atStart = entries.last { $0.date.description <= audit.start }
            let atEnd = entries.last { $0.date.description <= endDay }
            // Registered after the tenure (and not listed in its handover): not the holder's to account for.
            guard atEnd != nil || items[id] != nil else { continue }
            let item = items[id]
            var line = DepartureAudit.AssetLine(asset: id, description: asset.description, registeredValueFen: asset.valueFen,
                                                status: atEnd?.status ?? asset.status, handedOver: item?.present, countedValueFen: item?.valueFen)
            line.kind = asset.kind.rawValue
            line.atStart = atStart.map { .init(custodian: $0.custodian, status: $0.status) }
            line.atEnd = atEnd.map { .init(custodian: $0.custodian, status: $0.status) }
            line.handoverNote = item?.note
            line.handoverRecorded = made != nil
            audit.assets.append(line)
        }
    }

    /// The audits of the group whose period meets the tenure.
    func recordedAudits<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>) throws {
        for (seq, record) in try auditsWithSeq(tables) where record.periodEnd.description >= audit.start {
            audit.audits.append("\(record.kind.rawValue) audit \(record.periodStart)–\(record.periodEnd) by \(record.auditor)")
            let event = try tables.event(seq: seq)
            var entry = DepartureAudit.AuditEntry(seq: seq, kind: record.kind.rawValue, person: record.person, periodStart: record.periodStart.description,
                                                  periodEnd: record.periodEnd.description, auditor: record.auditor, findings: record.findings,
                                                  date: record.date.description, recordedAt: event?.recordedAt.description ?? "")
            entry.reportSha256 = event?.data["reportSha256"]?.stringValue
            audit.auditEntries.append(entry)
        }
    }

    /// Alerts concerning the group (or this holder): those open on the tenure's last day, and those about
    /// the holder open on the report's date.
    func alerts<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>) throws {
        guard let reportDay = LocalDate(iso: audit.reportDate) else { return }
        let concerns: (Alert) -> Bool = { $0.group == group && ($0.person == nil || $0.person == person) }
        var found: [Alert] = []
        if let end = audit.end.flatMap(LocalDate.init(iso:)) {
            // The day before the office ended: the holder still held it (on the day itself, the departure's own
            // duties, a handover and an audit, are not yet due, and the post is not yet vacant).
            let lastDay = audit.start < end.description ? end.adding(days: -1) ?? end : end
            found = try AlertsQuery(unit: audit.unit, asOf: lastDay).run(tables).filter(concerns)
            for alert in try AlertsQuery(unit: audit.unit, asOf: reportDay).run(tables)
            where alert.group == group && alert.person == person && !found.contains(alert) {
                // The months of subsidy not accrued, counted to the report's day, replace those counted to the last day.
                if alert.kindMessage == Msg.alerts.kind.subsidyNotAccrued {
                    found.removeAll { $0.kindMessage == alert.kindMessage && $0.group == group && $0.person == person }
                }
                found.append(alert)
            }
        } else {
            found = try AlertsQuery(unit: audit.unit, asOf: reportDay).run(tables).filter(concerns)
        }
        audit.alerts = found
    }

    /// Entries of the tenure (events of the group, and of the holder in this group, whose effective date falls
    /// in a term) recorded after the event that ended that term, or found late by the alerts' own checks
    /// (`LateEntriesQuery`: after an audit, handover or disclosure covering their date, or later than the policy
    /// allows); every correction or retraction of such an entry; and the backfills declared for them.
    func lateEntriesAndCorrections<T: TableTransaction & ~Copyable>(_ audit: inout DepartureAudit, _ tables: borrowing Tables<T>) throws {
        let report = try LateEntriesQuery(group: group, person: person).run(tables)
        audit.lateEntriesTruncated = report.anyLimitReached
        var found: [UInt64: LateFinding] = [:]
        for finding in report.late { found[finding.event.seq] = finding }
        var corrections: [UInt64: [EntryCorrection]] = [:]
        for correction in report.corrections { corrections[correction.original.seq, default: []].append(correction) }
        var endTimes: [UInt64: String] = [:]
        var backfills: Set<UInt64> = []
        for event in report.entries {
            let day = event.effectiveDate.description
            guard let term = audit.terms.first(where: { $0.since <= day && ($0.until.map { day <= $0 } ?? true) }) else { continue }
            for correction in corrections[event.seq] ?? [] {
                audit.corrections.append(.init(original: event, correction: correction.correction, kind: correction.kind, coverage: correction.coverage))
            }
            guard !LateEntriesQuery.covering.contains(event.type) else { continue }
            var reasons: [DepartureAudit.LateEntry.Reason] = []
            if let ended = term.endedBy, event.seq > ended {
                if endTimes[ended] == nil { endTimes[ended] = try tables.event(seq: ended)?.recordedAt.description ?? "" }
                reasons.append(.afterTenureEnded(endedBy: ended, endRecordedAt: endTimes[ended] ?? ""))
            }
            let finding = found[event.seq]
            for reason in finding?.reasons ?? [] {
                switch reason {
                case .covered(let coverage): reasons.append(.afterCoverage(coverage))
                case .recordedLate(let days, let limit, _, _): reasons.append(.recordedLate(days: days, limit: limit))
                }
            }
            guard !reasons.isEmpty else { continue }
            var entry = DepartureAudit.LateEntry(event: event, reasons: reasons)
            entry.backfill = finding?.backfill ?? report.backfills.first { $0.firstSeq <= event.seq && event.seq <= $0.lastSeq }?.declaration.seq
            if let backfill = entry.backfill { backfills.insert(backfill) }
            audit.lateEntries.append(entry)
        }
        let terms = audit.terms
        audit.backfills = report.backfills.filter { notice in
            backfills.contains(notice.declaration.seq) || notice.entries.contains { entry in
                let day = entry.effectiveDate.description
                return terms.contains { $0.since <= day && ($0.until.map { day <= $0 } ?? true) }
            }
        }
    }

    /// The group's audits with the events that recorded them, in log order.
    func auditsWithSeq<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [(seq: UInt64, record: AuditRecord)] {
        var found: [(seq: UInt64, record: AuditRecord)] = []
        try scanWithSeq(tables, StateTable.audits) { seq, value in
            found.append((seq, try AuditRecord(bytes: value, what: "an audit of \(group)")))
        }
        return found
    }

    /// Calls `body` with each entry of `table` keyed `group 0x00 seq`, in log order.
    func scanWithSeq<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>, _ table: String, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        let prefix = StateTable.historyPrefix(group)
        try tables.scan(table, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard let seq = StateTable.readSeq(Array(key[prefix.count...])) else { throw Rules.damaged("a key of \(table) for \(group) is malformed") }
            try body(seq, value)
            return true
        }
    }
}
