import Foundation
import Testing
import TestSupport

/// Late and back-dated entries (issue 14 item 5), on the departure-audit history (`AuditLedger`): a leader's
/// tenure 2021-03-01 to 2023-12-31, handed over on 2024-01-05 (event 22) and audited for that tenure on
/// 2024-02-01 (event 23), all recorded at 2026-01-31T08:00Z (16:00 Beijing time).
@Suite("Late and back-dated entries")
struct LateEntryTests {
    static let later = ["GRASSROOTS_RECORDED_AT": "2026-03-01T02:30:00.000000Z"]

    static func expense(on date: String, fen: Int = 300000, payee: String = "某建材店") -> String {
        #"{"type":"expense.paid","effectiveDate":"\#(date)","data":{"group":"group:a","amountFen":\#(fen),"payee":"\#(payee)"}}"#
    }

    static func append(_ dir: TemporaryDirectory, _ lines: [String], _ extra: [String] = [], environment: [String: String] = later) throws -> Output {
        let out = try run(grassrootsBinary, ["append", "--ledger", dir.ledger, "-"] + extra, stdin: lines.joined(separator: "\n") + "\n", environment: environment)
        #expect(out.status == 0, "\(out.stderr)")
        return out
    }

    static func alerts(_ dir: TemporaryDirectory, _ extra: String...) throws -> Output {
        let out = try run(grassrootsBinary, ["alerts", "--ledger", dir.ledger, "--as-of", "2026-03-01"] + extra)
        #expect(out.status == 0, "\(out.stderr)")
        return out
    }

    /// The alert lines of the late-entry kinds.
    static func lateLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { line in
            ["back-dated into a covered period", "entry recorded late", "correction after the period", "declared backfill",
             "补记入已审计", "逾期登记", "审计(移交、公开)后更正", "声明补录"].contains { line.contains($0) }
        }
    }

    /// A 3,000-yuan expense back-dated into the audited tenure and a tenure expense corrected after the audit:
    /// one alert each, naming the event, both times, the covering audit and the amount, in English and Chinese.
    @Test func aBackDatedExpenseAndACorrectionAfterTheAuditRaiseAlerts() throws {
        let dir = try TemporaryDirectory()
        let expenseSeq = try AuditLedger.make(dir)
        #expect(Self.lateLines(try Self.alerts(dir).stdout).isEmpty, "nothing late yet")
        let correction = #"{"type":"event.corrected","effectiveDate":"2026-03-01","data":{"corrects":\#(expenseSeq),"subject":"group:a","reason":"金额录错","replacement":{"group":"group:a","amountFen":150000,"payee":"修路施工队"}}}"#
        _ = try Self.append(dir, [Self.expense(on: "2023-11-20"), correction])
        let english = Self.lateLines(try Self.alerts(dir).stdout)
        #expect(english.count == 2, "\(english)")
        for expected in [
            "[entry back-dated into a covered period]",
            "event 24 (Expense paid, 3,000.00 yuan) takes effect on 2023-11-20 but was recorded 2026-03-01 10:30:00 (Beijing time), after the audit event 23 of 2024-02-01, covering 2021-03-01 to 2023-12-31, recorded 2026-01-31 16:00:00",
            "[correction after the period was covered]",
            "event 19 (Expense paid, 2,000.00 yuan), effective 2022-05-01, was corrected by event 25 recorded 2026-03-01 10:30:00 (Beijing time), after the audit event 23",
            "村民委员会组织法 (2018) Art. 35",
        ] {
            #expect(english.contains { $0.contains(expected) }, "missing «\(expected)» in\n\(english.joined(separator: "\n"))")
        }
        let chinese = Self.lateLines(try Self.alerts(dir, "--lang", "zh").stdout)
        for expected in [
            "【补记入已审计(移交、公开)期间】", "第24号事件(支出,3,000.00元)生效日期为2023年11月20日,却于北京时间2026年3月1日 10:30:00登记",
            "晚于2024年2月1日的审计(第23号事件,覆盖2021年3月1日至2023年12月31日,登记于2026年1月31日 16:00:00)",
            "【审计(移交、公开)后更正】", "生效日期为2022年5月1日的第19号事件(支出,2,000.00元)于北京时间2026年3月1日 10:30:00被第25号事件更正",
        ] {
            #expect(chinese.contains { $0.contains(expected) }, "missing «\(expected)» in\n\(chinese.joined(separator: "\n"))")
        }
        let json = try Self.alerts(dir, "--json")
        #expect(json.stdout.contains(#""kind":"entry back-dated into a covered period""#))
    }

    /// The negative space: an entry effective the day after every covered period ends (the handover covers the
    /// outgoing leader's tenure up to its own day, 2024-01-05) raises nothing, the handover's last day does; an
    /// entry back-dated into the tenure but recorded before the audit and the handover raises nothing.
    @Test func noAlertOutsideTheCoveredPeriodOrBeforeTheCoverageWasRecorded() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        _ = try Self.append(dir, [Self.expense(on: "2024-01-06")])
        #expect(Self.lateLines(try Self.alerts(dir).stdout).isEmpty, "2024-01-06 is after every covered period")
        _ = try Self.append(dir, [Self.expense(on: "2024-01-05", fen: 1000)])
        let handover = Self.lateLines(try Self.alerts(dir).stdout)
        #expect(handover.count == 1 && handover[0].contains("event 25 (Expense paid, 10.00 yuan) takes effect on 2024-01-05")
                && handover[0].contains("after the handover event 22 of 2024-01-05, covering 2021-03-01 to 2024-01-05"), "\(handover)")

        let before = try TemporaryDirectory()
        var history = AuditLedger.history
        let handoverIndex = try #require(history.firstIndex { $0.contains("handover.recorded") })
        history.insert(Self.expense(on: "2023-11-20", fen: 100), at: handoverIndex)
        try grassroots("init", "--ledger", before.ledger)
        #expect(try grassroots("append", "--ledger", before.ledger, "-", stdin: history.joined(separator: "\n") + "\n").status == 0)
        #expect(Self.lateLines(try Self.alerts(before).stdout).isEmpty, "recorded before the audit and the handover")
    }

    /// A policy's recording limit (30 days here; no seed sets one), counted from the recorded time's day in
    /// Beijing time: 2024-03-01T15:30Z is 23:30 on 1 March in Beijing (30 days after 31 January: none),
    /// 2024-03-01T16:30Z is 00:30 on 2 March (31 days: an alert).
    @Test func aPolicyRecordingLimitCountsBeijingDays() throws {
        let dir = try TemporaryDirectory()
        let define = #"{"type":"policy.defined","effectiveDate":"2023-01-10","data":{"policy":"policy:timely","document":{"id":"policy:timely","title":"及时入账 (示例)","source":"an example: no seed sets a recording limit","appliesTo":["village"],"extends":"policy:deqing-2023","recording":{"daysMax":30,"source":"example county rule: entries recorded within 30 days"}}}}"#
        let adopt = #"{"type":"policy.adopted","effectiveDate":"2023-02-01","data":{"unit":"unit:town","policy":"policy:timely"}}"#
        try grassroots("init", "--ledger", dir.ledger)
        _ = try Self.append(dir, Scenario(policy: "policy:deqing-2023").lines + [define, adopt], environment: ["GRASSROOTS_RECORDED_AT": "2024-01-01T00:00:00.000000Z"])
        let receipt = #"{"type":"fund.received","effectiveDate":"2024-01-31","data":{"group":"group:a","amountFen":12345,"source":"租金"}}"#
        _ = try Self.append(dir, [receipt], environment: ["GRASSROOTS_RECORDED_AT": "2024-03-01T15:30:00.000000Z"])
        #expect(Self.lateLines(try Self.alerts(dir).stdout).isEmpty, "30 days in Beijing time: within the limit")
        _ = try Self.append(dir, [receipt], environment: ["GRASSROOTS_RECORDED_AT": "2024-03-01T16:30:00.000000Z"])
        let lines = Self.lateLines(try Self.alerts(dir).stdout)
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.contains("[entry recorded late] a (group:a): event 10 (Group fund receipt, 123.45 yuan) takes effect on 2024-01-31 and was recorded 2024-03-02 00:30:00 (Beijing time): 31 days later; the policy allows 30; example county rule: entries recorded within 30 days (policy:timely)") == true,
                "\(lines)")
        let chinese = Self.lateLines(try Self.alerts(dir, "--lang", "zh").stdout)
        #expect(chinese.first?.contains("【逾期登记】") == true && chinese.first?.contains("相隔31日,超过规定的30日") == true, "\(chinese)")
    }

    /// Old paper records entered with `append --backfill`: one declaration closes the batch, and the batch is
    /// flagged once, not once per entry; without --backfill the same entries raise one alert each.
    @Test func aDeclaredBackfillIsFlaggedOnceNotPerEntry() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let old = (1...4).map { Self.expense(on: "2022-0\($0 + 1)-10", fen: 1000 * $0, payee: "纸质台账\($0)") }
        let appended = try Self.append(dir, old, ["--backfill", "补录2022年纸质收支账"])
        #expect(appended.stdout.contains("declared events 24 to 27 a backfill (event 28)"), "\(appended.stdout)")
        let lines = Self.lateLines(try Self.alerts(dir).stdout)
        #expect(lines.count == 1, "one flag for the batch, not four: \(lines)")
        #expect(lines.first?.contains("[declared backfill]") == true
                && lines.first?.contains("event 28 recorded 2026-03-01 10:30:00 (Beijing time) declares events 24 to 27 a backfill of old records (补录2022年纸质收支账); 4 of them concern this group, effective 2022-02-10 to 2022-05-10, 4 inside a covered period") == true,
                "\(lines)")
        let chinese = Self.lateLines(try Self.alerts(dir, "--lang", "zh").stdout)
        #expect(chinese.first?.contains("【声明补录】") == true, "\(chinese)")
        let log = try grassroots("log", "--ledger", dir.ledger, "--json")
        #expect(log.stdout.contains(#""firstSeq":24,"lastSeq":27,"reason":"补录2022年纸质收支账""#), "\(log.stdout)")

        // The same four without the declaration: four alerts.
        let plain = try TemporaryDirectory()
        _ = try AuditLedger.make(plain)
        _ = try Self.append(plain, old)
        #expect(Self.lateLines(try Self.alerts(plain).stdout).count == 4)
    }

    /// A backfill's declaration is dated the day it is recorded in Beijing time, whatever the machine's zone:
    /// late days are counted in Beijing time too.
    @Test func aBackfillIsDatedInBeijingTime() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        // 2026-02-28 17:30 UTC is 2026-03-01 01:30 in Beijing, and still 2026-02-28 in Los Angeles.
        _ = try Self.append(dir, [Self.expense(on: "2022-02-10", fen: 1000, payee: "纸质台账")], ["--backfill", "补录"],
                            environment: ["GRASSROOTS_RECORDED_AT": "2026-02-28T17:30:00.000000Z", "TZ": "America/Los_Angeles"])
        let log = try grassroots("log", "--ledger", dir.ledger, "--from", "25", "--json")
        #expect(log.stdout.contains(#""effectiveDate":"2026-03-01""#) && log.stdout.contains(#""type":"backfill.declared""#), "\(log.stdout)")
    }

    /// A declaration that does not close its own batch is refused, and the ledger is left as it was.
    @Test func aBackfillDeclarationMustNameTheEventsJustBeforeIt() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        _ = try Self.append(dir, [Self.expense(on: "2022-02-10", fen: 100)])
        let forged = #"{"type":"backfill.declared","effectiveDate":"2026-03-01","data":{"backfill":"backfill:20","reason":"伪造","firstSeq":20,"lastSeq":24}}"#
        let refused = try run(grassrootsBinary, ["append", "--ledger", dir.ledger, "-"], stdin: forged + "\n", environment: Self.later)
        #expect(refused.status == 3, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("backfill range is not the events just before it"), "\(refused.stderr)")
        let wrongRange = #"{"type":"backfill.declared","effectiveDate":"2026-03-01","data":{"backfill":"backfill:24","reason":"伪造","firstSeq":24,"lastSeq":23}}"#
        #expect(try run(grassrootsBinary, ["append", "--ledger", dir.ledger, "-"], stdin: wrongRange + "\n", environment: Self.later).status == 3)
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
    }

    /// The departure audit lists the late entries with the same reasons as the alerts, the backfill, and the
    /// latest signed checkpoint in its integrity lines, in every form; none before one is signed.
    @Test func theDepartureAuditShowsLateEntriesBackfillsAndTheCheckpoint() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let none = try AuditLedger.audit(dir)
        #expect(none.stdout.contains("Latest signed checkpoint: none (grassroots checkpoint signs one)"), "\(none.stdout)")
        #expect(try AuditLedger.audit(dir, "--lang", "zh").stdout.contains("最新签名检查点:无"))
        #expect(try AuditLedger.audit(dir, "--json").stdout.contains(#""checkpoint":null"#))

        _ = try Self.append(dir, [Self.expense(on: "2023-11-20")])
        _ = try Self.append(dir, [Self.expense(on: "2022-02-10", fen: 1000, payee: "纸质台账")], ["--backfill", "补录纸质台账"])
        let key = dir.path + "/ledger.key"
        #expect(try grassroots("key", "init", "--ledger", dir.ledger, "--out", key).status == 0)
        let signed = try grassroots("checkpoint", "--ledger", dir.ledger, "--key", key)
        #expect(signed.status == 0, "\(signed.stderr)")
        let text = try AuditLedger.audit(dir)
        #expect(text.status == 0, "\(text.stderr)")
        for expected in [
            "Latest signed checkpoint: 26 events, root ", "recorded after the audit of event 23 covering its date",
            "part of the backfill declared by event 26", "Declared backfills: ",
            "event 26 (2026-03-01 10:30:00): events 25 to 25, 1 of this group; reason: 补录纸质台账",
        ] {
            #expect(text.stdout.contains(expected), "missing «\(expected)» in\n\(text.stdout)")
        }
        let json = try AuditLedger.audit(dir, "--json")
        for expected in [#""checkpoint":{"origin":"grassroots/"#, #""size":26"#, #""kind":"recorded-after-audit""#, #""backfill":26"#, #""backfills":[{"#] {
            #expect(json.stdout.contains(expected), "missing \(expected) in \(json.stdout)")
        }
        #expect(try AuditLedger.audit(dir, "--format", "md").stdout.contains("Latest signed checkpoint: 26 events"))
        #expect(try AuditLedger.audit(dir, "--format", "html").stdout.contains("Latest signed checkpoint: 26 events"))
        #expect(try AuditLedger.audit(dir, "--lang", "zh").stdout.contains("最新签名检查点:共26条事件"))
        // A report standing beyond the checkpoint says so.
        _ = try Self.append(dir, [Self.expense(on: "2024-02-10", fen: 100)])
        #expect(try AuditLedger.audit(dir).stdout.contains("The report stands at event 27, after the checkpoint"))
    }

    /// `audit.completed` v2 records the SHA-256 that `audit departure` printed, and the audit then shows it.
    @Test func auditCompletedV2CarriesTheReportDigest() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let printed = try AuditLedger.audit(dir)
        let sha = try #require(printed.stderr.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            .first { $0.count == 64 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(sha.count == 64, "\(printed.stderr)")
        let recorded = #"{"type":"audit.completed","schemaVersion":2,"effectiveDate":"2024-02-20","data":{"group":"group:a","kind":"departure","person":"person:lead","periodStart":"2021-03-01","periodEnd":"2023-12-31","auditor":"县审计局","findings":"报告已归档","reportSha256":"\#(sha)"}}"#
        _ = try Self.append(dir, [recorded])
        let json = try AuditLedger.audit(dir, "--json")
        #expect(json.stdout.contains(#""reportSha256":"\#(sha)""#), "\(json.stdout)")
        #expect(try AuditLedger.audit(dir).stdout.contains("report SHA-256 \(sha)"))
        let trail = try grassroots("trail", "--ledger", dir.ledger, "--group", "group:a")
        #expect(trail.stdout.contains(sha), "\(trail.stdout)")
        // Signing a checkpoint later changes the printed checkpoint line, not the report's digest.
        let key = dir.path + "/ledger.key"
        #expect(try grassroots("key", "init", "--ledger", dir.ledger, "--out", key).status == 0)
        #expect(try grassroots("checkpoint", "--ledger", dir.ledger, "--key", key).status == 0)
        let again = try AuditLedger.audit(dir, "--at-seq", "23")
        #expect(again.stderr.contains(sha) && again.stdout.contains("Latest signed checkpoint: 24 events"), "\(again.stderr)")
        // Malformed digests are refused.
        for bad in [String(sha.uppercased()), String(sha.dropLast()), sha + "0"] {
            let line = recorded.replacingOccurrences(of: sha, with: bad)
            let refused = try run(grassrootsBinary, ["append", "--ledger", dir.ledger, "-"], stdin: line + "\n", environment: Self.later)
            #expect(refused.status != 0 && refused.stderr.contains("SHA-256"), "\(refused.stderr)")
        }
    }

    /// A correction recorded before the handover and the audit raises no alert (the audit saw the corrected
    /// entry); the departure audit still lists it, with no covering event.
    @Test func aCorrectionRecordedBeforeTheCoverageRaisesNone() throws {
        let dir = try TemporaryDirectory()
        var history = AuditLedger.history
        let handoverIndex = try #require(history.firstIndex { $0.contains("handover.recorded") })
        let expenseSeq = try #require(history.firstIndex(of: AuditLedger.expense)) + 1
        history.insert(#"{"type":"event.corrected","effectiveDate":"2023-12-20","data":{"corrects":\#(expenseSeq),"subject":"group:a","reason":"审计前更正","replacement":{"group":"group:a","amountFen":190000,"payee":"修路施工队"}}}"#,
                       at: handoverIndex)
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: history.joined(separator: "\n") + "\n").status == 0)
        #expect(Self.lateLines(try Self.alerts(dir).stdout).isEmpty, "corrected before the handover and the audit were recorded")
        let json = try AuditLedger.audit(dir, "--json")
        #expect(json.stdout.contains(#""afterCoverage":null,"by":22"#), "\(json.stdout)")
    }

    /// The whole outputs, in English and Chinese, against committed files (Tests/CLITests/Expected/late-*; rewrite
    /// them with GRASSROOTS_UPDATE_EXPECTED=1 and read the diff): the alerts and the departure audit of a tenure
    /// into which an expense was back-dated, a tenure expense corrected, and old records entered as a backfill.
    @Test func theOutputsMatchTheirExpectedFiles() throws {
        let dir = try TemporaryDirectory()
        let expenseSeq = try AuditLedger.make(dir)
        let correction = #"{"type":"event.corrected","effectiveDate":"2026-03-01","data":{"corrects":\#(expenseSeq),"subject":"group:a","reason":"金额录错","replacement":{"group":"group:a","amountFen":150000,"payee":"修路施工队"}}}"#
        _ = try Self.append(dir, [Self.expense(on: "2023-11-20"), correction])
        _ = try Self.append(dir, [Self.expense(on: "2022-02-10", fen: 1000, payee: "纸质台账"), Self.expense(on: "2022-08-10", fen: 2000, payee: "纸质台账")],
                            ["--backfill", "补录2022年纸质收支账"], environment: ["GRASSROOTS_RECORDED_AT": "2026-03-02T01:00:00.000000Z"])
        let outputs: [(String, Output)] = [
            ("late-alerts.txt", try Self.alerts(dir)),
            ("late-alerts.zh.txt", try Self.alerts(dir, "--lang", "zh")),
            ("late-audit.txt", try AuditLedger.audit(dir)),
            ("late-audit.zh.txt", try AuditLedger.audit(dir, "--lang", "zh")),
        ]
        let expected = repositoryRoot + "/Tests/CLITests/Expected/"
        for (file, output) in outputs {
            #expect(output.status == 0, "\(file): \(output.stderr)")
            if ProcessInfo.processInfo.environment["GRASSROOTS_UPDATE_EXPECTED"] == "1" {
                try Data(output.stdout.utf8).write(to: URL(fileURLWithPath: expected + file))
                continue
            }
            let want = try String(contentsOfFile: expected + file, encoding: .utf8)
            #expect(output.stdout == want, "\(file) differs")
        }
    }
}
