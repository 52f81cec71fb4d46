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
        var options = LedgerOptions()
        options.clock = fixedClock
        options.hook = FailingReplayHook(failAt: 300)
        let ledger = try Ledger.open(at: dir.ledger, options: options)
        do {
            try ledger.replay()
            Issue.record("the hook's refusal was ignored")
        } catch EventLogError.rejected(_, let seq, let reason) {
            #expect(seq == 300 && "\(reason)" == "refused 300 (test)")
        }
        #expect(try CountingHook.counts(ledger) == ["x": UInt64(events)])
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
