public import CanonicalJSON
public import EventLog
public import Governance
public import Messages

/// `grassroots person` and `GET /api/person`: a person's posts over time, grades, discipline and subsidy account,
/// with the names of the groups.
public struct PersonAnswer: Sendable {
    public let report: PersonReport
    public let names: [String: String]

    /// `person` is an id or an exact name; on `asOf` (today when nil), as the ledger stood after `atSeq`.
    public static func run(_ ledger: Ledger, person: String, asOf: LocalDate?, atSeq: UInt64?, language: Language) throws -> PersonAnswer {
        let person = try NameLookup.resolve(ledger, person, as: .person, atSeq: atSeq, language: language)
        let report = try ledger.query(PersonQuery(person: person, asOf: asOf), atSeq: atSeq)
        let names = try NameLookup.names(ledger, report.tenures.map(\.group) + report.grades.map(\.group) + [person], atSeq: atSeq, language: language)
        return PersonAnswer(report: report, names: names)
    }

    /// The `--json` answer.
    public var json: JSONValue {
        var object = JSONObject()
        object.set("person", .string(report.person))
        if let name = report.name.text { object.set("name", .string(name)) }
        if case .erased(let seq) = report.name { object.set("erasedBy", .integer(Int64(seq))) }
        object.set("posts", .array(report.tenures.map { t in
            var o: JSONObject = ["group": .string(t.group), "post": .string(t.post), "since": .string(t.since)]
            if let name = names[t.group] { o.set("groupName", .string(name)) }
            if let until = t.until { o.set("until", .string(until)) }
            if let reason = t.reason { o.set("reason", .string(reason)) }
            return .object(o)
        }))
        object.set("grades", .array(report.grades.map { .object(["group": .string($0.group), "year": .string($0.year), "grade": .string($0.grade)]) }))
        object.set("discipline", .array(report.discipline.map { .object(["date": .string($0.date), "kind": .string($0.kind), "reason": .string($0.reason)]) }))
        object.set("owedFen", .integer(report.owedFen))
        return .object(object)
    }
}
