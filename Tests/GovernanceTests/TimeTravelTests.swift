import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance
@testable import GrassrootsDemo

/// `--at-seq N` reads the stored versions by index; it must answer exactly what the tables held right after
/// event N was appended (which `check` shows a replay rebuilds), after any later events, corrections and
/// retractions among them.
@Suite("Time travel: the tables as of event N are the tables as they stood after N")
struct TimeTravelTests {
    typealias Dump = [String: [[UInt8]: [UInt8]]]

    /// Every table's entries, as of `atSeq` (now when nil).
    static func dump(_ ledger: Ledger, atSeq: UInt64? = nil) throws -> Dump {
        try ledger.readTables(atSeq: atSeq) { tables, _ in
            var dump: Dump = [:]
            for name in GovernanceHook().tableNames {
                var entries: [[UInt8]: [UInt8]] = [:]
                try tables.scan(name, from: [], limit: 1_000_000) { key, value in
                    entries[key] = value
                    return true
                }
                dump[name] = entries
            }
            return dump
        }
    }

    static func describe(_ left: Dump, _ right: Dump) -> String {
        var lines: [String] = []
        for name in Set(left.keys).union(right.keys).sorted() {
            let l = left[name] ?? [:]
            let r = right[name] ?? [:]
            for key in Set(l.keys).union(r.keys) where l[key] != r[key] {
                lines.append("\(name) \(String(decoding: key.map { $0 < 0x20 ? UInt8(ascii: "/") : $0 }, as: UTF8.self)): \(l[key].map { String(decoding: $0, as: UTF8.self) } ?? "absent") vs \(r[key].map { String(decoding: $0, as: UTF8.self) } ?? "absent")")
                if lines.count >= 5 { return lines.joined(separator: "\n") }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// A correction (the amount 1 yuan less) or a retraction of earlier money event `seq`, as a request.
    static func undoing(_ target: RecordedEvent, correct: Bool) -> JSONObject {
        var data: JSONObject = ["subject": .string(target.stream), "reason": "录入错误"]
        if correct, let amount = target.data["amountFen"]?.integerValue {
            var replacement = target.data
            replacement.set("amountFen", .integer(max(1, amount - 100)))
            data.set("corrects", .integer(Int64(target.seq)))
            data.set("replacement", .object(replacement))
            return ["type": "event.corrected", "effectiveDate": .string(target.effectiveDate.description), "data": .object(data)]
        }
        data.set("retracts", .integer(Int64(target.seq)))
        return ["type": "event.retracted", "effectiveDate": .string(target.effectiveDate.description), "data": .object(data)]
    }

    @Test(arguments: [UInt64(3), 17])
    func asOfEveryNTheTablesAreWhatTheyWereThen(seed: UInt64) throws {
        let dir = try TemporaryDirectory()
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.clock = .fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))
        let ledger = try Ledger.create(at: dir.path + "/ledger", options: options, ledgerID: "time-travel")
        var size = CityStream.Size()
        size.groups = 6
        size.years = 2
        var stream = CityStream(seed: seed, size: size)
        var requests: [JSONObject] = []
        _ = try stream.generate { requests.append($0) }
        var random = SeededGenerator(seed: seed)
        var moneySeqs: [UInt64] = []
        var seen: [UInt64: Dump] = [:]
        var undone = 0
        var refused = 0
        for (index, request) in requests.enumerated() {
            do {
                let seq = try ledger.append([try GovernanceRequests.draft(from: .object(request), defaultActor: "test")]).headSeq
                if ["subsidy.accrued", "payment.made"].contains(request["type"]?.stringValue ?? "") { moneySeqs.append(seq) }
            } catch EventLogError.rejected {
                // The generator does not know of the corrections: a payment of what is no longer owed is refused.
                refused += 1
            }
            // Now and then, correct or retract an earlier money event (refusals leave everything as it was).
            if index % 23 == 22, !moneySeqs.isEmpty {
                let target = moneySeqs.remove(at: Int(random.next() % UInt64(moneySeqs.count)))
                if let event = try ledger.event(seq: target) {
                    let undo = TimeTravelTests.undoing(event, correct: random.next() % 2 == 0)
                    do {
                        _ = try ledger.append([try GovernanceRequests.draft(from: .object(undo), defaultActor: "test")])
                        undone += 1
                    } catch EventLogError.rejected {
                        // a later payment relies on it, say: refused, and nothing changed
                    }
                }
            }
            let head = try ledger.head().seq
            if head % 7 == 0 || index % 23 == 22 { seen[head] = try TimeTravelTests.dump(ledger) }
        }
        #expect(undone >= 5, "the history exercises corrections and retractions")
        #expect(refused < requests.count / 10)
        #expect(seen.count > 50)
        for (seq, then) in seen.sorted(by: { $0.key < $1.key }) {
            let asOf = try TimeTravelTests.dump(ledger, atSeq: seq)
            let same = asOf == then  // compared apart: a failure names the differing entries, not every table
            #expect(same, "as of event \(seq):\n\(TimeTravelTests.describe(asOf, then))")
        }
        // And the whole is what a replay rebuilds, version by version.
        #expect(try ledger.checkProjections().isConsistent)
    }
}
