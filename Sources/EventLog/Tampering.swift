import LMDB

/// What someone who can write a ledger's files could do to cover a change, for tests of `verify
/// --checkpoint` and the witness (`@testable`): nothing in the program calls these.
extension Ledger {
    /// Replaces event `seq`'s canonical bytes with `edit` of them. With `rechain`, every hash from seq on is
    /// recomputed (the chain then verifies); with `rebuildTree`, `log.tiles` is rebuilt from the events as
    /// they now are (the tree then verifies). The indexes are left as they are.
    static func rewriteForTests(_ path: String, seq: UInt64, rechain: Bool, rebuildTree: Bool, _ edit: ([UInt8]) -> [UInt8]) throws {
        do {
            let ledger = try Ledger.open(at: path)
            try ledger.environment.write { txn in
                let head = try ledger.readHead(txn).seq
                var previous = seq == 1 ? Hash.genesis.bytes
                    : try txn.get(ledger.events, key: Layout.seqKey(seq - 1)).map { Array($0[1..<Layout.recordHeaderBytes]) } ?? []
                for current in seq...(rechain ? head : seq) {
                    guard var record = try txn.get(ledger.events, key: Layout.seqKey(current)) else { continue }
                    var canonical = Array(record[Layout.recordHeaderBytes...])
                    if current == seq { canonical = edit(canonical) }
                    let hash = rechain
                        ? previous.withUnsafeBytes { p in canonical.withUnsafeBytes { Envelope.chainHash(previous: p, canonical: $0).withUnsafeBytes { Array($0) } } }
                        : Array(record[1..<Layout.recordHeaderBytes])
                    record = [Layout.recordFormat] + hash + canonical
                    try txn.put(ledger.events, key: Layout.seqKey(current), value: record)
                    previous = hash
                }
            }
        }
        if rebuildTree { try rebuildMerkleTree(path) }
    }

    /// Drops every event after `keeping`, with its index entries, and rebuilds the tree: a truncated log that
    /// verifies on its own.
    static func truncateForTests(_ path: String, keeping: UInt64) throws {
        do {
            let ledger = try Ledger.open(at: path)
            try ledger.environment.write { txn in
                let head = try ledger.readHead(txn).seq
                guard keeping < head else { return }
                for seq in (keeping + 1)...head { try txn.delete(ledger.events, key: Layout.seqKey(seq)) }
                for db in [ledger.subjects, ledger.idempotency] {
                    var doomed: [[UInt8]] = []
                    try txn.withCursor(db) { cursor in
                        var entry = try cursor.first()
                        while let current = entry {
                            let seq = db == ledger.subjects ? Layout.splitPrefixed(current.key)?.number : Layout.readSeq(current.value)
                            if let seq, seq > keeping { doomed.append(Array(current.key)) }
                            entry = try cursor.next()
                        }
                    }
                    for key in doomed { try txn.delete(db, key: key) }
                }
            }
        }
        try rebuildMerkleTree(path)
    }
}
