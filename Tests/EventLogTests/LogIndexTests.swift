import CanonicalJSON
import Foundation
import LMDB
import Testing
import TestSupport
@testable import EventLog

/// Every entry of a ledger's subject index, as (key, value) bytes in key order.
func subjectIndex(_ ledger: Ledger) throws -> [[UInt8]: [UInt8]] {
    try ledger.environment.read { txn in
        var entries: [[UInt8]: [UInt8]] = [:]
        try txn.withCursor(ledger.subjects) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                entries[Array(current.key)] = Array(current.value)
                entry = try cursor.next()
            }
        }
        return entries
    }
}

/// The subject-index entry of `id` at `seq`, as a stream version (nil when absent or not 8 bytes).
func indexVersion(_ ledger: Ledger, _ id: String, seq: UInt64) throws -> UInt64? {
    try ledger.environment.read { txn in
        try txn.withValue(ledger.subjects, key: Layout.subjectKey(id, seq: seq)) { $0.flatMap { Layout.readSeq($0) } }
    }
}

/// Rewrites the ledger at `path` as the release before format 2 laid it out (`Ledger.downgradeToFormat1`).
func downgradeToFormat1(_ path: String) throws { try Ledger.downgradeToFormat1(path) }

func openReadOnly(_ path: String) throws -> Ledger {
    var options = LedgerOptions()
    options.readOnly = true
    return try Ledger.open(at: path, options: options)
}

@Suite("Log index: stream versions carried by the subject index")
struct StreamVersionIndexTests {
    @Test func versionsAreRightWithinOneBatchAndAcrossBatches() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        // One batch: a, a (naming b), b (naming a), a expecting 2: the index is written only when it ends.
        let first = try ledger.append([draft(stream: "a"), draft(stream: "a", subjects: ["b"]), draft(stream: "b", subjects: ["a"]),
                                       draft(stream: "a", expected: 2)])
        #expect(first.outcomes == [.appended(seq: 1, version: 1), .appended(seq: 2, version: 2), .appended(seq: 3, version: 1),
                                   .appended(seq: 4, version: 3)])
        let expectedEntries: [(String, UInt64, UInt64)] = [("a", 1, 1), ("a", 2, 2), ("b", 2, 0), ("b", 3, 1), ("a", 3, 2), ("a", 4, 3)]
        for (id, seq, version) in expectedEntries {
            #expect(try indexVersion(ledger, id, seq: seq) == version, "\(id) at \(seq)")
        }
        #expect(try subjectIndex(ledger).count == expectedEntries.count)
        // The next batch continues from the stored versions, and from its own earlier events.
        let second = try ledger.append([draft(stream: "b", expected: 1, subjects: ["a"]), draft(stream: "a", expected: 3), draft(stream: "c", subjects: ["b"])])
        #expect(second.outcomes == [.appended(seq: 5, version: 2), .appended(seq: 6, version: 4), .appended(seq: 7, version: 1)])
        #expect(try indexVersion(ledger, "a", seq: 5) == 3)
        #expect(try indexVersion(ledger, "b", seq: 7) == 2)
        #expect(try ledger.version(ofStream: "a") == 4 && ledger.version(ofStream: "b") == 2 && ledger.version(ofStream: "c") == 1)
        #expect(try ledger.version(ofStream: "nobody") == 0)
        // A stale expectation inside a batch is refused against the batch's own versions, and nothing is written.
        #expect(throws: EventLogError.self) { _ = try ledger.append([draft(stream: "a", expected: 4), draft(stream: "a", expected: 4)]) }
        #expect(try ledger.head().seq == 7)
        // A stream's events, from any version, are the entries where its version rises.
        #expect(try ledger.events(inStream: "a", limit: 10).map(\.seq) == [1, 2, 4, 6])
        #expect(try ledger.events(inStream: "a", limit: 10).map(\.version) == [1, 2, 3, 4])
        #expect(try ledger.events(inStream: "a", fromVersion: 3, limit: 10).map(\.seq) == [4, 6])
        #expect(try ledger.events(inStream: "a", fromVersion: 2, limit: 1).map(\.seq) == [2])
        #expect(try ledger.events(inStream: "a", fromVersion: 5, limit: 10).isEmpty)
        #expect(try ledger.events(inStream: "b", limit: 10).map(\.seq) == [3, 5])
        #expect(try ledger.events(inStream: "nobody", limit: 10).isEmpty)
        let stats = try ledger.stats()
        #expect(stats.streams == 3 && stats.subjects == 3 && stats.formatVersion == Layout.formatVersion)
        #expect(try ledger.verify().isIntact)
    }

    @Test func anEventWhoseStreamIsNotAmongItsSubjectsIsIndexedUnderItsStream() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append([draft(stream: "s", subjects: ["p"]), draft(stream: "s", subjects: ["p"])])
        _ = try ledger.append([draft(stream: "p", subjects: ["s"]), draft(stream: "q")])
        #expect(try indexVersion(ledger, "s", seq: 1) == 1 && indexVersion(ledger, "s", seq: 2) == 2 && indexVersion(ledger, "s", seq: 3) == 2)
        #expect(try indexVersion(ledger, "p", seq: 1) == 0 && indexVersion(ledger, "p", seq: 2) == 0 && indexVersion(ledger, "p", seq: 3) == 1)
        #expect(try indexVersion(ledger, "q", seq: 4) == 1)
        #expect(try subjectIndex(ledger).count == 7)
        // The recorded subjects are what the draft gave.
        #expect(try ledger.event(seq: 1)?.subjects == ["p"])
        #expect(try ledger.event(seq: 4)?.subjects == [])
        // Reading by subject keeps to the recorded subjects; a hook's reading of the index sees the stream too.
        #expect(try ledger.events(forSubject: "s", limit: 10).map(\.seq) == [3])
        #expect(try ledger.events(forSubject: "p", limit: 10).map(\.seq) == [1, 2])
        #expect(try ledger.events(forSubject: "q", limit: 10).isEmpty)
        let concerning = try ledger.readTables { tables, _ in
            (try tables.events(concerning: "s", in: 1..<10, limit: 10), try tables.events(concerning: "q", in: 1..<10, limit: 10))
        }
        #expect(concerning.0 == [1, 2, 3] && concerning.1 == [4])
        #expect(try ledger.events(inStream: "s", limit: 10).map(\.seq) == [1, 2])
        #expect(try ledger.stats().streams == 3)
        #expect(try ledger.verify().isIntact)
    }

    @Test func aHookSeesItsOwnBatchsStreamEntries() throws {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir, hook: SubjectProbeHook())
        // The probe asks about each event's first subject: events 2 and 3 ask about person:a, the stream of
        // event 1 (which does not list it), in the same batch.
        _ = try ledger.append([draft(stream: "person:a", subjects: ["x:1"]), draft(stream: "s9", subjects: ["person:a"]),
                               draft(stream: "person:a", subjects: ["person:a"])])
        #expect(try SubjectProbeHook.earlier(ledger) == [[], [1], [1, 2]])
    }
}

@Suite("Log index: verify names the seq of a bad subject-index entry")
struct SubjectIndexTamperTests {
    /// 20 events of streams s0-s2, each naming subject p:(i % 5); event i's stream is s(i % 3).
    func populated() throws -> (Ledger, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let ledger = try makeLedger(dir)
        _ = try ledger.append((1...20).map { i in draft(stream: "s\(i % 3)", key: i % 4 == 0 ? "k\(i)" : nil, subjects: ["p:\(i % 5)"]) })
        return (ledger, dir)
    }

    func putVersion(_ ledger: Ledger, _ id: String, seq: UInt64, _ version: UInt64) throws {
        try ledger.environment.write { txn in try txn.put(ledger.subjects, key: Layout.subjectKey(id, seq: seq), value: Layout.seqKey(version)) }
    }

    @Test func anIntactIndexVerifiesEntryByEntry() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        let report = try ledger.verify()
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.indexEntriesChecked == 40 + 5)
    }

    @Test func aRemovedStreamEntryIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        // Event 9 is version 3 of s0 (after 3 and 6).
        #expect(try indexVersion(ledger, "s0", seq: 9) == 3)
        try ledger.environment.write { txn in _ = try txn.delete(ledger.subjects, key: Layout.subjectKey("s0", seq: 9)) }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 9, "\(report.problems)")
        #expect(report.problems.count == 1, "\(report.problems)")
        #expect(report.problems.first?.what.contains(#"lacks its entry for stream "s0""#) == true, "\(report.problems)")
    }

    @Test func anAddedEntryIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        // Event 5 is of stream s2 and names p:0; s1 stood at version 2 then (events 1 and 4): a plausible value.
        try putVersion(ledger, "s1", seq: 5, 2)
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 5, "\(report.problems)")
        #expect(report.problems.count == 1, "\(report.problems)")
        #expect(report.problems.first?.what.contains(#"has an entry for "s1" that event 5 does not name"#) == true, "\(report.problems)")
    }

    @Test func anAlteredVersionIsNamedWhetherOfAStreamOrOfASubject() throws {
        for (id, seq, wrong, due) in [("s0", UInt64(9), UInt64(4), UInt64(3)), ("p:4", 9, 1, 0), ("s0", 12, 3, 4)] {
            let (ledger, _dir) = try populated()
            _ = _dir
            #expect(try indexVersion(ledger, id, seq: seq) == due)
            try putVersion(ledger, id, seq: seq, wrong)
            let report = try ledger.verify()
            #expect(report.firstBadSeq == seq, "\(id)@\(seq): \(report.problems)")
            #expect(report.problems.count == 1, "\(id)@\(seq): \(report.problems)")
            #expect(report.problems.first?.what.contains("holds version \(wrong) in its entry for") == true
                    && report.problems.first?.what.contains("where \(due) is due") == true, "\(report.problems)")
        }
    }

    @Test func aValueThatIsNoVersionIsNamed() throws {
        let (ledger, _dir) = try populated()
        _ = _dir
        try ledger.environment.write { txn in try txn.put(ledger.subjects, key: Layout.subjectKey("p:2", seq: 7), value: [UInt8]()) }
        let report = try ledger.verify()
        #expect(report.firstBadSeq == 7, "\(report.problems)")
        // A read of the stream it names says the index is damaged rather than answering wrongly.
        try ledger.environment.write { txn in try txn.put(ledger.subjects, key: Layout.subjectKey("s1", seq: 19), value: [1, 2]) }
        #expect(throws: EventLogError.self) { _ = try ledger.version(ofStream: "s1") }
    }
}

@Suite("Log index: a format-1 ledger, read as it is and migrated")
struct Format1MigrationTests {
    /// A history with streams that are subjects of other events and events whose stream is not a subject.
    func history(_ ledger: Ledger) throws {
        _ = try ledger.append([draft(stream: "g:1", key: "k1", subjects: ["g:1", "u:1"]), draft(stream: "p:1", subjects: ["p:1", "g:1"]),
                               draft(stream: "p:2", subjects: ["g:1"]), draft(stream: "g:1", subjects: ["g:1", "p:1", "p:2"])])
        _ = try ledger.append([draft(stream: "u:1", key: "k2"), draft(stream: "p:1", subjects: ["p:1"]), draft(stream: "g:1", subjects: ["p:2"])])
    }

    /// What the reads that depend on the index answer.
    struct Answers: Equatable {
        var versions: [UInt64]
        var byStream: [[UInt64]]
        var bySubject: [[UInt64]]
        var fromVersion2: [UInt64]
        var streams: Int
    }

    static let ids = ["g:1", "p:1", "p:2", "u:1", "none"]

    func answers(_ ledger: Ledger) throws -> Answers {
        Answers(versions: try Self.ids.map { try ledger.version(ofStream: $0) },
                byStream: try Self.ids.map { try ledger.events(inStream: $0, limit: 100).map(\.seq) },
                bySubject: try Self.ids.map { try ledger.events(forSubject: $0, limit: 100).map(\.seq) },
                fromVersion2: try ledger.events(inStream: "g:1", fromVersion: 2, limit: 100).map(\.seq),
                streams: try ledger.stats().streams)
    }

    @Test func aReadOnlyOpenReadsFormat1AsItIsAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let before: Answers
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
            before = try answers(ledger)
        }
        try downgradeToFormat1(dir.ledger)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        do {
            let ledger = try openReadOnly(dir.ledger)
            #expect(ledger.logIndex != .versioned)
            #expect(try answers(ledger) == before)
            #expect(try ledger.stats().formatVersion == 1)
            let report = try ledger.verify()
            #expect(report.isIntact, "\(report.problems)")
            #expect(report.indexEntriesChecked == 7 + 10 + 2, "7 stream entries, 10 subject entries, 2 keys")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == data, "a read-only open migrated or wrote something")
    }

    struct Stop: Error {}

    @Test func verifyOfAFormat1CopyNamesAnInventedStreamEntry() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
        }
        try downgradeToFormat1(dir.ledger)
        do {
            let env = try Environment(path: dir.ledger, options: EnvironmentOptions())
            let streams = try env.openDatabases(named: [Layout.format1Streams], create: false)[0]
            try env.write { txn in try txn.put(streams, key: Layout.streamKey("p:2", version: 2), value: Layout.seqKey(5)) }
        }
        let report = try openReadOnly(dir.ledger).verify()
        #expect(!report.isIntact)
        #expect(report.problems.contains { $0.seq == 5 }, "\(report.problems)")
    }

    @Test func aWritableOpenMigratesInOneTransactionToTheIndexAppendsWrite() throws {
        let dir = try TemporaryDirectory()
        let native: [[UInt8]: [UInt8]]
        let before: Answers
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
            native = try subjectIndex(ledger)
            before = try answers(ledger)
        }
        try downgradeToFormat1(dir.ledger)
        var options = LedgerOptions()
        options.clock = fixedClock
        let progress = ProgressLog()
        options.rebuildProgress = { done, total in progress.add(done, total) }
        let ledger = try Ledger.open(at: dir.ledger, options: options)
        #expect(ledger.logIndex == .versioned)
        #expect(try subjectIndex(ledger) == native, "the migrated index differs from the one appends wrote")
        #expect(progress.calls.last.map { $0 == (7, 7) } == true, "\(progress.calls)")
        #expect(ledger.notes.contains(.logMigrated(path: dir.ledger, events: 7)))
        #expect(try ledger.environment.read { txn in try txn.databaseNames(limit: 64) }.contains(Layout.format1Streams) == false)
        #expect(try ledger.stats().formatVersion == Layout.formatVersion)
        #expect(ledger.notes.contains(.merkleTreeBuilt(path: dir.ledger, events: 7)))
        #expect(try answers(ledger) == before)
        #expect(try ledger.verify().isIntact)
        // Versions and expectations continue where format 1 left them.
        let result = try ledger.append([draft(stream: "g:1", expected: 3, subjects: ["p:1"]), draft(stream: "p:1", expected: 2)])
        #expect(result.outcomes == [.appended(seq: 8, version: 4), .appended(seq: 9, version: 3)])
        #expect(try indexVersion(ledger, "p:1", seq: 8) == 2)
        #expect(try ledger.verify().isIntact)
    }

    @Test func aFailureMidMigrationLeavesTheFormat1LedgerWholeAndUsable() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
        }
        try downgradeToFormat1(dir.ledger)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        var options = LedgerOptions()
        options.migrationInterruption = { seq in if seq == 5 { throw Stop() } }
        #expect(throws: Stop.self) { _ = try Ledger.open(at: dir.ledger, options: options) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == data, "the failed migration left a trace")
        let readOnly = try openReadOnly(dir.ledger)
        #expect(try readOnly.stats().formatVersion == 1)
        #expect(try readOnly.verify().isIntact)
        #expect(try readOnly.version(ofStream: "g:1") == 3)
        // The next writable open migrates it.
        let ledger = try Ledger.open(at: dir.ledger)
        #expect(try ledger.stats().formatVersion == Layout.formatVersion && ledger.verify().isIntact)
        #expect(try ledger.version(ofStream: "g:1") == 3)
    }

    @Test func aLogWhoseVersionsDoNotRunIsRefusedNamingTheEventAndLeftInFormat1() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
            // Event 6 (version 2 of p:1) made to say version 5.
            try ledger.environment.write { txn in
                var record = try #require(try txn.get(ledger.events, key: Layout.seqKey(6)))
                let text = String(decoding: record[Layout.recordHeaderBytes...], as: UTF8.self)
                #expect(text.contains(#""version":2"#))
                record = Array(record[..<Layout.recordHeaderBytes]) + Array(text.replacingOccurrences(of: #""version":2"#, with: #""version":5"#).utf8)
                try txn.put(ledger.events, key: Layout.seqKey(6), value: record)
            }
        }
        try downgradeToFormat1(dir.ledger)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        do {
            _ = try Ledger.open(at: dir.ledger)
            Issue.record("the migration went ahead")
        } catch let error as EventLogError {
            guard case .corruptRecord(let seq, _) = error else { throw error }
            #expect(seq == 6)
            #expect(error.description.contains(#"it says version 5 of stream "p:1" where 2 is due"#) && error.description.contains("left in format 1"), "\(error)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == data)
    }

    @Test func aNewerFormatIsRefusedNamingItAndLeftAlone() throws {
        let dir = try TemporaryDirectory()
        do {
            let ledger = try makeLedger(dir)
            try history(ledger)
            var version: [UInt8] = []
            Layout.appendBigEndian(4, to: &version)
            try ledger.environment.write { txn in try txn.put(ledger.meta, key: Array("formatVersion".utf8), value: version) }
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb"))
        for readOnly in [false, true] {
            var options = LedgerOptions()
            options.readOnly = readOnly
            do {
                _ = try Ledger.open(at: dir.ledger, options: options)
                Issue.record("opened format 4")
            } catch EventLogError.notALedger(_, let reason) {
                #expect(reason.contains("storage format version 4; this program reads versions 1 to 3"), "\(reason)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.ledger + "/data.mdb")) == data)
    }

    @Test(arguments: 1...6 as ClosedRange<UInt64>)
    func randomHistoriesMigrateToTheIndexAppendsWrite(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        var random = SeededGenerator(seed: seed)
        let ids = ["g:1", "g:2", "p:1", "p:2", "组:三", "u:1"]
        let native: [[UInt8]: [UInt8]]
        let before: [[UInt64]]
        do {
            let ledger = try makeLedger(dir)
            for _ in 0..<60 {
                let batch: [EventDraft] = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                    draft(stream: ids.randomElement(using: &random) ?? "g:1", subjects: ids.filter { _ in Int.random(in: 0..<3, using: &random) == 0 })
                }
                _ = try ledger.append(batch)
            }
            #expect(try ledger.verify().isIntact)
            native = try subjectIndex(ledger)
            before = try ids.map { try ledger.events(inStream: $0, fromVersion: 3, limit: 1_000).map(\.seq) }
        }
        try downgradeToFormat1(dir.ledger)
        #expect(try ids.map { try openReadOnly(dir.ledger).events(inStream: $0, fromVersion: 3, limit: 1_000).map(\.seq) } == before)
        let ledger = try Ledger.open(at: dir.ledger)
        #expect(try subjectIndex(ledger) == native)
        #expect(try ids.map { try ledger.events(inStream: $0, fromVersion: 3, limit: 1_000).map(\.seq) } == before)
    }
}

/// Progress calls, gathered from a `@Sendable` callback.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [(UInt64, UInt64)] = []
    func add(_ done: UInt64, _ total: UInt64) { lock.withLock { gathered.append((done, total)) } }
    var calls: [(UInt64, UInt64)] { lock.withLock { gathered } }
}
