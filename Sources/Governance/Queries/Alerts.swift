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

    /// An alert whose words are not in the catalog yet: shown as written in both languages (the source's
    /// citations are still rendered in Chinese). Being replaced by catalog messages.
    init(kind: String, group: String, person: String?, detail: String, source: String) {
        self.init(Message(en: kind, zh: kind), group: group, person: person,
                  Text(Message(en: "{detail}", zh: "{detail}"), ["detail": .plain(detail)]),
                  source: Text(Message(en: "{source}", zh: "{source}"), ["source": .source(source)]))
    }

    public var kind: String { kindMessage.en }
    public var detail: String { detailText.rendered(.en) }
    public var source: String { sourceText.rendered(.en) }
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

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [Alert] {
        let groups = try tables.groups(within: unit).filter { $0.record.since <= asOf }
        var alerts: [Alert] = []
        let day = asOf.description
        for (group, record) in groups {
            let policy = try tables.policyInForce(group: group, on: asOf)
            func cite(_ source: String, _ section: String) -> String { "\(source) (\(policy.origin(section)))" }
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
                    alerts.append(Alert(kind: "term expired", group: group, person: holder.person,
                                        detail: "\(holder.person) has held \(holder.post) since \(holder.since); the term set at installation ended on \(ends) without an election",
                                        source: "村民委员会组织法 (2018) Art. 19 (a by-elected member's term ends with the sitting committee's), Art. 11"))
                    continue
                }
                guard let term = policy.termYears else { continue }
                guard let start = LocalDate(iso: holder.since), let expiry = LocalDate(year: start.year + Int(term.years), month: start.month,
                                                                                       day: min(start.day, LocalDate.daysIn(month: start.month, year: start.year + Int(term.years)))),
                      expiry <= asOf else { continue }
                alerts.append(Alert(kind: "term expired", group: group, person: holder.person,
                                    detail: "\(holder.person) has held \(holder.post) since \(holder.since); the \(term.years)-year term expired on \(expiry) without an election",
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
                    alerts.append(Alert(kind: "consecutive unfit years, still in office", group: group, person: holder.person,
                                        detail: "\(holder.person) was graded 不称职 for \(run) consecutive years (\(year - run + 1)-\(year)) and still holds \(holder.post); the source requires: \(grades.unfitRequires ?? "action after \(limit) such years")",
                                        source: "\(grades.source) (\(then.origin("grades")))"))
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
                    alerts.append(Alert(kind: "appraisal: too many 不称职 votes", group: group, person: holder.person,
                                        detail: "\(holder.person) received \(unfit) 不称职 votes of \(total) in the \(appraisal.year) appraisal on \(appraisal.date) (event \(appraisal.seq)), \(share) (\(share.minimum(of: Int64(total)))), and still holds \(holder.post); the source requires: \(rule.unfitRequires ?? "action")",
                                        source: "\(rule.source) (\(then.origin("appraisal")))"))
                }
            }
            // Recall deadlines and retries, under the recall rule in force on the petition's date: the vote held
            // within the policy's days of the petition (Henan Art. 42: 15 days), and a petition within the policy's
            // months of a failed vote on the same holder (one provincial text: not on the same grounds within 6
            // months; whether the grounds are the same is for people to judge, so this is an alert, not a refusal).
            for (id, petition, seq) in try tables.petitions(of: group) where petition.date <= asOf {
                let then = try tables.policyInForce(group: group, on: petition.date)
                guard let rule = then.recall else { continue }
                let cite = "\(rule.source) (\(then.origin("recall")))"
                let recallKey = StateTable.compound(group, petition.person)
                if let days = rule.voteWithinDays {
                    let due = LocalDate.dayNumber(petition.date) + days
                    if let vote = try tables.recallVote(on: id), vote.date <= asOf {
                        let late = LocalDate.dayNumber(vote.date) - due
                        if late > 0 {
                            alerts.append(Alert(kind: "late recall vote", group: group, person: petition.person,
                                                detail: "\(id) of \(petition.date) was voted on \(vote.date), \(late) day(s) after the \(days) days allowed", source: cite))
                        }
                    } else if LocalDate.dayNumber(asOf) > due {
                        alerts.append(Alert(kind: "no recall vote", group: group, person: petition.person,
                                            detail: "\(id) of \(petition.date) has had no recall vote; it was due within \(days) days", source: cite))
                    }
                }
                if let months = rule.failedRetryMonths, seq > 1,
                   let bytes = try tables.value(StateTable.recalls, key: recallKey, asOf: seq - 1) {
                    let earlier = try RecallRecord(bytes: bytes, what: "the recall vote about \(petition.person) in \(group)")
                    let apart = Rules.monthsBetween(earlier.date, petition.date)
                    if !earlier.passed, earlier.date <= petition.date, apart < Int(months) {
                        alerts.append(Alert(kind: "recall raised again", group: group, person: petition.person,
                                            detail: "\(id) of \(petition.date) comes \(apart) full month(s) after the failed recall vote of \(earlier.date) on \(earlier.petition); the same grounds may not be raised again within \(months) months: compare the two petitions' reasons (`grassroots trail`)",
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
                        alerts.append(Alert(kind: "no annual audit", group: group, person: nil,
                                            detail: "no annual economic-responsibility audit of \(group) covers \(year)",
                                            source: "\(required.source) (\(then.origin("audits")))"))
                    }
                }
            }
            // A leader changed without a departure audit or a handover, or with a late handover (the policy in
            // force on the day the office ended).
            for ended in intervals where ended.post == "group-leader" {
                guard let until = ended.until, let endDate = LocalDate(iso: until) else { continue }
                let policy = try tables.policyInForce(group: group, on: endDate)
                func cite(_ source: String, _ section: String) -> String { "\(source) (\(policy.origin(section)))" }
                if let required = policy.audits, required.departure,
                   !audits.contains(where: { $0.kind == .departure && $0.person == ended.person }) {
                    alerts.append(Alert(kind: "no departure audit", group: group, person: ended.person,
                                        detail: "\(ended.person) left group-leader on \(until); no departure audit is recorded", source: cite(required.source, "audits")))
                }
                // The handover clock (Art. 20: within 10 days of the new committee taking office) starts when
                // the successor takes office; while the post is vacant, what is due is the policy's vacancy rule.
                let made = handovers.first { $0.outgoing == ended.person }
                guard let rule = policy.handover else { continue }
                let successor = intervals.filter { $0.post == "group-leader" && $0.since >= until && !($0.person == ended.person && $0.since == ended.since) }
                    .min { $0.since < $1.since }
                let today = LocalDate.dayNumber(asOf)
                let due: (day: Int64, what: String)
                if let successor, let since = LocalDate(iso: successor.since) {
                    due = (LocalDate.dayNumber(since) + rule.withinDays,
                           "within \(rule.withinDays) days of \(successor.person) taking office on \(successor.since)")
                } else if let days = rule.vacancyWithinDays {
                    due = (LocalDate.dayNumber(endDate) + days,
                           "within \(days) days of leaving, to \(rule.vacancyTo ?? "the body the policy names"), while the post is vacant")
                } else {
                    continue
                }
                if let made {
                    let on = LocalDate.dayNumber(made.date)
                    if on > due.day {
                        alerts.append(Alert(kind: "late handover", group: group, person: ended.person,
                                            detail: "\(ended.person) left on \(until) and handed over on \(made.date), \(on - due.day) day(s) late (due \(due.what))",
                                            source: cite(rule.source, "handover")))
                    }
                } else if today > due.day {
                    alerts.append(Alert(kind: "no handover", group: group, person: ended.person,
                                        detail: "\(ended.person) left group-leader on \(until); no handover is recorded (due \(due.what))",
                                        source: cite(rule.source, "handover")))
                }
            }
            // The leader's post vacant: a leader left and no one has taken the post since (Art. 19: a vacancy is
            // filled by by-election; 000_19bdd15b88ce0110.txt 二(三): promptly).
            let leaders = intervals.filter { $0.post == "group-leader" }
            if !leaders.isEmpty, !leaders.contains(where: { $0.until == nil }),
               let last = leaders.compactMap({ $0.until }).max(), let left = LocalDate(iso: last) {
                alerts.append(Alert(kind: "leader post vacant", group: group, person: nil,
                                    detail: "\(group) has had no group leader since \(last) (\(LocalDate.dayNumber(asOf) - LocalDate.dayNumber(left)) days)",
                                    source: "村民委员会组织法 (2018) Art. 19 (a vacancy is filled by by-election); 000_19bdd15b88ce0110.txt 二(三) (缺额应及时进行补选)"))
            }
            // An expense paid without the approval the policy in force on its date required.
            for line in try FundsQuery(group: group, asOf: asOf).run(tables).unapproved {
                guard let paidOn = LocalDate(iso: line.date) else { continue }
                let then = try tables.policyInForce(group: group, on: paidOn)
                guard let approvals = then.approvals, approvals.groupExpenseNeedsMeeting else { continue }
                alerts.append(Alert(kind: "expense without approval", group: group, person: nil,
                                    detail: "event \(line.seq): \(line.amountFen) fen paid to \(line.counterparty) on \(line.date) with no approval",
                                    source: "\(approvals.source) (\(then.origin("approvals")))"))
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
                        alerts.append(Alert(kind: "finance disclosure missing", group: group, person: nil,
                                            detail: "no finance disclosure of \(group) was posted between \(start) and \(periodEnd)",
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
                        alerts.append(Alert(kind: "asset result not published", group: group, person: nil,
                                            detail: "\(asset) was \(entry.act) on \(entry.date); no notice of the result (results or decision) has been posted since",
                                            source: "\(rule.source) (\(then.origin("approvals")))"))
                    }
                }
            }
            // Group size outside the policy's range.
            if let size = policy.groupSize {
                if let households = try tables.size(of: group, on: asOf)?.households {
                    if let min = size.householdsMin, households < min {
                        alerts.append(Alert(kind: "group size", group: group, person: nil, detail: "\(households) households; the policy expects at least \(min)", source: cite(size.source, "groupSize")))
                    }
                    if let max = size.householdsMax, households > max {
                        alerts.append(Alert(kind: "group size", group: group, person: nil, detail: "\(households) households; the policy expects at most \(max)", source: cite(size.source, "groupSize")))
                    }
                }
                let members = Int64(current.count)
                if let min = size.membersMin, members < min {
                    alerts.append(Alert(kind: "group size", group: group, person: nil, detail: "\(members) members in office; the policy expects \(min) to \(size.membersMax.map(String.init) ?? "any")", source: cite(size.source, "groupSize")))
                }
                if let max = size.membersMax, members > max {
                    alerts.append(Alert(kind: "group size", group: group, person: nil, detail: "\(members) members in office; the policy expects at most \(max)", source: cite(size.source, "groupSize")))
                }
            }
        }
        alerts += try excellentQuotaAlerts(tables)
        alerts += try unitAlerts(tables)
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
            func cite(_ source: String, _ section: String) -> String { "\(source) (\(policy.origin(section)))" }
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
                    alerts.append(Alert(kind: "committee size", group: unit, person: nil,
                                        detail: "\(unit)'s committee has \(count) members in office; the policy requires \(size.min) to \(size.max)",
                                        source: cite(size.source, "committee")))
                }
            }
            let supervision = try held([.supervisionDirector, .supervisionMember])
            // A committee or supervision term expired without an election: the end set at installation, or the
            // policy's years from the start (村民委员会组织法 (2018) Art. 11; 003_47d81f790fe2866f.txt 三(三)2: the
            // supervision committee's term is the village committee's).
            for term in committee.now + supervision.now {
                let expiry: LocalDate?
                let source: String
                if let ends = term.termEnds {
                    (expiry, source) = (ends, "村民委员会组织法 (2018) Art. 19 (a by-elected member's term ends with the sitting committee's), Art. 11")
                } else if let years = policy.termYears {
                    let year = term.since.year + Int(years.years)
                    expiry = LocalDate(year: year, month: term.since.month, day: min(term.since.day, LocalDate.daysIn(month: term.since.month, year: year)))
                    source = cite(years.source, "term")
                } else {
                    continue
                }
                guard let expiry, expiry <= asOf else { continue }
                alerts.append(Alert(kind: "term expired", group: unit, person: term.person,
                                    detail: "\(term.person) has held \(term.post.rawValue) of \(unit) since \(term.since); the term ended on \(expiry) without an election",
                                    source: source))
            }
            let population = try tables.population(of: unit, on: asOf)
            if let rule = policy.supervision, supervision.ever || population != nil {
                let count = Int64(supervision.now.count)
                if let population {
                    let required = population.population < rule.populationThreshold ? rule.membersBelow : rule.membersFrom
                    if count < required {
                        alerts.append(Alert(kind: "supervision seats vacant", group: unit, person: nil,
                                            detail: "\(unit) (population \(population.population)) has \(count) supervision committee members in office; \(required) are required, \(required - count) seat(s) vacant",
                                            source: cite(rule.source, "supervision")))
                    } else if count > required {
                        alerts.append(Alert(kind: "supervision committee size", group: unit, person: nil,
                                            detail: "\(unit) (population \(population.population)) has \(count) supervision committee members in office; the policy sets \(required)",
                                            source: cite(rule.source, "supervision")))
                    }
                } else {
                    alerts.append(Alert(kind: "supervision committee size", group: unit, person: nil,
                                        detail: "\(unit) has \(count) supervision committee members and no population recorded, so the seats required cannot be judged (\(rule.membersBelow) under \(rule.populationThreshold) people, otherwise \(rule.membersFrom))",
                                        source: cite(rule.source, "supervision")))
                }
                // A member whose yearly confidence votes fell short, still in the post (三(三)3: 终止其任职资格).
                if let keep = rule.confidenceKeep {
                    for member in supervision.now {
                        for year in member.since.year...asOf.year {
                            guard let vote = try tables.confidence(of: member.person, in: unit, year: year), vote.date <= asOf,
                                  vote.date >= member.since, !keep.isMet(vote.votesFor, of: vote.votesCast) else { continue }
                            alerts.append(Alert(kind: "supervision member without confidence", group: unit, person: member.person,
                                                detail: "\(member.person) received \(vote.votesFor) votes of confidence of \(vote.votesCast) in the \(year) vote of \(vote.date), short of \(keep) (\(keep.minimum(of: vote.votesCast))), and still holds \(member.post.rawValue); the source requires the post to end (终止其任职资格)",
                                                source: cite(rule.source, "supervision")))
                        }
                    }
                }
                if !supervision.now.contains(where: { $0.post == .supervisionDirector }) && !supervision.now.isEmpty {
                    alerts.append(Alert(kind: "supervision seats vacant", group: unit, person: nil,
                                        detail: "\(unit)'s supervision committee has no director in office", source: Rules.supervisionDirectorSource))
                }
            }
            if let range = policy.representatives {
                for (person, record) in try tables.representatives(of: unit) where record.isCurrent(on: asOf) {
                    if record.households > range.max || record.households < range.min {
                        alerts.append(Alert(kind: "representative households", group: record.group, person: person,
                                            detail: "\(person) represents \(record.households) households of \(record.group); one representative stands for \(range.min) to \(range.max)",
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
            alerts.append(Alert(kind: "优秀 quota exceeded", group: unit, person: nil,
                                detail: "\(quota.excellent) 优秀 for \(year) in \(unit), which assessed \(quota.assessed) leaders (\(quota.how)); at most \(percent)%, i.e. \(quota.allowed(percent: percent))",
                                source: "\(rule.source) (\(policy.origin("grades")))"))
        }
        return alerts
    }
}
