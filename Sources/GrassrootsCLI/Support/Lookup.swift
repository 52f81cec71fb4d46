import EventLog
import Governance
import Messages

/// Names beside ids, and ids from names.
enum Lookup {
    /// The names of the ids (units, groups, assets, persons), as the ledger stood after `atSeq` (now when nil).
    /// Persons' names are opened from the sealed-value store (Schemas/PERSONAL.md); an erased person's shows as
    /// erased, in the reader's language.
    static func names(_ ledger: Ledger, _ ids: some Sequence<String>, atSeq: UInt64?) throws -> [String: String] {
        let wanted = Set(ids)
        var names = try ledger.query(NamesQuery(ids: wanted), atSeq: atSeq)
        for (id, name) in try ledger.query(PersonNamesQuery(ids: wanted), atSeq: atSeq) {
            switch name {
            case .named(let text): names[id] = text
            case .erased: names[id] = Msg.common.erased.local
            case .unnamed: break
            }
        }
        // Sealed values a trail shows (Describe): opened, or left out (erased).
        for id in wanted where id.hasPrefix(Commitment.prefix) {
            if let value = try ledger.sealedValues.value(id) { names[id] = value }
        }
        return names
    }

    /// The id a person typed: an id as is when registered; else the one unit, group, asset or person whose name is
    /// exactly `text`. None is an error naming `grassroots find`; several are listed to choose from.
    static func resolve(_ ledger: Ledger, _ text: String, as kind: Found.Kind, atSeq: UInt64?) throws -> String {
        let found = try ledger.query(FindQuery(text: text), atSeq: atSeq).matches.filter { $0.kind == kind }
        if found.contains(where: { $0.id == text }) { return text }
        let named = found.filter { $0.name == text }
        let word = Msg.queries.kind[kind.rawValue] ?? Msg.queries.thing
        switch named.count {
        case 1: return named[0].id
        case 0:
            // An id that is not registered: let the query refuse it by its own rule (unknown group...).
            if text.hasPrefix(kind.rawValue + ":") { return text }
            throw CLIError.said(Msg.errors.unknownName(["kind": .plain(word.local), "text": .plain(text)]), .badInput)
        default:
            let places = try names(ledger, named.compactMap(\.within), atSeq: atSeq)
            throw CLIError.said(Msg.errors.ambiguousName([
                "text": .plain(text), "count": .number(named.count), "kind": .plain(word.local),
                "choices": .list(named.map { found in
                    .text(Msg.common.named(["id": .plain(found.within.map { places[$0] ?? $0 } ?? ""), "name": .plain(found.id)]))
                }),
            ]), .badInput)
        }
    }

    /// The persons a departure audit names (the holder, the one who took over, the handover's witnesses,
    /// custodians), whose names the report shows beside their ids.
    static func persons(of audit: DepartureAudit) -> [String] {
        [audit.person] + (audit.handoverIncoming.map { [$0] } ?? []) + (audit.handover.map { [$0.incoming] + $0.witnesses } ?? [])
            + audit.assets.flatMap { [$0.atStart?.custodian, $0.atEnd?.custodian].compactMap { $0 } }
    }

    /// Optional form of `resolve`.
    static func resolve(_ ledger: Ledger, _ text: String?, as kind: Found.Kind, atSeq: UInt64?) throws -> String? {
        guard let text else { return nil }
        return try resolve(ledger, text, as: kind, atSeq: atSeq) as String
    }
}
