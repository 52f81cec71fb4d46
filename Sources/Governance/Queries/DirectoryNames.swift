public import EventLog

/// The names a form offers as a clerk types (the server's `<datalist>`s): the units, groups, assets and persons
/// of the register, at most `perKindMax` of each kind, in key order; `cut` names the kinds that had more.
/// Persons' names are opened from the sealed-value store; an erased or unnamed person has an empty name.
public struct DirectoryNamesQuery: TableQuery {
    public let kinds: Set<Found.Kind>
    public let perKindMax: Int

    public init(kinds: Set<Found.Kind>, perKindMax: Int) {
        precondition(perKindMax > 0, "a list of names has room for one")
        self.kinds = kinds
        self.perKindMax = perKindMax
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> (found: [Found], cut: Set<Found.Kind>) {
        var found: [Found] = []
        var cut: Set<Found.Kind> = []
        let max = perKindMax
        if kinds.contains(.unit) {
            var read = 0
            try tables.scan(StateTable.units, from: [], limit: max + 1) { key, value in
                read += 1
                guard read <= max else {
                    cut.insert(.unit)
                    return false
                }
                let id = String(decoding: key, as: UTF8.self)
                let record = try UnitRecord(bytes: value, what: "the unit \(id)")
                found.append(Found(kind: .unit, id: id, name: record.name, within: record.parent))
                return true
            }
        }
        if kinds.contains(.group) || kinds.contains(.asset) {
            var groups = 0
            var assets = 0
            for (id, record) in try tables.groups(within: nil) {
                if kinds.contains(.group) {
                    if groups < max {
                        found.append(Found(kind: .group, id: id, name: record.name, within: record.unit))
                        groups += 1
                    } else {
                        cut.insert(.group)
                    }
                }
                guard kinds.contains(.asset) else { continue }
                let held = try tables.assets(of: id)
                if assets + held.count > max { cut.insert(.asset) }
                for (asset, assetRecord) in held.prefix(Swift.max(0, max - assets)) {
                    found.append(Found(kind: .asset, id: asset, name: assetRecord.description, within: id))
                    assets += 1
                }
            }
        }
        if kinds.contains(.person) {
            var persons: [(id: String, record: PersonRecord)] = []
            try tables.scan(StateTable.persons, from: [], limit: max + 1) { key, value in
                guard persons.count < max else {
                    cut.insert(.person)
                    return false
                }
                let id = String(decoding: key, as: UTF8.self)
                persons.append((id, try PersonRecord(bytes: value, what: "the person \(id)")))
                return true
            }
            for (id, record) in persons {
                found.append(Found(kind: .person, id: id, name: try PersonName(record, tables: tables).text ?? "", within: nil))
            }
        }
        return (found, cut)
    }
}
