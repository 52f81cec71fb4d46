public import EventLog
public import Governance
public import Messages

/// The ledger's answers to the act builder (`Acts.build`) for the server's forms: names by `NameLookup.resolve`
/// (a name that names nothing, or several things, is a `LookupFailure` in `language`), ids and keys by reads.
/// The command line's `LedgerActContext` answers the same way, in the reader's language.
public struct LedgerActLookups: ActContext {
    public let ledger: Ledger
    public let language: Language

    public init(ledger: Ledger, language: Language) {
        self.ledger = ledger
        self.language = language
    }

    public func resolve(_ text: String, as kind: Found.Kind) throws -> String {
        try NameLookup.resolve(ledger, text, as: kind, atSeq: nil, language: language)
    }

    public func isRegistered(_ id: String) throws -> Bool { try ledger.query(RegisteredQuery(id: id)) }

    public func seq(ofIdempotencyKey key: String) throws -> UInt64? { try ledger.seq(ofIdempotencyKey: key) }
}
