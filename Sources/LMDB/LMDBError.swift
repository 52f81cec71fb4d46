import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error from liblmdb (or from this wrapper's own checks), carrying the C return code,
/// the operation that failed and liblmdb's message for that code.
public struct LMDBError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The return code: an `MDB_*` code (negative) or an `errno` value (positive).
    public let code: Int32
    /// The liblmdb call or wrapper operation that failed, e.g. `mdb_put(events)`.
    public let operation: String
    /// `mdb_strerror(code)`, or the wrapper's explanation.
    public let message: String

    public init(code: Int32, operation: String, message: String? = nil) {
        self.code = code
        self.operation = operation
        if let message {
            self.message = message
        } else if let text = mdb_strerror(code) {
            self.message = String(cString: text)
        } else {
            self.message = "unknown error"
        }
    }

    public var description: String { "\(operation) failed: \(message) (code \(code))" }

    /// The memory map is full (`MDB_MAP_FULL`): the environment must grow before the write can succeed.
    public var isMapFull: Bool { code == MDB_MAP_FULL }
    /// Another process grew the map (`MDB_MAP_RESIZED`): adopt the new size and retry.
    public var isMapResized: Bool { code == MDB_MAP_RESIZED }
    /// The key was already present and `noOverwrite` was asked (`MDB_KEYEXIST`).
    public var isKeyExists: Bool { code == MDB_KEYEXIST }
    /// The file is not an LMDB environment, or its pages are damaged. `MDB_CURSOR_FULL` (a descent deeper than
    /// liblmdb's 32-page cursor stack) is damage too: a branch page that points back up the tree makes a cycle.
    public var isCorruption: Bool {
        code == MDB_CORRUPTED || code == MDB_PAGE_NOTFOUND || code == MDB_INVALID || code == MDB_VERSION_MISMATCH
            || code == MDB_CURSOR_FULL
    }
    /// The key (or named database) does not exist (`MDB_NOTFOUND`).
    public var isNotFoundKey: Bool { code == MDB_NOTFOUND }
    /// The file system is full (`ENOSPC`; `Environment.write` also reports a write cut short on a full
    /// file system this way).
    public var isDiskFull: Bool { code == ENOSPC }
    /// The named database exists as a plain key, or with other flags (`MDB_INCOMPATIBLE`).
    public var isIncompatible: Bool { code == MDB_INCOMPATIBLE }
    /// No such file or directory.
    public var isNotFound: Bool { code == ENOENT }
}

@inline(__always)
func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws(LMDBError) {
    if rc != MDB_SUCCESS { throw LMDBError(code: rc, operation: operation()) }
}
