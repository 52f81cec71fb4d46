import Foundation
import Testing
import TestSupport

/// `grassroots template ACT` and `grassroots import FILE.csv` (issue 15 item 2): CSV with Chinese headers, rows
/// recorded all or nothing, refused rows reported by row number and written back with `--rejects`.
@Suite("CSV templates and import")
struct ImportTests {
    let recordTests = RecordTests()

    /// `RecordTests.commands` as one CSV: a column per flag any of them uses (money acts' vouchers as 凭证号), a
    /// list's items joined by ;, a byte-order mark, CRLF, and one cell in Word's curly quotes.
    static func csv() -> String {
        var header = ["事项(act)", "日期(date)"]
        var rows: [[String: String]] = []
        for command in RecordTests.commands {
            var row: [String: String] = ["事项(act)": command[0]]
            var index = 1
            while index + 1 < command.count {
                var flag = String(command[index].dropFirst(2))
                let value = command[index + 1]
                index += 2
                if flag == "voucher" { flag = "reference" }
                let column = flag == "date" ? "日期(date)" : flag
                if !header.contains(column) { header.append(column) }
                row[column] = row[column].map { $0 + ";" + value } ?? value
            }
            rows.append(row)
        }
        let lines = [header.joined(separator: ",")] + rows.map { row in
            header.map { column in
                let value = row[column] ?? ""
                if value.contains(",") { return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                return value == "土地租金" ? "“土地租金”" : value
            }.joined(separator: ",")
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test func theTemplateHasChineseHeadersForExcel() throws {
        let template = try grassroots("template", "meeting")
        #expect(template.status == 0, "\(template.stderr)")
        #expect(template.stdout.hasPrefix("\u{FEFF}事项(act),日期(date),小组(group),会议编号(meeting),事由(purpose),应到人数(eligible-adults)"), "\(template.stdout)")
        #expect(template.stdout.hasSuffix("\r\n"))
        let unknown = try grassroots("template", "ceremony")
        #expect(unknown.status == 64 && unknown.stderr.contains(#"unknown act "ceremony""#), "\(unknown.stderr)")
    }

    @Test func importedRowsEqualTheNDJSONTheyReplaceAndAReimportAddsNothing() throws {
        let dir = try TemporaryDirectory()
        let imported = try recordTests.ledger(dir, path: dir.path + "/imported")
        let file = dir.path + "/acts.csv"
        try Self.csv().write(toFile: file, atomically: true, encoding: .utf8)
        let output = try grassroots("import", "--ledger", imported, file)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("imported 10 rows of \(file) as events 7-16; 0 already recorded"), "\(output.stdout)")
        let appended = try recordTests.ledger(dir, path: dir.path + "/appended")
        #expect(try grassroots("append", "--ledger", appended, "-", stdin: RecordTests.handWritten).status == 0)
        #expect(try recordTests.acts(imported) == (try recordTests.acts(appended)))
        let again = try grassroots("import", "--ledger", imported, file)
        #expect(again.status == 0 && again.stdout.contains("nothing new") && again.stdout.contains("10 rows already recorded"), "\(again.stdout)\(again.stderr)")
        // What `record` recorded, `import` recognises, and the other way round.
        let recorded = try recordTests.record(imported, RecordTests.commands[3])
        #expect(recorded.stdout.contains("already recorded as event 10"), "\(recorded.stdout)")
        #expect(try grassroots("check", "--ledger", imported).status == 0)
    }

    @Test func aBadRowWritesNothingAndTheRejectsCanBeFixedAndImported() throws {
        let dir = try TemporaryDirectory()
        let path = try recordTests.ledger(dir)
        let before = try grassroots("export", "--ledger", path).stdout
        let file = dir.path + "/bad.csv"
        let rejects = dir.path + "/rejects.csv"
        try """
            事项,日期,小组,事由,应到人数,实到人数
            会议,2023-02-18,第三村民小组,选举小组长,131,97
            会议,2023-02-19,第三村民小组,村务,131,九十
            会议,2023-02-30,第三村民小组,村务,131,90
            会议,2023-02-21,第九村民小组,村务,131,90
            会议,2023-02-22,第三村民小组,村务,131

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let output = try grassroots("import", "--ledger", path, file, "--rejects", rejects)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        for expected in ["row 3: --attending-adults 九十: not a whole number", "row 4: --date 2023-02-30: not a calendar date",
                         #"row 5: no group is named or numbered "第九村民小组""#, "row 6: 5 cells where the header has 6",
                         "4 rows refused; nothing of \(file) was written"] {
            #expect(output.stderr.contains(expected), "\(expected): \(output.stderr)")
        }
        #expect(try grassroots("export", "--ledger", path).stdout == before)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: rejects))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        let written = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(written.hasPrefix("事项,日期,小组,事由,应到人数,实到人数,拒绝原因(rejected)\r\n会议,2023-02-19,第三村民小组,村务,131,九十,row 3:"), "\(written)")
        // The clerk fixes the rejects and imports them (their reason column is passed over), then the rest.
        let fixed = written.replacingOccurrences(of: "九十", with: "90").replacingOccurrences(of: "2023-02-30", with: "2023-02-20")
            .replacingOccurrences(of: "第九村民小组", with: "第三村民小组").replacingOccurrences(of: "村务,131,,", with: "村务,131,88,")
        try fixed.write(toFile: rejects, atomically: true, encoding: .utf8)
        let second = try grassroots("import", "--ledger", path, rejects)
        #expect(second.status == 0 && second.stdout.contains("imported 4 rows"), "\(second.stdout)\(second.stderr)")
        #expect(try grassroots("import", "--ledger", path, file).status == 2)
    }

    @Test func aRuleRefusalNamesItsRowAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = try recordTests.ledger(dir)
        let file = dir.path + "/rule.csv"
        try """
            事项(act),日期(date),小组(group),事由(purpose),应到人数(eligible-adults),实到人数(attending-adults),人员(person),职务(post),表决编号(vote)
            meeting,2023-02-18,第三村民小组,选举小组长,131,97,,,
            installation,2023-02-18,第三村民小组,,,,王秀英,小组长,vote:none

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let before = try grassroots("export", "--ledger", path).stdout
        let output = try grassroots("import", "--ledger", path, file, "--json")
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("row 3: ") && output.stderr.contains("nothing of \(file) was written"), "\(output.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
        let noAct = dir.path + "/noact.csv"
        try "日期,小组\n2023-01-01,第三村民小组\n".write(toFile: noAct, atomically: true, encoding: .utf8)
        let refused = try grassroots("import", "--ledger", path, noAct)
        #expect(refused.status == 2 && refused.stderr.contains("the rows name no act"), "\(refused.stderr)")
        let gbk = dir.path + "/gbk.csv"
        try Data([0xCA, 0xC2, 0xCF, 0xEE, 0x0A]).write(to: URL(fileURLWithPath: gbk))
        let notUTF8 = try grassroots("import", "--ledger", path, gbk)
        #expect(notUTF8.status == 2 && notUTF8.stderr.contains("not UTF-8"), "\(notUTF8.stderr)")
    }

    /// After a rule's refusal the rows left are checked again without it, so every refused row is reported (and
    /// written to --rejects), not only the first; past `Import.ruleChecksMax` re-checks the cut is said.
    @Test func everyRowTheRulesRefuseIsReportedAndTheChecksAreBounded() throws {
        let dir = try TemporaryDirectory()
        let path = try recordTests.ledger(dir)
        let header = "事项(act),日期(date),小组(group),事由(purpose),应到人数(eligible-adults),实到人数(attending-adults),人员(person),职务(post),表决编号(vote)"
        let meeting = "meeting,2023-02-18,第三村民小组,选举小组长,131,97,,,"
        func installation(_ vote: String) -> String { "installation,2023-02-18,第三村民小组,,,,王秀英,小组长,\(vote)" }
        let file = dir.path + "/two.csv"
        try ([header, meeting, installation("vote:none-1"), installation("vote:none-2")].joined(separator: "\n") + "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let before = try grassroots("export", "--ledger", path).stdout
        let rejects = dir.path + "/rejects.csv"
        let output = try grassroots("import", "--ledger", path, file, "--rejects", rejects)
        #expect(output.status == 3, "\(output.stdout)\(output.stderr)")
        #expect(output.stderr.contains("row 3: ") && output.stderr.contains("row 4: ") && !output.stderr.contains("row 2: "), "\(output.stderr)")
        #expect(output.stderr.contains("2 rows refused"), "\(output.stderr)")
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        #expect(written.contains("vote:none-1") && written.contains("vote:none-2") && !written.contains("选举小组长"), "\(written)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)

        let many = dir.path + "/many.csv"
        let refusedRows = (1...(102)).map { installation("vote:none-\($0)") }
        try ([header] + refusedRows).joined(separator: "\n").appending("\n").write(toFile: many, atomically: true, encoding: .utf8)
        let cut = try grassroots("import", "--ledger", path, many)
        #expect(cut.status == 3, "\(cut.stderr)")
        #expect(cut.stderr.contains("101 rows refused") && cut.stderr.contains("checked again 100 times") && cut.stderr.contains("from row 103 on"),
                "\(cut.stderr.suffix(600))")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
    }

    /// Two identical money rows with no voucher: refused as `record` refuses the second act (naming the row it
    /// repeats); with `--again` both are recorded, and the same file imported again with `--again` twice more.
    @Test func againRecordsIdenticalRowsDeliberately() throws {
        let dir = try TemporaryDirectory()
        let path = try recordTests.ledger(dir)
        let file = dir.path + "/twice.csv"
        let row = "fund-receipt,2023-03-01,第三村民小组,100,土地租金"
        try ["事项(act),日期(date),小组(group),金额(amount),来源(source)", row, row, ""].joined(separator: "\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let before = try grassroots("export", "--ledger", path).stdout
        let refused = try grassroots("import", "--ledger", path, file)
        #expect(refused.status != 0 && refused.stderr.contains("row 3: "), "\(refused.stdout)\(refused.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
        let first = try grassroots("import", "--ledger", path, file, "--again")
        #expect(first.status == 0 && first.stdout.contains("imported 2 rows"), "\(first.stdout)\(first.stderr)")
        let second = try grassroots("import", "--ledger", path, file, "--again")
        #expect(second.status == 0 && second.stdout.contains("imported 2 rows"), "\(second.stdout)\(second.stderr)")
        let funds = try grassroots("funds", "--ledger", path, "--group", "第三村民小组", "--json")
        #expect(funds.stdout.contains("40000"), "four receipts of 100 yuan: \(funds.stdout)")
    }
}
