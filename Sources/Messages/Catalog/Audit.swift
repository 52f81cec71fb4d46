/// The departure audit report (离任经济责任审计报告): its title, header, sections, tables, findings, conclusion,
/// the block for signatures and the stamp, and its footer.
public struct AuditMessages: Sendable {
    public let title = Message(en: "Departure Economic Responsibility Audit Report", zh: "离任经济责任审计报告")
    /// A section's number and title: 一、审计依据 / 1. Basis of the audit.
    public let sectionHeading = Message(en: "{number}. {title}", zh: "{number}、{title}")

    // MARK: header
    public let reportNumber = Message(en: "Report No.", zh: "报告编号")
    public let personAudited = Message(en: "Person audited", zh: "被审计人")
    public let group = Message(en: "Group", zh: "所在小组")
    public let unit = Message(en: "Village or community", zh: "所属村(社区)")
    public let posts = Message(en: "Post(s)", zh: "职务")
    public let tenure = Message(en: "Tenure", zh: "任职期间")
    public let tenureRange = Message(en: "{start} to {end}", zh: "{start}至{end}")
    public let tenureOpen = Message(en: "{start} to the report's date (still in office)", zh: "{start}起至报告日(仍在任)")
    public let ledgerAsOf = Message(en: "Ledger as of", zh: "账本基准")
    public let ledgerAsOfValue = Message(en: "as it stood right after event {seq} (recorded {time}, Beijing time)",
                                         zh: "第{seq}号事件录入后(北京时间{time})")
    public let reportDate = Message(en: "Report date", zh: "报告日期")

    // MARK: 1. basis
    public let basis = Message(en: "Basis of the audit", zh: "审计依据")
    public let statute = Message(en: "Statute", zh: "法律依据")
    public let statuteArt35 = Message(en: "{source} (a departure economic audit of those who leave office)",
                                      zh: "{source}(村民委员会成员实行离任经济责任审计)")
    public let policyFrom = Message(en: "Policy in force from {date}", zh: "{date}起适用的政策")
    public let policyValue = Message(en: "{policy} ({id}); document: {document}", zh: "{policy}({id});文件:{document}")
    public let statuteFloorVillage = Message(en: "the national floor: 村民委员会组织法 (2018 text)",
                                             zh: "国家法定底线:《村民委员会组织法》(2018年修正)")
    public let statuteFloorResident = Message(en: "the national floor: 城市居民委员会组织法 (2018 text)",
                                              zh: "国家法定底线:《城市居民委员会组织法》(2018年修正)")
    public let auditRule = Message(en: "Departure audit required by", zh: "离任审计要求")
    public let approvalRule = Message(en: "Approval of group expenses", zh: "小组支出审批要求")
    public let approvalNeeded = Message(en: "every expense needs a group meeting's approval ({source})", zh: "每笔支出须经小组会议审批(依据:{source})")
    public let approvalNotNeeded = Message(en: "the policy does not require a meeting's approval of every expense ({source})",
                                           zh: "所适用政策未要求每笔支出经会议审批(依据:{source})")
    public let approvalNoRule = Message(en: "the policy sets no approval rule for group expenses", zh: "所适用政策未规定小组支出审批")
    public let basisNote = Message(
        en: "This report is drawn from the ledger's records as they stood right after event {seq}; `grassroots audit departure --person {person} --group {group} --at-seq {seq}` reproduces it however many events are recorded later.",
        zh: "本报告依据账本第{seq}号事件录入后的记录生成;此后无论追加多少记录,均可用 `grassroots audit departure --person {person} --group {group} --at-seq {seq}` 重新生成同一报告。")

    // MARK: 2. tenure
    public let tenureSection = Message(en: "Tenure, grades and discipline", zh: "任职、考核与处理情况")
    public let post = Message(en: "Post", zh: "职务")
    public let from = Message(en: "From", zh: "起")
    public let until = Message(en: "Until", zh: "止")
    public let endReason = Message(en: "Reason for leaving", zh: "离任原因")
    public let installedBy = Message(en: "Installed by event", zh: "就职事件号")
    public let endedBy = Message(en: "Ended by event", zh: "离任事件号")
    public let inOffice = Message(en: "in office", zh: "在任")
    public let grades = Message(en: "Annual grades", zh: "年度考核")
    public let gradeLine = Message(en: "{year}: {grade}", zh: "{year}年:{grade}")
    public let noGrades = Message(en: "no grade recorded in the tenure", zh: "任期内无考核记录")
    public let discipline = Message(en: "Discipline", zh: "处理记录")
    public let disciplineLine = Message(en: "{date} {kind}: {reason} ({by})", zh: "{date}{kind}:{reason}({by})")
    public let noDiscipline = Message(en: "none recorded in the tenure", zh: "任期内无处理记录")

    // MARK: 3. subsidies
    public let subsidiesSection = Message(en: "Work subsidies", zh: "误工补贴")
    public let year = Message(en: "Year", zh: "年度")
    public let accrued = Message(en: "Accrued (yuan)", zh: "应发(元)")
    public let bonus = Message(en: "Bonus (yuan)", zh: "奖励(元)")
    public let deducted = Message(en: "Deducted (yuan)", zh: "扣减(元)")
    public let paid = Message(en: "Paid (yuan)", zh: "已发(元)")
    public let owed = Message(en: "Owed (yuan)", zh: "尚欠(元)")
    public let total = Message(en: "Total", zh: "合计")
    public let noSubsidies = Message(en: "no subsidy recorded for the tenure", zh: "任期内无补贴记录")
    public let subsidyTotals = Message(en: "Accrued in all {accrued} ({accruedCapital}); paid {paid} ({paidCapital}); owed {owed} ({owedCapital}).",
                                       zh: "应发合计{accrued}({accruedCapital});已发合计{paid}({paidCapital});尚欠{owed}({owedCapital})。")

    // MARK: 4. fund
    public let fundSection = Message(en: "Group fund: receipts and expenses", zh: "小组资金收支")
    public let opening = Message(en: "Balance on the tenure's first day ({date}): {amount} ({capital}).",
                                 zh: "任期开始日({date})期初余额:{amount}({capital})。")
    public let seq = Message(en: "Event", zh: "事件号")
    public let date = Message(en: "Date", zh: "日期")
    public let counterparty = Message(en: "From / to", zh: "来源/去向")
    public let receipt = Message(en: "Receipts (yuan)", zh: "收入(元)")
    public let expense = Message(en: "Expenses (yuan)", zh: "支出(元)")
    public let balance = Message(en: "Balance (yuan)", zh: "余额(元)")
    public let approval = Message(en: "Approval", zh: "审批")
    public let approvalCited = Message(en: "{approval}: {purpose}", zh: "{approval}:{purpose}")
    public let unapprovedFlag = Message(en: "UNAPPROVED (the policy requires a meeting's approval)", zh: "【未经审批】(政策要求经会议审批)")
    public let noApprovalNeeded = Message(en: "none (not required by the policy in force)", zh: "无(所适用政策不要求)")
    public let openingRow = Message(en: "opening balance", zh: "期初余额")
    public let fundTotals = Message(
        en: "In the tenure: receipts {receipts} ({receiptsCapital}); expenses {expenses} ({expensesCapital}); balance at its end {closing} ({closingCapital}).",
        zh: "任期内收入合计{receipts}({receiptsCapital});支出合计{expenses}({expensesCapital});期末余额{closing}({closingCapital})。")
    public let flaggedCount = Message(en: "{count} expense(s), {amount} in all, were paid without the meeting's approval the policy in force required.",
                                      zh: "共{count}笔支出、合计{amount}未按所适用政策的要求经小组会议审批。")
    public let noneFlagged = Message(en: "Every expense that needed a meeting's approval cites one.", zh: "须经会议审批的支出均有审批记录。")
    public let noFund = Message(en: "no receipt or expense recorded in the tenure", zh: "任期内无资金收支记录")

    // MARK: 5. assets and handover
    public let assetsSection = Message(en: "Assets and the handover", zh: "资产与工作移交")
    public let handoverLine = Message(
        en: "Handed over on {date} (event {seq}, recorded {time} Beijing time) to {incoming}, witnessed by {witnesses}; cash counted {cash}; account balance handed over {balance} ({balanceCapital}), against the ledger's {ledger} ({ledgerCapital}).",
        zh: "{date}移交给{incoming}(第{seq}号事件,北京时间{time}录入),监交人:{witnesses};清点现金{cash};移交账户余额{balance}({balanceCapital}),账面期末余额{ledger}({ledgerCapital})。")
    public let fundGap = Message(en: "FUND GAP: the balance handed over differs from the ledger's by {gap} ({capital}).",
                                 zh: "【资金差额】移交余额与账面余额相差{gap}({capital})。")
    public let noFundGap = Message(en: "The balance handed over equals the ledger's.", zh: "移交余额与账面余额一致。")
    public let noHandover = Message(en: "NO HANDOVER is recorded for this holder.", zh: "【未记录工作移交】")
    public let noHandoverInOffice = Message(en: "No handover yet: the holder is still in office.", zh: "尚未移交:仍在任。")
    public let asset = Message(en: "Asset", zh: "资产编号")
    public let assetName = Message(en: "Description", zh: "资产名称")
    public let assetKind = Message(en: "Kind", zh: "类别")
    public let bookValue = Message(en: "Book value (yuan)", zh: "账面价值(元)")
    public let atStart = Message(en: "At the tenure's start", zh: "任期初")
    public let atEnd = Message(en: "At its end", zh: "任期末")
    public let counted = Message(en: "At the handover", zh: "移交清点")
    public let finding = Message(en: "Finding", zh: "核对结果")
    public let custody = Message(en: "{custodian}, {status}", zh: "{custodian},{status}")
    public let notYetRegistered = Message(en: "not yet registered", zh: "尚未登记")
    public let countedPresent = Message(en: "present, {value}", zh: "在账,{value}")
    public let countedPresentNoValue = Message(en: "present", zh: "在账")
    public let countedAbsent = Message(en: "not present", zh: "不在")
    public let notListed = Message(en: "not listed", zh: "未列入")
    public let agrees = Message(en: "agrees", zh: "相符")
    public let assetNotInHandover = Message(en: "MISSING from the handover record", zh: "【短缺】未列入移交清单")
    public let assetNotPresent = Message(en: "MISSING: listed as not present at the handover", zh: "【短缺】移交时清点不在")
    public let assetValueMismatch = Message(en: "VALUE MISMATCH: counted {counted}, registered {registered} (difference {difference})",
                                            zh: "【价值不符】清点{counted},账面{registered}(差额{difference})")
    public let noAssets = Message(en: "no asset of the group was registered by the tenure's end", zh: "任期末前小组无登记资产")
    public let assetNote = Message(en: "handover note on {asset}: {note}", zh: "{asset}移交备注:{note}")

    // MARK: 6. audits
    public let auditsSection = Message(en: "Audits recorded", zh: "审计记录")
    public let auditKind = Message(en: "Kind", zh: "类别")
    public let period = Message(en: "Period", zh: "审计期间")
    public let auditor = Message(en: "Auditor", zh: "审计人")
    public let findings = Message(en: "Findings", zh: "审计发现")
    public let noFindings = Message(en: "none recorded", zh: "未记录")
    public let noAudits = Message(en: "no audit recorded covers the tenure", zh: "无覆盖任期的审计记录")

    // MARK: 7. alerts
    public let alertsSection = Message(en: "Alerts open in the tenure", zh: "任期内未处理的提醒事项")
    public let alertLine = Message(en: "[{kind}] {detail}; {source}", zh: "【{kind}】{detail}(依据:{source})")
    public let noAlerts = Message(en: "none", zh: "无")

    // MARK: 8. late entries and corrections
    public let lateSection = Message(en: "Entries recorded late, and corrections", zh: "事后补录与更正的记录")
    public let lateIntro = Message(
        en: "Entries whose effective date falls in the tenure but which were recorded after the ledger recorded the tenure's end, or after an audit covering that date; and every correction or retraction of an entry of the tenure. Both times are shown: the effective date, and when the ledger recorded it (Beijing time).",
        zh: "生效日期在任期内、但在账本记录任期结束之后或在覆盖该日期的审计之后才录入的记录,以及对任期内记录的每一次更正或撤销。同时列出生效日期和录入时间(北京时间)。")
    public let lateEntries = Message(en: "Recorded late", zh: "事后补录")
    public let type = Message(en: "Type", zh: "类型")
    public let effective = Message(en: "Effective", zh: "生效日期")
    public let recorded = Message(en: "Recorded (Beijing time)", zh: "录入时间(北京时间)")
    public let why = Message(en: "Why listed", zh: "列入原因")
    public let afterEnd = Message(en: "recorded after event {seq} recorded the tenure's end ({time})", zh: "在第{seq}号事件记录任期结束({time})之后录入")
    public let afterAudit = Message(en: "recorded after the audit of event {seq} covering its date ({time})", zh: "在覆盖其日期的审计(第{seq}号事件,{time})之后录入")
    public let detailLine = Message(en: "event {seq}: {detail}", zh: "第{seq}号:{detail}")
    public let noLate = Message(en: "none", zh: "无")
    public let correctionsTitle = Message(en: "Corrections and retractions", zh: "更正与撤销")
    public let original = Message(en: "Original event", zh: "原事件号")
    public let originalEffective = Message(en: "Its effective date", zh: "原生效日期")
    public let originalRecorded = Message(en: "Its recording (Beijing time)", zh: "原录入时间(北京时间)")
    public let correctedBy = Message(en: "Corrected by", zh: "更正事件号")
    public let correctionEffective = Message(en: "Correction effective", zh: "更正生效日期")
    public let correctionRecorded = Message(en: "Correction recorded (Beijing time)", zh: "更正录入时间(北京时间)")
    public let how = Message(en: "What and why", zh: "方式与原因")
    public let corrected = Message(en: "corrected: {reason}", zh: "更正:{reason}")
    public let retracted = Message(en: "retracted: {reason}", zh: "撤销:{reason}")
    public let noCorrections = Message(en: "none", zh: "无")

    // MARK: 9. conclusion
    public let conclusionSection = Message(en: "Conclusion", zh: "审计结论")
    public let conclusionFound = Message(en: "Checked against the ledger's records, the audit finds:", zh: "经核对账本记录,本次审计发现以下事项:")
    public let conclusionClean = Message(
        en: "Checked against the ledger's records, the audit finds no fund gap, no missing asset or value mismatch, no expense without a required approval, and no entry of the tenure recorded late or corrected.",
        zh: "经核对账本记录,未发现资金差额、资产短缺或价值不符、未按规定审批的支出,也未发现任期内记录被事后补录或更正。")
    public let issueFundGap = Message(en: "the balance handed over differs from the ledger's by {gap} ({capital})", zh: "移交余额与账面余额相差{gap}({capital})")
    public let issueNoHandover = Message(en: "no handover is recorded", zh: "未记录工作移交")
    public let issueAssetsMissing = Message(en: "{count} asset(s) missing at the handover: {assets}", zh: "{count}项资产移交时短缺:{assets}")
    public let issueAssetValues = Message(en: "{count} asset(s) counted at a value other than the book value: {assets}", zh: "{count}项资产清点价值与账面价值不符:{assets}")
    public let issueUnapproved = Message(en: "{count} expense(s), {amount} ({capital}), paid without the required meeting approval (events {seqs})",
                                         zh: "{count}笔支出共{amount}({capital})未按规定经小组会议审批(第{seqs}号事件)")
    public let issueLate = Message(en: "{count} entry(ies) of the tenure recorded late (events {seqs}; see section {section})",
                                   zh: "{count}条任期内记录系事后补录(第{seqs}号事件,见第{section}部分)")
    public let issueCorrections = Message(en: "{count} entry(ies) of the tenure corrected or retracted (events {seqs}; see section {section})",
                                          zh: "{count}条任期内记录被更正或撤销(第{seqs}号事件,见第{section}部分)")
    public let issueAlerts = Message(en: "{count} alert(s) open (see section {section})", zh: "{count}条提醒事项未处理(见第{section}部分)")
    public let issueOwed = Message(en: "subsidies still owed to the holder: {amount} ({capital})", zh: "尚欠被审计人补贴{amount}({capital})")
    public let opinion = Message(en: "Auditor's opinion", zh: "审计意见")

    // MARK: 10. signatures
    public let signaturesSection = Message(en: "Signatures and stamp", zh: "签字与盖章")
    public let auditorSignature = Message(en: "Auditor (signature)", zh: "审计人(签字)")
    public let witnessSignature = Message(en: "Witness (signature)", zh: "见证人(签字)")
    public let auditedSignature = Message(en: "Person audited (signature)", zh: "被审计人(签字)")
    public let stamp = Message(en: "Audit body (stamp)", zh: "审计单位(盖章)")
    public let signedOn = Message(en: "Date", zh: "日期")
    public let blankDate = Message(en: "____ (year) __ (month) __ (day)", zh: "____年__月__日")

    // MARK: footer
    public let integrity = Message(en: "Integrity: the hash chain of events 1 to {seq} verified; the hash of event {seq} is {hash}.",
                                   zh: "账本完整性:第1至{seq}号事件的哈希链校验通过,第{seq}号事件哈希值为{hash}。")
    public let integrityFailed = Message(en: "INTEGRITY FAILURE at event {seq}: {problem}; this report cannot be relied on.",
                                         zh: "【账本完整性校验失败】第{seq}号事件:{problem};本报告不可作为依据。")
    public let digest = Message(en: "Report content SHA-256 (of the `--format json` output at event {seq}, without its checkpoint): {sha256}",
                                zh: "报告内容摘要(SHA-256,对第{seq}号事件时 `--format json` 输出(不含检查点)计算):{sha256}")
    public let page = Message(en: "Report No. {number}", zh: "报告编号:{number}")

    // MARK: the command's notes and errors
    public let wrote = Message(en: "wrote {file} ({format}); report content SHA-256 {sha256}",
                               zh: "已写入{file}({format});报告内容摘要 SHA-256 {sha256}")
    public let digestNote = Message(en: "report content SHA-256 {sha256} (record it with the completed audit to match the filed report to the ledger)",
                                    zh: "报告内容摘要 SHA-256 {sha256}(请随审计完成记录一并登记,以便将存档报告与账本对应)")
    public let noChromium = Message(
        en: "--format pdf needs headless Chromium, and none was found ({tried}); tools/install-deps.sh installs it (Debian: chromium fonts-noto-cjk), or set GRASSROOTS_CHROMIUM to its path; --format html gives the same document to print",
        zh: "--format pdf 需要无界面 Chromium,但未找到(已查找:{tried});可运行 tools/install-deps.sh 安装(Debian 软件包 chromium、fonts-noto-cjk),或用 GRASSROOTS_CHROMIUM 指定其路径;也可用 --format html 得到同一文档后打印")
    public let chromiumFailed = Message(en: "Chromium ({path}) could not print the PDF: {reason}", zh: "Chromium({path})未能生成 PDF:{reason}")
    public let pdfToTerminal = Message(en: "a PDF is not printed on a terminal; give --out FILE.pdf", zh: "PDF 不能输出到终端;请用 --out 文件名.pdf")
    public let outExists = Message(en: "{file} already exists; refusing to overwrite it", zh: "{file}已存在,拒绝覆盖")
    public let cannotWrite = Message(en: "cannot write {file}: {reason}", zh: "无法写入{file}:{reason}")
}
