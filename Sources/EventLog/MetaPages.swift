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
    static let headerBytes = 152
    static let pageBytesRange: ClosedRange<UInt64> = 512...65_536

    struct Meta {
        let pageBytes: UInt64
        let lastPage: UInt64
        let transaction: UInt64
    }

    /// Refuses (`damagedFile`) a `data.mdb` shorter than its newest valid meta page says; a file whose meta
    /// pages are not LMDB's at all is left for liblmdb to refuse (not a ledger).
    static func checkLength(_ data: String, fileBytes: UInt64) throws {
        let fd = open(data, O_RDONLY)
        guard fd >= 0 else { throw EventLogError.unreadable(path: data, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard let first = read(fd, offset: 0) else { return }
        let second = first.pageBytes <= fileBytes ? read(fd, offset: first.pageBytes) : nil
        let newest = [first, second].compactMap { $0 }.max { $0.transaction < $1.transaction } ?? first
        let (pages, overflow) = (newest.lastPage &+ 1).multipliedReportingOverflow(by: newest.pageBytes)
        guard !overflow, pages <= fileBytes else {
            throw EventLogError.damagedFile(path: data, reason: "it holds \(fileBytes) bytes, and its meta page (transaction \(newest.transaction)) "
                + "says pages 0...\(newest.lastPage) of \(newest.pageBytes) bytes are in use: the file was truncated or its meta page damaged; "
                + "restore it from a copy (`grassroots verify --checkpoint` then proves the copy holds what was signed)")
        }
    }

    /// The meta page at `offset`, or nil when it is not one (wrong magic, implausible page size, short read).
    private static func read(_ fd: Int32, offset: UInt64) -> Meta? {
        var bytes = [UInt8](repeating: 0, count: headerBytes)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, headerBytes, off_t(offset)) }
        guard got == headerBytes else { return nil }
        func value(_ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        guard value(16, 4) == UInt64(magic) else { return nil }
        let pageBytes = value(40, 4)
        guard pageBytesRange.contains(pageBytes) else { return nil }
        return Meta(pageBytes: pageBytes, lastPage: value(136, 8), transaction: value(144, 8))
    }
}
