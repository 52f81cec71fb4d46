import Foundation
import Testing
import TestSupport

@Suite("grassroots queries: roster, person, funds, trail; --as-of and --at-seq")
struct QueryTests {
    /// The sample history (14 events) and five more: a receipt (15), an unapproved expense (16), a grade (17),
    /// the leader's resignation (18) and a retraction of the expense (19).
    func ledger() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, repositoryRoot + "/tools/sample-events.ndjson").status == 0)
        let more = """
            {"type":"fund.received","effectiveDate":"2023-04-01","data":{"group":"group:lh-03","amountFen":500000,"source":"土地租金"}}
            {"type":"expense.paid","effectiveDate":"2023-05-10","data":{"group":"group:lh-03","amountFen":120000,"payee":"施工队"}}
            {"type":"grade.assigned","effectiveDate":"2024-01-15","data":{"person":"person:p-0001","group":"group:lh-03","year":2023,"grade":"称职","assessedBy":"unit:deqing-wukang"}}
            {"type":"office.ended","effectiveDate":"2024-03-01","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","reason":"resigned"}}
            {"type":"event.retracted","effectiveDate":"2024-03-10","data":{"retracts":16,"subject":"group:lh-03","reason":"重复录入"}}

            """
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: more)
        #expect(appended.status == 0, "\(appended.stderr)")
        return dir
    }

    @Test func rosterNowOnADateAndAsRecordedThen() throws {
        let dir = try ledger()
        #expect(try grassroots("roster", "--ledger", dir.ledger, "--unit", "unit:deqing", "--json").stdout
                == #"[{"group":"group:lh-03","groupName":"第三村民小组","post":"group-leader","vacantSince":"2024-03-01"},{"group":"group:lh-03","groupName":"第三村民小组","person":"person:p-0001","post":"representative","since":"2023-01-10"}]"# + "\n")
        #expect(try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--as-of", "2023-06-01", "--json").stdout
                == #"[{"group":"group:lh-03","groupName":"第三村民小组","person":"person:p-0001","post":"group-leader","since":"2023-02-18"}]"# + "\n")
        // Right after event 11 (the vote), nobody had been installed yet.
        #expect(try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--at-seq", "11", "--json").stdout
                == #"[{"group":"group:lh-03","groupName":"第三村民小组","post":"group-leader","vacantSince":"2023-01-10"}]"# + "\n")
        // As recorded up to event 17, the leader was still in office (the resignation came later).
        #expect(try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--at-seq", "17", "--json").stdout.contains(#""person":"person:p-0001""#))
        let table = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03")
        #expect(table.stdout.hasSuffix("第三村民小组 (group:lh-03)  group leader  VACANT  vacant since 2024-03-01\n"), "\(table.stdout)")
        #expect(try grassroots("roster", "--ledger", dir.ledger, "--group", "group:nowhere").status == 2)
        let beyond = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:lh-03", "--at-seq", "99")
        #expect(beyond.status == 2 && beyond.stderr.contains("the ledger holds 19 events; there is no event 99 to stand after"))
    }

    @Test func personFundsAndTrail() throws {
        let dir = try ledger()
        let person = try grassroots("person", "--ledger", dir.ledger, "person:p-0001", "--json")
        #expect(person.stdout == #"{"discipline":[],"grades":[{"grade":"称职","group":"group:lh-03","year":"2023"}],"owedFen":60000,"person":"person:p-0001","posts":[{"group":"group:lh-03","groupName":"第三村民小组","post":"group-leader","reason":"resigned","since":"2023-02-18","until":"2024-03-01"}]}"# + "\n")
        let early = try grassroots("person", "--ledger", dir.ledger, "person:p-0001", "--as-of", "2023-12-01", "--json")
        #expect(early.stdout.contains(#""posts":[{"group":"group:lh-03","groupName":"第三村民小组","post":"group-leader","since":"2023-02-18"}]"#))
        #expect(early.stdout.contains(#""grades":[]"#))
        // The retracted expense no longer counts; before the retraction (event 16) it did, unapproved.
        let funds = try grassroots("funds", "--ledger", dir.ledger, "--group", "group:lh-03")
        #expect(funds.stdout.hasSuffix("receipts 5,000.00 yuan, expenses 0.00 yuan, balance 5,000.00 yuan\n"), "\(funds.stdout)")
        let before = try grassroots("funds", "--ledger", dir.ledger, "--group", "group:lh-03", "--at-seq", "18")
        #expect(before.stdout.contains("NONE (unapproved)"))
        #expect(before.stdout.hasSuffix("receipts 5,000.00 yuan, expenses 1,200.00 yuan, balance 3,800.00 yuan; 1 expense(s) without approval\n"), "\(before.stdout)")
        let trail = try grassroots("trail", "--ledger", dir.ledger, "--group", "group:lh-03", "--json")
        let lines = trail.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains(#""seq":16,"#) && $0.contains(#""status":"retracted","statusBy":19"#) })
        #expect(lines.contains { $0.contains(#""seq":19,"#) })
        let ranged = try grassroots("trail", "--ledger", dir.ledger, "--person", "person:p-0001", "--from", "2024-01-01", "--to", "2024-02-01", "--json")
        #expect(ranged.stdout.contains("grade.assigned") && !ranged.stdout.contains("office.ended"))
        #expect(try grassroots("check", "--ledger", dir.ledger).status == 0)
    }

    /// `--at-seq N` answers equal a ledger that holds only events 1...N.
    @Test func atSeqEqualsAReplayUpToN() throws {
        let dir = try ledger()
        let export = try grassroots("export", "--ledger", dir.ledger).stdout.split(separator: "\n")
        for n in [11, 14, 17, 18] {
            let partial = try TemporaryDirectory()
            try grassroots("init", "--ledger", partial.ledger)
            // Re-append the first n events as requests (type, date, data, actor), in order.
            let requests = export.prefix(n).map { line -> String in
                let type = String(line.firstMatch(of: /"type":"([^"]+)"/)?.1 ?? "")
                let date = String(line.firstMatch(of: /"effectiveDate":"([^"]+)"/)?.1 ?? "")
                let data = String(line.firstMatch(of: /"data":(\{.*?\}),"effectiveDate"/)?.1 ?? "{}")
                return #"{"type":"\#(type)","effectiveDate":"\#(date)","data":\#(data)}"#
            }.joined(separator: "\n") + "\n"
            let replayed = try grassroots("append", "--ledger", partial.ledger, "-", stdin: requests)
            #expect(replayed.status == 0, "n=\(n): \(replayed.stderr)")
            for arguments in [["roster", "--group", "group:lh-03"], ["person", "person:p-0001"], ["funds", "--group", "group:lh-03"]] {
                let atSeq = try run(grassrootsBinary, arguments + ["--ledger", dir.ledger, "--at-seq", String(n), "--json"])
                let upToN = try run(grassrootsBinary, arguments + ["--ledger", partial.ledger, "--json"])
                #expect(atSeq.stdout == upToN.stdout, "n=\(n) \(arguments[0])")
            }
        }
    }
}
