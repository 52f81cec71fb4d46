import CanonicalJSON
import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// The Merkle tree kept in `log.tiles` against RFC 9162's definition computed in memory, its proofs against
/// RFC 9162's verification algorithms, and `verify`'s check of the tiles. (The Python verifier, a second
/// implementation, checks the same trees in CLITests/TrustTests.)
@Suite("Merkle tree: tiles, roots and proofs")
struct MerkleTreeTests {
    func makeLedger(_ dir: TemporaryDirectory) throws -> Ledger {
        var options = LedgerOptions()
        options.clock = fixedClock
        return try Ledger.create(at: dir.ledger, options: options, ledgerID: "merkle-test")
    }

    /// The leaf hashes of every event, from the stored canonical bytes.
    func leaves(_ ledger: Ledger) throws -> [Hash] {
        var result: [Hash] = []
        try ledger.forEachRecord(in: 1...UInt64.max) { record in
            result.append(Merkle.leafHash(record.canonical))
            return true
        }
        return result
    }

    func drafts(_ count: Int, from start: Int) -> [EventDraft] {
        (start..<(start + count)).map { draft(stream: "s\($0 % 7)", data: ["n": .integer(Int64($0))]) }
    }

    @Test func theStoredTreeHasTheReferenceRootAtEverySizeUpTo70() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        #expect(try ledger.treeHead().root == Merkle.emptyRoot)
        var appended = 0
        // Batches of varied sizes, so right-edge tiles are extended within and across appends.
        for batch in [1, 2, 3, 1, 5, 8, 13, 1, 1, 21, 14] {
            _ = try ledger.append(drafts(batch, from: appended))
            appended += batch
            let all = try leaves(ledger)
            #expect(try ledger.treeHead().root == Merkle.referenceRoot(all[...]), "size \(appended)")
        }
        #expect(appended == 70)
        let all = try leaves(ledger)
        for size in 1...70 {
            #expect(try ledger.treeHead(size: UInt64(size)).root == Merkle.referenceRoot(all.prefix(size)), "size \(size)")
        }
        #expect(try ledger.verify().isIntact)
    }

    @Test func inclusionAndConsistencyProofsVerifyForEverySizeUpTo70AndForgedOnesDoNot() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append(drafts(70, from: 0))
        let all = try leaves(ledger)
        let roots = (0...70).map { Merkle.referenceRoot(all.prefix($0)) }
        for size in UInt64(1)...70 {
            for seq in UInt64(1)...size {
                let proof = try ledger.inclusionProof(seq: seq, size: size)
                let leaf = all[Int(seq - 1)]
                #expect(Merkle.verifyInclusion(leaf: leaf, index: seq - 1, size: size, proof: proof.hashes, root: roots[Int(size)]), "\(seq) in \(size)")
                // Another leaf, another index, or one hash altered: refused.
                let other = all[Int(seq % size)]
                if size > 1 {
                    #expect(!Merkle.verifyInclusion(leaf: other, index: seq - 1, size: size, proof: proof.hashes, root: roots[Int(size)]))
                    #expect(!Merkle.verifyInclusion(leaf: leaf, index: seq % size, size: size, proof: proof.hashes, root: roots[Int(size)]))
                    var forged = proof.hashes
                    forged[forged.count - 1] = Merkle.nodeHash(forged[forged.count - 1], forged[0])
                    #expect(!Merkle.verifyInclusion(leaf: leaf, index: seq - 1, size: size, proof: forged, root: roots[Int(size)]))
                }
            }
            for old in UInt64(0)...size {
                let proof = try ledger.consistencyProof(from: old, to: size)
                #expect(Merkle.verifyConsistency(oldSize: old, newSize: size, oldRoot: roots[Int(old)], newRoot: roots[Int(size)], proof: proof),
                        "\(old) to \(size)")
                if old > 0 && old < size {
                    // A different old tree (one leaf changed) is not consistent with the new one.
                    var changed = all.prefix(Int(old))
                    changed[changed.startIndex] = Merkle.nodeHash(changed[changed.startIndex], changed[changed.startIndex])
                    #expect(!Merkle.verifyConsistency(oldSize: old, newSize: size, oldRoot: Merkle.referenceRoot(changed),
                                                      newRoot: roots[Int(size)], proof: proof), "forged \(old) to \(size)")
                    #expect(!Merkle.verifyConsistency(oldSize: old, newSize: size, oldRoot: roots[Int(old)], newRoot: roots[Int(size)],
                                                      proof: Array(proof.dropLast())))
                }
            }
        }
    }

    /// Across full tiles of levels 0, 1 and 2 (16, 256 and 4,096 leaves) and into level 3. (The Python
    /// cross-check in CLITests/TrustTests goes past 65,536.)
    @Test func largeTreesAcrossTileLevelsKeepTheReferenceRootAndProofs() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        var appended = 0
        for batch in [15, 2, 238, 1, 3_000, 839, 1, 3, 401] {
            _ = try ledger.append(drafts(batch, from: appended))
            appended += batch
        }
        let all = try leaves(ledger)
        #expect(all.count == 4_500)
        for size in [15, 16, 17, 255, 256, 257, 4_095, 4_096, 4_097, 4_500] {
            let root = Merkle.referenceRoot(all.prefix(size))
            #expect(try ledger.treeHead(size: UInt64(size)).root == root, "size \(size)")
            for seq in [1, size / 3 + 1, size] {
                let proof = try ledger.inclusionProof(seq: UInt64(seq), size: UInt64(size))
                #expect(Merkle.verifyInclusion(leaf: all[seq - 1], index: UInt64(seq - 1), size: UInt64(size), proof: proof.hashes, root: root))
            }
            let full = Merkle.referenceRoot(all[...])
            #expect(Merkle.verifyConsistency(oldSize: UInt64(size), newSize: 4_500, oldRoot: root, newRoot: full,
                                             proof: try ledger.consistencyProof(from: UInt64(size), to: 4_500)))
        }
        let report = try ledger.verify()
        #expect(report.isIntact && report.tilesChecked == MerkleTiles.tileCount(size: 4_500), "\(report.problems)")
    }

    @Test func verifyNamesTheEventUnderADamagedTile() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append(drafts(300, from: 0))
        let tiles = try #require(ledger.tiles)
        // Leaf 260 (event 261), one byte flipped in its tile of level 0.
        let width = MerkleTiles.tileWidth
        let tileIndex = UInt64(260 / width)
        try ledger.environment.write { txn in
            var tile = try #require(try txn.get(tiles, key: MerkleTiles.key(level: 0, index: tileIndex)))
            tile[(260 % width) * 32] ^= 0x01
            try txn.put(tiles, key: MerkleTiles.key(level: 0, index: tileIndex), value: tile)
        }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 261, "\(report.problems)")
        #expect(report.problems.contains { $0.what.contains("leaf hash of event 261") }, "\(report.problems)")
        // An append refuses to extend a right edge of the wrong width (300 leaves: the partial tile of level 0).
        try ledger.environment.write { txn in
            try txn.put(tiles, key: MerkleTiles.key(level: 0, index: UInt64(300 / width)), value: [UInt8](repeating: 0, count: 31))
        }
        #expect(throws: EventLogError.self) { try ledger.append(drafts(1, from: 300)) }
    }
}
