import Foundation
import Testing
import TestSupport

@Suite("grassroots demo")
struct DemoTests {
    @Test func theDemoBuildsVerifiesAndShowsTheIncompleteHandover() throws {
        let dir = try TemporaryDirectory()
        let demo = try grassroots("demo", "--ledger", dir.ledger, "--years", "3")
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("FUND GAP -500.00 yuan"))
        #expect(demo.stdout.contains("asset:dq-t3-v1-g1-2: MISSING: listed as not present at the handover"))
        #expect(try grassroots("demo", "--ledger", dir.ledger).status == 5, "the demo never overwrites a ledger")
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
        #expect(try grassroots("check", "--ledger", dir.ledger).status == 0)
        let audit = try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:dq-t3-v1-g1-1", "--group", "group:dq-t3-v1-g1", "--json")
        #expect(audit.stdout.contains(#""fundGapFen":-50000"#))
        #expect(audit.stdout.contains(#""finding":"MISSING: listed as not present at the handover""#))
        // The recall and the by-election of town 1 (third year).
        let trail = try grassroots("trail", "--ledger", dir.ledger, "--group", "group:dq-t1-v1-g1", "--json")
        for type in ["recall.petitioned", "investigation.completed", "recall.voted", "office.ended", "byelection.called"] {
            #expect(trail.stdout.contains(#""type":"\#(type)""#), "\(type) missing from the recall group's trail")
        }
        // The Damao town's unfit leader: 20% of 1200 yuan deducted for 2023, paid the rest.
        let subsidies = try grassroots("subsidies", "--ledger", dir.ledger, "--person", "person:dq-t2-v1-g3-1", "--json")
        #expect(subsidies.stdout.contains(#"{"accruedFen":{"county-finance":60000,"other":60000},"bonusFen":0,"deductedFen":24000,"paidFen":96000,"person":"person:dq-t2-v1-g3-1","personName":"梁建静","year":"2023"}"#), "\(subsidies.stdout)")
        // The missing warehouse is still with the leader who left; the pump passed at the handover.
        let assets = try grassroots("assets", "--ledger", dir.ledger, "--group", "group:dq-t3-v1-g1", "--json")
        #expect(assets.stdout.contains(#""asset":"asset:dq-t3-v1-g1-2","custodian":"person:dq-t3-v1-g1-1""#))
        #expect(assets.stdout.contains(#""asset":"asset:dq-t3-v1-g1-1","custodian":"person:dq-t3-v1-g1-2""#))
        let before = try grassroots("assets", "--ledger", dir.ledger, "--group", "group:dq-t3-v1-g1", "--as-of", "2023-01-01", "--json")
        #expect(!before.stdout.contains(#""custodian":"person:dq-t3-v1-g1-2""#))
        // A Jiayuguan-like resident group: 3-5 members in office, paid monthly.
        let roster = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:jyg-xg-c01-g1", "--json")
        let holders = roster.stdout.components(separatedBy: #""person":"#).count - 1
        #expect((3...5).contains(holders), "\(roster.stdout)")
    }

    @Test func theGeneratorIsDeterministic() throws {
        let generator = URL(fileURLWithPath: grassrootsBinary).deletingLastPathComponent().appendingPathComponent("grassroots-generate").path
        let a = try run(generator, ["--seed", "7", "--years", "2", "--city-groups", "10", "--towns", "2"])
        let b = try run(generator, ["--seed", "7", "--years", "2", "--city-groups", "10", "--towns", "2"])
        #expect(a.status == 0 && !a.stdout.isEmpty && a.stdout == b.stdout)
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: a.stdout)
        #expect(appended.status == 0, "\(appended.stderr)")
    }
}
