import CanonicalJSON
import EventLog
import LMDB

extension Rules {
    // MARK: payout

    static func payout(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let person = string(data, "person")
        let amount = integer(data, "amountFen")
        let date = event.effectiveDate.description
        let line: MoneyLine
        // Read once: the checks below and the new line both use it. A replay computes the accounts at its
        // end (`GovernanceHook.finishReplay`), from the lines alone.
        var account = tables.mode == .append ? try tables.account(of: person) : MoneyAccount()

        switch event.type {
        case "subsidy.accrued":
            if tables.mode == .append { try checkAccrual(event, account: account, tables: tables) }
            line = MoneyLine(kind: "accrued", amountFen: amount, year: String(string(data, "period").prefix(4)), date: date, group: string(data, "group"),
                             accrual: .init(post: string(data, "post"), period: string(data, "period"), source: string(data, "fundingSource")))
        case "bonus.awarded":
            line = MoneyLine(kind: "bonus", amountFen: amount, year: String(integer(data, "year")), date: date, group: string(data, "group"))
        case "deduction.applied":
            if tables.mode == .append { try checkDeduction(event, tables: tables) }
            line = MoneyLine(kind: "deducted", amountFen: amount, year: String(integer(data, "year")), date: date, group: string(data, "group"))
        case "payment.made":
            if tables.mode == .append, case let owed = account.owed, amount > owed.fen {
                throw RuleViolation(rule: "payment of more than is owed",
                                    detail: "\(amount) fen to \(person), who is owed \(owed.fen) fen (\(owed.detail))", source: "")
            }
            let year = String(string(data, "period").prefix(4))
            try tables.put(StateTable.payments, StateTable.key(string(data, "payment")),
                           ["person": .string(person), "amountFen": .integer(amount), "reversed": false, "year": .string(year)])
            line = MoneyLine(kind: "paid", amountFen: amount, year: year, date: date, group: nil)
        default:  // payment.reversed
            let paymentKey = StateTable.key(string(data, "payment"))
            guard var payment = try tables.record(StateTable.payments, paymentKey), string(payment, "person") == person else {
                throw RuleViolation(rule: "unknown payment", detail: "\(string(data, "payment")) was not paid to \(person)", source: "")
            }
            guard payment["reversed"]?.boolValue != true else {
                throw RuleViolation(rule: "payment already reversed", detail: "\(string(data, "payment")) was reversed before", source: "")
            }
            payment.set("reversed", true)
            try tables.put(StateTable.payments, paymentKey, payment)
            line = MoneyLine(kind: "reversed", amountFen: integer(payment, "amountFen"), year: payment["year"]?.stringValue, date: date, group: nil)
        }
        try tables.addMoneyLine(line, person: person, seq: event.seq, to: &account)
    }

    /// Last day of a `YYYY-MM` month.
    static func endOfMonth(_ period: String) -> LocalDate? {
        guard let first = LocalDate(iso: period + "-01") else { return nil }
        return LocalDate(year: first.year, month: first.month, day: LocalDate.daysIn(month: first.month, year: first.year))
    }

    /// The subsidy a post pays per period under `pay`, before seniority and shares.
    static func rate(_ post: String, _ pay: Policy.Pay) -> Int64? {
        post == "group-leader" ? pay.groupLeaderFen : pay.groupMemberFen
    }

    /// The amount must be what the policy computes (002_133fd3ad279d9709.txt 三(三): 300 a month for a group
    /// leader, +50 a month per full year served, the higher post only; 000_19bdd15b88ce0110.txt 五(一): 1200 a
    /// year, county finance's share 50% for village groups).
    static func checkAccrual(_ event: RecordedEvent, account: MoneyAccount, tables: borrowing HookTables) throws {
        let data = event.data
        let person = string(data, "person")
        let group = string(data, "group")
        let post = string(data, "post")
        let period = string(data, "period")
        let source = string(data, "fundingSource")
        let amount = integer(data, "amountFen")
        let computed = try tables.subsidy(person: person, group: group, post: post, period: period)
        guard let share = computed.shares.first(where: { $0.source == source }) else {
            throw RuleViolation(rule: "funding source pays no share",
                                detail: "under \(computed.policy), \(computed.groupKind) groups' subsidies are paid by \(computed.shares.map { "\($0.source) \($0.percent)%" }.joined(separator: ", ")), not \(source)",
                                source: computed.cite)
        }
        guard amount == share.amountFen else {
            throw RuleViolation(rule: "subsidy differs from the policy",
                                detail: "\(amount) fen accrued for \(period); the policy computes \(share.amountFen) fen (\(computed.how), \(share.percent)% from \(source))",
                                source: computed.cite)
        }
        if account.contains(group: group, .init(post: post, period: period, source: source)) {
            throw RuleViolation(rule: "already accrued", detail: "\(person)'s \(post) subsidy of \(group) for \(period) from \(source) is already recorded", source: "")
        }
    }

    /// A deduction for 不称职 is the policy's share of the year's post subsidy (001_6bbac2880b66cfa6.txt (五): 20%).
    static func checkDeduction(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let person = string(data, "person")
        let group = string(data, "group")
        let year = integer(data, "year")
        let cited = integer(data, "cites")
        guard let grade = try tables.record(StateTable.personGrades, StateTable.compound(person, group, String(year))),
              integer(grade, "seq") == cited, string(grade, "grade") == "不称职" else {
            throw RuleViolation(rule: "deduction without a 不称职 grade",
                                detail: "event \(cited) is not \(person)'s 不称职 grade in \(group) for \(year)", source: "")
        }
        guard let yearEnd = LocalDate(year: Int(year), month: 12, day: 31) else { return }
        let policy = try tables.policyInForce(group: group, on: yearEnd)
        guard let rule = policy.unfitDeduction else {
            throw RuleViolation(rule: "no deduction rule", detail: "none of the policies in force (\(policy.lineage.joined(separator: ", "))) sets a deduction for 不称职", source: "")
        }
        let subsidy = try tables.moneyLines(of: person)
            .filter { $0.kind == "accrued" && $0.group == group && $0.year == String(year) }
            .reduce(Int64(0)) { $0 + $1.amountFen }
        let expected = subsidy * rule.percent / 100
        let amount = integer(data, "amountFen")
        guard amount == expected else {
            throw RuleViolation(rule: "deduction differs from the policy",
                                detail: "\(amount) fen deducted; \(rule.percent)% of the \(subsidy) fen post subsidy accrued for \(year) is \(expected) fen",
                                source: "\(rule.source) (\(policy.origin("deductions")))")
        }
    }

    // MARK: funds and assets

    static func fundsAndAssets(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let group = string(data, "group")
        switch event.type {
        case "expense.approved":
            try requirePassed(vote: string(data, "vote"), question: "expense", group: group, tables: tables)
            try tables.put(StateTable.approvals, StateTable.key(string(data, "approval")),
                           ["group": .string(group), "amountFen": .integer(integer(data, "amountFen")), "purpose": .string(string(data, "purpose"))])
        case "expense.paid":
            let amount = integer(data, "amountFen")
            var line: JSONObject = ["kind": "expense", "amountFen": .integer(amount), "date": .string(event.effectiveDate.description),
                                    "counterparty": .string(string(data, "payee"))]
            if let approval = data["approval"] { line.set("approval", approval) }
            try tables.put(StateTable.funds, StateTable.line(group, seq: event.seq), line)
            guard let approvalID = data["approval"]?.stringValue else {
                let policy = try tables.policyInForce(group: group, on: event.effectiveDate)
                if let rule = policy.approvals, rule.groupExpenseNeedsMeeting {
                    throw RuleViolation(rule: "expense without the approval the policy requires",
                                        detail: "\(amount) fen paid from \(group)'s fund with no approval; every group expense needs a group meeting's approval",
                                        source: "\(rule.source) (\(policy.origin("approvals")))")
                }
                return
            }
            guard let approval = try tables.record(StateTable.approvals, StateTable.key(approvalID)) else { return }
            let paid = try tables.sum(StateTable.expenses, of: approvalID) { $0["amountFen"]?.integerValue ?? 0 }
            guard paid + amount <= integer(approval, "amountFen") else {
                throw RuleViolation(rule: "expense exceeds its approval",
                                    detail: "\(approvalID) approved \(integer(approval, "amountFen")) fen; \(paid) fen already paid, \(amount) more asked", source: "")
            }
            try tables.put(StateTable.expenses, StateTable.line(approvalID, seq: event.seq), ["amountFen": .integer(amount)])
        case "asset.registered":
            try tables.put(StateTable.custody, StateTable.line(string(data, "asset"), seq: event.seq), [
                "custodian": .string(string(data, "custodian")), "status": "held", "date": .string(event.effectiveDate.description), "act": "registered",
            ])
            try tables.put(StateTable.assets, StateTable.key(string(data, "asset")), [
                "group": .string(group), "custodian": .string(string(data, "custodian")), "status": "held",
                "valueFen": .integer(integer(data, "valueFen")),
            ])
        case "custody.changed":
            var asset = try assetRecord(string(data, "asset"), tables: tables)
            guard string(asset, "custodian") == string(data, "from") else {
                throw RuleViolation(rule: "custody from someone who does not hold it",
                                    detail: "\(string(data, "asset")) is held by \(string(asset, "custodian")), not \(string(data, "from"))", source: "")
            }
            asset.set("custodian", .string(string(data, "to")))
            try tables.put(StateTable.assets, StateTable.key(string(data, "asset")), asset)
            try recordCustody(string(data, "asset"), asset, event: event, act: "custody changed", tables: tables)
        case "asset.transferred":
            var asset = try assetRecord(string(data, "asset"), tables: tables)
            let action = string(data, "action")
            let status = string(asset, "status")
            if action == "returned" {
                guard status == "leased" else {
                    throw RuleViolation(rule: "asset not leased", detail: "\(string(data, "asset")) is \(status), so it cannot be returned", source: "")
                }
            } else {
                guard status == "held" else {
                    throw RuleViolation(rule: "asset not held", detail: "\(string(data, "asset")) is already \(status)", source: "")
                }
                let policy = try tables.policyInForce(group: group, on: event.effectiveDate)
                if let rule = policy.approvals, rule.assetTransferNeedsMeeting, data["approval"] == nil {
                    throw RuleViolation(rule: "asset \(action) without the approval the policy requires",
                                        detail: "\(string(data, "asset")) of \(group) needs a meeting's approval to be \(action)", source: "\(rule.source) (\(policy.origin("approvals")))")
                }
            }
            asset.set("status", .string(action == "returned" ? "held" : action))
            try tables.put(StateTable.assets, StateTable.key(string(data, "asset")), asset)
            try recordCustody(string(data, "asset"), asset, event: event, act: action, tables: tables)
        default:  // handover.recorded
            try checkHandover(event, tables: tables)
        }
    }

    static func assetRecord(_ id: String, tables: borrowing HookTables) throws -> JSONObject {
        guard let asset = try tables.record(StateTable.assets, StateTable.key(id)) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(id) is not registered", source: "")
        }
        return asset
    }

    /// The vote decided `question` for `group` and passed: yes votes meet the decision threshold of those
    /// attending its meeting, under the policy in force on the meeting's date.
    static func requirePassed(vote id: String, question: String, group: String, tables: borrowing HookTables) throws {
        guard let vote = try tables.record(StateTable.votes, StateTable.key(id)),
              let meeting = try tables.record(StateTable.meetings, StateTable.key(string(vote, "meeting"))),
              let date = LocalDate(iso: string(meeting, "date")) else {
            throw RuleViolation(rule: "unknown reference", detail: "\(id) or its meeting is not registered", source: "")
        }
        guard string(vote, "question") == question else {
            throw RuleViolation(rule: "vote on another question", detail: "\(id) decided a \(string(vote, "question")) question, not \(question)", source: "")
        }
        let policy = try tables.policyInForce(group: group, on: date)
        guard let rule = policy.meeting else { return }
        let attending = integer(meeting, "attendingAdults")
        let yes = integer(vote, "yes")
        guard rule.decision.isMet(yes, of: attending) else {
            throw RuleViolation(rule: "the vote did not pass",
                                detail: "\(id): \(yes) yes of \(attending) attending; needs \(rule.decision) (\(rule.decision.minimum(of: attending)))",
                                source: "\(rule.source) (\(policy.origin("meeting")))")
        }
    }

    /// The outgoing side must hold the office (or have held it last) and the assets it hands over
    /// (村民委员会组织法 Art. 20; 000_19bdd15b88ce0110.txt 四(三)).
    static func checkHandover(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let data = event.data
        let group = string(data, "group")
        let outgoing = string(data, "outgoing")
        let incoming = string(data, "incoming")
        let key = StateTable.office(group, "group-leader")
        let current = try tables.holders(group, "group-leader", limit: 1).first.map { string($0, "person") }
        let last = try tables.record(StateTable.lastHolders, key).map { string($0, "person") }
        guard outgoing == current || outgoing == last else {
            throw RuleViolation(rule: "handover by someone who did not hold the office",
                                detail: "\(outgoing) is neither the group leader of \(group) (\(current ?? "none")) nor the last one (\(last ?? "none"))",
                                source: "村民委员会组织法 (2018) Art. 20; 000_19bdd15b88ce0110.txt 四(三)")
        }
        for item in (data["items"]?.arrayValue ?? []).compactMap(\.objectValue) {
            let assetID = string(item, "asset")
            var asset = try assetRecord(assetID, tables: tables)
            guard item["present"]?.boolValue == true else { continue }  // a missing asset is a fact the audit reports
            guard string(asset, "custodian") == outgoing else {
                throw RuleViolation(rule: "handing over an asset one does not hold",
                                    detail: "\(assetID) is held by \(string(asset, "custodian")), not \(outgoing)", source: "000_19bdd15b88ce0110.txt 四(三)")
            }
            asset.set("custodian", .string(incoming))
            try tables.put(StateTable.assets, StateTable.key(assetID), asset)
            try recordCustody(assetID, asset, event: event, act: "handed over", tables: tables)
        }
        var record = data
        record.set("date", .string(event.effectiveDate.description))
        try tables.put(StateTable.handovers, StateTable.line(group, seq: event.seq), record)
    }

    static func recordCustody(_ assetID: String, _ asset: JSONObject, event: RecordedEvent, act: String, tables: borrowing HookTables) throws {
        try tables.put(StateTable.custody, StateTable.line(assetID, seq: event.seq), [
            "custodian": asset["custodian"] ?? .null, "status": asset["status"] ?? .null,
            "date": .string(event.effectiveDate.description), "act": .string(act),
        ])
    }
}
