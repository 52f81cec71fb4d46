import EventLog
import Governance
import Messages
import Reports

/// Names beside ids, and ids from names, in the reader's language (`Reports.NameLookup`, shared with the server).
enum Lookup {
    /// The names of the ids (units, groups, assets, persons), as the ledger stood after `atSeq` (now when nil).
    static func names(_ ledger: Ledger, _ ids: some Sequence<String>, atSeq: UInt64?) throws -> [String: String] {
        try NameLookup.names(ledger, ids, atSeq: atSeq, language: Reading.language)
    }

    /// The id a person typed (`NameLookup.resolve`); a name that names nothing, or several things, is bad input.
    static func resolve(_ ledger: Ledger, _ text: String, as kind: Found.Kind, atSeq: UInt64?) throws -> String {
        do {
            return try NameLookup.resolve(ledger, text, as: kind, atSeq: atSeq, language: Reading.language)
        } catch let failure as LookupFailure {
            throw CLIError.said(failure.text, .badInput)
        }
    }

    /// Optional form of `resolve`.
    static func resolve(_ ledger: Ledger, _ text: String?, as kind: Found.Kind, atSeq: UInt64?) throws -> String? {
        guard let text else { return nil }
        return try resolve(ledger, text, as: kind, atSeq: atSeq) as String
    }
}

extension Lookup {
    /// Free text as a reader sees it (`NameLookup.shown`).
    static func shown(_ text: String, _ language: Language) -> String { NameLookup.shown(text, language) }
}
