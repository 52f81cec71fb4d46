public import EventLog
public import Governance
public import Messages

/// A name a person typed that names nothing, or several things: bad input, said in the reader's language.
public struct LookupFailure: Error, Sendable {
    public let text: Text
}

/// Names beside ids, and ids from names: the command line's and the server's, so both show the same.
public enum NameLookup {
    /// The names of the ids (units, groups, assets, persons), as the ledger stood after `atSeq` (now when nil).
    /// Persons' names are opened from the sealed-value store (Schemas/PERSONAL.md); an erased person's shows as
    /// erased, in `language`.
    public static func names(_ ledger: Ledger, _ ids: some Sequence<String>, atSeq: UInt64?, language: Language) throws -> [String: String] {
        let wanted = Set(ids)
        var names = try ledger.query(NamesQuery(ids: wanted), atSeq: atSeq)
        for (id, name) in try ledger.query(PersonNamesQuery(ids: wanted), atSeq: atSeq) {
            switch name {
            case .named(let text): names[id] = text
            case .erased: names[id] = Msg.common.erased.template(language)
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
    /// exactly `text`. None is a `LookupFailure` naming `grassroots find`; several are listed to choose from.
    public static func resolve(_ ledger: Ledger, _ text: String, as kind: Found.Kind, atSeq: UInt64?, language: Language) throws -> String {
        // A registered id is itself, found by key: the directory's scan below (every unit, group, asset and
        // person) is only for names, and cost 50 ms a request on the demo ledger (tools/bench-serve.py).
        if text.hasPrefix(kind.rawValue + ":") {
            let wanted: Set<String> = [text]
            let registered = kind == .person
                ? try ledger.query(PersonNamesQuery(ids: wanted), atSeq: atSeq)[text] != nil
                : try ledger.query(NamesQuery(ids: wanted), atSeq: atSeq)[text] != nil
            if registered { return text }
        }
        let found = try ledger.query(FindQuery(text: text), atSeq: atSeq).matches.filter { $0.kind == kind }
        if found.contains(where: { $0.id == text }) { return text }
        let named = found.filter { $0.name == text }
        let word = Msg.queries.kind[kind.rawValue] ?? Msg.queries.thing
        switch named.count {
        case 1: return named[0].id
        case 0:
            // An id that is not registered: let the query refuse it by its own rule (unknown group...).
            if text.hasPrefix(kind.rawValue + ":") { return text }
            throw LookupFailure(text: Msg.errors.unknownName(["kind": .plain(word.template(language)), "text": .plain(text)]))
        default:
            let places = try names(ledger, named.compactMap(\.within), atSeq: atSeq, language: language)
            throw LookupFailure(text: Msg.errors.ambiguousName([
                "text": .plain(text), "count": .number(named.count), "kind": .plain(word.template(language)),
                "choices": .list(named.map { found in
                    .text(Msg.common.named(["id": .plain(found.within.map { places[$0] ?? $0 } ?? ""), "name": .plain(found.id)]))
                }),
            ]))
        }
    }

    /// Optional form of `resolve`.
    public static func resolve(_ ledger: Ledger, _ text: String?, as kind: Found.Kind, atSeq: UInt64?, language: Language) throws -> String? {
        guard let text else { return nil }
        return try resolve(ledger, text, as: kind, atSeq: atSeq, language: language) as String
    }
}
