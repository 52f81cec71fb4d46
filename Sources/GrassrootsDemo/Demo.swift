public import CanonicalJSON
import EventLog
import Governance

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

/// A deterministic generator of realistic histories (seeded), modelled on the seeds: a Jiayuguan-like city
/// (002_133fd3ad279d9709.txt: 2 subdistricts, 31 communities, 135 resident groups of 3-5 members, monthly pay
/// with seniority) and a Deqing-like county of villages and village groups (000_19bdd15b88ce0110.txt; one
/// town on Damao's plan, 001_6bbac2880b66cfa6.txt), with several years of elections, grades, payroll and
/// payments, group funds with approvals, audits, disclosures, a recall and its by-election, two 不称职 years
/// ending an office, and a departure with an incomplete handover. Every event it makes obeys the rules.
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

    /// An act on its effective date (`YYYY-MM-DD`), in the order it was made. `tag` names it for a later act
    /// to cite; `citing` is the tag of the act a deduction cites, whose seq is known once the acts are sorted.
    private struct Item {
        var date: String
        var order: Int
        var act: GovernanceAct
        var tag: String?
        var citing: String?
    }

    public let size: Size
    private var random: SplitMix64
    private var items: [Item] = []
    private var owed: [String: Int64] = [:]
    private var balances: [String: Int64] = [:]

    public init(seed: UInt64, size: Size = Size()) {
        // Its dates run from the year before `startYear` to the year after its last (grades, audits).
        precondition(LocalDate.yearRange.contains(size.startYear - 1) && LocalDate.yearRange.contains(size.startYear + size.years),
                     "a demo history's years are within LocalDate.yearRange")
        self.size = size
        random = SplitMix64(seed: seed)
    }

    private mutating func next() -> UInt64 { random.next() }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }

    /// Records `act` on `date`, keeping each group's fund balance (the incomplete handover falls short of it).
    private mutating func emit(_ act: some GovernanceEvent, _ date: String, tag: String? = nil) {
        switch act.act {
        case .fundReceived(let receipt): balances[receipt.group, default: 0] += receipt.amountFen
        case .expensePaid(let expense): balances[expense.group, default: 0] -= expense.amountFen
        case .expensePaidV2(let expense): balances[expense.group, default: 0] -= expense.amountFen
        default: break
        }
        items.append(Item(date: date, order: items.count, act: act.act, tag: tag))
    }

    /// Records a deduction citing the act tagged `tag`: its `cites` is set to that act's seq after sorting.
    private mutating func emit(_ deduction: DeductionApplied, _ date: String, citing tag: String) {
        items.append(Item(date: date, order: items.count, act: deduction.act, citing: tag))
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> String { "\(y)-\(two(m))-\(two(d))" }
    static func endOfMonth(_ y: Int, _ m: Int) -> String { day(y, m, LocalDate.daysIn(month: m, year: y)) }

    /// A date the generator makes up (its years are checked by `init`, its months and days are real).
    static func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
        guard let date = LocalDate(year: y, month: m, day: d) else { preconditionFailure("the demo made up \(day(y, m, d))") }
        return date
    }

    /// A month the generator makes up.
    static func month(_ y: Int, _ m: Int) -> YearMonth {
        guard let month = YearMonth(year: y, month: m) else { preconditionFailure("the demo made up \(y)-\(two(m))") }
        return month
    }

    /// The requests, in an order the ledger accepts, each with an idempotency key (`demo/N`).
    public mutating func generate() -> [JSONObject] {
        items = []
        owed = [:]
        balances = [:]
        city()
        county()
        let sorted = items.sorted { ($0.date, $0.order) < ($1.date, $1.order) }
        var seqOfTag: [String: UInt64] = [:]
        for (index, item) in sorted.enumerated() { if let tag = item.tag { seqOfTag[tag] = UInt64(index + 1) } }
        return sorted.enumerated().map { index, item -> JSONObject in
            var act = item.act
            if let tag = item.citing {
                guard case .deductionApplied(var deduction) = act, let seq = seqOfTag[tag] else {
                    preconditionFailure("a deduction of the demo cites \(tag), which no act of the demo is tagged with")
                }
                deduction.cites = seq
                act = deduction.act
            }
            var request: JSONObject = ["type": .string(act.spec.type), "effectiveDate": .string(item.date), "data": .object(act.event.payload),
                                       "idempotencyKey": .string("demo/\(index + 1)"), "actor": "demo"]
            if act.spec.schemaVersion > 1 { request.set("schemaVersion", .integer(Int64(act.spec.schemaVersion))) }
            return request
        }
    }

    // MARK: people and elections

    private mutating func registerPeople(_ group: String, count: Int, date: String) -> [String] {
        (1...count).map { n in
            let person = "person:" + group.dropFirst("group:".count) + "-\(n)"
            let (year, month, day) = (int(1960...1995), int(1...12), int(1...28))
            let sex: Sex = next() % 2 == 0 ? .female : .male
            // Version 2: a name, and the name, birth date and sex kept out of the chain (Schemas/PERSONAL.md).
            emit(PersonRegisteredV2(person: person, name: DemoNames.name(for: person), birthDate: DemoGenerator.date(year, month, day).description,
                                    sex: sex.rawValue, group: group, votingRights: true), date)
            return person
        }
    }

    /// A meeting, a vote for `person` and the installation, on `date`.
    private mutating func elect(_ person: String, post: Post, group: String, adults: Int, households: Int, date: String, tag: String) {
        let meeting = "meeting:\(tag)"
        // The voter list posted 21 days before, as the Deqing policy requires of group-leader elections
        // (000_19bdd15b88ce0110.txt 二(三); 村民委员会组织法 Art. 14: at least 20 days).
        if post == .groupLeader, let day = LocalDate(iso: date), let posted = day.adding(days: -21) {
            emit(NoticePosted(group: group, kind: .voterList, days: 21), posted.description)
        }
        let attending = adults * int(70...85) / 100
        emit(MeetingHeld(group: group, meeting: meeting, purpose: "选举", eligibleAdults: Int64(adults), attendingAdults: Int64(attending),
                         eligibleHouseholds: Int64(households), attendingHouseholds: Int64(households * 3 / 4)), date)
        emit(VoteTallied(group: group, vote: "vote:\(tag)", meeting: meeting, question: .election, ballotsCast: Int64(attending),
                         candidates: [.init(person: person, votes: Int64(attending * 3 / 4))]), date)
        emit(LeaderInstalled(group: group, person: person, post: post, vote: "vote:\(tag)"), date)
    }

    private mutating func pay(_ person: String, date: String, period: YearMonth) {
        guard let due = owed[person], due > 0 else { return }
        emit(PaymentMade(person: person, payment: "payment:\(person.dropFirst(7))-\(period)", amountFen: due, period: period), date)
        owed[person] = 0
    }

    // MARK: the city (002_133fd3ad279d9709.txt)

    private mutating func city() {
        let start = size.startYear
        emit(UnitRegistered(unit: "unit:jyg", name: "嘉峪关市", level: .city), "2020-01-01")
        emit(PolicyAdopted(unit: "unit:jyg", policy: "policy:jiayuguan-2020", document: "嘉峪关市居民小组建设实施方案(2020)"), "2020-01-01")
        let subdistricts = [("unit:jyg-xg", "雄关街道", 17, 80), ("unit:jyg-gc", "钢城街道", 14, 55)]
        let communityTotal = max(1, subdistricts.reduce(0) { $0 + $1.2 })
        for (unit, name, communities, groups) in subdistricts {
            emit(UnitRegistered(unit: unit, name: name, level: .subdistrict, parent: "unit:jyg"), "2020-01-01")
            let communityCount = max(1, communities * size.cityCommunities / communityTotal)
            let groupCount = max(1, groups * size.cityGroups / 135)
            for c in 1...communityCount {
                let community = "\(unit)-c\(DemoGenerator.two(c))"
                emit(UnitRegistered(unit: community, name: "\(name)第\(c)社区", level: .community, parent: unit), "2020-01-01")
            }
            for g in 0..<groupCount {
                let community = "\(unit)-c\(DemoGenerator.two(g % communityCount + 1))"
                let group = "group:" + community.dropFirst("unit:".count) + "-g\(g + 1)"
                let households = int(30...100)
                let adults = households * 2 + int(0...20)
                emit(GroupRegistered(group: group, unit: community, name: "第\(g + 1)居民小组", kind: .resident,
                                     households: Int64(households), adults: Int64(adults)), "2020-01-01")
                let members = int(3...5)
                let people = registerPeople(group, count: members + 1, date: "2020-01-01")
                let installed = DemoGenerator.day(start, 3, int(1...20))
                for (n, person) in people.prefix(members).enumerated() {
                    elect(person, post: n == 0 ? .groupLeader : .groupMember, group: group, adults: adults, households: households,
                          date: installed, tag: "\(group.dropFirst(6))-\(start)-\(n)")
                }
                // Monthly subsidies from the month after installation; paid quarterly.
                for year in start..<(start + size.years) {
                    for month in 1...12 where year > start || month > 3 {
                        for (n, person) in people.prefix(members).enumerated() {
                            let served = year - start - (month < 3 ? 1 : 0)
                            let amount = Int64((n == 0 ? 30_000 : 20_000) + 5_000 * max(0, served))
                            let period = DemoGenerator.month(year, month)
                            emit(SubsidyAccrued(person: person, group: group, post: n == 0 ? .groupLeader : .groupMember, period: period,
                                                amountFen: amount, fundingSource: .countyFinance, policy: "policy:jiayuguan-2020"),
                                 DemoGenerator.endOfMonth(year, month))
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
        emit(UnitRegistered(unit: "unit:dq", name: "德清县", level: .county), "2020-01-01")
        emit(PolicyAdopted(unit: "unit:dq", policy: "policy:deqing-2023", document: "德清县村(居)民小组长队伍建设指导意见"), "2023-01-01")
        for t in 1...size.countyTowns {
            let town = "unit:dq-t\(t)"
            let damao = t == 2
            emit(UnitRegistered(unit: town, name: "第\(t)镇", level: .town, parent: "unit:dq"), "2020-01-01")
            if damao { emit(PolicyAdopted(unit: town, policy: "policy:damao-2022"), "2023-01-01") }
            var leaders: [(group: String, person: String, spare: String, adults: Int, households: Int, assets: [String])] = []
            for v in 1...size.villagesPerTown {
                let village = "\(town)-v\(v)"
                emit(UnitRegistered(unit: village, name: "第\(v)村", level: .village, parent: town), "2020-01-01")
                for g in 1...size.groupsPerVillage {
                    let group = "group:" + village.dropFirst("unit:".count) + "-g\(g)"
                    let households = int(25...60)
                    let adults = households * 3 - int(0...10)
                    emit(GroupRegistered(group: group, unit: village, name: "第\(g)村民小组", kind: .village,
                                         households: Int64(households), adults: Int64(adults)), "2020-01-01")
                    let people = registerPeople(group, count: 4, date: "2020-01-01")
                    // The leader and the spare are villager representatives of the group, from whom Deqing's groups
                    // choose their leader (000_19bdd15b88ce0110.txt 二(三)).
                    for person in people.prefix(2) {
                        emit(RepresentativeRegistered(unit: village, person: person, group: group, households: Int64(households / 4)), "2020-01-01")
                    }
                    elect(people[0], post: .groupLeader, group: group, adults: adults, households: households,
                          date: DemoGenerator.day(start, 2, int(10...25)), tag: "\(group.dropFirst(6))-\(start)")
                    var assets: [String] = []
                    for (n, kind) in [AssetKind.equipment, .building].enumerated() {
                        let asset = "asset:\(group.dropFirst(6))-\(n + 1)"
                        emit(AssetRegistered(group: group, asset: asset, kind: kind, description: n == 0 ? "抽水机" : "仓库",
                                             valueFen: Int64(int(50...900) * 1_000), custodian: people[0]), DemoGenerator.day(start, 4, 1))
                        assets.append(asset)
                    }
                    emit(FundReceived(group: group, amountFen: Int64(int(100...800) * 1_000), source: "上年结余"), DemoGenerator.day(start - 1, 12, 31))
                    leaders.append((group, people[0], people[1], adults, households, assets))
                }
            }
            for year in start..<end {
                for (index, leader) in leaders.enumerated() {
                    let group = leader.group
                    // Funds: a receipt, an expense (approved by a meeting vote where Damao requires it).
                    emit(FundReceived(group: group, amountFen: Int64(int(200...600) * 1_000), source: "土地租金"), DemoGenerator.day(year, 3, 15))
                    let expense = Int64(int(50...150) * 1_000)
                    if damao && year >= 2023 {
                        let tag = "\(group.dropFirst(6))-\(year)-expense"
                        let attending = leader.adults * 4 / 5
                        emit(MeetingHeld(group: group, meeting: "meeting:\(tag)", purpose: "支出审批", eligibleAdults: Int64(leader.adults),
                                         attendingAdults: Int64(attending)), DemoGenerator.day(year, 5, 1))
                        emit(VoteTallied(group: group, vote: "vote:\(tag)", meeting: "meeting:\(tag)", question: .expense, ballotsCast: Int64(attending),
                                         yes: Int64(attending * 2 / 3), no: Int64(attending / 3)), DemoGenerator.day(year, 5, 1))
                        emit(ExpenseApproved(group: group, approval: "approval:\(tag)", vote: "vote:\(tag)", amountFen: expense, purpose: "修缮道路"),
                             DemoGenerator.day(year, 5, 1))
                        emit(ExpensePaidV2(group: group, approval: "approval:\(tag)", amountFen: expense, payee: "施工队"), DemoGenerator.day(year, 5, 20))
                        emit(DisclosurePosted(group: group, kind: .finance, periodStart: DemoGenerator.date(year, 1, 1), periodEnd: DemoGenerator.date(year, 12, 31)),
                             DemoGenerator.day(year, 12, 20))
                    } else {
                        emit(ExpensePaidV2(group: group, amountFen: expense, payee: "施工队"), DemoGenerator.day(year, 5, 20))
                    }
                    // Annual audit, except one group and year (an alert for the tour).
                    if !(t == 1 && index == 1 && year == start + 1) {
                        emit(AuditCompleted(group: group, kind: .annual, periodStart: DemoGenerator.date(year, 1, 1), periodEnd: DemoGenerator.date(year, 12, 31),
                                            auditor: "镇农经站"), DemoGenerator.day(year + 1, 1, 20))
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
                        for source in [FundingSource.countyFinance, .other] {
                            emit(SubsidyAccrued(person: leader.person, group: leader.group, post: .groupLeader, period: DemoGenerator.month(year, 12),
                                                amountFen: 60_000, fundingSource: source, policy: "policy:deqing-2023"), "\(year)-12-31")
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
                    emit(GradeAssigned(person: leader.person, group: leader.group, year: Int64(year), grade: unfit ? .incompetent : .competent, assessedBy: town),
                         DemoGenerator.day(year + 1, 1, 15), tag: tag)
                    if unfit && year >= 2023 {
                        // `cites` is the grade's seq, set once the history is sorted.
                        emit(DeductionApplied(person: leader.person, group: leader.group, year: Int64(year), amountFen: 24_000, cites: 0,
                                              reason: "年度考核不称职, 扣减20%"), DemoGenerator.day(year + 1, 1, 25), citing: tag)
                        owed[leader.person, default: 0] -= 24_000
                    }
                }
                for index in excellent {
                    emit(GradeAssigned(person: leaders[index].person, group: leaders[index].group, year: Int64(year), grade: .excellent, assessedBy: town),
                         DemoGenerator.day(year + 1, 1, 16))
                }
                for leader in leaders { pay(leader.person, date: DemoGenerator.day(year + 1, 2, 10), period: DemoGenerator.month(year, 12)) }
            }
            // Two consecutive 不称职 years end an office in the Damao town; a by-election follows.
            if damao && size.years >= 3 && leaders.count > 2 {
                let leader = leaders[2]
                let year = start + 3
                emit(OfficeEnded(group: leader.group, person: leader.person, post: .groupLeader, reason: .unfitTwoYears), DemoGenerator.day(year, 2, 1))
                byElection(leader.group, successor: leader.spare, adults: leader.adults, households: leader.households, year: year)
                emit(HandoverRecorded(group: leader.group, outgoing: leader.person, incoming: leader.spare, witnesses: [leader.spare],
                                      items: leader.assets.map { .init(asset: $0, present: true) }, cashFen: 0, balanceFen: 0),
                     DemoGenerator.day(year, 3, 10))
            }
            // A recall in town 1 (000_19bdd15b88ce0110.txt 二(三)): petition, investigation, vote; a by-election.
            if t == 1 && size.years >= 3, let leader = leaders.first {
                let year = start + 2
                let voters = Int64(leader.adults)
                emit(RecallPetitionedV3(group: leader.group, person: leader.person, petition: "petition:dq-t1-1", signatures: voters / 4,
                                      eligibleVoters: voters, reasons: "长期不履职, 账目不公开"), DemoGenerator.day(year, 3, 1))
                emit(InvestigationCompletedV2(group: leader.group, person: leader.person, petition: "petition:dq-t1-1", substantiated: true, findings: "属实"),
                     DemoGenerator.day(year, 3, 20))
                emit(MeetingHeld(group: leader.group, meeting: "meeting:dq-t1-recall", purpose: "罢免表决", eligibleAdults: voters, attendingAdults: voters * 3 / 4),
                     DemoGenerator.day(year, 4, 1))
                emit(RecallVoted(group: leader.group, person: leader.person, petition: "petition:dq-t1-1", meeting: "meeting:dq-t1-recall",
                                 eligibleVoters: voters, ballotsCast: voters * 3 / 4, approve: voters / 2), DemoGenerator.day(year, 4, 1))
                emit(OfficeEnded(group: leader.group, person: leader.person, post: .groupLeader, reason: .recalled), DemoGenerator.day(year, 4, 2))
                byElection(leader.group, successor: leader.spare, adults: leader.adults, households: leader.households, year: year, month: 5)
            }
            // A departure with an incomplete handover in town 3: an asset missing and the balance short.
            if t == 3 && size.years >= 2, let leader = leaders.first {
                let year = start + size.years - 1
                emit(ResignationSubmittedV2(group: leader.group, person: leader.person, reason: "外出务工"), DemoGenerator.day(year, 6, 1))
                emit(OfficeEnded(group: leader.group, person: leader.person, post: .groupLeader, reason: .resigned), DemoGenerator.day(year, 6, 30))
                emit(HandoverRecorded(group: leader.group, outgoing: leader.person, incoming: leader.spare, witnesses: [leader.spare],
                                      items: leader.assets.enumerated().map { n, asset in .init(asset: asset, present: n == 0) },
                                      cashFen: 0, balanceFen: (balances[leader.group] ?? 0) - 50_000),
                     DemoGenerator.day(year, 7, 8))
                emit(AuditCompleted(group: leader.group, kind: .departure, person: leader.person, periodStart: DemoGenerator.date(start, 1, 1),
                                    periodEnd: DemoGenerator.date(year, 6, 30), auditor: "县审计局", findings: "仓库未移交; 账户余额与账面不符"),
                     DemoGenerator.day(year, 7, 20))
            }
        }
    }

    private mutating func byElection(_ group: String, successor: String, adults: Int, households: Int, year: Int, month: Int = 3) {
        emit(ByelectionCalled(group: group, election: "election:\(group.dropFirst(6))-by-\(year)", post: .groupLeader), DemoGenerator.day(year, month, 1))
        elect(successor, post: .groupLeader, group: group, adults: adults, households: households, date: DemoGenerator.day(year, month, 5),
              tag: "\(group.dropFirst(6))-by-\(year)")
    }
}
