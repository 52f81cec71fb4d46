import LMDB

/// The Merkle tree's tiles in an LMDB environment of their own, without a log: for measuring the tree at
/// sizes no test builds (tools/benchmark `--merkle`). The ledger keeps the same tiles in `log.tiles`.
public final class StandaloneMerkleTree: Sendable {
    let environment: Environment
    let tiles: Database

    /// Creates the environment at `path` (a directory that must not exist).
    public init(creatingAt path: String, mapSizeMaxBytes: Int) throws {
        let options = EnvironmentOptions(mapSizeInitialBytes: min(1 << 30, mapSizeMaxBytes), mapSizeMaxBytes: mapSizeMaxBytes,
                                         databasesMax: 2, readersMax: 16, create: true, readOnly: false, noLock: false)
        environment = try Environment(path: path, options: options)
        tiles = try environment.openDatabases(named: [MerkleTiles.table], create: true)[0]
    }

    /// Appends leaf hashes (32 bytes each, laid end to end) in one write transaction; returns the tree size.
    @discardableResult
    public func append(leaves: [UInt8], size: UInt64) throws -> UInt64 {
        precondition(leaves.count % Hash.byteCount == 0, "leaf hashes are 32 bytes each")
        return try environment.write { txn in
            var tree = try MerkleTiles.Writer(db: tiles, size: size, txn)
            try leaves.withUnsafeBytes { bytes in
                for start in stride(from: 0, to: bytes.count, by: Hash.byteCount) {
                    try tree.append(leaf: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Hash.byteCount)]), txn)
                }
            }
            try tree.finish(txn)
            return tree.size
        }
    }

    public func root(size: UInt64) throws -> Hash {
        try environment.read { txn in try MerkleTiles.Reader(db: tiles).root(size: size, txn) }
    }

    public func inclusionProof(index: UInt64, size: UInt64) throws -> [Hash] {
        precondition(index < size, "a leaf of the tree")
        return try environment.read { txn in
            var proof: [Hash] = []
            try MerkleTiles.Reader(db: tiles).inclusionPath(index, 0, size, into: &proof, txn)
            return proof
        }
    }

    /// The hash of leaf `index` as stored.
    public func inclusionLeaf(index: UInt64) throws -> Hash {
        try environment.read { txn in try MerkleTiles.Reader(db: tiles).node(height: 0, index: index, txn) }
    }

    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> [Hash] {
        precondition(0 < oldSize && oldSize < newSize, "a proof between two different non-empty trees")
        return try environment.read { txn in
            var proof: [Hash] = []
            try MerkleTiles.Reader(db: tiles).subproof(oldSize, 0, newSize, true, into: &proof, txn)
            return proof
        }
    }
}
