import EventLog
import Foundation

/// `grassroots-bench --merkle [leaves]`: the Merkle tree alone at a large size (default 10,000,000 leaves,
/// synthetic leaf hashes, in tiles as the ledger keeps them, `StandaloneMerkleTree`): the time to add the
/// leaves, an inclusion proof (and its check), a consistency proof, and a checkpoint (the root, then an
/// Ed25519 signature of the C2SP note), each the mean over many, best of three rounds.
enum MerkleBenchmark {
    static let batchLeaves = 10_000
    static let samples = 2_000

    /// The tree's share of the event log's own batched append (no governance hook: the cheapest append, so
    /// the largest share), and a checkpoint and an inclusion proof through the ledger.
    static func ledgerShare(events: Int) throws {
        let batch = Limits.batchEventsMax
        var options = LedgerOptions()
        options.clock = .fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))
        var best: (total: Double, merkle: Double) = (.infinity, 0)
        var kept: (Ledger, String)?
        for attempt in 0..<3 {
            let timer = StopwatchTotal()
            options.merkleTimer = timer
            let path = scratch("merkle-ledger-\(attempt)")
            let ledger = try Ledger.create(at: path, options: options, ledgerID: "bench")
            let total = try seconds {
                for start in stride(from: 0, to: events, by: batch) { _ = try ledger.append(drafts(start..<min(start + batch, events))) }
            }
            if total < best.total {
                best = (total, Double(timer.nanoseconds) / 1e9)
                if let (_, old) = kept { remove(old) }
                kept = (ledger, path)
            } else {
                remove(path)
            }
        }
        guard let (ledger, path) = kept else { return }
        defer { remove(path) }
        let signer = try NoteSigner.generate(name: "bench.example")
        let checkpointSeconds = try seconds {
            for _ in 0..<100 {
                _ = try ledger.storeCheckpoint(verifierKey: signer.verifier.encoded) { head, origin in
                    try Checkpoint(origin: origin, size: head.size, root: head.root).signed(by: signer)
                }
            }
        } / 100
        var generator = SplitMix(state: 7)
        let proofSeconds = try seconds {
            for _ in 0..<samples { _ = try ledger.inclusionProof(seq: 1 + generator.next() % UInt64(events), size: UInt64(events)) }
        } / Double(samples)
        print("ledger append (no hook), \(events) events, best of 3: \(String(format: "%.2f", best.total)) s; "
            + "of which the Merkle tree \(String(format: "%.3f s, %.1f%%", best.merkle, 100 * best.merkle / best.total))   (target < 10%)")
        print("  through the ledger: checkpoint (root, signature, stored in a write transaction) \(String(format: "%.3f ms", checkpointSeconds * 1000)), "
            + "inclusion proof \(String(format: "%.4f ms", proofSeconds * 1000))")
    }

    static func run(leaves: Int) throws {
        precondition(leaves >= 2, "a tree of at least two leaves")
        try ledgerShare(events: 200_000)
        let path = scratch("merkle")
        defer { remove(path) }
        let tree = try StandaloneMerkleTree(creatingAt: path, mapSizeMaxBytes: max(1 << 30, leaves * 64))
        var generator = SplitMix(state: 42)
        var size: UInt64 = 0
        let buildSeconds = try seconds {
            while size < UInt64(leaves) {
                let count = min(batchLeaves, leaves - Int(size))
                var bytes = [UInt8](repeating: 0, count: count * 32)
                for index in stride(from: 0, to: bytes.count, by: 8) {
                    withUnsafeBytes(of: generator.next()) { bytes.replaceSubrange(index..<(index + 8), with: $0) }
                }
                size = try tree.append(leaves: bytes, size: size)
            }
        }
        let total = UInt64(leaves)
        let root = try tree.root(size: total)
        var inclusionBest = Double.infinity
        var checkBest = Double.infinity
        var consistencyBest = Double.infinity
        var checkpointBest = Double.infinity
        let signer = try NoteSigner.generate(name: "bench.example")
        for _ in 0..<3 {
            let indices = (0..<samples).map { _ in generator.next() % total }
            var proofs: [[Hash]] = []
            inclusionBest = min(inclusionBest, try seconds {
                for index in indices { proofs.append(try tree.inclusionProof(index: index, size: total)) }
            } / Double(samples))
            // The check needs each leaf's hash: read it as the node of height 0.
            let leafHashes = try indices.map { try tree.inclusionLeaf(index: $0) }
            var allHold = true
            checkBest = min(checkBest, seconds {
                for (position, index) in indices.enumerated() {
                    allHold = allHold && Merkle.verifyInclusion(leaf: leafHashes[position], index: index, size: total, proof: proofs[position], root: root)
                }
            } / Double(samples))
            precondition(allHold, "every inclusion proof holds")
            consistencyBest = min(consistencyBest, try seconds {
                for index in indices where index > 0 { _ = try tree.consistencyProof(from: index, to: total) }
            } / Double(samples))
            checkpointBest = min(checkpointBest, try seconds {
                for _ in 0..<200 {
                    let head = try tree.root(size: total)
                    _ = try Checkpoint(origin: "grassroots/bench", size: total, root: head).signed(by: signer)
                }
            } / 200)
        }
        var info = stat()
        let onDisk = stat(path + "/data.mdb", &info) == 0 ? Int(info.st_size) : 0
        print("merkle tree alone: \(leaves) leaves in tiles, added in \(String(format: "%.2f", buildSeconds)) s (\(rate(leaves, buildSeconds))), \(onDisk >> 20) MiB on disk")
        print("inclusion proof (mean of \(samples), best of 3)     \(String(format: "%8.4f ms", inclusionBest * 1000))   (target < 1 ms)")
        print("  its check (RFC 9162 2.1.3.2)                   \(String(format: "%8.4f ms", checkBest * 1000))")
        print("consistency proof (mean of \(samples), best of 3)   \(String(format: "%8.4f ms", consistencyBest * 1000))")
        print("checkpoint: root and Ed25519 signature          \(String(format: "%8.4f ms", checkpointBest * 1000))   (target < 10 ms)")
    }
}

/// SplitMix64, for synthetic leaf hashes.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
