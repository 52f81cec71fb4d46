import Foundation
import Testing
import TestSupport

/// A Deqing group whose leader served 2021-03-01 to 2023-12-31 and handed over on 2024-01-05: a pump counted
/// below its book value, a shed missing, 500 yuan short; a departure audit recorded on 2024-02-01.
enum AuditLedger {
    static let expense = #"{"type":"expense.paid","effectiveDate":"2022-05-01","data":{"group":"group:a","amountFen":200000,"payee":"修路施工队"}}"#

    static let history: [String] = Scenario(policy: "policy:deqing-2023")
        .with(Scenario.elected("lead", on: "2021-03-01", deqing: true) + [Scenario.person("next"), Scenario.person("witness")]).lines + [
            #"{"type":"fund.received","effectiveDate":"2020-06-01","data":{"group":"group:a","amountFen":100000,"source":"上年结余"}}"#,
            #"{"type":"asset.registered","effectiveDate":"2021-04-01","data":{"group":"group:a","asset":"asset:pump","kind":"equipment","description":"抽水机","valueFen":150000,"custodian":"person:lead"}}"#,
            #"{"type":"asset.registered","effectiveDate":"2021-04-01","data":{"group":"group:a","asset":"asset:shed","kind":"building","description":"仓库","valueFen":800000,"custodian":"person:lead"}}"#,
            #"{"type":"fund.received","effectiveDate":"2022-03-01","data":{"group":"group:a","amountFen":500000,"source":"土地租金"}}"#,
            expense,
            Scenario.grade("lead", "称职", year: 2022),
            Scenario.end("lead", on: "2023-12-31", reason: "term-expired"),
            #"{"type":"handover.recorded","effectiveDate":"2024-01-05","data":{"group":"group:a","outgoing":"person:lead","incoming":"person:next","witnesses":["person:witness"],"items":[{"asset":"asset:pump","present":true,"valueFen":120000}],"cashFen":0,"balanceFen":350000}}"#,
            #"{"type":"audit.completed","effectiveDate":"2024-02-01","data":{"group":"group:a","kind":"departure","person":"person:lead","periodStart":"2021-03-01","periodEnd":"2023-12-31","auditor":"县审计局","findings":"仓库未移交"}}"#,
        ]

    /// A ledger holding `history`; the seq of the expense.
    static func make(_ dir: TemporaryDirectory) throws -> Int {
        try grassroots("init", "--ledger", dir.ledger)
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: history.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        return (history.firstIndex(of: expense) ?? 0) + 1
    }

    static func audit(_ dir: TemporaryDirectory, _ extra: String..., environment: [String: String] = [:]) throws -> Output {
        try run(grassrootsBinary, ["audit", "departure", "--ledger", dir.ledger, "--person", "person:lead", "--group", "group:a"] + extra,
                environment: environment)
    }
}

@Suite("grassroots audit departure")
struct DepartureAuditTests {
    @Test func anIncompleteHandoverShowsTheMissingAssetAndTheFundGap() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let out = dir.path + "/audit.txt"
        let english = try AuditLedger.audit(dir, "--out", out)
        #expect(english.status == 0, "stderr: \(english.stderr)")
        let report = try String(contentsOfFile: out, encoding: .utf8)
        #expect(english.stdout.isEmpty)
        for expected in [
            "Departure Economic Responsibility Audit Report", "Report No.: LRSJ-2023-",
            "Tenure: 2021-03-01 to 2023-12-31", "1. Basis of the audit", "村民委员会组织法 (2018) Art. 35",
            "group leader  2021-03-01  2023-12-31  term expired",
            "2022: competent (称职)",
            "Balance on the tenure's first day (2021-03-01): 1,000.00 yuan (人民币壹仟元整).",
            "修路施工队", "none (not required by the policy in force)",
            "balance at its end 4,000.00 yuan (人民币肆仟元整)",
            "FUND GAP: the balance handed over differs from the ledger's by -500.00 yuan (人民币负伍佰元整).",
            "VALUE MISMATCH: counted 1,200.00 yuan, registered 1,500.00 yuan (difference -300.00 yuan)",
            "MISSING from the handover record", "县审计局", "仓库未移交",
            "10. Signatures and stamp", "Auditor (signature): ____", "Witness (signature): ____", "Audit body (stamp):",
            "Integrity: the hash chain of events 1 to 23 verified; the hash of event 23 is ",
        ] {
            #expect(report.contains(expected), "missing «\(expected)» in\n\(report)")
        }
        #expect(!report.contains("UNAPPROVED"), "Deqing's policy (and the statute floor) require no approval of each expense")
        #expect(english.stderr.contains("wrote \(out) (text); report content SHA-256 "))
        #expect(try AuditLedger.audit(dir, "--out", out).status == 2, "an existing file is not overwritten")

        let chinese = try AuditLedger.audit(dir, "--lang", "zh")
        #expect(chinese.status == 0, "\(chinese.stderr)")
        for expected in [
            "离任经济责任审计报告", "报告编号:LRSJ-2023-", "任职期间:2021年3月1日至2023年12月31日",
            "一、审计依据", "二、任职、考核与处理情况", "三、误工补贴", "四、小组资金收支", "五、资产与工作移交", "六、审计记录",
            "七、任期内未处理的提醒事项", "八、事后补录与更正的记录", "九、审计结论", "十、签字与盖章",
            "期末余额4,000.00元(人民币肆仟元整)", "【资金差额】移交余额与账面余额相差-500.00元(人民币负伍佰元整)。",
            "【价值不符】清点1,200.00元,账面1,500.00元(差额-300.00元)", "【短缺】未列入移交清单",
            "审计人(签字):", "见证人(签字):", "审计单位(盖章):", "日期:____年__月__日",
            "账本完整性:第1至23号事件的哈希链校验通过",
        ] {
            #expect(chinese.stdout.contains(expected), "missing «\(expected)» in\n\(chinese.stdout)")
        }

        let json = try AuditLedger.audit(dir, "--json")
        for expected in [#""fundGapFen":-50000"#, #""finding":"MISSING from the handover record""#, #""closingBalanceFen":400000"#,
                         #""unapprovedExpenses":[19]"#, #""flaggedExpenses":[]"#, #""description":"仓库""#, #""headSeq":23"#] {
            #expect(json.stdout.contains(expected), "missing \(expected) in \(json.stdout)")
        }
        #expect(try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:next", "--group", "group:a").status == 2)
    }

    /// A report printed, then a 3,000-yuan expense back-dated into the tenure and a tenure expense corrected
    /// after the departure audit: the new report lists both with both times; `--at-seq` prints the first one
    /// again, byte for byte, in every form that is text.
    @Test func aFiledReportIsReproducedWithAtSeqAfterBackDatingAndACorrection() throws {
        let dir = try TemporaryDirectory()
        let expenseSeq = try AuditLedger.make(dir)
        let filed = try AuditLedger.audit(dir, "--lang", "zh")
        let filedJSON = try AuditLedger.audit(dir, "--format", "json")
        let filedMarkdown = try AuditLedger.audit(dir, "--format", "md", "--lang", "en")
        #expect(filed.status == 0 && filedJSON.status == 0 && filedMarkdown.status == 0, "\(filed.stderr)")
        #expect(filed.stdout.contains("事后补录:无") && filed.stdout.contains("更正与撤销:无"))

        let later = ["GRASSROOTS_RECORDED_AT": "2026-03-01T02:30:00.000000Z"]
        let backDated = #"{"type":"expense.paid","effectiveDate":"2023-11-20","data":{"group":"group:a","amountFen":300000,"payee":"某建材店"}}"#
        let correction = #"{"type":"event.corrected","effectiveDate":"2026-03-01","data":{"corrects":\#(expenseSeq),"subject":"group:a","reason":"金额录错","replacement":{"group":"group:a","amountFen":150000,"payee":"修路施工队"}}}"#
        for line in [backDated, correction] {
            let appended = try run(grassrootsBinary, ["append", "--ledger", dir.ledger, "-"], stdin: line + "\n", environment: later)
            #expect(appended.status == 0, "\(appended.stderr)")
        }
        let now = try AuditLedger.audit(dir, "--lang", "zh")
        #expect(now.status == 0, "\(now.stderr)")
        for expected in [
            "事后补录", "24      支出  2023年11月20日  2026年3月1日 10:30:00",
            "在第21号事件记录任期结束(2026年1月31日 16:00:00)之后录入", "在覆盖其日期的审计(第23号事件,2026年1月31日 16:00:00)之后录入",
            "更正与撤销", "更正:金额录错", "第24号:支出:金额:3,000.00元", "某建材店", "第25号:更正:",
            "1条任期内记录系事后补录(第24号事件,见第八部分)", "1条任期内记录被更正或撤销(第19号事件,见第八部分)",
        ] {
            #expect(now.stdout.contains(expected), "missing «\(expected)» in\n\(now.stdout)")
        }
        #expect(now.stdout != filed.stdout)
        let reproduced = try AuditLedger.audit(dir, "--lang", "zh", "--at-seq", "23")
        #expect(reproduced.status == 0, "\(reproduced.stderr)")
        #expect(reproduced.stdout == filed.stdout)
        #expect(reproduced.stderr == filed.stderr, "the same content digest")
        #expect(try AuditLedger.audit(dir, "--format", "json", "--at-seq", "23").stdout == filedJSON.stdout)
        #expect(try AuditLedger.audit(dir, "--format", "md", "--lang", "en", "--at-seq", "23").stdout == filedMarkdown.stdout)
        #expect(try AuditLedger.audit(dir, "--at-seq", "99").status == 2, "beyond the head")
    }

    /// An expense without approval is flagged only where the policy in force on its date requires a meeting's
    /// approval: here the village adopts Damao's plan (every expense approved by the meeting) from 2022-06-01,
    /// recorded after an expense of 2022-07-01 had been accepted under Deqing's guideline.
    @Test func unapprovedIsFlaggedOnlyWhereThePolicyRequiresApproval() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let lines = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2021-03-01", deqing: true)).lines + [
            #"{"type":"fund.received","effectiveDate":"2021-06-01","data":{"group":"group:a","amountFen":900000,"source":"土地租金"}}"#,
            #"{"type":"expense.paid","effectiveDate":"2022-05-01","data":{"group":"group:a","amountFen":100000,"payee":"甲"}}"#,
            #"{"type":"expense.paid","effectiveDate":"2022-07-01","data":{"group":"group:a","amountFen":200000,"payee":"乙"}}"#,
            #"{"type":"policy.adopted","effectiveDate":"2022-06-01","data":{"unit":"unit:village","policy":"policy:damao-2022"}}"#,
        ]
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        let report = try AuditLedger.audit(dir, "--lang", "zh")
        #expect(report.status == 0, "\(report.stderr)")
        let rows = report.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("甲") && $0.contains("无(所适用政策不要求)") }, "\(report.stdout)")
        #expect(rows.contains { $0.contains("乙") && $0.contains("【未经审批】(政策要求经会议审批)") }, "\(report.stdout)")
        #expect(report.stdout.contains("共1笔支出、合计2,000.00元未按所适用政策的要求经小组会议审批。"))
        #expect(report.stdout.contains("2022年6月1日起适用的政策:大茂镇《关于加强村民小组长队伍建设的实施方案(试行)》"))
        #expect(report.stdout.contains("每笔支出须经小组会议审批(依据:大茂镇《关于加强村民小组长队伍建设的实施方案(试行)》(二)4, (二)5"))
        let json = try AuditLedger.audit(dir, "--json")
        #expect(json.stdout.contains(#""flaggedExpenses":[\#(lines.count - 1)]"#), "\(json.stdout)")
    }

    /// The PDF is printed by headless Chromium (tools/install-deps.sh installs it) and read back with pdftotext.
    @Test func thePDFIsRenderedAndReadsBackInChinese() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let pdf = dir.path + "/报告.pdf"
        let printed = try AuditLedger.audit(dir, "--lang", "zh", "--out", pdf)
        #expect(printed.status == 0, "tools/install-deps.sh installs chromium and fonts-noto-cjk: \(printed.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        let text = try run("/usr/bin/env", ["pdftotext", "-layout", pdf, "-"])
        #expect(text.status == 0, "pdftotext (poppler-utils, installed by tools/install-deps.sh): \(text.stderr)")
        for expected in ["离任经济责任审计报告", "报告编号", "一、审计依据", "二、任职、考核与处理情况", "三、误工补贴", "四、小组资金收支",
                         "五、资产与工作移交", "六、审计记录", "七、任期内未处理的提醒事项", "八、事后补录与更正的记录", "九、审计结论",
                         "十、签字与盖章", "人民币肆仟元整", "审计人(签字)", "见证人(签字)", "审计单位(盖章)", "账本完整性"] {
            #expect(text.stdout.contains(expected), "missing «\(expected)» in the PDF's text:\n\(text.stdout)")
        }
        // The HTML it was printed from: an A4 page with bordered tables.
        let html = try AuditLedger.audit(dir, "--lang", "zh", "--format", "html")
        for expected in ["<!DOCTYPE html>", "@page { size: A4;", "border-collapse: collapse", "<h1>离任经济责任审计报告</h1>", "<h2>一、审计依据</h2>",
                         "class=\"stamp\""] {
            #expect(html.stdout.contains(expected), "missing «\(expected)» in the HTML")
        }
        // No Chromium to be found: a clear error, and no file.
        let missing = try AuditLedger.audit(dir, "--out", dir.path + "/none.pdf", environment: ["PATH": "/nonexistent", "GRASSROOTS_CHROMIUM": "/nonexistent/chromium"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("--format pdf needs headless Chromium") && missing.stderr.contains("tools/install-deps.sh"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/none.pdf"))
    }

    @Test func markdownCarriesTheSameContentAsText() throws {
        let dir = try TemporaryDirectory()
        _ = try AuditLedger.make(dir)
        let text = try AuditLedger.audit(dir, "--lang", "zh")
        let markdown = try AuditLedger.audit(dir, "--lang", "zh", "--format", "md")
        #expect(markdown.stdout.hasPrefix("# 离任经济责任审计报告\n"))
        #expect(markdown.stdout.contains("## 五、资产与工作移交"))
        #expect(markdown.stdout.contains("| 事件号 | 日期 | 来源/去向 | 收入(元) | 支出(元) | 余额(元) | 审批 |"))
        // Every number of the text form is in the Markdown form too.
        let amounts = text.stdout.split(whereSeparator: { !$0.isNumber && $0 != "," && $0 != "." }).filter { $0.contains(".") && $0.count > 3 }
        #expect(!amounts.isEmpty)
        for amount in amounts { #expect(markdown.stdout.contains(amount), "\(amount) is missing from the Markdown") }
        #expect(try AuditLedger.audit(dir, "--format", "csv").status == 64, "csv is not a form of this report")
    }
}
