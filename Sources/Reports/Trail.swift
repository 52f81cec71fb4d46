public import EventLog
import Governance
public import Messages
import CanonicalJSON

/// `grassroots trail` and `GET /api/trail`: every event concerning a person, group or unit, in order, with
/// corrected and retracted ones marked.
public struct TrailReport: Sendable {
    public enum Kind: Sendable { case person, group, unit }
    /// The subject's id.
    public let subject: String
    public let events: [RecordedEvent]
    public let statuses: [UInt64: (status: String, by: UInt64)]

    /// The events concerning `given` (an id or exact name of the kind), at most `limit` from the first, those
    /// recorded by `atSeq`, with effective dates from `from` to `to`.
    public static func run(_ ledger: Ledger, _ given: String, as kind: Kind, from: LocalDate?, to: LocalDate?, atSeq: UInt64?, limit: Int,
                           language: Language) throws -> TrailReport {
        let found: Found.Kind = switch kind {
        case .person: .person
        case .group: .group
        case .unit: .unit
        }
        let subject = try NameLookup.resolve(ledger, given, as: found, atSeq: atSeq, language: language)
        let events = try ledger.events(forSubject: subject, fromSeq: 1, limit: limit).filter { event in
            (atSeq.map { event.seq <= $0 } ?? true)
                && (from.map { event.effectiveDate >= $0 } ?? true) && (to.map { event.effectiveDate <= $0 } ?? true)
        }
        let statuses = try ledger.query(StatusQuery(seqs: events.map(\.seq)), atSeq: atSeq)
        return TrailReport(subject: subject, events: events, statuses: statuses)
    }

    /// The `--json` answer: one canonical envelope per line, with `status` and `statusBy` where corrected or
    /// retracted.
    public var ndjson: String {
        events.map { event in
            var object = event.canonicalObject
            if let status = statuses[event.seq] {
                object.set("status", .string(status.status))
                object.set("statusBy", .integer(Int64(status.by)))
            }
            return CanonicalJSON.string(.object(object)) + "\n"
        }.joined()
    }
}
