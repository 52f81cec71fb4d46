import Foundation
import Testing
import TestSupport

@Suite("grassroots alerts")
struct AlertsTests {
    func alerts(_ scenario: Scenario, _ extra: [String], asOf: String) throws -> [String] {
        try alertLines(scenario.lines + extra, asOf: asOf)
    }

    /// The county adopts Deqing on 2021-01-01: annual audits are owed from 2021 (2020 was under the floor).
    @Test func deqingAuditsAndHandovers() throws {
        let scenario = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2023-03-01", deqing: true))
        let found = try alerts(scenario, [
            #"{"type":"audit.completed","effectiveDate":"2024-02-01","data":{"group":"group:a","kind":"annual","periodStart":"2023-01-01","periodEnd":"2023-12-31","auditor":"镇农经站"}}"#,
            Scenario.end("lead", on: "2024-05-31", reason: "resigned"),
        ] + Scenario.elected("next", on: "2024-06-05", deqing: true) + [
            #"{"type":"handover.recorded","effectiveDate":"2024-06-20","data":{"group":"group:a","outgoing":"person:lead","incoming":"person:next","witnesses":["person:next"],"items":[],"cashFen":0,"balanceFen":0}}"#,
        ], asOf: "2025-03-01")
        #expect(found.filter { $0.contains(" (group:a): ") } == [
            "- [no annual audit] a (group:a): no annual economic-responsibility audit of group:a covers 2021; 000_19bdd15b88ce0110.txt 四(三) (policy:deqing-2023)",
            "- [no annual audit] a (group:a): no annual economic-responsibility audit of group:a covers 2022; 000_19bdd15b88ce0110.txt 四(三) (policy:deqing-2023)",
            "- [no annual audit] a (group:a): no annual economic-responsibility audit of group:a covers 2024; 000_19bdd15b88ce0110.txt 四(三) (policy:deqing-2023)",
            "- [no departure audit] a (group:a): person:lead left group-leader on 2024-05-31; no departure audit is recorded; 000_19bdd15b88ce0110.txt 四(三) (policy:deqing-2023)",
            "- [late handover] a (group:a): person:lead left on 2024-05-31 and handed over on 2024-06-20, 5 day(s) late (due within 10 days of person:next taking office on 2024-06-05); 村民委员会组织法 (2018) Art. 20 (自新一届村民委员会产生之日起十日内完成工作移交) (policy:statute-2018-village)",
            // A yearly policy pays in December: the leader's 2023 and the successor's 2024 were never accrued.
            "- [subsidy not accrued] a (group:a): person:lead held group-leader of group:a in 1 month the policy pays for with no subsidy accrued: 2023-12; `grassroots payroll --unit unit:village --catch-up --from 2023-12` accrues it; 000_19bdd15b88ce0110.txt 五(一) (居民小组长固定补贴由县财政承担; 村民小组长固定补贴由县财政承担50%, 其余50%由谁承担文件未明确) (policy:deqing-2023)",
            "- [subsidy not accrued] a (group:a): person:next held group-leader of group:a in 1 month the policy pays for with no subsidy accrued: 2024-12; `grassroots payroll --unit unit:village --catch-up --from 2024-12` accrues it; 000_19bdd15b88ce0110.txt 五(一) (居民小组长固定补贴由县财政承担; 村民小组长固定补贴由县财政承担50%, 其余50%由谁承担文件未明确) (policy:deqing-2023)",
        ])
        #expect(found.contains { $0.hasPrefix("- [no annual audit] b (group:b):") })
    }

    @Test func damaoExpensesDisclosureAndUnfitYears() throws {
        let scenario = Scenario(policy: "policy:damao-2022").with(Scenario.elected("lead", on: "2022-03-01"))
        let found = try alerts(scenario, [
            #"{"type":"disclosure.posted","effectiveDate":"2022-12-20","data":{"group":"group:a","kind":"finance","periodStart":"2022-01-01","periodEnd":"2022-12-31","balanceFen":0}}"#,
            Scenario.grade("lead", "不称职", year: 2022),
            Scenario.grade("lead", "不称职", year: 2023),
        ], asOf: "2024-03-01")
        #expect(found.contains("- [consecutive unfit years, still in office] a (group:a): person:lead was graded 不称职 for 2 consecutive years (2022-2023) and still holds group-leader; the source requires: 按程序罢免, 或由镇纪委依纪依法严肃问责; 001_6bbac2880b66cfa6.txt (五) (policy:damao-2022)"))
        #expect(found.contains("- [finance disclosure missing] a (group:a): no finance disclosure of group:a was posted between 2023-01-01 and 2023-12-31; 001_6bbac2880b66cfa6.txt (二)4 (每年至少将资金收支及结余情况向村民公示一次) (policy:damao-2022)"))
        #expect(!found.contains { $0.contains("between 2022-01-01 and 2022-12-31") && $0.contains("group:a") })
    }

    @Test func jiayuguanTermAndGroupSize() throws {
        let scenario = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with(Scenario.elected("lead", on: "2020-03-01"))
        let found = try alerts(scenario, [], asOf: "2025-03-02")
        #expect(found.contains("- [term expired] a (group:a): person:lead has held group-leader since 2020-03-01; the 5-year term expired on 2025-03-01 without an election; 002_133fd3ad279d9709.txt 三(二) (policy:jiayuguan-2020)"))
        #expect(found.contains("- [group size] a (group:a): 1 members in office; the policy expects 3 to 5; 002_133fd3ad279d9709.txt 三(二) (policy:jiayuguan-2020)"))
        #expect(found.contains("- [group size] b (group:b): 0 members in office; the policy expects 3 to 5; 002_133fd3ad279d9709.txt 三(二) (policy:jiayuguan-2020)"))
        #expect(try alerts(Scenario(policy: "policy:yaoan-2019"), [], asOf: "2020-06-01").isEmpty)
    }

    /// Art. 20: the handover is due within 10 days of the successor taking office, not of the departure: after a
    /// vacancy, day 10 after the by-election is on time and day 11 is late; while the post is vacant nothing is
    /// due under the floor, and the vacancy has its own alert (Art. 19).
    @Test func handoverClockStartsWithTheSuccessor() throws {
        let scenario = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2023-03-01", deqing: true))
        func handover(on date: String) -> String {
            #"{"type":"handover.recorded","effectiveDate":"\#(date)","data":{"group":"group:a","outgoing":"person:lead","incoming":"person:next","witnesses":["person:next"],"items":[],"cashFen":0,"balanceFen":0}}"#
        }
        let vacant = try alerts(scenario, [Scenario.end("lead", on: "2024-01-31", reason: "resigned")], asOf: "2024-04-30")
        #expect(vacant.contains("- [leader post vacant] a (group:a): group:a has had no group leader since 2024-01-31 (90 days); 村民委员会组织法 (2018) Art. 19 (a vacancy is filled by by-election); 000_19bdd15b88ce0110.txt 二(三) (缺额应及时进行补选)"))
        #expect(!vacant.contains { $0.contains("handover") })
        let byElection = [Scenario.end("lead", on: "2024-01-31", reason: "resigned")] + Scenario.elected("next", on: "2024-04-01", deqing: true)
        let onDay10 = try alerts(scenario, byElection + [handover(on: "2024-04-11")], asOf: "2024-06-30")
        #expect(!onDay10.contains { $0.contains("handover") || $0.contains("vacant") })
        let onDay11 = try alerts(scenario, byElection + [handover(on: "2024-04-12")], asOf: "2024-06-30")
        #expect(onDay11.contains("- [late handover] a (group:a): person:lead left on 2024-01-31 and handed over on 2024-04-12, 1 day(s) late (due within 10 days of person:next taking office on 2024-04-01); 村民委员会组织法 (2018) Art. 20 (自新一届村民委员会产生之日起十日内完成工作移交) (policy:statute-2018-village)"))
        let none = try alerts(scenario, byElection, asOf: "2024-04-12")
        #expect(none.contains { $0.hasPrefix("- [no handover] a (group:a): person:lead left group-leader on 2024-01-31; no handover is recorded (due within 10 days of person:next taking office on 2024-04-01)") })
        #expect(try alerts(scenario, byElection, asOf: "2024-04-11").allSatisfy { !$0.contains("handover") })
    }

    /// The statute floor's consecutive-不称职 rule is Art. 33's; under Deqing it is 四(二)'s.
    @Test func unfitYearsCiteTheGoverningSource() throws {
        let deqing = try alerts(Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2022-03-01", deqing: true)),
                                [Scenario.grade("lead", "不称职", year: 2022), Scenario.grade("lead", "不称职", year: 2023)], asOf: "2024-03-01")
        #expect(deqing.contains("- [consecutive unfit years, still in office] a (group:a): person:lead was graded 不称职 for 2 consecutive years (2022-2023) and still holds group-leader; the source requires: 连续两年考核不称职的, 应及时进行调整; 000_19bdd15b88ce0110.txt 四(二) (policy:deqing-2023)"))
        let floor = try alerts(Scenario(policy: "policy:yaoan-2019").with(Scenario.elected("lead", on: "2022-03-01")),
                               [Scenario.grade("lead", "不称职", year: 2022), Scenario.grade("lead", "称职", year: 2023)], asOf: "2024-03-01")
        #expect(!floor.contains { $0.contains("unfit") })
        let twice = try alerts(Scenario(policy: "policy:yaoan-2019").with(Scenario.elected("lead", on: "2022-03-01")),
                               [Scenario.grade("lead", "不称职", year: 2022), Scenario.grade("lead", "不称职", year: 2023)], asOf: "2024-03-01")
        #expect(twice.contains { $0.hasPrefix("- [consecutive unfit years, still in office] a (group:a): person:lead was graded 不称职 for 2 consecutive years (2022-2023) and still holds group-leader; the source requires: 职务终止 (村民委员会组织法 (2018) Art. 33: 村民委员会成员连续两次被评议不称职的, 其职务终止") && $0.hasSuffix("; 村民委员会组织法 (2018) Art. 33 (policy:statute-2018-village)") })
    }
}
