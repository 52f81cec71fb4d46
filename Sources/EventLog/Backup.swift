import Foundation
import LMDB

/// What `Ledger.backup(to:)` made.
public struct BackupReport: Sendable {
    /// The copy's directory.
    public let directory: String
    /// The copy verified: its chain, indexes and head.
    public let verification: VerificationReport
    /// The copy's `data.mdb` size in bytes.
    public let bytes: UInt64
}

extension Ledger {
    /// A compacted hot copy of the ledger's last committed state into `directory` (which must not exist, or
    /// be an empty directory), made from a read snapshot (`mdb_env_copy2` with `MDB_CP_COMPACT`: it never
    /// makes an append wait, and free pages are left behind), then opened read-only and verified. A copy
    /// that does not verify is kept for inspection and reported as an integrity failure.
    public func backup(to directory: String, progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> BackupReport {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: directory, isDirectory: &isDirectory) {
            let contents: [String]
            do {
                contents = try files.contentsOfDirectory(atPath: directory)
            } catch {
                throw EventLogError.ledgerExists(path: directory)
            }
            guard isDirectory.boolValue, contents.isEmpty else { throw EventLogError.ledgerExists(path: directory) }
        } else {
            do {
                try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw EventLogError.notWritable(path: directory, reason: "the backup directory cannot be made (\(error.localizedDescription))")
            }
        }
        do {
            try environment.copy(to: directory, compact: true)
        } catch {
            if error.code == ENOSPC { throw EventLogError.diskFull(path: directory, underlying: error) }
            throw EventLogError.storage(error)
        }
        // The personal values kept out of the chain go with it (Schemas/PERSONAL.md): a backup holds them until
        // it is erased from or destroyed.
        try sealedStore.copy(to: directory + "/" + SealedStore.directoryName)
        var copyOptions = LedgerOptions()
        copyOptions.readOnly = true
        copyOptions.hook = options.hook
        copyOptions.mapSizeMaxBytes = options.mapSizeMaxBytes
        let copy = try Ledger.open(at: directory, options: copyOptions)
        let verification = try copy.verify(progress: progress)
        var info = stat()
        let bytes = stat(directory + "/data.mdb", &info) == 0 ? UInt64(info.st_size) : 0
        return BackupReport(directory: directory, verification: verification, bytes: bytes)
    }
}
