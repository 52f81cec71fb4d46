import Foundation
import Testing
import TestSupport

@Suite("grassroots payroll")
struct PayrollTests {
    @Test func accruesEachHolderOnceUnderThePolicyInForce() throws {
        let jiayuguan = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident")
            .with(Scenario.elected("lead", on: "2021-03-01"))
            .with(Array(Scenario.elected("member", on: "2022-06-01", post: "group-member")))
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: jiayuguan.lines.joined(separator: "\n") + "\n").status == 0)
        let first = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--period", "2023-05", "--json")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(#""appended":2,"#))
        #expect(first.stdout.contains(#""amountFen":40000,"fundingSource":"county-finance","group":"group:a","how":"30000 fen a month for group-leader + 5000 × 2 full years served""#))
        // Installed 2022-06-01: no full year served by 2023-05-31, so no seniority yet.
        #expect(first.stdout.contains(#""amountFen":20000,"fundingSource":"county-finance","group":"group:a","how":"20000 fen a month for group-member","person":"person:member""#))
        let second = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:village", "--period", "2023-05")
        #expect(second.stdout.contains("appended 0 accruals for 2023-05 under unit:village, 2 already recorded by an earlier run"))
        let other = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:nowhere", "--period", "2023-05")
        #expect(other.status == 2 && other.stderr.contains("unknown unit: unit:nowhere is not registered"))
        #expect(try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--period", "2023-13").status == 64)
    }

    @Test func aYearlyPolicyPaysInDecemberOnly() throws {
        let deqing = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", deqing: true))
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: deqing.lines.joined(separator: "\n") + "\n").status == 0)
        let june = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:town", "--period", "2023-06")
        #expect(june.stdout.contains("nothing for person:lead (group-leader of group:a): yearly subsidy in the wrong month"))
        let december = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:town", "--period", "2023-12", "--dry-run")
        #expect(december.stdout.contains("would append 2 accruals for 2023-12 under unit:town; nothing was written"), "\(december.stdout)")
        #expect(try grassroots("log", "--ledger", dir.ledger, "--subject", "person:lead", "--json").stdout.contains("subsidy.accrued") == false)
    }
}
