public import EventLog

/// Finding things: the units, the groups, names for ids, and a search by name or id.
public enum DirectoryLimits {
    /// Units read by `units` (and by a search).
    public static let unitsMax = 100_000
    /// Matches a search returns.
    public static let matchesMax = 200
    /// Assets a search reads per group.
    public static let assetsPerGroupMax = 10_000
    /// Persons a search reads (by id); a larger register is searched in part, and the answer says so.
    public static let personsMax = 1_000_000
}

/// A unit of the register.
public struct UnitEntry: Sendable, Equatable {
    public let id: String
    public let name: String
    public let level: String
    public let parent: String?
}

/// A group of the register, with its size and leader now (or on the date asked).
public struct GroupEntry: Sendable, Equatable {
    public let id: String
    public let name: String
    public let unit: String
    public let kind: String
    public let households: Int64?
    public let adults: Int64?
    public let leader: String?
}

/// Every registered unit (at or below `within` when given), in id order.
public struct UnitsQuery: TableQuery {
    public let within: String?
    public init(within: String?) { self.within = within }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [UnitEntry] {
        if let within, try tables.unit(within) == nil {
            throw RuleViolation.unknownUnit(within)
        }
        var units: [UnitEntry] = []
        var cache: [String: Bool] = [:]
        try tables.scan(StateTable.units, from: [], limit: DirectoryLimits.unitsMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let record = try UnitRecord(bytes: value, what: "the unit \(id)")
            if let within, !(try tables.unit(id, isWithin: within, cache: &cache)) { return true }
            units.append(UnitEntry(id: id, name: record.name, level: record.level.rawValue, parent: record.parent))
            return true
        }
        return units
    }
}

/// Every registered group (at or below `unit` when given), with its size and leader on `asOf` (or now).
public struct GroupsQuery: TableQuery {
    public let unit: String?
    public let asOf: LocalDate?
    public init(unit: String?, asOf: LocalDate?) {
        self.unit = unit
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [GroupEntry] {
        let on = asOf ?? LocalDate.today()
        return try tables.groups(within: unit).compactMap { id, record in
            if let asOf, record.since > asOf { return nil }
            let size = try tables.size(of: id, on: on)
            let leader = try tables.intervals(id, Post.groupLeader.rawValue).last { interval in
                interval.since <= on.description && (asOf == nil ? interval.until == nil : interval.until.map { on.description < $0 } ?? true)
            }
            return GroupEntry(id: id, name: record.name, unit: record.unit, kind: record.kind.rawValue,
                              households: size?.households, adults: size?.adults, leader: leader?.person)
        }
    }
}

/// The names of the given ids: units' and groups' registered names, assets' descriptions. Persons' names are
/// personal data kept out of the chain and the register: `PersonNamesQuery` opens them.
public struct NamesQuery: TableQuery {
    public let ids: Set<String>
    public init(ids: Set<String>) { self.ids = ids }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [String: String] {
        var names: [String: String] = [:]
        for id in ids {
            if id.hasPrefix("unit:"), let unit = try tables.unit(id) {
                names[id] = unit.name
            } else if id.hasPrefix("group:"), let group = try tables.group(id) {
                names[id] = group.name
            } else if id.hasPrefix("asset:"), let asset = try tables.asset(id) {
                names[id] = asset.description
            }
        }
        return names
    }
}

/// One thing found by name or id.
public struct Found: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case unit, group, asset, person }
    public let kind: Kind
    public let id: String
    public let name: String
    /// Where it belongs: a unit's parent, a group's unit, an asset's group, a person's group.
    public let within: String?
}

/// Units, groups, assets and persons whose name or id contains the text (case-insensitive
/// for Latin letters), at most `DirectoryLimits.matchesMax`; an exact match of a whole name or id comes first.
public struct FindQuery: TableQuery {
    public let text: String
    public init(text: String) { self.text = text }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> (matches: [Found], cut: Bool) {
        let needle = text.lowercased()
        var exact: [Found] = []
        var partial: [Found] = []
        func consider(_ found: Found) {
            let id = found.id.lowercased()
            let name = found.name.lowercased()
            if id == needle || name == needle {
                exact.append(found)
            } else if id.contains(needle) || name.contains(needle) {
                partial.append(found)
            }
        }
        try tables.scan(StateTable.units, from: [], limit: DirectoryLimits.unitsMax) { key, value in
            let id = String(decoding: key, as: UTF8.self)
            let record = try UnitRecord(bytes: value, what: "the unit \(id)")
            consider(Found(kind: .unit, id: id, name: record.name, within: record.parent))
            return true
        }
        for (id, record) in try tables.groups(within: nil) {
            consider(Found(kind: .group, id: id, name: record.name, within: record.unit))
            for (asset, assetRecord) in try tables.assets(of: id).prefix(DirectoryLimits.assetsPerGroupMax) {
                consider(Found(kind: .asset, id: asset, name: assetRecord.description, within: id))
            }
        }
        var personsRead = 0
        // Persons by id and by name (opened from the sealed-value store; an erased person has none).
        var persons: [(id: String, record: PersonRecord)] = []
        try tables.scan(StateTable.persons, from: [], limit: DirectoryLimits.personsMax) { key, value in
            personsRead += 1
            let id = String(decoding: key, as: UTF8.self)
            persons.append((id, try PersonRecord(bytes: value, what: "the person \(id)")))
            return true
        }
        let today = LocalDate.today()
        for (id, record) in persons where partial.count + exact.count <= DirectoryLimits.matchesMax {
            let name = try PersonName(record, tables: tables).text ?? ""
            guard id.lowercased().contains(needle) || name.lowercased().contains(needle) else { continue }
            consider(Found(kind: .person, id: id, name: name, within: try tables.residence(of: id, on: today)?.group))
        }
        let all = exact + partial
        return (Array(all.prefix(DirectoryLimits.matchesMax)), all.count > DirectoryLimits.matchesMax || personsRead >= DirectoryLimits.personsMax)
    }
}
