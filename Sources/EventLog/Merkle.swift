import Crypto

/// RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing over the log (section 2.1): a leaf is
/// SHA-256(0x00 || the event's canonical bytes), a node SHA-256(0x01 || left || right), and the tree of n
/// leaves splits at the largest power of two below n. Leaf i is event seq i + 1; the tree of size n holds
/// events 1...n. Proofs are generated from the stored tiles (`MerkleTiles`) and checked here, with the
/// verification algorithms of RFC 9162 sections 2.1.3.2 and 2.1.4.2 (which `tools/verify_proof.py` repeats).
public enum Merkle {
    static let leafPrefix: UInt8 = 0x00
    static let nodePrefix: UInt8 = 0x01

    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyRoot: Hash = {
        let digest = SHA256.hash(data: [UInt8]())
        return digest.withUnsafeBytes { Hash(unchecked: Array($0)) }
    }()

    /// SHA-256(0x00 || data).
    public static func leafHash(_ data: UnsafeRawBufferPointer) -> Hash {
        var hasher = SHA256()
        withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        return hasher.finalize().withUnsafeBytes { Hash(unchecked: Array($0)) }
    }

    /// Writes SHA-256(0x00 || data) to `out` (32 bytes): the append's hot path, without an array per leaf.
    static func leafHash(_ data: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        var hasher = SHA256()
        withUnsafeBytes(of: leafPrefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: data)
        hasher.finalize().withUnsafeBytes { out.append(contentsOf: $0) }
    }

    /// SHA-256(0x01 || left || right).
    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        left.bytes.withUnsafeBytes { l in
            right.bytes.withUnsafeBytes { r in Hash(unchecked: nodeDigest(l, r)) }
        }
    }

    static func nodeDigest(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> [UInt8] {
        precondition(left.count == Hash.byteCount && right.count == Hash.byteCount, "a node joins two 32-byte hashes")
        var hasher = SHA256()
        withUnsafeBytes(of: nodePrefix) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: left)
        hasher.update(bufferPointer: right)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }

    /// The root of `count` hashes (a power of two) laid end to end in `hashes`: the complete subtree they
    /// are the bottom row of. Pairs are joined in place, level by level.
    static func completeRoot(_ hashes: UnsafeRawBufferPointer, count: Int) -> Hash {
        precondition(count >= 1 && count & (count - 1) == 0 && hashes.count >= count * Hash.byteCount,
                     "a complete subtree has a power of two of hashes")
        if count == 1 { return Hash(unchecked: Array(hashes[0..<Hash.byteCount])) }
        var row = Array(hashes[0..<(count * Hash.byteCount)])
        var width = count
        while width > 1 {
            row.withUnsafeMutableBytes { buffer in
                for pair in 0..<(width / 2) {
                    // Hashed in place, without an array per node: proofs compute up to a few hundred of these.
                    var hasher = SHA256()
                    withUnsafeBytes(of: nodePrefix) { hasher.update(bufferPointer: $0) }
                    hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[(2 * pair * 32)..<(2 * pair * 32 + 64)]))
                    hasher.finalize().withUnsafeBytes { digest in
                        UnsafeMutableRawBufferPointer(rebasing: buffer[(pair * 32)..<(pair * 32 + 32)]).copyMemory(from: digest)
                    }
                }
            }
            width /= 2
        }
        return Hash(unchecked: Array(row[0..<Hash.byteCount]))
    }

    /// The largest power of two strictly below `n` (n >= 2): where RFC 9162 splits a tree of n leaves.
    static func split(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "only a tree of two or more leaves splits")
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// The root of `leaves` computed directly by RFC 9162's definition (MTH), in memory: the reference the
    /// stored tiles are tested against.
    public static func referenceRoot(_ leaves: ArraySlice<Hash>) -> Hash {
        switch leaves.count {
        case 0: return emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let k = Int(split(UInt64(leaves.count)))
            return nodeHash(referenceRoot(leaves.prefix(k)), referenceRoot(leaves.dropFirst(k)))
        }
    }

    /// RFC 9162 section 2.1.3.2: does `proof` prove leaf `index` (whose hash is `leaf`) in the tree of
    /// `size` leaves with root `root`?
    public static func verifyInclusion(leaf: Hash, index: UInt64, size: UInt64, proof: [Hash], root: Hash) -> Bool {
        guard index < size else { return false }
        var fn = index
        var sn = size - 1
        var r = leaf
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && r == root
    }

    /// RFC 9162 section 2.1.4.2: does `proof` prove that the tree of `oldSize` leaves with root `oldRoot`
    /// is a prefix of the tree of `newSize` leaves with root `newRoot`? From the empty tree, every tree is
    /// consistent (with an empty proof); between equal sizes the proof is empty and the roots equal.
    public static func verifyConsistency(oldSize: UInt64, newSize: UInt64, oldRoot: Hash, newRoot: Hash, proof: [Hash]) -> Bool {
        guard oldSize <= newSize else { return false }
        if oldSize == 0 { return proof.isEmpty }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        guard !proof.isEmpty else { return false }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}

extension Hash {
    /// SHA-256 of `bytes` (for keys derived from content by higher layers).
    public static func sha256(of bytes: [UInt8]) -> Hash {
        Hash(unchecked: Array(SHA256.hash(data: bytes)))
    }
}
