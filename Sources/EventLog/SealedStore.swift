import Foundation
import LMDB
import Synchronization

/// The sealed-value store: a second LMDB environment in the ledger directory, `sealed/` (`data.mdb`,
/// `lock.mdb`), one database `sealed.openings`: key the commitment's 32-byte digest, value a format byte (1),
/// the 16-byte salt and the value's UTF-8 (`Opening`). Nothing of it enters the log's `data.mdb`.
///
/// - An append writes its openings here in a transaction of its own, committed (and synced) while the log's
///   write transaction is still open, just before that commits: an event is never visible without its
///   openings. A crash between the two commits leaves openings no event refers to: harmless (nothing reads
///   them; they hold what the clerk submitted and are erased with the rest when the person is).
/// - An erasure (`erase`) deletes the openings, then rewrites the environment compacted into `sealed.new/`
///   (LMDB's copy-on-write leaves deleted values in free pages, so the old file still holds them), syncs
///   it, renames `sealed/` to `sealed.old/` and `sealed.new/` to `sealed/`, syncs the ledger directory and
///   removes `sealed.old/`. Before it deletes anything it writes the digests it erases to `sealed.erasing`
///   (synced), and removes that file last: a writable open that finds it (a crash cut the erasure short)
///   deletes those openings again and rewrites the store compacted, so no free page keeps a value (`recover`).
///   A writable open also finishes or undoes a rewrite a crash interrupted.
///   All of it runs under the log's writer lock, so no append writes here meanwhile.
/// - A read-only open reads it as it is, without its lock file where the ledger is read so; a ledger without
///   `sealed/` (made before it existed, or copied without it) has no openings.
final class SealedStore: Sendable {
    static let directoryName = "sealed"
    static let databaseName = "sealed.openings"
    /// Openings an erasure deletes in one call.
    static let eraseBatchMax = 100_000

    let directory: String
    let ledgerPath: String
    let readOnly: Bool
    let noLock: Bool
    private struct Opened {
        let environment: Environment
        let database: Database
        let inode: UInt64
    }
    private let opened = Mutex<Opened?>(nil)

    init(ledgerPath: String, readOnly: Bool, noLock: Bool) {
        self.ledgerPath = ledgerPath
        self.directory = ledgerPath + "/" + SealedStore.directoryName
        self.readOnly = readOnly
        self.noLock = noLock
    }

    /// The environment as it is on disk now (reopened after another process rewrote it), or nil when a
    /// read finds no store.
    private func current(create: Bool) throws -> Opened? {
        try opened.withLock { opened -> Opened? in
            let inode = SealedStore.inode(directory + "/data.mdb")
            if let existing = opened, existing.inode == inode { return existing }
            if inode == nil && !create { return nil }
            precondition(!create || !readOnly, "a read-only ledger never creates its sealed-value store")
            let lockUsable = !noLock && access(directory + "/lock.mdb", W_OK) == 0
            let options = EnvironmentOptions(mapSizeInitialBytes: 1 << 20, mapSizeMaxBytes: 1 << 36, databasesMax: 2, readersMax: 126,
                                             create: create, readOnly: readOnly, noLock: readOnly && !lockUsable, fileMode: 0o600)
            let environment: Environment
            do {
                environment = try Environment(path: directory, options: options)
            } catch let error as LMDBError {
                throw error.isDiskFull ? EventLogError.diskFull(path: directory, underlying: error) : EventLogError.storage(error)
            }
            let database = try environment.openDatabases(named: [SealedStore.databaseName], create: create)[0]
            let fresh = Opened(environment: environment, database: database, inode: SealedStore.inode(directory + "/data.mdb") ?? 0)
            opened = fresh
            return fresh
        }
    }

    static func inode(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// The opening stored under `digest`, or nil.
    func opening(_ digest: [UInt8]) throws -> Opening? {
        guard let store = try current(create: false) else { return nil }
        return try store.environment.read { txn in
            try txn.withValue(store.database, key: digest) { value in try value.map { bytes in
                guard let opening = Opening(bytes: bytes) else {
                    throw EventLogError.damagedFile(path: directory + "/data.mdb", reason: "an opening of an unknown format")
                }
                return opening
            } }
        }
    }

    /// Stores `openings` (committed and synced when this returns).
    func put(_ openings: [[UInt8]: Opening]) throws {
        guard !openings.isEmpty else { return }
        guard let store = try current(create: true) else { preconditionFailure("created above") }
        try store.environment.write { txn in
            for (digest, opening) in openings.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                try txn.put(store.database, key: digest, value: opening.bytes)
            }
        }
    }

    /// How many of `digests` the store holds.
    func count(_ digests: [[UInt8]]) throws -> Int {
        guard let store = try current(create: false) else { return 0 }
        return try store.environment.read { txn in
            try digests.count { digest in try txn.withValue(store.database, key: digest) { $0 != nil } }
        }
    }

    /// Every opening stored (for tests and `verify`'s count), at most `limit`.
    func entryCount() throws -> Int {
        guard let store = try current(create: false) else { return 0 }
        return try store.environment.read { txn in try txn.stat(store.database).entries }
    }

    /// Deletes the openings of `digests` and rewrites the store compacted, so that no file of the ledger
    /// directory holds them any more. Returns how many were there. The caller holds the log's writer lock.
    func erase(_ digests: [[UInt8]]) throws -> Int {
        precondition(!readOnly, "a read-only ledger is never erased from")
        precondition(digests.count <= SealedStore.eraseBatchMax, "an erasure deletes at most \(SealedStore.eraseBatchMax) openings")
        try recover()
        guard let store = try current(create: false) else { return 0 }
        try writePending(digests)
        let removed = try store.environment.write { txn in
            try digests.count { digest in try txn.delete(store.database, key: digest) }
        }
        try rewriteCompacted(store.environment)
        try remove(pendingFile)
        try SealedStore.sync(ledgerPath)
        return removed
    }

    /// `sealed.erasing`: the digests of an erasure under way, one 64-hex-digit line each.
    private var pendingFile: String { directory + ".erasing" }

    /// Writes the erasure's digests to `sealed.erasing` (through a temporary file, synced, renamed, the
    /// directory synced), so that a crash from here on is finished by the next writable open.
    private func writePending(_ digests: [[UInt8]]) throws {
        let text = digests.map { digest in digest.withUnsafeBytes { Hash.hex($0) } + "\n" }.joined()
        let temporary = pendingFile + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw EventLogError.notWritable(path: temporary, reason: String(cString: strerror(errno)))
        }
        try SealedStore.sync(temporary)
        try rename(temporary, to: pendingFile)
        try SealedStore.sync(ledgerPath)
    }

    /// The digests of an erasure a crash cut short, or nil when none was under way.
    private func readPending() throws -> [[UInt8]]? {
        try remove(pendingFile + ".tmp")
        guard FileManager.default.fileExists(atPath: pendingFile) else { return nil }
        guard let data = FileManager.default.contents(atPath: pendingFile) else {
            throw EventLogError.unreadable(path: pendingFile, reason: String(cString: strerror(errno)))
        }
        precondition(data.count <= SealedStore.eraseBatchMax * 65, "sealed.erasing is written with at most \(SealedStore.eraseBatchMax) digests")
        var digests: [[UInt8]] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let digest = Hash(hex: String(line)) else { throw EventLogError.damagedFile(path: pendingFile, reason: "a line is not 64 lowercase hex digits") }
            digests.append(digest.bytes)
        }
        return digests
    }

    /// A compacted copy of the store into `target` (a new directory), for a backup; nothing when there is none.
    func copy(to target: String) throws {
        guard let store = try current(create: false) else { return }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try store.environment.copy(to: target, compact: true)
        } catch let error as LMDBError {
            throw error.isDiskFull ? EventLogError.diskFull(path: target, underlying: error) : EventLogError.storage(error)
        } catch {
            throw EventLogError.notWritable(path: target, reason: "\(error)")
        }
        guard chmod(target + "/data.mdb", 0o600) == 0 else {
            throw EventLogError.notWritable(path: target + "/data.mdb", reason: "chmod: \(String(cString: strerror(errno)))")
        }
    }

    private var newDirectory: String { directory + ".new" }
    private var oldDirectory: String { directory + ".old" }

    private func rewriteCompacted(_ environment: Environment) throws {
        let files = FileManager.default
        try remove(newDirectory)
        do {
            try files.createDirectory(atPath: newDirectory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try environment.copy(to: newDirectory, compact: true)
        } catch let error as LMDBError {
            throw error.isDiskFull ? EventLogError.diskFull(path: newDirectory, underlying: error) : EventLogError.storage(error)
        } catch {
            throw EventLogError.notWritable(path: newDirectory, reason: "\(error)")
        }
        // The copy is made with the process's umask; the store is the ledger owner's alone.
        guard chmod(newDirectory + "/data.mdb", 0o600) == 0 else {
            throw EventLogError.notWritable(path: newDirectory + "/data.mdb", reason: "chmod: \(String(cString: strerror(errno)))")
        }
        try SealedStore.sync(newDirectory + "/data.mdb")
        try SealedStore.sync(newDirectory)
        opened.withLock { $0 = nil }
        try rename(directory, to: oldDirectory)
        try rename(newDirectory, to: directory)
        try SealedStore.sync(ledgerPath)
        try remove(oldDirectory)
        try SealedStore.sync(ledgerPath)
    }

    /// Finishes or undoes a rewrite a crash interrupted: with `sealed/` in place, `sealed.new/` (a copy not
    /// yet renamed) and `sealed.old/` (the store it replaced) are removed; without it, the synced
    /// `sealed.new/` becomes `sealed/` (or, if there is none, `sealed.old/` comes back, and the erasure that
    /// was under way is done again by running it again).
    func recover() throws {
        guard !readOnly else { return }
        let files = FileManager.default
        let hasCurrent = files.fileExists(atPath: directory + "/data.mdb")
        if !hasCurrent {
            if files.fileExists(atPath: newDirectory + "/data.mdb"), files.fileExists(atPath: oldDirectory) {
                try rename(newDirectory, to: directory)
            } else if files.fileExists(atPath: oldDirectory + "/data.mdb") {
                try remove(newDirectory)
                try rename(oldDirectory, to: directory)
            }
        }
        try remove(newDirectory)
        try remove(oldDirectory)
        // An erasure a crash cut short: delete its openings (again) and rewrite the store compacted.
        if let pending = try readPending() {
            if let store = try current(create: false) {
                _ = try store.environment.write { txn in try pending.count { digest in try txn.delete(store.database, key: digest) } }
                try rewriteCompacted(store.environment)
            }
            try remove(pendingFile)
            try SealedStore.sync(ledgerPath)
        }
    }

    private func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw EventLogError.notWritable(path: from, reason: "rename to \(to): \(String(cString: strerror(errno)))")
        }
    }

    private func remove(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw EventLogError.notWritable(path: path, reason: "cannot remove it: \(error)")
        }
    }

    /// `fsync` of a file or directory.
    static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw EventLogError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw EventLogError.notWritable(path: path, reason: "fsync: \(String(cString: strerror(errno)))") }
    }
}
