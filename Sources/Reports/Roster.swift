public import CanonicalJSON
public import EventLog
public import Governance
public import Messages

/// `grassroots roster` and `GET /api/roster`: who holds (or held) each post, with names beside ids.
public struct RosterReport: Sendable {
    public let rows: [RosterRow]
    /// Names of the groups and persons the rows name.
    public let names: [String: String]

    /// The roster of one group or of every group at or below a unit (each given as an id or an exact name), on
    /// `asOf` (now when nil), as the ledger stood after `atSeq` (now when nil).
    public static func run(_ ledger: Ledger, unit: String?, group: String?, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> RosterReport {
        let unit = try NameLookup.resolve(ledger, unit, as: .unit, atSeq: atSeq, language: language)
        let group = try NameLookup.resolve(ledger, group, as: .group, atSeq: atSeq, language: language)
        let rows = try ledger.query(RosterQuery(unit: unit, group: group, asOf: asOf), atSeq: atSeq)
        let names = try NameLookup.names(ledger, rows.map(\.group) + rows.compactMap(\.person), atSeq: atSeq, language: language)
        return RosterReport(rows: rows, names: names)
    }

    /// The `--json` answer: one object per post.
    public var json: JSONValue {
        .array(rows.map { row in
            var object: JSONObject = ["group": .string(row.group), "post": .string(row.post)]
            if let name = names[row.group] { object.set("groupName", .string(name)) }
            if let person = row.person { object.set("person", .string(person)) }
            if let person = row.person, let name = names[person] { object.set("personName", .string(name)) }
            if let since = row.since { object.set("since", .string(since)) }
            if let vacant = row.vacantSince { object.set("vacantSince", .string(vacant)) }
            return .object(object)
        })
    }
}
