import CanonicalJSON
import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

func makeLedger(_ dir: TemporaryDirectory, hook: (any AppendHook)? = nil, mapMax: Int = 1 << 30) throws -> Ledger {
    var options = LedgerOptions()
    options.clock = fixedClock
    options.hook = hook
    options.mapSizeInitialBytes = 1 << 20
    options.mapSizeMaxBytes = mapMax
    return try Ledger.create(at: dir.path + "/ledger", options: options, ledgerID: "test")
}

@Suite("Ledger: verification finds what was altered")
struct TamperTests {
    func populated() throws -> (Ledger, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append((1...20).map { i in draft(stream: "s\(i % 3)", key: i % 4 == 0 ? "k\(i)" : nil, subjects: ["p:\(i % 5)"]) })
        return (ledger, dir)
    }

    @Test func anIntactLedgerVerifies() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        let report = try ledger.verify()
        #expect(report.isIntact)
        #expect(report.eventsChecked == 20)
        #expect(report.indexEntriesChecked == 20 + 20 + 5)
        #expect(report.head == (try ledger.head()))
    }

    @Test func aChangedByteInARecordNamesItsSeq() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in
            var record = try #require(try txn.get(ledger.events, key: Layout.seqKey(7)))
            let offset = try #require(record.firstIndex(of: UInt8(ascii: "1")))  // the payload's "n":1
            record[offset] = UInt8(ascii: "2")
            try txn.put(ledger.events, key: Layout.seqKey(7), value: record)
        }
        let report = try ledger.verify()
        #expect(!report.isIntact)
        #expect(report.firstBadSeq == 7)
        // The chain's hash and the tree's leaf: only the altered event, not its successors.
        #expect(report.problems.count == 2 && report.problems.allSatisfy { $0.seq == 7 }, "only the altered event, not its successors: \(report.problems)")
    }

    @Test func aDeletedEventIsAGap() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in _ = try txn.delete(ledger.events, key: Layout.seqKey(12)) }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 12)
    }

    @Test func aMissingSubjectEntryIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in _ = try txn.delete(ledger.subjects, key: Layout.subjectKey("p:4", seq: 9)) }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 9, "\(report.problems)")
    }

    @Test func anInventedStreamEntryIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        // Event 5 is of stream s2: an entry saying it is version 3 of s1 (after 1 and 4).
        try ledger.environment.write { txn in
            try txn.put(ledger.subjects, key: Layout.subjectKey("s1", seq: 5), value: Layout.seqKey(3))
        }
        let report = try ledger.verify()
        #expect(!report.isIntact)
        #expect(report.problems.contains { $0.seq == 5 })
    }

    @Test func aRedirectedIdempotencyKeyIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in
            try txn.put(ledger.idempotency, key: Array("k8".utf8), value: Layout.seqKey(3))
        }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 3)
        #expect(report.problems.contains { $0.seq == 8 })
    }

    @Test func aRewrittenAndRechainedHistoryFailsAgainstANotedHead() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        let noted = try ledger.head()
        #expect(try ledger.verify(anchor: noted).isIntact)
        let other = ChainHead(seq: 20, hash: try #require(Hash(hex: String(repeating: "ab", count: 32))))
        let report = try ledger.verify(anchor: other)
        #expect(report.firstBadSeq == 20)
    }

    @Test func aCorruptRecordIsReportedOnRead() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in
            try txn.put(ledger.events, key: Layout.seqKey(4), value: [1] + [UInt8](repeating: 0, count: 32) + Array("{not json".utf8))
        }
        #expect(throws: EventLogError.self) { _ = try ledger.event(seq: 4) }
        #expect(try ledger.verify().firstBadSeq == 4)
    }
}

/// Counts events per type in its table and refuses the type "forbidden".
struct CountingHook: AppendHook {
    struct Refusal: Error, CustomStringConvertible { let description: String }
    var tableNames: [String] { ["counts"] }
    var stateVersion = "counting-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        if event.type == "forbidden" { throw Refusal(description: "type forbidden is not allowed (test rule)") }
        let key = Array(event.type.utf8)
        let current = try tables.get("counts", key: key).map { $0.withUnsafeBytes { Layout.readSeq($0) ?? 0 } } ?? 0
        try tables.put("counts", key: key, value: Layout.seqKey(current + 1))
    }

    static func counts(_ ledger: Ledger) throws -> [String: UInt64] {
        try ledger.readTables { tables, _ in
            var result: [String: UInt64] = [:]
            try tables.scanRaw("counts", from: [], limit: 1_000) { key, value in
                result[String(decoding: key, as: UTF8.self)] = Layout.readSeq(value)
                return true
            }
            return result
        }
    }
}

/// Keeps, per event, the mode it was applied in and the "total" it saw through the memo: the count of
/// events of type "count" so far, read once per transaction and remembered until "counts" is written.
struct MemoHook: AppendHook {
    final class Total {
        let value: UInt64
        init(_ value: UInt64) { self.value = value }
    }
    var tableNames: [String] { ["counts", "seen"] }
    var stateVersion = "memo-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        let total = try tables.memo.value("total", readFrom: ["counts"]) {
            Total(try tables.get("counts", key: Array("count".utf8)).flatMap { $0.withUnsafeBytes { Layout.readSeq($0) } } ?? 0)
        }
        if event.type == "count" { try tables.put("counts", key: Array("count".utf8), value: Layout.seqKey(total.value + 1)) }
        let mode: UInt8 = tables.mode == .append ? 1 : 2
        try tables.put("seen", key: Layout.seqKey(event.seq), value: [mode] + Layout.seqKey(total.value))
    }

    static func seen(_ ledger: Ledger) throws -> [(mode: UInt8, total: UInt64)] {
        try ledger.readTables { tables, _ in
            var result: [(mode: UInt8, total: UInt64)] = []
            try tables.scanRaw("seen", from: [], limit: 10_000) { _, value in
                result.append((value[0], Layout.readSeq(UnsafeRawBufferPointer(rebasing: value[1...])) ?? .max))
                return true
            }
            return result
        }
    }
}

/// Keeps, per event, the seqs of the earlier events that share its first subject, as
/// `events(concerning:in:limit:)` reports them (8 bytes each); refuses the type "forbidden".
struct SubjectProbeHook: AppendHook {
    var tableNames: [String] { ["earlier"] }
    var stateVersion = "probe-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        if event.type == "forbidden" { throw CountingHook.Refusal(description: "type forbidden is not allowed (test rule)") }
        guard let subject = event.subjects.first else { return }
        let earlier = try tables.events(concerning: subject, in: 1..<event.seq, limit: 3)
        try tables.put("earlier", key: Layout.seqKey(event.seq), value: earlier.flatMap(Layout.seqKey))
    }

    static func earlier(_ ledger: Ledger) throws -> [[UInt64]] {
        try ledger.readTables { tables, _ in
            var result: [[UInt64]] = []
            try tables.scanRaw("earlier", from: [], limit: 10_000) { _, value in
                result.append(stride(from: 0, to: value.count, by: 8).map { Layout.readSeq(value, at: $0) })
                return true
            }
            return result
        }
    }
}

@Suite("Ledger: a hook reads the subject index")
struct SubjectIndexFromHookTests {
    @Test func aHookSeesEarlierBatchesAndItsOwnBatchInLogOrder() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: SubjectProbeHook())
        // Events 1-2 in one batch; 3-6 in the next, where 4 and 6 must see their own batch's events
        // (whose index entries are written only when the batch ends).
        _ = try ledger.append([draft(subjects: ["person:a"]), draft(subjects: ["person:b"])])
        _ = try ledger.append([draft(subjects: ["person:c"]), draft(subjects: ["person:a"]), draft(subjects: ["person:a", "person:c"]),
                               draft(subjects: ["person:a"])])
        let live = try SubjectProbeHook.earlier(ledger)
        #expect(live == [[], [], [], [1], [1, 4], [1, 4, 5]])
        // A replay reads the whole index, bounded by the range it asks for: the same answers.
        try ledger.replay()
        #expect(try SubjectProbeHook.earlier(ledger) == live)
    }

    @Test func aRefusedBatchLeavesNoTraceInTheIndex() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: SubjectProbeHook())
        _ = try ledger.append([draft(subjects: ["person:a"])])
        #expect(throws: (any Error).self) {
            _ = try ledger.append([draft(subjects: ["person:a"]), draft("forbidden", subjects: ["person:a"])])
        }
        _ = try ledger.append([draft(subjects: ["person:a"])])
        #expect(try SubjectProbeHook.earlier(ledger) == [[], [1]])
        #expect(try ledger.verify().firstBadSeq == nil)
    }
}

/// Inserts one entry per event under a key the event names (`data.key`), with `Tables.insert`.
struct InsertingHook: AppendHook {
    var tableNames: [String] { ["inserted"] }
    var stateVersion = "insert-1"

    func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard let key = event.data["key"]?.stringValue else { return }
        try tables.insert("inserted", key: Array(key.utf8), value: Layout.seqKey(event.seq))
    }
}

@Suite("Ledger: a hook inserts entries that must be new")
struct InsertTests {
    @Test func anExistingKeyRefusesTheBatchAndLeavesTheLedgerAsItWas() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: InsertingHook())
        _ = try ledger.append([draft(data: ["key": "a"]), draft(data: ["key": "b"])])
        let head = try ledger.head()
        // A key that exists means damaged tables: the batch is refused, and nothing of it stays.
        let error = #expect(throws: EventLogError.self) { _ = try ledger.append([draft(data: ["key": "c"]), draft(data: ["key": "a"])]) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("the projection table inserted is damaged: an entry inserted as new exists already (a)"))
        #expect(try ledger.head() == head)
        _ = try ledger.append([draft(data: ["key": "c"])])
        #expect(try ledger.head().seq == 3)
        #expect(try ledger.verify().firstBadSeq == nil)
    }
}

@Suite("Ledger: the hook's apply mode and per-transaction memo")
struct MemoAndModeTests {
    @Test func aWriteToATableForgetsWhatWasReadFromIt() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: MemoHook())
        // One batch: each "count" writes the table the total was read from, so the next event reads afresh;
        // "other" events write only "seen", which the memo does not depend on.
        _ = try ledger.append([draft("other"), draft("count"), draft("other"), draft("count"), draft("count")])
        let seen = try MemoHook.seen(ledger)
        #expect(seen.map(\.total) == [0, 0, 1, 1, 2])
        #expect(seen.allSatisfy { $0.mode == 1 })
        // A second batch starts with a fresh memo and sees the committed total.
        _ = try ledger.append([draft("other")])
        #expect(try MemoHook.seen(ledger).last?.total == 3)
    }

    @Test func replayedEventsAreMarkedAsReplayedAndGiveTheSameState() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: MemoHook())
        _ = try ledger.append((0..<40).map { draft($0 % 3 == 0 ? "count" : "other") })
        let live = try MemoHook.seen(ledger).map(\.total)
        try ledger.replay()
        let replayed = try MemoHook.seen(ledger)
        #expect(replayed.map(\.total) == live)
        #expect(replayed.allSatisfy { $0.mode == 2 })
    }

    @Test func theMemoStartsAfreshPastItsLimit() {
        let memo = TableMemo()
        for index in 0..<Limits.memoEntriesMax { _ = memo.value("k\(index)", readFrom: ["t"]) { MemoHook.Total(UInt64(index)) } }
        #expect(memo.count == Limits.memoEntriesMax)
        _ = memo.value("one more", readFrom: ["t"]) { MemoHook.Total(0) }
        #expect(memo.count == 1)
    }
}

@Suite("Ledger: hook, replay, dry run, limits, reopening")
struct LedgerBehaviourTests {
    @Test func theHookRunsInTheSameTransactionAndCanRefuse() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: CountingHook())
        _ = try ledger.append([draft("a"), draft("b"), draft("a")])
        #expect(try CountingHook.counts(ledger) == ["a": 2, "b": 1])
        do {
            _ = try ledger.append([draft("a"), draft("forbidden")])
            Issue.record("the hook's refusal was ignored")
        } catch EventLogError.rejected(let index, let seq, let reason) {
            #expect(index == 1 && seq == 5)
            #expect("\(reason)".contains("forbidden"))
        }
        // Neither the events nor the hook's writes of the refused batch remain.
        #expect(try ledger.head().seq == 3)
        #expect(try CountingHook.counts(ledger) == ["a": 2, "b": 1])
    }

    @Test func replayRebuildsTheHookTablesFromTheLog() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: CountingHook())
        _ = try ledger.append((0..<50).map { i in draft(i % 3 == 0 ? "x" : "y") })
        let live = try CountingHook.counts(ledger)
        try ledger.environment.write { txn in
            try txn.put(try #require(ledger.hookTables["counts"]), key: Versions.storedKey(Array("x".utf8), seq: 50), value: Versions.storedValue(Layout.seqKey(999)))
        }
        #expect(try CountingHook.counts(ledger) != live)
        let replayed = try ledger.replay()
        #expect(replayed == 50)
        #expect(try CountingHook.counts(ledger) == live)
    }

    @Test func projectionsOfAnotherVersionAreRebuiltOnOpen() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir, hook: CountingHook())
            _ = try ledger.append([draft("a"), draft("b"), draft("a")])
            // Damage the projection, as an older program's different layout would look.
            try ledger.environment.write { txn in try txn.clear(try #require(ledger.hookTables["counts"])) }
        }
        var options = LedgerOptions()
        options.readOnly = true
        options.hook = CountingHook(stateVersion: "counting-2")
        do {
            // The open succeeds (the log can be read); a read of the projections is refused.
            _ = try Ledger.open(at: dir.path + "/ledger", options: options).query(CountsQuery())
            Issue.record("a read-only open used projections of another version")
        } catch EventLogError.projectionsOutdated(_, let stored, let current) {
            #expect(stored == "counting-1" && current == "counting-2")
        }
        options.readOnly = false
        let reopened = try Ledger.open(at: dir.path + "/ledger", options: options)
        #expect(try CountingHook.counts(reopened) == ["a": 2, "b": 1])
        // The same version again: no rebuild, nothing changes.
        #expect(try CountingHook.counts(try Ledger.open(at: dir.path + "/ledger", options: options)) == ["a": 2, "b": 1])
    }

    /// A hook of an earlier version that kept one table more than the current one.
    struct OlderCountingHook: AppendHook {
        var tableNames: [String] { ["counts", "retired"] }
        var stateVersion: String { "counting-0" }
        func apply(_ event: RecordedEvent, tables: borrowing HookTables) throws {
            try CountingHook().apply(event, tables: tables)
            try tables.put("retired", key: Layout.seqKey(event.seq), value: [1])
        }
    }

    @Test func aTableTheCurrentHookNoLongerKeepsIsDroppedWhenItRebuilds() throws {
        let dir = try TemporaryDirectory()
        do {
            let older = try makeLedger(dir, hook: OlderCountingHook())
            _ = try older.append([draft("a"), draft("b")])
            let names = try older.environment.read { txn in try txn.databaseNames(limit: Limits.databasesMax) }
            #expect(names.contains("x.retired") && names.contains("x.counts"))
        }
        var options = LedgerOptions()
        options.hook = CountingHook()
        let current = try Ledger.open(at: dir.ledger, options: options)
        #expect(try CountingHook.counts(current) == ["a": 1, "b": 1])
        let names = try current.environment.read { txn in try txn.databaseNames(limit: Limits.databasesMax) }
        #expect(!names.contains("x.retired"), "\(names)")
        #expect(names.contains("x.counts") && names.contains(Layout.events))
        #expect(try current.verify().isIntact)
        #expect(try current.checkProjections().isConsistent)
    }

    @Test func checkComparesLiveProjectionsWithARebuild() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: CountingHook())
        _ = try ledger.append((0..<40).map { i in draft(i % 3 == 0 ? "x" : "y") })
        let clean = try ledger.checkProjections()
        #expect(clean.isConsistent && clean.events == 40)
        try ledger.environment.write { txn in
            let table = try #require(ledger.hookTables["counts"])
            try txn.put(table, key: Versions.storedKey(Array("x".utf8), seq: 40), value: Versions.storedValue(Layout.seqKey(1)))
            try txn.put(table, key: Versions.storedKey(Array("zz".utf8), seq: 40), value: Versions.storedValue(Layout.seqKey(1)))
        }
        let damaged = try ledger.checkProjections()
        #expect(!damaged.isConsistent)
        #expect(damaged.tables.first?.differences == ["value differs: x (as event 40 left it)", "only in the live table: zz (as event 40 left it)"])
        #expect(try ledger.replay() == 40)
        #expect(try ledger.checkProjections().isConsistent)
        #expect(try CountingHook.counts(ledger) == ["x": 14, "y": 26])
    }

    @Test func aDryRunSeesItsOwnBatchesAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append([draft()])
        let results = try ledger.dryRun { session in
            [try session.append([draft(expected: 1)]), try session.append([draft(expected: 2)])]
        }
        #expect(results.map(\.headSeq) == [2, 3])
        #expect(try ledger.head().seq == 1)
        #expect(throws: EventLogError.self) {
            try ledger.dryRun { session in _ = try session.append([draft(expected: 5)]) }
        }
    }

    @Test func aFullLedgerRefusesTheBatchWholeAndKeepsTheRest() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, mapMax: 2 << 20)
        let payload: JSONObject = ["text": .string(String(repeating: "x", count: 2_000))]
        var committed: UInt64 = 0
        var refused = false
        for batch in 0..<100 {
            do {
                let result = try ledger.append((0..<50).map { _ in draft(stream: "s\(batch % 7)", data: payload) })
                committed = result.headSeq
            } catch EventLogError.ledgerFull(let max, _) {
                #expect(max == 2 << 20)
                refused = true
                break
            }
        }
        #expect(refused)
        #expect(committed > 0 && committed % 50 == 0)
        #expect(try ledger.head().seq == committed)
        #expect(try ledger.verify().isIntact)
    }

    @Test func reopeningFindsEverythingAndRefusesStrangers() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir)
            _ = try ledger.append([draft(key: "k"), draft()])
        }
        var options = LedgerOptions()
        options.clock = fixedClock
        let reopened = try Ledger.open(at: dir.path + "/ledger", options: options)
        #expect(try reopened.head().seq == 2)
        #expect(try reopened.append([draft(key: "k")]).outcomes == [.duplicate(originalSeq: 1)])
        #expect(throws: EventLogError.self) { _ = try Ledger.create(at: dir.path + "/ledger", ledgerID: "again") }
        #expect(throws: EventLogError.self) { _ = try Ledger.open(at: dir.path + "/nothing-here") }
        // An LMDB environment that is not a ledger.
        let stranger = dir.path + "/stranger"
        do {
            let env = try Environment(path: stranger, options: EnvironmentOptions(create: true))
            _ = try env.openDatabases(named: ["other"], create: true)
        }
        do {
            _ = try Ledger.open(at: stranger)
            Issue.record("opened a stranger")
        } catch EventLogError.notALedger {
        }
    }

    @Test func readOnlyOpenCannotAppend() throws {
        let dir = try TemporaryDirectory()
        _ = try makeLedger(dir).append([draft()])
        var options = LedgerOptions()
        options.readOnly = true
        let reader = try Ledger.open(at: dir.path + "/ledger", options: options)
        #expect(try reader.head().seq == 1)
        #expect(throws: EventLogError.self) { _ = try reader.append([draft()]) }
    }

    @Test func theHandWrittenEnvelopeEqualsTheGenericCanonicalEncoding() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append([
            draft("t.a", stream: "流\"\\", key: "键\"\\", subjects: ["a", "é"], data: ["z": [1, -2, "\u{1}"], "a": ["b": nil, "A": true]]),
        ])
        let event = try #require(try ledger.event(seq: 1))
        try ledger.forEachRecord(in: 1...1) { record in
            #expect(Array(record.canonical) == CanonicalJSON.encode(event.canonicalObject))
            return true
        }
    }

    @Test func statsCountStreamsSubjectsAndKeys() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append((0..<12).map { i in draft(stream: "s\(i % 4)", key: i < 5 ? "k\(i)" : nil, subjects: ["p:\(i % 3)", "g:1"]) })
        let stats = try ledger.stats()
        // The subject index names each event's stream too: 4 streams and 4 other subjects.
        #expect(stats.events == 12 && stats.streams == 4 && stats.subjects == 8 && stats.idempotencyKeys == 5)
        #expect(stats.ledgerID == "test")
        #expect(stats.firstRecordedAt == fixedClock.now())
    }
}

@Suite("Dates and timestamps")
struct TimeTests {
    @Test func calendarDatesOnly() {
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2023-02-29") == nil)
        #expect(LocalDate(iso: "1900-02-29") == nil)
        #expect(LocalDate(iso: "2000-02-29") != nil)
        for bad in ["2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-01", "2026/01/01", "２026-01-01", "1899-12-31", "2200-01-01", ""] {
            #expect(LocalDate(iso: bad) == nil, "\(bad)")
        }
        #expect(date("2026-01-09") < date("2026-01-10"))
    }

    @Test func timestampsRoundTrip() {
        for micros: Int64 in [0, 1_767_225_600_123_456, 951_782_400_000_000, 4_102_444_799_999_999] {
            let t = Timestamp(microsecondsSinceEpoch: micros)
            #expect(Timestamp(iso: t.description) == t, "\(t)")
        }
        #expect(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000).description == "2026-01-01T00:00:00.000000Z")
        #expect(Timestamp(iso: "2026-01-01T24:00:00.000000Z") == nil)
    }
}
