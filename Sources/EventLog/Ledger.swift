import CanonicalJSON
import Crypto
public import LMDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to open a ledger.
public struct LedgerOptions: Sendable {
    /// The LMDB map starts at this size and doubles as needed.
    public var mapSizeInitialBytes: Int = 64 << 20
    /// The ledger never grows beyond this; an append that would is refused whole (`ledgerFull`).
    public var mapSizeMaxBytes: Int = 1 << 40
    /// Where `recordedAt` comes from.
    public var clock: LedgerClock = .system
    /// A higher layer's validation and projections, run inside every append.
    public var hook: (any AppendHook)? = nil
    /// Open without write access: nothing is written, no projection rebuilt (see `Ledger.open`).
    public var readOnly: Bool = false
    /// Called with each note about how the ledger is read (`Ledger.notes`) as it arises.
    public var onNote: (@Sendable (LedgerNote) -> Void)? = nil
    /// Where scratch directories go (a rebuild's and `check`'s scratch state, a read-only copy's projections
    /// rebuilt aside); nil: `$TMPDIR`, else `/tmp`. Each is a fresh directory removed after use.
    public var scratchDirectory: String? = nil
    /// Called with (events done, events in all) while a writable open migrates a format-1 log to format 2
    /// and while it rebuilds projections of another version.
    public var rebuildProgress: (@Sendable (UInt64, UInt64) -> Void)? = nil
    /// When set, every committed write to LMDB is copied into it (benchmarks replay it into bare LMDB).
    public var trace: WriteTrace? = nil
    /// A recorded time asked for from outside the program (the CLI's `GRASSROOTS_RECORDED_AT`). It is the
    /// ledger's clock only where `requestedRecordedAtScope` says (`Ledger.clock`); `clock` stays the clock
    /// otherwise. A ledger's recorded times are its clock: set from outside, they undo "as known at".
    public var requestedRecordedAt: Timestamp? = nil
    /// Which ledgers honour `requestedRecordedAt`: the CLI's release build says test-clock ledgers only.
    public var requestedRecordedAtScope: RequestedClockScope = .testClockLedgersOnly
    /// `create` only: a test-clock ledger (`log.meta` `clock` = `test`), whose recorded times may be set from
    /// outside (`requestedRecordedAt`) in every build; `stats` and `verify` say so.
    public var testClock: Bool = false
    /// False only for throwaway ledgers (the fuzzing harness's): commits skip fsync, so a machine crash may
    /// lose or damage the last ones. Every ledger a person uses keeps the default.
    public var durableCommits: Bool = true
    /// When set, the time appends spend on the Merkle tree (leaf hashes and tiles) is added to it (benchmarks).
    public var merkleTimer: StopwatchTotal? = nil
    /// A seed for salts asked for from outside the program (the CLI's `GRASSROOTS_SALT_SEED`), honoured only
    /// where `requestedRecordedAt` is (`Ledger.saltSource`): reproducible test and demo ledgers.
    public var requestedSaltSeed: String? = nil
    /// Tests only: called with each event's seq inside the migration from format 1 (`Ledger.migrateLogIndex`);
    /// a throw fails the migration there, as a crash would (nothing is committed).
    var migrationInterruption: (@Sendable (UInt64) throws -> Void)? = nil
    /// Tests only: the map a rebuild's scratch environment starts with (`BulkRebuild.swift`), so that a test can
    /// make it grow midway; nil: a quarter of the ledger's size, at least 64 MiB.
    var scratchMapBytesInitial: Int? = nil

    public init() {}
}

/// Which ledgers honour a recorded time asked for from outside (`LedgerOptions.requestedRecordedAt`).
public enum RequestedClockScope: Sendable {
    /// Every ledger (a debug build: the test suite fixes recorded times for reproducible outputs).
    case everyLedger
    /// Only a ledger created as a test-clock ledger (`LedgerOptions.testClock`); others keep the system clock.
    case testClockLedgersOnly
}

/// The outcome of one draft in an append.
public enum AppendOutcome: Sendable, Equatable {
    /// Stored as event `seq`, version `version` of its stream.
    case appended(seq: UInt64, version: UInt64)
    /// Its idempotency key was already recorded, with the same content, as event `originalSeq`; nothing was stored.
    case duplicate(originalSeq: UInt64)
}

public struct AppendResult: Sendable, Equatable {
    /// One outcome per draft, in order.
    public var outcomes: [AppendOutcome]
    /// The ledger's last sequence number after the append.
    public var headSeq: UInt64
    public var appendedCount: Int { outcomes.count { if case .appended = $0 { true } else { false } } }
    public var duplicateCount: Int { outcomes.count - appendedCount }
}

/// The head of the chain: the last event's sequence number and hash (0 and `Hash.genesis` when empty).
public struct ChainHead: Sendable, Equatable {
    public var seq: UInt64
    public var hash: Hash
    public init(seq: UInt64, hash: Hash) {
        self.seq = seq
        self.hash = hash
    }
}

/// A stored event's raw form, for streaming export without decoding.
public struct RawRecord {
    public let seq: UInt64
    public let prevHash: UnsafeRawBufferPointer
    public let hash: UnsafeRawBufferPointer
    public let canonical: UnsafeRawBufferPointer
}

/// An append-only, hash-chained event log in an LMDB environment. It knows nothing of governance.
public final class Ledger: Sendable {
    public let path: String
    public let options: LedgerOptions
    let environment: Environment
    let events: Database
    /// The subject index: every id an event names (stream and subjects), valued with the id's stream version.
    let subjects: Database
    let idempotency: Database
    let meta: Database
    /// How this ledger's log indexes are laid out: format 2, or format 1 read as it is on a read-only open.
    let logIndex: LogIndex
    /// The stored format version (3; a read-only open reads 1 and 2 as they are).
    public let formatVersion: UInt32
    /// The Merkle tree's tiles (`MerkleTiles`); nil on a read-only open of a ledger from before format 3.
    let tiles: Database?
    /// The ledger was created as a test-clock ledger: a recorded time asked for from outside is honoured.
    public let isTestClock: Bool
    let hookTables: [String: Database]
    /// Set on a read-only open whose hook tables are not those this hook keeps (see `open`).
    let outdated: OutdatedProjections?
    /// The scratch copy that answers for outdated projections of a read-only copy, once made; the notes.
    let aside: AsideState
    /// The sealed values' store (`sealed/`), opened when first needed.
    let sealedStore: SealedStore

    // MARK: opening

    /// Creates a new, empty ledger at `path` (a directory that must not exist yet).
    public static func create(at path: String, options: LedgerOptions = LedgerOptions(), ledgerID: String) throws -> Ledger {
        var info = stat()
        if lstat(path, &info) == 0 { throw EventLogError.ledgerExists(path: path) }
        let environment = try openEnvironment(path: path, options: options, readOnly: false, noLock: false, create: true)
        let tables = try openTables(environment, path: path, options: options, create: true)
        precondition(tables.logIndex == .versioned, "a new ledger is written in the current format")
        let ledger = Ledger(path: path, options: options, environment: environment, tables: tables, outdated: nil, noLock: false)
        let createdAt = ledger.clock.now().description
        do {
            try ledger.environment.write { txn in
                try txn.put(ledger.meta, key: Array("format".utf8), value: Array(Layout.formatName.utf8))
                var version: [UInt8] = []
                Layout.appendBigEndian(UInt64(Layout.formatVersion), to: &version)
                try txn.put(ledger.meta, key: Array("formatVersion".utf8), value: version)
                try txn.put(ledger.meta, key: Array("ledgerId".utf8), value: Array(ledgerID.utf8))
                try txn.put(ledger.meta, key: Array("createdAt".utf8), value: Array(createdAt.utf8))
                if options.testClock { try txn.put(ledger.meta, key: Ledger.clockKey, value: Array(Ledger.testClockValue.utf8)) }
                if let hook = options.hook { try txn.put(ledger.meta, key: Ledger.hookStateKey, value: Array(hook.stateVersion.utf8)) }
            }
        } catch let error as LMDBError {
            throw error.isDiskFull ? EventLogError.diskFull(path: path, underlying: error) : EventLogError.storage(error)
        }
        return ledger
    }

    /// Opens an existing ledger.
    ///
    /// Nothing is written before the path has proved to be a ledger: the files are inspected (a missing or
    /// empty `data.mdb` is refused before liblmdb touches it), then the format marker is read in a
    /// read-only open without the lock file, which creates nothing. Only then does a writable open create
    /// `lock.mdb` (if missing), migrate a format-1 log to format 2 (`migrateLogIndex`, one transaction, before
    /// anything else is written), create the hook's tables, and rebuild projections of another `stateVersion`.
    /// A read-only open of a format-1 ledger reads it as it is (`LogIndex.format1`) and migrates nothing.
    ///
    /// With `options.readOnly` nothing is ever written: the environment is opened `MDB_RDONLY`, and without
    /// the lock file (`MDB_NOLOCK`) when `lock.mdb` is missing or not writable or the ledger's files are
    /// read-only (an evidence copy has no writers); `notes` says so. Projections of another version do not
    /// stop the log's reads (events, verify, export, stats); a read of the projections (`readTables`,
    /// `query`) is refused on a writable ledger (`projectionsOutdated`: run a rebuild), and on a ledger
    /// whose files are read-only it is answered from a rebuild in a scratch copy under
    /// `options.scratchDirectory`, made at the first such read and removed when the ledger is released.
    public static func open(at path: String, options: LedgerOptions = LedgerOptions()) throws -> Ledger {
        let files = try LedgerFiles.inspect(path)
        let noLock = options.readOnly && files.lockUnusableReason != nil
        // The probe: read-only and without the lock file. Kept as the environment when it is the one wanted.
        // Without the lock it holds no reader slot, so a writer committing twice during it could reuse a page
        // it reads: where a lock file says a writer may be at work, a refusal is confirmed by a second look.
        let probed: Environment?
        do {
            probed = try probe(path: path, options: options, keep: noLock)
        } catch EventLogError.notALedger where files.lockExists {
            probed = try probe(path: path, options: options, keep: noLock)
        }
        guard options.readOnly else {
            if let reason = files.unwritableReason { throw EventLogError.notWritable(path: path, reason: reason) }
            let environment = try openEnvironment(path: path, options: options, readOnly: false, noLock: false, create: false)
            let migrated = try migrateLogIndex(environment, path: path, options: options)
            let treeBuilt = try migrateMerkleTree(environment, path: path, options: options)
            let tables = try openTables(environment, path: path, options: options, create: false)
            precondition(tables.logIndex == .versioned && tables.tiles != nil, "a writable open has migrated the log to the current format")
            let ledger = Ledger(path: path, options: options, environment: environment, tables: tables, outdated: nil, noLock: false)
            try ledger.sealedStore.recover()
            if let migrated { ledger.aside.record(.logMigrated(path: path, events: migrated), options) }
            if let treeBuilt { ledger.aside.record(.merkleTreeBuilt(path: path, events: treeBuilt), options) }
            try ledger.bringProjectionsUpToDate(missingTables: tables.missingHookTables)
            return ledger
        }
        let environment = try probed ?? openEnvironment(path: path, options: options, readOnly: true, noLock: false, create: false)
        let tables = try openTables(environment, path: path, options: options, create: false)
        let outdated = try projectionState(environment, meta: tables.meta, options: options, missingTables: tables.missingHookTables)
            .map { OutdatedProjections(stored: $0.stored, current: $0.current, rebuildAside: files.unwritableReason != nil) }
        let ledger = Ledger(path: path, options: options, environment: environment, tables: tables, outdated: outdated, noLock: noLock)
        if noLock, let reason = files.lockUnusableReason { ledger.aside.record(.openedWithoutLock(path: path, reason: reason), options) }
        if tables.logIndex != .versioned {
            ledger.aside.record(.readInFormat1(path: path), options)
        } else if tables.tiles == nil {
            ledger.aside.record(.readWithoutMerkleTree(path: path, formatVersion: tables.formatVersion), options)
        }
        return ledger
    }

    private init(path: String, options: LedgerOptions, environment: Environment, tables: OpenedTables, outdated: OutdatedProjections?, noLock: Bool) {
        sealedStore = SealedStore(ledgerPath: path, readOnly: options.readOnly, noLock: noLock)
        self.path = path
        self.options = options
        self.environment = environment
        (events, subjects, idempotency, meta) = (tables.log[0], tables.log[1], tables.log[2], tables.log[3])
        logIndex = tables.logIndex
        formatVersion = tables.formatVersion
        tiles = tables.tiles
        isTestClock = tables.testClock
        hookTables = tables.hookTables
        self.outdated = outdated
        aside = AsideState()
    }

    /// What a person should know about how the ledger is read (without the lock file, projections
    /// rebuilt in a scratch copy), in the order it arose; empty for an ordinary open.
    public var notes: [LedgerNote] { aside.notes }

    /// The ledger whose hook tables answer reads of the projections: nil for this one; the scratch copy
    /// for outdated projections of a read-only copy (made at the first call); a refusal otherwise.
    private func projectionsElsewhere() throws -> Ledger? {
        guard let outdated else { return nil }
        guard outdated.rebuildAside else {
            throw EventLogError.projectionsOutdated(path: path, stored: outdated.stored, current: outdated.current)
        }
        return try aside.copy(options) {
            let copy = try ScratchCopy.make(of: environment, ledgerPath: path, options: options)
            return (copy, .projectionsRebuiltAside(path: path, stored: outdated.stored, current: outdated.current, scratch: copy.directory))
        }.ledger
    }

    static let hookStateKey = Array("hookState".utf8)
    static let clockKey = Array("clock".utf8)
    static let testClockValue = "test"

    /// Where recorded times come from: a time asked for from outside (`LedgerOptions.requestedRecordedAt`)
    /// on a test-clock ledger, or on any ledger where `requestedRecordedAtScope` is `.everyLedger`; the
    /// options' clock (the system's, unless a program set another) otherwise.
    public var clock: LedgerClock {
        if let requested = options.requestedRecordedAt, isTestClock || options.requestedRecordedAtScope == .everyLedger {
            return .fixed(requested)
        }
        return options.clock
    }

    /// Where the salts of sealed values come from: random, unless a seed was asked for from outside where a
    /// recorded time set from outside is honoured (`clock`): a test-clock ledger, or any in a debug build.
    public var saltSource: SaltSource {
        if let seed = options.requestedSaltSeed, isTestClock || options.requestedRecordedAtScope == .everyLedger {
            return .derived(seed: seed)
        }
        return .random
    }

    /// Rebuilds the hook's tables from the log when they were built under another `stateVersion` (or
    /// are missing). Only on a writable open.
    private func bringProjectionsUpToDate(missingTables: Bool) throws {
        precondition(!options.readOnly, "a read-only open never rebuilds")
        guard try Ledger.projectionState(environment, meta: meta, options: options, missingTables: missingTables) != nil else { return }
        try replay(progress: options.rebuildProgress ?? { _, _ in })
    }

    /// The stored and current state versions when the hook's tables are not those this hook keeps.
    private static func projectionState(_ environment: Environment, meta: Database, options: LedgerOptions,
                                        missingTables: Bool) throws -> (stored: String, current: String)? {
        guard let hook = options.hook else { return nil }
        let stored: String?
        do {
            stored = try environment.read { txn in try txn.get(meta, key: Ledger.hookStateKey).map { String(decoding: $0, as: UTF8.self) } }
        } catch let error as LMDBError {
            throw EventLogError.storage(error)
        }
        guard missingTables || stored != hook.stateVersion else { return nil }
        return (stored ?? "nothing", hook.stateVersion)
    }

    /// Reads the format marker (and checks the map size against `options.mapSizeMaxBytes`) in a read-only
    /// open without the lock file, which writes and creates nothing. Returns that environment when `keep`.
    private static func probe(path: String, options: LedgerOptions, keep: Bool) throws -> Environment? {
        let environment = try openEnvironment(path: path, options: options, readOnly: true, noLock: true, create: false)
        let log = try openLog(environment, path: path, create: false)
        _ = try checkFormat(environment, meta: log[3], path: path)
        let current = environment.info().mapSizeBytes
        guard current <= options.mapSizeMaxBytes else {
            throw EventLogError.mapSizeMaxBelowCurrent(path: path, requested: options.mapSizeMaxBytes, current: current)
        }
        return keep ? environment : nil
    }

    private static func openEnvironment(path: String, options: LedgerOptions, readOnly: Bool, noLock: Bool, create: Bool) throws -> Environment {
        var environmentOptions = EnvironmentOptions(
            mapSizeInitialBytes: min(options.mapSizeInitialBytes, options.mapSizeMaxBytes),
            mapSizeMaxBytes: options.mapSizeMaxBytes, databasesMax: UInt32(Limits.databasesMax), readersMax: 126,
            create: create, readOnly: readOnly, noLock: noLock)
        environmentOptions.trace = readOnly ? nil : options.trace
        environmentOptions.noSync = !options.durableCommits
        do {
            return try Environment(path: path, options: environmentOptions)
        } catch {
            if error.isCorruption { throw EventLogError.notALedger(path: path, reason: error.message) }
            throw error.isDiskFull ? EventLogError.diskFull(path: path, underlying: error) : EventLogError.storage(error)
        }
    }

    /// Opens the log's databases of every format: events, subjects, idempotency, meta (in that order).
    static func openLog(_ environment: Environment, path: String, create: Bool) throws -> [Database] {
        try openLogDatabases([Layout.events, Layout.subjects, Layout.idempotency, Layout.meta], environment, path: path, create: create)
    }

    private static func openLogDatabases(_ logNames: [String], _ environment: Environment, path: String, create: Bool) throws -> [Database] {
        do {
            return try environment.openDatabases(named: logNames, create: create)
        } catch let error as LMDBError {
            if error.isNotFoundKey {
                // Some of the log's tables present and others gone is damage to the main tree's pages, not
                // another kind of directory.
                let present = logNames.filter { name in
                    do {
                        _ = try environment.openDatabases(named: [name], create: false)
                        return true
                    } catch {
                        return false
                    }
                }
                guard present.isEmpty, MetaPages.mainRootHoldsTables(path + "/data.mdb") != false else {
                    let missing = logNames.filter { !present.contains($0) }
                    if present.isEmpty {
                        throw EventLogError.damagedFile(path: path + "/data.mdb", reason: "the root of the tree that lists its tables holds "
                            + "entries of another kind: its meta page's root is damaged; restore the ledger from a copy")
                    }
                    throw EventLogError.damagedFile(path: path + "/data.mdb", reason: "the tables \(missing.joined(separator: ", ")) are gone while "
                        + "\(present.joined(separator: ", ")) remain: a page of the tree that lists them is damaged; restore the ledger from a copy")
                }
                throw EventLogError.notALedger(path: path, reason: "its log databases are missing")
            }
            if error.isCorruption {
                throw EventLogError.damagedFile(path: path + "/data.mdb", reason: "\(error.message) while opening the log's tables; restore the ledger from a copy")
            }
            if error.isIncompatible {
                throw EventLogError.notALedger(path: path, reason: "it is an LMDB environment of another kind (\(error.message))")
            }
            throw EventLogError.storage(error)
        }
    }

    struct OpenedTables {
        /// events, subjects, idempotency, meta
        var log: [Database]
        var logIndex: LogIndex
        var formatVersion: UInt32
        var tiles: Database?
        var testClock: Bool
        var hookTables: [String: Database]
        /// Some of the hook's tables are not in the environment (a read-only open of a ledger built by an older hook).
        var missingHookTables: Bool
        var meta: Database { log[3] }
    }

    /// Opens the log's databases and the hook's tables; a writable open creates missing hook tables.
    private static func openTables(_ environment: Environment, path: String, options: LedgerOptions, create: Bool) throws -> OpenedTables {
        let log = try openLog(environment, path: path, create: create)
        let logIndex: LogIndex
        let format = create ? Layout.formatVersion : try checkFormat(environment, meta: log[3], path: path)
        let tiles = format >= Layout.formatVersion
            ? try openLogDatabases([MerkleTiles.table], environment, path: path, create: create)[0] : nil
        let testClock: Bool
        if create {
            testClock = options.testClock
        } else {
            testClock = try storage(path: path, options: options) {
                try environment.read { txn in try txn.get(log[3], key: clockKey) } == Array(testClockValue.utf8)
            }
        }
        if format != Layout.formatVersionFormat1 {
            logIndex = .versioned
        } else {
            // Format 1 (the only other `checkFormat` admits), on a read-only open (a writable one has migrated
            // it): its stream index is read as it is.
            logIndex = .format1(streams: try openLogDatabases([Layout.format1Streams], environment, path: path, create: false)[0])
        }
        var tables: [String: Database] = [:]
        var missing = false
        let declared = options.hook?.tableNames ?? []
        if !declared.isEmpty {
            do {
                let databases = try environment.openDatabases(
                    named: declared.map { Layout.hookTablePrefix + $0 }, create: !environment.options.readOnly)
                for (name, db) in zip(declared, databases) { tables[name] = db }
            } catch let error as LMDBError where error.isNotFoundKey && environment.options.readOnly {
                missing = true  // tables of a newer hook than the one that built this ledger
            } catch let error as LMDBError {
                throw error.isDiskFull ? EventLogError.diskFull(path: path, underlying: error) : EventLogError.storage(error)
            }
        }
        return OpenedTables(log: log, logIndex: logIndex, formatVersion: format, tiles: tiles, testClock: testClock,
                            hookTables: tables, missingHookTables: missing)
    }

    /// The ledger's format version (1, 2 or 3: those this program reads); refuses anything else.
    static func checkFormat(_ environment: Environment, meta: Database, path: String) throws -> UInt32 {
        do {
            return try environment.read { txn in try checkFormat(txn, meta: meta, path: path) }
        } catch let error as LMDBError {
            throw EventLogError.storage(error)
        }
    }

    static func checkFormat(_ txn: borrowing some ReadableTransaction & ~Copyable, meta: Database, path: String) throws -> UInt32 {
        guard let format = try txn.get(meta, key: Array("format".utf8)),
              String(decoding: format, as: UTF8.self) == Layout.formatName else {
            throw EventLogError.notALedger(path: path, reason: "no \(Layout.formatName) format marker")
        }
        guard let versionBytes = try txn.get(meta, key: Array("formatVersion".utf8)),
              let version = versionBytes.withUnsafeBytes({ Layout.readSeq($0) }) else {
            throw EventLogError.notALedger(path: path, reason: "no format version")
        }
        guard version >= UInt64(Layout.formatVersionFormat1) && version <= UInt64(Layout.formatVersion) else {
            throw EventLogError.notALedger(path: path, reason: "storage format version \(version); this program reads versions \(Layout.formatVersionFormat1) to \(Layout.formatVersion): read it with the newer GrassrootsLedger that wrote it")
        }
        return UInt32(version)
    }

    /// Runs `body`, turning liblmdb errors into `EventLogError`.
    func storage<R>(_ body: () throws -> R) throws -> R {
        try Ledger.storage(path: path, options: options, body)
    }

    /// Runs `body`, turning liblmdb errors into `EventLogError` for the ledger at `path`: a full map names
    /// the largest size allowed, a full disk says so.
    static func storage<R>(path: String, options: LedgerOptions, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LMDBError where error.isMapFull {
            throw EventLogError.ledgerFull(mapSizeMaxBytes: options.mapSizeMaxBytes, underlying: error)
        } catch let error as LMDBError where error.isDiskFull {
            throw EventLogError.diskFull(path: path, underlying: error)
        } catch let error as LMDBError {
            throw EventLogError.storage(error)
        }
    }

    /// Refuses a write on a ledger opened read-only (liblmdb would say only "Permission denied").
    func requireWritable() throws {
        if options.readOnly { throw EventLogError.notWritable(path: path, reason: "it was opened read-only") }
    }

    // MARK: appending

    /// Appends `drafts` atomically: every draft is stored (or recognised as a duplicate), or nothing is.
    /// See `dryRun` to check without writing.
    public func append(_ drafts: [EventDraft]) throws -> AppendResult {
        guard drafts.count <= Limits.batchEventsMax else {
            throw EventLogError.batchTooLarge(count: drafts.count, max: Limits.batchEventsMax)
        }
        try requireWritable()
        for (index, draft) in drafts.enumerated() { try DraftValidation.validate(draft, index: index) }
        let recordedAt = clock.now().description
        // Salts are drawn once, before the transaction: a retried transaction (the map grew) stores the same.
        let batch = try SealedBatch(drafts, salts: saltSource)
        return try storage {
            try environment.write { txn in try appendInTransaction(batch, recordedAt: recordedAt, storeOpenings: true, txn) }
        }
    }

    /// Appends `drafts` and then, in the same transaction, the draft `closing` makes from their outcomes (nil:
    /// none), so that a last event can name the seqs the batch was given (a declared backfill). `closing` may
    /// run more than once when the transaction is retried. The result has one outcome more when it made one.
    public func append(_ drafts: [EventDraft], closing: @escaping ([AppendOutcome]) throws -> EventDraft?) throws -> AppendResult {
        guard drafts.count < Limits.batchEventsMax else {
            throw EventLogError.batchTooLarge(count: drafts.count + 1, max: Limits.batchEventsMax)
        }
        try requireWritable()
        for (index, draft) in drafts.enumerated() { try DraftValidation.validate(draft, index: index) }
        let recordedAt = clock.now().description
        let batch = try SealedBatch(drafts, salts: saltSource)
        return try storage {
            try environment.write { txn in try appendInTransaction(batch, recordedAt: recordedAt, storeOpenings: true, closing: closing, txn) }
        }
    }

    /// Runs `body` with a session whose appends all happen in one write transaction that is then
    /// discarded: later batches see earlier ones, and nothing is written.
    public func dryRun<R>(_ body: (borrowing DryRunSession) throws -> R) throws -> R {
        try requireWritable()
        return try storage {
            try environment.writeAndDiscard { txn in
                try withUnsafePointer(to: txn) { pointer in
                    try body(DryRunSession(ledger: self, transaction: pointer))
                }
            }
        }
    }

    func appendInTransaction(_ batch: SealedBatch, recordedAt clockTime: String, storeOpenings: Bool,
                             closing: (([AppendOutcome]) throws -> EventDraft?)? = nil, _ txn: borrowing WriteTransaction) throws -> AppendResult {
        let drafts = batch.drafts
        let lookup = SealedLookup(store: sealedStore, pending: batch.openings)
        var head = try readHead(txn)
        // `recordedAt` never goes backwards along the chain (Schemas/CANONICAL.md): when the clock reads
        // earlier than the head's time (a clock set back, or another machine's appending to the same
        // ledger), the batch takes the head's time, so that record order and record time agree. Only the
        // head's recordedAt is read, so its predecessor's hash is not looked up.
        var recordedAt = clockTime
        if head.seq > 0, let now = Timestamp(iso: clockTime),
           let last = try txn.withValue(events, key: Layout.seqKey(head.seq), { try $0.map { try Ledger.decodeRecord($0, seq: head.seq, prevHash: .genesis) } }),
           now < last.recordedAt {
            recordedAt = last.recordedAt.description
        }
        precondition(logIndex == .versioned, "appends write the current format (a writable open migrates format 1)")
        guard let tiles else { preconditionFailure("appends write the current format (a writable open builds the Merkle tree)") }
        let treeSize = head.seq
        // The batch's leaf hashes, 32 bytes each, added to the tree when the batch ends.
        var leaves: [UInt8] = []
        leaves.reserveCapacity(drafts.count * Hash.byteCount)
        var merkleNanoseconds: UInt64 = 0
        // The stream version of every id this batch names (stream or subject), and keys recorded by it: the
        // indexes get these entries only at the end of the batch (sorted, through one cursor each), so these
        // caches are authoritative here.
        var versions: [ByteString: UInt64] = [:]
        var batchKeys: [ByteString: UInt64] = [:]
        let subjectEntries = PendingIndex()
        var keyEntries = KeyBatch()
        var outcomes: [AppendOutcome] = []
        outcomes.reserveCapacity(drafts.count)
        var canonical: [UInt8] = []
        canonical.reserveCapacity(1024)
        let memo = TableMemo()
        var pending = drafts
        var closing = closing
        var index = 0
        while true {
            if index == pending.count {
                // The batch's drafts are all stored: the closing draft, made from their outcomes, comes last.
                guard let make = closing else { break }
                closing = nil
                guard let last = try make(outcomes) else { break }
                try DraftValidation.validate(last, index: index)
                // Its salts could not be drawn before the transaction (a retry would draw others): it seals nothing.
                guard last.sealedFields.isEmpty else {
                    throw EventLogError.invalidEvent(index: index, field: "data", reason: "a batch's closing event cannot seal members")
                }
                pending.append(last)
            }
            let draft = pending[index]
            defer { index += 1 }
            // Idempotency first: a retry with a stale expected version is still a duplicate, not a conflict.
            if let key = draft.idempotencyKey {
                let original: UInt64?
                if let recorded = batchKeys[ByteString(value: key)] {
                    original = recorded
                } else {
                    original = try txn.withValue(idempotency, key: Array(key.utf8), { $0.flatMap(Layout.readSeq) })
                }
                if let original {
                    guard let stored = try readEvent(txn, seq: original) else {
                        throw EventLogError.corruptRecord(seq: original, reason: "idempotency key \"\(key)\" points to a missing event")
                    }
                    let differing = try batch.differing(index, draft, from: stored, lookup: lookup)
                    guard differing.isEmpty else {
                        throw EventLogError.idempotencyConflict(index: index, key: key, originalSeq: original, differing: differing)
                    }
                    outcomes.append(.duplicate(originalSeq: original))
                    continue
                }
            }
            let streamName = ByteString(value: draft.stream)
            let current = try versions[streamName] ?? streamVersion(txn, stream: draft.stream)
            if let expected = draft.expectedVersion, expected != current {
                throw EventLogError.versionConflict(index: index, stream: draft.stream, expected: expected, actual: current)
            }
            let seq = head.seq + 1
            let version = current + 1
            canonical.removeAll(keepingCapacity: true)
            Envelope.encode(seq: seq, version: version, recordedAt: recordedAt, draft: draft, into: &canonical)
            guard canonical.count <= Limits.eventBytesMax else {
                throw EventLogError.invalidEvent(index: index, field: "event", reason: "\(canonical.count) canonical bytes exceed the limit of \(Limits.eventBytesMax)")
            }
            let hash = head.hash.bytes.withUnsafeBytes { previous in
                canonical.withUnsafeBytes { bytes in
                    Envelope.chainHash(previous: previous, canonical: bytes).withUnsafeBytes { Hash(unchecked: Array($0)) }
                }
            }
            if options.merkleTimer != nil {
                let started = StopwatchTotal.now()
                canonical.withUnsafeBytes { Merkle.leafHash($0, into: &leaves) }
                merkleNanoseconds += StopwatchTotal.now() - started
            } else {
                canonical.withUnsafeBytes { Merkle.leafHash($0, into: &leaves) }
            }
            var seqBigEndian = seq.bigEndian
            try withUnsafeBytes(of: &seqBigEndian) { seqKey in
                try txn.putReserving(events, key: seqKey, size: Layout.recordHeaderBytes + canonical.count, flags: .append) { out in
                    out[0] = Layout.recordFormat
                    hash.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[1..<Layout.recordHeaderBytes]).copyMemory(from: $0) }
                    canonical.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[Layout.recordHeaderBytes...]).copyMemory(from: $0) }
                }
            }
            // One subject-index entry per id the event names, its stream first, each valued with the id's
            // stream version as of this event: the stream's new version, and each other subject's as it stands.
            subjectEntries.entries.addPrefixed(draft.stream.utf8, number: seq, value: version)
            for subject in draft.subjects where !sameBytes(subject, draft.stream) {
                let name = ByteString(value: subject)
                let subjectVersion: UInt64
                if let cached = versions[name] {
                    subjectVersion = cached
                } else {
                    subjectVersion = try streamVersion(txn, stream: subject)
                    versions[name] = subjectVersion
                }
                subjectEntries.entries.addPrefixed(subject.utf8, number: seq, value: subjectVersion)
            }
            if let key = draft.idempotencyKey {
                keyEntries.addRaw(key.utf8, value: seq)
                batchKeys[ByteString(value: key)] = seq
            }
            if let hook = options.hook {
                let event = RecordedEvent(
                    seq: seq, stream: draft.stream, version: version, type: draft.type, schemaVersion: draft.schemaVersion,
                    effectiveDate: draft.effectiveDate, recordedAt: Timestamp(iso: recordedAt) ?? Timestamp(microsecondsSinceEpoch: 0),
                    actor: draft.actor, idempotencyKey: draft.idempotencyKey, subjects: draft.subjects, data: draft.data,
                    prevHash: head.hash, hash: hash)
                try applyHook(hook, event, index: index, mode: .append, memo: memo, pendingSubjects: subjectEntries, sealed: lookup, txn)
            }
            versions[streamName] = version
            head = ChainHead(seq: seq, hash: hash)
            outcomes.append(.appended(seq: seq, version: version))
        }
        try Ledger.writeSorted(subjectEntries.entries, into: subjects, txn)
        try Ledger.writeSorted(keyEntries, into: idempotency, txn)
        if !leaves.isEmpty {
            let started = StopwatchTotal.now()
            var tree = try MerkleTiles.Writer(db: tiles, size: treeSize, txn)
            try leaves.withUnsafeBytes { bytes in
                for start in stride(from: 0, to: bytes.count, by: Hash.byteCount) {
                    try tree.append(leaf: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Hash.byteCount)]), txn)
                }
            }
            try tree.finish(txn)
            precondition(tree.size == head.seq, "the tree holds one leaf per event")
            merkleNanoseconds += StopwatchTotal.now() - started
            options.merkleTimer?.add(nanoseconds: merkleNanoseconds)
        }
        // The openings of the events this batch stores, committed before the log's transaction is: an event is
        // never visible without them (SealedStore). A duplicate stores none.
        if storeOpenings {
            var stored: [[UInt8]: Opening] = [:]
            for (index, outcome) in outcomes.enumerated() where index < batch.plain.count {
                guard case .appended = outcome, !batch.plain[index].isEmpty else { continue }
                for field in drafts[index].sealedFields {
                    if let text = drafts[index].data.sealedMember(field)?.stringValue, let commitment = Commitment(text), let opening = batch.openings[commitment.digest] {
                        stored[commitment.digest] = opening
                    }
                }
            }
            try sealedStore.put(stored)
        }
        return AppendResult(outcomes: outcomes, headSeq: head.seq)
    }

    /// Writes a batch's index entries in key order through one cursor, each value a UInt64 big-endian. Every
    /// key is new (`noOverwrite`): a collision would mean a damaged index, and aborts the append.
    static func writeSorted(_ batch: KeyBatch, into db: Database, _ txn: borrowing WriteTransaction) throws {
        guard !batch.isEmpty else { return }
        let order = batch.sortedOrder()
        try batch.bytes.withUnsafeBytes { buffer in
            try txn.withWriteCursor(db) { cursor in
                for position in order {
                    let entry = batch.entries[position]
                    var value = entry.value.bigEndian
                    try withUnsafeBytes(of: &value) { valueBytes in
                        try cursor.put(key: UnsafeRawBufferPointer(rebasing: buffer[entry.key]), value: valueBytes, flags: .noOverwrite)
                    }
                }
            }
        }
    }

    // @inline(never): Swift 6.3.1's optimiser crashes (EarlyPerfInliner) when inlining the
    // withUnsafePointer(to:) of a borrowed ~Copyable transaction into its caller.
    @inline(never)
    private func applyHook(_ hook: any AppendHook, _ event: RecordedEvent, index: Int, mode: ApplyMode, memo: TableMemo,
                           pendingSubjects: PendingIndex?, sealed: SealedLookup?, _ txn: borrowing WriteTransaction) throws {
        do {
            try withUnsafePointer(to: txn) { pointer in
                try hook.apply(event, tables: HookTables(transaction: pointer, tables: hookTables, events: events, subjects: subjects,
                                                         pendingSubjects: pendingSubjects, mode: mode, memo: memo, writeSeq: event.seq, sealed: sealed))
            }
        } catch {
            throw Ledger.hookFailure(error, index: index, seq: event.seq)
        }
    }

    /// What a hook's `apply` threw, as the ledger reports it: storage errors (a full map among them, so that it
    /// grows) and the log's own pass through unchanged; anything else refuses event `seq`, the `index`th of its batch.
    static func hookFailure(_ error: any Error, index: Int, seq: UInt64) -> any Error {
        switch error {
        case let error as LMDBError: error
        case let error as EventLogError: error
        case let refusal as any HookRefusal: EventLogError.rejected(index: index, seq: seq, reason: refusal)
        default: EventLogError.rejected(index: index, seq: seq, reason: SendableError(error))
        }
    }

    // MARK: reading

    func readHead(_ txn: borrowing some ReadableTransaction & ~Copyable) throws -> ChainHead {
        try txn.withCursor(events) { cursor in
            guard let last = try cursor.last() else { return ChainHead(seq: 0, hash: .genesis) }
            guard let seq = Layout.readSeq(last.key), last.value.count >= Layout.recordHeaderBytes else {
                throw EventLogError.corruptRecord(seq: 0, reason: "the last record's key or header is malformed")
            }
            return ChainHead(seq: seq, hash: Hash(unchecked: Array(last.value[1..<Layout.recordHeaderBytes])))
        }
    }

    func readEvent(_ txn: borrowing some ReadableTransaction & ~Copyable, seq: UInt64) throws -> RecordedEvent? {
        try Ledger.readEvent(txn, events: events, seq: seq)
    }

    static func readEvent(_ txn: borrowing some ReadableTransaction & ~Copyable, events: Database, seq: UInt64) throws -> RecordedEvent? {
        guard seq >= 1 else { return nil }
        let prevHash: Hash
        if seq == 1 {
            prevHash = .genesis
        } else {
            guard let previous = try txn.withValue(events, key: Layout.seqKey(seq - 1), { try $0.map { try Ledger.recordHash($0, seq: seq - 1) } }) else {
                throw EventLogError.corruptRecord(seq: seq - 1, reason: "missing record")
            }
            prevHash = previous
        }
        return try txn.withValue(events, key: Layout.seqKey(seq)) { value in
            guard let value else { return nil }
            return try Ledger.decodeRecord(value, seq: seq, prevHash: prevHash)
        }
    }

    static func recordHash(_ value: UnsafeRawBufferPointer, seq: UInt64) throws -> Hash {
        guard value.count > Layout.recordHeaderBytes, value[0] == Layout.recordFormat else {
            throw EventLogError.corruptRecord(seq: seq, reason: "record header is malformed")
        }
        return Hash(unchecked: Array(value[1..<Layout.recordHeaderBytes]))
    }

    static func decodeRecord(_ value: UnsafeRawBufferPointer, seq: UInt64, prevHash: Hash) throws -> RecordedEvent {
        let hash = try recordHash(value, seq: seq)
        return try Envelope.decode(canonical: UnsafeRawBufferPointer(rebasing: value[Layout.recordHeaderBytes...]),
                                   seq: seq, prevHash: prevHash, hash: hash)
    }

    /// The chain's head.
    public func head() throws -> ChainHead {
        try storage { try environment.read { txn in try readHead(txn) } }
    }

    /// The event at `seq`, or nil.
    public func event(seq: UInt64) throws -> RecordedEvent? {
        try storage { try environment.read { txn in try readEvent(txn, seq: seq) } }
    }

    /// The event an idempotency key was recorded with, or nil (a read: no writer lock). The key is checked as
    /// an append checks it.
    public func seq(ofIdempotencyKey key: String) throws -> UInt64? {
        try DraftValidation.checkIdentifier(key, field: "idempotencyKey", index: 0)
        return try storage { try environment.read { txn in try txn.withValue(idempotency, key: Array(key.utf8), { $0.flatMap(Layout.readSeq) }) } }
    }

    /// The current version of `stream` (0 when it has none).
    public func version(ofStream stream: String) throws -> UInt64 {
        try DraftValidation.checkIdentifier(stream, field: "stream", index: 0)
        return try storage { try environment.read { txn in try streamVersion(txn, stream: stream) } }
    }

    /// Events with seq >= `from`, in order, at most `limit` (<= `Limits.readEventsMax`).
    public func events(from: UInt64, limit: Int) throws -> [RecordedEvent] {
        precondition(limit > 0, "a read needs a positive limit")
        let limit = min(limit, Limits.readEventsMax)
        return try storage {
            try environment.read { txn in
                var result: [RecordedEvent] = []
                let start = max(from, 1)
                var prevHash: Hash
                if start == 1 {
                    prevHash = .genesis
                } else if let previous = try txn.withValue(events, key: Layout.seqKey(start - 1), { try $0.map { try Ledger.recordHash($0, seq: start - 1) } }) {
                    prevHash = previous
                } else {
                    return []
                }
                try txn.withCursor(events) { cursor in
                    var entry = try cursor.seek(atLeast: Layout.seqKey(start))
                    while let current = entry, result.count < limit {
                        guard let seq = Layout.readSeq(current.key) else {
                            throw EventLogError.corruptRecord(seq: 0, reason: "malformed key in the event table")
                        }
                        let event = try Ledger.decodeRecord(current.value, seq: seq, prevHash: prevHash)
                        prevHash = event.hash
                        result.append(event)
                        entry = try cursor.next()
                    }
                }
                return result
            }
        }
    }

    /// Events of `stream` with version >= `fromVersion`, in order, at most `limit` (<= `Limits.readEventsMax`).
    public func events(inStream stream: String, fromVersion: UInt64 = 1, limit: Int) throws -> [RecordedEvent] {
        try DraftValidation.checkIdentifier(stream, field: "stream", index: 0)
        precondition(limit > 0, "a read needs a positive limit")
        let limit = min(limit, Limits.readEventsMax)
        return try storage {
            try environment.read { txn in
                let seqs = try streamSeqs(txn, stream: stream, fromVersion: max(fromVersion, 1), limit: limit)
                return try seqs.map { seq in try indexedEvent(txn, seq: seq) }
            }
        }
    }

    /// Events naming `subject` among their subjects, with seq >= `fromSeq`, in order, at most `limit`
    /// (<= `Limits.readEventsMax`). The subject index also holds each event under its stream; an event of
    /// stream `subject` that does not list it among its subjects is passed over.
    public func events(forSubject subject: String, fromSeq: UInt64 = 1, limit: Int) throws -> [RecordedEvent] {
        try DraftValidation.checkIdentifier(subject, field: "subject", index: 0)
        precondition(limit > 0, "a read needs a positive limit")
        let limit = min(limit, Limits.readEventsMax)
        let prefix = Layout.prefix(subject)
        return try storage {
            try environment.read { txn in
                var result: [RecordedEvent] = []
                try txn.withCursor(subjects) { cursor in
                    var start = prefix
                    Layout.appendBigEndian(max(fromSeq, 1), to: &start)
                    var entry = try cursor.seek(atLeast: start)
                    while let current = entry, result.count < limit, current.key.count == prefix.count + 8, current.key.starts(with: prefix) {
                        let event = try indexedEvent(txn, seq: Layout.readSeq(current.key, at: prefix.count))
                        if event.subjects.contains(where: { sameBytes($0, subject) }) { result.append(event) }
                        entry = try cursor.next()
                    }
                }
                return result
            }
        }
    }

    /// The event an index entry names; its absence is damage.
    private func indexedEvent(_ txn: borrowing ReadTransaction, seq: UInt64) throws -> RecordedEvent {
        guard let event = try readEvent(txn, seq: seq) else {
            throw EventLogError.corruptRecord(seq: seq, reason: "the log's index names an event that does not exist")
        }
        return event
    }

    /// Streams every record with seq in `range` to `body`, in order, in read snapshots of
    /// `chunkEventsMax` events (records are immutable, so chunks join seamlessly). `body` returns false to stop.
    public func forEachRecord(
        in range: ClosedRange<UInt64>, chunkEventsMax: Int = Limits.readEventsMax, _ body: (RawRecord) throws -> Bool
    ) throws {
        precondition(chunkEventsMax > 0)
        var next = max(range.lowerBound, 1)
        var prevHash = [UInt8](repeating: 0, count: Hash.byteCount)
        if next > 1 {
            guard let previous = try event(seq: next - 1) else { return }
            prevHash = previous.hash.bytes
        }
        var keepGoing = true
        while keepGoing && next <= range.upperBound {
            let chunkEnd = min(range.upperBound, next + UInt64(chunkEventsMax) - 1)
            var seenInChunk = 0
            try storage {
                try environment.read { txn in
                    try txn.withCursor(events) { cursor in
                        var entry = try cursor.seek(atLeast: Layout.seqKey(next))
                        while let current = entry {
                            guard let seq = Layout.readSeq(current.key) else {
                                throw EventLogError.corruptRecord(seq: next, reason: "malformed key in the event table")
                            }
                            guard seq <= chunkEnd else { break }
                            guard seq == next else {
                                throw EventLogError.corruptRecord(seq: next, reason: "missing; the next record is \(seq)")
                            }
                            _ = try Ledger.recordHash(current.value, seq: seq)
                            let hash = UnsafeRawBufferPointer(rebasing: current.value[1..<Layout.recordHeaderBytes])
                            keepGoing = try prevHash.withUnsafeBytes { previous in
                                try body(RawRecord(seq: seq, prevHash: previous, hash: hash,
                                                   canonical: UnsafeRawBufferPointer(rebasing: current.value[Layout.recordHeaderBytes...])))
                            }
                            prevHash = Array(hash)
                            next = seq + 1
                            seenInChunk += 1
                            if !keepGoing { break }
                            entry = try cursor.next()
                        }
                    }
                }
            }
            if seenInChunk == 0 { break }
        }
    }

    /// Runs `body` with the hook's tables in a read snapshot (projections queried outside an append),
    /// together with the log's head in that same snapshot: as they stand now, or with `atSeq`, as they stood
    /// right after event `atSeq` (read from the stored versions, `Versions`; never a replay).
    /// On a read-only copy whose projections were rebuilt aside, the scratch copy answers.
    public func readTables<R>(atSeq: UInt64? = nil, _ body: (borrowing TableReader, ChainHead) throws -> R) throws -> R {
        try readTables(atSeq: atSeq, sealed: SealedLookup(store: sealedStore), body)
    }

    /// `readTables`, opening sealed values from `sealed` (this ledger's store, also when a scratch copy answers).
    private func readTables<R>(atSeq: UInt64?, sealed: SealedLookup, _ body: (borrowing TableReader, ChainHead) throws -> R) throws -> R {
        if let elsewhere = try projectionsElsewhere() { return try elsewhere.readTables(atSeq: atSeq, sealed: sealed, body) }
        return try storage {
            try environment.read { txn in
                let head = try readHead(txn)
                if let atSeq, atSeq > head.seq { throw EventLogError.beyondHead(seq: atSeq, head: head.seq) }
                return try Ledger.withReader(txn, hookTables, events, subjects, view: atSeq ?? .max, sealed: sealed) { reader in try body(reader, head) }
            }
        }
    }

    // @inline(never): see applyHook.
    @inline(never)
    private static func withReader<R>(_ txn: borrowing ReadTransaction, _ tables: [String: Database], _ events: Database, _ subjects: Database,
                                      view: UInt64, sealed: SealedLookup, _ body: (borrowing TableReader) throws -> R) throws -> R {
        try withUnsafePointer(to: txn) { pointer in
            try body(TableReader(transaction: pointer, tables: tables, events: events, subjects: subjects, view: view, sealed: sealed))
        }
    }

    // MARK: replay

    /// Rebuilds the hook's tables from the log, as a bulk load (`BulkRebuild.swift`): every event, from seq 1,
    /// is fed to the hook against tables in a scratch environment, and the result is written into the ledger's
    /// tables in key order, in one write transaction, so the swap is atomic: readers see the old tables or the
    /// new ones, and a crash midway leaves the old ones. Appends wait meanwhile (the writer lock is held from
    /// the first event replayed). Returns the events replayed.
    @discardableResult
    public func replay(progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> UInt64 {
        guard let hook = options.hook else { return 0 }
        try requireWritable()
        // Kept across a retry of the write (the ledger's map grew during the load): the log has not moved when
        // its head has not, since it only grows.
        var aside: (head: UInt64, scratch: ScratchState)? = nil
        return try storage {
            try environment.write { txn in
                let head = try readHead(txn).seq
                if aside?.head != head {
                    aside = nil
                    aside = (head, try evolveAside(hook, txn, total: head, progress: progress))
                }
                guard let scratch = aside?.scratch else { preconditionFailure("a rebuild's scratch state was just made") }
                try load(scratch, into: txn)
                try txn.put(meta, key: Ledger.hookStateKey, value: Array(hook.stateVersion.utf8))
                // Tables an earlier version of the hook kept and this one does not: derived data that
                // nothing reads any more (for example `x.gov.accruals` before governance-state-12).
                let declared = Set(hook.tableNames.map { Layout.hookTablePrefix + $0 })
                for name in try txn.databaseNames(limit: Limits.databasesMax)
                where name.hasPrefix(Layout.hookTablePrefix) && !declared.contains(name) {
                    try txn.dropDatabase(named: name)
                }
                return head
            }
        }
    }

    /// Runs `query` against the hook's tables in a read snapshot: as they stand now, or, with `atSeq`, as they
    /// stood right after event `atSeq` (the stored versions, read by index: what a replay of events
    /// 1...atSeq would have built). It never takes the writer lock.
    public func query<Q: TableQuery>(_ query: Q, atSeq: UInt64? = nil) throws -> Q.Result {
        try readTables(atSeq: atSeq) { tables, _ in try query.run(tables) }
    }

    /// What a rebuild's decoding thread hands over: decoded events in order, or why it stopped.
    enum DecodedChunk: Sendable {
        case events([RecordedEvent])
        case failed(EventLogError)
    }

    /// Decodes events 1...`upTo` from `reader` into `handoff`, `Limits.replayChunkEvents` at a time, and
    /// finishes it; stops early when the consumer cancels. Frees the chunks the consumer hands back through
    /// `applied`. Runs on the rebuild's decoding thread.
    static func decodeRecords(_ reader: borrowing ReadTransaction, events: Database, upTo: UInt64, into handoff: Handoff<DecodedChunk>,
                                      freeing applied: Handoff<[RecordedEvent]>) {
        defer { handoff.finish() }
        var prevHash = Hash.genesis
        var next: UInt64 = 1
        var chunk: [RecordedEvent] = []
        chunk.reserveCapacity(Limits.replayChunkEvents)
        do {
            let complete = try reader.withCursor(events) { cursor -> Bool in
                var entry = try cursor.first()
                while let current = entry {
                    guard let seq = Layout.readSeq(current.key) else {
                        throw EventLogError.corruptRecord(seq: next, reason: "malformed key in the event table")
                    }
                    guard seq <= upTo else { break }
                    let event = try Ledger.decodeRecord(current.value, seq: seq, prevHash: prevHash)
                    prevHash = event.hash
                    next = seq + 1
                    chunk.append(event)
                    if chunk.count == Limits.replayChunkEvents {
                        guard handoff.put(.events(chunk)) else { return false }
                        chunk.removeAll(keepingCapacity: true)
                        _ = applied.takeAll()  // what the applying thread is done with is freed here
                    }
                    entry = try cursor.next()
                }
                return true
            }
            if complete && !chunk.isEmpty { _ = handoff.put(.events(chunk)) }
        } catch let error as EventLogError {
            _ = handoff.put(.failed(error))
        } catch let error as LMDBError {
            _ = handoff.put(.failed(.storage(error)))
        } catch {
            _ = handoff.put(.failed(.corruptRecord(seq: next, reason: "\(error)")))
        }
    }

    /// Rebuilds the hook's tables aside and compares them with the live ones, entry by entry (every stored
    /// version). Nothing is written to the ledger, and its writer lock is never taken: the replay reads a
    /// snapshot of the ledger and evolves the tables in a scratch environment under
    /// `LedgerOptions.scratchDirectory` (else `$TMPDIR`), removed before this returns (`BulkRebuild.swift`).
    public func checkProjections(progress: (UInt64, UInt64) -> Void = { _, _ in }) throws -> ProjectionReport {
        guard let hook = options.hook else { return ProjectionReport() }
        if let elsewhere = try projectionsElsewhere() { return try elsewhere.checkProjections(progress: progress) }
        if case .format1 = logIndex {
            // A format-1 log read as it is keeps streams apart from the subject index, which the hook reads as a
            // format-2 one: check in a copy, which its open migrates.
            let copy = try ScratchCopy.make(of: environment, ledgerPath: path, options: options)
            return try copy.ledger.checkProjections(progress: progress)
        }
        return try storage {
            try environment.read { live in
                let head = try readHead(live).seq
                let scratch = try evolveAside(hook, live, total: head, progress: progress)
                var report = ProjectionReport()
                report.events = head
                try scratch.environment.read { rebuilt in
                    for name in hookTables.keys.sorted() {
                        guard let db = hookTables[name], let aside = scratch.tables[name] else { continue }
                        report.tables.append(try compare(name, db, live, aside, rebuilt))
                    }
                }
                return report
            }
        }
    }

    private func compare(_ name: String, _ db: Database, _ live: borrowing ReadTransaction,
                         _ rebuiltDb: Database, _ rebuilt: borrowing ReadTransaction) throws -> ProjectionReport.Table {
        var table = ProjectionReport.Table(name: name)
        try live.withCursor(db) { liveCursor in
            try rebuilt.withCursor(rebuiltDb) { rebuiltCursor in
                var left = try liveCursor.first()
                var right = try rebuiltCursor.first()
                while left != nil || right != nil {
                    let order: Int
                    if let l = left, let r = right {
                        order = l.key.elementsEqual(r.key) ? 0 : (l.key.lexicographicallyPrecedes(r.key) ? -1 : 1)
                    } else {
                        order = left == nil ? 1 : -1
                    }
                    switch order {
                    case 0:
                        table.liveEntries += 1
                        table.rebuiltEntries += 1
                        if let l = left, let r = right, !l.value.elementsEqual(r.value) { table.note("value differs", key: l.key) }
                        if let l = left, let problem = try lookupProblem(db, l.key, l.value, live) { table.note(problem, key: l.key) }
                        left = try liveCursor.next()
                        right = try rebuiltCursor.next()
                    case -1:
                        table.liveEntries += 1
                        if let l = left { table.note("only in the live table", key: l.key) }
                        if let l = left, let problem = try lookupProblem(db, l.key, l.value, live) { table.note(problem, key: l.key) }
                        left = try liveCursor.next()
                    default:
                        table.rebuiltEntries += 1
                        if let r = right { table.note("missing from the live table", key: r.key) }
                        right = try rebuiltCursor.next()
                    }
                }
            }
        }
        return table
    }
}

/// What `Ledger.checkProjections` found.
public struct ProjectionReport: Sendable {
    public struct Table: Sendable {
        public let name: String
        public var liveEntries = 0
        public var rebuiltEntries = 0
        /// The first differences (at most `differencesListedMax`), as "what: key".
        public var differences: [String] = []
        public var differenceCount = 0
        public static let differencesListedMax = 10

        init(name: String) { self.name = name }

        mutating func note(_ what: String, key: UnsafeRawBufferPointer) {
            differenceCount += 1
            guard differences.count < Table.differencesListedMax else { return }
            var logical: [UInt8] = []
            let seq = Versions.split(key, logical: &logical)
            let printable = (seq == nil ? Array(key) : logical).map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "/") }
            let version = seq.map { " (as event \($0) left it)" } ?? " (not a versioned key)"
            differences.append("\(what): \(String(decoding: printable, as: UTF8.self))\(version)")
        }
    }
    public var events: UInt64 = 0
    public var tables: [Table] = []
    public var isConsistent: Bool { tables.allSatisfy { $0.differenceCount == 0 } }
}

/// Carries a non-Sendable error's text across isolation boundaries.
public struct SendableError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public let underlyingType: String
    init(_ error: any Error) {
        description = String(describing: error)
        underlyingType = String(describing: type(of: error))
    }
}

/// Appends inside a transaction that will be discarded (see `Ledger.dryRun`).
public struct DryRunSession: ~Copyable {
    let ledger: Ledger
    let transaction: UnsafePointer<WriteTransaction>

    public func append(_ drafts: [EventDraft]) throws -> AppendResult {
        guard drafts.count <= Limits.batchEventsMax else {
            throw EventLogError.batchTooLarge(count: drafts.count, max: Limits.batchEventsMax)
        }
        for (index, draft) in drafts.enumerated() { try DraftValidation.validate(draft, index: index) }
        let recordedAt = ledger.clock.now().description
        let batch = try SealedBatch(drafts, salts: ledger.saltSource)
        return try ledger.storage {
            try ledger.appendInTransaction(batch, recordedAt: recordedAt, storeOpenings: false, transaction.pointee)
        }
    }

    /// As `Ledger.append(_:closing:)`, in the discarded transaction.
    public func append(_ drafts: [EventDraft], closing: @escaping ([AppendOutcome]) throws -> EventDraft?) throws -> AppendResult {
        guard drafts.count < Limits.batchEventsMax else {
            throw EventLogError.batchTooLarge(count: drafts.count + 1, max: Limits.batchEventsMax)
        }
        for (index, draft) in drafts.enumerated() { try DraftValidation.validate(draft, index: index) }
        let recordedAt = ledger.clock.now().description
        let batch = try SealedBatch(drafts, salts: ledger.saltSource)
        return try ledger.storage {
            try ledger.appendInTransaction(batch, recordedAt: recordedAt, storeOpenings: false, closing: closing, transaction.pointee)
        }
    }
}
