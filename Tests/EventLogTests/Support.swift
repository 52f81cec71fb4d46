import CanonicalJSON
import Foundation
import Testing
import TestSupport
@testable import EventLog

let fixedClock = LedgerClock.fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))  // 2026-01-01T00:00:00Z

func date(_ text: String) -> LocalDate {
    guard let value = LocalDate(iso: text) else { preconditionFailure("bad test date \(text)") }
    return value
}

func draft(
    _ type: String = "thing.happened", stream: String = "s1", expected: UInt64? = nil, key: String? = nil,
    subjects: [String] = [], data: JSONObject = ["n": 1], on day: String = "2026-03-01"
) -> EventDraft {
    EventDraft(type: type, effectiveDate: date(day), stream: stream, expectedVersion: expected,
               idempotencyKey: key, actor: "tester", subjects: subjects, data: data)
}

/// What both the LMDB store and the in-memory model offer: the semantics under test.
protocol EventStore {
    func append(_ drafts: [EventDraft]) throws -> AppendResult
    func head() throws -> ChainHead
    func events(from: UInt64, limit: Int) throws -> [RecordedEvent]
    func events(inStream stream: String, fromVersion: UInt64, limit: Int) throws -> [RecordedEvent]
    func events(forSubject subject: String, fromSeq: UInt64, limit: Int) throws -> [RecordedEvent]
}

extension Ledger: EventStore {}

/// A deliberately simple model of the event log: arrays and a dictionary, no indexes, and canonical bytes
/// computed by the generic `CanonicalJSON.encode` rather than the store's hand-written encoder.
final class InMemoryEventLog: EventStore {
    private var stored: [RecordedEvent] = []
    private var keys: [[UInt8]: UInt64] = [:]
    let clock: LedgerClock

    init(clock: LedgerClock) { self.clock = clock }

    func append(_ drafts: [EventDraft]) throws -> AppendResult {
        guard drafts.count <= Limits.batchEventsMax else {
            throw EventLogError.batchTooLarge(count: drafts.count, max: Limits.batchEventsMax)
        }
        for (index, draft) in drafts.enumerated() { try DraftValidation.validate(draft, index: index) }
        // recordedAt never goes backwards along the chain (Schemas/CANONICAL.md).
        let recordedAt = max(clock.now(), stored.last?.recordedAt ?? Timestamp(microsecondsSinceEpoch: .min))
        var staged = stored
        var stagedKeys = keys
        var outcomes: [AppendOutcome] = []
        for (index, draft) in drafts.enumerated() {
            if let key = draft.idempotencyKey, let original = stagedKeys[Array(key.utf8)] {
                let differing = draft.sameContent(as: staged[Int(original) - 1])
                guard differing.isEmpty else {
                    throw EventLogError.idempotencyConflict(index: index, key: key, originalSeq: original, differing: differing)
                }
                outcomes.append(.duplicate(originalSeq: original))
                continue
            }
            let current = UInt64(staged.filter { $0.stream.utf8.elementsEqual(draft.stream.utf8) }.count)
            if let expected = draft.expectedVersion, expected != current {
                throw EventLogError.versionConflict(index: index, stream: draft.stream, expected: expected, actual: current)
            }
            let seq = UInt64(staged.count + 1)
            let prevHash = staged.last?.hash ?? .genesis
            let unhashed = RecordedEvent(
                seq: seq, stream: draft.stream, version: current + 1, type: draft.type, schemaVersion: draft.schemaVersion,
                effectiveDate: draft.effectiveDate, recordedAt: recordedAt, actor: draft.actor,
                idempotencyKey: draft.idempotencyKey, subjects: draft.subjects, data: draft.data,
                prevHash: prevHash, hash: .genesis)
            let canonical = CanonicalJSON.encode(unhashed.canonicalObject)
            guard canonical.count <= Limits.eventBytesMax else {
                throw EventLogError.invalidEvent(index: index, field: "event", reason: "\(canonical.count) canonical bytes exceed the limit of \(Limits.eventBytesMax)")
            }
            let digest = prevHash.bytes.withUnsafeBytes { previous in
                canonical.withUnsafeBytes { Envelope.chainHash(previous: previous, canonical: $0) }
            }
            staged.append(RecordedEvent(
                seq: seq, stream: unhashed.stream, version: unhashed.version, type: unhashed.type,
                schemaVersion: unhashed.schemaVersion, effectiveDate: unhashed.effectiveDate, recordedAt: recordedAt,
                actor: unhashed.actor, idempotencyKey: unhashed.idempotencyKey, subjects: unhashed.subjects,
                data: unhashed.data, prevHash: prevHash, hash: Hash(unchecked: Array(digest))))
            if let key = draft.idempotencyKey { stagedKeys[Array(key.utf8)] = seq }
            outcomes.append(.appended(seq: seq, version: current + 1))
        }
        stored = staged
        keys = stagedKeys
        return AppendResult(outcomes: outcomes, headSeq: UInt64(stored.count))
    }

    func head() throws -> ChainHead {
        ChainHead(seq: UInt64(stored.count), hash: stored.last?.hash ?? .genesis)
    }

    func events(from: UInt64, limit: Int) throws -> [RecordedEvent] {
        Array(stored.filter { $0.seq >= from }.prefix(min(limit, Limits.readEventsMax)))
    }

    func events(inStream stream: String, fromVersion: UInt64, limit: Int) throws -> [RecordedEvent] {
        Array(stored.filter { $0.stream.utf8.elementsEqual(stream.utf8) && $0.version >= fromVersion }.prefix(min(limit, Limits.readEventsMax)))
    }

    func events(forSubject subject: String, fromSeq: UInt64, limit: Int) throws -> [RecordedEvent] {
        Array(stored.filter { $0.seq >= fromSeq && $0.subjects.contains { $0.utf8.elementsEqual(subject.utf8) } }.prefix(min(limit, Limits.readEventsMax)))
    }
}

enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case lmdb, memory
    var testDescription: String { rawValue }
}

/// A store of the given kind, with the directory that must outlive it.
func makeStore(_ kind: StoreKind, clock: LedgerClock = fixedClock) throws -> (any EventStore, TemporaryDirectory) {
    let dir = try TemporaryDirectory()
    switch kind {
    case .lmdb:
        var options = LedgerOptions()
        options.clock = clock
        options.mapSizeInitialBytes = 1 << 20
        return (try Ledger.create(at: dir.path + "/ledger", options: options, ledgerID: "test"), dir)
    case .memory:
        return (InMemoryEventLog(clock: clock), dir)
    }
}

/// A comparable summary of an error, so the two stores can be held to the same answers.
struct ErrorSummary: Error, Equatable {
    let text: String
}

func errorKind(_ error: any Error) -> ErrorSummary {
    if let error = error as? EventLogError { return ErrorSummary(text: error.description) }
    return ErrorSummary(text: "other: \(error)")
}

