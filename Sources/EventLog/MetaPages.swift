#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LMDB's two meta pages at the start of `data.mdb`, read before liblmdb maps the file, so that a file
/// shorter than the pages its meta says are in use is refused (liblmdb would map past the file's end, and the
/// first read there would die by SIGBUS). The layout is liblmdb 0.9's (`MDB_meta` after a 16-byte page
/// header, little-endian on the platforms this builds for): magic at 16, version at 20, the free database's
/// `md_pad` (the page size) at 40, `mm_last_pg` at 136, `mm_txnid` at 144.
enum MetaPages {
    static let magic: UInt32 = 0xBEEF_C0DE
    /// `MDB_DATA_VERSION` of liblmdb 0.9.
    static let dataVersion: UInt64 = 1
    static let headerBytes = 152
    static let pageBytesRange: ClosedRange<UInt64> = 512...65_536
    /// No ledger's map is larger (the largest `--map-size-max` is 1 TiB; this leaves room).
    static let mapBytesMax: UInt64 = 1 << 44
    /// `P_META`, in the page header's flags (at 10), which liblmdb checks before it trusts a meta page.
    static let metaPageFlag: UInt64 = 0x08
    /// The free-page tree's flags (`MDB_INTEGERKEY`); the main tree's are 0 (opened without flags).
    static let freeTreeFlags: UInt64 = 0x08
    /// The environment flags liblmdb keeps beside them in a meta page (`MDB_FIXEDMAP`, `MDB_NOSUBDIR`).
    static let environmentFlags: UInt64 = 0x4001
    /// `P_INVALID`: an empty tree's root.
    static let noPage = UInt64.max
    /// liblmdb's cursor stack (`CURSOR_STACK`): no tree is deeper.
    static let depthMax: UInt64 = 32
    /// Reads of a pair that looks damaged before it is called damaged: a commit in another process rewrites
    /// one meta page, and a read racing it can see half of it.
    static let rereadsMax = 3

    struct Meta {
        let index: UInt64
        let version: UInt64
        let pageBytes: UInt64
        let mapBytes: UInt64
        let freeFlags: UInt64
        let mainFlags: UInt64
        let freeRoot: UInt64
        let freeDepth: UInt64
        let mainRoot: UInt64
        let mainDepth: UInt64
        let lastPage: UInt64
        let transaction: UInt64
    }

    /// Refuses (`damagedFile`) a `data.mdb` whose meta pages disagree with each other or with the file: a
    /// file shorter than its newest meta page says (liblmdb would map past the end, and the first read there
    /// dies by SIGBUS); two meta pages that are not the last two commits (liblmdb writes commit t to page
    /// t mod 2, so the pages hold t and t-1: a flipped transaction number would make liblmdb pick the older
    /// root and silently roll the ledger back); a root or a map size that cannot be. A file whose first meta
    /// page is not LMDB's at all is left for liblmdb to refuse (not a ledger).
    static func check(_ data: String, fileBytes: UInt64) throws {
        var problem: String?
        for attempt in 0..<rereadsMax {
            problem = try findProblem(data, fileBytes: fileBytes)
            guard problem != nil else { return }
            if attempt + 1 < rereadsMax { usleep(20_000) }
        }
        if let problem { throw EventLogError.damagedFile(path: data, reason: problem) }
    }

    private static func findProblem(_ data: String, fileBytes: UInt64) throws -> String? {
        let fd = open(data, O_RDONLY)
        guard fd >= 0 else { throw EventLogError.unreadable(path: data, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard let probe = read(fd, offset: 0, index: 0) else {
            // liblmdb writes its pages in the machine's page size; a good second meta page there means the first
            // is damaged, not that the file is something else.
            let pageBytes = UInt64(max(4096, sysconf(Int32(_SC_PAGESIZE))))
            guard read(fd, offset: pageBytes, index: 1) != nil else { return nil }
            return "its first meta page (page 0) is not an LMDB meta page while the second is: the page is damaged; " + restore
        }
        // Both meta pages from one read, so that a commit in another process between two reads cannot make them
        // look three transactions apart.
        guard probe.pageBytes <= fileBytes, let pair = readPair(fd, pageBytes: probe.pageBytes),
              let first = pair.first, let second = pair.second else {
            return "its second meta page (page 1) is not an LMDB meta page while the first is: the page is damaged; "
                + restore
        }
        guard second.pageBytes == first.pageBytes else {
            return "its meta pages disagree on the page size (\(first.pageBytes) and \(second.pageBytes) bytes): one is damaged; " + restore
        }
        let (newest, older) = first.transaction >= second.transaction ? (first, second) : (second, first)
        if newest.transaction > 0 {
            guard newest.transaction % 2 == newest.index, older.transaction == newest.transaction - 1 else {
                return "its meta pages hold transactions \(first.transaction) (page 0) and \(second.transaction) (page 1); the last two "
                    + "commits are always t and t-1 on pages t mod 2 and (t-1) mod 2, so a transaction number is damaged, and "
                    + "liblmdb could pick an older root (a silent rollback); " + restore
            }
        }
        for meta in [newest, older] where meta.version != dataVersion {
            return "its meta page \(meta.index) says data version \(meta.version), and liblmdb 0.9 writes \(dataVersion): the page is damaged; "
                + restore
        }
        // The free-page tree's flags are MDB_INTEGERKEY with the environment's own flags (MDB_FIXEDMAP,
        // MDB_NOSUBDIR) when it was made: a file copied by `mdb_copy -n` holds 0x4008.
        guard newest.freeFlags & freeTreeFlags != 0, newest.freeFlags & ~(freeTreeFlags | environmentFlags) == 0, newest.mainFlags == 0 else {
            return "its meta page (transaction \(newest.transaction)) gives the free-page tree flags \(newest.freeFlags) and the main tree "
                + "\(newest.mainFlags); liblmdb writes \(freeTreeFlags) (with at most \(environmentFlags) more) and 0: the meta page is damaged; " + restore
        }
        let (pages, overflow) = (newest.lastPage &+ 1).multipliedReportingOverflow(by: newest.pageBytes)
        guard !overflow else {
            return "its meta page (transaction \(newest.transaction)) says the last page in use is \(newest.lastPage): the meta page is damaged; " + restore
        }
        // A healthy file may end before its last page: liblmdb does not write a page it allocated and freed
        // again in one transaction (a loose page), and its own copy stops at the file's end. What must be in
        // the file is each tree's root; a read of a missing page beyond them is caught by the fault guard.
        for (name, root) in [("main", newest.mainRoot), ("free-page", newest.freeRoot)] where root != noPage {
            let (end, past) = (root &+ 1).multipliedReportingOverflow(by: newest.pageBytes)
            guard !past, end <= fileBytes else {
                return "it holds \(fileBytes) bytes, and its meta page (transaction \(newest.transaction)) puts the \(name) tree's root at page "
                    + "\(root), past the end: the file was truncated or its meta page damaged; " + restore
            }
        }
        guard newest.lastPage >= older.lastPage else {
            return "its newest meta page (transaction \(newest.transaction)) says the last page in use is \(newest.lastPage), below the "
                + "\(older.lastPage) of the commit before it; the file never shrinks, so that meta page is damaged; " + restore
        }
        guard newest.mapBytes >= pages, newest.mapBytes <= mapBytesMax else {
            return "its meta page (transaction \(newest.transaction)) says the map is \(newest.mapBytes) bytes, and \(pages) bytes are in "
                + "use (at most \(mapBytesMax) is possible): the meta page is damaged; " + restore
        }
        for (name, root, depth) in [("free-page", newest.freeRoot, newest.freeDepth), ("main", newest.mainRoot, newest.mainDepth)] {
            guard root == noPage || (root >= 2 && root <= newest.lastPage), depth <= depthMax else {
                return "its meta page (transaction \(newest.transaction)) puts the \(name) tree's root at page \(root) (depth \(depth)), "
                    + "outside pages 2...\(newest.lastPage): the meta page is damaged; " + restore
            }
        }
        return nil
    }

    private static let restore = "restore it from a copy (`grassroots verify --checkpoint` then proves the copy holds what was signed)"

    /// Both meta pages, read at once; nil on a short read.
    private static func readPair(_ fd: Int32, pageBytes: UInt64) -> (first: Meta?, second: Meta?)? {
        let count = Int(pageBytes) + headerBytes
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        guard got == count else { return nil }
        return (parse(Array(bytes[0..<headerBytes]), index: 0), parse(Array(bytes[Int(pageBytes)...]), index: 1))
    }

    /// The meta page at `offset`, or nil when it is not one (wrong magic or page flags, implausible page size,
    /// short read).
    /// The layout is `MDB_meta` after the 16-byte page header: magic 16, version 20, address 24, map size 32,
    /// the free-page tree's `MDB_db` at 40 (page size in its pad at 40, flags 44, depth 46, root 80), the
    /// main tree's at 88 (flags 92, depth 94, root 128), last page 136, transaction 144.
    private static func read(_ fd: Int32, offset: UInt64, index: UInt64) -> Meta? {
        var bytes = [UInt8](repeating: 0, count: headerBytes)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, headerBytes, off_t(offset)) }
        guard got == headerBytes else { return nil }
        return parse(bytes, index: index)
    }

    /// The meta page in `bytes` (its first `headerBytes`), or nil when it is not one.
    private static func parse(_ bytes: [UInt8], index: UInt64) -> Meta? {
        precondition(bytes.count >= headerBytes, "a meta page's header is \(headerBytes) bytes")
        func value(_ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        guard value(16, 4) == UInt64(magic), value(10, 2) & metaPageFlag != 0 else { return nil }
        let pageBytes = value(40, 4)
        guard pageBytesRange.contains(pageBytes) else { return nil }
        return Meta(index: index, version: value(20, 4), pageBytes: pageBytes, mapBytes: value(32, 8), freeFlags: value(44, 2), mainFlags: value(92, 2),
                    freeRoot: value(80, 8), freeDepth: value(46, 2), mainRoot: value(128, 8), mainDepth: value(94, 2),
                    lastPage: value(136, 8), transaction: value(144, 8))
    }
}
