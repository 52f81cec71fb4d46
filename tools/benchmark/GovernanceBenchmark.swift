import CanonicalJSON
import EventLog
import Foundation
import Governance

/// `grassroots-bench --governance [cityGroups] [years]`: import with full validation and projections,
/// rebuild, an --as-of roster query at two sizes, a departure audit, and peak memory.
enum GovernanceBenchmark {
    static func peakResidentBytes() -> Int {
        let status: String
        do {
            status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        } catch {
            print("cannot read /proc/self/status: \(error)")
            return 0
        }
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    static func build(cityGroups: Int, years: Int, label: String) throws -> (Ledger, String, Int, Double) {
        var size = DemoGenerator.Size()
        size.cityGroups = cityGroups
        size.cityCommunities = max(2, cityGroups / 4)
        size.years = years
        var generator = DemoGenerator(seed: 1, size: size)
        let requests = generator.generate()
        let drafts = try requests.map { try GovernanceRequests.draft(from: .object($0), defaultActor: "bench") }
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.clock = .fixed(Timestamp(microsecondsSinceEpoch: 1_767_225_600_000_000))
        let path = scratch("governance-\(label)")
        let ledger = try Ledger.create(at: path, options: options, ledgerID: "bench")
        let elapsed = try seconds {
            var start = 0
            while start < drafts.count {
                let end = min(start + Limits.batchEventsMax, drafts.count)
                _ = try ledger.append(Array(drafts[start..<end]))
                start = end
            }
        }
        return (ledger, path, drafts.count, elapsed)
    }

    static func medianMilliseconds(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs { times.append(try seconds(body) * 1000) }
        return times.sorted()[runs / 2]
    }

    static func run(cityGroups: Int, years: Int) throws {
        let (small, smallPath, smallEvents, _) = try build(cityGroups: 135, years: 2, label: "small")
        let smallRoster = try medianMilliseconds(21) { _ = try small.query(RosterQuery(unit: nil, group: "group:jyg-xg-c01-g1", asOf: LocalDate(iso: "2023-06-30"))) }
        let (large, largePath, largeEvents, importSeconds) = try build(cityGroups: cityGroups, years: years, label: "large")
        let peak = peakResidentBytes()
        let rebuildSeconds = try seconds { _ = try large.replay() }
        let largeRoster = try medianMilliseconds(21) { _ = try large.query(RosterQuery(unit: nil, group: "group:jyg-xg-c01-g1", asOf: LocalDate(iso: "2023-06-30"))) }
        let audit = try medianMilliseconds(5) {
            _ = try large.query(DepartureAuditQuery(person: DemoGenerator.incompleteHandoverLeader, group: DemoGenerator.incompleteHandoverGroup))
        }
        remove(smallPath)
        remove(largePath)
        print("governance: \(largeEvents) events (\(cityGroups) city groups, \(years) years); small ledger \(smallEvents) events")
        print("import with full validation and projections  \(rate(largeEvents, importSeconds))   (target >= 150000/s)")
        print("rebuild (one transaction)                    \(rate(largeEvents, rebuildSeconds))   (target >= 300000/s)")
        print("--as-of roster, one group: small \(String(format: "%.3f", smallRoster)) ms, large \(String(format: "%.3f", largeRoster)) ms, ratio \(String(format: "%.2f", largeRoster / smallRoster))   (target <= 2)")
        print("departure audit, in-process                  \(String(format: "%8.2f ms", audit))   (target < 50 ms)")
        print("peak resident memory (generation included)   \(peak / (1 << 20)) MiB   (target < 200 MiB while importing)")
    }
}

func rate(_ count: Int, _ seconds: Double) -> String { String(format: "%10.0f/s", Double(count) / seconds) }
