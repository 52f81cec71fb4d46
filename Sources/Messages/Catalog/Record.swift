/// `grassroots record ACT --flag value ...` and `grassroots correct SEQ --set field=value ...`: acts recorded
/// from flags, never hand-written JSON (issue 15 item 1). The acts' own names are keyed by the act's name on
/// the command line (`meeting`, `vote`...).
public struct RecordMessages: Sendable {
    // MARK: the acts (abstracts of `grassroots record ACT --help`)
    public let act: [String: Message] = [
        "meeting": .init(en: "a group meeting held, with its attendance", zh: "记录小组会议及到会人数"),
        "vote": .init(en: "a vote tallied at a meeting: an election or a yes/no question", zh: "记录会议表决的计票结果(选举或表决事项)"),
        "installation": .init(en: "a leader installed on the strength of a vote", zh: "记录依表决产生的小组长(成员)就任"),
        "office-ended": .init(en: "an office ended, with the reason", zh: "记录离任及离任原因"),
        "grade": .init(en: "a yearly grade (优秀, 称职, 基本称职, 不称职)", zh: "记录年度考核等次"),
        "appraisal": .init(en: "a democratic appraisal: ratings by rater group, or votes by grade", zh: "记录民主评议(按评议主体的满意度或按等次的测评票)"),
        "accrual": .init(en: "a subsidy accrued for a month under a policy", zh: "记录误工补贴计提"),
        "payment": .init(en: "a payment made to a holder", zh: "记录补贴发放"),
        "fund-receipt": .init(en: "money received into the group's account", zh: "记录小组资金收入"),
        "expense-approval": .init(en: "an expense approved by a group meeting's vote", zh: "记录小组会议审批的支出"),
        "expense-payment": .init(en: "money paid out of the group's account, citing its approval", zh: "记录小组资金支出(引用审批)"),
        "asset": .init(en: "a collective asset registered in the asset ledger", zh: "记录集体资产登记"),
        "custody": .init(en: "an asset passed to another custodian", zh: "记录资产保管人变更"),
        "asset-transfer": .init(en: "an asset leased out, disposed of, or returned", zh: "记录资产出租、处置或收回"),
        "handover": .init(en: "a handover from the outgoing holder to the incoming one", zh: "记录工作移交"),
        "audit": .init(en: "an annual or departure audit completed", zh: "记录年度审计或离任审计"),
        "disclosure": .init(en: "a disclosure posted (finance, affairs, a decision)", zh: "记录村务(组务)公开"),
        "notice": .init(en: "a public notice posted (voter list, candidates, results...)", zh: "记录张榜公布"),
    ]

    // MARK: help
    public let usage = Message(en: "Usage: grassroots record ACT --FLAG VALUE ... [--date YYYY-MM-DD] [--voucher NO] [--again] [--dry-run] [--json]",
                               zh: "用法:grassroots record 事项 --参数 值 ... [--date 年-月-日] [--voucher 凭证号] [--again] [--dry-run] [--json]")
    public let actsHeading = Message(en: "Acts:", zh: "可记录的事项:")
    public let actLine = Message(en: "  {name}  {term}: {what}", zh: "  {name}  {term}:{what}")
    public let flagsHeading = Message(en: "Flags of {act} ({type} v{version}, {term}):", zh: "{act}的参数({type} 第{version}版,{term}):")
    public let flagRequired = Message(en: "required", zh: "必填")
    public let flagOptional = Message(en: "optional", zh: "选填")
    public let flagRepeated = Message(en: "repeat for each", zh: "可重复")
    public let flagLine = Message(en: "  --{flag} {value}  ({required}) {description}", zh: "  --{flag} {value}({required}){description}")
    public let generatedNote = Message(en: "  Without --{flag}, the id is made from the act: {pattern} (-2, -3... when that one is another act's).",
                                       zh: "  不给--{flag}时,编号由内容生成:{pattern}(已被别的事项占用时加-2、-3……)。")
    public let defaultNote = Message(en: "  Without --{flag}: {pattern}, when it is registered.", zh: "  不给--{flag}时:已登记的{pattern}。")
    public let commonFlags = Message(en: "Every act: --date YYYY-MM-DD (required: when the act happened), --actor, --dry-run, --json; money in yuan (1200.50: at most 2 decimal places), dates YYYY-MM-DD, names or ids for units, groups, persons and assets.",
                                     zh: "每个事项:--date 年-月-日(必填:事项发生的日期)、--actor、--dry-run、--json;金额以元为单位(如1200.50,至多两位小数),日期为年-月-日,单位、小组、人员和资产可写名称或编号。")
    public let voucherNote = Message(en: "  --voucher NO: the voucher number (凭证号), stored as {field}; without one, an act identical to one recorded is refused (--again records it deliberately).",
                                     zh: "  --voucher 凭证号:记入{field};不给凭证号时,与已记录事项完全相同的将被拒绝(--again 表示确系再次发生)。")
    public let listSyntax = Message(en: "  --{flag} takes member=value pairs joined by commas: {members}", zh: "  --{flag}的值为以逗号分隔的“成员=值”:{members}")
    public let pairSyntax = Message(en: "  --{flag} A=B is short for {first}=A,{second}=B", zh: "  --{flag} 甲=乙 即 {first}=甲,{second}=乙")

    // MARK: refusals of the input (nothing written)
    public let noAct = Message(en: "name the act to record: grassroots record ACT ...; the acts: {acts}", zh: "请指明要记录的事项:grassroots record 事项 ...;可记录:{acts}")
    public let unknownAct = Message(en: "unknown act \"{act}\"; the acts: {acts}", zh: "没有“{act}”这一事项;可记录:{acts}")
    public let unknownFlag = Message(en: "{act}: unknown flag --{flag}; its flags: {flags}", zh: "{act}没有参数--{flag};可用参数:{flags}")
    public let notAFlag = Message(en: "{act}: \"{text}\" is not a flag: write --FLAG VALUE", zh: "{act}:“{text}”不是参数,应写作 --参数 值")
    public let needsValue = Message(en: "--{flag} needs a value", zh: "--{flag}缺少值")
    public let givenTwice = Message(en: "--{flag} is given twice ({first}, {second}); it takes one value", zh: "--{flag}给了两次({first}、{second}),只能有一个值")
    public let missingFlag = Message(en: "{act}: --{flag} is required: {description}", zh: "{act}:缺少必填参数--{flag}:{description}")
    public let missingDate = Message(en: "{act}: --date YYYY-MM-DD is required: the day the act happened (its effective date)", zh: "{act}:缺少--date 年-月-日:事项发生的日期")
    public let badMoney = Message(en: "--{flag} {value}: not an amount in yuan such as 1200 or 1200.50 (digits, at most 2 decimal places: fen; no sign)",
                                  zh: "--{flag} {value}:不是以元为单位的金额(如1200或1200.50:数字,至多两位小数即到分,不带正负号)")
    public let moneyTooLarge = Message(en: "--{flag} {value}: more than {max} yuan", zh: "--{flag} {value}:超过{max}元")
    public let badDate = Message(en: "--{flag} {value}: not a calendar date YYYY-MM-DD", zh: "--{flag} {value}:不是有效日期(年-月-日)")
    public let badMonth = Message(en: "--{flag} {value}: not a month YYYY-MM", zh: "--{flag} {value}:不是有效月份(年-月)")
    public let badYear = Message(en: "--{flag} {value}: not a year from {min} to {max}", zh: "--{flag} {value}:不是{min}至{max}之间的年份")
    public let badCount = Message(en: "--{flag} {value}: not a whole number (0 or more)", zh: "--{flag} {value}:不是非负整数")
    public let badSeq = Message(en: "--{flag} {value}: not an event's number (1 or more)", zh: "--{flag} {value}:不是事件序号(1及以上)")
    public let badBoolean = Message(en: "--{flag} {value}: write yes or no (是 or 否)", zh: "--{flag} {value}:应写“是”或“否”(yes/no)")
    public let badChoice = Message(en: "--{flag} {value}: must be one of {choices}", zh: "--{flag} {value}:只能是{choices}之一")
    public let badMember = Message(en: "--{flag} {value}: \"{member}\" is not one of its members: {members}", zh: "--{flag} {value}:“{member}”不是可用成员:{members}")
    public let badPair = Message(en: "--{flag} {value}: write member=value pairs joined by commas ({members})", zh: "--{flag} {value}:应写作以逗号分隔的“成员=值”({members})")
    public let invalid = Message(en: "{act}: {reason}", zh: "{act}:{reason}")
    public let voucherNotApplicable = Message(en: "--voucher is for money acts ({acts}); {act} has no voucher", zh: "--voucher只用于资金事项({acts});{act}没有凭证号")
    public let voucherTwice = Message(en: "give the voucher once: --voucher or --{flag}", zh: "凭证号只需给一次:--voucher或--{flag}")
    public let againLimit = Message(en: "{count} identical acts are recorded already; --again stops at {count}", zh: "已有{count}个完全相同的事项,--again最多{count}次")
    public let idsExhausted = Message(en: "{pattern}: ids up to -{count} are taken; give --{flag} yourself", zh: "{pattern}:至-{count}的编号均已占用,请自行给出--{flag}")
    public let identical = Message(en: "an identical {term} is already recorded as event {seq} (no voucher tells them apart): if this is another one, give its voucher number (--voucher 凭证号), or --again to record it deliberately; nothing was written",
                                   zh: "已有完全相同的{term}记录于第{seq}号事件(无凭证号可区分):如确系另一笔,请给出凭证号(--voucher),或用--again确认再次记录;未写入任何内容")

    // MARK: results
    public let recorded = Message(en: "recorded {term} ({type}) as event {seq}", zh: "已记录{term}({type}),第{seq}号事件")
    public let wouldRecord = Message(en: "would record {term} ({type}) as event {seq}; --dry-run: nothing written", zh: "将记录{term}({type})为第{seq}号事件;--dry-run:未写入任何内容")
    public let alreadyRecorded = Message(en: "already recorded as event {seq} ({type}): nothing written", zh: "已于第{seq}号事件记录({type}),未重复写入")
    public let recordedAgain = Message(en: "recorded again deliberately: identical number {count} (its key ends in {suffix})", zh: "确认再次记录:第{count}笔相同事项(幂等键以{suffix}结尾)")
    public let generatedID = Message(en: "{field}: {id}", zh: "{field}:{id}")
    public let idTaken = Message(en: "note: {taken} is another act's; this one is {id}. To fix a recorded act, use grassroots correct SEQ",
                                 zh: "注意:{taken}已为另一事项所用,本事项编号为{id}。如需更正已记录的事项,请用grassroots correct 序号")

    // MARK: correct
    public let noSets = Message(en: "nothing to correct: give --set FIELD=VALUE (its fields: {fields})", zh: "没有要更正的内容:请用--set 字段=值(可用字段:{fields})")
    public let setSyntax = Message(en: "--set {value}: write FIELD=VALUE", zh: "--set {value}:应写作 字段=值")
    public let unknownField = Message(en: "event {seq} ({type}) has no field \"{field}\"; its fields: {fields}", zh: "第{seq}号事件({type})没有字段“{field}”;可用字段:{fields}")
    public let listField = Message(en: "--set {field}: a nested object cannot be set field by field; give the whole correction with append (event.corrected)",
                                   zh: "--set {field}:嵌套对象不能逐项更正;请用append提交完整的更正(event.corrected)")
    public let sealedField = Message(en: "--set {field}: personal data kept out of the chain cannot be corrected in place (Schemas/PERSONAL.md)",
                                     zh: "--set {field}:链外保存的个人信息不能这样更正(Schemas/PERSONAL.md)")
    public let noChange = Message(en: "the correction changes nothing: {fields} already hold those values; nothing was written",
                                  zh: "更正没有改变任何内容:{fields}已是这些值;未写入任何内容")
    public let noEvent = Message(en: "there is no event {seq} (the ledger's last is {head})", zh: "没有第{seq}号事件(账本最后为第{head}号)")
    public let notCorrectable = Message(en: "event {seq} is a {type}: correct the event it fixes, not a correction", zh: "第{seq}号事件为{type}:请更正原事件,而非更正或撤销记录")
    public let unknownType = Message(en: "event {seq} is a {type} v{version}, which the catalog does not have", zh: "第{seq}号事件为{type}第{version}版,事件目录中没有该类型")
    public let diffHeading = Message(en: "correcting event {seq} ({type}, {date}):", zh: "更正第{seq}号事件({type},{date}):")
    public let diffLine = Message(en: "  {field}: {old} → {new}", zh: "  {field}:{old} → {new}")
    public let absent = Message(en: "(none)", zh: "(无)")
    public let correctedAs = Message(en: "recorded the correction as event {seq}", zh: "更正已记录为第{seq}号事件")
    public let wouldCorrect = Message(en: "would record the correction as event {seq}; --dry-run: nothing written", zh: "将记录更正为第{seq}号事件;--dry-run:未写入任何内容")
    public let correctionKnown = Message(en: "this correction is already recorded as event {seq}: nothing written", zh: "该更正已于第{seq}号事件记录,未重复写入")
    // MARK: CSV: template and import
    /// Column headings of CSV templates, by payload field (and `act`, `date`): `小组(group)`.
    public let column: [String: Message] = [
        "act": .init(en: "act", zh: "事项"), "date": .init(en: "date", zh: "日期"),
        "group": .init(en: "group", zh: "小组"), "meeting": .init(en: "meeting id", zh: "会议编号"), "purpose": .init(en: "purpose", zh: "事由"),
        "eligibleAdults": .init(en: "adults entitled", zh: "应到人数"), "attendingAdults": .init(en: "adults attending", zh: "实到人数"),
        "eligibleHouseholds": .init(en: "households entitled", zh: "应到户数"), "attendingHouseholds": .init(en: "households attending", zh: "实到户数"),
        "vote": .init(en: "vote id", zh: "表决编号"), "question": .init(en: "question", zh: "表决事项"), "ballotsCast": .init(en: "ballots cast", zh: "投票人数"),
        "candidates": .init(en: "candidates' votes", zh: "候选人得票"), "yes": .init(en: "yes", zh: "赞成票"), "no": .init(en: "no", zh: "反对票"),
        "election": .init(en: "election id", zh: "选举编号"), "person": .init(en: "person", zh: "人员"), "post": .init(en: "post", zh: "职务"),
        "termEnds": .init(en: "term ends", zh: "任期届满"), "reason": .init(en: "reason", zh: "原因"), "cites": .init(en: "cites event", zh: "依据事件"),
        "year": .init(en: "year", zh: "年度"), "grade": .init(en: "grade", zh: "等次"), "assessedBy": .init(en: "assessed by", zh: "考核单位"),
        "ratings": .init(en: "ratings", zh: "满意度评议"), "gradeVotes": .init(en: "votes by grade", zh: "等次测评票"),
        "unit": .init(en: "village or community", zh: "村(社区)"), "period": .init(en: "month", zh: "月份"),
        "amountFen": .init(en: "amount (yuan)", zh: "金额(元)"), "fundingSource": .init(en: "funding source", zh: "资金来源"),
        "policy": .init(en: "policy", zh: "政策"), "payment": .init(en: "payment id", zh: "发放编号"), "reference": .init(en: "voucher", zh: "凭证号"),
        "source": .init(en: "source", zh: "收入来源"), "approval": .init(en: "approval id", zh: "审批编号"), "payee": .init(en: "payee", zh: "收款方"),
        "asset": .init(en: "asset", zh: "资产"), "kind": .init(en: "kind", zh: "类别"), "description": .init(en: "description", zh: "名称"),
        "valueFen": .init(en: "value (yuan)", zh: "价值(元)"), "custodian": .init(en: "custodian", zh: "保管人"),
        "from": .init(en: "from", zh: "原保管人"), "to": .init(en: "to", zh: "新保管人"), "action": .init(en: "action", zh: "处置方式"),
        "counterparty": .init(en: "lessee or buyer", zh: "承租方或买受方"), "until": .init(en: "until", zh: "租期至"),
        "outgoing": .init(en: "outgoing", zh: "移交人"), "incoming": .init(en: "incoming", zh: "接收人"), "witnesses": .init(en: "witnesses", zh: "监交人"),
        "items": .init(en: "assets counted", zh: "资产清点"), "cashFen": .init(en: "cash (yuan)", zh: "现金(元)"),
        "balanceFen": .init(en: "balance (yuan)", zh: "余额(元)"), "periodStart": .init(en: "period start", zh: "起始日"),
        "periodEnd": .init(en: "period end", zh: "截止日"), "auditor": .init(en: "auditor", zh: "审计人"), "findings": .init(en: "findings", zh: "审计发现"),
        "reportSha256": .init(en: "report SHA-256", zh: "报告SHA-256"), "days": .init(en: "days posted", zh: "公示天数"),
        "rejected": .init(en: "why refused", zh: "拒绝原因"),
    ]
    public let csvEmpty = Message(en: "{file}: no header row", zh: "{file}:没有表头行")
    public let csvTooLarge = Message(en: "{file}: more than {max} bytes", zh: "{file}:超过{max}字节")
    public let csvTooManyRows = Message(en: "{file}: more than {max} rows; split it", zh: "{file}:超过{max}行,请拆分")
    public let csvUnreadable = Message(en: "cannot read {file}: {reason}", zh: "无法读取{file}:{reason}")
    public let csvMalformed = Message(en: "{file}: not valid CSV: {reason}", zh: "{file}:不是有效的CSV:{reason}")
    public let csvUnknownColumn = Message(en: "{file}: column {column} \"{header}\" names no field of {act}", zh: "{file}:第{column}列“{header}”不是{act}的字段")
    public let csvNoAct = Message(en: "{file}: the rows name no act: give a 事项(act) column or --act", zh: "{file}:未指明事项:请加“事项(act)”列或用--act")
    public let csvRow = Message(en: "row {row}: {reason}", zh: "第{row}行:{reason}")
    public let csvWidth = Message(en: "{count} cells where the header has {columns}", zh: "有{count}格,表头为{columns}列")
    public let csvSameAsRow = Message(en: "the same act as row {row}", zh: "与第{row}行为同一事项")
    public let csvChecksCut = Message(en: "the rules were checked again {max} times, after as many refused rows; the rows from row {row} on were not checked", zh: "规则已重新检查{max}次(已有同样多的行被拒绝);自第{row}行起的各行未检查")
    public let csvRefused = Message(en: "{count} rows refused; nothing of {file} was written", zh: "{count}行被拒绝;{file}未写入任何内容")
    public let csvRejectsWritten = Message(en: "the refused rows, with why, are in {file}: fix them there and import it", zh: "被拒绝的行及原因已写入{file}:修改后可再导入")
    public let csvImported = Message(en: "imported {count} rows of {file} as events {first}-{last}; {known} already recorded", zh: "已导入{file}的{count}行,为第{first}至{last}号事件;{known}行此前已记录")
    public let csvNothingNew = Message(en: "nothing new in {file}: {known} rows already recorded", zh: "{file}中没有新内容:{known}行此前已记录")
    public let csvWouldImport = Message(en: "would import {count} rows of {file}; {known} already recorded; --dry-run: nothing written", zh: "将导入{file}的{count}行;{known}行此前已记录;--dry-run:未写入任何内容")
}
