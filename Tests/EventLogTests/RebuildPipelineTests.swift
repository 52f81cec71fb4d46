import CanonicalJSON
import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// Refuses, during a replay only, the event whose seq is `failAt`; counts like `CountingHook` otherwise.
struct FailingReplayHook: AppendHook {
    struct Refusal: Error, CustomStringConvertible { let description: String }
    var tableNames: [String] { ["counts"] }
    var stateVersion = "counting-1"
    let failAt: UInt64

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        if tables.mode == .replay && event.seq == failAt { throw Refusal(description: "refused \(event.seq) (test)") }
        try CountingHook().apply(event, tables: tables)
    }
}

/// Counts like `CountingHook` and keeps, for each event, what it read of the log: the type of the event
/// before it and how many earlier events concern its stream. A rebuild's hook reads the log from the ledger
/// while its tables live in a scratch environment (`BulkRebuild.swift`).
struct LogReadingHook: AppendHook {
    var tableNames: [String] { ["counts", "reads"] }
    var stateVersion = "log-reading-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        try CountingHook().apply(event, tables: tables)
        let previous = event.seq > 1 ? try tables.event(seq: event.seq - 1)?.type ?? "missing" : "first"
        let earlier = try tables.events(concerning: event.stream, in: (event.seq > 20 ? event.seq - 20 : 1)..<event.seq, limit: 100).count
        try tables.put("reads", key: Layout.seqKey(event.seq), value: Array("\(previous) \(earlier)".utf8))
    }
}

@Suite("Rebuilds: records decoded on a second thread")
struct RebuildPipelineTests {
    @Test func theHandoffKeepsOrderAndEndsWhenFinished() {
        let handoff = Handoff<Int>(capacity: 3)
        let producer = Thread {
            for value in 0..<1_000 { #expect(handoff.put(value)) }
            handoff.finish()
        }
        producer.start()
        var received: [Int] = []
        while let value = handoff.take() { received.append(value) }
        #expect(received == Array(0..<1_000))
    }

    /// A taken item is the consumer's alone, even while the queue never empties (a rebuild's decoding
    /// thread keeps it full): the first version held every taken chunk until the queue drained.
    @Test func theHandoffDoesNotKeepWhatWasTaken() {
        final class Box: Sendable {}
        let handoff = Handoff<Box>(capacity: 2)
        weak var first: Box?
        do {
            let box = Box()
            first = box
            #expect(handoff.put(box))
        }
        #expect(handoff.put(Box()))
        #expect(handoff.take() != nil)
        #expect(handoff.offer(Box()), "room for one after a take")
        #expect(first == nil, "the queue still held the taken item")
        #expect(!handoff.offer(Box()), "full")
        #expect(handoff.takeAll().count == 2)
        #expect(handoff.takeAll().isEmpty)
    }

    @Test func cancellingReleasesAProducerWaitingForRoom() {
        let handoff = Handoff<Int>(capacity: 2)
        let done = Handoff<Bool>(capacity: 1)
        let producer = Thread {
            var accepted = 0
            for value in 0..<100 where handoff.put(value) { accepted += 1 }
            #expect(accepted < 100)
            _ = done.put(true)
            done.finish()
        }
        producer.start()
        #expect(handoff.take() == 0)
        handoff.cancel()
        #expect(done.take() == true, "the producer returned")
    }

    @Test func aRebuildReplaysManyChunksInOrder() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: CountingHook())
        let events = Limits.replayChunkEvents * (Limits.replayChunksAheadMax + 3) + 7
        var appended = 0
        while appended < events {
            let count = min(Limits.batchEventsMax, events - appended)
            _ = try ledger.append((0..<count).map { i in draft((appended + i) % 3 == 0 ? "x" : "y") })
            appended += count
        }
        let live = try CountingHook.counts(ledger)
        #expect(try ledger.replay() == UInt64(events))
        #expect(try CountingHook.counts(ledger) == live)
        // Up to a point in the middle of a chunk (what `--at-seq` rebuilds).
        let upTo = UInt64(Limits.replayChunkEvents + 5)
        let query = CountsQuery()
        #expect(try ledger.query(query, atSeq: upTo) == ["x": (upTo + 2) / 3, "y": upTo - (upTo + 2) / 3])
    }

    /// Entries of a directory (the scratch directory must be left empty).
    func entries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path)
    }

    /// The rebuild evolves the tables in a scratch environment over several of its commits, with a map that
    /// starts too small and grows midway; the hook reads the log from the ledger meanwhile. The result is what
    /// the appends made, `check` agrees, and the scratch directory is left empty.
    @Test func aRebuildEvolvesAsideOverManyCommitsAndLoadsWhatTheAppendsMade() throws {
        let dir = try TemporaryDirectory()
        let scratch = dir.path + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        let events = Limits.bulkEventsPerCommit * 2 + 300
        do {
            let ledger = try makeLedger(dir, hook: LogReadingHook())
            var appended = 0
            while appended < events {
                let count = min(Limits.batchEventsMax, events - appended)
                _ = try ledger.append((0..<count).map { i in draft((appended + i) % 3 == 0 ? "x" : "y", stream: "s\((appended + i) % 5)") })
                appended += count
            }
        }
        var options = LedgerOptions()
        options.clock = fixedClock
        options.hook = LogReadingHook()
        options.scratchDirectory = scratch
        options.scratchMapBytesInitial = 64 << 10
        let ledger = try Ledger.open(at: dir.ledger, options: options)
        func table(_ name: String) throws -> [[UInt8]: [UInt8]] {
            try ledger.environment.read { txn in
                var all: [[UInt8]: [UInt8]] = [:]
                let db = try #require(ledger.hookTables[name])
                try txn.withCursor(db) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        all[Array(current.key)] = Array(current.value)
                        entry = try cursor.next()
                    }
                }
                return all
            }
        }
        let live = try (table("counts"), table("reads"))
        #expect(live.1.count == events)
        let pagesBefore = try ledger.environment.read { txn in try txn.stat(#require(ledger.hookTables["reads"])).leafPages }
        #expect(try ledger.replay() == UInt64(events))
        let rebuilt = try (table("counts"), table("reads"))
        #expect(rebuilt.0 == live.0)
        #expect(rebuilt.1 == live.1)
        #expect(try entries(scratch).isEmpty, "the scratch environment was left behind")
        // Loaded in key order with MDB_APPEND: full pages, never more than the appends' (which split pages).
        let pagesAfter = try ledger.environment.read { txn in try txn.stat(#require(ledger.hookTables["reads"])).leafPages }
        #expect(pagesAfter <= pagesBefore)
        let report = try ledger.checkProjections()
        #expect(report.isConsistent && report.events == UInt64(events))
        #expect(try entries(scratch).isEmpty, "check left its scratch environment behind")
    }

    /// A scratch place that cannot take the scratch state (here, a directory that does not exist) is not a
    /// reason to refuse a rebuild: it is made beside the ledger, and nothing is left there afterwards.
    @Test func aRebuildWhoseScratchPlaceIsMissingEvolvesBesideTheLedger() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir, hook: LogReadingHook())
            _ = try ledger.append((0..<300).map { i in draft(i % 2 == 0 ? "x" : "y", stream: "s\(i % 3)") })
        }
        var options = LedgerOptions()
        options.clock = fixedClock
        options.hook = LogReadingHook()
        options.scratchDirectory = dir.path + "/no-such-directory"
        let ledger = try Ledger.open(at: dir.ledger, options: options)
        let live = try CountingHook.counts(ledger)
        #expect(try ledger.replay() == 300)
        #expect(try CountingHook.counts(ledger) == live)
        #expect(try ledger.checkProjections().isConsistent)
        #expect(try entries(dir.path).sorted() == ["ledger"], "a scratch directory was left beside the ledger")
    }

    /// `check` reads a snapshot and evolves the tables aside: the ledger's file keeps every byte, and an
    /// entry altered in a live table is reported.
    @Test func aCheckWritesNothingToTheLedgerAndFindsAnAlteredEntry() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: LogReadingHook())
        _ = try ledger.append((0..<500).map { i in draft(i % 2 == 0 ? "x" : "y", stream: "s\(i % 4)") })
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        #expect(try ledger.checkProjections().isConsistent)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == before)
        try ledger.environment.write { txn in
            let db = try #require(ledger.hookTables["reads"])
            let key = try txn.withCursor(db) { cursor in try #require(try cursor.first()).key }.map { $0 }
            try txn.put(db, key: key, value: [1] + Array("altered".utf8))
        }
        let report = try ledger.checkProjections()
        #expect(!report.isConsistent)
        #expect(report.tables.first { $0.name == "reads" }?.differences.first?.hasPrefix("value differs") == true)
    }

    @Test func aHookThatStopsARebuildEarlyLeavesTheLiveTablesAndReturns() throws {
        let dir = try TemporaryDirectory()
        // Far more events than the decoding thread may hold ahead, so it is waiting for room when the
        // hook refuses; the rebuild must stop it, return the refusal, and leave the live tables as they were.
        let events = Limits.replayChunkEvents * Limits.replayChunksAheadMax * 3
        do {
            let ledger = try makeLedger(dir, hook: CountingHook())
            var appended = 0
            while appended < events {
                let count = min(Limits.batchEventsMax, events - appended)
                _ = try ledger.append((0..<count).map { _ in draft("x") })
                appended += count
            }
        }
        let scratch = dir.path + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        var options = LedgerOptions()
        options.clock = fixedClock
        options.hook = FailingReplayHook(failAt: 300)
        options.scratchDirectory = scratch
        let ledger = try Ledger.open(at: dir.ledger, options: options)
        do {
            try ledger.replay()
            Issue.record("the hook's refusal was ignored")
        } catch EventLogError.rejected(_, let seq, let reason) {
            #expect(seq == 300 && "\(reason)" == "refused 300 (test)")
        }
        #expect(try CountingHook.counts(ledger) == ["x": UInt64(events)])
        #expect(try entries(scratch).isEmpty, "a refused rebuild left its scratch environment behind")
    }

    @Test func aDamagedRecordStopsTheRebuildNamingItsSeq() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: CountingHook())
        _ = try ledger.append((0..<600).map { _ in draft("x") })
        try ledger.environment.write { txn in
            var record = try #require(try txn.get(ledger.events, key: Layout.seqKey(400)))
            let brace = try #require(record.lastIndex(of: UInt8(ascii: "}")))
            record[brace] = UInt8(ascii: "]")
            try txn.put(ledger.events, key: Layout.seqKey(400), value: record)
        }
        do {
            try ledger.replay()
            Issue.record("a damaged record was replayed")
        } catch EventLogError.corruptRecord(let seq, _) {
            #expect(seq == 400)
        }
        #expect(try CountingHook.counts(ledger) == ["x": 600])
    }
}

/// The "counts" table as a query (for `--at-seq` rebuilds).
struct CountsQuery: TableQuery {
    func run<T: ReadableTransaction & ~Copyable>(_ tables: borrowing Tables<T>) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        try tables.scan("counts", from: [], limit: 100) { key, value in
            result[String(decoding: key, as: UTF8.self)] = value.withUnsafeBytes { Layout.readSeq($0) }
            return true
        }
        return result
    }
}
