public import CanonicalJSON
import EventLog

/// A deterministic generator of realistic histories (seeded), modelled on the seeds: a Jiayuguan-like city
/// (002_133fd3ad279d9709.txt: 2 subdistricts, 31 communities, 135 resident groups of 3-5 members, monthly pay
/// with seniority) and a Deqing-like county of villages and village groups (000_19bdd15b88ce0110.txt; one
/// town on Damao's plan, 001_6bbac2880b66cfa6.txt), with several years of elections, grades, payroll and
/// payments, group funds with approvals, audits, disclosures, a recall and its by-election, two 不称职 years
/// ending an office, and a departure with an incomplete handover. Every event it makes obeys the rules.
/// SplitMix64: the generators' deterministic source of numbers (the same seed, the same history).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

public struct DemoGenerator {
    public struct Size: Sendable {
        public var startYear = 2022
        public var years = 4
        public var cityCommunities = 31
        public var cityGroups = 135
        public var countyTowns = 3
        public var villagesPerTown = 3
        public var groupsPerVillage = 4
        public init() {}
    }

    /// The group whose departing leader's handover is incomplete (the audit the tour shows).
    public static let incompleteHandoverGroup = "group:dq-t3-v1-g1"
    public static let incompleteHandoverLeader = "person:dq-t3-v1-g1-1"

    public let size: Size
    private var random: SplitMix64
    private var items: [(date: String, order: Int, request: JSONObject, tag: String?)] = []
    private var owed: [String: Int64] = [:]
    private var balances: [String: Int64] = [:]

    public init(seed: UInt64, size: Size = Size()) {
        self.size = size
        random = SplitMix64(seed: seed)
    }

    private mutating func next() -> UInt64 { random.next() }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }

    private mutating func emit(_ type: String, _ date: String, _ data: JSONObject, tag: String? = nil) {
        if let group = data["group"]?.stringValue, let amount = data["amountFen"]?.integerValue {
            if type == "fund.received" { balances[group, default: 0] += amount }
            if type == "expense.paid" { balances[group, default: 0] -= amount }
        }
        items.append((date, items.count, ["type": .string(type), "effectiveDate": .string(date), "data": .object(data)], tag))
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(two(m))-\(two(d))" }
    static func endOfMonth(_ y: Int, _ m: Int) -> String { day(y, m, LocalDate.daysIn(month: m, year: y)) }

    /// The requests, in an order the ledger accepts, each with an idempotency key (`demo/N`).
    public mutating func generate() -> [JSONObject] {
        items = []
        owed = [:]
        balances = [:]
        city()
        county()
        let sorted = items.sorted { ($0.date, $0.order) < ($1.date, $1.order) }
        var seqOfTag: [String: Int64] = [:]
        for (index, item) in sorted.enumerated() { if let tag = item.tag { seqOfTag[tag] = Int64(index + 1) } }
        return sorted.enumerated().map { index, item in
            var request = item.request
            if case .object(var data)? = request["data"], case .string(let tag)? = data["cites"] {
                data.set("cites", .integer(seqOfTag[tag] ?? 0))
                request.set("data", .object(data))
            }
            request.set("idempotencyKey", .string("demo/\(index + 1)"))
            request.set("actor", "demo")
            return request
        }
    }

    // MARK: people and elections

    private mutating func registerPeople(_ group: String, count: Int, date: String) -> [String] {
        (1...count).map { n in
            let person = "person:" + group.dropFirst("group:".count) + "-\(n)"
            emit("person.registered", date, ["person": .string(person), "birthDate": .string(DemoGenerator.day(int(1960...1995), int(1...12), int(1...28))),
                                             "sex": .string(next() % 2 == 0 ? "F" : "M"), "group": .string(group), "votingRights": true])
            return person
        }
    }

    /// A meeting, a vote for `person` and the installation, on `date`.
    private mutating func elect(_ person: String, post: String, group: String, adults: Int, households: Int, date: String, tag: String) {
        let meeting = "meeting:\(tag)"
        let attending = adults * int(70...85) / 100
        emit("meeting.held", date, ["group": .string(group), "meeting": .string(meeting), "purpose": "选举", "eligibleAdults": .integer(Int64(adults)),
                                    "attendingAdults": .integer(Int64(attending)), "eligibleHouseholds": .integer(Int64(households)),
                                    "attendingHouseholds": .integer(Int64(households * 3 / 4))])
        emit("vote.tallied", date, ["group": .string(group), "vote": .string("vote:\(tag)"), "meeting": .string(meeting), "question": "election",
                                    "ballotsCast": .integer(Int64(attending)), "candidates": [["person": .string(person), "votes": .integer(Int64(attending * 3 / 4))]]])
        emit("leader.installed", date, ["group": .string(group), "person": .string(person), "post": .string(post), "vote": .string("vote:\(tag)")])
    }

    private mutating func pay(_ person: String, date: String, period: String) {
        guard let due = owed[person], due > 0 else { return }
        emit("payment.made", date, ["person": .string(person), "payment": .string("payment:\(person.dropFirst(7))-\(period)"),
                                    "amountFen": .integer(due), "period": .string(period)])
        owed[person] = 0
    }

    // MARK: the city (002_133fd3ad279d9709.txt)

    private mutating func city() {
        let start = size.startYear
        emit("unit.registered", "2020-01-01", ["unit": "unit:jyg", "name": "嘉峪关市", "level": "city"])
        emit("policy.adopted", "2020-01-01", ["unit": "unit:jyg", "policy": "policy:jiayuguan-2020", "document": "嘉峪关市居民小组建设实施方案(2020)"])
        let subdistricts = [("unit:jyg-xg", "雄关街道", 17, 80), ("unit:jyg-gc", "钢城街道", 14, 55)]
        let communityTotal = max(1, subdistricts.reduce(0) { $0 + $1.2 })
        var groupIndex = 0
        for (unit, name, communities, groups) in subdistricts {
            emit("unit.registered", "2020-01-01", ["unit": .string(unit), "name": .string(name), "level": "subdistrict", "parent": "unit:jyg"])
            let communityCount = max(1, communities * size.cityCommunities / communityTotal)
            let groupCount = max(1, groups * size.cityGroups / 135)
            for c in 1...communityCount {
                let community = "\(unit)-c\(DemoGenerator.two(c))"
                emit("unit.registered", "2020-01-01", ["unit": .string(community), "name": .string("\(name)第\(c)社区"), "level": "community", "parent": .string(unit)])
            }
            for g in 0..<groupCount {
                groupIndex += 1
                let community = "\(unit)-c\(DemoGenerator.two(g % communityCount + 1))"
                let group = "group:" + community.dropFirst("unit:".count) + "-g\(g + 1)"
                let households = int(30...100)
                let adults = households * 2 + int(0...20)
                emit("group.registered", "2020-01-01", ["group": .string(group), "unit": .string(community), "name": .string("第\(g + 1)居民小组"),
                                                        "kind": "resident", "households": .integer(Int64(households)), "adults": .integer(Int64(adults))])
                let members = int(3...5)
                let people = registerPeople(group, count: members + 1, date: "2020-01-01")
                let installed = DemoGenerator.day(start, 3, int(1...20))
                for (n, person) in people.prefix(members).enumerated() {
                    elect(person, post: n == 0 ? "group-leader" : "group-member", group: group, adults: adults, households: households,
                          date: installed, tag: "\(group.dropFirst(6))-\(start)-\(n)")
                }
                // Monthly subsidies from the month after installation; paid quarterly.
                for year in start..<(start + size.years) {
                    for month in 1...12 where year > start || month > 3 {
                        for (n, person) in people.prefix(members).enumerated() {
                            let served = year - start - (month < 3 ? 1 : 0)
                            let amount = Int64((n == 0 ? 30_000 : 20_000) + 5_000 * max(0, served))
                            let period = "\(year)-\(DemoGenerator.two(month))"
                            emit("subsidy.accrued", DemoGenerator.endOfMonth(year, month), [
                                "person": .string(person), "group": .string(group), "post": .string(n == 0 ? "group-leader" : "group-member"),
                                "period": .string(period), "amountFen": .integer(amount), "fundingSource": "county-finance", "policy": "policy:jiayuguan-2020"])
                            owed[person, default: 0] += amount
                            if month % 3 == 0 { pay(person, date: DemoGenerator.day(year, month == 12 ? 12 : month + 1, month == 12 ? 31 : 10), period: period) }
                        }
                    }
                }
            }
        }
    }

    // MARK: the county (000_19bdd15b88ce0110.txt; town 2 on 001_6bbac2880b66cfa6.txt)

    private mutating func county() {
        let start = size.startYear
        let end = start + size.years
        emit("unit.registered", "2020-01-01", ["unit": "unit:dq", "name": "德清县", "level": "county"])
        emit("policy.adopted", "2023-01-01", ["unit": "unit:dq", "policy": "policy:deqing-2023", "document": "德清县村(居)民小组长队伍建设指导意见"])
        for t in 1...size.countyTowns {
            let town = "unit:dq-t\(t)"
            let damao = t == 2
            emit("unit.registered", "2020-01-01", ["unit": .string(town), "name": .string("第\(t)镇"), "level": "town", "parent": "unit:dq"])
            if damao { emit("policy.adopted", "2023-01-01", ["unit": .string(town), "policy": "policy:damao-2022"]) }
            var leaders: [(group: String, person: String, spare: String, adults: Int, households: Int, assets: [String])] = []
            for v in 1...size.villagesPerTown {
                let village = "\(town)-v\(v)"
                emit("unit.registered", "2020-01-01", ["unit": .string(village), "name": .string("第\(v)村"), "level": "village", "parent": .string(town)])
                for g in 1...size.groupsPerVillage {
                    let group = "group:" + village.dropFirst("unit:".count) + "-g\(g)"
                    let households = int(25...60)
                    let adults = households * 3 - int(0...10)
                    emit("group.registered", "2020-01-01", ["group": .string(group), "unit": .string(village), "name": .string("第\(g)村民小组"),
                                                            "kind": "village", "households": .integer(Int64(households)), "adults": .integer(Int64(adults))])
                    let people = registerPeople(group, count: 4, date: "2020-01-01")
                    elect(people[0], post: "group-leader", group: group, adults: adults, households: households,
                          date: DemoGenerator.day(start, 2, int(10...25)), tag: "\(group.dropFirst(6))-\(start)")
                    var assets: [String] = []
                    for (n, kind) in ["equipment", "building"].enumerated() {
                        let asset = "asset:\(group.dropFirst(6))-\(n + 1)"
                        emit("asset.registered", DemoGenerator.day(start, 4, 1), ["group": .string(group), "asset": .string(asset), "kind": .string(kind),
                                                                                  "description": .string(n == 0 ? "抽水机" : "仓库"), "valueFen": .integer(Int64(int(50...900) * 1_000)),
                                                                                  "custodian": .string(people[0])])
                        assets.append(asset)
                    }
                    emit("fund.received", DemoGenerator.day(start - 1, 12, 31), ["group": .string(group), "amountFen": .integer(Int64(int(100...800) * 1_000)), "source": "上年结余"])
                    leaders.append((group, people[0], people[1], adults, households, assets))
                }
            }
            for year in start..<end {
                for (index, leader) in leaders.enumerated() {
                    let group = leader.group
                    // Funds: a receipt, an expense (approved by a meeting vote where Damao requires it).
                    emit("fund.received", DemoGenerator.day(year, 3, 15), ["group": .string(group), "amountFen": .integer(Int64(int(200...600) * 1_000)), "source": "土地租金"])
                    let expense = Int64(int(50...150) * 1_000)
                    if damao && year >= 2023 {
                        let tag = "\(group.dropFirst(6))-\(year)-expense"
                        let attending = leader.adults * 4 / 5
                        emit("meeting.held", DemoGenerator.day(year, 5, 1), ["group": .string(group), "meeting": .string("meeting:\(tag)"), "purpose": "支出审批",
                                                                           "eligibleAdults": .integer(Int64(leader.adults)), "attendingAdults": .integer(Int64(attending))])
                        emit("vote.tallied", DemoGenerator.day(year, 5, 1), ["group": .string(group), "vote": .string("vote:\(tag)"), "meeting": .string("meeting:\(tag)"),
                                                                           "question": "expense", "ballotsCast": .integer(Int64(attending)), "yes": .integer(Int64(attending * 2 / 3)),
                                                                           "no": .integer(Int64(attending / 3))])
                        emit("expense.approved", DemoGenerator.day(year, 5, 1), ["group": .string(group), "approval": .string("approval:\(tag)"), "vote": .string("vote:\(tag)"),
                                                                               "amountFen": .integer(expense), "purpose": "修缮道路"])
                        emit("expense.paid", DemoGenerator.day(year, 5, 20), ["group": .string(group), "approval": .string("approval:\(tag)"), "amountFen": .integer(expense), "payee": "施工队"])
                        emit("disclosure.posted", DemoGenerator.day(year, 12, 20), ["group": .string(group), "kind": "finance", "periodStart": .string("\(year)-01-01"),
                                                                                  "periodEnd": .string("\(year)-12-31")])
                    } else {
                        emit("expense.paid", DemoGenerator.day(year, 5, 20), ["group": .string(group), "amountFen": .integer(expense), "payee": "施工队"])
                    }
                    // Annual audit, except one group and year (an alert for the tour).
                    if !(t == 1 && index == 1 && year == start + 1) {
                        emit("audit.completed", DemoGenerator.day(year + 1, 1, 20), ["group": .string(group), "kind": "annual", "periodStart": .string("\(year)-01-01"),
                                                                                   "periodEnd": .string("\(year)-12-31"), "auditor": "镇农经站"])
                    }
                }
                // Subsidies (Deqing: yearly, from 2023), grades and payment, for leaders in office all year.
                func servedAllYear(_ index: Int) -> Bool {
                    !(t == 1 && index == 0 && year >= start + 2 && size.years >= 3)        // recalled
                        && !(damao && index == 2 && year >= start + 3 && size.years >= 3)  // two 不称职 years
                        && !(t == 3 && index == 0 && year == start + size.years - 1)       // resigned
                }
                for (index, leader) in leaders.enumerated() where servedAllYear(index) {
                    if year >= 2023 {
                        for source in ["county-finance", "other"] {
                            emit("subsidy.accrued", "\(year)-12-31", ["person": .string(leader.person), "group": .string(leader.group), "post": "group-leader",
                                                                     "period": .string("\(year)-12"), "amountFen": 60_000, "fundingSource": .string(source), "policy": "policy:deqing-2023"])
                        }
                        owed[leader.person, default: 0] += 120_000
                    }
                }
                // Grades by the town, others first and 优秀 last (Damao's quota counts grades so far).
                var excellent: [Int] = []
                for (index, leader) in leaders.enumerated() where servedAllYear(index) {
                    let unfit = damao && index == 2 && year >= start + 1
                    if !unfit && index % 9 == 4 { excellent.append(index); continue }
                    let tag = "grade-\(leader.person)-\(year)"
                    emit("grade.assigned", DemoGenerator.day(year + 1, 1, 15), ["person": .string(leader.person), "group": .string(leader.group), "year": .integer(Int64(year)),
                                                                              "grade": .string(unfit ? "不称职" : "称职"), "assessedBy": .string(town)], tag: tag)
                    if unfit && year >= 2023 {
                        emit("deduction.applied", DemoGenerator.day(year + 1, 1, 25), ["person": .string(leader.person), "group": .string(leader.group), "year": .integer(Int64(year)),
                                                                                     "amountFen": 24_000, "cites": .string(tag), "reason": "年度考核不称职, 扣减20%"])
                        owed[leader.person, default: 0] -= 24_000
                    }
                }
                for index in excellent {
                    emit("grade.assigned", DemoGenerator.day(year + 1, 1, 16), ["person": .string(leaders[index].person), "group": .string(leaders[index].group),
                                                                              "year": .integer(Int64(year)), "grade": "优秀", "assessedBy": .string(town)])
                }
                for leader in leaders { pay(leader.person, date: DemoGenerator.day(year + 1, 2, 10), period: "\(year)-12") }
            }
            // Two consecutive 不称职 years end an office in the Damao town; a by-election follows.
            if damao && size.years >= 3 && leaders.count > 2 {
                let leader = leaders[2]
                let year = start + 3
                emit("office.ended", DemoGenerator.day(year, 2, 1), ["group": .string(leader.group), "person": .string(leader.person), "post": "group-leader", "reason": "unfit-two-years"])
                byElection(leader.group, successor: leader.spare, adults: leader.adults, households: leader.households, year: year)
                emit("handover.recorded", DemoGenerator.day(year, 3, 10), ["group": .string(leader.group), "outgoing": .string(leader.person), "incoming": .string(leader.spare),
                                                                         "witnesses": [.string(leader.spare)], "items": .array(leader.assets.map { ["asset": .string($0), "present": true] }),
                                                                         "cashFen": 0, "balanceFen": 0])
            }
            // A recall in town 1 (000_19bdd15b88ce0110.txt 二(三)): petition, investigation, vote; a by-election.
            if t == 1 && size.years >= 3, let leader = leaders.first {
                let year = start + 2
                let voters = Int64(leader.adults)
                emit("recall.petitioned", DemoGenerator.day(year, 3, 1), ["group": .string(leader.group), "person": .string(leader.person), "petition": "petition:dq-t1-1",
                                                                        "signatures": .integer(voters / 4), "eligibleVoters": .integer(voters), "reasons": "长期不履职, 账目不公开"])
                emit("investigation.completed", DemoGenerator.day(year, 3, 20), ["group": .string(leader.group), "person": .string(leader.person), "petition": "petition:dq-t1-1",
                                                                               "substantiated": true, "findings": "属实"])
                emit("meeting.held", DemoGenerator.day(year, 4, 1), ["group": .string(leader.group), "meeting": "meeting:dq-t1-recall", "purpose": "罢免表决",
                                                                   "eligibleAdults": .integer(voters), "attendingAdults": .integer(voters * 3 / 4)])
                emit("recall.voted", DemoGenerator.day(year, 4, 1), ["group": .string(leader.group), "person": .string(leader.person), "petition": "petition:dq-t1-1",
                                                                   "meeting": "meeting:dq-t1-recall", "eligibleVoters": .integer(voters), "ballotsCast": .integer(voters * 3 / 4),
                                                                   "approve": .integer(voters / 2)])
                emit("office.ended", DemoGenerator.day(year, 4, 2), ["group": .string(leader.group), "person": .string(leader.person), "post": "group-leader", "reason": "recalled"])
                byElection(leader.group, successor: leader.spare, adults: leader.adults, households: leader.households, year: year, month: 5)
            }
            // A departure with an incomplete handover in town 3: an asset missing and the balance short.
            if t == 3 && size.years >= 2, let leader = leaders.first {
                let year = start + size.years - 1
                emit("resignation.submitted", DemoGenerator.day(year, 6, 1), ["group": .string(leader.group), "person": .string(leader.person), "reason": "外出务工"])
                emit("office.ended", DemoGenerator.day(year, 6, 30), ["group": .string(leader.group), "person": .string(leader.person), "post": "group-leader", "reason": "resigned"])
                emit("handover.recorded", DemoGenerator.day(year, 7, 8), ["group": .string(leader.group), "outgoing": .string(leader.person), "incoming": .string(leader.spare),
                                                                        "witnesses": [.string(leader.spare)],
                                                                        "items": .array(leader.assets.enumerated().map { n, asset in ["asset": .string(asset), "present": .bool(n == 0)] }),
                                                                        "cashFen": 0, "balanceFen": .integer((balances[leader.group] ?? 0) - 50_000)])
                emit("audit.completed", DemoGenerator.day(year, 7, 20), ["group": .string(leader.group), "kind": "departure", "person": .string(leader.person),
                                                                       "periodStart": .string("\(start)-01-01"), "periodEnd": .string(DemoGenerator.day(year, 6, 30)),
                                                                       "auditor": "县审计局", "findings": "仓库未移交; 账户余额与账面不符"])
            }
        }
    }

    private mutating func byElection(_ group: String, successor: String, adults: Int, households: Int, year: Int, month: Int = 3) {
        emit("byelection.called", DemoGenerator.day(year, month, 1), ["group": .string(group), "election": .string("election:\(group.dropFirst(6))-by-\(year)"), "post": "group-leader"])
        elect(successor, post: "group-leader", group: group, adults: adults, households: households, date: DemoGenerator.day(year, month, 5),
              tag: "\(group.dropFirst(6))-by-\(year)")
    }
}
