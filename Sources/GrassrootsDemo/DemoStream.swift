public import CanonicalJSON
import EventLog
import Governance

/// A Jiayuguan-like city of any size (002_133fd3ad279d9709.txt: resident groups of 3-5 members, monthly pay
/// with seniority, paid quarterly), generated as a stream in effective-date order, holding only a few numbers
/// per group and per person, never the history. It is what the benchmarks import at millions of events; the
/// demo itself uses `DemoGenerator`, whose county has the recall, the grades and the incomplete handover.
///
/// Its ids start `unit:big`, `group:big-` and `person:big-`, so it can follow a `DemoGenerator` history in
/// the same ledger. Every event obeys the rules.
public struct CityStream {
    public struct Size: Sendable {
        public var startYear = 2022
        public var years = 4
        public var groups = 135
        /// Groups per community (a community is a unit under one of the two subdistricts).
        public var groupsPerCommunity = 5
        public init() {}
    }

    /// The most groups one stream makes (about 25 million events over 10 years).
    public static let groupsMax = 50_000
    /// Events a group makes in a full year: 4 members on average, 12 accruals and 4 payments each.
    public static let eventsPerGroupYear = 64

    public let size: Size
    private var random: SplitMix64
    private var members: [UInt8] = []      // per group: 3-5 office holders
    private var installedDay: [UInt8] = [] // per group: the day of March of the start year its election is held
    private var adults: [Int32] = []
    private var households: [Int32] = []
    private var owed: [Int64] = []         // per group × 5 (member slot): accrued and not yet paid
    private var emitted: Int = 0

    public init(seed: UInt64, size: Size) {
        precondition(size.groups >= 1 && size.groups <= CityStream.groupsMax, "a city stream has 1...\(CityStream.groupsMax) groups")
        precondition(size.years >= 1 && size.years <= 50, "a city stream spans 1...50 years")
        precondition(size.groupsPerCommunity >= 1, "a community has at least one group")
        self.size = size
        random = SplitMix64(seed: seed)
    }

    /// Groups that make about `events` events over `years` years.
    public static func groups(forEvents events: Int, years: Int) -> Int {
        min(groupsMax, max(1, events / (eventsPerGroupYear * max(1, years))))
    }

    private mutating func next() -> UInt64 { random.next() }
    private mutating func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }

    static func groupID(_ g: Int) -> String { "group:big-\(g / 1000)-\(g % 1000)" }
    static func personID(_ g: Int, _ n: Int) -> String { "person:big-\(g / 1000)-\(g % 1000)-\(n)" }
    /// Groups are numbered into communities in runs of `groupsPerCommunity`; communities alternate between the subdistricts.
    func communityID(_ g: Int) -> String {
        let community = g / size.groupsPerCommunity
        return "unit:big-\(CityStream.subdistricts[community % 2].suffix)-c\(community)"
    }
    static let subdistricts = [(suffix: "xg", name: "雄关街道"), (suffix: "gc", name: "钢城街道")]

    /// Calls `body` with every request, in effective-date order, each with an idempotency key
    /// (`big/N`); returns how many there were.
    @discardableResult
    public mutating func generate(_ body: (JSONObject) throws -> Void) throws -> Int {
        emitted = 0
        let groups = size.groups
        members = []
        installedDay = []
        adults = []
        households = []
        owed = [Int64](repeating: 0, count: groups * 5)
        func emit(_ act: some GovernanceEvent, _ date: String) throws { try self.emit(body, act, date) }
        // 2020-01-01: the city, its policy, two subdistricts, the communities, the groups and their people.
        let registered = "2020-01-01"
        try emit(UnitRegistered(unit: "unit:big", name: "大城市", level: .city), registered)
        try emit(PolicyAdopted(unit: "unit:big", policy: "policy:jiayuguan-2020", document: "嘉峪关市居民小组建设实施方案(2020)"), registered)
        for subdistrict in CityStream.subdistricts {
            try emit(UnitRegistered(unit: "unit:big-\(subdistrict.suffix)", name: subdistrict.name, level: .subdistrict, parent: "unit:big"), registered)
        }
        for g in 0..<groups {
            let community = communityID(g)
            if g % size.groupsPerCommunity == 0 {
                let c = g / size.groupsPerCommunity
                try emit(UnitRegistered(unit: community, name: "第\(c + 1)社区", level: .community,
                                        parent: "unit:big-\(CityStream.subdistricts[c % 2].suffix)"), registered)
            }
            let h = int(30...100)
            let a = h * 2 + int(0...20)
            members.append(UInt8(int(3...5)))
            installedDay.append(UInt8(int(1...20)))
            adults.append(Int32(a))
            households.append(Int32(h))
            try emit(GroupRegistered(group: CityStream.groupID(g), unit: community, name: "第\(g + 1)居民小组", kind: .resident,
                                     households: Int64(h), adults: Int64(a)), registered)
            for n in 0...Int(members[g]) {
                let (year, month, day) = (int(1960...1995), int(1...12), int(1...28))
                guard let birth = LocalDate(year: year, month: month, day: day) else { preconditionFailure("days 1-28 exist in every month") }
                let sex: Sex = next() % 2 == 0 ? .female : .male
                let person = CityStream.personID(g, n)
                try emit(PersonRegisteredV2(person: person, name: DemoNames.name(for: person), birthDate: birth.description, sex: sex.rawValue,
                                            group: CityStream.groupID(g), votingRights: true), registered)
            }
        }
        let start = size.startYear
        for year in start..<(start + size.years) {
            for month in 1...12 {
                // Day 10: the quarter just ended is paid.
                if [4, 7, 10].contains(month), let quarterEnd = YearMonth(year: year, month: month - 1) {
                    try payAll(period: quarterEnd, date: DemoGenerator.day(year, month, 10), body)
                }
                // March of the first year: every group elects its leader and members, by day.
                if year == start && month == 3 {
                    for day in 1...20 {
                        for g in 0..<groups where Int(installedDay[g]) == day { try elect(g, date: DemoGenerator.day(year, 3, day), body) }
                    }
                }
                guard year > start || month > 3 else { continue }
                // Month end: each holder's subsidy: 300 (leader) or 200 yuan, +50 a month per full year served.
                guard let period = YearMonth(year: year, month: month) else { preconditionFailure("the city's years are within LocalDate.yearRange") }
                let endOfMonth = DemoGenerator.endOfMonth(year, month)
                let served = year - start - (month < 3 ? 1 : 0)
                for g in 0..<groups {
                    for n in 0..<Int(members[g]) {
                        let amount = Int64((n == 0 ? 30_000 : 20_000) + 5_000 * max(0, served))
                        try emit(SubsidyAccrued(person: CityStream.personID(g, n), group: CityStream.groupID(g), post: n == 0 ? .groupLeader : .groupMember,
                                                period: period, amountFen: amount, fundingSource: .countyFinance, policy: "policy:jiayuguan-2020"),
                                 endOfMonth)
                        owed[g * 5 + n] += amount
                    }
                }
                if month == 12 { try payAll(period: period, date: endOfMonth, body) }
            }
        }
        return emitted
    }

    /// The request for `act` on `date`, as a line of NDJSON would carry it (`Schemas/append-request.v1.schema.json`).
    private mutating func emit(_ body: (JSONObject) throws -> Void, _ act: some GovernanceEvent, _ date: String) throws {
        emitted += 1
        var request: JSONObject = ["type": .string(type(of: act).type), "effectiveDate": .string(date), "data": .object(act.payload),
                                   "idempotencyKey": .string("big/\(emitted)"), "actor": "bench"]
        if type(of: act).schemaVersion > 1 { request.set("schemaVersion", .integer(Int64(type(of: act).schemaVersion))) }
        try body(request)
    }

    private mutating func elect(_ g: Int, date: String, _ body: (JSONObject) throws -> Void) throws {
        let group = CityStream.groupID(g)
        let attending = Int(adults[g]) * int(70...85) / 100
        for n in 0..<Int(members[g]) {
            let tag = "big-\(g)-\(n)"
            try emit(body, MeetingHeld(group: group, meeting: "meeting:\(tag)", purpose: "选举", eligibleAdults: Int64(adults[g]),
                                       attendingAdults: Int64(attending), eligibleHouseholds: Int64(households[g]),
                                       attendingHouseholds: Int64(households[g] * 3 / 4)), date)
            try emit(body, VoteTallied(group: group, vote: "vote:\(tag)", meeting: "meeting:\(tag)", question: .election, ballotsCast: Int64(attending),
                                       candidates: [.init(person: CityStream.personID(g, n), votes: Int64(attending * 3 / 4))]), date)
            try emit(body, LeaderInstalled(group: group, person: CityStream.personID(g, n), post: n == 0 ? .groupLeader : .groupMember,
                                           vote: "vote:\(tag)"), date)
        }
    }

    private mutating func payAll(period: YearMonth, date: String, _ body: (JSONObject) throws -> Void) throws {
        for g in 0..<size.groups {
            for n in 0..<Int(members[g]) where owed[g * 5 + n] > 0 {
                let person = CityStream.personID(g, n)
                try emit(body, PaymentMade(person: person, payment: "payment:big-\(g)-\(n)-\(period)", amountFen: owed[g * 5 + n], period: period), date)
                owed[g * 5 + n] = 0
            }
        }
    }
}
