import EventLog
import Messages

/// The binary form of the governance tables' typed records (`OfficeTerm`, ...): fixed-width integers
/// big-endian, dates as year (UInt16) month day (UInt8 each), text as a UInt16 length and UTF-8, an optional
/// value as a presence byte (0 or 1) and the value. Each record starts with its format byte. A record that does
/// not read back whole is damaged state, named with its table.
struct RecordWriter {
    private(set) var bytes: [UInt8] = []

    init(format: UInt8) { bytes.append(format) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: Int) {
        precondition((0...Int(UInt16.max)).contains(value), "a stored count fits in 16 bits")
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func u64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func text(_ value: String) {
        let utf8 = Array(value.utf8)
        precondition(utf8.count <= Int(UInt16.max), "a stored text is at most 65,535 bytes")
        bytes.append(UInt8(utf8.count >> 8))
        bytes.append(UInt8(utf8.count & 0xFF))
        bytes += utf8
    }

    mutating func date(_ value: LocalDate) {
        precondition((0...Int(UInt16.max)).contains(value.year), "a stored year fits in 16 bits")
        bytes.append(UInt8(value.year >> 8))
        bytes.append(UInt8(value.year & 0xFF))
        bytes.append(UInt8(value.month))
        bytes.append(UInt8(value.day))
    }

    /// Writes a presence byte, then the value through `body` when there is one.
    mutating func optional<T>(_ value: T?, _ body: (inout RecordWriter, T) -> Void) {
        guard let value else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        body(&self, value)
    }
}

/// Reads what `RecordWriter` wrote; every read past the end or of a malformed value throws damaged state.
struct RecordReader {
    private let bytes: [UInt8]
    private var index = 0
    private let what: String

    /// Reads `bytes`, which must start with `format`; `what` names the record in messages ("an office term of person:x").
    init(_ bytes: [UInt8], format: UInt8, what: String) throws {
        self.bytes = bytes
        self.what = what
        guard try u8() == format else { throw damaged("has format \(bytes.first.map(String.init) ?? "none"), not \(format)") }
    }

    /// Damaged state naming the record and why it cannot be read.
    func damaged(_ why: String) -> RuleViolation {
        RuleViolation(Msg.rules.name.damagedState, Msg.rules.detail.cannotBeRead(["what": .plain(what), "why": .plain(why)]), source: Cite.the("Schemas/STORAGE.md"))
    }

    private mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, index + count <= bytes.count else { throw damaged("it ends at byte \(bytes.count), before \(index + count)") }
        defer { index += count }
        return bytes[index..<(index + count)]
    }

    mutating func u8() throws -> UInt8 { try take(1).first ?? 0 }

    mutating func u16() throws -> Int { try take(2).reduce(0) { $0 << 8 | Int($1) } }

    mutating func u64() throws -> UInt64 { try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }

    mutating func text() throws -> String {
        let length = try take(2).reduce(0) { $0 << 8 | Int($1) }
        guard let text = String(validating: try take(length), as: UTF8.self) else { throw damaged("a text is not UTF-8") }
        return text
    }

    mutating func date() throws -> LocalDate {
        let raw = try take(4)
        let year = Int(raw[raw.startIndex]) << 8 | Int(raw[raw.startIndex + 1])
        guard let date = LocalDate(year: year, month: Int(raw[raw.startIndex + 2]), day: Int(raw[raw.startIndex + 3])) else {
            throw damaged("\(year)-\(raw[raw.startIndex + 2])-\(raw[raw.startIndex + 3]) is not a date")
        }
        return date
    }

    /// A value of a closed vocabulary, stored as its text.
    mutating func vocabulary<V: RawRepresentable>(_ type: V.Type) throws -> V where V.RawValue == String {
        let text = try text()
        guard let value = V(rawValue: text) else { throw damaged("\"\(text)\" is not a \(V.self)") }
        return value
    }

    mutating func flag() throws -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let flag: throw damaged("flag byte \(flag)")
        }
    }

    mutating func optional<T>(_ body: (inout RecordReader) throws -> T) throws -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try body(&self)
        case let flag: throw damaged("presence byte \(flag)")
        }
    }

    /// Throws unless every byte was read.
    func end() throws {
        guard index == bytes.count else { throw damaged("\(bytes.count - index) bytes left over") }
    }
}

/// A typed record of a governance table: a format byte, then what `write` writes, read back whole by
/// `init(reading:)` (`bytes` and `init(bytes:what:)` add the format byte and check that nothing is left over).
protocol StoredRecord: Equatable {
    static var format: UInt8 { get }
    func write(to out: inout RecordWriter)
    init(reading reader: inout RecordReader) throws
}

extension StoredRecord {
    var bytes: [UInt8] {
        var out = RecordWriter(format: Self.format)
        write(to: &out)
        return out.bytes
    }

    /// Reads `bytes`; `what` names the record in messages ("an office term of person:x").
    init(bytes: [UInt8], what: String) throws {
        var reader = try RecordReader(bytes, format: Self.format, what: what)
        try self.init(reading: &reader)
        try reader.end()
    }
}

/// A term of office: who held which post of which group, from when, installed by which event, and how it
/// ended. Kept in `gov.roster` (keyed group, post, since, seq) and `gov.tenures` (keyed person, since, seq);
/// the open terms are who holds each post now.
struct OfficeTerm: StoredRecord {
    struct Ending: Equatable {
        var until: LocalDate
        var reason: EndReason
        /// The event that ended it.
        var endedBy: UInt64
    }
    static let format: UInt8 = 1

    var group: String
    var post: Post
    var person: String
    var since: LocalDate
    /// The event that installed the holder.
    var installedBy: UInt64
    var ending: Ending?
    /// When the term ends, where the installation said (a by-election: with the sitting committee's term,
    /// 村民委员会组织法 (2018) Art. 19); otherwise the policy's term from `since`.
    var termEnds: LocalDate?

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.text(post.rawValue)
        out.text(person)
        out.date(since)
        out.u64(installedBy)
        out.optional(ending) { out, ending in
            out.date(ending.until)
            out.text(ending.reason.rawValue)
            out.u64(ending.endedBy)
        }
        out.optional(termEnds) { out, date in out.date(date) }
    }

    init(group: String, post: Post, person: String, since: LocalDate, installedBy: UInt64, ending: Ending? = nil, termEnds: LocalDate? = nil) {
        self.group = group
        self.post = post
        self.person = person
        self.since = since
        self.installedBy = installedBy
        self.ending = ending
        self.termEnds = termEnds
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        post = try reader.vocabulary(Post.self)
        person = try reader.text()
        since = try reader.date()
        installedBy = try reader.u64()
        ending = try reader.optional { reader in
            Ending(until: try reader.date(), reason: try reader.vocabulary(EndReason.self), endedBy: try reader.u64())
        }
        termEnds = try reader.optional { try $0.date() }
    }

    /// Its key in `gov.roster` and in `gov.tenures`.
    var rosterKey: [UInt8] { StateTable.interval([group, post.rawValue], since: since.description, seq: installedBy) }
    var tenureKey: [UInt8] { StateTable.interval([person], since: since.description, seq: installedBy) }
}

/// A payment (`gov.payments`, keyed by its id): to whom, how much, for which year, and whether it was reversed.
struct PaymentRecord: StoredRecord {
    static let format: UInt8 = 1
    var person: String
    var amountFen: Int64
    /// The year of the period it pays.
    var year: Int
    var reversed: Bool

    func write(to out: inout RecordWriter) {
        out.text(person)
        out.u64(UInt64(bitPattern: amountFen))
        out.u64(UInt64(year))
        out.u8(reversed ? 1 : 0)
    }

    init(person: String, amountFen: Int64, year: Int, reversed: Bool) {
        self.person = person
        self.amountFen = amountFen
        self.year = year
        self.reversed = reversed
    }

    init(reading reader: inout RecordReader) throws {
        person = try reader.text()
        amountFen = Int64(bitPattern: try reader.u64())
        let year = try reader.u64()
        guard let yearValue = Int(exactly: year), LocalDate.yearRange.contains(yearValue) else {
            throw reader.damaged("year \(year)")
        }
        self.year = yearValue
        reversed = try reader.flag()
    }
}

/// Whether an event was corrected or retracted, and by which event (`gov.status`, keyed by its seq).
struct EventStatus: StoredRecord {
    enum Kind: String, Equatable {
        case corrected, retracted
    }
    static let format: UInt8 = 1
    var kind: Kind
    var by: UInt64

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.u64(by)
    }

    init(kind: Kind, by: UInt64) {
        self.kind = kind
        self.by = by
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(Kind.self)
        by = try reader.u64()
    }
}

/// A unit (`gov.units`, keyed by its id): its level and the unit above it.
struct UnitRecord: StoredRecord {
    static let format: UInt8 = 2
    /// Its registered name (德清县, 武康街道): a public body's name, not personal data.
    var name: String
    var level: UnitLevel
    var parent: String?

    func write(to out: inout RecordWriter) {
        out.text(name)
        out.text(level.rawValue)
        out.optional(parent) { out, parent in out.text(parent) }
    }

    init(name: String, level: UnitLevel, parent: String?) {
        self.name = name
        self.level = level
        self.parent = parent
    }

    init(reading reader: inout RecordReader) throws {
        name = try reader.text()
        level = try reader.vocabulary(UnitLevel.self)
        parent = try reader.optional { try $0.text() }
    }
}

/// A group (`gov.groups`, keyed by its id): the unit it belongs to, its kind and when it was registered.
struct GroupRecord: StoredRecord {
    static let format: UInt8 = 2
    /// Its registered name (第三村民小组).
    var name: String
    var unit: String
    var kind: GroupKind
    var since: LocalDate

    func write(to out: inout RecordWriter) {
        out.text(name)
        out.text(unit)
        out.text(kind.rawValue)
        out.date(since)
    }

    init(name: String, unit: String, kind: GroupKind, since: LocalDate) {
        self.name = name
        self.unit = unit
        self.kind = kind
        self.since = since
    }

    init(reading reader: inout RecordReader) throws {
        name = try reader.text()
        unit = try reader.text()
        kind = try reader.vocabulary(GroupKind.self)
        since = try reader.date()
    }
}

/// A group's size from a date (`gov.sizes`, keyed group, date, seq).
struct GroupSize: StoredRecord {
    static let format: UInt8 = 1
    var households: Int64
    var adults: Int64

    func write(to out: inout RecordWriter) {
        out.u64(UInt64(bitPattern: households))
        out.u64(UInt64(bitPattern: adults))
    }

    init(households: Int64, adults: Int64) {
        self.households = households
        self.adults = adults
    }

    init(reading reader: inout RecordReader) throws {
        households = Int64(bitPattern: try reader.u64())
        adults = Int64(bitPattern: try reader.u64())
    }
}

/// Where a person lives and whether they hold voting rights, from a date (`gov.residence`, keyed person, date, seq).
struct Residence: StoredRecord {
    static let format: UInt8 = 1
    var group: String
    var votingRights: Bool

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.u8(votingRights ? 1 : 0)
    }

    init(group: String, votingRights: Bool) {
        self.group = group
        self.votingRights = votingRights
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        votingRights = try reader.flag()
    }
}

/// A policy a unit adopted from a date (`gov.adoptions`, keyed unit, date, seq).
struct AdoptionRecord: StoredRecord {
    static let format: UInt8 = 1
    var policy: String

    func write(to out: inout RecordWriter) {
        out.text(policy)
    }

    init(policy: String) { self.policy = policy }

    init(reading reader: inout RecordReader) throws {
        policy = try reader.text()
    }
}

/// An audit recorded for a group (`gov.audits`, keyed group, seq).
struct AuditRecord: StoredRecord {
    static let format: UInt8 = 1
    var kind: AuditKind
    /// Whose departure it audits (a departure audit).
    var person: String?
    var periodStart: LocalDate
    var periodEnd: LocalDate
    var auditor: String
    var findings: String?
    /// The audit's effective date.
    var date: LocalDate

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.optional(person) { out, person in out.text(person) }
        out.date(periodStart)
        out.date(periodEnd)
        out.text(auditor)
        out.optional(findings) { out, findings in out.text(findings) }
        out.date(date)
    }

    init(kind: AuditKind, person: String?, periodStart: LocalDate, periodEnd: LocalDate, auditor: String, findings: String?, date: LocalDate) {
        self.kind = kind
        self.person = person
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.auditor = auditor
        self.findings = findings
        self.date = date
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(AuditKind.self)
        person = try reader.optional { try $0.text() }
        periodStart = try reader.date()
        periodEnd = try reader.date()
        auditor = try reader.text()
        findings = try reader.optional { try $0.text() }
        date = try reader.date()
    }
}

/// A disclosure posted by a group (`gov.disclosures`, keyed group, seq).
struct DisclosureRecord: StoredRecord {
    static let format: UInt8 = 1
    var kind: DisclosureKind
    var periodStart: LocalDate
    var periodEnd: LocalDate
    var balanceFen: Int64?
    /// The disclosure's effective date.
    var date: LocalDate

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.date(periodStart)
        out.date(periodEnd)
        out.optional(balanceFen) { out, balance in out.u64(UInt64(bitPattern: balance)) }
        out.date(date)
    }

    init(kind: DisclosureKind, periodStart: LocalDate, periodEnd: LocalDate, balanceFen: Int64?, date: LocalDate) {
        self.kind = kind
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.balanceFen = balanceFen
        self.date = date
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(DisclosureKind.self)
        periodStart = try reader.date()
        periodEnd = try reader.date()
        balanceFen = try reader.optional { Int64(bitPattern: try $0.u64()) }
        date = try reader.date()
    }
}

/// A discipline imposed on a person (`gov.discipline`, keyed person, seq).
struct DisciplineRecord: StoredRecord {
    static let format: UInt8 = 1
    var kind: DisciplineKind
    var group: String
    var reason: String
    var imposedBy: String
    /// The discipline's effective date.
    var date: LocalDate

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.text(group)
        out.text(reason)
        out.text(imposedBy)
        out.date(date)
    }

    init(kind: DisciplineKind, group: String, reason: String, imposedBy: String, date: LocalDate) {
        self.kind = kind
        self.group = group
        self.reason = reason
        self.imposedBy = imposedBy
        self.date = date
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(DisciplineKind.self)
        group = try reader.text()
        reason = try reader.text()
        imposedBy = try reader.text()
        date = try reader.date()
    }
}

/// A grade given a leader for a year, and the event that gave it (`gov.grades`, keyed unit, year, person,
/// group; `gov.pgrades`, keyed person, group, year).
struct GradeRecord: StoredRecord {
    static let format: UInt8 = 1
    var grade: Grade
    var seq: UInt64

    func write(to out: inout RecordWriter) {
        out.text(grade.rawValue)
        out.u64(seq)
    }

    init(grade: Grade, seq: UInt64) {
        self.grade = grade
        self.seq = seq
    }

    init(reading reader: inout RecordReader) throws {
        grade = try reader.vocabulary(Grade.self)
        seq = try reader.u64()
    }
}

/// A line of a group's fund (`gov.funds`, keyed group, seq): money received or paid out.
struct FundLine: StoredRecord {
    enum Kind: String, Equatable {
        case receipt, expense
    }
    static let format: UInt8 = 1
    var kind: Kind
    var amountFen: Int64
    var date: LocalDate
    /// Who paid it in (a receipt's source) or was paid (an expense's payee).
    var counterparty: String
    /// The approval an expense cites, if any.
    var approval: String?

    func write(to out: inout RecordWriter) {
        out.text(kind.rawValue)
        out.u64(UInt64(bitPattern: amountFen))
        out.date(date)
        out.text(counterparty)
        out.optional(approval) { out, approval in out.text(approval) }
    }

    init(kind: Kind, amountFen: Int64, date: LocalDate, counterparty: String, approval: String?) {
        self.kind = kind
        self.amountFen = amountFen
        self.date = date
        self.counterparty = counterparty
        self.approval = approval
    }

    init(reading reader: inout RecordReader) throws {
        kind = try reader.vocabulary(Kind.self)
        amountFen = Int64(bitPattern: try reader.u64())
        date = try reader.date()
        counterparty = try reader.text()
        approval = try reader.optional { try $0.text() }
    }
}

/// What one expense paid against an approval (`gov.expenses`, keyed approval, seq).
struct ExpenseRecord: StoredRecord {
    static let format: UInt8 = 1
    var amountFen: Int64

    func write(to out: inout RecordWriter) {
        out.u64(UInt64(bitPattern: amountFen))
    }

    init(amountFen: Int64) { self.amountFen = amountFen }

    init(reading reader: inout RecordReader) throws {
        amountFen = Int64(bitPattern: try reader.u64())
    }
}

/// An asset of a group's register (`gov.assets`, keyed by its id): who holds it, in what status (`held`, or
/// the last transfer: `leased`, `disposed`...), and its registered value.
struct AssetRecord: StoredRecord {
    static let format: UInt8 = 2
    var group: String
    var custodian: String
    var status: String
    var valueFen: Int64
    var kind: AssetKind
    /// What it is, as registered (村委会办公楼一幢).
    var description: String

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.text(custodian)
        out.text(status)
        out.u64(UInt64(bitPattern: valueFen))
        out.text(kind.rawValue)
        out.text(description)
    }

    init(group: String, custodian: String, status: String, valueFen: Int64, kind: AssetKind, description: String) {
        self.group = group
        self.custodian = custodian
        self.status = status
        self.valueFen = valueFen
        self.kind = kind
        self.description = description
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        custodian = try reader.text()
        status = try reader.text()
        valueFen = Int64(bitPattern: try reader.u64())
        kind = try reader.vocabulary(AssetKind.self)
        description = try reader.text()
    }
}

/// A change in an asset's custody or status (`gov.custody`, keyed asset, seq): the custodian and status after
/// it, its date and what it was (`registered`, `handed over`, `custody changed`, a transfer's action).
struct CustodyEntry: StoredRecord {
    static let format: UInt8 = 1
    var custodian: String
    var status: String
    var date: LocalDate
    var act: String

    func write(to out: inout RecordWriter) {
        out.text(custodian)
        out.text(status)
        out.date(date)
        out.text(act)
    }

    init(custodian: String, status: String, date: LocalDate, act: String) {
        self.custodian = custodian
        self.status = status
        self.date = date
        self.act = act
    }

    init(reading reader: inout RecordReader) throws {
        custodian = try reader.text()
        status = try reader.text()
        date = try reader.date()
        act = try reader.text()
    }
}

/// A handover recorded for a group (`gov.handovers`, keyed group, seq): who handed over to whom, before whom,
/// which assets (present or not, as counted), the cash and the fund balance handed over, and the date.
struct HandoverRecord: StoredRecord {
    struct Item: Equatable {
        var asset: String
        var present: Bool
        var valueFen: Int64?
        var note: String?
    }
    static let format: UInt8 = 1
    /// Items one handover lists at most.
    static let itemsMax = Int(UInt16.max)
    var outgoing: String
    var incoming: String
    var witnesses: [String]
    var items: [Item]
    var cashFen: Int64
    var balanceFen: Int64
    var date: LocalDate

    func write(to out: inout RecordWriter) {
        out.text(outgoing)
        out.text(incoming)
        precondition(witnesses.count <= HandoverRecord.itemsMax && items.count <= HandoverRecord.itemsMax, "a handover lists at most 65,535 witnesses and items")
        out.u16(witnesses.count)
        for witness in witnesses { out.text(witness) }
        out.u16(items.count)
        for item in items {
            out.text(item.asset)
            out.u8(item.present ? 1 : 0)
            out.optional(item.valueFen) { out, value in out.u64(UInt64(bitPattern: value)) }
            out.optional(item.note) { out, note in out.text(note) }
        }
        out.u64(UInt64(bitPattern: cashFen))
        out.u64(UInt64(bitPattern: balanceFen))
        out.date(date)
    }

    init(outgoing: String, incoming: String, witnesses: [String], items: [Item], cashFen: Int64, balanceFen: Int64, date: LocalDate) {
        self.outgoing = outgoing
        self.incoming = incoming
        self.witnesses = witnesses
        self.items = items
        self.cashFen = cashFen
        self.balanceFen = balanceFen
        self.date = date
    }

    init(reading reader: inout RecordReader) throws {
        outgoing = try reader.text()
        incoming = try reader.text()
        witnesses = try (0..<reader.u16()).map { _ in try reader.text() }
        items = try (0..<reader.u16()).map { _ in
            Item(asset: try reader.text(), present: try reader.flag(), valueFen: try reader.optional { Int64(bitPattern: try $0.u64()) },
                 note: try reader.optional { try $0.text() })
        }
        cashFen = Int64(bitPattern: try reader.u64())
        balanceFen = Int64(bitPattern: try reader.u64())
        date = try reader.date()
    }
}

/// A group meeting (`gov.meetings`, keyed by its id): the group, its date, and its attendance by adults and,
/// where recorded, by households.
struct MeetingRecord: StoredRecord {
    static let format: UInt8 = 1
    var group: String
    /// The meeting's effective date.
    var date: LocalDate
    var eligibleAdults: Int64
    var attendingAdults: Int64
    var eligibleHouseholds: Int64?
    var attendingHouseholds: Int64?

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.date(date)
        out.u64(UInt64(bitPattern: eligibleAdults))
        out.u64(UInt64(bitPattern: attendingAdults))
        out.optional(eligibleHouseholds) { out, households in out.u64(UInt64(bitPattern: households)) }
        out.optional(attendingHouseholds) { out, households in out.u64(UInt64(bitPattern: households)) }
    }

    init(group: String, date: LocalDate, eligibleAdults: Int64, attendingAdults: Int64, eligibleHouseholds: Int64?, attendingHouseholds: Int64?) {
        self.group = group
        self.date = date
        self.eligibleAdults = eligibleAdults
        self.attendingAdults = attendingAdults
        self.eligibleHouseholds = eligibleHouseholds
        self.attendingHouseholds = attendingHouseholds
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        date = try reader.date()
        eligibleAdults = Int64(bitPattern: try reader.u64())
        attendingAdults = Int64(bitPattern: try reader.u64())
        eligibleHouseholds = try reader.optional { Int64(bitPattern: try $0.u64()) }
        attendingHouseholds = try reader.optional { Int64(bitPattern: try $0.u64()) }
    }
}

/// A vote taken at a meeting (`gov.votes`, keyed by its id): the group, the meeting, its date, what was
/// decided, the ballots cast, and the count: each candidate's votes (an election), the yes and no votes (a
/// question).
struct VoteRecord: StoredRecord {
    struct Candidate: Equatable {
        var person: String
        var votes: Int64
    }
    static let format: UInt8 = 1
    /// Candidates one vote lists at most.
    static let candidatesMax = Int(UInt16.max)
    var group: String
    var meeting: String
    /// The vote's effective date.
    var date: LocalDate
    var question: VoteQuestion
    var ballotsCast: Int64
    var candidates: [Candidate]?
    var yes: Int64?
    var no: Int64?
    /// For an election: which one.
    var election: String?

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.text(meeting)
        out.date(date)
        out.text(question.rawValue)
        out.u64(UInt64(bitPattern: ballotsCast))
        out.optional(candidates) { out, candidates in
            precondition(candidates.count <= VoteRecord.candidatesMax, "a vote lists at most 65,535 candidates")
            out.u16(candidates.count)
            for candidate in candidates {
                out.text(candidate.person)
                out.u64(UInt64(bitPattern: candidate.votes))
            }
        }
        out.optional(yes) { out, yes in out.u64(UInt64(bitPattern: yes)) }
        out.optional(no) { out, no in out.u64(UInt64(bitPattern: no)) }
        out.optional(election) { out, election in out.text(election) }
    }

    init(group: String, meeting: String, date: LocalDate, question: VoteQuestion, ballotsCast: Int64, candidates: [Candidate]?,
         yes: Int64?, no: Int64?, election: String?) {
        self.group = group
        self.meeting = meeting
        self.date = date
        self.question = question
        self.ballotsCast = ballotsCast
        self.candidates = candidates
        self.yes = yes
        self.no = no
        self.election = election
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        meeting = try reader.text()
        date = try reader.date()
        question = try reader.vocabulary(VoteQuestion.self)
        ballotsCast = Int64(bitPattern: try reader.u64())
        candidates = try reader.optional { reader in
            try (0..<reader.u16()).map { _ in Candidate(person: try reader.text(), votes: Int64(bitPattern: try reader.u64())) }
        }
        yes = try reader.optional { Int64(bitPattern: try $0.u64()) }
        no = try reader.optional { Int64(bitPattern: try $0.u64()) }
        election = try reader.optional { try $0.text() }
    }
}

/// A recall petition (`gov.petitions`, keyed by its id): the group, the holder it would recall, its date,
/// the signatures and the voters of the group, and what the committee's investigation found, once it did.
struct PetitionRecord: StoredRecord {
    static let format: UInt8 = 1
    var group: String
    var person: String
    /// The petition's effective date.
    var date: LocalDate
    var signatures: Int64
    var eligibleVoters: Int64
    /// Nil until the committee investigated it; then whether it found the grounds true (属实).
    var substantiated: Bool?
    /// The villager representatives who signed, of how many (a version-2 petition).
    struct Representatives: Equatable {
        var signed: Int64
        var of: Int64
    }
    var representatives: Representatives? = nil

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.text(person)
        out.date(date)
        out.u64(UInt64(bitPattern: signatures))
        out.u64(UInt64(bitPattern: eligibleVoters))
        out.optional(substantiated) { out, substantiated in out.u8(substantiated ? 1 : 0) }
        out.optional(representatives) { out, representatives in
            out.u64(UInt64(bitPattern: representatives.signed))
            out.u64(UInt64(bitPattern: representatives.of))
        }
    }

    init(group: String, person: String, date: LocalDate, signatures: Int64, eligibleVoters: Int64, substantiated: Bool?) {
        self.group = group
        self.person = person
        self.date = date
        self.signatures = signatures
        self.eligibleVoters = eligibleVoters
        self.substantiated = substantiated
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        person = try reader.text()
        date = try reader.date()
        signatures = Int64(bitPattern: try reader.u64())
        eligibleVoters = Int64(bitPattern: try reader.u64())
        substantiated = try reader.optional { try $0.flag() }
        representatives = try reader.optional { reader in
            Representatives(signed: Int64(bitPattern: try reader.u64()), of: Int64(bitPattern: try reader.u64()))
        }
    }
}

/// The latest recall vote about a holder (`gov.recalls`, keyed group, person): whether it met the turnout
/// and approval thresholds of the policy in force, its date, the numbers against those thresholds (as the
/// refusal of a recall that failed them says), and the policy's source.
struct RecallRecord: StoredRecord {
    static let format: UInt8 = 1
    var passed: Bool
    /// The vote's effective date.
    var date: LocalDate
    /// The petition voted on.
    var petition: String
    var detail: String
    var source: String

    func write(to out: inout RecordWriter) {
        out.u8(passed ? 1 : 0)
        out.date(date)
        out.text(petition)
        out.text(detail)
        out.text(source)
    }

    init(passed: Bool, date: LocalDate, petition: String, detail: String, source: String) {
        self.passed = passed
        self.date = date
        self.petition = petition
        self.detail = detail
        self.source = source
    }

    init(reading reader: inout RecordReader) throws {
        passed = try reader.flag()
        date = try reader.date()
        petition = try reader.text()
        detail = try reader.text()
        source = try reader.text()
    }
}

/// An expense approved by a group meeting (`gov.approvals`, keyed by its id): the group, the most that may be
/// paid against it, and what for.
struct ApprovalRecord: StoredRecord {
    static let format: UInt8 = 1
    var group: String
    var amountFen: Int64
    var purpose: String

    func write(to out: inout RecordWriter) {
        out.text(group)
        out.u64(UInt64(bitPattern: amountFen))
        out.text(purpose)
    }

    init(group: String, amountFen: Int64, purpose: String) {
        self.group = group
        self.amountFen = amountFen
        self.purpose = purpose
    }

    init(reading reader: inout RecordReader) throws {
        group = try reader.text()
        amountFen = Int64(bitPattern: try reader.u64())
        purpose = try reader.text()
    }
}

/// A person on the register (`gov.persons`, keyed by their id). No personal value of a version-2 registration
/// is kept here (Schemas/PERSONAL.md): only the commitments the chain holds, which open against the sealed-value
/// store; a version-1 registration's birth date and sex are in the chain already, and kept as they are.
struct PersonRecord: StoredRecord {
    static let format: UInt8 = 1
    /// The commitments (`sha256:…`) of a version-2 registration.
    struct Sealed: Equatable {
        var name: String
        var birthDate: String
        var sex: String
    }
    /// The registration's date.
    var since: LocalDate
    /// A version-1 registration's birth date and sex (in the chain).
    var birthDate: LocalDate?
    var sex: Sex?
    var sealed: Sealed?
    /// The `person.erased` event that erased the person's personal data, if any.
    var erasedBy: UInt64?

    func write(to out: inout RecordWriter) {
        out.date(since)
        out.optional(birthDate) { out, date in out.date(date) }
        out.optional(sex) { out, sex in out.text(sex.rawValue) }
        out.optional(sealed) { out, sealed in
            out.text(sealed.name)
            out.text(sealed.birthDate)
            out.text(sealed.sex)
        }
        out.optional(erasedBy) { out, seq in out.u64(seq) }
    }

    init(since: LocalDate, birthDate: LocalDate?, sex: Sex?, sealed: Sealed?, erasedBy: UInt64?) {
        self.since = since
        self.birthDate = birthDate
        self.sex = sex
        self.sealed = sealed
        self.erasedBy = erasedBy
    }

    init(reading reader: inout RecordReader) throws {
        since = try reader.date()
        birthDate = try reader.optional { try $0.date() }
        sex = try reader.optional { try $0.vocabulary(Sex.self) }
        sealed = try reader.optional { reader in Sealed(name: try reader.text(), birthDate: try reader.text(), sex: try reader.text()) }
        erasedBy = try reader.optional { try $0.u64() }
    }
}
