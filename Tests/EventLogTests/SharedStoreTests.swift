import CanonicalJSON
import Foundation
import Testing
import TestSupport
@testable import EventLog

/// The same semantics, held against the LMDB store and the in-memory model.
@Suite("Event store semantics (LMDB and in-memory model)")
struct SharedStoreTests {
    @Test(arguments: StoreKind.allCases)
    func sequenceNumbersRunFromOneWithoutGaps(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        let first = try store.append([draft(), draft(stream: "s2")])
        let second = try store.append([draft()])
        #expect(first.outcomes == [.appended(seq: 1, version: 1), .appended(seq: 2, version: 1)])
        #expect(second.outcomes == [.appended(seq: 3, version: 2)])
        #expect(try store.events(from: 1, limit: 10).map(\.seq) == [1, 2, 3])
        #expect(try store.head().seq == 3)
    }

    /// A clock the test sets.
    final class SettableClock: @unchecked Sendable {
        private let lock = NSLock()
        private var micros: Int64
        init(_ micros: Int64) { self.micros = micros }
        func set(_ value: Int64) { lock.lock(); micros = value; lock.unlock() }
        func now() -> Timestamp { lock.lock(); defer { lock.unlock() }; return Timestamp(microsecondsSinceEpoch: micros) }
    }

    @Test(arguments: StoreKind.allCases)
    func recordedAtNeverGoesBackwards(kind: StoreKind) throws {
        let base: Int64 = 1_767_225_600_000_000
        let clock = SettableClock(base)
        let (store, _dir) = try makeStore(kind, clock: LedgerClock { clock.now() })
        _ = _dir
        clock.set(base + 5_000_000)
        _ = try store.append([draft()])
        clock.set(base + 1_000_000)                  // the clock is set back 4 seconds
        _ = try store.append([draft(), draft()])
        clock.set(base + 9_000_000)
        _ = try store.append([draft()])
        let times = try store.events(from: 1, limit: 10).map(\.recordedAt.microsecondsSinceEpoch)
        #expect(times == [base + 5_000_000, base + 5_000_000, base + 5_000_000, base + 9_000_000])
    }

    @Test(arguments: StoreKind.allCases)
    func eachHashChainsToItsPredecessor(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append([draft(), draft(), draft(stream: "x")])
        let events = try store.events(from: 1, limit: 10)
        #expect(events[0].prevHash == .genesis)
        #expect(events[1].prevHash == events[0].hash)
        #expect(events[2].prevHash == events[1].hash)
        #expect(try store.head().hash == events[2].hash)
    }

    @Test(arguments: StoreKind.allCases)
    func aStaleExpectedVersionIsRefusedWithBothVersions(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append([draft(expected: 0), draft(expected: 1)])
        do {
            _ = try store.append([draft(stream: "other"), draft(expected: 1)])
            Issue.record("a stale version was accepted")
        } catch EventLogError.versionConflict(let index, let stream, let expected, let actual) {
            #expect(index == 1 && stream == "s1" && expected == 1 && actual == 2)
        }
        // Nothing of the refused batch was stored, not even its valid first event.
        #expect(try store.head().seq == 2)
        #expect(try store.events(inStream: "other", fromVersion: 1, limit: 10).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func expectedVersionZeroMeansANewStream(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append([draft(expected: 0)])
        #expect(throws: EventLogError.self) { _ = try store.append([draft(expected: 0)]) }
    }

    @Test(arguments: StoreKind.allCases)
    func anIdempotencyKeyAppendsOnceForever(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append([draft(key: "k1")])
        _ = try store.append((0..<20).map { _ in draft(stream: "noise") })
        // Much later, with a stale expected version: still the original, not a conflict.
        let again = try store.append([draft(expected: 0, key: "k1")])
        #expect(again.outcomes == [.duplicate(originalSeq: 1)])
        #expect(try store.head().seq == 21)
        // Twice in one batch: the second is the first's duplicate.
        let twice = try store.append([draft(key: "k2"), draft(key: "k2")])
        #expect(twice.outcomes == [.appended(seq: 22, version: 2), .duplicate(originalSeq: 22)])
    }

    @Test(arguments: StoreKind.allCases)
    func anIdempotencyKeyWithOtherContentIsAConflict(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append([draft(key: "k1", data: ["amountFen": 100])])
        do {
            _ = try store.append([draft(key: "k1", data: ["amountFen": 101])])
            Issue.record("a reused key with other content was accepted")
        } catch EventLogError.idempotencyConflict(_, let key, let original, let differing) {
            #expect(key == "k1" && original == 1 && differing == ["data"])
        }
        #expect(try store.head().seq == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func readsByStreamAndSubjectAreBoundedAndOrdered(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        _ = try store.append((0..<30).map { i in draft(stream: i % 3 == 0 ? "a" : "b", subjects: i % 2 == 0 ? ["p:1", "g:1"] : ["g:1"]) })
        let streamA = try store.events(inStream: "a", fromVersion: 3, limit: 4)
        #expect(streamA.map(\.version) == [3, 4, 5, 6])
        #expect(streamA.map(\.seq) == [7, 10, 13, 16])
        let person = try store.events(forSubject: "p:1", fromSeq: 10, limit: 3)
        #expect(person.map(\.seq) == [11, 13, 15])
        #expect(try store.events(forSubject: "nobody", fromSeq: 1, limit: 3).isEmpty)
        #expect(try store.events(from: 28, limit: 100).map(\.seq) == [28, 29, 30])
    }

    @Test(arguments: StoreKind.allCases)
    func malformedDraftsAreRefusedNamingTheField(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        let cases: [(EventDraft, String)] = [
            (draft("9bad"), "type"), (draft(""), "type"), (draft("has space"), "type"),
            (draft(stream: ""), "stream"), (draft(stream: String(repeating: "s", count: 201)), "stream"),
            (draft(stream: "tab\there"), "stream"), (draft(stream: " lead"), "stream"),
            (draft(key: ""), "idempotencyKey"), (draft(subjects: ["a", "a"]), "subjects"),
            (draft(subjects: (0..<33).map { "s\($0)" }), "subjects"),
            (draft(data: ["big": .string(String(repeating: "x", count: 70_000))]), "event"),
        ]
        for (bad, field) in cases {
            do {
                _ = try store.append([draft(), bad])
                Issue.record("accepted a draft with a bad \(field)")
            } catch EventLogError.invalidEvent(let index, let reported, _) {
                #expect(index == 1)
                #expect(reported == field)
            }
        }
        var deep: JSONValue = 1
        for _ in 0..<20 { deep = .array([deep]) }
        #expect(throws: EventLogError.self) { _ = try store.append([draft(data: ["deep": deep])]) }
        #expect(throws: EventLogError.self) { _ = try store.append((0...Limits.batchEventsMax).map { _ in draft() }) }
        #expect(try store.head().seq == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func streamsAreComparedByBytesNotByUnicodeEquivalence(kind: StoreKind) throws {
        let (store, _dir) = try makeStore(kind)
        _ = _dir
        let composed = "组-\u{E9}"
        let decomposed = "组-e\u{301}"
        _ = try store.append([draft(stream: composed, expected: 0), draft(stream: decomposed, expected: 0)])
        #expect(try store.events(inStream: composed, fromVersion: 1, limit: 5).count == 1)
        #expect(try store.events(inStream: decomposed, fromVersion: 1, limit: 5).count == 1)
    }
}

@Suite("Random histories: LMDB store against the model")
struct RandomHistoryTests {
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func sameAnswersForTheSameOperations(seed: UInt64) throws {
        let (ledger, _dir1) = try makeStore(.lmdb)
        let (model, _dir2) = try makeStore(.memory)
        _ = (_dir1, _dir2)
        var random = SeededGenerator(seed: seed)
        let streams = ["g:1", "g:2", "p:1", "p:2", "组:三"]
        let subjects = ["person:1", "person:2", "group:1", "unit:1"]
        for step in 0..<150 {
            let size = Int.random(in: 1...6, using: &random)
            let batch: [EventDraft] = (0..<size).map { _ in
                let stream = streams.randomElement(using: &random) ?? "g:1"
                let expected: UInt64? = Bool.random(using: &random) ? nil : UInt64.random(in: 0...12, using: &random)
                let key: String? = Int.random(in: 0..<4, using: &random) == 0 ? "k\(Int.random(in: 0..<25, using: &random))" : nil
                let amount = Int64.random(in: 0...3, using: &random)
                let picked = subjects.filter { _ in Bool.random(using: &random) }
                return draft(stream: stream, expected: expected, key: key, subjects: picked, data: ["amountFen": .integer(amount)])
            }
            let fromLedger = Result { try ledger.append(batch) }.mapError(errorKind)
            let fromModel = Result { try model.append(batch) }.mapError(errorKind)
            #expect(fromLedger == fromModel, "seed \(seed), step \(step)")
        }
        #expect(try ledger.head() == model.head())
        #expect(try ledger.events(from: 1, limit: 10_000) == model.events(from: 1, limit: 10_000))
        for stream in streams {
            #expect(try ledger.events(inStream: stream, fromVersion: 1, limit: 10_000) == model.events(inStream: stream, fromVersion: 1, limit: 10_000))
        }
        for subject in subjects {
            #expect(try ledger.events(forSubject: subject, fromSeq: 1, limit: 10_000) == model.events(forSubject: subject, fromSeq: 1, limit: 10_000))
        }
        if let real = ledger as? Ledger {
            let report = try real.verify()
            #expect(report.isIntact, "\(report.problems)")
        }
    }
}

