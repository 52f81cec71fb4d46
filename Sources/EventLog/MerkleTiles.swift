import LMDB

/// The Merkle tree over the log, kept in `log.tiles` in tiles as C2SP tlog-tiles lays them out, with tiles of
/// height 4 (tlog-tiles serves height 8): a tile at tile level L holds up to 16 hashes of hash level 4L
/// (level 0: the leaves; level 1: the roots of complete subtrees of 16 leaves; level 2: of 256; level 3: of
/// 4,096...), left to right.
///
///     key:   tile level (UInt8), tile index (UInt64 big-endian)     9 bytes
///     value: the tile's hashes, 32 bytes each, 1 to 16 of them
///
/// A full tile (16 hashes, 512 bytes) is written once and never again. The tile at the right edge of each
/// level is partial: it is rewritten, one hash longer or more, by the append that extends it, until it is
/// full. Its width is its value's length / 32, and for a tree of n leaves it is (n >> 4L) mod 16 at level L
/// (a level whose width would be 0 has no partial tile). A hash at a level between two tile levels (a
/// subtree of 2^h leaves, 4L < h < 4L + 4) is not stored: it is computed from the 2^(h - 4L) hashes below it
/// in one tile of level L, at most 8 of them. So the tree costs about 34 bytes a leaf, an append rewrites
/// partial tiles of at most 512 bytes (they stay in LMDB's leaf pages; a height-8 tile of 8 KiB went to
/// overflow pages, rewritten whole by every append), and an inclusion proof at 10 million events hashes
/// about 70 times instead of about 750 (tools/benchmark `--merkle`: 0.12 ms against 0.8 ms).
enum MerkleTiles {
    static let table = "log.tiles"
    /// Hash levels per tile level.
    static let tileHeight = 4
    /// Hashes in a full tile.
    static let tileWidth = 1 << tileHeight
    static let tileBytesMax = tileWidth * Hash.byteCount
    /// Tile levels a tree of up to 2^64 leaves needs (hash levels 0, 8, ... 56).
    static let tileLevels = 64 / tileHeight

    static func key(level: Int, index: UInt64) -> [UInt8] {
        precondition((0..<tileLevels).contains(level), "tile levels run 0...\(tileLevels - 1)")
        var key: [UInt8] = [UInt8(level)]
        Layout.appendBigEndian(index, to: &key)
        return key
    }

    /// The hashes at tile level `level` for a tree of `size` leaves (complete subtrees of 2^(8·level) leaves).
    static func count(level: Int, size: UInt64) -> UInt64 { size >> UInt64(level * tileHeight) }

    /// Tiles a tree of `size` leaves stores: every full tile and partial tile of every level.
    static func tileCount(size: UInt64) -> UInt64 {
        var total: UInt64 = 0
        for level in 0..<tileLevels {
            let hashes = count(level: level, size: size)
            total += (hashes + UInt64(tileWidth) - 1) / UInt64(tileWidth)
        }
        return total
    }

    static func damaged(_ reason: String) -> EventLogError {
        .damagedTree(reason: reason + "; `grassroots verify` names the events concerned")
    }

    /// Adds leaves to the tree inside an append's write transaction: the right-edge tiles of every level are
    /// read once, extended in memory, and written back when the batch ends (`finish`); a tile that fills up is
    /// written then and there, and its root climbs to the level above.
    struct Writer {
        let db: Database
        /// Leaves in the tree so far.
        private(set) var size: UInt64
        /// Each level's right-edge tile as it now stands (full tiles leave it empty), and whether it changed.
        private var edge: [[UInt8]]
        private var changed: [Bool]

        /// Reads the right-edge tiles of a tree of `size` leaves; a tile of the wrong width is damage.
        init(db: Database, size: UInt64, _ txn: borrowing some ReadableTransaction & ~Copyable) throws {
            self.db = db
            self.size = size
            edge = Array(repeating: [], count: MerkleTiles.tileLevels)
            changed = Array(repeating: false, count: MerkleTiles.tileLevels)
            for level in 0..<MerkleTiles.tileLevels {
                let hashes = MerkleTiles.count(level: level, size: size)
                if hashes == 0 { break }
                let width = Int(hashes % UInt64(MerkleTiles.tileWidth))
                if width == 0 { continue }
                let index = hashes / UInt64(MerkleTiles.tileWidth)
                let stored = try txn.get(db, key: MerkleTiles.key(level: level, index: index))
                guard let stored, stored.count == width * Hash.byteCount else {
                    throw MerkleTiles.damaged("the tile at level \(level), index \(index) holds \(stored.map { "\($0.count) bytes" } ?? "nothing") "
                        + "where a tree of \(size) leaves has \(width) hashes (\(width * Hash.byteCount) bytes)")
                }
                edge[level] = stored
            }
        }

        /// Adds one leaf hash (32 bytes).
        mutating func append(leaf: UnsafeRawBufferPointer, _ txn: borrowing WriteTransaction) throws {
            precondition(leaf.count == Hash.byteCount, "a leaf hash has 32 bytes")
            try add(leaf, level: 0, txn)
            size += 1
        }

        private mutating func add(_ hash: UnsafeRawBufferPointer, level: Int, _ txn: borrowing WriteTransaction) throws {
            precondition(level < MerkleTiles.tileLevels, "a tree of at most 2^64 leaves")
            edge[level].append(contentsOf: hash)
            changed[level] = true
            guard edge[level].count == MerkleTiles.tileBytesMax else { return }
            // Full: written once, under the index its hashes give it, and its root climbs a level.
            let index = (MerkleTiles.count(level: level, size: size + 1) - 1) / UInt64(MerkleTiles.tileWidth)
            try txn.put(db, key: MerkleTiles.key(level: level, index: index), value: edge[level])
            let root = edge[level].withUnsafeBytes { Merkle.completeRoot($0, count: MerkleTiles.tileWidth) }
            edge[level].removeAll(keepingCapacity: true)
            changed[level] = false
            try root.bytes.withUnsafeBytes { try add($0, level: level + 1, txn) }
        }

        /// Writes the right-edge tiles that changed.
        func finish(_ txn: borrowing WriteTransaction) throws {
            for level in 0..<MerkleTiles.tileLevels where changed[level] && !edge[level].isEmpty {
                let index = MerkleTiles.count(level: level, size: size) / UInt64(MerkleTiles.tileWidth)
                try txn.put(db, key: MerkleTiles.key(level: level, index: index), value: edge[level])
            }
        }
    }

    /// Reads hashes of the tree of `size` leaves (any size up to the stored tree's: its complete subtrees are
    /// the stored tree's) from the tiles, and makes proofs.
    struct Reader {
        let db: Database

        /// The hash of the complete subtree of 2^`height` leaves starting at leaf `index << height`.
        func node(height: Int, index: UInt64, _ txn: borrowing some ReadableTransaction & ~Copyable) throws -> Hash {
            precondition(height >= 0 && height < 64, "a subtree of at most 2^63 leaves")
            let level = height / MerkleTiles.tileHeight
            let rise = height % MerkleTiles.tileHeight
            let first = index << UInt64(rise)
            let tile = first / UInt64(MerkleTiles.tileWidth)
            let offset = Int(first % UInt64(MerkleTiles.tileWidth))
            let count = 1 << rise
            return try txn.withValue(db, key: MerkleTiles.key(level: level, index: tile)) { value in
                guard let value, value.count % Hash.byteCount == 0, value.count >= (offset + count) * Hash.byteCount else {
                    throw MerkleTiles.damaged("the tile at level \(level), index \(tile) holds \(value.map { "\($0.count) bytes" } ?? "nothing"), "
                        + "too few for hashes \(offset)...\(offset + count - 1) of it")
                }
                return Merkle.completeRoot(UnsafeRawBufferPointer(rebasing: value[(offset * Hash.byteCount)...]), count: count)
            }
        }

        /// MTH(D[start:end]) of RFC 9162, for a range whose start is aligned to the largest power of two not
        /// above its length (every range the root and the proofs ask for is).
        func hash(_ start: UInt64, _ end: UInt64, _ txn: borrowing some ReadableTransaction & ~Copyable) throws -> Hash {
            precondition(end > start, "a range of leaves is not empty")
            let n = end - start
            if n & (n - 1) == 0 {
                precondition(start % n == 0, "a complete subtree starts at a multiple of its size")
                return try node(height: n.trailingZeroBitCount, index: start / n, txn)
            }
            let k = Merkle.split(n)
            return Merkle.nodeHash(try hash(start, start + k, txn), try hash(start + k, end, txn))
        }

        /// The root of the tree of `size` leaves.
        func root(size: UInt64, _ txn: borrowing some ReadableTransaction & ~Copyable) throws -> Hash {
            size == 0 ? Merkle.emptyRoot : try hash(0, size, txn)
        }

        /// RFC 9162 PATH(m, D[start:end]) (section 2.1.3.1), leaf `m` counted from `start`.
        func inclusionPath(_ m: UInt64, _ start: UInt64, _ end: UInt64, into proof: inout [Hash],
                           _ txn: borrowing some ReadableTransaction & ~Copyable) throws {
            let n = end - start
            guard n > 1 else { return }
            let k = Merkle.split(n)
            if m < k {
                try inclusionPath(m, start, start + k, into: &proof, txn)
                proof.append(try hash(start + k, end, txn))
            } else {
                try inclusionPath(m - k, start + k, end, into: &proof, txn)
                proof.append(try hash(start, start + k, txn))
            }
        }

        /// RFC 9162 SUBPROOF(m, D[start:end], b) (section 2.1.4.1).
        func subproof(_ m: UInt64, _ start: UInt64, _ end: UInt64, _ complete: Bool, into proof: inout [Hash],
                      _ txn: borrowing some ReadableTransaction & ~Copyable) throws {
            let n = end - start
            if m == n {
                if !complete { proof.append(try hash(start, end, txn)) }
                return
            }
            let k = Merkle.split(n)
            if m <= k {
                try subproof(m, start, start + k, complete, into: &proof, txn)
                proof.append(try hash(start + k, end, txn))
            } else {
                try subproof(m - k, start + k, end, false, into: &proof, txn)
                proof.append(try hash(start, start + k, txn))
            }
        }
    }

    /// Recomputes the tree from the events' leaf hashes, in seq order, and compares each tile with the stored
    /// one as it completes (and the right-edge tiles at the end): `verify`'s check of the tree.
    struct Checker {
        let db: Database
        private(set) var size: UInt64 = 0
        private var edge: [[UInt8]] = Array(repeating: [], count: MerkleTiles.tileLevels)
        private(set) var tilesCompared: UInt64 = 0
        /// The events named by problems so far: a hash above one of them differs because of it, and is not
        /// reported again.
        private var named: [UInt64] = []

        init(db: Database) { self.db = db }

        mutating func append(leaf: UnsafeRawBufferPointer, _ txn: borrowing ReadTransaction, report: inout VerificationReport) throws {
            try add(leaf, level: 0, txn, report: &report)
            size += 1
        }

        private mutating func add(_ hash: UnsafeRawBufferPointer, level: Int, _ txn: borrowing ReadTransaction,
                                  report: inout VerificationReport) throws {
            edge[level].append(contentsOf: hash)
            guard edge[level].count == MerkleTiles.tileBytesMax else { return }
            let index = (MerkleTiles.count(level: level, size: size + 1) - 1) / UInt64(MerkleTiles.tileWidth)
            try compare(level: level, index: index, txn, report: &report)
            let root = edge[level].withUnsafeBytes { Merkle.completeRoot($0, count: MerkleTiles.tileWidth) }
            edge[level].removeAll(keepingCapacity: true)
            try root.bytes.withUnsafeBytes { try add($0, level: level + 1, txn, report: &report) }
        }

        /// The stored tile (level, index) against the recomputed one in `edge[level]`.
        private mutating func compare(level: Int, index: UInt64, _ txn: borrowing ReadTransaction, report: inout VerificationReport) throws {
            tilesCompared += 1
            let expected = edge[level]
            let span = UInt64(1) << UInt64(level * MerkleTiles.tileHeight)  // leaves under one hash of this level
            let firstSeq = index * UInt64(MerkleTiles.tileWidth) * span + 1
            try txn.withValue(db, key: MerkleTiles.key(level: level, index: index)) { value in
                guard let value else {
                    report.report(firstSeq, "\(MerkleTiles.table): the tile at level \(level), index \(index) (events from \(firstSeq)) is missing")
                    return
                }
                if value.elementsEqual(expected) { return }
                // Name the first hash that differs (or is missing or extra), and the first event under it.
                let common = min(value.count, expected.count) / Hash.byteCount
                var position = 0
                while position < common,
                      value[(position * 32)..<(position * 32 + 32)].elementsEqual(expected[(position * 32)..<(position * 32 + 32)]) {
                    position += 1
                }
                let seq = firstSeq + UInt64(position) * span
                if named.contains(where: { $0 >= seq && $0 - seq < span }) { return }  // explained by a problem below
                named.append(seq)
                guard value.count == expected.count else {
                    report.report(seq, "\(MerkleTiles.table): the tile at level \(level), index \(index) holds \(value.count / Hash.byteCount) hashes "
                        + "where the events call for \(expected.count / Hash.byteCount); the first that differs is under event \(seq)")
                    return
                }
                let what = level == 0 ? "the leaf hash of event \(seq)" : "the hash of events \(seq)...\(seq + span - 1)"
                report.report(seq, "\(MerkleTiles.table): the tile at level \(level), index \(index) holds a hash other than \(what) recomputed from the stored bytes")
            }
        }

        /// Compares the right-edge tiles, and the number of tiles stored with the number the events call for.
        mutating func finish(_ txn: borrowing ReadTransaction, report: inout VerificationReport) throws {
            for level in 0..<MerkleTiles.tileLevels where !edge[level].isEmpty {
                let index = MerkleTiles.count(level: level, size: size) / UInt64(MerkleTiles.tileWidth)
                try compare(level: level, index: index, txn, report: &report)
            }
            let stored = UInt64(try txn.stat(db).entries)
            let due = MerkleTiles.tileCount(size: size)
            if stored != due {
                report.report(0, "\(MerkleTiles.table) holds \(stored) tiles where a tree of \(size) events has \(due)")
            }
        }
    }
}
