public import EventLog

/// Who may record for which units, from when: the `account.granted` and `account.revoked` events of an
/// account's stream (`grassroots account`, `grassroots serve`). Passwords are not here: they are kept outside
/// the chain (Schemas/STORAGE.md).
public enum AccountLimits {
    /// Events read from one account's stream.
    public static let eventsPerAccountMax = 10_000
    /// Subjects of one act whose units are looked up.
    public static let subjectsMax = 1_000
}

/// An account's standing on a date: the last grant or revocation in force then.
public struct AccountGrant: Sendable, Equatable {
    public let account: String
    /// Nil: revoked (or never granted by the date asked).
    public let role: AccountRole?
    public let units: [String]
    /// The effective date of the event in force.
    public let since: LocalDate
    /// The event in force.
    public let seq: UInt64

    public init(account: String, role: AccountRole?, units: [String], since: LocalDate, seq: UInt64) {
        self.account = account
        self.role = role
        self.units = units
        self.since = since
        self.seq = seq
    }
}

/// The grant in force for `account` on `on` (today when nil): the last `account.granted` or `account.revoked`
/// event of its stream whose effective date is on or before the date (`latest`: whatever its date). Nil when
/// none is.
public struct AccountGrantQuery: TableQuery {
    public let account: String
    public let on: LocalDate?
    public let latest: Bool
    public init(account: String, on: LocalDate? = nil, latest: Bool = false) {
        self.account = account
        self.on = on
        self.latest = latest
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> AccountGrant? {
        let date = on ?? LocalDate.today()
        let end = tables.view == .max ? UInt64.max : tables.view + 1
        var found: AccountGrant?
        for seq in try tables.events(concerning: account, in: 1..<end, limit: AccountLimits.eventsPerAccountMax) {
            guard let event = try tables.event(seq: seq), latest || event.effectiveDate <= date else { continue }
            switch try Rules.act(of: event) {
            case .accountGranted(let granted) where granted.account == account:
                found = AccountGrant(account: account, role: granted.role, units: granted.units, since: event.effectiveDate, seq: seq)
            case .accountRevoked(let revoked) where revoked.account == account:
                found = AccountGrant(account: account, role: nil, units: [], since: event.effectiveDate, seq: seq)
            default: continue
            }
        }
        return found
    }
}

/// Whether an act naming `subjects` (its stream and subjects, as prepared) lies within `units` on `on`: each
/// unit, group, person (by their residence that day) and asset it names must be at or below one of them.
public struct AccountScopeQuery: TableQuery {
    public enum Answer: Sendable, Equatable {
        case within
        /// The first unit named (or reached through a group, person or asset) outside the account's units.
        case outside(unit: String, through: String)
        /// The act names no unit, group, person or asset whose unit is known (a policy definition, a unit at the
        /// top of the hierarchy): only an account of a top-level unit may record it.
        case noUnit
    }

    public let subjects: [String]
    public let units: [String]
    public let on: LocalDate

    public init(subjects: [String], units: [String], on: LocalDate) {
        self.subjects = subjects
        self.units = units
        self.on = on
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> Answer {
        var cache: [String: Bool] = [:]
        var reached = false
        for subject in subjects.prefix(AccountLimits.subjectsMax) {
            guard let unit = try unitOf(subject, tables) else { continue }
            reached = true
            var inside = false
            for granted in units where try tables.unit(unit, isWithin: granted, cache: &cache) {
                inside = true
                break
            }
            if !inside { return .outside(unit: unit, through: subject) }
        }
        if reached { return .within }
        // Only an account holding a unit at the top of the hierarchy records acts that name no unit.
        for granted in units where try tables.unit(granted)?.parent == nil && tables.unit(granted) != nil { return .within }
        return .noUnit
    }

    /// The unit a subject lies in; nil for an id that is not registered yet (the act registers it) or whose
    /// kind has no unit.
    private func unitOf<T: TableTransaction & ~Copyable>(_ subject: String, _ tables: borrowing Tables<T>) throws -> String? {
        if subject.hasPrefix("unit:") { return try tables.unit(subject) == nil ? nil : subject }
        if subject.hasPrefix("group:") { return try tables.group(subject)?.unit }
        if subject.hasPrefix("person:") {
            guard let residence = try tables.residence(of: subject, on: on) else { return nil }
            return try tables.group(residence.group)?.unit
        }
        if subject.hasPrefix("asset:") {
            guard let asset = try tables.asset(subject) else { return nil }
            return try tables.group(asset.group)?.unit
        }
        return nil
    }
}
