import CanonicalJSON
import EventLog
import Messages

/// Subsidies, bonuses, deductions and payments: each writes one line on the person's money account
/// (002_133fd3ad279d9709.txt 三(三); 000_19bdd15b88ce0110.txt 五; 001_6bbac2880b66cfa6.txt (五)).
extension Rules {
    /// The amount must be what the policy computes (002_133fd3ad279d9709.txt 三(三): 300 a month for a group
    /// leader, +50 a month per full year served, the higher post only; 000_19bdd15b88ce0110.txt 五(一): 1200 a
    /// year, county finance's share 50% for village groups), and not accrued before.
    static func checkAccrual(_ accrual: SubsidyAccrued, tables: borrowing HookTables) throws {
        let computed = try tables.subsidy(person: accrual.person, group: accrual.group, post: accrual.post.rawValue, period: accrual.period.description)
        try checkAccrued(computed, amountFen: accrual.amountFen, fundingSource: accrual.fundingSource.rawValue, tables: tables)
    }

    /// Version 2: a group's post (`group`) as version 1, or a village's or community's own post (`unit`).
    static func checkAccrual(_ accrual: SubsidyAccruedV2, tables: borrowing HookTables) throws {
        let source = Cite.the("Schemas/events/subsidy.accrued.v2.schema.json", Msg.rules.why.groupOrUnit)
        let computed: SubsidyComputation
        switch (accrual.group, accrual.unit, Post(rawValue: accrual.post.rawValue), UnitPost(rawValue: accrual.post.rawValue)) {
        case (let group?, nil, let post?, _):
            computed = try tables.subsidy(person: accrual.person, group: group, post: post.rawValue, period: accrual.period.description)
        case (nil, let unit?, _, let post?):
            computed = try tables.unitSubsidy(person: accrual.person, unit: unit, post: post, period: accrual.period.description)
        default:
            let places = [accrual.group.map { Msg.rules.detail.placeGroup(["group": .plain($0)]) }, accrual.unit.map { Msg.rules.detail.placeUnit(["unit": .plain($0)]) }]
                .compactMap { $0 }
            let named = places.dropFirst().reduce(places.first.map { Arg.text($0) } ?? "") { Arg.text(Msg.rules.detail.and(["first": $0, "second": .text($1)])) }
            throw RuleViolation(Msg.rules.name.postAndPlace,
                                Msg.rules.detail.postAndPlace(["post": .code(accrual.post.rawValue, in: Msg.words.post), "places": named]),
                                source: source)
        }
        try checkAccrued(computed, amountFen: accrual.amountFen, fundingSource: accrual.fundingSource.rawValue, tables: tables)
    }

    /// The accrued amount is the policy's share for the funding source, not accrued before.
    static func checkAccrued(_ computed: SubsidyComputation, amountFen: Int64, fundingSource source: String, tables: borrowing HookTables) throws {
        let (person, group, post, period) = (computed.person, computed.group, computed.post, computed.period)
        guard let share = computed.shares.first(where: { $0.source == source }) else {
            let shares = computed.shares.map { Arg.text(Msg.rules.detail.share(["source": .code($0.source, in: Msg.words.fundingSource), "percent": .number($0.percent)])) }
            throw RuleViolation(Msg.rules.name.fundingSourcePaysNoShare,
                                Msg.rules.detail.paidBy(["policy": .plain(computed.policy), "kind": .code(computed.groupKind, in: Msg.words.groupKind),
                                                         "shares": .list(shares), "source": .code(source, in: Msg.words.fundingSource)]),
                                source: computed.citeText)
        }
        guard amountFen == share.amountFen else {
            throw RuleViolation(Msg.rules.name.subsidyDiffers,
                                Msg.rules.detail.subsidyDiffers(["amount": .fen(amountFen), "period": .date(period), "computed": .fen(share.amountFen),
                                                                 "how": .text(computed.howText), "percent": .number(share.percent),
                                                                 "source": .code(source, in: Msg.words.fundingSource)]),
                                source: computed.citeText)
        }
        if try tables.account(of: person).contains(group: group, .init(post: post, period: period, source: source)) {
            throw RuleViolation(Msg.rules.name.alreadyAccrued,
                                Msg.rules.detail.alreadyAccrued(["person": .plain(person), "post": .code(post, in: Msg.words.post), "group": .plain(group),
                                                                 "period": .date(period), "source": .code(source, in: Msg.words.fundingSource)]),
                                source: Cite.said(Msg.rules.why.oneSubsidyPerPeriod, ["cite": .text(computed.citeText)]))
        }
    }

    /// A deduction for 不称职 cites that grade and is the policy's share of the year's post subsidy
    /// (001_6bbac2880b66cfa6.txt (五): 20%).
    static func checkDeduction(_ deduction: DeductionApplied, tables: borrowing HookTables) throws {
        let (person, group, year) = (deduction.person, deduction.group, deduction.year)
        guard let grade = try tables.grade(of: person, in: group, year: Int(year)), grade.seq == deduction.cites, grade.grade == .incompetent else {
            throw RuleViolation(Msg.rules.name.deductionWithoutGrade,
                                Msg.rules.detail.notTheUnfitGrade(["seq": .number(deduction.cites), "person": .plain(person), "group": .plain(group), "year": .number(year)]),
                                source: Cite.the("001_6bbac2880b66cfa6.txt (五)", Msg.rules.why.deductionFollowsGrade))
        }
        guard let yearEnd = LocalDate(year: Int(year), month: 12, day: 31) else { return }
        let policy = try tables.policyInForce(group: group, on: yearEnd)
        guard let rule = policy.unfitDeduction else {
            throw RuleViolation(Msg.rules.name.noDeductionRule, Msg.rules.detail.noDeductionRule(["policies": .ids(policy.lineage)]),
                                source: Cite.the(Msg.rules.why.principle2, Msg.rules.why.deductionNeedsPolicy))
        }
        let subsidy = try tables.moneyLines(of: person)
            .filter { $0.kind == .accrued && $0.group == group && $0.year == String(year) }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        let expected = subsidy * rule.percent / 100
        guard deduction.amountFen == expected else {
            throw RuleViolation(Msg.rules.name.deductionDiffers,
                                Msg.rules.detail.deductionDiffers(["amount": .fen(deduction.amountFen), "percent": .number(rule.percent), "subsidy": .fen(subsidy),
                                                                   "year": .number(year), "expected": .fen(expected)]),
                                source: Cite.policy(rule.source, policy.origin("deductions")))
        }
    }

    /// Payments never exceed what is owed.
    static func checkPayment(_ payment: PaymentMade, tables: borrowing HookTables) throws {
        let owed = try tables.owed(payment.person)
        if payment.amountFen > owed.fen {
            throw RuleViolation(Msg.rules.name.paymentOverOwed,
                                Msg.rules.detail.paymentOverOwed(["amount": .fen(payment.amountFen), "person": .plain(payment.person), "owed": .fen(owed.fen),
                                                                  "how": .text(owed.detail)]),
                                source: Cite.said(Msg.rules.why.paymentsSettle,
                                                  ["citations": .source("000_19bdd15b88ce0110.txt 五; 002_133fd3ad279d9709.txt 三(三); 001_6bbac2880b66cfa6.txt (五)")]))
        }
    }

    /// The payment reversed was made to the same person, and is reversed once.
    static func paymentToReverse(_ reversal: PaymentReversed, tables: borrowing HookTables) throws -> PaymentRecord {
        guard let payment = try tables.payment(reversal.payment), payment.person == reversal.person else {
            throw RuleViolation(Msg.rules.name.unknownPayment, Msg.rules.detail.notPaidTo(["payment": .plain(reversal.payment), "person": .plain(reversal.person)]),
                                source: Cite.the("Schemas/events/payment.reversed.v1.schema.json", Msg.rules.why.reversesPaymentToThatPerson))
        }
        guard !payment.reversed else {
            throw RuleViolation(Msg.rules.name.paymentAlreadyReversed, Msg.rules.detail.reversedBefore(["payment": .plain(reversal.payment)]),
                                source: Cite.the("Schemas/events/payment.reversed.v1.schema.json", Msg.rules.why.reversedOnce))
        }
        return payment
    }

    /// Writes the act's money line (and, for a payment, its record).
    static func evolvePayout(_ act: GovernanceAct, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let date = event.effectiveDate.description
        let person: String
        let line: MoneyLine
        switch act {
        case .subsidyAccrued(let accrual):
            person = accrual.person
            line = MoneyLine(kind: .accrued, amountFen: accrual.amountFen, year: String(accrual.period.year), date: date, group: accrual.group,
                             accrual: .init(post: accrual.post.rawValue, period: accrual.period.description, source: accrual.fundingSource.rawValue))
        case .subsidyAccruedV2(let accrual):
            person = accrual.person
            line = MoneyLine(kind: .accrued, amountFen: accrual.amountFen, year: String(accrual.period.year), date: date,
                             group: accrual.group ?? accrual.unit,
                             accrual: .init(post: accrual.post.rawValue, period: accrual.period.description, source: accrual.fundingSource.rawValue))
        case .bonusAwarded(let bonus):
            person = bonus.person
            line = MoneyLine(kind: .bonus, amountFen: bonus.amountFen, year: String(bonus.year), date: date, group: bonus.group)
        case .deductionApplied(let deduction):
            person = deduction.person
            line = MoneyLine(kind: .deducted, amountFen: deduction.amountFen, year: String(deduction.year), date: date, group: deduction.group)
        case .paymentMade(let payment):
            person = payment.person
            let record = PaymentRecord(person: person, amountFen: payment.amountFen, year: payment.period.year, reversed: false)
            try tables.put(StateTable.payments, key: StateTable.key(payment.payment), value: record.bytes)
            line = MoneyLine(kind: .paid, amountFen: payment.amountFen, year: String(record.year), date: date, group: nil)
        case .paymentReversed(let reversal):
            person = reversal.person
            guard var payment = try tables.payment(reversal.payment) else { throw damaged("the payment \(reversal.payment) is missing") }
            payment.reversed = true
            try tables.put(StateTable.payments, key: StateTable.key(reversal.payment), value: payment.bytes)
            line = MoneyLine(kind: .reversed, amountFen: payment.amountFen, year: String(payment.year), date: date, group: nil)
        default:
            preconditionFailure("evolvePayout is called for money acts only, not \(act.spec.type)")
        }
        try tables.addMoneyLine(line, person: person, seq: event.seq)
    }

    /// The subsidy a post pays per period under `pay`, before seniority and shares.
    static func rate(_ post: String, _ pay: Policy.Pay) -> Int64? {
        post == Post.groupLeader.rawValue ? pay.groupLeaderFen : pay.groupMemberFen
    }

    /// Last day of a `YYYY-MM` month.
    static func endOfMonth(_ period: String) -> LocalDate? {
        YearMonth(iso: period)?.lastDay
    }
}
