import Foundation
import Testing
import TestSupport
@testable import EventLog

/// A recorded time asked for from outside (the CLI's `GRASSROOTS_RECORDED_AT`) is the ledger's clock only on
/// a test-clock ledger, or where the scope is every ledger (the CLI's debug build, for the test suite). The
/// CLI's release build sets `.testClockLedgersOnly`: these tests hold that rule at the ledger's level.
@Suite("Recorded time is the ledger's clock")
struct RecordedClockTests {
    static let far = Timestamp(iso: "2099-01-01T00:00:00.000000Z") ?? Timestamp(microsecondsSinceEpoch: 0)

    func options(scope: RequestedClockScope, testClock: Bool = false) -> LedgerOptions {
        var options = LedgerOptions()
        options.requestedRecordedAt = RecordedClockTests.far
        options.requestedRecordedAtScope = scope
        options.testClock = testClock
        return options
    }

    @Test func aLedgerMadeWithoutTestClockIgnoresTheRequestedTime() throws {
        let dir = try TemporaryDirectory()
        let before = Timestamp.now()
        let ledger = try Ledger.create(at: dir.ledger, options: options(scope: .testClockLedgersOnly), ledgerID: "real")
        _ = try ledger.append([draft()])
        let recorded = try #require(try ledger.event(seq: 1)).recordedAt
        #expect(recorded != RecordedClockTests.far && recorded >= before && recorded <= Timestamp.now(), "\(recorded)")
        let stats = try ledger.stats()
        let report = try ledger.verify()
        #expect(!ledger.isTestClock && !stats.testClock && !report.testClock)
        // Reopened with the same options: still the system clock.
        let reopened = try Ledger.open(at: dir.ledger, options: options(scope: .testClockLedgersOnly))
        _ = try reopened.append([draft()])
        #expect(try #require(try reopened.event(seq: 2)).recordedAt != RecordedClockTests.far)
    }

    @Test func aTestClockLedgerKeepsTheRequestedTimeAndSaysSo() throws {
        let dir = try TemporaryDirectory()
        let ledger = try Ledger.create(at: dir.ledger, options: options(scope: .testClockLedgersOnly, testClock: true), ledgerID: "test")
        _ = try ledger.append([draft()])
        #expect(try #require(try ledger.event(seq: 1)).recordedAt == RecordedClockTests.far)
        // The mark is stored: a later open (without asking for a test clock) finds it.
        let reopened = try Ledger.open(at: dir.ledger, options: options(scope: .testClockLedgersOnly))
        let stats = try reopened.stats()
        let report = try reopened.verify()
        #expect(reopened.isTestClock && stats.testClock && report.testClock)
        _ = try reopened.append([draft()])
        #expect(try #require(try reopened.event(seq: 2)).recordedAt == RecordedClockTests.far)
    }

    @Test func everyLedgerHonoursTheRequestedTimeInTheDebugScope() throws {
        let dir = try TemporaryDirectory()
        let ledger = try Ledger.create(at: dir.ledger, options: options(scope: .everyLedger), ledgerID: "debug")
        _ = try ledger.append([draft()])
        #expect(try #require(try ledger.event(seq: 1)).recordedAt == RecordedClockTests.far)
        #expect(!ledger.isTestClock)
    }
}
