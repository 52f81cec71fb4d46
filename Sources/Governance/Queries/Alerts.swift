public import Messages
import CanonicalJSON
public import EventLog
/// Something the rules say should have happened and did not, as of a date.
public struct Alert: Sendable, Equatable {
    /// What kind of alert, e.g. "term expired" / 任期届满未换届 (the English text is the stable name).
    public let kindMessage: Message
    /// The group (and person) concerned.
    public let group: String
    public let person: String?
    public let detailText: Text
    /// The rule's source, and the policy that supplied it.
    public let sourceText: Text

    public init(_ kind: Message, group: String, person: String?, _ detail: Text, source: Text) {
        self.kindMessage = kind
        self.group = group
        self.person = person
        self.detailText = detail
        self.sourceText = source
    }

    public var kind: String { kindMessage.en }
    public var detail: String { detailText.rendered(.en) }
    public var source: String { sourceText.rendered(.en) }

    /// `[kind] group: detail; source` / `【kind】group:detail(依据:source)`.
    public var text: Text {
        Msg.alerts.line(["kind": .text(Text(kindMessage)), "group": .plain(group), "detail": .text(detailText), "source": .text(sourceText)])
    }

    public func rendered(_ language: Language) -> String { text.rendered(language) }
}

/// `grassroots alerts`: every alert for the groups under a unit (or all groups), as of a date.
public struct AlertsQuery: TableQuery {
    public let unit: String?
    public let asOf: LocalDate
    public init(unit: String?, asOf: LocalDate) {
        self.unit = unit
        self.asOf = asOf
    }

    /// Years of annual audits and periods of disclosure looked back over, at most.
    public static let lookBackYearsMax = 10

    /// The source of a term that ends where its installation said: a by-election's, with the sitting committee's.
    static var byElectedTermSource: Text {
        Cite.said(Msg.alerts.why.byElectedTerm, ["article": .source("村民委员会组织法 (2018) Art. 19")])
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [Alert] {
        let groups = try tables.groups(within: unit).filter { $0.record.since <= asOf }
        var alerts: [Alert] = []
        let day = asOf.description
        for (group, record) in groups {
            let policy = try tables.policyInForce(group: group, on: asOf)
            func cite(_ source: String, _ section: String) -> Text { Cite.policy(source, policy.origin(section)) }
            let groupSince = record.since.description
            // Office intervals of the group, as of the date.
            var intervals: [(post: String, person: String, since: String, until: String?, termEnds: LocalDate?)] = []
            for post in Post.allCases.map(\.rawValue) {
                for interval in try tables.intervals(group, post) where interval.since <= day {
                    intervals.append((post, interval.person, interval.since, interval.until.flatMap { $0 <= day ? $0 : nil }, interval.termEnds))
                }
            }
            let current = intervals.filter { $0.until == nil }

            // A term expired without an election (村民委员会组织法 Art. 11, 28): the policy's years from the start, or
            // the end the installation set (a by-election: with the sitting committee's term, Art. 19).
            for holder in current {
                if let ends = holder.termEnds {
                    guard ends <= asOf else { continue }
                    alerts.append(Alert(Msg.alerts.kind.termExpired, group: group, person: holder.person,
                                        Msg.alerts.detail.termSetEnded(["person": .plain(holder.person), "post": .code(holder.post, in: Msg.words.post),
                                                                        "since": .date(holder.since), "ends": .date(ends.description)]),
                                        source: AlertsQuery.byElectedTermSource))
                    continue
                }
                guard let term = policy.termYears else { continue }
                guard let start = LocalDate(iso: holder.since), let expiry = LocalDate(year: start.year + Int(term.years), month: start.month,
                                                                                       day: min(start.day, LocalDate.daysIn(month: start.month, year: start.year + Int(term.years)))),
                      expiry <= asOf else { continue }
                alerts.append(Alert(Msg.alerts.kind.termExpired, group: group, person: holder.person,
                                    Msg.alerts.detail.termYearsExpired(["person": .plain(holder.person), "post": .code(holder.post, in: Msg.words.post),
                                                                        "since": .date(holder.since), "years": .number(term.years), "expiry": .date(expiry.description)]),
                                    source: cite(term.source, "term")))
            }
            // Consecutive 不称职 years without the office ending, under the policy in force at the end of the later
            // year, which says how many years and what its source then requires (Art. 33: the office ends;
            // Deqing 四(二): replace the leader; Damao (五): recall by procedure or discipline).
            for holder in current {
                guard let startYear = Int(holder.since.prefix(4)), startYear <= asOf.year else { continue }
                var run = 0
                for year in startYear...asOf.year {
                    guard try tables.grade(of: holder.person, in: group, year: year)?.grade == .incompetent else {
                        run = 0
                        continue
                    }
                    run += 1
                    guard let yearEnd = LocalDate(year: year, month: 12, day: 31) else { continue }
                    let then = try tables.policyInForce(group: group, on: min(yearEnd, asOf))
                    guard let grades = then.grades, let limit = grades.unfitConsecutiveYears, limit > 0, run >= Int(limit) else { continue }
                    let requires: Arg = grades.unfitRequires.map { .source($0) } ?? .text(Msg.alerts.detail.actionAfterYears(["years": .number(limit)]))
                    alerts.append(Alert(Msg.alerts.kind.consecutiveUnfit, group: group, person: holder.person,
                                        Msg.alerts.detail.consecutiveUnfit(["person": .plain(holder.person), "run": .number(run), "from": .number(year - run + 1),
                                                                            "to": .number(year), "post": .code(holder.post, in: Msg.words.post), "requires": requires]),
                                        source: Cite.policy(grades.source, then.origin("grades"))))
                    break
                }
            }
            // An appraisal whose 不称职 votes pass the policy's share, the holder still in office (004_7fb8e911e1fe61b5.txt
            // [8]: 民主测评不称职率超过三分之一 calls for a prompt organisational adjustment).
            for holder in current {
                for appraisal in try tables.appraisals(of: holder.person, in: group)
                where appraisal.date <= asOf && appraisal.date.description >= holder.since && appraisal.total > 0 {
                    let then = try tables.policyInForce(group: group, on: appraisal.date)
                    guard let rule = then.appraisal, let share = rule.unfitVotes else { continue }
                    let unfit = appraisal.votes(for: .incompetent)
                    let total = appraisal.total
                    guard unfit <= UInt64(Int64.max), total <= UInt64(Int64.max), share.isMet(Int64(unfit), of: Int64(total)) else { continue }
                    let requires: Arg = rule.unfitRequires.map { .source($0) } ?? .text(Text(Msg.alerts.detail.action))
                    alerts.append(Alert(Msg.alerts.kind.tooManyUnfitVotes, group: group, person: holder.person,
                                        Msg.alerts.detail.tooManyUnfitVotes(["person": .plain(holder.person), "unfit": .number(unfit), "total": .number(total),
                                                                             "year": .number(appraisal.year), "date": .date(appraisal.date.description), "seq": .number(appraisal.seq),
                                                                             "share": share.arg, "minimum": .number(share.minimum(of: Int64(total))),
                                                                             "post": .code(holder.post, in: Msg.words.post), "requires": requires]),
                                        source: Cite.policy(rule.source, then.origin("appraisal"))))
                }
            }
            // Recall deadlines and retries, under the recall rule in force on the petition's date: the vote held
            // within the policy's days of the petition (Henan Art. 42: 15 days), and a petition within the policy's
            // months of a failed vote on the same holder (one provincial text: not on the same grounds within 6
            // months; whether the grounds are the same is for people to judge, so this is an alert, not a refusal).
            for (id, petition, seq) in try tables.petitions(of: group) where petition.date <= asOf {
                let then = try tables.policyInForce(group: group, on: petition.date)
                guard let rule = then.recall else { continue }
                let cite = Cite.policy(rule.source, then.origin("recall"))
                let recallKey = StateTable.compound(group, petition.person)
                if let days = rule.voteWithinDays {
                    let due = LocalDate.dayNumber(petition.date) + days
                    if let vote = try tables.recallVote(on: id), vote.date <= asOf {
                        let late = LocalDate.dayNumber(vote.date) - due
                        if late > 0 {
                            alerts.append(Alert(Msg.alerts.kind.lateRecallVote, group: group, person: petition.person,
                                                Msg.alerts.detail.lateRecallVote(["petition": .plain(id), "date": .date(petition.date.description), "voted": .date(vote.date.description),
                                                                                  "late": .number(late), "days": .number(days)]),
                                                source: cite))
                        }
                    } else if LocalDate.dayNumber(asOf) > due {
                        alerts.append(Alert(Msg.alerts.kind.noRecallVote, group: group, person: petition.person,
                                            Msg.alerts.detail.noRecallVote(["petition": .plain(id), "date": .date(petition.date.description), "days": .number(days)]),
                                            source: cite))
                    }
                }
                if let months = rule.failedRetryMonths, seq > 1,
                   let bytes = try tables.value(StateTable.recalls, key: recallKey, asOf: seq - 1) {
                    let earlier = try RecallRecord(bytes: bytes, what: "the recall vote about \(petition.person) in \(group)")
                    let apart = Rules.monthsBetween(earlier.date, petition.date)
                    if !earlier.passed, earlier.date <= petition.date, apart < Int(months) {
                        alerts.append(Alert(Msg.alerts.kind.recallRaisedAgain, group: group, person: petition.person,
                                            Msg.alerts.detail.recallRaisedAgain(["petition": .plain(id), "date": .date(petition.date.description), "apart": .number(apart),
                                                                                 "failed": .date(earlier.date.description), "earlier": .plain(earlier.petition),
                                                                                 "months": .number(months)]),
                                            source: cite))
                    }
                }
            }
            // Audits and handovers recorded for the group.
            let audits = try tables.audits(of: group).filter { $0.date <= asOf }
            let handovers = try tables.handovers(of: group).filter { $0.date <= asOf }
            // A group with no annual economic audit in a year (000_19bdd15b88ce0110.txt 四(三)), under the policy
            // in force at that year's end.
            if let firstYear = Int(groupSince.prefix(4)) {
                for year in max(firstYear, asOf.year - AlertsQuery.lookBackYearsMax)..<asOf.year {
                    guard let yearEnd = LocalDate(year: year, month: 12, day: 31) else { continue }
                    let then = try tables.policyInForce(group: group, on: yearEnd)
                    guard let required = then.audits, required.annual else { continue }
                    let covered = audits.contains { $0.kind == .annual && $0.periodStart.year <= year && $0.periodEnd.year >= year }
                    if !covered {
                        alerts.append(Alert(Msg.alerts.kind.noAnnualAudit, group: group, person: nil,
                                            Msg.alerts.detail.noAnnualAudit(["group": .plain(group), "year": .number(year)]),
                                            source: Cite.policy(required.source, then.origin("audits"))))
                    }
                }
            }
            // A leader changed without a departure audit or a handover, or with a late handover (the policy in
            // force on the day the office ended).
            for ended in intervals where ended.post == "group-leader" {
                guard let until = ended.until, let endDate = LocalDate(iso: until) else { continue }
                let policy = try tables.policyInForce(group: group, on: endDate)
                func cite(_ source: String, _ section: String) -> Text { Cite.policy(source, policy.origin(section)) }
                if let required = policy.audits, required.departure,
                   !audits.contains(where: { $0.kind == .departure && $0.person == ended.person }) {
                    alerts.append(Alert(Msg.alerts.kind.noDepartureAudit, group: group, person: ended.person,
                                        Msg.alerts.detail.noDepartureAudit(["person": .plain(ended.person), "until": .date(until)]), source: cite(required.source, "audits")))
                }
                // The handover clock (Art. 20: within 10 days of the new committee taking office) starts when
                // the successor takes office; while the post is vacant, what is due is the policy's vacancy rule.
                let made = handovers.first { $0.outgoing == ended.person }
                guard let rule = policy.handover else { continue }
                let successor = intervals.filter { $0.post == "group-leader" && $0.since >= until && !($0.person == ended.person && $0.since == ended.since) }
                    .min { $0.since < $1.since }
                let today = LocalDate.dayNumber(asOf)
                let due: (day: Int64, what: Text)
                if let successor, let since = LocalDate(iso: successor.since) {
                    due = (LocalDate.dayNumber(since) + rule.withinDays,
                           Msg.alerts.detail.dueAfterSuccessor(["days": .number(rule.withinDays), "successor": .plain(successor.person), "since": .date(successor.since)]))
                } else if let days = rule.vacancyWithinDays {
                    due = (LocalDate.dayNumber(endDate) + days,
                           Msg.alerts.detail.dueWhileVacant(["days": .number(days),
                                                             "to": rule.vacancyTo.map { .source($0) } ?? .text(Text(Msg.alerts.detail.bodyThePolicyNames))]))
                } else {
                    continue
                }
                if let made {
                    let on = LocalDate.dayNumber(made.date)
                    if on > due.day {
                        alerts.append(Alert(Msg.alerts.kind.lateHandover, group: group, person: ended.person,
                                            Msg.alerts.detail.lateHandover(["person": .plain(ended.person), "until": .date(until), "made": .date(made.date.description),
                                                                            "late": .number(on - due.day), "due": .text(due.what)]),
                                            source: cite(rule.source, "handover")))
                    }
                } else if today > due.day {
                    alerts.append(Alert(Msg.alerts.kind.noHandover, group: group, person: ended.person,
                                        Msg.alerts.detail.noHandover(["person": .plain(ended.person), "until": .date(until), "due": .text(due.what)]),
                                        source: cite(rule.source, "handover")))
                }
            }
            // The leader's post vacant: a leader left and no one has taken the post since (Art. 19: a vacancy is
            // filled by by-election; 000_19bdd15b88ce0110.txt 二(三): promptly).
            let leaders = intervals.filter { $0.post == "group-leader" }
            if !leaders.isEmpty, !leaders.contains(where: { $0.until == nil }),
               let last = leaders.compactMap({ $0.until }).max(), let left = LocalDate(iso: last) {
                alerts.append(Alert(Msg.alerts.kind.leaderPostVacant, group: group, person: nil,
                                    Msg.alerts.detail.leaderPostVacant(["group": .plain(group), "since": .date(last),
                                                                        "days": .number(LocalDate.dayNumber(asOf) - LocalDate.dayNumber(left))]),
                                    source: Cite.all(Cite.the("村民委员会组织法 (2018) Art. 19", Msg.alerts.why.vacancyByElection),
                                                     Cite.the("000_19bdd15b88ce0110.txt 二(三) (缺额应及时进行补选)"))))
            }
            // An expense paid without the approval the policy in force on its date required.
            for line in try FundsQuery(group: group, asOf: asOf).run(tables).unapproved {
                guard let paidOn = LocalDate(iso: line.date) else { continue }
                let then = try tables.policyInForce(group: group, on: paidOn)
                guard let approvals = then.approvals, approvals.groupExpenseNeedsMeeting else { continue }
                alerts.append(Alert(Msg.alerts.kind.expenseWithoutApproval, group: group, person: nil,
                                    Msg.alerts.detail.expenseWithoutApproval(["seq": .number(line.seq), "amount": .fen(line.amountFen), "payee": .plain(line.counterparty),
                                                                              "date": .date(line.date)]),
                                    source: Cite.policy(approvals.source, then.origin("approvals"))))
            }
            // A finance disclosure missing in a period (001_6bbac2880b66cfa6.txt (二)4), each period judged by the
            // policy in force at its end; the period length is that of the policy in force now.
            if let disclosure = policy.disclosureMonths, disclosure.months > 0, let firstYear = Int(groupSince.prefix(4)) {
                let dates = try tables.records(StateTable.disclosures, of: group) { try DisclosureRecord(bytes: $0, what: "a disclosure of \(group)") }
                    .filter { $0.kind == .finance }.map(\.date.description)
                let months = Int(disclosure.months)
                var year = max(firstYear, asOf.year - AlertsQuery.lookBackYearsMax)
                var month = 1
                while true {
                    var endYear = year
                    var endMonth = month + months - 1
                    while endMonth > 12 { endMonth -= 12; endYear += 1 }
                    guard let periodEnd = LocalDate(year: endYear, month: endMonth, day: LocalDate.daysIn(month: endMonth, year: endYear)), periodEnd < asOf else { break }
                    let start = "\(year)-\(month < 10 ? "0" : "")\(month)-01"
                    let required = try tables.policyInForce(group: group, on: periodEnd).disclosureMonths.map { $0.months > 0 } ?? false
                    if required && periodEnd.description >= groupSince && !dates.contains(where: { $0 >= start && $0 <= periodEnd.description }) {
                        alerts.append(Alert(Msg.alerts.kind.financeDisclosureMissing, group: group, person: nil,
                                            Msg.alerts.detail.financeDisclosureMissing(["group": .plain(group), "start": .date(start), "end": .date(periodEnd.description)]),
                                            source: cite(disclosure.source, "disclosure")))
                    }
                    month = endMonth + 1
                    year = endYear
                    if month > 12 { month = 1; year += 1 }
                }
            }
            // A lease or disposal whose result was not published afterwards, where the policy in force on its date
            // requires notice and publication (003_47d81f790fe2866f.txt 三(七)4: notice, approval, then the result).
            let notices = try tables.notices(of: group)
            for (asset, _) in try tables.assets(of: group) {
                let entries = try tables.records(StateTable.custody, of: asset) { try CustodyEntry(bytes: $0, what: "the custody of \(asset)") }
                for entry in entries where (entry.act == AssetAction.leased.rawValue || entry.act == AssetAction.disposed.rawValue) && entry.date <= asOf {
                    let then = try tables.policyInForce(group: group, on: entry.date)
                    guard let rule = then.approvals, rule.assetTransferNotice else { continue }
                    let published = notices.contains { ($0.record.kind == .results || $0.record.kind == .decision) && $0.date >= entry.date && $0.date <= asOf }
                    if !published {
                        alerts.append(Alert(Msg.alerts.kind.assetResultNotPublished, group: group, person: nil,
                                            Msg.alerts.detail.assetResultNotPublished(["asset": .plain(asset), "act": .code(entry.act, in: Msg.words.assetAction),
                                                                                       "date": .date(entry.date.description)]),
                                            source: Cite.policy(rule.source, then.origin("approvals"))))
                    }
                }
            }
            // Group size outside the policy's range.
            if let size = policy.groupSize {
                if let households = try tables.size(of: group, on: asOf)?.households {
                    if let min = size.householdsMin, households < min {
                        alerts.append(Alert(Msg.alerts.kind.groupSize, group: group, person: nil,
                                            Msg.alerts.detail.householdsAtLeast(["households": .number(households), "min": .number(min)]), source: cite(size.source, "groupSize")))
                    }
                    if let max = size.householdsMax, households > max {
                        alerts.append(Alert(Msg.alerts.kind.groupSize, group: group, person: nil,
                                            Msg.alerts.detail.householdsAtMost(["households": .number(households), "max": .number(max)]), source: cite(size.source, "groupSize")))
                    }
                }
                let members = Int64(current.count)
                if let min = size.membersMin, members < min {
                    let upTo: Arg = size.membersMax.map { .number($0) } ?? .text(Text(Msg.alerts.detail.any))
                    alerts.append(Alert(Msg.alerts.kind.groupSize, group: group, person: nil,
                                        Msg.alerts.detail.membersBetween(["members": .number(members), "min": .number(min), "max": upTo]), source: cite(size.source, "groupSize")))
                }
                if let max = size.membersMax, members > max {
                    alerts.append(Alert(Msg.alerts.kind.groupSize, group: group, person: nil,
                                        Msg.alerts.detail.membersAtMost(["members": .number(members), "max": .number(max)]), source: cite(size.source, "groupSize")))
                }
            }
            // Entries back-dated into a period an audit, handover or disclosure had covered, recorded later than the
            // policy allows, corrected after such a period; declared backfills (LateEntries.swift).
            alerts += try lateEntryAlerts(group: group, since: record.since, tables)
            alerts += try unaccruedSubsidyAlerts(group: group, tables)
        }
        alerts += try excellentQuotaAlerts(tables)
        alerts += try unitAlerts(tables)
        return alerts
    }

    /// Months listed in an unaccrued-subsidy alert, at most (the rest are counted).
    static let unaccruedMonthsListedMax = 12

    /// A holder of a post of `group` with months the policy pays for and no subsidy accrued (issue 15: a
    /// leader missed for two years is caught by `payroll --catch-up`): one alert per holder and post, naming
    /// the months (those ended by `asOf`, in the last `lookBackYearsMax` years). A month counts as accrued
    /// when any funding source's share of it is; one the policy pays nothing for (no pay rule, a yearly
    /// policy outside December, a higher post paid instead) is not owed.
    func unaccruedSubsidyAlerts<T: TableTransaction & ~Copyable>(group: String, _ tables: borrowing Tables<T>) throws -> [Alert] {
        guard let lastFull = YearMonth(year: asOf.year, month: asOf.month).flatMap({ month in month.lastDay <= asOf ? month : month.previous }),
              let earliest = YearMonth(year: asOf.year - AlertsQuery.lookBackYearsMax, month: asOf.month) else { return [] }
        var alerts: [Alert] = []
        guard let unit = try tables.group(group)?.unit else { throw Rules.damaged("the group \(group) is missing") }
        for post in Post.allCases {
            for term in try tables.terms(group, post.rawValue) {
                let first = Swift.max(YearMonth(term.since), earliest)
                let last = Swift.min(term.ending.map { YearMonth($0.until) } ?? lastFull, lastFull)
                guard first <= last, let months = YearMonth.range(first, through: last, limit: AlertsQuery.lookBackYearsMax * 12 + 1) else { continue }
                let account = try tables.account(of: term.person)
                var missing: [YearMonth] = []
                var cite: Text?
                for month in months {
                    let accrued = FundingSource.allCases.contains { source in
                        account.contains(group: group, .init(post: post.rawValue, period: month.description, source: source.rawValue))
                    }
                    guard !accrued else { continue }
                    do {
                        let owed = try tables.subsidy(person: term.person, group: group, post: post.rawValue, period: month.description)
                        missing.append(month)
                        cite = cite ?? owed.citeText
                    } catch is RuleViolation {
                        continue
                    }
                }
                guard let firstMissing = missing.first, let cite else { continue }
                let listed = missing.prefix(AlertsQuery.unaccruedMonthsListedMax).map { Arg.date($0.description) }
                let shown: Arg = missing.count > listed.count
                    ? .text(Msg.payroll.monthsListed(["listed": .list(listed), "more": .number(missing.count - listed.count)])) : .list(listed)
                alerts.append(Alert(Msg.alerts.kind.subsidyNotAccrued, group: group, person: term.person,
                                    Msg.payroll.alertDetail(["person": .plain(term.person), "post": .code(post.rawValue, in: Msg.words.post), "group": .plain(group),
                                                             "count": .number(missing.count), "months": shown, "unit": .plain(unit),
                                                             "first": .plain(firstMissing.description)]),
                                    source: cite))
            }
        }
        return alerts
    }

    /// A village's or community's committee of the wrong size, vacant supervision seats for its population, and
    /// representatives for more or fewer households than the policy allows: for the villages and communities
    /// at or below `unit` that have recorded such posts or representatives (a ledger that does not keep them
    /// raises nothing), under the policy in force for the unit on `asOf`.
    func unitAlerts<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [Alert] {
        let units = try tables.villages(within: unit)
        var alerts: [Alert] = []
        let day = asOf.description
        for (unit, level) in units {
            let kind = level == .community ? "resident" : "village"
            let policy = try tables.composePolicies(PolicyTimeline.adopted(try tables.adoptionChain(unit: unit), on: asOf)
                                                    + [PolicyLibrary.floor(for: kind)], for: kind)
            func cite(_ source: String, _ section: String) -> Text { Cite.policy(source, policy.origin(section)) }
            func held(_ posts: [UnitPost]) throws -> (ever: Bool, now: [UnitTerm]) {
                var ever = false
                var now: [UnitTerm] = []
                for post in posts {
                    let terms = try tables.unitTerms(unit, post).filter { $0.since.description <= day }
                    ever = ever || !terms.isEmpty
                    now += terms.filter { term in term.ending.map { $0.until > asOf } ?? true }
                }
                return (ever, now)
            }
            let committee = try held([.committeeDirector, .committeeDeputyDirector, .committeeMember])
            if committee.ever, let size = policy.committee {
                let count = Int64(committee.now.count)
                if count < size.min || count > size.max {
                    alerts.append(Alert(Msg.alerts.kind.committeeSize, group: unit, person: nil,
                                        Msg.alerts.detail.committeeSize(["unit": .plain(unit), "count": .number(count), "min": .number(size.min), "max": .number(size.max)]),
                                        source: cite(size.source, "committee")))
                }
            }
            let supervision = try held([.supervisionDirector, .supervisionMember])
            // A committee or supervision term expired without an election: the end set at installation, or the
            // policy's years from the start (村民委员会组织法 (2018) Art. 11; 003_47d81f790fe2866f.txt 三(三)2: the
            // supervision committee's term is the village committee's).
            for term in committee.now + supervision.now {
                let expiry: LocalDate?
                let source: Text
                if let ends = term.termEnds {
                    (expiry, source) = (ends, AlertsQuery.byElectedTermSource)
                } else if let years = policy.termYears {
                    let year = term.since.year + Int(years.years)
                    expiry = LocalDate(year: year, month: term.since.month, day: min(term.since.day, LocalDate.daysIn(month: term.since.month, year: year)))
                    source = cite(years.source, "term")
                } else {
                    continue
                }
                guard let expiry, expiry <= asOf else { continue }
                alerts.append(Alert(Msg.alerts.kind.termExpired, group: unit, person: term.person,
                                    Msg.alerts.detail.unitTermEnded(["person": .plain(term.person), "post": .code(term.post.rawValue, in: Msg.words.post), "unit": .plain(unit),
                                                                     "since": .date(term.since.description), "expiry": .date(expiry.description)]),
                                    source: source))
            }
            let population = try tables.population(of: unit, on: asOf)
            if let rule = policy.supervision, supervision.ever || population != nil {
                let count = Int64(supervision.now.count)
                if let population {
                    let required = population.population < rule.populationThreshold ? rule.membersBelow : rule.membersFrom
                    if count < required {
                        alerts.append(Alert(Msg.alerts.kind.supervisionSeatsVacant, group: unit, person: nil,
                                            Msg.alerts.detail.supervisionVacant(["unit": .plain(unit), "population": .number(population.population), "count": .number(count),
                                                                                 "required": .number(required), "vacant": .number(required - count)]),
                                            source: cite(rule.source, "supervision")))
                    } else if count > required {
                        alerts.append(Alert(Msg.alerts.kind.supervisionCommitteeSize, group: unit, person: nil,
                                            Msg.alerts.detail.supervisionOver(["unit": .plain(unit), "population": .number(population.population), "count": .number(count),
                                                                               "required": .number(required)]),
                                            source: cite(rule.source, "supervision")))
                    }
                } else {
                    alerts.append(Alert(Msg.alerts.kind.supervisionCommitteeSize, group: unit, person: nil,
                                        Msg.alerts.detail.supervisionNoPopulation(["unit": .plain(unit), "count": .number(count), "below": .number(rule.membersBelow),
                                                                                   "threshold": .number(rule.populationThreshold), "from": .number(rule.membersFrom)]),
                                        source: cite(rule.source, "supervision")))
                }
                // A member whose yearly confidence votes fell short, still in the post (三(三)3: 终止其任职资格).
                if let keep = rule.confidenceKeep {
                    for member in supervision.now {
                        for year in member.since.year...asOf.year {
                            guard let vote = try tables.confidence(of: member.person, in: unit, year: year), vote.date <= asOf,
                                  vote.date >= member.since, !keep.isMet(vote.votesFor, of: vote.votesCast) else { continue }
                            alerts.append(Alert(Msg.alerts.kind.supervisionWithoutConfidence, group: unit, person: member.person,
                                                Msg.alerts.detail.withoutConfidence(["person": .plain(member.person), "for": .number(vote.votesFor), "cast": .number(vote.votesCast),
                                                                                     "year": .number(year), "date": .date(vote.date.description), "keep": keep.arg,
                                                                                     "minimum": .number(keep.minimum(of: vote.votesCast)),
                                                                                     "post": .code(member.post.rawValue, in: Msg.words.post)]),
                                                source: cite(rule.source, "supervision")))
                        }
                    }
                }
                if !supervision.now.contains(where: { $0.post == .supervisionDirector }) && !supervision.now.isEmpty {
                    alerts.append(Alert(Msg.alerts.kind.supervisionSeatsVacant, group: unit, person: nil,
                                        Msg.alerts.detail.noSupervisionDirector(["unit": .plain(unit)]), source: Rules.supervisionDirectorSource))
                }
            }
            if let range = policy.representatives {
                for (person, record) in try tables.representatives(of: unit) where record.isCurrent(on: asOf) {
                    if record.households > range.max || record.households < range.min {
                        alerts.append(Alert(Msg.alerts.kind.representativeHouseholds, group: record.group, person: person,
                                            Msg.alerts.detail.representativeHouseholds(["person": .plain(person), "households": .number(record.households),
                                                                                       "group": .plain(record.group), "min": .number(range.min), "max": .number(range.max)]),
                                            source: cite(range.source, "representatives")))
                    }
                }
            }
        }
        return alerts
    }

    /// Years whose 优秀 exceed the quota of the policy in force at the year's end, as the tables stand now: a
    /// grade is refused when it would exceed it, so this finds a later change (an office ended back-dated
    /// into the year, a correction) that pushed a year over (001_6bbac2880b66cfa6.txt (五)). For the units at
    /// or below `unit`, up to `asOf`'s year.
    func excellentQuotaAlerts<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [Alert] {
        var unitYears: [(unit: String, year: Int)] = []
        var seen: Set<String> = []
        var cache: [String: Bool] = [:]
        try tables.scan(StateTable.grades, from: [], limit: Rules.gradesScanMax) { key, _ in
            let parts = key.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let year = Int(String(decoding: parts[1], as: UTF8.self)) else {
                throw Rules.damaged("a key of \(StateTable.grades) is malformed")
            }
            let unit = String(decoding: parts[0], as: UTF8.self)
            guard year <= asOf.year, seen.insert(unit + "\u{0}" + String(year)).inserted else { return true }
            if let within = self.unit, !(try tables.unit(unit, isWithin: within, cache: &cache)) { return true }
            unitYears.append((unit, year))
            return true
        }
        var alerts: [Alert] = []
        for (unit, year) in unitYears {
            let quota = try ExcellentQuota.count(unit: unit, year: year, tables: tables)
            guard quota.excellent > 0, let someone = quota.graded.sorted().first,
                  let group = someone.split(separator: "\u{0}", maxSplits: 1).last.map(String.init),
                  let yearEnd = LocalDate(year: year, month: 12, day: 31) else { continue }
            let policy = try tables.policyInForce(group: group, on: min(yearEnd, asOf))
            guard let rule = policy.grades, let percent = rule.excellentMaxPercent, !quota.isWithin(percent: percent) else { continue }
            alerts.append(Alert(Msg.alerts.kind.excellentQuotaExceeded, group: unit, person: nil, quota.text(percent: percent),
                                source: Cite.policy(rule.source, policy.origin("grades"))))
        }
        return alerts
    }
}
