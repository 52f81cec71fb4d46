import Foundation
import Testing
import TestSupport

/// `grassroots record ACT --flag value ...` and `grassroots correct SEQ --set ...` (issue 15 item 1): acts recorded
/// without JSON, equal to the NDJSON they replace; idempotent re-runs; vouchers and --again; corrections by field;
/// bad input refused with nothing written.
@Suite("Recording without JSON")
struct RecordTests {
    /// A village, a group, two persons of one name (张伟) and one of another (王秀英), two persons without names.
    static let registers = """
        {"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:wk-lianhe","name":"联合村","level":"village"}}
        {"type":"group.registered","effectiveDate":"2023-01-10","data":{"group":"group:lh-03","unit":"unit:wk-lianhe","name":"第三村民小组","kind":"village","households":46,"adults":131}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0001","name":"王秀英","birthDate":"1972-05-14","sex":"F","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0002","name":"张伟","birthDate":"1980-03-02","sex":"M","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0003","name":"张伟","birthDate":"1990-07-21","sex":"M","group":"group:lh-03","votingRights":true}}
        {"type":"person.registered","effectiveDate":"2023-01-10","data":{"person":"person:p-0004","birthDate":"1966-11-30","sex":"F","group":"group:lh-03","votingRights":true}}

        """

    /// The acts recorded in `recordEveryAct`, as hand-written NDJSON with the ids `record` makes.
    static let handWritten = """
        {"type":"meeting.held","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","meeting":"meeting:lh-03-2023-02-18","purpose":"选举小组长","eligibleAdults":131,"attendingAdults":97}}
        {"type":"vote.tallied","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","vote":"vote:lh-03-2023-02-18-election","meeting":"meeting:lh-03-2023-02-18","question":"election","ballotsCast":97,"candidates":[{"person":"person:p-0001","votes":71},{"person":"person:p-0004","votes":20}]}}
        {"type":"leader.installed","effectiveDate":"2023-02-18","data":{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","vote":"vote:lh-03-2023-02-18-election"}}
        {"type":"fund.received","effectiveDate":"2023-03-01","data":{"group":"group:lh-03","amountFen":120050,"source":"土地租金","reference":"记-2023-03-001"}}
        {"type":"asset.registered","effectiveDate":"2023-03-02","data":{"group":"group:lh-03","asset":"asset:lh-03-2023-03-02-equipment","kind":"equipment","description":"抽水泵","valueFen":350000,"custodian":"person:p-0001"}}
        {"type":"meeting.held","effectiveDate":"2023-04-10","data":{"group":"group:lh-03","meeting":"meeting:lh-03-2023-04-10","purpose":"修路支出","eligibleAdults":131,"attendingAdults":90}}
        {"type":"vote.tallied","effectiveDate":"2023-04-10","data":{"group":"group:lh-03","vote":"vote:lh-03-2023-04-10-expense","meeting":"meeting:lh-03-2023-04-10","question":"expense","ballotsCast":90,"yes":80,"no":10}}
        {"type":"expense.approved","effectiveDate":"2023-04-10","data":{"group":"group:lh-03","approval":"approval:lh-03-2023-04-10","vote":"vote:lh-03-2023-04-10-expense","amountFen":80000,"purpose":"修路"}}
        {"type":"disclosure.posted","effectiveDate":"2023-07-01","data":{"group":"group:lh-03","kind":"finance","periodStart":"2023-01-01","periodEnd":"2023-06-30","balanceFen":120050}}
        {"type":"grade.assigned","effectiveDate":"2023-12-31","data":{"person":"person:p-0001","group":"group:lh-03","year":2023,"grade":"称职","assessedBy":"unit:wk-lianhe"}}

        """

    /// The same acts as `handWritten`, as a clerk types them.
    static let commands: [[String]] = [
        ["meeting", "--group", "第三村民小组", "--date", "2023-02-18", "--purpose", "选举小组长", "--eligible-adults", "131", "--attending-adults", "97"],
        ["vote", "--group", "第三村民小组", "--date", "2023-02-18", "--question", "election", "--ballots-cast", "97",
         "--candidate", "王秀英=71", "--candidate", "person=person:p-0004,votes=20"],
        ["installation", "--group", "第三村民小组", "--date", "2023-02-18", "--person", "王秀英", "--post", "小组长"],
        ["fund-receipt", "--group", "第三村民小组", "--date", "2023-03-01", "--amount", "1200.50", "--source", "土地租金", "--voucher", "记-2023-03-001"],
        ["asset", "--group", "group:lh-03", "--date", "2023-03-02", "--kind", "equipment", "--description", "抽水泵", "--value", "3500", "--custodian", "王秀英"],
        ["meeting", "--group", "第三村民小组", "--date", "2023-04-10", "--purpose", "修路支出", "--eligible-adults", "131", "--attending-adults", "90"],
        ["vote", "--group", "第三村民小组", "--date", "2023-04-10", "--question", "expense", "--ballots-cast", "90", "--yes", "80", "--no", "10"],
        ["expense-approval", "--group", "第三村民小组", "--date", "2023-04-10", "--amount", "800", "--purpose", "修路"],
        ["disclosure", "--group", "第三村民小组", "--date", "2023-07-01", "--kind", "finance", "--period-start", "2023-01-01",
         "--period-end", "2023-06-30", "--balance", "1200.5"],
        ["grade", "--person", "王秀英", "--group", "第三村民小组", "--date", "2023-12-31", "--year", "2023", "--grade", "称职", "--assessed-by", "联合村"],
    ]

    func ledger(_ dir: TemporaryDirectory, path: String? = nil) throws -> String {
        let ledger = path ?? dir.ledger
        #expect(try grassroots("init", "--ledger", ledger).status == 0)
        let appended = try grassroots("append", "--ledger", ledger, "-", stdin: Self.registers)
        #expect(appended.status == 0, "\(appended.stderr)")
        return ledger
    }

    @discardableResult
    func record(_ ledger: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try run(grassrootsBinary, ["record", "--ledger", ledger] + arguments, environment: environment)
    }

    /// The exported events after the registers, without what the log assigns and the key.
    func acts(_ ledger: String) throws -> [[String: String]] {
        let export = try grassroots("export", "--ledger", ledger, "--from", "7")
        #expect(export.status == 0, "\(export.stderr)")
        return try export.stdout.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var kept: [String: String] = [:]
            for key in ["type", "schemaVersion", "effectiveDate", "stream", "subjects", "data", "actor"] {
                let value = try #require(object[key], "\(key) in \(line)")
                kept[key] = String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
            }
            return kept
        }
    }

    @Test func recordedActsEqualTheNDJSONTheyReplace() throws {
        let dir = try TemporaryDirectory()
        let recorded = try ledger(dir, path: dir.path + "/recorded")
        for command in Self.commands {
            let output = try record(recorded, command)
            #expect(output.status == 0, "\(command): \(output.stderr)")
            #expect(output.stdout.contains("recorded "), "\(output.stdout)")
        }
        let appended = try ledger(dir, path: dir.path + "/appended")
        let output = try grassroots("append", "--ledger", appended, "-", stdin: Self.handWritten)
        #expect(output.status == 0, "\(output.stderr)")
        let mine = try acts(recorded)
        #expect(mine.count == 10)
        #expect(mine == (try acts(appended)))
        // Every recorded act has a key derived from its content; the hand-written ones have none.
        let log = try grassroots("export", "--ledger", recorded, "--from", "7")
        #expect(log.stdout.components(separatedBy: #""idempotencyKey":"rec:"#).count == 11, "\(log.stdout)")
        #expect(try grassroots("check", "--ledger", recorded).status == 0)
    }

    @Test func runningTheSameCommandTwiceRecordsOnce() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let first = try record(path, Self.commands[0])
        #expect(first.status == 0 && first.stdout.contains("as event 7"), "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("meeting: meeting:lh-03-2023-02-18"), "\(first.stdout)")
        let second = try record(path, Self.commands[0] + ["--json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains(#""outcome":"already-recorded""#) && second.stdout.contains(#""seq":7"#), "\(second.stdout)")
        let zh = try record(path, Self.commands[0], environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.status == 0 && zh.stdout.contains("已于第7号事件记录"), "\(zh.stdout)")
        // Another meeting of the group that day gets the next id; its re-run is recognised too.
        let other = Self.commands[0].map { $0 == "选举小组长" ? "村务讨论" : $0 }
        let third = try record(path, other)
        #expect(third.status == 0 && third.stdout.contains("meeting:lh-03-2023-02-18-2"), "\(third.stdout)\(third.stderr)")
        #expect(third.stdout.contains("meeting:lh-03-2023-02-18 is another act's"), "\(third.stdout)")
        let fourth = try record(path, other)
        #expect(fourth.status == 0 && fourth.stdout.contains("already recorded as event 8"), "\(fourth.stdout)")
        let log = try grassroots("log", "--ledger", path, "--json")
        #expect(log.stdout.split(separator: "\n").count == 8, "\(log.stdout)")
    }

    @Test func aMoneyActWithoutAVoucherIsRefusedWhenIdenticalAndAgainRecordsIt() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let receipt = ["fund-receipt", "--group", "第三村民小组", "--date", "2023-03-01", "--amount", "500", "--source", "卖树收入"]
        #expect(try record(path, receipt).status == 0)
        let identical = try record(path, receipt)
        #expect(identical.status == 3, "\(identical.stdout)\(identical.stderr)")
        #expect(identical.stderr.contains("already recorded as event 7") && identical.stderr.contains("--voucher"), "\(identical.stderr)")
        let again = try record(path, receipt + ["--again"])
        #expect(again.status == 0 && again.stdout.contains("as event 8") && again.stdout.contains("/again-2"), "\(again.stdout)\(again.stderr)")
        let thrice = try record(path, receipt + ["--again", "--json"])
        #expect(thrice.stdout.contains(#""again":3"#) && thrice.stdout.contains(#""seq":9"#), "\(thrice.stdout)")
        // With a voucher: a re-run records nothing and exits 0; another voucher is another receipt.
        let voucher = receipt + ["--voucher", "记-001"]
        #expect(try record(path, voucher).stdout.contains("as event 10"))
        let rerun = try record(path, voucher)
        #expect(rerun.status == 0 && rerun.stdout.contains("already recorded as event 10"), "\(rerun.stdout)\(rerun.stderr)")
        #expect(try record(path, receipt + ["--voucher", "记-002"]).stdout.contains("as event 11"))
        // A voucher on an act that has none is a usage error.
        let noVoucher = try record(path, Self.commands[0] + ["--voucher", "x"])
        #expect(noVoucher.status == 64 && noVoucher.stderr.contains("--voucher is for money acts"), "\(noVoucher.stderr)")
        #expect(try grassroots("check", "--ledger", path).status == 0)
    }

    @Test func correctBuildsTheReplacementFromTheOriginal() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        #expect(try record(path, Self.commands[3]).status == 0)
        let corrected = try grassroots("correct", "7", "--ledger", path, "--set", "amount=1300", "--set", "source=土地租金(一季度)",
                                       "--reason", "金额录错", "--date", "2023-03-05")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(corrected.stdout.contains("amount: 1,200.50 yuan → 1,300.00 yuan"), "\(corrected.stdout)")
        #expect(corrected.stdout.contains("source: 土地租金 → 土地租金(一季度)") && corrected.stdout.contains("as event 8"), "\(corrected.stdout)")
        let export = try grassroots("export", "--ledger", path, "--from", "8").stdout
        #expect(export.contains(#""replacement":{"amountFen":130000,"group":"group:lh-03","reference":"记-2023-03-001","source":"土地租金(一季度)"}"#), "\(export)")
        #expect(export.contains(#""corrects":8"#) == false && export.contains(#""corrects":7"#) && export.contains(#""subject":"group:lh-03""#))
        // The same correction again: recorded already.
        let again = try grassroots("correct", "7", "--ledger", path, "--set", "amount=1300", "--set", "source=土地租金(一季度)",
                                   "--reason", "金额录错", "--date", "2023-03-05")
        #expect(again.status == 0 && again.stdout.contains("already recorded as event 8"), "\(again.stdout)\(again.stderr)")
        #expect(try grassroots("check", "--ledger", path).status == 0)
    }

    /// A list is corrected whole, one `--set` per item as `record` repeats its flag; names resolve as there.
    @Test func correctSetsAListWholeItemByItem() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        #expect(try record(path, Self.commands[0]).status == 0)
        #expect(try record(path, Self.commands[1]).status == 0)
        let before = try grassroots("export", "--ledger", path).stdout
        let bad = try grassroots("correct", "8", "--ledger", path, "--set", "candidate=王秀英=72", "--set", "candidate=person:p-0004=many", "--reason", "r")
        #expect(bad.status == 2 && bad.stderr.contains("candidate"), "an item's votes must be a number: \(bad.stdout)\(bad.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
        let corrected = try grassroots("correct", "8", "--ledger", path, "--set", "candidate=王秀英=72", "--set", "candidate=person=person:p-0004,votes=19",
                                       "--reason", "唱票录错", "--date", "2023-02-19")
        #expect(corrected.status == 0, "\(corrected.stdout)\(corrected.stderr)")
        #expect(corrected.stdout.contains("candidate: ") && corrected.stdout.contains("as event 9"), "\(corrected.stdout)")
        let export = try grassroots("export", "--ledger", path, "--from", "9").stdout
        #expect(export.contains(#""votes":72"#) && export.contains(#""votes":19"#) && !export.contains(#""votes":71"#), "\(export)")
    }

    @Test func correctRefusesUnknownFieldsAndNoOps() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        #expect(try record(path, Self.commands[3]).status == 0)
        let before = try grassroots("export", "--ledger", path).stdout
        let unknown = try grassroots("correct", "7", "--ledger", path, "--set", "payee=x", "--reason", "r")
        #expect(unknown.status == 2 && unknown.stderr.contains(#"has no field "payee"; its fields: group, amount, source, reference"#), "\(unknown.stderr)")
        let same = try grassroots("correct", "7", "--ledger", path, "--set", "amount=1200.50", "--reason", "r")
        #expect(same.status == 2 && same.stderr.contains("changes nothing"), "\(same.stderr)")
        let badMoney = try grassroots("correct", "7", "--ledger", path, "--set", "amount=12.345", "--reason", "r")
        #expect(badMoney.status == 2 && badMoney.stderr.contains("at most 2 decimal places"), "\(badMoney.stderr)")
        let syntax = try grassroots("correct", "7", "--ledger", path, "--set", "amount", "--reason", "r")
        #expect(syntax.status == 64, "\(syntax.stderr)")
        let missing = try grassroots("correct", "99", "--ledger", path, "--set", "amount=1", "--reason", "r")
        #expect(missing.status == 2 && missing.stderr.contains("there is no event 99"), "\(missing.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
    }

    @Test func badInputIsRefusedClearlyAndNothingIsWritten() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let before = try grassroots("export", "--ledger", path).stdout
        let meeting = Self.commands[0]
        let cases: [(arguments: [String], status: Int32, says: String)] = [
            (["ceremony", "--date", "2023-01-01"], 64, #"unknown act "ceremony"; the acts: meeting, vote"#),
            ([], 64, "name the act to record"),
            (meeting + ["--colour", "red"], 64, "meeting: unknown flag --colour; its flags: group, meeting, purpose"),
            (meeting.filter { $0 != "--date" && $0 != "2023-02-18" }, 2, "--date YYYY-MM-DD is required"),
            (meeting.map { $0 == "2023-02-18" ? "2023-02-30" : $0 }, 2, "--date 2023-02-30: not a calendar date"),
            (meeting.map { $0 == "97" ? "ninety" : $0 }, 2, "--attending-adults ninety: not a whole number"),
            (Array(meeting.prefix(7)), 2, "--eligible-adults is required"),
            (meeting.map { $0 == "第三村民小组" ? "第九村民小组" : $0 }, 2, #"no group is named or numbered "第九村民小组""#),
            (["fund-receipt", "--group", "第三村民小组", "--date", "2023-03-01", "--amount", "12.345", "--source", "x"], 2,
             "--amount 12.345: not an amount in yuan"),
            (["fund-receipt", "--group", "第三村民小组", "--date", "2023-03-01", "--amount", "-5", "--source", "x"], 2, "--amount -5: not an amount"),
            (["fund-receipt", "--group", "第三村民小组", "--date", "2023-03-01", "--amount", "1e3", "--source", "x"], 2, "--amount 1e3: not an amount"),
            (["grade", "--person", "张伟", "--group", "第三村民小组", "--date", "2023-12-31", "--year", "2023", "--grade", "称职", "--assessed-by", "联合村"], 2,
             #""张伟" names 2 persons"#),
            (["grade", "--person", "王秀英", "--group", "第三村民小组", "--date", "2023-12-31", "--year", "2023", "--grade", "great", "--assessed-by", "联合村"], 2,
             "--grade great: must be one of 优秀"),
            (meeting + ["--purpose", "again"], 64, "--purpose is given twice"),
            (["meeting", "--group"], 64, "--group needs a value"),
        ]
        for (arguments, status, says) in cases {
            let output = try record(path, arguments)
            #expect(output.status == status, "\(arguments): \(output.status) \(output.stderr)")
            #expect(output.stderr.contains(says), "\(arguments): \(output.stderr)")
        }
        // A rule's refusal exits 3 as append's does: the installation cites a vote that does not exist.
        let refused = try record(path, ["installation", "--group", "第三村民小组", "--date", "2023-02-18", "--person", "王秀英", "--post", "group-leader",
                                        "--vote", "vote:none"])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
    }

    @Test func helpListsTheActsAndEachActsFlagsInChinese() throws {
        let overview = try grassroots("record", "--help")
        #expect(overview.status == 0 && overview.stdout.contains("expense-payment") && overview.stdout.contains("支出"), "\(overview.stdout)")
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let zh = try record(path, ["vote", "--help"], environment: ["GRASSROOTS_LANG": "zh"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("--ballots-cast N(必填)") && zh.stdout.contains("--candidate 甲=乙 即 person=甲,votes=乙"), "\(zh.stdout)")
        let chinese = try record(path, ["会议", "--group", "第三村民小组", "--date", "2023-02-18", "--purpose", "选举小组长", "--eligible-adults", "131",
                                        "--attending-adults", "97", "--lang", "zh"])
        #expect(chinese.status == 0 && chinese.stdout.contains("已记录村民小组会议/居民小组会议(meeting.held),第7号事件"), "\(chinese.stdout)\(chinese.stderr)")
    }

    @Test func dryRunWritesNothing() throws {
        let dir = try TemporaryDirectory()
        let path = try ledger(dir)
        let before = try grassroots("export", "--ledger", path).stdout
        let dry = try record(path, Self.commands[0] + ["--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("would record") && dry.stdout.contains("as event 7"), "\(dry.stdout)\(dry.stderr)")
        #expect(try grassroots("export", "--ledger", path).stdout == before)
        // Under --json a refusal is JSON on standard output too, with its exit code.
        let refused = try record(path, Self.commands[0].map { $0 == "第三村民小组" ? "第九村民小组" : $0 } + ["--json"])
        #expect(refused.status == 2 && refused.stdout.hasPrefix(#"{"error":{"exit":2,"message":"no group is named"#), "\(refused.stdout)")
    }
}
