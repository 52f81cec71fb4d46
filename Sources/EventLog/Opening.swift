import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something a person should know about how a ledger was opened (`Ledger.notes`).
public enum LedgerNote: Sendable, Equatable, CustomStringConvertible {
    /// Opened read-only without `lock.mdb` (`MDB_NOLOCK`), for `reason`.
    case openedWithoutLock(path: String, reason: String)
    /// The projections were of another version and the ledger read-only: they were rebuilt from its log
    /// in a scratch copy in `scratch`, which answers the queries and is removed afterwards.
    case projectionsRebuiltAside(path: String, stored: String, current: String, scratch: String)
    /// A writable open migrated the ledger's log from storage format 1 to 2, re-indexing `events` events.
    case logMigrated(path: String, events: UInt64)
    /// A read-only open found storage format 1 and reads it as it is (`LogIndex.format1`), migrating nothing.
    case readInFormat1(path: String)
    /// A writable open built the Merkle tree of a format-2 ledger over its `events` events (format 3).
    case merkleTreeBuilt(path: String, events: UInt64)
    /// A read-only open found a ledger from before the Merkle tree (format 2) and reads it as it is.
    case readWithoutMerkleTree(path: String, formatVersion: UInt32)

    public var description: String {
        switch self {
        case .openedWithoutLock(let path, let reason):
            return "opened \(path) read-only without its lock file (\(reason)); nothing is written to it. "
                + "That is right for an evidence copy, which has no writers; on a ledger someone is appending to, "
                + "read as a user who may write its lock.mdb"
        case .readInFormat1(let path):
            return "\(path) is in storage format \(Layout.formatVersionFormat1), which is read as it is (verify checks the indexes it holds); "
                + "a command that writes to it would first migrate it to format \(Layout.formatVersion), in one transaction"
        case .logMigrated(let path, let events):
            return "migrated \(path) from storage format \(Layout.formatVersionFormat1) to \(Layout.formatVersionFormat2) (the stream index folded into the subject index, "
                + "\(events) events re-indexed in one transaction); a release before this format no longer opens it"
        case .merkleTreeBuilt(let path, let events):
            return "migrated \(path) from storage format \(Layout.formatVersionFormat2) to \(Layout.formatVersion) (the Merkle tree over its "
                + "\(events) events built in one transaction); a release before this format no longer opens it"
        case .readWithoutMerkleTree(let path, let formatVersion):
            return "\(path) is in storage format \(formatVersion), without the Merkle tree: verify checks its chain and indexes, and "
                + "checkpoints and proofs need the tree, which a command that writes to it would first build (format \(Layout.formatVersion), in one transaction)"
        case .projectionsRebuiltAside(let path, let stored, let current, let scratch):
            return "the projections in \(path) were built as \(stored) and this program keeps \(current); the ledger is read-only, "
                + "so they were rebuilt from its log in a scratch copy (\(scratch), removed afterwards); nothing was written to \(path)"
        }
    }
}

/// A read-only open's hook tables were built under another state version (or some are missing).
struct OutdatedProjections: Sendable {
    let stored: String
    let current: String
    /// The ledger's files are read-only: reads of the projections are answered from a scratch rebuild.
    let rebuildAside: Bool
}

/// A ledger's notes and its scratch copy, made at most once, under a lock (a `Ledger` is shared).
final class AsideState: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Guarded by `mutex`.
    private var made: ScratchCopy?
    private var recorded: [LedgerNote] = []

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    var notes: [LedgerNote] { locked { recorded } }

    /// Keeps `note` and hands it to `options.onNote`.
    func record(_ note: LedgerNote, _ options: LedgerOptions) {
        locked { recorded.append(note) }
        options.onNote?(note)
    }

    /// The scratch copy, made by `make` (with the note to record) at the first call.
    func copy(_ options: LedgerOptions, _ make: () throws -> (ScratchCopy, LedgerNote)) throws -> ScratchCopy {
        let (copy, note) = try locked { () throws -> (ScratchCopy, LedgerNote?) in
            if let made { return (made, nil) }
            let (copy, note) = try make()
            made = copy
            recorded.append(note)
            return (copy, note)
        }
        if let note { options.onNote?(note) }
        return copy
    }
}

/// What the files at a ledger's path allow, found before liblmdb touches them.
struct LedgerFiles {
    let path: String
    /// `lock.mdb` is there (some process opened the environment with its lock, a writer perhaps).
    let lockExists: Bool
    /// Why the ledger cannot be written (nil when it can): a read-only file or directory, or files with
    /// no write permission at all (`chmod a-w`: an evidence copy, even for root, who could write anyway).
    let unwritableReason: String?
    /// Why a read-only open goes without `lock.mdb` (nil when it can use it).
    let lockUnusableReason: String?

    /// Refuses a path that is not a ledger's directory, and an empty or missing `data.mdb`, writing nothing.
    /// Refuses a ledger directory or `data.mdb` reached through a symbolic link (LMDB locks by the path's
    /// `lock.mdb`: two paths to one `data.mdb` would let two writers corrupt it), and a `data.mdb` shorter than
    /// its meta page says (a truncated file, whose pages past its end would kill the reader with SIGBUS).
    static func inspect(_ path: String) throws -> LedgerFiles {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        var link = stat()
        if lstat(String(trimmed), &link) == 0 && link.st_mode & S_IFMT == S_IFLNK {
            throw EventLogError.notALedger(path: path, reason: "it is a symbolic link; open the ledger by its real path (two paths to one ledger would have two lock files, and two writers could corrupt it)")
        }
        if lstat(path + "/data.mdb", &link) == 0 && link.st_mode & S_IFMT == S_IFLNK {
            throw EventLogError.notALedger(path: path, reason: "its data.mdb is a symbolic link; keep the ledger's files in its directory (two directories sharing one data.mdb would have two lock files, and two writers could corrupt it)")
        }
        var directory = stat()
        guard stat(path, &directory) == 0 else {
            if errno == ENOENT { throw EventLogError.ledgerNotFound(path: path) }
            throw EventLogError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard directory.st_mode & S_IFMT == S_IFDIR else {
            throw EventLogError.notALedger(path: path, reason: "it is not a directory (a ledger is a directory holding data.mdb)")
        }
        let data = path + "/data.mdb"
        var file = stat()
        guard stat(data, &file) == 0 else {
            if errno == ENOENT { throw EventLogError.notALedger(path: path, reason: "the directory holds no data.mdb") }
            throw EventLogError.unreadable(path: data, reason: String(cString: strerror(errno)))
        }
        guard file.st_mode & S_IFMT == S_IFREG else {
            throw EventLogError.notALedger(path: path, reason: "its data.mdb is not a regular file")
        }
        guard file.st_size > 0 else {
            throw EventLogError.notALedger(path: path, reason: "its data.mdb is empty (0 bytes), left as it is")
        }
        guard access(data, R_OK) == 0 else {
            throw EventLogError.unreadable(path: data, reason: String(cString: strerror(errno)))
        }
        try MetaPages.check(data, fileBytes: UInt64(file.st_size))
        let lock = path + "/lock.mdb"
        var lockInfo = stat()
        let lockExists = stat(lock, &lockInfo) == 0
        let unwritable: String?
        if file.st_mode & 0o222 == 0 {
            unwritable = "its data.mdb has no write permission for anyone (a read-only copy)"
        } else if access(data, W_OK) != 0 {
            unwritable = "this user may not write its data.mdb (\(String(cString: strerror(errno))))"
        } else if access(path, W_OK) != 0 {
            unwritable = "this user may not write in its directory (\(String(cString: strerror(errno))))"
        } else if lockExists && access(lock, W_OK) != 0 {
            unwritable = "this user may not write its lock.mdb (\(String(cString: strerror(errno))))"
        } else {
            unwritable = nil
        }
        let lockUnusable: String?
        if !lockExists {
            lockUnusable = "there is no lock.mdb, and a read does not create one"
        } else if access(lock, W_OK) != 0 {
            lockUnusable = "lock.mdb is not writable by this user"
        } else if unwritable != nil {
            lockUnusable = "the ledger's files are read-only"
        } else {
            lockUnusable = nil
        }
        return LedgerFiles(path: path, lockExists: lockExists, unwritableReason: unwritable, lockUnusableReason: lockUnusable)
    }
}

/// A writable copy of a ledger in a fresh scratch directory, opened with the same hook (so its projections
/// are brought up to date there); the directory is removed when this is released.
final class ScratchCopy: Sendable {
    let directory: String
    let ledger: Ledger

    private init(directory: String, ledger: Ledger) {
        self.directory = directory
        self.ledger = ledger
    }

    deinit { ScratchCopy.remove(directory) }

    /// Copies `environment` (compacted, from a read snapshot: it never waits for a writer) into a new
    /// directory under `options.scratchDirectory` (else `$TMPDIR`, else `/tmp`) and opens the copy for writing.
    static func make(of environment: Environment, ledgerPath: String, options: LedgerOptions) throws -> ScratchCopy {
        let directory = try makeDirectory(options)
        do {
            try environment.copy(to: directory, compact: true)
        } catch {
            remove(directory)
            throw EventLogError.scratchFailed(directory: directory, reason: "copying \(ledgerPath) there failed: \(error.message)")
        }
        var scratchOptions = LedgerOptions()
        scratchOptions.hook = options.hook
        scratchOptions.clock = options.clock
        scratchOptions.rebuildProgress = options.rebuildProgress
        scratchOptions.scratchDirectory = options.scratchDirectory
        scratchOptions.scratchMapBytesInitial = options.scratchMapBytesInitial
        do {
            return ScratchCopy(directory: directory, ledger: try Ledger.open(at: directory, options: scratchOptions))
        } catch let error as EventLogError {
            remove(directory)
            if case .diskFull = error {
                throw EventLogError.scratchFailed(directory: directory, reason: "rebuilding the projections there filled the disk")
            }
            throw error
        }
    }

    static func makeDirectory(_ options: LedgerOptions) throws -> String {
        let base: String
        if let chosen = options.scratchDirectory {
            base = chosen
        } else if let tmp = getenv("TMPDIR").map({ String(cString: $0) }), !tmp.isEmpty {
            base = tmp
        } else {
            base = "/tmp"
        }
        var template = Array((base + "/grassroots-scratch-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let start = buffer.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        guard made else {
            throw EventLogError.scratchFailed(directory: base, reason: "cannot create a directory there: \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Removes the files liblmdb makes in a scratch directory, then the directory (what else may be there stays).
    static func remove(_ directory: String) {
        for name in ["data.mdb", "lock.mdb"] where unlink(directory + "/" + name) != 0 && errno != ENOENT {
            return
        }
        _ = rmdir(directory)
    }
}
