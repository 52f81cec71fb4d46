public import CanonicalJSON
public import EventLog
public import Messages

/// Why an act is refused: the rule, the numbers, and where the rule comes from.
public struct RuleViolation: HookRefusal, CustomStringConvertible, Equatable {
    /// The rule broken, e.g. "quorum not met" / 未达到法定人数 (its English text is the stable name machines read).
    public let ruleMessage: Message
    /// The numbers and names involved, e.g. "19 of 30 adults attended; needs at least 2/3 (20)".
    public let detailText: Text
    /// The source: document and section, or statute article (and the policy that holds it); for a rule of
    /// the ledger itself, the schema or document that states it. Never empty.
    public let sourceText: Text

    public init(_ rule: Message, _ detail: Text, source: Text) {
        precondition(!source.rendered(.en).isEmpty, "a refusal names its source (\(rule.en))")
        self.ruleMessage = rule
        self.detailText = detail
        self.sourceText = source
    }

    /// The rule's stable (English) name.
    public var rule: String { ruleMessage.en }
    /// Damage to the stored state (`Rules.damaged`), not a rule an act broke.
    public var isDamage: Bool { ruleMessage.en == Msg.rules.name.damagedState.en }
    public var detail: String { detailText.rendered(.en) }
    public var source: String { sourceText.rendered(.en) }

    public var description: String { rendered(.en) }

    /// `rule: detail; source` in the reader's language.
    public func rendered(_ language: Language) -> String { text.rendered(language) }

    /// The whole refusal as one text: `rule: detail; source` / `rule:detail(依据:source)`.
    public var text: Text {
        Msg.errors.refusal(["rule": .text(Text(ruleMessage)), "detail": .text(detailText), "source": .text(sourceText)])
    }
}

/// The governance layer's tables (projections of the log, kept in the append's own transaction).
/// Values are typed binary records (`Codec.swift`, Schemas/STORAGE.md), except the canonical JSON objects of
/// `gov.persons`. Histories are keyed `entity 0x00 date seq` so that the state on a date is the greatest key
/// at or before it.
enum StateTable {
    static let units = "gov.units"          // unit → UnitRecord (binary): level, parent
    static let groups = "gov.groups"        // group → GroupRecord (binary): unit, kind, since
    static let sizes = "gov.sizes"          // group·date·seq → GroupSize (binary)
    static let persons = "gov.persons"      // person → PersonRecord
    static let residence = "gov.residence"  // person·date·seq → Residence (binary): group, voting rights
    static let adoptions = "gov.adoptions"  // unit·date·seq → AdoptionRecord (binary): the policy
    static let policies = "gov.policies"    // policy → the document of policy.defined (canonical JSON, policy.v2)
    static let appraisals = "gov.appraisals" // group 0x00 person·date·seq → AppraisalRecord (binary): votes by grade
    static let notices = "gov.notices"      // group·date·seq → NoticeRecord (binary): kind, election, days
    static let unitRoster = "gov.uroster"   // unit·post·since·seq → UnitTerm (binary): committee and supervision posts
    static let unitTenures = "gov.utenures" // person·since·seq → UnitTerm (binary): the same terms by person
    static let representatives = "gov.reps" // unit·person → RepresentativeRecord (binary): group, households, since, ended
    static let populations = "gov.upop"     // unit·date·seq → UnitPopulation (binary): population, households
    static let confidence = "gov.confidence" // unit·person·year → ConfidenceRecord (binary): votes for, votes cast, date
    static let petitionVotes = "gov.pvotes" // petition → RecallRecord (binary): the latest recall vote on that petition
    static let meetings = "gov.meetings"    // meeting → MeetingRecord (binary): group, date, attendance
    static let votes = "gov.votes"          // vote → VoteRecord (binary): group, meeting, date, question, ballots, the count
    static let petitions = "gov.petitions"  // petition → PetitionRecord (binary): group, person, date, signatures, voters, findings
    static let grades = "gov.grades"        // unit·year·person·group → GradeRecord (binary): grade, the event that gave it
    static let personGrades = "gov.pgrades" // person·group·year → GradeRecord (binary)
    static let lines = "gov.lines"          // person·seq → StoredLine (binary): one line per money event (accruals name post, period,
                                            // source) and the person's MoneyAccount after it; person 0x01 → seq + MoneyAccount: the
                                            // account an undo recomputed, with the latest line it counted
    static let payments = "gov.payments"    // payment → PaymentRecord (binary): person, amount, year, reversed
    static let approvals = "gov.approvals"  // approval → ApprovalRecord (binary): group, amount, purpose
    static let expenses = "gov.expenses"    // approval·seq → ExpenseRecord (binary): what was paid against it
    static let dependencies = "gov.deps"    // seq·dependentSeq → empty: the later event cites seq, or names what seq registered without listing it among its subjects
    static let status = "gov.status"        // seq → EventStatus (binary): corrected or retracted, by which event
    static let roster = "gov.roster"        // group·post·since·seq → OfficeTerm (binary): terms of office by start date (seq: the
                                            // installation); the open ones are the current holders
    static let tenures = "gov.tenures"      // person·since·seq → OfficeTerm (binary): the same terms by person
    static let funds = "gov.funds"          // group·seq → FundLine (binary): receipt or expense, amount, date, counterparty, approval
    static let custody = "gov.custody"      // asset·seq → CustodyEntry (binary): custody history
    static let discipline = "gov.discipline" // person·seq → DisciplineRecord (binary)
    static let handovers = "gov.handovers"  // group·seq → HandoverRecord (binary)
    static let audits = "gov.audits"        // group·seq → AuditRecord (binary)
    static let disclosures = "gov.disclosures" // group·seq → DisclosureRecord (binary)
    static let backfills = "gov.backfills"  // seq → BackfillRecord (binary): a declared backfill, the events it declares and why
    static let assets = "gov.assets"        // asset → AssetRecord (binary): group, custodian, status, value
    static let recalls = "gov.recalls"      // group·person → RecallRecord (binary): the latest recall vote, passed or not, and why
    static let all = [units, groups, sizes, persons, residence, adoptions, meetings, votes,
                      petitions, grades, personGrades, lines, payments, approvals, expenses, assets, recalls,
                      dependencies, status, roster, tenures, funds, custody, discipline, handovers, audits, disclosures, policies, appraisals, notices,
                      unitRoster, unitTenures, representatives, populations, confidence, petitionVotes, backfills]

    /// Parts joined by 0x00 (ids never contain control characters).
    static func compound(_ parts: String...) -> [UInt8] {
        var key: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { key.append(0) }
            key.append(contentsOf: part.utf8)
        }
        return key
    }

    /// Levels of units walked up from a group (county > town > village is 3).
    static let unitDepthMax = 16

    static func key(_ id: String) -> [UInt8] { Array(id.utf8) }

    static func history(_ id: String, date: LocalDate, seq: UInt64) -> [UInt8] {
        var key = Array(id.utf8)
        key.append(0)
        key.append(contentsOf: date.description.utf8)
        for shift in stride(from: 56, through: 0, by: -8) { key.append(UInt8(truncatingIfNeeded: seq >> UInt64(shift))) }
        return key
    }

    /// The largest history key of `id` on `date`: everything recorded for that date sorts at or below it.
    static func historyCeiling(_ id: String, date: LocalDate) -> [UInt8] {
        var key = Array(id.utf8)
        key.append(0)
        key.append(contentsOf: date.description.utf8)
        key.append(contentsOf: [UInt8](repeating: 0xFF, count: 8))
        return key
    }

    static func historyPrefix(_ id: String) -> [UInt8] { Array(id.utf8) + [0] }

    /// The history id of one person's appraisals in one group: `group 0x00 person`.
    static func appraisalSubject(_ group: String, _ person: String) -> String { group + "\u{0}" + person }


    /// A big-endian seq of exactly 8 bytes, or nil.
    static func readSeq(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count == 8 else { return nil }
        return bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    static func seqBytes(_ seq: UInt64) -> [UInt8] { (0..<8).reversed().map { UInt8(truncatingIfNeeded: seq >> UInt64($0 * 8)) } }
    /// `id 0x00 seq`: per-event entries of one entity, in log order.
    static func line(_ id: String, seq: UInt64) -> [UInt8] { Array(id.utf8) + [0] + seqBytes(seq) }
    /// `person 0x01`: the person's money account in `gov.lines`, right after the person's lines (`MoneyAccount`).
    static func account(_ person: String) -> [UInt8] { Array(person.utf8) + [1] }

    /// `group·post·since·seq` (roster) and `person·since·seq` (tenures): intervals sorted by start.
    static func interval(_ parts: [String], since: String, seq: UInt64) -> [UInt8] {
        var key: [UInt8] = []
        for part in parts { key += Array(part.utf8) + [0] }
        return key + Array(since.utf8) + seqBytes(seq)
    }

    static func office(_ group: String, _ post: String) -> [UInt8] { Array(group.utf8) + [0] + Array(post.utf8) }
    static func office(_ group: String, _ post: String, _ person: String) -> [UInt8] { office(group, post) + [0] + Array(person.utf8) }
}

/// Typed reads of the governance tables, in either kind of transaction.
extension Tables where Transaction: ~Copyable {
    /// A canonical JSON record (`gov.persons` is the one table that holds them).
    func record(_ table: String, _ key: [UInt8]) throws -> JSONObject? {
        guard let bytes = try get(table, key: key) else { return nil }
        guard case .object(let object) = try JSONParser.parse(bytes) else {
            throw Rules.damaged("\(table) holds a value that is not an object")
        }
        return object
    }

    /// The history entry of `id` in force on `date`.
    func state(_ table: String, of id: String, on date: LocalDate) throws -> [UInt8]? {
        try floor(table, key: StateTable.historyCeiling(id, date: date), prefix: StateTable.historyPrefix(id))?.value
    }

    /// The group's size in force on `date`.
    func size(of group: String, on date: LocalDate) throws -> GroupSize? {
        try state(StateTable.sizes, of: group, on: date).map { try GroupSize(bytes: $0, what: "the size of \(group)") }
    }

    /// Where `person` lived, and with what voting rights, on `date`.
    func residence(of person: String, on date: LocalDate) throws -> Residence? {
        try state(StateTable.residence, of: person, on: date).map { try Residence(bytes: $0, what: "the residence of \(person)") }
    }

    /// The policy in force for `group` on `date`: the latest adoption at or before the date by the group's
    /// unit or the nearest unit above it; the statute floor for the group's kind when none adopted one.
    func policyInForce(group: String, on date: LocalDate) throws -> Policy {
        let timeline = try policyTimeline(group: group)
        return try composePolicies(timeline.ids(on: date), for: timeline.kind)
    }

    /// The policies `ids` composed for groups of `kind` (village, resident): a policy whose `appliesTo` leaves
    /// that kind out is passed over, so that a resident-group policy adopted by a unit that also has village
    /// groups does not govern them (each document names the kinds it governs).
    func composePolicies(_ ids: [String], for kind: String) throws -> Policy {
        // Built-ins are resolved from the process's cache; a defined policy is read from the tables once per
        // transaction (every accrual asks), remembered until a policy is defined.
        let applicable = try ids.filter { id in
            if PolicyLibrary.builtIn.documents[id] != nil { return try PolicyLibrary.builtIn.resolve(id).appliesTo.contains(kind) }
            return try memo.value("policy-resolved\u{0}" + id, readFrom: [StateTable.policies]) {
                PolicyBox(try policyLibrary(reaching: [id]).resolve(id))
            }.policy.appliesTo.contains(kind)
        }
        return try composePolicies(applicable.isEmpty ? [PolicyLibrary.floor(for: kind)] : applicable)
    }

    /// The policies `ids` composed section by section (nearest first): built-ins from the program, the rest
    /// from the documents `policy.defined` recorded (`gov.policies`), each with the policies it extends.
    /// Compositions of built-ins alone are cached for the process; others for the transaction.
    func composePolicies(_ ids: [String]) throws -> Policy {
        guard try ids.contains(where: { try definedPolicy($0) != nil }) else { return try PolicyLibrary.builtIn.composeBuiltIns(ids) }
        return try memo.value("policy-compose\u{0}" + ids.joined(separator: "\u{0}"), readFrom: [StateTable.policies]) {
            let library = try policyLibrary(reaching: ids)
            return PolicyBox(Policy.compose(try ids.map { try library.resolve($0) }))
        }.policy
    }

    /// The document `policy.defined` recorded for `id`, if any.
    func definedPolicy(_ id: String) throws -> JSONObject? {
        guard PolicyLibrary.builtIn.documents[id] == nil else { return nil }
        return try record(StateTable.policies, StateTable.key(id))
    }

    /// A library of the built-in policies and the defined ones `ids` name or extend, at most
    /// `PolicyLibrary.extendsDepthMax` deep each.
    func policyLibrary(reaching ids: [String]) throws -> PolicyLibrary {
        var documents = PolicyLibrary.builtIn.documents
        for id in ids {
            var next: String? = id
            var depth = 0
            while let current = next, documents[current] == nil, depth < PolicyLibrary.extendsDepthMax {
                guard let document = try definedPolicy(current) else { break }
                documents[current] = document
                next = document["extends"]?.stringValue
                depth += 1
            }
        }
        return PolicyLibrary(documents: documents)
    }

    /// Which policies can govern `group`, read once per transaction (every accrual asks): remembered until a
    /// group, unit or adoption is written.
    func policyTimeline(group: String) throws -> PolicyTimeline {
        try memo.value("policy-timeline\u{0}" + group, readFrom: [StateTable.groups, StateTable.units, StateTable.adoptions]) {
            guard let groupRecord = try self.group(group) else {
                throw RuleViolation.unknownGroup(group)
            }
            return PolicyTimeline(kind: groupRecord.kind.rawValue, units: try adoptionChain(unit: groupRecord.unit))
        }
    }

    /// The adoptions of `start` and of each unit above it (nearest first), at most `unitDepthMax` units.
    func adoptionChain(unit start: String) throws -> [[PolicyTimeline.Adoption]] {
        var units: [[PolicyTimeline.Adoption]] = []
        var unit: String? = start
        while let current = unit, units.count < StateTable.unitDepthMax {
            units.append(try adoptions(of: current))
            unit = try self.unit(current)?.parent
        }
        return units
    }

    /// A unit's adoptions in key order (date, then seq), at most `Rules.adoptionsPerUnitMax`.
    func adoptions(of unit: String) throws -> [PolicyTimeline.Adoption] {
        let prefix = StateTable.historyPrefix(unit)
        var found: [PolicyTimeline.Adoption] = []
        var truncated = false
        try scan(StateTable.adoptions, from: prefix, limit: Rules.adoptionsPerUnitMax + 1) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard found.count < Rules.adoptionsPerUnitMax else {
                truncated = true
                return false
            }
            guard key.count == prefix.count + 18, let date = LocalDate(iso: String(decoding: key[prefix.count..<(prefix.count + 10)], as: UTF8.self)) else {
                throw Rules.damaged("an adoption key of \(unit) is malformed")
            }
            let adoption = try AdoptionRecord(bytes: Array(value), what: "an adoption of \(unit)")
            found.append(PolicyTimeline.Adoption(date: date, policy: adoption.policy))
            return true
        }
        if truncated {
            throw RuleViolation(Msg.rules.name.tooManyAdoptions, Msg.rules.detail.tooManyAdoptions(["unit": .plain(unit), "max": .number(Rules.adoptionsPerUnitMax)]),
                                source: Cite.said(Msg.rules.why.adoptionsLimit))
        }
        return found
    }

    /// The policy adopted at or above `unit` and in force on `date`, composed section by section (nearest
    /// unit first); nil when no unit adopted one (its groups then follow the statute floor).
    func policyAdopted(unit start: String, on date: LocalDate) throws -> Policy? {
        let ids = PolicyTimeline.adopted(try adoptionChain(unit: start), on: date)
        return ids.isEmpty ? nil : try composePolicies(ids)
    }
}

/// What decides which policy governs a group on a date: its kind, and the adoptions of its own unit and of
/// each unit above it (nearest first), each unit's in key order (date, then seq).
final class PolicyTimeline {
    struct Adoption {
        let date: LocalDate
        let policy: String
    }
    let kind: String
    let units: [[Adoption]]

    init(kind: String, units: [[Adoption]]) {
        self.kind = kind
        self.units = units
    }

    /// The policies in force on `date`, nearest unit first, then the statute floor for the group's kind:
    /// each unit's latest adoption on or before the date (as `Tables.state` reads a history).
    func ids(on date: LocalDate) -> [String] {
        PolicyTimeline.adopted(units, on: date) + [PolicyLibrary.floor(for: kind)]
    }

    /// Each unit's latest adoption on or before `date` (as `Tables.state` reads a history), nearest unit first.
    static func adopted(_ units: [[Adoption]], on date: LocalDate) -> [String] {
        units.compactMap { adoptions in adoptions.last(where: { $0.date <= date })?.policy }
    }
}

/// An office held over an interval of effective dates (`gov.roster`); `until` is nil while it is held.
struct OfficeInterval {
    let person: String
    let since: String
    let until: String?
    /// When the term ends, where the installation said so (a by-election, Art. 19).
    var termEnds: LocalDate? = nil
}

extension Tables where Transaction: ~Copyable {
    /// Every group at or below `unit` (every group when nil), with its record, in id order, at most
    /// `QueryLimits.groupsMax`. A unit that is not registered is refused.
    func groups(within unit: String?) throws -> [(id: String, record: GroupRecord)] {
        if let unit, try self.unit(unit) == nil {
            throw RuleViolation.unknownUnit(unit)
        }
        var groups: [(id: String, record: GroupRecord)] = []
        var cache: [String: Bool] = [:]
        try scan(StateTable.groups, from: [], limit: QueryLimits.groupsMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let group = try GroupRecord(bytes: value, what: "the group \(id)")
            if let unit, !(try self.unit(group.unit, isWithin: unit, cache: &cache)) { return true }
            groups.append((id, group))
            return true
        }
        return groups
    }

    /// The unit registered as `id`, if any.
    func unit(_ id: String) throws -> UnitRecord? {
        try get(StateTable.units, key: StateTable.key(id)).map { try UnitRecord(bytes: $0, what: "the unit \(id)") }
    }

    /// The person registered as `id`, if any.
    func person(_ id: String) throws -> PersonRecord? {
        try get(StateTable.persons, key: StateTable.key(id)).map { try PersonRecord(bytes: $0, what: "the person \(id)") }
    }

    /// The group registered as `id`, if any.
    func group(_ id: String) throws -> GroupRecord? {
        try get(StateTable.groups, key: StateTable.key(id)).map { try GroupRecord(bytes: $0, what: "the group \(id)") }
    }

    /// The meeting registered as `id`, if any.
    func meeting(_ id: String) throws -> MeetingRecord? {
        try get(StateTable.meetings, key: StateTable.key(id)).map { try MeetingRecord(bytes: $0, what: "the meeting \(id)") }
    }

    /// The vote registered as `id`, if any.
    func vote(_ id: String) throws -> VoteRecord? {
        try get(StateTable.votes, key: StateTable.key(id)).map { try VoteRecord(bytes: $0, what: "the vote \(id)") }
    }

    /// The recall petition registered as `id`, if any.
    func petition(_ id: String) throws -> PetitionRecord? {
        try get(StateTable.petitions, key: StateTable.key(id)).map { try PetitionRecord(bytes: $0, what: "the petition \(id)") }
    }

    /// The expense approval registered as `id`, if any.
    func approval(_ id: String) throws -> ApprovalRecord? {
        try get(StateTable.approvals, key: StateTable.key(id)).map { try ApprovalRecord(bytes: $0, what: "the approval \(id)") }
    }

    /// The latest recall vote about `person` in `group`, if any.
    /// The recall petitions against holders of `group`, with their ids and the events that recorded them, in
    /// id order, from at most `QueryLimits.linesMax` petitions read.
    func petitions(of group: String) throws -> [(id: String, record: PetitionRecord, seq: UInt64)] {
        var found: [(id: String, record: PetitionRecord, seq: UInt64)] = []
        try scan(StateTable.petitions, from: [], limit: QueryLimits.linesMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let record = try PetitionRecord(bytes: value, what: "the petition \(id)")
            guard record.group == group else { return true }
            guard let seq = try createdBy(StateTable.petitions, key: key) else { throw Rules.damaged("the petition \(id) has no registering event") }
            found.append((id, record, seq))
            return true
        }
        return found
    }

    /// The latest recall vote on petition `id`, if any.
    func recallVote(on id: String) throws -> RecallRecord? {
        try get(StateTable.petitionVotes, key: StateTable.key(id)).map { try RecallRecord(bytes: $0, what: "the recall vote on \(id)") }
    }

    func recall(of person: String, in group: String) throws -> RecallRecord? {
        try get(StateTable.recalls, key: StateTable.compound(group, person))
            .map { try RecallRecord(bytes: $0, what: "the recall vote about \(person) in \(group)") }
    }

    /// The terms of `post` in `group` (`gov.roster`), by start date, at most `QueryLimits.intervalsPerPostMax`.
    func terms(_ group: String, _ post: String) throws -> [OfficeTerm] {
        let prefix = StateTable.office(group, post) + [0]
        var terms: [OfficeTerm] = []
        try scan(StateTable.roster, from: prefix, limit: QueryLimits.intervalsPerPostMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            terms.append(try OfficeTerm(bytes: value, what: "an office term of \(group)"))
            return true
        }
        return terms
    }

    /// The intervals over which `post` of `group` was held, by start date, at most `QueryLimits.intervalsPerPostMax`.
    func intervals(_ group: String, _ post: String) throws -> [OfficeInterval] {
        try terms(group, post).map {
            OfficeInterval(person: $0.person, since: $0.since.description, until: $0.ending?.until.description, termEnds: $0.termEnds)
        }
    }

    /// The current holders of `post` in `group` (its open terms), by person id, at most `limit`.
    func holders(_ group: String, _ post: String, limit: Int = 64) throws -> [OfficeTerm] {
        Array(try terms(group, post).filter { $0.ending == nil }.sorted { $0.person < $1.person }.prefix(limit))
    }

    /// `person`'s terms (`gov.tenures`), by start date, at most `Rules.holdingsScanMax`.
    func terms(of person: String) throws -> [OfficeTerm] {
        let prefix = Array(person.utf8) + [0]
        var terms: [OfficeTerm] = []
        try scan(StateTable.tenures, from: prefix, limit: Rules.holdingsScanMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            terms.append(try OfficeTerm(bytes: value, what: "an office term of \(person)"))
            return true
        }
        return terms
    }

    /// The posts `person` holds now (their open terms), by start date.
    func holdings(of person: String) throws -> [OfficeTerm] {
        try terms(of: person).filter { $0.ending == nil }
    }

    /// `person`'s open term in `post` of `group`, if they hold it now.
    func holding(_ group: String, _ post: String, person: String) throws -> OfficeTerm? {
        try holdings(of: person).first { $0.group == group && $0.post.rawValue == post }
    }

    /// `table`'s records under `id`'s prefix (`id 0x00 seq` keys: audits, disclosures, discipline), in log
    /// order, at most `QueryLimits.linesMax`, each read by `decode`.
    func records<R>(_ table: String, of id: String, _ decode: ([UInt8]) throws -> R) throws -> [R] {
        let prefix = Array(id.utf8) + [0]
        var found: [R] = []
        try scan(table, from: prefix, limit: QueryLimits.linesMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            found.append(try decode(value))
            return true
        }
        return found
    }

    /// The audits recorded for `group`, in log order.
    func audits(of group: String) throws -> [AuditRecord] {
        try records(StateTable.audits, of: group) { try AuditRecord(bytes: $0, what: "an audit of \(group)") }
    }

    /// The handovers recorded for `group`, in log order.
    func handovers(of group: String) throws -> [HandoverRecord] {
        try records(StateTable.handovers, of: group) { try HandoverRecord(bytes: $0, what: "a handover of \(group)") }
    }

    /// The asset registered as `id`, if any.
    func asset(_ id: String) throws -> AssetRecord? {
        try get(StateTable.assets, key: StateTable.key(id)).map { try AssetRecord(bytes: $0, what: "the asset \(id)") }
    }

    /// Every asset of `group`'s register, by id, at most `QueryLimits.linesMax` assets scanned.
    func assets(of group: String) throws -> [(id: String, record: AssetRecord)] {
        var found: [(id: String, record: AssetRecord)] = []
        try scan(StateTable.assets, from: [], limit: QueryLimits.linesMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let asset = try AssetRecord(bytes: value, what: "the asset \(id)")
            if asset.group == group { found.append((id, asset)) }
            return true
        }
        return found
    }

    /// The grade `person` was given in `group` for `year`, if any.
    func grade(of person: String, in group: String, year: Int) throws -> GradeRecord? {
        try get(StateTable.personGrades, key: StateTable.compound(person, group, String(year)))
            .map { try GradeRecord(bytes: $0, what: "the \(year) grade of \(person) in \(group)") }
    }

    /// Whether event `seq` was corrected or retracted, and by which event.
    func status(of seq: UInt64) throws -> EventStatus? {
        try get(StateTable.status, key: StateTable.seqBytes(seq)).map { try EventStatus(bytes: $0, what: "the status of event \(seq)") }
    }

    /// The payment recorded under `id`, if any.
    func payment(_ id: String) throws -> PaymentRecord? {
        try get(StateTable.payments, key: StateTable.key(id)).map { try PaymentRecord(bytes: $0, what: "the payment \(id)") }
    }

    /// The holder of `post` in `group` whose office was ended last (by the event that ended it), if any.
    func lastHolder(_ group: String, _ post: String) throws -> String? {
        try terms(group, post).compactMap { term in term.ending.map { ($0.endedBy, term.person) } }.max { $0.0 < $1.0 }?.1
    }
}

extension Tables where Transaction: ~Copyable {
    /// Calls `body` with each of `person`'s stored money lines in log order, in place (the line alone, without
    /// the account stored after it; at most `Rules.linesScanMax`), until it returns false. A line too short for
    /// its fixed fields or of no known kind is damaged state.
    func forEachLine(of person: String, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let prefix = Array(person.utf8) + [0]
        try scanRaw(StateTable.lines, from: prefix, limit: Rules.linesScanMax) { key, value in
            guard key.starts(with: prefix) else { return false }
            guard let (line, _) = StoredLine.split(value), line.count >= MoneyLine.fixedBytes, MoneyLine.Kind(rawValue: line[0]) != nil else {
                throw Rules.damaged("a money line of \(person) cannot be read")
            }
            return try body(line)
        }
    }

    /// A person's money lines, decoded, in log order.
    func moneyLines(of person: String) throws -> [MoneyLine] {
        var lines: [MoneyLine] = []
        try forEachLine(of: person) { value in
            guard let line = MoneyLine(bytes: Array(value)) else {
                throw Rules.damaged("a money line of \(person) cannot be read")
            }
            lines.append(line)
            return true
        }
        return lines
    }

    /// `person`'s latest money line as stored (`StoredLine`), with the seq of the event that wrote it.
    func latestLine(of person: String) throws -> (seq: UInt64, value: [UInt8])? {
        let prefix = Array(person.utf8) + [0]
        guard let entry = try floor(StateTable.lines, key: StateTable.line(person, seq: .max), prefix: prefix) else { return nil }
        guard let seq = StateTable.readSeq(Array(entry.key.suffix(8))), entry.key.count == prefix.count + 8 else {
            throw Rules.damaged("a money line key of \(person) is malformed")
        }
        return (seq, entry.value)
    }

    /// `person`'s money account (`MoneyAccount`): an empty one when the person has no lines. It is stored
    /// after the person's latest line (`StoredLine`), unless an undo recomputed it since (`person 0x01`,
    /// naming the latest line it counted).
    func account(of person: String) throws -> MoneyAccount {
        func damaged() -> RuleViolation {
            Rules.damaged("the money account of \(person) cannot be read")
        }
        let latest = try latestLine(of: person)
        let latestSeq = latest?.seq ?? 0
        let recomputed = try withValue(StateTable.lines, key: StateTable.account(person)) { value -> MoneyAccount? in
            guard let value else { return nil }
            guard value.count >= 8 else { throw damaged() }
            let counted = value.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            // A line added after the recomputation carries the account from then on.
            guard counted >= latestSeq else { return nil }
            guard let account = MoneyAccount(bytes: UnsafeRawBufferPointer(rebasing: value[8...])) else { throw damaged() }
            return account
        }
        if let recomputed { return recomputed }
        guard let latest else { return MoneyAccount() }
        return try latest.value.withUnsafeBytes { stored in
            guard let (_, accountBytes) = StoredLine.split(stored), let account = MoneyAccount(bytes: accountBytes) else { throw damaged() }
            return account
        }
    }

    /// What `person` is owed (see `MoneyAccount.owed`).
    func owed(_ person: String) throws -> (fen: Int64, detail: Text) {
        try account(of: person).owed
    }
}

extension HookTables {
    /// Stores `person`'s money line for event `seq`, with the person's account after it (`StoredLine`): one
    /// write. The account is derived state (a pure function of the lines): an undo does not restore it but
    /// recomputes it from the lines that remain (`recomputeAccount`).
    func addMoneyLine(_ line: MoneyLine, person: String, seq: UInt64) throws {
        var account = try account(of: person)
        try account.add(line)
        try insert(StateTable.lines, key: StateTable.line(person, seq: seq), value: StoredLine.encode(line, account: account))
    }

    /// Recomputes `person`'s account from the lines that remain (after a correction or retraction undid one)
    /// and stores it under `person 0x01` with the seq of the latest line it counted (0: none).
    func recomputeAccount(of person: String) throws {
        var account = MoneyAccount()
        for line in try moneyLines(of: person) { try account.add(line) }
        let latestSeq = try latestLine(of: person)?.seq ?? 0
        try put(StateTable.lines, key: StateTable.account(person), value: StateTable.seqBytes(latestSeq) + account.bytes, undoable: false)
    }
}

/// A money line as `gov.lines` stores it: the line's length (UInt16 BE), the line (`MoneyLine`), then the
/// person's account after it (`MoneyAccount`), so that an accrual or payment writes one entry, and the
/// account is read from the person's latest line.
enum StoredLine {
    static func encode(_ line: MoneyLine, account: MoneyAccount) -> [UInt8] {
        let bytes = line.bytes
        precondition(bytes.count <= Int(UInt16.max), "a money line is at most 65,535 bytes")
        return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes + account.bytes
    }

    /// The line and the account of a stored line; nil when the lengths do not fit.
    static func split(_ stored: UnsafeRawBufferPointer) -> (line: UnsafeRawBufferPointer, account: UnsafeRawBufferPointer)? {
        guard stored.count >= 2 else { return nil }
        let length = Int(stored[0]) << 8 | Int(stored[1])
        guard 2 + length <= stored.count else { return nil }
        return (UnsafeRawBufferPointer(rebasing: stored[2..<(2 + length)]), UnsafeRawBufferPointer(rebasing: stored[(2 + length)...]))
    }
}

extension HookTables {
    func put(_ table: String, _ key: [UInt8], _ value: JSONObject) throws {
        try put(table, key: key, value: CanonicalJSON.encode(value))
    }
}

/// Queries of the governance state for the command line (no LMDB types).
public enum GovernanceQueries {
    /// The policy in force for a group, or for a unit, on a date; with the unit or floor it came from.
    /// The policy `id` resolved (with the policies it extends): a built-in, or one a `policy.defined` event
    /// recorded in `ledger`.
    public static func policy(_ ledger: Ledger, id: String) throws -> Policy {
        try ledger.readTables { tables, _ in try tables.policyLibrary(reaching: [id]).resolve(id) }
    }

    /// The policy documents `policy.defined` events recorded in `ledger`, by id, at most `QueryLimits.linesMax`.
    public static func definedPolicies(_ ledger: Ledger) throws -> [JSONObject] {
        try ledger.readTables { tables, _ in
            var found: [JSONObject] = []
            try tables.scan(StateTable.policies, from: [], limit: QueryLimits.linesMax) { _, value in
                guard case .object(let document) = try JSONParser.parse(value) else { throw Rules.damaged("a defined policy is not an object") }
                found.append(document)
                return true
            }
            return found
        }
    }

    public static func policyInForce(_ ledger: Ledger, group: String?, unit: String?, on date: LocalDate) throws -> Policy? {
        try ledger.readTables { tables, _ in
            if let group { return try tables.policyInForce(group: group, on: date) }
            if let unit {
                guard try tables.unit(unit) != nil else {
                    throw RuleViolation.unknownUnit(unit)
                }
                return try tables.policyAdopted(unit: unit, on: date)
            }
            return nil
        }
    }
}

