import LMDB

/// A tree size and the root of the Merkle tree of that many events.
public struct TreeHead: Sendable, Equatable {
    public let size: UInt64
    public let root: Hash
    public init(size: UInt64, root: Hash) {
        self.size = size
        self.root = root
    }
}

/// An inclusion proof: event `seq` (leaf `seq - 1`) is in the tree of `size` events.
public struct InclusionProof: Sendable, Equatable {
    public let seq: UInt64
    public let size: UInt64
    public let hashes: [Hash]
    public var leafIndex: UInt64 { seq - 1 }
}

extension Ledger {
    /// The origin line of this ledger's checkpoints (C2SP tlog-checkpoint): `grassroots/<ledger id>`.
    public func origin() throws -> String {
        let id = try storage {
            try environment.read { txn in try txn.get(meta, key: Array("ledgerId".utf8)).map { String(decoding: $0, as: UTF8.self) } }
        }
        guard let id, !id.isEmpty else { throw EventLogError.notALedger(path: path, reason: "log.meta holds no ledgerId") }
        return Ledger.originPrefix + id
    }

    static let originPrefix = "grassroots/"

    func requireTree() throws -> Database {
        guard let tiles else { throw EventLogError.noMerkleTree(path: path, formatVersion: formatVersion) }
        return tiles
    }

    /// The tree head of the first `size` events (the whole log when nil), from the stored tiles.
    public func treeHead(size: UInt64? = nil) throws -> TreeHead {
        let tiles = try requireTree()
        return try storage {
            try environment.read { txn in
                let head = try readHead(txn).seq
                let wanted = size ?? head
                if wanted > head { throw EventLogError.beyondHead(seq: wanted, head: head) }
                return TreeHead(size: wanted, root: try MerkleTiles.Reader(db: tiles).root(size: wanted, txn))
            }
        }
    }

    /// The leaf hash of event `seq`, from its stored bytes.
    public func leafHash(seq: UInt64) throws -> Hash {
        try storage {
            try environment.read { txn in
                let head = try readHead(txn).seq
                guard seq >= 1 && seq <= head else { throw EventLogError.beyondHead(seq: seq, head: head) }
                return try txn.withValue(events, key: Layout.seqKey(seq)) { value in
                    guard let value, value.count > Layout.recordHeaderBytes else {
                        throw EventLogError.corruptRecord(seq: seq, reason: "missing or malformed record")
                    }
                    return Merkle.leafHash(UnsafeRawBufferPointer(rebasing: value[Layout.recordHeaderBytes...]))
                }
            }
        }
    }

    /// RFC 9162 inclusion proof of event `seq` in the tree of `size` events (seq <= size <= head).
    public func inclusionProof(seq: UInt64, size: UInt64) throws -> InclusionProof {
        let tiles = try requireTree()
        guard seq >= 1 && seq <= size else {
            throw EventLogError.invalidEvent(index: 0, field: "seq", reason: "event \(seq) is not among the first \(size) events (seq runs 1...size)")
        }
        return try storage {
            try environment.read { txn in
                let head = try readHead(txn).seq
                if size > head { throw EventLogError.beyondHead(seq: size, head: head) }
                var hashes: [Hash] = []
                try MerkleTiles.Reader(db: tiles).inclusionPath(seq - 1, 0, size, into: &hashes, txn)
                return InclusionProof(seq: seq, size: size, hashes: hashes)
            }
        }
    }

    /// RFC 9162 consistency proof from the tree of `oldSize` events to that of `newSize` (oldSize <= newSize
    /// <= head); empty when oldSize is 0 or equals newSize.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws -> [Hash] {
        let tiles = try requireTree()
        guard oldSize <= newSize else {
            throw EventLogError.invalidEvent(index: 0, field: "from", reason: "a consistency proof runs from a smaller tree to a larger one; \(oldSize) is above \(newSize)")
        }
        return try storage {
            try environment.read { txn in
                let head = try readHead(txn).seq
                if newSize > head { throw EventLogError.beyondHead(seq: newSize, head: head) }
                guard oldSize > 0 && oldSize < newSize else { return [] }
                var hashes: [Hash] = []
                try MerkleTiles.Reader(db: tiles).subproof(oldSize, 0, newSize, true, into: &hashes, txn)
                return hashes
            }
        }
    }

    /// Signs the tree head of the whole log with `sign` (which turns a checkpoint body into a signed note) and
    /// keeps the note, with `verifierKey`, in `log.meta` (`checkpoint`, `checkpointKey`), all in one write
    /// transaction, so the checkpoint is of the log as it stands when it is stored. Returns the note.
    public func storeCheckpoint(verifierKey: String, sign: (TreeHead, String) throws -> String) throws -> String {
        try requireWritable()
        let tiles = try requireTree()
        let origin = try origin()
        return try storage {
            try environment.write { txn in
                let size = try readHead(txn).seq
                let head = TreeHead(size: size, root: try MerkleTiles.Reader(db: tiles).root(size: size, txn))
                let note = try sign(head, origin)
                try txn.put(meta, key: Ledger.checkpointKey, value: Array(note.utf8))
                try txn.put(meta, key: Ledger.checkpointVerifierKey, value: Array(verifierKey.utf8))
                return note
            }
        }
    }

    /// The latest checkpoint stored (`storeCheckpoint`) and its verifier key, or nil.
    public func latestCheckpoint() throws -> (note: String, verifierKey: String)? {
        try storage {
            try environment.read { txn in
                guard let note = try txn.get(meta, key: Ledger.checkpointKey),
                      let key = try txn.get(meta, key: Ledger.checkpointVerifierKey) else { return nil }
                return (String(decoding: note, as: UTF8.self), String(decoding: key, as: UTF8.self))
            }
        }
    }

    static let checkpointKey = Array("checkpoint".utf8)
    static let checkpointVerifierKey = Array("checkpointKey".utf8)
}
