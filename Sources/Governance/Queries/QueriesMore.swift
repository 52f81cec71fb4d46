import CanonicalJSON
public import EventLog
/// Subsidies per person, year and funding source.
public struct SubsidyRow: Sendable, Equatable {
    public let person: String
    public let year: String
    /// Accrued per funding source.
    public var accruedFen: [String: Int64] = [:]
    public var deductedFen: Int64 = 0
    public var bonusFen: Int64 = 0
    /// Paid (less reversals) with a date in the year.
    public var paidFen: Int64 = 0
}

public struct SubsidiesQuery: TableQuery {
    public let person: String?
    public let group: String?
    public let unit: String?
    public let asOf: LocalDate?
    public init(person: String?, group: String?, unit: String?, asOf: LocalDate?) {
        self.person = person
        self.group = group
        self.unit = unit
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [SubsidyRow] {
        var persons: [String] = []
        if let person {
            guard try tables.person(person) != nil else {
                throw RuleViolation.unknownPerson(person)
            }
            persons = [person]
        } else {
            // Everyone who held a post in the groups concerned.
            var seen = Set<String>()
            var groups: [String] = []
            if let group {
                guard try tables.group(group) != nil else {
                    throw RuleViolation.unknownGroup(group)
                }
                groups = [group]
            } else if let unit {
                groups = try tables.groups(within: unit).map(\.id)
            }
            for g in groups {
                for post in Post.allCases.map(\.rawValue) {
                    for interval in try tables.intervals(g, post) where seen.insert(interval.person).inserted { persons.append(interval.person) }
                }
            }
        }
        let day = asOf?.description ?? "9999-12-31"
        var rows: [String: SubsidyRow] = [:]
        var order: [String] = []
        for p in persons {
            let lines = try tables.moneyLines(of: p)
            // Accruals per funding source, by the period they pay for.
            for line in lines {
                guard let accrual = line.accrual, group == nil || line.group == group, "\(accrual.period)-01" <= day else { continue }
                let year = String(accrual.period.prefix(4))
                let id = p + "/" + year
                if rows[id] == nil { rows[id] = SubsidyRow(person: p, year: year); order.append(id) }
                rows[id]?.accruedFen[accrual.source, default: 0] += line.amountFen
            }
            for line in lines where line.date <= day && line.kind != .accrued {
                let year = line.year ?? String(line.date.prefix(4))
                let id = p + "/" + year
                if rows[id] == nil { rows[id] = SubsidyRow(person: p, year: year); order.append(id) }
                switch line.kind {
                case .deducted: rows[id]?.deductedFen += line.amountFen
                case .bonus: rows[id]?.bonusFen += line.amountFen
                case .paid: rows[id]?.paidFen += line.amountFen
                case .reversed: rows[id]?.paidFen -= line.amountFen
                case .accrued: break
                }
            }
        }
        return order.sorted().compactMap { rows[$0] }
    }
}

/// One asset of a group: its register entry, custodian and status on a date, and custody history.
public struct AssetRow: Sendable, Equatable {
    /// One change of custody or status.
    public struct Change: Sendable, Equatable {
        public let date: String
        /// registered, custody changed, handed over, leased, disposed, returned.
        public let act: String
        public let custodian: String
        /// held, leased, disposed.
        public let status: String
        /// "2023-02-18 registered: person:p, held".
        public var english: String { "\(date) \(act): \(custodian), \(status)" }
    }
    public let asset: String
    public let description: String
    public let kind: String
    public let valueFen: Int64
    public let custodian: String
    public let status: String
    public let history: [Change]
}

public struct AssetsQuery: TableQuery {
    public let group: String
    public let asOf: LocalDate?
    public init(group: String, asOf: LocalDate?) {
        self.group = group
        self.asOf = asOf
    }

    public func run<T: TableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [AssetRow] {
        guard try tables.group(group) != nil else {
            throw RuleViolation.unknownGroup(group)
        }
        let day = asOf?.description ?? "9999-12-31"
        var rows: [AssetRow] = []
        for (id, asset) in try tables.assets(of: group) {
            var history: [AssetRow.Change] = []
            var custodian = ""
            var status = ""
            let entries = try tables.records(StateTable.custody, of: id) { try CustodyEntry(bytes: $0, what: "the custody of \(id)") }
            for entry in entries where entry.date.description <= day {
                custodian = entry.custodian
                status = entry.status
                history.append(.init(date: entry.date.description, act: entry.act, custodian: custodian, status: status))
            }
            let value = asset.valueFen
            if !history.isEmpty { rows.append(AssetRow(asset: id, description: asset.description, kind: asset.kind.rawValue, valueFen: value, custodian: custodian, status: status, history: history)) }
        }
        return rows
    }
}
