public import CanonicalJSON
public import EventLog
public import Governance
public import Messages

/// `grassroots funds` and `GET /api/funds`: a group's fund.
public struct FundsReport: Sendable {
    public let group: String
    public let name: String?
    public let report: FundsQuery.Result

    public static func run(_ ledger: Ledger, group: String, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> FundsReport {
        let group = try NameLookup.resolve(ledger, group, as: .group, atSeq: atSeq, language: language)
        let report = try ledger.query(FundsQuery(group: group, asOf: asOf), atSeq: atSeq)
        let name = try NameLookup.names(ledger, [group], atSeq: atSeq, language: language)[group]
        return FundsReport(group: group, name: name, report: report)
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.set("group", .string(group))
        if let name { object.set("groupName", .string(name)) }
        object.set("receiptsFen", .integer(report.receiptsFen))
        object.set("expensesFen", .integer(report.expensesFen))
        object.set("balanceFen", .integer(report.balanceFen))
        object.set("lines", .array(report.lines.map { line in
            var o: JSONObject = ["seq": .integer(Int64(line.seq)), "date": .string(line.date), "kind": .string(line.kind),
                                 "amountFen": .integer(line.amountFen), "counterparty": .string(line.counterparty)]
            if let approval = line.approval { o.set("approval", .string(approval)) }
            return .object(o)
        }))
        return .object(object)
    }
}

/// `grassroots assets` and `GET /api/assets`: a group's asset register.
public struct AssetsReport: Sendable {
    public let group: String
    public let rows: [AssetsQuery.Result.Element]
    /// The custodians' names.
    public let names: [String: String]

    public static func run(_ ledger: Ledger, group: String, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> AssetsReport {
        let group = try NameLookup.resolve(ledger, group, as: .group, atSeq: atSeq, language: language)
        let rows = try ledger.query(AssetsQuery(group: group, asOf: asOf), atSeq: atSeq)
        let names = try NameLookup.names(ledger, rows.map(\.custodian) + rows.flatMap { $0.history.map(\.custodian) }, atSeq: atSeq, language: language)
        return AssetsReport(group: group, rows: rows, names: names)
    }

    public var json: JSONValue {
        .array(rows.map { row in
            .object(JSONObject([("asset", .string(row.asset)), ("description", .string(row.description)), ("kind", .string(row.kind)),
                                ("valueFen", .integer(row.valueFen)), ("custodian", .string(row.custodian))]
                               + (names[row.custodian].map { [("custodianName", JSONValue.string($0))] } ?? [])
                               + [("status", .string(row.status)), ("history", .array(row.history.map { .string($0.english) }))]))
        })
    }
}

/// `grassroots subsidies` and `GET /api/subsidies`: per person, year and funding source.
public struct SubsidiesReport: Sendable {
    public let rows: [SubsidiesQuery.Result.Element]
    /// The persons' names.
    public let names: [String: String]

    /// One of `person`, `group`, `unit` (ids or exact names).
    public static func run(_ ledger: Ledger, person: String?, group: String?, unit: String?, asOf: LocalDate?, atSeq: UInt64?,
                           language: Language) throws -> SubsidiesReport {
        let group = try NameLookup.resolve(ledger, group, as: .group, atSeq: atSeq, language: language)
        let unit = try NameLookup.resolve(ledger, unit, as: .unit, atSeq: atSeq, language: language)
        let person = try NameLookup.resolve(ledger, person, as: .person, atSeq: atSeq, language: language)
        let rows = try ledger.query(SubsidiesQuery(person: person, group: group, unit: unit, asOf: asOf), atSeq: atSeq)
        return SubsidiesReport(rows: rows, names: try NameLookup.names(ledger, rows.map(\.person), atSeq: atSeq, language: language))
    }

    public var json: JSONValue {
        .array(rows.map { row in
            .object(JSONObject([("person", .string(row.person))] + (names[row.person].map { [("personName", JSONValue.string($0))] } ?? []) + [("year", .string(row.year)),
                                ("accruedFen", .object(JSONObject(row.accruedFen.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) }))),
                                ("bonusFen", .integer(row.bonusFen)), ("deductedFen", .integer(row.deductedFen)), ("paidFen", .integer(row.paidFen))]))
        })
    }
}

/// `grassroots alerts` and `GET /api/alerts`: what should have happened and did not.
public struct AlertsReport: Sendable {
    public let alerts: [AlertsQuery.Result.Element]
    /// The names of the groups and persons the alerts name.
    public let names: [String: String]

    /// On `asOf` (today when nil), at or below `unit` (every group when nil).
    public static func run(_ ledger: Ledger, unit: String?, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> AlertsReport {
        let day = asOf ?? LocalDate.today()
        let unit = try NameLookup.resolve(ledger, unit, as: .unit, atSeq: atSeq, language: language)
        let alerts = try ledger.query(AlertsQuery(unit: unit, asOf: day), atSeq: atSeq)
        return AlertsReport(alerts: alerts, names: try NameLookup.names(ledger, alerts.map(\.group) + alerts.compactMap(\.person), atSeq: atSeq, language: language))
    }

    public var json: JSONValue {
        .array(alerts.map { alert in
            var o: JSONObject = ["kind": .string(alert.kind), "group": .string(alert.group), "detail": .string(alert.detail), "source": .string(alert.source)]
            if let name = names[alert.group] { o.set("groupName", .string(name)) }
            if let person = alert.person { o.set("person", .string(person)) }
            if let person = alert.person, let name = names[person] { o.set("personName", .string(name)) }
            return .object(o)
        })
    }
}
