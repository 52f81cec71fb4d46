import LMDB

/// What `Ledger.eraseSealed` did.
public struct SealedErasure: Sendable, Equatable {
    /// Openings found and deleted.
    public let removed: Int
    /// Commitments asked for.
    public let asked: Int
}

extension Ledger {
    /// Opens commitments against this ledger's sealed-value store (a query outside `readTables`).
    public var sealedValues: SealedLookup { SealedLookup(store: sealedStore) }

    /// Erases the openings of `commitments` from the sealed-value store and rewrites it compacted, so that no
    /// file of the ledger directory holds them (SealedStore). Runs under the log's writer lock (no append
    /// stores openings meanwhile) and writes nothing to the log: the higher layer records the erasure as an
    /// event first. Running it again after a crash finishes the work.
    public func eraseSealed(_ commitments: [Commitment]) throws -> SealedErasure {
        try requireWritable()
        precondition(commitments.count <= SealedStore.eraseBatchMax, "at most \(SealedStore.eraseBatchMax) commitments per erasure")
        let removed = try storage {
            try environment.writeAndDiscard { _ in try sealedStore.erase(commitments.map(\.digest)) }
        }
        return SealedErasure(removed: removed, asked: commitments.count)
    }

    /// How many of `commitments` the sealed-value store can open.
    public func sealedCount(_ commitments: [Commitment]) throws -> Int {
        try storage { try sealedStore.count(commitments.map(\.digest)) }
    }

    /// The sealed-value store's directory (`sealed/` in the ledger directory).
    public var sealedDirectory: String { sealedStore.directory }
}
