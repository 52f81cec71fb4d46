public import CanonicalJSON
public import EventLog
public import Governance
public import Messages

/// `grassroots units` and `GET /api/units`: the registered units.
public struct UnitsReport: Sendable {
    public let units: [UnitEntry]
    /// The units' own names, by id (for their parents).
    public let names: [String: String]

    /// Every unit at or below `within` (an id or an exact name; every unit when nil).
    public static func run(_ ledger: Ledger, within: String?, atSeq: UInt64?, language: Language) throws -> UnitsReport {
        let within = try NameLookup.resolve(ledger, within, as: .unit, atSeq: atSeq, language: language)
        let units = try ledger.query(UnitsQuery(within: within), atSeq: atSeq)
        return UnitsReport(units: units, names: Dictionary(units.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }))
    }

    public var json: JSONValue {
        .array(units.map { unit in
            var o: JSONObject = ["unit": .string(unit.id), "name": .string(unit.name), "level": .string(unit.level)]
            if let parent = unit.parent { o.set("parent", .string(parent)) }
            return .object(o)
        })
    }
}

/// `grassroots groups` and `GET /api/groups`: the registered groups with their size and leader.
public struct GroupsReport: Sendable {
    public let groups: [GroupEntry]
    /// The names of the groups' units.
    public let names: [String: String]

    public static func run(_ ledger: Ledger, unit: String?, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> GroupsReport {
        let unit = try NameLookup.resolve(ledger, unit, as: .unit, atSeq: atSeq, language: language)
        let groups = try ledger.query(GroupsQuery(unit: unit, asOf: asOf), atSeq: atSeq)
        return GroupsReport(groups: groups, names: try NameLookup.names(ledger, groups.map(\.unit), atSeq: atSeq, language: language))
    }

    public var json: JSONValue {
        .array(groups.map { group in
            var o: JSONObject = ["group": .string(group.id), "name": .string(group.name), "unit": .string(group.unit), "kind": .string(group.kind)]
            if let name = names[group.unit] { o.set("unitName", .string(name)) }
            if let households = group.households { o.set("households", .integer(households)) }
            if let adults = group.adults { o.set("adults", .integer(adults)) }
            if let leader = group.leader { o.set("leader", .string(leader)) }
            return .object(o)
        })
    }
}

/// `grassroots find` and `GET /api/find`: units, groups, assets and persons by a part of their name or id.
public struct FindReport: Sendable {
    public let matches: [Found]
    /// More matched than `DirectoryLimits.matchesMax`.
    public let cut: Bool
    /// The names of where each match belongs.
    public let names: [String: String]

    /// Nothing found is a `LookupFailure` (bad input, exit 2 / HTTP 400).
    public static func run(_ ledger: Ledger, text: String, atSeq: UInt64?, language: Language) throws -> FindReport {
        let (matches, cut) = try ledger.query(FindQuery(text: text), atSeq: atSeq)
        guard !matches.isEmpty else { throw LookupFailure(text: Msg.queries.directory.nothingFound(["text": .plain(text)]), notFound: true) }
        return FindReport(matches: matches, cut: cut, names: try NameLookup.names(ledger, matches.compactMap(\.within), atSeq: atSeq, language: language))
    }

    public var json: JSONValue {
        .array(matches.map { found in
            var o: JSONObject = ["kind": .string(found.kind.rawValue), "id": .string(found.id)]
            if !found.name.isEmpty { o.set("name", .string(found.name)) }
            if let within = found.within { o.set("within", .string(within)) }
            return .object(o)
        })
    }
}
