import CanonicalJSON
import EventLog
import Messages

/// A village's or community's own posts and register: its committee (村民委员会组织法 (2018) Art. 6: three to
/// seven members; 城市居民委员会组织法 (2018) Art. 7: five to nine), its supervision committee (Art. 32: not
/// members of the committee; 003_47d81f790fe2866f.txt 三(三): 3 members under 5,000 people, otherwise 5, one
/// director), its villager representatives (Art. 25: one for every 5-15 households; 三(四)) and its population.
extension Rules {
    static var committeeSource: Text { Cite.the("村民委员会组织法 (2018) Art. 6, 11", Msg.rules.why.committeeMembers) }
    static var supervisionSource: Text { Cite.the("村民委员会组织法 (2018) Art. 32 (村务监督委员会成员不得由村民委员会成员担任)") }
    static var supervisionDirectorSource: Text { Cite.the("003_47d81f790fe2866f.txt 三(三)1 (村务监督委员会成员由3至5人组成, 其中主任1名)") }

    /// The unit is a village or community; the person does not hold the post already; the committee and the
    /// supervision committee have one director each; no one sits on both (Art. 32).
    static func checkCommitteeInstallation(_ installed: CommitteeInstalled, date: LocalDate, tables: borrowing HookTables) throws {
        try requireVillageOrCommunity(installed.unit, tables: tables)
        guard installed.electionDay <= date else {
            throw RuleViolation(Msg.rules.name.installedBeforeElection,
                                Msg.rules.detail.installedBeforeElection(["date": .date(date.description), "election": .date(installed.electionDay.description)]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 11", Msg.rules.why.membersAreElected))
        }
        try unitNotices(installed, tables: tables)
        if let ends = installed.termEnds, ends <= date {
            throw RuleViolation(Msg.rules.name.termEndsBeforeItBegins,
                                Msg.rules.detail.termEndsBeforeItBegins(["date": .date(date.description), "ends": .date(ends.description)]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 19", Msg.rules.why.byElectedTerm))
        }
        let held = try tables.unitHoldings(of: installed.person).filter { $0.unit == installed.unit }
        if let same = held.first(where: { $0.post == installed.post }) {
            throw RuleViolation(Msg.rules.name.postAlreadyHeld,
                                Msg.rules.detail.unitPostAlreadyHeld(["person": .plain(installed.person), "post": .code(installed.post.rawValue, in: Msg.words.post),
                                                                      "unit": .plain(installed.unit), "since": .date(same.since.description), "seq": .number(same.installedBy)]),
                                source: committeeSource)
        }
        if let other = held.first(where: { $0.post.isSupervision != installed.post.isSupervision }) {
            throw RuleViolation(Msg.rules.name.onBothCommittees,
                                Msg.rules.detail.onBothCommittees(["person": .plain(installed.person), "post": .code(other.post.rawValue, in: Msg.words.post),
                                                                   "unit": .plain(installed.unit)]),
                                source: supervisionSource)
        }
        if installed.post == .committeeDirector || installed.post == .supervisionDirector,
           let director = try tables.unitHolders(installed.unit, installed.post).first {
            throw RuleViolation(Msg.rules.name.committeeHasADirector,
                                Msg.rules.detail.hasDirector(["person": .plain(director.person), "post": .code(installed.post.rawValue, in: Msg.words.post),
                                                              "unit": .plain(installed.unit), "since": .date(director.since.description)]),
                                source: installed.post == .committeeDirector ? committeeSource : supervisionDirectorSource)
        }
    }

    /// A committee's or supervision committee's election needs its notices, under the policy in force for the
    /// unit on election day (村民委员会组织法 (2018) Art. 14: the voter list at least 20 days before; Yao'an
    /// 三(二)3: the candidates 7 days), posted by the unit (`unit.notice.posted`) since the previous term of the
    /// post began. Returns the notices relied on.
    @discardableResult
    static func unitNotices(_ installed: CommitteeInstalled, tables: borrowing HookTables) throws -> [UInt64] {
        let (checks, relied, _) = try committeeNoticeChecks(installed, tables: tables)
        if let failed = checks.first(where: { !$0.passed }), let violation = failed.violation { throw violation }
        return relied
    }

    /// The notice checks of a committee's or supervision committee's election under the policy in force for the
    /// unit on election day (none where it sets no notice periods), the notices relied on, and that policy.
    static func committeeNoticeChecks<T: TableTransaction & ~Copyable>(_ installed: CommitteeInstalled, tables: borrowing Tables<T>) throws
        -> (checks: [DecisionCheck], relied: [UInt64], policy: Policy) {
        let policy = try tables.unitPolicyInForce(installed.unit, on: installed.electionDay)
        guard let rule = policy.notices else { return ([], [], policy) }
        let previousStart = try tables.unitTerms(installed.unit, installed.post).map(\.since).filter { $0 < installed.electionDay }.max()
        let (checks, relied) = try noticeChecks(at: installed.unit, electionDay: installed.electionDay, since: previousStart, rule: rule,
                                                cite: Cite.policy(rule.source, policy.origin("notices")), tables: tables)
        return (checks, relied, policy)
    }

    /// A committee's or supervision committee's election, as `explain` shows it: its notices (the ledger records
    /// no counts of these elections, which the unit's election committee runs under the province's rules).
    static func assessCommitteeElection<T: TableTransaction & ~Copyable>(_ installed: CommitteeInstalled, tables: borrowing Tables<T>) throws -> Assessment {
        let (checks, _, policy) = try committeeNoticeChecks(installed, tables: tables)
        var assessment = Assessment(decision: .committeeElection, group: installed.unit, person: installed.person, basis: installed.election ?? "",
                                    meeting: nil, date: installed.electionDay, policy: policy)
        assessment.unitPost = installed.post
        if policy.notices == nil {
            assessment.add(DecisionCheck(.noticeRule, .validity, passed: true, [.noRule(policies: policy.lineage)], source: Cite.the("村民委员会组织法 (2018) Art. 14")))
        }
        for check in checks { assessment.add(check) }
        return assessment
    }

    static func evolveCommitteeInstallation(_ installed: CommitteeInstalled, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        for earlier in Set(try unitNotices(installed, tables: tables)).sorted() where earlier < event.seq {
            try tables.put(StateTable.dependencies, key: StateTable.seqBytes(earlier) + StateTable.seqBytes(event.seq), value: [])
        }
        let term = UnitTerm(unit: installed.unit, post: installed.post, person: installed.person, since: event.effectiveDate,
                            installedBy: event.seq, termEnds: installed.termEnds)
        try tables.put(StateTable.unitRoster, key: term.rosterKey, value: term.bytes)
        try tables.put(StateTable.unitTenures, key: term.tenureKey, value: term.bytes)
    }

    static func checkCommitteeEnd(_ ended: CommitteeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        guard let term = try tables.unitHoldings(of: ended.person).first(where: { $0.unit == ended.unit && $0.post == ended.post }) else {
            throw RuleViolation(Msg.rules.name.postNotHeld,
                                Msg.rules.detail.doesNotHold(["person": .plain(ended.person), "post": .code(ended.post.rawValue, in: Msg.words.post), "unit": .plain(ended.unit)]),
                                source: Cite.the("Schemas/events/committee.ended.v1.schema.json", Msg.rules.why.postEndsOnce))
        }
        guard date >= term.since else {
            throw RuleViolation(Msg.rules.name.postEndsBeforeItBegan,
                                Msg.rules.detail.postEndsBeforeBegan(["date": .date(date.description), "start": .date(term.since.description)]),
                                source: Cite.the("Schemas/events/committee.ended.v1.schema.json", Msg.rules.why.postEndsAfterItBegan))
        }
    }

    static func evolveCommitteeEnd(_ ended: CommitteeEnded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard var term = try tables.unitHoldings(of: ended.person).first(where: { $0.unit == ended.unit && $0.post == ended.post }) else {
            throw damaged("\(ended.person) holds no \(ended.post.rawValue) of \(ended.unit) to end")
        }
        term.ending = UnitTerm.Ending(until: event.effectiveDate, reason: ended.reason, endedBy: event.seq)
        try tables.put(StateTable.unitRoster, key: term.rosterKey, value: term.bytes)
        try tables.put(StateTable.unitTenures, key: term.tenureKey, value: term.bytes)
    }

    /// A representative of a village or community, for one of its groups and at least one household, not one
    /// already (三(四)1: each stands for a number of households of the village).
    static func checkRepresentative(_ registered: RepresentativeRegistered, tables: borrowing HookTables) throws {
        try requireVillageOrCommunity(registered.unit, tables: tables)
        let source = Cite.the("村民委员会组织法 (2018) Art. 25; 003_47d81f790fe2866f.txt 三(四)1")
        guard let group = try tables.group(registered.group) else { throw damaged("the group \(registered.group) is missing") }
        var cache: [String: Bool] = [:]
        guard try tables.unit(group.unit, isWithin: registered.unit, cache: &cache) else {
            throw RuleViolation(Msg.rules.name.groupOfAnotherUnit,
                                Msg.rules.detail.groupBelongsTo(["group": .plain(registered.group), "owner": .plain(group.unit), "unit": .plain(registered.unit)]),
                                source: source)
        }
        guard registered.households > 0 else {
            throw RuleViolation(Msg.rules.name.representativeOfNoHousehold, Msg.rules.detail.noHouseholds(["person": .plain(registered.person)]), source: source)
        }
        if let current = try tables.representative(registered.person, of: registered.unit), current.ended == nil {
            throw RuleViolation(Msg.rules.name.alreadyARepresentative,
                                Msg.rules.detail.hasRepresented(["person": .plain(registered.person), "households": .number(current.households), "group": .plain(current.group),
                                                                 "since": .date(current.since.description)]),
                                source: source)
        }
    }

    static func evolveRepresentative(_ registered: RepresentativeRegistered, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = RepresentativeRecord(group: registered.group, households: registered.households, since: event.effectiveDate,
                                          registeredBy: event.seq, ended: nil)
        try tables.put(StateTable.representatives, key: StateTable.compound(registered.unit, registered.person), value: record.bytes)
    }

    static func checkRepresentativeEnd(_ ended: RepresentativeEnded, date: LocalDate, tables: borrowing HookTables) throws {
        guard let current = try tables.representative(ended.person, of: ended.unit), current.ended == nil, current.since <= date else {
            throw RuleViolation(Msg.rules.name.notARepresentative,
                                Msg.rules.detail.notARepresentative(["person": .plain(ended.person), "unit": .plain(ended.unit), "date": .date(date.description)]),
                                source: Cite.the("003_47d81f790fe2866f.txt 三(四)4", Msg.rules.why.representativeReplaced))
        }
    }

    static func evolveRepresentativeEnd(_ ended: RepresentativeEnded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard var record = try tables.representative(ended.person, of: ended.unit) else {
            throw damaged("\(ended.person) is no representative of \(ended.unit)")
        }
        record.ended = RepresentativeRecord.Ending(date: event.effectiveDate, reason: ended.reason)
        try tables.put(StateTable.representatives, key: StateTable.compound(ended.unit, ended.person), value: record.bytes)
    }

    /// A confidence vote is on a current supervision member of the unit, once a year, and possible.
    static func checkConfidence(_ vote: ConfidenceVoted, date: LocalDate, tables: borrowing HookTables) throws {
        try assessConfidence(vote, date: date, tables: tables).refuse()
        if let earlier = try tables.confidence(of: vote.person, in: vote.unit, year: Int(vote.year)) {
            throw RuleViolation(Msg.rules.name.alreadyVoted,
                                Msg.rules.detail.alreadyVoted(["person": .plain(vote.person), "year": .number(vote.year), "date": .date(earlier.date.description)]),
                                source: confidenceSource)
        }
    }

    static var confidenceSource: Text { Cite.the("003_47d81f790fe2866f.txt 三(三)3 (村务监督委员会成员年度测评信任票)") }

    /// A confidence vote, check by check: on a current supervision member of the unit, a possible tally
    /// (validity); whether the votes for reach what the policy in force on its date requires to keep the post
    /// (its outcome; 三(三)3: 信任票不过半数的, 终止其任职资格).
    static func assessConfidence<T: TableTransaction & ~Copyable>(_ vote: ConfidenceVoted, date: LocalDate, tables: borrowing Tables<T>) throws -> Assessment {
        let source = confidenceSource
        let policy = try tables.unitPolicyInForce(vote.unit, on: date)
        var assessment = Assessment(decision: .confidence, group: vote.unit, person: vote.person, basis: String(vote.year), meeting: nil, date: date, policy: policy)
        let member = try tables.unitHoldings(of: vote.person).first { $0.unit == vote.unit && $0.post.isSupervision && $0.since <= date }
        assessment.unitPost = member?.post
        assessment.add(DecisionCheck(.supervisionMember, passed: member != nil, [.supervisionPost(person: vote.person, unit: vote.unit, on: date, since: member?.since)],
                                     source: source,
                                     violation: RuleViolation(Msg.rules.name.notASupervisionMember,
                                                              Msg.rules.detail.noSupervisionPost(["person": .plain(vote.person), "unit": .plain(vote.unit), "date": .date(date.description)]),
                                                              source: source)))
        assessment.add(DecisionCheck(.tally, passed: vote.votesFor <= vote.votesCast,
                                     [.confidenceTally(for: vote.votesFor, cast: vote.votesCast)], source: source,
                                     violation: RuleViolation(Msg.rules.name.impossibleTally,
                                                              Msg.rules.detail.confidenceTally(["for": .number(vote.votesFor), "cast": .number(vote.votesCast)]),
                                                              source: source)))
        if let rule = policy.supervision, let keep = rule.confidenceKeep {
            assessment.add(DecisionCheck(.confidence, .outcome, passed: keep.isMet(vote.votesFor, of: vote.votesCast),
                                         [.share(of: .forOfCast, count: vote.votesFor, base: vote.votesCast, threshold: keep,
                                                 minimum: keep.minimum(of: vote.votesCast), reported: nil)],
                                         source: Cite.policy(rule.source, policy.origin("supervision"))))
        } else {
            assessment.add(DecisionCheck(.confidence, .outcome, passed: true, [.noRule(policies: policy.lineage)], source: source))
        }
        return assessment
    }

    static func evolveConfidence(_ vote: ConfidenceVoted, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = ConfidenceRecord(votesFor: vote.votesFor, votesCast: vote.votesCast, date: event.effectiveDate)
        try tables.put(StateTable.confidence, key: StateTable.compound(vote.unit, vote.person, String(vote.year)), value: record.bytes)
    }

    static func checkPopulation(_ recorded: UnitPopulationRecorded, tables: borrowing HookTables) throws {
        try requireVillageOrCommunity(recorded.unit, tables: tables)
    }

    static func evolvePopulation(_ recorded: UnitPopulationRecorded, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let record = UnitPopulation(population: recorded.population, households: recorded.households)
        try tables.put(StateTable.populations, key: StateTable.history(recorded.unit, date: event.effectiveDate, seq: event.seq), value: record.bytes)
    }

    static func requireVillageOrCommunity(_ unit: String, tables: borrowing HookTables) throws {
        guard let record = try tables.unit(unit) else { throw damaged("the unit \(unit) is missing") }
        guard record.level == .village || record.level == .community else {
            throw RuleViolation(Msg.rules.name.notAVillageOrCommunity,
                                Msg.rules.detail.unitLevel(["unit": .plain(unit), "level": .code(record.level.rawValue, in: Msg.words.unitLevel)]),
                                source: Cite.the("村民委员会组织法 (2018) Art. 2, 32; 城市居民委员会组织法 (2018) Art. 2"))
        }
    }
}

extension UnitPost {
    var isSupervision: Bool { self == .supervisionDirector || self == .supervisionMember }
}

/// A term of a village's or community's post (`gov.uroster`, keyed unit, post, since, seq; `gov.utenures`, keyed
/// person, since, seq).
struct UnitTerm: StoredRecord {
    /// When and why the term ended, and the event that ended it: as a group post's (`OfficeTerm.Ending`).
    typealias Ending = OfficeTerm.Ending
    static let format: UInt8 = 1
    var unit: String
    var post: UnitPost
    var person: String
    var since: LocalDate
    var installedBy: UInt64
    var termEnds: LocalDate?
    var ending: Ending?

    init(unit: String, post: UnitPost, person: String, since: LocalDate, installedBy: UInt64, termEnds: LocalDate?, ending: Ending? = nil) {
        self.unit = unit
        self.post = post
        self.person = person
        self.since = since
        self.installedBy = installedBy
        self.termEnds = termEnds
        self.ending = ending
    }

    func write(to out: inout RecordWriter) {
        out.text(unit)
        out.text(post.rawValue)
        out.text(person)
        out.date(since)
        out.u64(installedBy)
        out.optional(termEnds) { out, date in out.date(date) }
        out.optional(ending) { out, ending in
            out.date(ending.until)
            out.text(ending.reason.rawValue)
            out.u64(ending.endedBy)
        }
    }

    init(reading reader: inout RecordReader) throws {
        unit = try reader.text()
        post = try reader.vocabulary(UnitPost.self)
        person = try reader.text()
        since = try reader.date()
        installedBy = try reader.u64()
        termEnds = try reader.optional { try $0.date() }
        ending = try reader.optional { reader in
            Ending(until: try reader.date(), reason: try reader.vocabulary(EndReason.self), endedBy: try reader.u64())
        }
    }

    var rosterKey: [UInt8] { StateTable.interval([unit, post.rawValue], since: since.description, seq: installedBy) }
    var tenureKey: [UInt8] { StateTable.interval([person], since: since.description, seq: installedBy) }
}

/// A villager representative (`gov.reps`, keyed unit, person): the group and households represented, since
/// when, and whether and why they left.
struct RepresentativeRecord: StoredRecord {
    struct Ending: Equatable {
        var date: LocalDate
        var reason: EndReason
    }
    static let format: UInt8 = 1
    var group: String
    var households: Int64
    var since: LocalDate
    /// The event that registered the representative.
    var registeredBy: UInt64
    var ended: Ending?

    init(group: String, households: Int64, since: LocalDate, registeredBy: UInt64, ended: Ending?) {
        self.group = group
        self.households = households
        self.since = since
        self.registeredBy = registeredBy
        self.ended = ended
    }

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.u64(UInt64(bitPattern: households))
        out.date(since)
        out.u64(registeredBy)
        out.optional(ended) { out, ended in
            out.date(ended.date)
            out.text(ended.reason.rawValue)
        }
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        households = Int64(bitPattern: try reader.u64())
        since = try reader.date()
        registeredBy = try reader.u64()
        ended = try reader.optional { reader in Ending(date: try reader.date(), reason: try reader.vocabulary(EndReason.self)) }
    }

    /// A representative on `date`: registered by then, and not yet left.
    func isCurrent(on date: LocalDate) -> Bool { since <= date && (ended.map { $0.date > date } ?? true) }
}

/// A yearly confidence vote on a supervision member (`gov.confidence`, keyed unit, person, year).
struct ConfidenceRecord: StoredRecord {
    static let format: UInt8 = 1
    var votesFor: Int64
    var votesCast: Int64
    var date: LocalDate

    init(votesFor: Int64, votesCast: Int64, date: LocalDate) {
        self.votesFor = votesFor
        self.votesCast = votesCast
        self.date = date
    }

    func write(to out: inout RecordWriter) {
        out.u64(UInt64(bitPattern: votesFor))
        out.u64(UInt64(bitPattern: votesCast))
        out.date(date)
    }

    init(reading reader: inout RecordReader) throws {
        votesFor = Int64(bitPattern: try reader.u64())
        votesCast = Int64(bitPattern: try reader.u64())
        date = try reader.date()
    }
}

/// A village's or community's population from a date (`gov.upop`, keyed unit, date, seq).
struct UnitPopulation: StoredRecord {
    static let format: UInt8 = 1
    var population: Int64
    var households: Int64?

    init(population: Int64, households: Int64?) {
        self.population = population
        self.households = households
    }

    func write(to out: inout RecordWriter) {
        out.u64(UInt64(bitPattern: population))
        out.optional(households) { out, households in out.u64(UInt64(bitPattern: households)) }
    }

    init(reading reader: inout RecordReader) throws {
        population = Int64(bitPattern: try reader.u64())
        households = try reader.optional { Int64(bitPattern: try $0.u64()) }
    }
}

extension Tables where Transaction: ~Copyable {
    /// The policy in force for a village or community on `date`: its adoptions and those above it, over the
    /// statute floor for its kind (a community's is the residents' committee law's).
    func unitPolicyInForce(_ unit: String, on date: LocalDate) throws -> Policy {
        guard let record = try self.unit(unit) else { throw Rules.damaged("the unit \(unit) is missing") }
        let kind = record.level == .community ? "resident" : "village"
        return try composePolicies(PolicyTimeline.adopted(try adoptionChain(unit: unit), on: date) + [PolicyLibrary.floor(for: kind)], for: kind)
    }

    /// The villages and communities at or below `unit` (all of them when nil), in id order, from at most
    /// `QueryLimits.groupsMax` units read.
    func villages(within unit: String?) throws -> [(id: String, level: UnitLevel)] {
        var found: [(id: String, level: UnitLevel)] = []
        var cache: [String: Bool] = [:]
        try scan(StateTable.units, from: [], limit: QueryLimits.groupsMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let record = try UnitRecord(bytes: value, what: "the unit \(id)")
            guard record.level == .village || record.level == .community else { return true }
            if let unit, !(try self.unit(id, isWithin: unit, cache: &cache)) { return true }
            found.append((id, record.level))
            return true
        }
        return found
    }

    /// `person`'s posts of villages and communities now held (`gov.utenures`), by start date.
    func unitHoldings(of person: String) throws -> [UnitTerm] {
        try unitTerms(of: person).filter { $0.ending == nil }
    }

    func unitTerms(of person: String) throws -> [UnitTerm] {
        try unitTerms(StateTable.unitTenures, prefix: Array(person.utf8) + [0], limit: Rules.holdingsScanMax, what: "a post of \(person)")
    }

    /// The terms of `post` in `unit` (`gov.uroster`), by start date, at most `QueryLimits.intervalsPerPostMax`.
    func unitTerms(_ unit: String, _ post: UnitPost) throws -> [UnitTerm] {
        try unitTerms(StateTable.unitRoster, prefix: StateTable.office(unit, post.rawValue) + [0], limit: QueryLimits.intervalsPerPostMax,
                      what: "a term of \(post.rawValue) of \(unit)")
    }

    private func unitTerms(_ table: String, prefix: [UInt8], limit: Int, what: String) throws -> [UnitTerm] {
        var terms: [UnitTerm] = []
        try scan(table, from: prefix, limit: limit) { key, value in
            guard key.starts(with: prefix) else { return false }
            terms.append(try UnitTerm(bytes: value, what: what))
            return true
        }
        return terms
    }

    /// The current holders of `post` in `unit`.
    func unitHolders(_ unit: String, _ post: UnitPost) throws -> [UnitTerm] {
        try unitTerms(unit, post).filter { $0.ending == nil }
    }

    /// `person` as a representative of `unit`, if ever registered (the latest registration).
    func representative(_ person: String, of unit: String) throws -> RepresentativeRecord? {
        try get(StateTable.representatives, key: StateTable.compound(unit, person))
            .map { try RepresentativeRecord(bytes: $0, what: "the representative \(person) of \(unit)") }
    }

    /// The representatives of `unit` ever registered, by person id, at most `QueryLimits.linesMax`.
    func representatives(of unit: String) throws -> [(person: String, record: RepresentativeRecord)] {
        let prefix = Array(unit.utf8) + [0]
        var found: [(person: String, record: RepresentativeRecord)] = []
        try scan(StateTable.representatives, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            let person = String(decoding: key[prefix.count...], as: UTF8.self)
            found.append((person, try RepresentativeRecord(bytes: value, what: "the representative \(person) of \(unit)")))
            return true
        }
        return found
    }

    /// The confidence vote on `person` in `unit` for `year`, if any.
    func confidence(of person: String, in unit: String, year: Int) throws -> ConfidenceRecord? {
        try get(StateTable.confidence, key: StateTable.compound(unit, person, String(year)))
            .map { try ConfidenceRecord(bytes: $0, what: "the \(year) confidence vote on \(person) in \(unit)") }
    }

    /// `unit`'s population in force on `date`.
    func population(of unit: String, on date: LocalDate) throws -> UnitPopulation? {
        try floor(StateTable.populations, key: StateTable.historyCeiling(unit, date: date), prefix: StateTable.historyPrefix(unit))
            .map { try UnitPopulation(bytes: $0.value, what: "the population of \(unit)") }
    }
}
