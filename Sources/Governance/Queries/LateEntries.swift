import CanonicalJSON
public import EventLog
public import Messages

/// What covered a period of a group once it was recorded: an audit (its period), a handover (the outgoing
/// holder's tenure in the group up to the handover's day: the balances counted rest on it) or a disclosure
/// (the period it posted). An audit or disclosure covers its period up to its own date at most: what had not
/// yet taken effect then was neither audited nor posted (a year's disclosure posted on 20 December does not
/// cover the accruals of the 31st).
public struct Coverage: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case audit, handover, disclosure
    }
    public let kind: Kind
    /// The event that recorded it, its effective date and when it was recorded (UTC).
    public let seq: UInt64
    public let date: LocalDate
    public let recordedAt: Timestamp
    public let periodStart: LocalDate
    public let periodEnd: LocalDate

    public func covers(_ day: LocalDate) -> Bool { periodStart <= day && day <= periodEnd }

    /// 审计 / 工作移交 / 公开.
    public var kindMessage: Message {
        switch kind {
        case .audit: Msg.late.detail.audit
        case .handover: Msg.late.detail.handover
        case .disclosure: Msg.late.detail.disclosure
        }
    }

    /// Why an entry recorded after it matters, with the statute article that requires it.
    var source: Text {
        switch kind {
        case .audit: Cite.all(Cite.the("村民委员会组织法 (2018) Art. 35", Msg.late.why.audited), Cite.the("000_19bdd15b88ce0110.txt 四(三)"))
        case .handover: Cite.the("村民委员会组织法 (2018) Art. 20", Msg.late.why.handedOver)
        case .disclosure: Cite.all(Cite.the("村民委员会组织法 (2018) Art. 30", Msg.late.why.disclosed), Cite.the("001_6bbac2880b66cfa6.txt (二)4"))
        }
    }

    /// Audits first, then handovers, then disclosures; earlier recorded first.
    var rank: (Int, UInt64) {
        switch kind {
        case .audit: (0, seq)
        case .handover: (1, seq)
        case .disclosure: (2, seq)
        }
    }
}

/// An entry that takes effect inside a period covered before it was recorded, or recorded later after its
/// effective date than the policy in force then allows.
public struct LateFinding: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Recorded after `Coverage` had covered its effective date.
        case covered(Coverage)
        /// Recorded `days` days (its recorded time's day in Beijing time) after its effective date; the policy allows `limit`.
        case recordedLate(days: Int64, limit: Int64, source: String, policy: String)
    }
    public let event: RecordedEvent
    public let reasons: [Reason]
    /// The declaration of the backfill it was entered in (flagged once, as that backfill), if any.
    public let backfill: UInt64?
}

/// A correction or retraction of an entry; `coverage` is set when it was recorded after a period covering the
/// entry's date was covered.
public struct EntryCorrection: Sendable, Equatable {
    public let original: RecordedEvent
    public let correction: RecordedEvent
    /// corrected, retracted.
    public let kind: String
    public let coverage: Coverage?
}

/// A declared backfill and the entries of one group it holds.
public struct BackfillNotice: Sendable, Equatable {
    public let declaration: RecordedEvent
    public let firstSeq: UInt64, lastSeq: UInt64
    public let reason: String
    /// The group's entries in the backfill.
    public let entries: [RecordedEvent]
    /// How many of them take effect inside a period covered before they were recorded.
    public let covered: Int
}

/// Everything the late-entry checks found for one group: the one source the alerts and the departure audit read.
public struct LateEntryReport: Sendable {
    public var coverages: [Coverage] = []
    /// The entries read (events of the group, and of `person` in this group or in none), in log order, without
    /// corrections, retractions and backfill declarations.
    public var entries: [RecordedEvent] = []
    public var late: [LateFinding] = []
    /// Every correction or retraction of an entry read.
    public var corrections: [EntryCorrection] = []
    public var backfills: [BackfillNotice] = []
    /// The scan stopped at `LateEntriesQuery.entriesMax`: the newer entries were not checked.
    public var truncated = false
    /// The group's audits, handovers or disclosures were more than `QueryLimits.linesMax` of one kind: the later
    /// ones are not used as coverage.
    public var coveragesCut = false
    /// More than `LateEntriesQuery.backfillsMax` backfills were declared: the later ones are not recognised, and
    /// their entries are flagged one by one.
    public var backfillsCut = false

    /// Whether any limit cut what was checked (the alerts and the departure audit say so).
    public var anyLimitReached: Bool { truncated || coveragesCut || backfillsCut }
}

/// Late and back-dated entries of one group (issue 14 item 5).
public struct LateEntriesQuery: TableQuery {
    public let group: String
    /// A holder whose own entries (of this group, or of no group) are read too (the departure audit's).
    public let person: String?
    /// The first seq read (the alerts start after the earliest coverage when no policy sets a recording limit).
    public let fromSeq: UInt64

    /// Entries read per group, at most; backfill declarations read, at most.
    public static let entriesMax = QueryLimits.linesMax
    public static let backfillsMax = 10_000

    /// Types that are not entries of a period: what covers one, and what declares or corrects entries.
    static let notEntries: Set<String> = ["event.corrected", "event.retracted", "backfill.declared"]
    static let covering: Set<String> = ["audit.completed", "handover.recorded", "disclosure.posted"]

    public init(group: String, person: String? = nil, fromSeq: UInt64 = 1) {
        self.group = group
        self.person = person
        self.fromSeq = max(fromSeq, 1)
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> LateEntryReport {
        var report = LateEntryReport()
        (report.coverages, report.coveragesCut) = try coverages(tables)
        let backfills: [(seq: UInt64, record: BackfillRecord)]
        (backfills, report.backfillsCut) = try declaredBackfills(tables)
        let upper = tables.view == .max ? UInt64.max : tables.view + 1
        guard fromSeq < upper else { return report }
        var seqs = try tables.events(concerning: group, in: fromSeq..<upper, limit: LateEntriesQuery.entriesMax + 1)
        if let person {
            seqs = Array(Set(seqs).union(try tables.events(concerning: person, in: fromSeq..<upper, limit: LateEntriesQuery.entriesMax + 1))).sorted()
        }
        if seqs.count > LateEntriesQuery.entriesMax {
            report.truncated = true
            seqs = Array(seqs.prefix(LateEntriesQuery.entriesMax))
        }
        var inBackfill: [UInt64: (entries: [RecordedEvent], covered: Int)] = [:]
        var corrections: [UInt64: EntryCorrection] = [:]
        func corrected(_ original: RecordedEvent, by correction: RecordedEvent, _ kind: String) {
            let coverage = report.coverages.filter { $0.seq < correction.seq && $0.covers(original.effectiveDate) }.min { $0.rank < $1.rank }
            corrections[correction.seq] = .init(original: original, correction: correction, kind: kind, coverage: coverage)
        }
        for seq in seqs {
            guard let event = try tables.event(seq: seq) else { throw Rules.damaged("event \(seq), indexed under \(group), cannot be read") }
            if event.type == "event.corrected" || event.type == "event.retracted" {
                // Every correction read here (an entry corrected twice has two), whether or not its original was read.
                let kind = event.type == "event.corrected" ? "corrected" : "retracted"
                guard let target = (event.data["corrects"] ?? event.data["retracts"])?.integerValue, target > 0,
                      let original = try tables.event(seq: UInt64(target)), isEntry(original) else { continue }
                corrected(original, by: event, kind)
                continue
            }
            guard !LateEntriesQuery.notEntries.contains(event.type), isEntry(event) else { continue }
            report.entries.append(event)
            let day = event.effectiveDate
            if let status = try tables.status(of: seq), let correction = try tables.event(seq: status.by) {
                corrected(event, by: correction, status.kind.rawValue)
            }
            guard !LateEntriesQuery.covering.contains(event.type) else { continue }
            var reasons: [LateFinding.Reason] = []
            if let coverage = report.coverages.filter({ $0.seq < seq && $0.covers(day) }).min(by: { $0.rank < $1.rank }) {
                reasons.append(.covered(coverage))
            }
            let policy = try tables.policyInForce(group: group, on: day)
            if let limit = policy.recordingDaysMax {
                let days = LocalDate.dayNumber(LateEntriesQuery.beijingDay(event.recordedAt)) - LocalDate.dayNumber(day)
                if days > limit.days {
                    reasons.append(.recordedLate(days: days, limit: limit.days, source: limit.source, policy: policy.origin("recording")))
                }
            }
            let backfill = backfills.first { $0.record.firstSeq <= seq && seq <= $0.record.lastSeq }?.seq
            if let backfill {
                inBackfill[backfill, default: ([], 0)].entries.append(event)
                if reasons.contains(where: { if case .covered = $0 { true } else { false } }) { inBackfill[backfill, default: ([], 0)].covered += 1 }
            }
            if !reasons.isEmpty { report.late.append(.init(event: event, reasons: reasons, backfill: backfill)) }
        }
        report.corrections = corrections.values.sorted { ($0.original.seq, $0.correction.seq) < ($1.original.seq, $1.correction.seq) }
        for (seq, record) in backfills {
            guard let found = inBackfill[seq], let declaration = try tables.event(seq: seq) else { continue }
            report.backfills.append(.init(declaration: declaration, firstSeq: record.firstSeq, lastSeq: record.lastSeq, reason: record.reason,
                                          entries: found.entries, covered: found.covered))
        }
        return report
    }

    /// An event of the group, or the holder's own entry of this group or of none.
    func isEntry(_ event: RecordedEvent) -> Bool {
        if event.subjects.contains(group) || event.stream == group { return true }
        guard let person, event.subjects.contains(person) || event.stream == person else { return false }
        if let other = event.data["group"]?.stringValue, other != group { return false }
        return true
    }

    /// The group's audits, handovers and disclosures, in log order, and whether a kind had more than
    /// `QueryLimits.linesMax` (only the first are read).
    func coverages<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> (found: [Coverage], cut: Bool) {
        var found: [Coverage] = []
        var cut = false
        func recorded(_ seq: UInt64) throws -> Timestamp {
            guard let event = try tables.event(seq: seq) else { throw Rules.damaged("event \(seq), recorded for \(group), cannot be read") }
            return event.recordedAt
        }
        let audits = try linesWithSeq(tables, StateTable.audits), disclosures = try linesWithSeq(tables, StateTable.disclosures)
        let handovers = try linesWithSeq(tables, StateTable.handovers)
        cut = audits.cut || disclosures.cut || handovers.cut
        for (seq, value) in audits.lines {
            let audit = try AuditRecord(bytes: value, what: "an audit of \(group)")
            found.append(.init(kind: .audit, seq: seq, date: audit.date, recordedAt: try recorded(seq), periodStart: audit.periodStart,
                               periodEnd: min(audit.periodEnd, audit.date)))
        }
        for (seq, value) in disclosures.lines {
            let disclosure = try DisclosureRecord(bytes: value, what: "a disclosure of \(group)")
            found.append(.init(kind: .disclosure, seq: seq, date: disclosure.date, recordedAt: try recorded(seq),
                               periodStart: disclosure.periodStart, periodEnd: min(disclosure.periodEnd, disclosure.date)))
        }
        let groupSince = try tables.group(group)?.since
        for (seq, value) in handovers.lines {
            let handover = try HandoverRecord(bytes: value, what: "a handover of \(group)")
            let start = try tables.terms(of: handover.outgoing).filter { $0.group == group && $0.since <= handover.date }.map(\.since).min()
            guard let start = start ?? groupSince else { continue }
            found.append(.init(kind: .handover, seq: seq, date: handover.date, recordedAt: try recorded(seq), periodStart: start, periodEnd: handover.date))
        }
        return (found.sorted { $0.seq < $1.seq }, cut)
    }

    /// The backfills declared, in log order, at most `backfillsMax`, and whether there were more.
    func declaredBackfills<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> (found: [(seq: UInt64, record: BackfillRecord)], cut: Bool) {
        var found: [(seq: UInt64, record: BackfillRecord)] = []
        var cut = false
        try tables.scan(StateTable.backfills, from: [], limit: LateEntriesQuery.backfillsMax + 1) { key, value in
            guard found.count < LateEntriesQuery.backfillsMax else { cut = true; return false }
            guard let seq = StateTable.readSeq(key) else { throw Rules.damaged("a key of \(StateTable.backfills) is malformed") }
            found.append((seq, try BackfillRecord(bytes: value, what: "the backfill declared by event \(seq)")))
            return true
        }
        return (found, cut)
    }

    /// The entries of `table` keyed `group 0x00 seq`, in log order, at most `QueryLimits.linesMax`, and whether
    /// there were more.
    func linesWithSeq<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>, _ table: String) throws -> (lines: [(UInt64, [UInt8])], cut: Bool) {
        let prefix = StateTable.historyPrefix(group)
        var found: [(UInt64, [UInt8])] = []
        var cut = false
        try tables.scan(table, from: prefix, limit: QueryLimits.linesMax + 1) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard found.count < QueryLimits.linesMax else { cut = true; return false }
            guard let seq = StateTable.readSeq(Array(key[prefix.count...])) else { throw Rules.damaged("a key of \(table) for \(group) is malformed") }
            found.append((seq, value))
            return true
        }
        return (found, cut)
    }

    /// The day of a UTC instant in Beijing time (UTC+8): the day a clerk in China recorded it.
    public static func beijingDay(_ instant: Timestamp) -> LocalDate { BeijingTime.day(instant) }

    /// Whether any policy that governs `group` at some time sets a recording limit.
    static func recordingLimitPossible<T: TableTransaction & ~Copyable>(group: String, since: LocalDate, _ tables: borrowing Tables<T>) throws -> Bool {
        var dates = [since]
        for adoption in try tables.policyTimeline(group: group).units.joined() where adoption.date > since { dates.append(adoption.date) }
        for date in dates where try tables.policyInForce(group: group, on: date).recordingDaysMax != nil { return true }
        return false
    }
}

extension AlertsQuery {
    /// The late-entry alerts of one group as of `asOf`: an entry back-dated into a covered period, recorded
    /// later than the policy allows, a correction after the period was covered (one alert each), and a
    /// declared backfill (one alert for its entries of the group, instead of one per entry).
    func lateEntryAlerts<T: TableTransaction & ~Copyable>(group: String, since: LocalDate, _ tables: borrowing Tables<T>) throws -> [Alert] {
        let query = LateEntriesQuery(group: group)
        let coverages = try query.coverages(tables).found
        let limits = try LateEntriesQuery.recordingLimitPossible(group: group, since: since, tables)
        guard limits || !coverages.isEmpty else { return [] }
        let from = limits ? 1 : (coverages.map(\.seq).min() ?? 0) + 1
        let report = try LateEntriesQuery(group: group, fromSeq: from).run(tables)
        var alerts: [Alert] = []
        let kinds = Msg.late.kind, words = Msg.late.detail
        for finding in report.late where finding.backfill == nil && finding.event.effectiveDate <= asOf {
            let event = finding.event
            for reason in finding.reasons {
                switch reason {
                case .covered(let coverage):
                    alerts.append(Alert(kinds.backdatedEntry, group: group, person: nil,
                                        words.backdated(["event": LateWords.event(event), "effective": .date(event.effectiveDate.description),
                                                         "recorded": LateWords.time(event.recordedAt), "covering": LateWords.covering(coverage)]),
                                        source: coverage.source))
                case .recordedLate(let days, let limit, let source, let policy):
                    alerts.append(Alert(kinds.lateRecording, group: group, person: nil,
                                        words.recordedLate(["event": LateWords.event(event), "effective": .date(event.effectiveDate.description),
                                                            "recorded": LateWords.time(event.recordedAt), "days": .number(days), "limit": .number(limit)]),
                                        source: Cite.policy(source, policy)))
                }
            }
        }
        for correction in report.corrections where correction.original.effectiveDate <= asOf {
            guard let coverage = correction.coverage else { continue }
            alerts.append(Alert(kinds.correctionAfterCoverage, group: group, person: nil,
                                words.correction(["event": LateWords.event(correction.original), "effective": .date(correction.original.effectiveDate.description),
                                                  "how": .text(Text(correction.kind == "retracted" ? words.retracted : words.corrected)),
                                                  "by": .number(correction.correction.seq), "recorded": LateWords.time(correction.correction.recordedAt),
                                                  "covering": LateWords.covering(coverage)]),
                                source: Cite.all(coverage.source, Cite.the("Schemas/CORRECTIONS.md"))))
        }
        for notice in report.backfills {
            let dates = notice.entries.map(\.effectiveDate)
            guard let from = dates.min(), let to = dates.max(), from <= asOf else { continue }
            alerts.append(Alert(kinds.backfillDeclared, group: group, person: nil,
                                words.backfill(["seq": .number(notice.declaration.seq), "recorded": LateWords.time(notice.declaration.recordedAt),
                                                "first": .number(notice.firstSeq), "last": .number(notice.lastSeq), "reason": .plain(notice.reason),
                                                "count": .number(notice.entries.count), "from": .date(from.description), "to": .date(to.description),
                                                "covered": .number(notice.covered)]),
                                source: Cite.the("Schemas/events/backfill.declared.v1.schema.json", Msg.late.why.backfill)))
        }
        for (cut, message) in [(report.truncated, words.truncated(["count": .number(LateEntriesQuery.entriesMax), "group": .plain(group)])),
                               (report.coveragesCut, words.coveragesCut(["count": .number(QueryLimits.linesMax), "group": .plain(group)])),
                               (report.backfillsCut, words.backfillsCut(["count": .number(LateEntriesQuery.backfillsMax)]))] where cut {
            alerts.append(Alert(kinds.backdatedEntry, group: group, person: nil, message,
                                source: Cite.the("村民委员会组织法 (2018) Art. 35", Msg.late.why.audited)))
        }
        return alerts
    }
}

/// The words of the late-entry alerts and of the departure audit's section.
public enum LateWords {
    /// `event 57 (Expense paid, 3,000.00 yuan)` / `第57号事件(支出,3,000.00元)`: the type in the reader's language.
    public static func event(_ event: RecordedEvent) -> Arg {
        let type = Arg.text(Text(typeName(event)))
        if let fen = event.data["amountFen"]?.integerValue {
            return .text(Msg.late.detail.eventWithAmount(["seq": .number(event.seq), "type": type, "amount": .fen(fen)]))
        }
        return .text(Msg.late.detail.event(["seq": .number(event.seq), "type": type]))
    }

    /// The type's English title and Chinese term from the event catalog (the type itself when unknown).
    public static func typeName(_ event: RecordedEvent) -> Message {
        guard let spec = EventCatalog.spec(type: event.type, version: event.schemaVersion) else { return Msg.late.rendered(en: event.type, zh: event.type) }
        return Msg.late.rendered(en: spec.title, zh: spec.term)
    }

    /// A recorded instant in Beijing time, in each language's form.
    public static func time(_ instant: Timestamp) -> Arg {
        let utc = instant.description
        return .text(Text(Msg.late.rendered(en: Dates.beijing(utc, .en), zh: Dates.beijing(utc, .zh))))
    }

    /// The covering audit, handover or disclosure: its kind, seq, date, period and recorded time.
    public static func covering(_ coverage: Coverage) -> Arg {
        .text(Msg.late.detail.covering(["kind": .text(Text(coverage.kindMessage)), "seq": .number(coverage.seq), "date": .date(coverage.date.description),
                                         "start": .date(coverage.periodStart.description), "end": .date(coverage.periodEnd.description),
                                         "recorded": time(coverage.recordedAt)]))
    }
}

/// Beijing time (UTC+8, no daylight saving since 1991): the clock the ledger's users date their acts by. Days
/// counted from a recorded instant (late entries, an erasure's or a backfill's date, a report's date) use it,
/// whatever the machine's time zone.
public enum BeijingTime {
    /// The day of a UTC instant in Beijing time.
    public static func day(_ instant: Timestamp) -> LocalDate {
        let shifted = Timestamp(microsecondsSinceEpoch: instant.microsecondsSinceEpoch + 8 * 3_600_000_000).description
        guard let day = LocalDate(iso: String(shifted.prefix(10))) else { preconditionFailure("a timestamp's day is a date: \(shifted)") }
        return day
    }
}
