#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LMDB

/// A rebuild of the hook's tables as a bulk load (issue 12, item 3).
///
/// The hook evolves its tables in a **scratch environment** of its own (`ScratchState`): a fresh LMDB
/// environment in the scratch directory, committed without fsync every `Limits.bulkEventsPerCommit` events, so
/// the pages a replay dirties in memory stay bounded and none of them is the ledger's. The log is read from the ledger
/// (`LogReads`), never copied. The ledger's tables are then written once, in key order, by `MDB_APPEND`
/// (`load`): each page of the ledger is written once, full, in the one transaction that swaps the new tables
/// in. `check` compares the scratch tables with the ledger's read snapshot and writes nothing to the ledger.
///
/// The scratch state is an LMDB environment rather than state kept in memory and sorted runs of versions:
/// the hook reads what it wrote by key, by the greatest key below a bound, in key order, and as of an earlier
/// event (a correction replays the event it undoes against the tables as they stood before it), which an
/// ordered, versioned store answers and a map of current state does not (`docs/PERFORMANCE.md`).
final class ScratchState {
    /// Where the scratch environment was made (named in errors); its files are unlinked once open (`make`).
    let directory: String
    let environment: Environment
    /// The hook's tables in the scratch environment, by the hook's names.
    let tables: [String: Database]

    private init(directory: String, environment: Environment, tables: [String: Database]) {
        self.directory = directory
        self.environment = environment
        self.tables = tables
    }

    /// The directory holding `path` ("." for a bare name).
    static func parent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// A new, empty scratch environment holding `names`, under `options.scratchDirectory` (else `$TMPDIR`,
    /// else `/tmp`). The map starts at `mapBytes` and doubles as the replay needs (up to `Limits.scratchMapBytesMax`).
    static func make(options: LedgerOptions, ledgerPath: String, names: [String], mapBytes: Int) throws -> ScratchState {
        let directory: String
        do {
            directory = try ScratchCopy.makeDirectory(options)
        } catch let error as EventLogError {
            // The scratch place (`scratchDirectory`, $TMPDIR, /tmp) cannot take it (missing, read-only): beside the
            // ledger, where the ledger's own user may write, rather than refuse a rebuild an upgrade needs.
            var beside = options
            beside.scratchDirectory = ScratchState.parent(of: ledgerPath)
            do {
                directory = try ScratchCopy.makeDirectory(beside)
            } catch is EventLogError {
                throw error  // the first place asked for is the one to name
            }
        }
        do {
            var environmentOptions = EnvironmentOptions(
                mapSizeInitialBytes: min(mapBytes, Limits.scratchMapBytesMax), mapSizeMaxBytes: Limits.scratchMapBytesMax,
                databasesMax: UInt32(Limits.databasesMax), readersMax: 8, create: true, fileMode: 0o600)
            environmentOptions.noSync = true  // thrown away afterwards: a crash loses nothing of the ledger's
            // Not `MDB_WRITEMAP`: it was faster, but the kernel wrote the map's dirty pages back many times over
            // (17 GiB for a rebuild of 3M events against 2.9 GiB with pwrite commits; docs/PERFORMANCE.md).
            let environment = try Environment(path: directory, options: environmentOptions)
            let databases = try environment.openDatabases(named: names.map { Layout.hookTablePrefix + $0 }, create: true)
            var tables: [String: Database] = [:]
            for (name, db) in zip(names, databases) { tables[name] = db }
            // liblmdb goes on through its open descriptors alone: with the files unlinked now, their space is
            // freed when the environment closes, however the process ends (SIGKILL included).
            ScratchCopy.remove(directory)
            return ScratchState(directory: directory, environment: environment, tables: tables)
        } catch let error as LMDBError {
            ScratchCopy.remove(directory)
            throw EventLogError.scratchFailed(directory: directory, reason: "a scratch environment for the rebuild cannot be made there: \(error.message)")
        } catch {
            ScratchCopy.remove(directory)
            throw error
        }
    }
}

extension Ledger {
    /// Replays events 1...`total` of the log, as `live` (a transaction of this ledger: the rebuild's write
    /// transaction, or `check`'s read snapshot) shows it, into the hook's tables in a new scratch environment,
    /// and returns it. Records are decoded on a second thread from a snapshot of the log, as before.
    func evolveAside<T: ReadableTransaction & ~Copyable>(_ hook: any AppendHook, _ live: borrowing T, total: UInt64,
                                                          progress: (UInt64, UInt64) -> Void) throws -> ScratchState {
        // A quarter of the ledger to start with; it doubles as needed (at 1M events it ends at about half the ledger).
        let mapBytes = try options.scratchMapBytesInitial ?? max(storage { environment.info().usedBytes } / 4, 64 << 20)
        let scratch = try ScratchState.make(options: options, ledgerPath: path, names: hook.tableNames, mapBytes: mapBytes)
        let events = self.events
        let subjects = self.subjects
        try Ledger.withLogReads(live, events: events, subjects: subjects) { log in
            var replayed: UInt64 = 0
            let handoff = Handoff<DecodedChunk>(capacity: Limits.replayChunksAheadMax)
            let applied = Handoff<[RecordedEvent]>(capacity: Limits.replayChunksAheadMax * 2)
            try storage {
                try environment.readConcurrently({ reader in
                    Ledger.decodeRecords(reader, events: events, upTo: total, into: handoff, freeing: applied)
                }, while: {
                    defer { handoff.cancel() }
                    var pending: [[RecordedEvent]] = []
                    var pendingEvents = 0
                    var finished = false
                    while !finished {
                        while pendingEvents < Limits.bulkEventsPerCommit {
                            guard let chunk = handoff.take() else { finished = true; break }
                            switch chunk {
                            case .failed(let error): throw error
                            case .events(let decoded):
                                pending.append(decoded)
                                pendingEvents += decoded.count
                            }
                        }
                        guard !pending.isEmpty else { break }
                        let first = replayed
                        try Ledger.scratchWrite(scratch) { txn in
                            // A new memo for each attempt: a retry (the scratch map grew) starts from the last commit.
                            let memo = TableMemo()
                            var seq = first
                            for chunk in pending {
                                for event in chunk {
                                    guard event.seq == seq + 1 else {
                                        throw EventLogError.corruptRecord(seq: seq + 1, reason: "missing; the next record is \(event.seq)")
                                    }
                                    try Ledger.applyAside(hook, event, index: Int(seq % UInt64(Int.max)), memo: memo, scratch: scratch, log: log, txn)
                                    seq += 1
                                }
                            }
                        }
                        replayed += UInt64(pendingEvents)
                        progress(replayed, total)
                        for chunk in pending { _ = applied.offer(chunk) }
                        pending.removeAll(keepingCapacity: true)
                        pendingEvents = 0
                    }
                })
            }
            guard replayed == total else {
                throw EventLogError.corruptRecord(seq: replayed + 1, reason: "missing from the event table (the head is \(total))")
            }
            try Ledger.scratchWrite(scratch) { txn in
                try Ledger.withScratchTables(txn, scratch, log: log, memo: TableMemo(), writeSeq: max(total, 1)) { tables in
                    try hook.finishReplay(tables: tables)
                }
            }
        }
        progress(total, total)
        return scratch
    }

    /// Writes every entry of the scratch tables into the ledger's tables (cleared first), in key order with
    /// `MDB_APPEND`, inside `txn`: each page is written once and full.
    func load(_ scratch: ScratchState, into txn: borrowing WriteTransaction) throws {
        try scratch.environment.read { source in
            for name in hookTables.keys.sorted() {
                guard let target = hookTables[name], let from = scratch.tables[name] else {
                    preconditionFailure("the scratch state lacks the hook's table \(name)")
                }
                try txn.clear(target)
                try txn.withWriteCursor(target) { writer in
                    try source.withCursor(from) { cursor in
                        var entry = try cursor.first()
                        while let current = entry {
                            try writer.put(key: current.key, value: current.value, flags: .append)
                            entry = try cursor.next()
                        }
                    }
                }
            }
        }
    }

    /// A write transaction of the scratch environment; its errors are the rebuild's (`storage`).
    private static func scratchWrite(_ scratch: ScratchState, _ body: (borrowing WriteTransaction) throws -> Void) throws {
        do {
            try scratch.environment.write(body)
        } catch let error as LMDBError {
            throw EventLogError.scratchFailed(directory: scratch.directory,
                                              reason: error.isDiskFull ? "rebuilding the projections there filled the disk" : error.message)
        }
    }

    // @inline(never): see applyHook (withUnsafePointer(to:) of a borrowed ~Copyable transaction).
    @inline(never)
    private static func withLogReads<T: ReadableTransaction & ~Copyable, R>(_ live: borrowing T, events: Database, subjects: Database,
                                                                           _ body: (LogReads) throws -> R) throws -> R {
        // A failure to read the ledger is the ledger's (`storage`), not the scratch environment's.
        try withUnsafePointer(to: live) { pointer in
            try body(LogReads(event: { seq in
                                  do { return try Ledger.readEvent(pointer.pointee, events: events, seq: seq) } catch let error as LMDBError { throw EventLogError.storage(error) }
                              },
                              concerning: { subject, range, limit in
                                  do {
                                      return try TableReader.indexed(pointer.pointee, subjects: subjects, subject: subject, in: range, limit: limit)
                                  } catch let error as LMDBError {
                                      throw EventLogError.storage(error)
                                  }
                              }))
        }
    }

    @inline(never)
    private static func withScratchTables<R>(_ txn: borrowing WriteTransaction, _ scratch: ScratchState, log: LogReads, memo: TableMemo,
                                             writeSeq: UInt64, _ body: (borrowing HookTables) throws -> R) throws -> R {
        try withUnsafePointer(to: txn) { pointer in
            try body(HookTables(transaction: pointer, tables: scratch.tables, mode: .replay, memo: memo, writeSeq: writeSeq, log: log))
        }
    }

    /// Applies one replayed event to the scratch tables, as `applyHook` does to the ledger's.
    private static func applyAside(_ hook: any AppendHook, _ event: RecordedEvent, index: Int, memo: TableMemo, scratch: ScratchState,
                                   log: LogReads, _ txn: borrowing WriteTransaction) throws {
        do {
            try withScratchTables(txn, scratch, log: log, memo: memo, writeSeq: event.seq) { tables in
                try hook.apply(event, tables: tables)
            }
        } catch {
            throw Ledger.hookFailure(error, index: index, seq: event.seq)
        }
    }
}
