import Foundation
import Testing
import TestSupport

@Suite("grassroots audit departure")
struct DepartureAuditTests {
    @Test func anIncompleteHandoverShowsTheMissingAssetAndTheFundGap() throws {
        let scenario = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2021-03-01", deqing: true) + [Scenario.person("next"), Scenario.person("witness")])
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let history = scenario.lines + [
            #"{"type":"fund.received","effectiveDate":"2020-06-01","data":{"group":"group:a","amountFen":100000,"source":"上年结余"}}"#,
            #"{"type":"asset.registered","effectiveDate":"2021-04-01","data":{"group":"group:a","asset":"asset:pump","kind":"equipment","description":"抽水机","valueFen":150000,"custodian":"person:lead"}}"#,
            #"{"type":"asset.registered","effectiveDate":"2021-04-01","data":{"group":"group:a","asset":"asset:shed","kind":"building","description":"仓库","valueFen":800000,"custodian":"person:lead"}}"#,
            #"{"type":"fund.received","effectiveDate":"2022-03-01","data":{"group":"group:a","amountFen":500000,"source":"土地租金"}}"#,
            #"{"type":"expense.paid","effectiveDate":"2022-05-01","data":{"group":"group:a","amountFen":200000,"payee":"修路施工队"}}"#,
            Scenario.grade("lead", "称职", year: 2022),
            Scenario.end("lead", on: "2023-12-31", reason: "term-expired"),
            #"{"type":"handover.recorded","effectiveDate":"2024-01-05","data":{"group":"group:a","outgoing":"person:lead","incoming":"person:next","witnesses":["person:witness"],"items":[{"asset":"asset:pump","present":true,"valueFen":120000}],"cashFen":0,"balanceFen":350000}}"#,
        ]
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: history.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        let out = dir.path + "/audit.md"
        let report = try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:lead", "--group", "group:a", "--out", out)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        for expected in [
            "Tenure: 2021-03-01 to 2023-12-31",
            "- group-leader from 2021-03-01 to 2023-12-31 (term-expired)",
            "- 2022: 称职",
            "- opening balance on 2021-03-01: 1000.00 yuan",
            "receipt 5000.00 yuan, 土地租金",
            "expense 2000.00 yuan, 修路施工队 — **UNAPPROVED**",
            "- closing balance: 4000.00 yuan",
            "**FUND GAP: -500.00 yuan against the ledger's 4000.00**",
            "- asset:pump: registered 1500.00 yuan, held — **VALUE MISMATCH: counted 120000 fen, registered 150000 fen**",
            "- asset:shed: registered 8000.00 yuan, held — **MISSING from the handover record**",
            "chain verified up to seq",
        ] {
            #expect(report.stdout.contains(expected), "missing «\(expected)» in\n\(report.stdout)")
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == report.stdout)
        let json = try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:lead", "--group", "group:a", "--json")
        #expect(json.stdout.contains(#""fundGapFen":-50000"#))
        #expect(json.stdout.contains(#""finding":"MISSING from the handover record""#))
        #expect(try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:next", "--group", "group:a").status == 2)
    }
}
