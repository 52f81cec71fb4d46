import CFaultGuard
import CLMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to open an LMDB environment. Every field is explicit; nothing is left to liblmdb's defaults
/// except where named here.
public struct EnvironmentOptions: Sendable {
    /// The map size to start with, in bytes (rounded up by liblmdb to a page multiple).
    public var mapSizeInitialBytes: Int
    /// The map never grows past this; a write that needs more fails with `MDB_MAP_FULL`, intact.
    public var mapSizeMaxBytes: Int
    /// Named sub-databases the environment may hold.
    public var databasesMax: UInt32
    /// Concurrent read transactions across all processes.
    public var readersMax: UInt32
    /// Create the directory and files when they are missing.
    public var create: Bool
    /// Open read-only (`MDB_RDONLY`).
    public var readOnly: Bool
    /// Open without the lock file (`MDB_NOLOCK`): `lock.mdb` is neither created nor opened nor written.
    /// Only safe when no other process writes the environment (a read-only copy, say): readers hold no
    /// slot, so a writer elsewhere could reuse the pages they read.
    public var noLock: Bool
    /// Commit without fsync (`MDB_NOSYNC`): only for throwaway environments (the fuzzing harness's scratch
    /// ledgers), since a machine crash may lose or damage the last commits. Every ledger a person uses syncs.
    public var noSync: Bool = false
    /// Unix mode of created files.
    public var fileMode: UInt32
    /// When set, every committed write is copied into it (for benchmarks; see `WriteTrace`).
    public var trace: WriteTrace?

    public init(
        mapSizeInitialBytes: Int = 64 << 20,
        mapSizeMaxBytes: Int = 1 << 40,
        databasesMax: UInt32 = 64,
        readersMax: UInt32 = 126,
        create: Bool = false,
        readOnly: Bool = false,
        noLock: Bool = false,
        fileMode: UInt32 = 0o640
    ) {
        self.mapSizeInitialBytes = mapSizeInitialBytes
        self.mapSizeMaxBytes = mapSizeMaxBytes
        self.databasesMax = databasesMax
        self.readersMax = readersMax
        self.create = create
        self.readOnly = readOnly
        self.noLock = noLock
        self.fileMode = fileMode
        self.trace = nil
    }
}

/// Figures from `mdb_env_info` and `mdb_env_stat`.
public struct EnvironmentInfo: Sendable {
    public var mapSizeBytes: Int
    public var pageSizeBytes: Int
    /// Pages in use up to the highest one ever written (the file's logical extent).
    public var lastPageNumber: Int
    public var lastTransactionID: Int
    public var readersUsed: Int
    public var readersMax: Int
    public var usedBytes: Int { (lastPageNumber + 1) * pageSizeBytes }
}

/// Figures from `mdb_stat` for one database.
public struct DatabaseStat: Sendable {
    public var entries: Int
    public var depth: Int
    public var branchPages: Int
    public var leafPages: Int
    public var overflowPages: Int
}

/// An open LMDB environment (one directory holding `data.mdb` and `lock.mdb`).
///
/// Thread safety: liblmdb environments may be shared between threads. It is opened with `MDB_NOTLS`, so
/// read transactions are not bound to a thread. Write transactions are serialised by liblmdb's writer
/// lock, across threads and processes. Every transaction runs inside a closure on the calling thread,
/// so no transaction handle escapes or migrates. The map may only be resized while no transaction of
/// this process is open; `gate` (a reader-writer lock) makes transactions share it and resizes own it.
public final class Environment: @unchecked Sendable {
    let handle: OpaquePointer
    public let path: String
    public let options: EnvironmentOptions
    private let gate = ReadWriteLock()
    /// Milliseconds a transaction waits to adopt a map another process grew.
    static let resizeLockAttemptsMax = 2_000

    /// Opens (and with `options.create`, creates) the environment at `path`, a directory.
    /// On any failure the half-opened handle is closed before the error is thrown.
    public init(path: String, options: EnvironmentOptions) throws(LMDBError) {
        precondition(options.mapSizeInitialBytes > 0 && options.mapSizeMaxBytes >= options.mapSizeInitialBytes,
                     "map size bounds must be positive and ordered")
        self.path = path
        self.options = options
        if options.create {
            if mkdir(path, 0o750) != 0 && errno != EEXIST {
                throw LMDBError(code: errno, operation: "mkdir(\(path))")
            }
        }
        var env: OpaquePointer?
        try check(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw LMDBError(code: ENOMEM, operation: "mdb_env_create") }
        do {
            try check(mdb_env_set_maxdbs(env, options.databasesMax), "mdb_env_set_maxdbs")
            try check(mdb_env_set_maxreaders(env, options.readersMax), "mdb_env_set_maxreaders")
            try check(mdb_env_set_mapsize(env, options.mapSizeInitialBytes), "mdb_env_set_mapsize")
            var flags = UInt32(MDB_NOTLS)
            if options.readOnly { flags |= UInt32(MDB_RDONLY) }
            if options.noLock { flags |= UInt32(MDB_NOLOCK) }
            if options.noSync { flags |= UInt32(MDB_NOSYNC) }
            try check(mdb_env_open(env, path, flags, mode_t(options.fileMode)), "mdb_env_open(\(path))")
            // Another process may have grown the map beyond our initial size; adopt the file's size.
            try check(mdb_env_set_mapsize(env, 0), "mdb_env_set_mapsize(adopt)")
            // Clear reader slots left behind by processes that died (for example under SIGKILL).
            var dead: Int32 = 0
            try check(mdb_reader_check(env, &dead), "mdb_reader_check")
            // A liblmdb assertion on a damaged page exits 4 through the fault guard once the program installed
            // it (`FaultGuard.install`); until then liblmdb prints the assertion and aborts, as it always did.
            mdb_env_set_assert(env) { env, message in grassroots_guard_lmdb_assert(UnsafeMutableRawPointer(env), message) }
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        registerWithFaultGuard()
    }

    deinit {
        grassroots_guard_unregister(UnsafeRawPointer(handle))
        mdb_env_close(handle)
    }

    /// Tells the fault guard where this environment's map is now (after opening, and after the map moved or
    /// grew), so that a fault while reading it is reported as damage to its file.
    private func registerWithFaultGuard() {
        var stat = MDB_stat()
        mdb_env_stat(handle, &stat)
        _ = grassroots_guard_register(UnsafeRawPointer(handle), Int(stat.ms_psize), path + "/data.mdb")
    }

    // MARK: transactions

    /// Runs `body` in a read-only transaction, which is reset when `body` returns or throws.
    public func read<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R {
        gate.lockShared()
        defer { gate.unlock() }
        let txn = try beginTransaction(readOnly: true)
        defer { mdb_txn_abort(txn) }
        return try body(ReadTransaction(raw: TransactionHandle(pointer: txn)))
    }

    /// Runs `body` in a write transaction and commits it when `body` returns.
    ///
    /// If `body` throws, the transaction is aborted and nothing it wrote remains. If the commit
    /// fails, the error is thrown; liblmdb has already freed the transaction and it is not touched again.
    ///
    /// When the map fills (`MDB_MAP_FULL` from a put or the commit), the transaction is aborted, the map
    /// is doubled (up to `options.mapSizeMaxBytes`) and `body` runs again from the start, so `body` must
    /// only change state through the transaction. At the maximum size the `MDB_MAP_FULL` error is thrown
    /// and the environment is as it was before the call.
    ///
    /// A write the file system cannot take (`ENOSPC`, or the `EIO` liblmdb reports for a write cut short
    /// when the file system is full) is thrown as `ENOSPC` (`isDiskFull`); the environment is as it was.
    public func write<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        while true {
            do {
                return try writeOnce(body)
            } catch let error as LMDBError where error.isMapFull {
                guard try grow() else { throw error }
            } catch let error as LMDBError where error.code == EIO || error.code == ENOSPC {
                throw diskFull(error) ?? error
            }
        }
    }

    /// Free bytes under which an `EIO` from a write is taken for a full file system.
    static let diskFullFreeBytesMax = 1 << 20

    /// `error` restated as a full disk (`ENOSPC`) when it is one: liblmdb reports a write cut short (the
    /// file system filled up during `pwrite`) as `EIO`, so the file system's free space decides.
    func diskFull(_ error: LMDBError) -> LMDBError? {
        var figures = statvfs()
        let full: Bool
        if error.code == ENOSPC {
            full = true
        } else if statvfs(path, &figures) == 0 {
            let blocks = geteuid() == 0 ? UInt64(figures.f_bfree) : UInt64(figures.f_bavail)
            full = blocks.multipliedReportingOverflow(by: UInt64(figures.f_frsize)).partialValue < UInt64(Environment.diskFullFreeBytesMax)
        } else {
            full = false
        }
        guard full else { return nil }
        return LMDBError(code: ENOSPC, operation: error.operation,
                         message: "no space left on the device holding \(path) (liblmdb: \(error.message))")
    }

    /// Runs `body` in a write transaction that is always aborted: a dry run, or work done aside. A full map
    /// grows and `body` runs again, as in `write`.
    public func writeAndDiscard<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        while true {
            do {
                gate.lockShared()
                defer { gate.unlock() }
                let txn = try beginTransaction(readOnly: false)
                defer { mdb_txn_abort(txn) }
                return try body(WriteTransaction(raw: TransactionHandle(pointer: txn), trace: nil))
            } catch let error as LMDBError where error.isMapFull {
                guard try grow() else { throw error }
            }
        }
    }

    private func writeOnce<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        gate.lockShared()
        defer { gate.unlock() }
        let txn = try beginTransaction(readOnly: false)
        let trace = options.trace
        let result: R
        do {
            result = try body(WriteTransaction(raw: TransactionHandle(pointer: txn), trace: trace))
        } catch {
            mdb_txn_abort(txn)
            trace?.discardPending()
            throw error
        }
        // mdb_txn_commit frees the transaction whether it succeeds or not.
        do {
            try check(mdb_txn_commit(txn), "mdb_txn_commit")
        } catch {
            trace?.discardPending()
            throw error
        }
        trace?.commitPending()
        return result
    }

    /// Runs `producer` on a second thread, inside a read transaction begun here (a snapshot of what is
    /// committed when this is called), while `body` runs on this thread; returns `body`'s result once the
    /// producer has finished too. `body` may run inside a write transaction of this thread (the snapshot
    /// then holds what that transaction started from). The two share nothing through LMDB: they talk
    /// through whatever the caller gives them, and `body` must see to it that the producer ends, whether
    /// `body` returns or throws (the producer is joined before this returns, then the snapshot is closed).
    public func readConcurrently<R>(
        _ producer: @escaping @Sendable (borrowing ReadTransaction) -> Void, while body: () throws -> R
    ) throws -> R {
        gate.lockShared()
        defer { gate.unlock() }
        let txn = UncheckedSendable(try beginTransaction(readOnly: true))
        defer { mdb_txn_abort(txn.value) }
        let thread = try SpawnedThread {
            // The transaction moves to this thread (`MDB_NOTLS`) and is used by it alone until joined.
            producer(ReadTransaction(raw: TransactionHandle(pointer: txn.value)))
        }
        defer { thread.join() }
        return try body()
    }

    private func beginTransaction(readOnly: Bool) throws(LMDBError) -> OpaquePointer {
        var attemptsLeft = 3
        while true {
            var txn: OpaquePointer?
            let rc = mdb_txn_begin(handle, nil, readOnly ? UInt32(MDB_RDONLY) : 0, &txn)
            if rc == MDB_MAP_RESIZED && attemptsLeft > 0 {
                // Another process grew the map. We hold the gate shared, so no transaction of ours is
                // open other than those of concurrent callers; liblmdb allows adopting the size with 0
                // only when none is. Retry after adopting it under the exclusive gate.
                attemptsLeft -= 1
                gate.unlock()
                // Bounded: if this thread holds an outer transaction, the exclusive lock never comes; report
                // MDB_MAP_RESIZED (the caller may retry once its outer transaction ends) instead of waiting forever.
                guard gate.tryLockExclusive(attempts: Environment.resizeLockAttemptsMax) else {
                    gate.lockShared()
                    throw LMDBError(code: MDB_MAP_RESIZED, operation: "mdb_txn_begin",
                                    message: "another process grew the map while this thread had a transaction open; retry")
                }
                let adopt = mdb_env_set_mapsize(handle, 0)
                registerWithFaultGuard()
                gate.unlock()
                gate.lockShared()
                try check(adopt, "mdb_env_set_mapsize(adopt)")
                continue
            }
            try check(rc, readOnly ? "mdb_txn_begin(read)" : "mdb_txn_begin(write)")
            guard let txn else { throw LMDBError(code: ENOMEM, operation: "mdb_txn_begin") }
            return txn
        }
    }

    /// Grows the map (outside any transaction of this thread) so that at least `freeBytes` more fit, bounded
    /// by `mapSizeMaxBytes`: for work done inside an outer transaction, where the map cannot grow.
    public func reserve(freeBytes: Int) throws(LMDBError) {
        let wanted = min(options.mapSizeMaxBytes, info().usedBytes + freeBytes)
        while info().mapSizeBytes < wanted {
            guard try grow() else { return }
        }
    }

    /// Doubles the map, bounded by `mapSizeMaxBytes`. Returns false when already at the maximum; throws
    /// `EBUSY` when the map cannot be resized now because this thread holds an outer transaction.
    private func grow() throws(LMDBError) -> Bool {
        guard gate.tryLockExclusive(attempts: Environment.resizeLockAttemptsMax) else {
            throw LMDBError(code: EBUSY, operation: "mdb_env_set_mapsize",
                            message: "the map is full and cannot grow while this thread holds another transaction; reserve room first")
        }
        defer { gate.unlock() }
        let current = info().mapSizeBytes
        guard current < options.mapSizeMaxBytes else { return false }
        let next = current > options.mapSizeMaxBytes / 2 ? options.mapSizeMaxBytes : current * 2
        try check(mdb_env_set_mapsize(handle, next), "mdb_env_set_mapsize(\(next))")
        registerWithFaultGuard()
        return true
    }

    // MARK: copies

    /// Writes a consistent copy of the environment's last committed state into `directory` (an existing,
    /// empty directory), as `data.mdb` (`mdb_env_copy2`). `compact` leaves out free pages and renumbers
    /// the rest; it runs in a read snapshot and never waits for a writer. A copy without `compact` briefly
    /// takes the writer lock (when the environment has a lock file), so it may wait for a write to end.
    public func copy(to directory: String, compact: Bool) throws(LMDBError) {
        gate.lockShared()
        defer { gate.unlock() }
        try check(mdb_env_copy2(handle, directory, compact ? UInt32(MDB_CP_COMPACT) : 0), "mdb_env_copy2(\(directory))")
    }

    // MARK: databases and figures

    /// Opens (and with `create`, creates) named databases in one transaction that is committed, so the
    /// handles stay valid for the environment's lifetime. A missing database without `create` throws
    /// `MDB_NOTFOUND`.
    public func openDatabases(named names: [String], create: Bool) throws -> [Database] {
        precondition(!(create && options.readOnly), "cannot create databases in a read-only environment")
        gate.lockShared()
        defer { gate.unlock() }
        let txn = try beginTransaction(readOnly: !create)
        var opened: [Database] = []
        for name in names {
            var dbi: MDB_dbi = 0
            let rc = mdb_dbi_open(txn, name, create ? UInt32(MDB_CREATE) : 0, &dbi)
            if rc != MDB_SUCCESS {
                mdb_txn_abort(txn)
                throw LMDBError(code: rc, operation: "mdb_dbi_open(\(name))")
            }
            opened.append(Database(dbi: dbi, name: name))
        }
        // Committing (read-only transactions too) keeps the handles open for later transactions.
        try check(mdb_txn_commit(txn), "mdb_txn_commit(open databases)")
        return opened
    }

    public func info() -> EnvironmentInfo {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        mdb_env_info(handle, &info)
        mdb_env_stat(handle, &stat)
        return EnvironmentInfo(
            mapSizeBytes: info.me_mapsize,
            pageSizeBytes: Int(stat.ms_psize),
            lastPageNumber: info.me_last_pgno,
            lastTransactionID: info.me_last_txnid,
            readersUsed: Int(info.me_numreaders),
            readersMax: Int(info.me_maxreaders)
        )
    }
}
