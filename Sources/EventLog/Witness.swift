import Crypto

/// The text forms of proofs that `grassroots prove` writes and `tools/verify_proof.py` and the witness read.
///
///     inclusion <seq> <size>          consistency proof (C2SP tlog-witness's request, without the checkpoint):
///     <base64 hash>                   old <size>
///     ...                             <base64 hash>
///                                     ...
///
/// Hashes are the RFC 9162 proof's, in order, one a line; every line ends in a newline.
public enum ProofText {
    /// Proof hashes a proof text may hold (a tree of 2^64 leaves needs 64; a consistency proof one more).
    public static let hashesMax = 65

    public static func inclusion(_ proof: InclusionProof) -> String {
        "inclusion \(proof.seq) \(proof.size)\n" + proof.hashes.map { Base64.encode($0.bytes) + "\n" }.joined()
    }

    public static func consistency(old: UInt64, hashes: [Hash]) -> String {
        "old \(old)\n" + hashes.map { Base64.encode($0.bytes) + "\n" }.joined()
    }

    /// Parses an inclusion proof text: the seq, the tree size and the hashes.
    public static func parseInclusion(_ text: String) throws -> InclusionProof {
        let (header, hashes) = try split(text, what: "an inclusion proof")
        let words = header.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3, words[0] == "inclusion", let seq = number(words[1]), let size = number(words[2]), seq >= 1, seq <= size else {
            throw NoteError("an inclusion proof starts with \"inclusion SEQ SIZE\" (1 <= SEQ <= SIZE); got \"\(header)\"")
        }
        return InclusionProof(seq: seq, size: size, hashes: hashes)
    }

    /// Parses a consistency proof text: the old size and the hashes.
    public static func parseConsistency(_ text: String) throws -> (old: UInt64, hashes: [Hash]) {
        let (header, hashes) = try split(text, what: "a consistency proof")
        let words = header.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 2, words[0] == "old", let old = number(words[1]) else {
            throw NoteError("a consistency proof starts with \"old SIZE\" (C2SP tlog-witness); got \"\(header)\"")
        }
        return (old, hashes)
    }

    private static func number(_ text: Substring) -> UInt64? {
        guard let value = UInt64(text), String(value) == text else { return nil }
        return value
    }

    private static func split(_ text: String, what: String) throws -> (Substring, [Hash]) {
        guard text.utf8.count <= 16 * 1024, text.hasSuffix("\n") else {
            throw NoteError("\(what) is a few lines of text, each ending in a newline")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard let header = lines.first else { throw NoteError("\(what) is empty") }
        guard lines.count - 1 <= hashesMax else { throw NoteError("\(what) holds \(lines.count - 1) hashes; at most \(hashesMax) make sense") }
        var hashes: [Hash] = []
        for (number, line) in lines.dropFirst().enumerated() {
            guard let bytes = Base64.decode(line), let hash = Hash(bytes: bytes) else {
                throw NoteError("\(what): line \(number + 2) is not a 32-byte hash in base64: \"\(line)\"")
            }
            hashes.append(hash)
        }
        return (header, hashes)
    }
}

/// What a witness decides about a new checkpoint (C2SP tlog-witness's add-checkpoint), given the checkpoint
/// it holds for that origin and key. The caller has checked the log's signature on the new checkpoint.
public enum WitnessDecision: Sendable, Equatable {
    /// Consistent with what it holds: cosign it and hold it from now on.
    case cosign
    /// The request says the witness holds `claimed` events; it holds `held` (409 Conflict): the client should
    /// send a proof from `held`. Nothing is wrong with the log as far as the witness knows.
    case sizeConflict(claimed: UInt64, held: UInt64)
    /// The new checkpoint is smaller than the one held: the log was rolled back or truncated.
    case rollback(held: UInt64, offered: UInt64)
    /// The same size as the one held with another root: the log forked (a rewrite).
    case fork(size: UInt64)
    /// The consistency proof does not prove the held tree a prefix of the new one (422): a rewrite, or a bad proof.
    case inconsistent(held: UInt64, offered: UInt64)

    public static func decide(held: Checkpoint?, claimedOldSize: UInt64, proof: [Hash], offered: Checkpoint) -> WitnessDecision {
        let heldSize = held?.size ?? 0
        guard claimedOldSize == heldSize else { return .sizeConflict(claimed: claimedOldSize, held: heldSize) }
        guard let held else { return proof.isEmpty ? .cosign : .inconsistent(held: 0, offered: offered.size) }
        if offered.size < held.size { return .rollback(held: held.size, offered: offered.size) }
        if offered.size == held.size {
            return offered.root == held.root && proof.isEmpty ? .cosign : .fork(size: held.size)
        }
        let consistent = Merkle.verifyConsistency(oldSize: held.size, newSize: offered.size, oldRoot: held.root, newRoot: offered.root, proof: proof)
        return consistent ? .cosign : .inconsistent(held: held.size, offered: offered.size)
    }

    /// The name of the file a witness keeps the latest checkpoint of `origin` signed by `key` in: the hex of
    /// the first 16 bytes of SHA-256(origin, a newline, the verifier key).
    public static func stateName(origin: String, key: NoteVerifier) -> String {
        let digest = SHA256.hash(data: Array((origin + "\n" + key.encoded).utf8))
        return digest.withUnsafeBytes { bytes in bytes.prefix(16).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined() }
    }
}
