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
        #expect(first.stdout.contains(#""amountFen":40000,"fundingSource":"county-finance","group":"group:a","how":"30000 fen a month for group-leader + 5000 × 2 full years served","period":"2023-05""#))
        // Installed 2022-06-01: no full year served by 2023-05-31, so no seniority yet.
        #expect(first.stdout.contains(#""amountFen":20000,"fundingSource":"county-finance","group":"group:a","how":"20000 fen a month for group-member","period":"2023-05","person":"person:member""#))
        let second = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:village", "--period", "2023-05")
        #expect(second.stdout.contains("2 holder-months were accrued already and are left as they are\nappended 0 accruals for 2023-05 under 村 (unit:village)"),
                "\(second.stdout)")
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
        #expect(june.stdout.contains("nothing for person:lead (group leader of a): yearly subsidy in the wrong month"))
        let december = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:town", "--period", "2023-12", "--dry-run")
        #expect(december.stdout.contains("would append 2 accruals for 2023-12 under 镇 (unit:town); nothing was written"), "\(december.stdout)")
        #expect(try grassroots("log", "--ledger", dir.ledger, "--subject", "person:lead", "--json").stdout.contains("subsidy.accrued") == false)
    }

    /// Jiayuguan 三(三): a committee deputy director (500 a month) who also leads a group (300) is paid the
    /// higher post once (高位取酬, 不重复享受), as subsidy.accrued version 2 naming the village; a leader with no
    /// other post is paid as before.
    @Test func aCommitteePostAndAGroupPostPayTheHigherOnce() throws {
        let jiayuguan = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident")
            .with(Scenario.elected("lead", on: "2022-03-01"))
            .with(Scenario.elected("other", group: "b", on: "2022-03-01"))
            .with(Scenario.unitNotices("2022-03-01")
                  + [#"{"type":"committee.installed","effectiveDate":"2022-03-01","data":{"unit":"unit:village","person":"person:lead","post":"committee-deputy-director","electionDay":"2022-03-01"}}"#])
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: jiayuguan.lines.joined(separator: "\n") + "\n").status == 0)
        let run = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--period", "2023-04", "--json")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""appended":2,"#), "\(run.stdout)")
        #expect(run.stdout.contains(#""amountFen":55000,"fundingSource":"county-finance","group":"unit:village","how":"50000 fen a month for committee-deputy-director + 5000 × 1 full year served","period":"2023-04","person":"person:lead""#), "\(run.stdout)")
        #expect(run.stdout.contains(#""amountFen":35000,"fundingSource":"county-finance","group":"group:b","how":"30000 fen a month for group-leader + 5000 × 1 full year served","period":"2023-04","person":"person:other""#), "\(run.stdout)")
        #expect(run.stdout.contains("the higher post pays, only: person:lead also holds committee-deputy-director of unit:village (500.00 yuan a month), which is the one paid; not group-leader of group:a (300.00 yuan)"), "\(run.stdout)")
        // The group post cannot be accrued by hand either, and the committee post accrues once.
        let byHand = try grassroots("append", "--ledger", dir.ledger, "-", stdin: Scenario.accrue("lead", period: "2023-05", fen: 35000, policy: "policy:jiayuguan-2020") + "\n")
        #expect(byHand.status == 3 && byHand.stderr.contains("the higher post pays, only"), "\(byHand.stderr)")
        let twice = #"{"type":"subsidy.accrued","schemaVersion":2,"effectiveDate":"2023-04-30","data":{"person":"person:lead","unit":"unit:village","post":"committee-deputy-director","period":"2023-04","amountFen":55000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020"}}"#
        let again = try grassroots("append", "--ledger", dir.ledger, "-", stdin: twice + "\n")
        #expect(again.status == 3 && again.stderr.contains("already accrued: person:lead's committee-deputy-director subsidy of unit:village for 2023-04"), "\(again.stderr)")
        let mismatched = #"{"type":"subsidy.accrued","schemaVersion":2,"effectiveDate":"2023-05-31","data":{"person":"person:lead","group":"group:a","post":"committee-deputy-director","period":"2023-05","amountFen":55000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020"}}"#
        let wrong = try grassroots("append", "--ledger", dir.ledger, "-", stdin: mismatched + "\n")
        #expect(wrong.status == 3 && wrong.stderr.contains("post and place do not match"), "\(wrong.stderr)")
        let person = try grassroots("person", "--ledger", dir.ledger, "person:lead", "--json").stdout
        #expect(person.contains(#"{"group":"unit:village","groupName":"村","post":"committee-deputy-director","since":"2022-03-01"}"#), "\(person)")
        #expect(try grassroots("check", "--ledger", dir.ledger).status == 0)
    }

    /// One post is paid even at equal rates (a committee member, 200, who is also a group member, 200), and the
    /// posts compared are those held in the month paid: a deputy directorship that began after April does not
    /// stop April's group-leader pay, and April's committee pay is refused as before the office began.
    @Test func theHigherPostIsJudgedForTheMonthPaidAndOncePerMonth() throws {
        let jiayuguan = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident")
            .with(Scenario.elected("lead", on: "2022-03-01"))
            .with(Scenario.elected("member", on: "2022-03-01", post: "group-member"))
            .with(Scenario.unitNotices("2022-03-01") + Scenario.unitNotices("2023-05-10")
                  + [#"{"type":"committee.installed","effectiveDate":"2023-05-10","data":{"unit":"unit:village","person":"person:lead","post":"committee-deputy-director","electionDay":"2023-05-10"}}"#,
                     #"{"type":"committee.installed","effectiveDate":"2022-03-01","data":{"unit":"unit:village","person":"person:member","post":"committee-member","electionDay":"2022-03-01"}}"#])
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: jiayuguan.lines.joined(separator: "\n") + "\n").status == 0)
        let april = Scenario.accrue("lead", period: "2023-04", fen: 35000, policy: "policy:jiayuguan-2020")
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: april + "\n").status == 0)
        let committeeApril = #"{"type":"subsidy.accrued","schemaVersion":2,"effectiveDate":"2023-04-30","data":{"person":"person:lead","unit":"unit:village","post":"committee-deputy-director","period":"2023-04","amountFen":50000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020"}}"#
        let early = try grassroots("append", "--ledger", dir.ledger, "-", stdin: committeeApril + "\n")
        #expect(early.status == 3 && early.stderr.contains("subsidy before the office began: 2023-04 ends before person:lead took office on 2023-05-10"), "\(early.stderr)")
        let june = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--period", "2023-06", "--json")
        #expect(june.stdout.contains(#""appended":2,"#), "\(june.stdout)")
        #expect(june.stdout.contains(#""group":"unit:village","how":"20000 fen a month for committee-member + 5000 × 1 full year served","period":"2023-06","person":"person:member""#), "\(june.stdout)")
        #expect(june.stdout.contains("person:member also holds committee-member of unit:village (200.00 yuan a month), which is the one paid; not group-member of group:a (200.00 yuan)"), "\(june.stdout)")
    }

    /// A leader missed for months is caught up in one run: every month still owed from --from on, skipping the
    /// one accrued by hand; a second run adds nothing; a month that has not begun is refused; the alert names
    /// the missed months until they are accrued.
    @Test func aCatchUpAccruesEveryMissedMonthOnceAndTheFutureIsRefused() throws {
        let jiayuguan = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with(Scenario.elected("lead", on: "2023-01-10"))
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let clock = ["GRASSROOTS_RECORDED_AT": "2023-06-15T02:00:00.000000Z"]
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: jiayuguan.lines.joined(separator: "\n") + "\n", environment: clock).status == 0)
        let march = Scenario.accrue("lead", period: "2023-03", fen: 30000, policy: "policy:jiayuguan-2020")
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: march + "\n", environment: clock).status == 0)
        // The alert: January, February, April, May (June has not ended on 2023-06-15).
        let alerts = try grassroots("alerts", "--ledger", dir.ledger, "--as-of", "2023-06-15", environment: clock)
        #expect(alerts.stdout.contains("[subsidy not accrued]") && alerts.stdout.contains("in 4 months the policy pays for with no subsidy accrued: 2023-01, 2023-02, 2023-04, 2023-05"),
                "\(alerts.stdout)")
        let future = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--period", "2023-07", environment: clock)
        #expect(future.status == 2 && future.stderr.contains("2023-07 has not begun: the current month is 2023-06 (Beijing time)"), "\(future.stderr)")
        let caught = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "县", "--catch-up", "--from", "2023-01", "--json", environment: clock)
        #expect(caught.status == 0, "\(caught.stderr)")
        #expect(caught.stdout.contains(#""appended":5,"#) && caught.stdout.contains(#""periods":["2023-01","2023-02","2023-03","2023-04","2023-05","2023-06"]"#), "\(caught.stdout)")
        #expect(caught.stdout.contains(#""alreadyAccrued":[{"group":"group:a","period":"2023-03","person":"person:lead","post":"group-leader"}]"#), "\(caught.stdout)")
        let again = try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--catch-up", "--from", "2023-01", "--lang", "zh", environment: clock)
        #expect(again.stdout.contains("6个人次月份此前已计提,保持不变") && again.stdout.contains("记入0笔应发补贴"), "\(again.stdout)")
        let quiet = try grassroots("alerts", "--ledger", dir.ledger, "--as-of", "2023-06-30", environment: clock)
        #expect(!quiet.stdout.contains("subsidy not accrued"), "\(quiet.stdout)")
        #expect(try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--from", "2023-01", "--period", "2023-02").status == 64)
        #expect(try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--catch-up", "--from", "2023-05", "--period", "2023-02").status == 64)
        #expect(try grassroots("payroll", "--ledger", dir.ledger, "--unit", "unit:county", "--catch-up", "--from", "1990-01", "--period", "2023-02").status == 64)
        #expect(try grassroots("check", "--ledger", dir.ledger).status == 0)
    }
}
