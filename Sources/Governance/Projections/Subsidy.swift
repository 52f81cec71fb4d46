import CanonicalJSON
public import EventLog
public import Messages

/// What a policy pays one holder for one period: the total and each funding source's share.
public struct SubsidyComputation: Sendable {
    public struct Share: Sendable {
        public let source: String
        public let percent: Int64
        public let amountFen: Int64
    }
    public let person: String
    public let group: String
    public let post: String
    public let period: String
    public let policy: String
    public let groupKind: String
    public let totalFen: Int64
    public let shares: [Share]
    /// How the total was reached, in fen, as machines read it (payroll's JSON): "30000 fen a month for
    /// group-leader + 5000 × 1 full year served".
    public let how: String
    /// How the total was reached, as a person reads it: "300.00 yuan a month for group-leader + 50.00 yuan × 1
    /// full year served" / 小组长每月300.00元,另按任职满1年每年加50.00元.
    public let howText: Text
    /// The pay section's source and the policy.
    public let citeText: Text
    public var cite: String { citeText.rendered(.en) }
    /// True for a village's or community's own post: `group` then names the unit.
    public var isUnitPost = false

    /// The same computation with only `shares` (those not accrued yet).
    func with(shares: [Share]) -> SubsidyComputation {
        var copy = SubsidyComputation(person: person, group: group, post: post, period: period, policy: policy, groupKind: groupKind,
                                      totalFen: totalFen, shares: shares, how: how, howText: howText, citeText: citeText)
        copy.isUnitPost = isUnitPost
        return copy
    }
}

extension Tables where Transaction: ~Copyable {
    /// The subsidy `person` earns for `post` of `group` in `period` (YYYY-MM) under the policy in force on
    /// the period's last day. Throws a `RuleViolation` when nothing is due: no pay rule, not in office, a
    /// yearly policy outside the year's last month, no rate for the post, or a higher post that is the one paid.
    func subsidy(person: String, group: String, post: String, period: String) throws -> SubsidyComputation {
        guard let periodEnd = Rules.endOfMonth(period) else {
            throw RuleViolation(Msg.rules.name.badPeriod, Msg.rules.detail.notAMonth(["period": .plain(period)]),
                                source: Cite.the("Schemas/events/subsidy.accrued.v1.schema.json", Msg.rules.why.periodField))
        }
        let timeline = try policyTimeline(group: group)
        let policy = try composePolicies(timeline.ids(on: periodEnd), for: timeline.kind)
        let terms = try self.terms(of: person).filter { $0.group == group && $0.post.rawValue == post }
        return try computeSubsidy(
            person: person, place: group, post: post, period: period, periodEnd: periodEnd, kind: timeline.kind, policy: policy,
            noPaySource: Cite.all(Cite.the(Msg.rules.why.principle2, Msg.rules.why.payByPolicy),
                                  Cite.the("村民委员会组织法 (2018) Art. 24", Msg.rules.why.subsidyByPolicyAndMeeting)),
            periodSource: Cite.the("Schemas/events/subsidy.accrued.v1.schema.json", Msg.rules.why.periodField),
            spans: terms.map { ($0.since, $0.ending?.until) }) { Rules.rate(post, $0) }
    }

    /// What the two kinds of post share once the policy in force is known: the pay rule, the term held in the
    /// period (the latest that overlaps it), a yearly policy's month, the post's rate, the higher post only,
    /// seniority from that term's start and the funding shares of the group kind.
    private func computeSubsidy(person: String, place: String, post: String, period: String, periodEnd: LocalDate, kind: String, policy: Policy,
                                noPaySource: Text, periodSource: Text, spans: [(since: LocalDate, until: LocalDate?)],
                                rate: (Policy.Pay) -> Int64?) throws -> SubsidyComputation {
        guard let pay = policy.pay else {
            throw RuleViolation(Msg.rules.name.noPayRule,
                                Msg.rules.detail.noPayRule(["place": .plain(place), "date": .date(periodEnd.description), "policies": .ids(policy.lineage)]),
                                source: noPaySource)
        }
        let cite = Cite.policy(pay.source, policy.origin("pay"))
        guard let periodStart = LocalDate(year: periodEnd.year, month: periodEnd.month, day: 1) else {
            throw RuleViolation(Msg.rules.name.badPeriod, Msg.rules.detail.notAMonth(["period": .plain(period)]), source: periodSource)
        }
        guard let holding = spans.filter({ $0.since <= periodEnd && ($0.until.map { $0 >= periodStart } ?? true) }).max(by: { $0.since < $1.since }) else {
            if let later = spans.map(\.since).filter({ $0 > periodEnd }).min() {
                throw RuleViolation(Msg.rules.name.subsidyBeforeOffice,
                                    Msg.rules.detail.subsidyBeforeOffice(["period": .date(period), "person": .plain(person), "since": .date(later.description)]), source: cite)
            }
            throw RuleViolation(Msg.rules.name.notInOffice,
                                Msg.rules.detail.notInOfficeForSubsidy(["person": .plain(person), "post": .code(post, in: Msg.words.post), "place": .plain(place),
                                                                        "period": .date(period)]),
                                source: cite)
        }
        if pay.period == "year" && !period.hasSuffix("-12") {
            throw RuleViolation(Msg.rules.name.yearlySubsidyWrongMonth,
                                Msg.rules.detail.yearlyWrongMonth(["policy": .plain(policy.origin("pay")), "december": .date("\(period.prefix(4))-12"), "period": .date(period)]),
                                source: cite)
        }
        guard let base = rate(pay) else {
            throw RuleViolation(Msg.rules.name.noRateForPost, Msg.rules.detail.noRate(["policy": .plain(policy.origin("pay")), "post": .code(post, in: Msg.words.post)]),
                                source: cite)
        }
        if pay.highestPostOnly, let paid = try paidPost(of: person, from: periodStart, to: periodEnd, pay: pay), paid.place != place || paid.post != post {
            let payPeriod: Arg = .code(pay.period, in: Msg.words.payPeriod)
            throw RuleViolation(Msg.rules.name.higherPostOnly,
                                Msg.rules.detail.higherPostPaid(["person": .plain(person), "paidPost": .code(paid.post, in: Msg.words.post), "paidPlace": .plain(paid.place),
                                                                 "paidRate": .text(Msg.rules.detail.perPeriod(["amount": .fen(paid.rate), "period": payPeriod])),
                                                                 "post": .code(post, in: Msg.words.post), "place": .plain(place), "rate": .fen(base)]),
                                source: cite)
        }
        let fullYears = Int64(max(0, Rules.years(from: holding.since, to: periodEnd)))
        let seniority = pay.period == "month" ? pay.seniorityFenPerFullYear * fullYears : 0
        let total = base + seniority
        var how = "\(base) fen a \(pay.period) for \(post)"
        var howText = Msg.rules.detail.howBase(["amount": .fen(base), "period": .code(pay.period, in: Msg.words.payPeriod), "post": .code(post, in: Msg.words.post)])
        if seniority > 0 {
            how += " + \(pay.seniorityFenPerFullYear) × \(fullYears) full year\(fullYears == 1 ? "" : "s") served"
            howText = (fullYears == 1 ? Msg.rules.detail.howSeniorityYear : Msg.rules.detail.howSeniorityYears)(
                ["how": .text(howText), "step": .fen(pay.seniorityFenPerFullYear), "years": .number(fullYears)])
        }
        let shares = pay.fundingShares.filter { $0.groupKind == nil || $0.groupKind == kind }.map { share in
            SubsidyComputation.Share(source: share.fundingSource, percent: share.percent, amountFen: total * share.percent / 100)
        }
        return SubsidyComputation(person: person, group: place, post: post, period: period, policy: policy.origin("pay"), groupKind: kind,
                                  totalFen: total, shares: shares, how: how, howText: howText, citeText: cite)
    }
}

extension Tables where Transaction: ~Copyable {
    /// Where a policy pays the higher post only (002_133fd3ad279d9709.txt 三(三): 高位取酬, 不重复享受), the one post
    /// `person` is paid for in the period `from`...`to`: of every post held at some time in it, group posts and
    /// a village's or community's own posts alike, the best paid under `pay`; equal rates go to a village's or
    /// community's post first, then by place and post id, so that exactly one is paid. Nil when none has a rate.
    func paidPost(of person: String, from start: LocalDate, to end: LocalDate, pay: Policy.Pay) throws -> (place: String, post: String, rate: Int64)? {
        var candidates: [(place: String, post: String, rate: Int64, unit: Bool)] = []
        for term in try terms(of: person) where term.since <= end && (term.ending.map { $0.until >= start } ?? true) {
            if let rate = Rules.rate(term.post.rawValue, pay) { candidates.append((term.group, term.post.rawValue, rate, false)) }
        }
        for term in try unitTerms(of: person) where term.since <= end && (term.ending.map { $0.until >= start } ?? true) {
            if let rate = pay.unitPostsFen[term.post.rawValue] { candidates.append((term.unit, term.post.rawValue, rate, true)) }
        }
        return candidates.min { a, b in
            if a.rate != b.rate { return a.rate > b.rate }
            if a.unit != b.unit { return a.unit }
            return (a.place, a.post) < (b.place, b.post)
        }.map { ($0.place, $0.post, $0.rate) }
    }

    /// The subsidy `person` earns for a village's or community's own `post` of `unit` in `period`, under the
    /// policy in force for the unit on the period's last day (its adoptions and those above it, then the
    /// statute floor for its kind): the policy's rate for the post (002_133fd3ad279d9709.txt 三(三): deputy
    /// director and supervision director 500 a month, committee member 200), seniority, funding shares, and the
    /// higher post only. Throws a `RuleViolation` when nothing is due.
    func unitSubsidy(person: String, unit: String, post: UnitPost, period: String) throws -> SubsidyComputation {
        guard let periodEnd = Rules.endOfMonth(period) else {
            throw RuleViolation(Msg.rules.name.badPeriod, Msg.rules.detail.notAMonth(["period": .plain(period)]),
                                source: Cite.the("Schemas/events/subsidy.accrued.v2.schema.json", Msg.rules.why.periodField))
        }
        guard let record = try self.unit(unit) else {
            throw RuleViolation.unknownUnit(unit)
        }
        let kind = record.level == .community ? "resident" : "village"
        let policy = try composePolicies(PolicyTimeline.adopted(try adoptionChain(unit: unit), on: periodEnd) + [PolicyLibrary.floor(for: kind)], for: kind)
        let terms = try unitTerms(of: person).filter { $0.unit == unit && $0.post == post }
        var computation = try computeSubsidy(
            person: person, place: unit, post: post.rawValue, period: period, periodEnd: periodEnd, kind: kind, policy: policy,
            noPaySource: Cite.all(Cite.the(Msg.rules.why.principle2, Msg.rules.why.payByPolicy), Cite.the("村民委员会组织法 (2018) Art. 24")),
            periodSource: Cite.the("Schemas/events/subsidy.accrued.v2.schema.json", Msg.rules.why.periodField),
            spans: terms.map { ($0.since, $0.ending?.until) }) { $0.unitPostsFen[post.rawValue] }
        computation.isUnitPost = true
        return computation
    }
}

extension Tables where Transaction: ~Copyable {
    /// Whether `start` is `unit` or below it; answers are remembered in `cache` along the chain walked.
    func unit(_ start: String?, isWithin unit: String, cache: inout [String: Bool]) throws -> Bool {
        var chain: [String] = []
        var current = start
        var answer = false
        while let id = current, chain.count < StateTable.unitDepthMax {
            if let known = cache[id] {
                answer = known
                break
            }
            if id == unit {
                answer = true
                break
            }
            chain.append(id)
            current = try self.unit(id)?.parent
        }
        for id in chain { cache[id] = answer }
        return answer
    }
}

/// `grassroots payroll`: the accruals a period owes every office holder under a unit.
public enum Payroll {
    /// Months one catch-up covers, at most (twenty years).
    public static let catchUpMonthsMax = 240

    public struct Plan: Sendable {
        /// What is due and not yet accrued (a share already accrued is left out).
        public var accruals: [SubsidyComputation] = []
        /// Holders owed nothing for a period, and why.
        public var skipped: [(person: String, group: String, post: String, period: String, reason: String, refusal: RuleViolation)] = []
        /// Holders whose subsidy for a period is accrued already (by payroll, `record`, or an import): left as it is.
        public var alreadyAccrued: [(person: String, group: String, post: String, period: String)] = []
        /// The requests to append (one `SubsidyAccrued` per funding share, on the period's last day), each with an
        /// idempotency key, so a second run adds nothing.
        public func drafts(actor: String) throws -> [EventDraft] {
            try accruals.flatMap { computation in
                try computation.shares.map { share in
                    guard let period = YearMonth(iso: computation.period), let source = FundingSource(rawValue: share.source) else {
                        throw Rules.damaged("payroll computed \(computation.post) \(computation.period) \(share.source), outside the catalog's vocabularies")
                    }
                    let key = "payroll/\(computation.person)/\(computation.group)/\(computation.post)/\(computation.period)/\(share.source)"
                    do {
                        if computation.isUnitPost {
                            guard let post = AnyPost(rawValue: computation.post) else {
                                throw Rules.damaged("payroll computed the post \(computation.post), outside the catalog's vocabularies")
                            }
                            // A village's or community's own post accrues as subsidy.accrued version 2, naming the unit.
                            return try SubsidyAccruedV2(person: computation.person, unit: computation.group, post: post, period: period,
                                                        amountFen: share.amountFen, fundingSource: source, policy: computation.policy)
                                .draft(on: period.lastDay, actor: actor, idempotencyKey: key)
                        }
                        guard let post = Post(rawValue: computation.post) else {
                            throw Rules.damaged("payroll computed the post \(computation.post), outside the catalog's vocabularies")
                        }
                        let accrual = SubsidyAccrued(person: computation.person, group: computation.group, post: post, period: period,
                                                     amountFen: share.amountFen, fundingSource: source, policy: computation.policy)
                        return try accrual.draft(on: period.lastDay, actor: actor, idempotencyKey: key)
                    } catch let violation as RuleViolation {
                        throw violation
                    } catch {
                        throw Rules.damaged("payroll's accrual for \(computation.person) does not fit subsidy.accrued: \(error)")
                    }
                }
            }
        }
    }

    /// Who held a post at some time in `period`, each once, in the order of their terms.
    static func held(_ spans: [(person: String, since: LocalDate, until: LocalDate?)], in period: YearMonth) -> [String] {
        var seen = Set<String>()
        return spans.filter { $0.since <= period.lastDay && ($0.until.map { $0 >= period.firstDay } ?? true) }.map(\.person)
            .filter { seen.insert($0).inserted }
    }

    /// Computes what `periods` owe every holder of a post in a group, village or community under `unit`: for
    /// each month, those who held the post at some time in it (so a month missed in the past is owed to who
    /// held the post then), less what is accrued already.
    public static func plan(_ ledger: Ledger, unit: String, periods: [YearMonth]) throws -> Plan {
        precondition(periods.count <= catchUpMonthsMax, "a payroll covers at most \(catchUpMonthsMax) months")
        return try ledger.readTables { tables, _ in
            var plan = Plan()
            var accounts: [String: MoneyAccount] = [:]
            let groups = try tables.groups(within: unit).map(\.id)
            let villages = try tables.villages(within: unit).map(\.id)
            for period in periods {
                // (person, place, post) held in the period, and what the policy computes for it.
                var owed: [(person: String, place: String, post: String, computed: Result<SubsidyComputation, RuleViolation>)] = []
                for group in groups {
                    for post in Post.allCases.map(\.rawValue) {
                        let spans = try tables.terms(group, post).map { (person: $0.person, since: $0.since, until: $0.ending?.until) }
                        for person in Payroll.held(spans, in: period) {
                            do {
                                owed.append((person, group, post, .success(try tables.subsidy(person: person, group: group, post: post, period: period.description))))
                            } catch let reason as RuleViolation {
                                owed.append((person, group, post, .failure(reason)))
                            }
                        }
                    }
                }
                // The villages' and communities' own posts (committee, supervision committee) at or below the unit.
                for village in villages {
                    for post in UnitPost.allCases {
                        let spans = try tables.unitTerms(village, post).map { (person: $0.person, since: $0.since, until: $0.ending?.until) }
                        for person in Payroll.held(spans, in: period) {
                            do {
                                owed.append((person, village, post.rawValue, .success(try tables.unitSubsidy(person: person, unit: village, post: post, period: period.description))))
                            } catch let reason as RuleViolation {
                                owed.append((person, village, post.rawValue, .failure(reason)))
                            }
                        }
                    }
                }
                for (person, place, post, computed) in owed {
                    switch computed {
                    case .failure(let reason):
                        plan.skipped.append((person, place, post, period.description, reason.description, reason))
                    case .success(let computation):
                        if accounts[person] == nil { accounts[person] = try tables.account(of: person) }
                        guard let owner = accounts[person] else { preconditionFailure("loaded above") }
                        let due = computation.shares.filter { share in
                            !owner.contains(group: place, .init(post: post, period: period.description, source: share.source))
                        }
                        if due.isEmpty {
                            plan.alreadyAccrued.append((person, place, post, period.description))
                        } else {
                            plan.accruals.append(computation.with(shares: due))
                        }
                    }
                }
            }
            return plan
        }
    }
}
