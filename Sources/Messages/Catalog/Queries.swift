/// Headings, column names and lines of the queries and commands.
public struct Queries: Sendable {
    /// The kinds of things `find` finds, by `Found.Kind`.
    public let kind: [String: Message] = [
        "unit": .init(en: "unit", zh: "行政单位"), "group": .init(en: "group", zh: "小组"),
        "asset": .init(en: "asset", zh: "资产"), "person": .init(en: "person", zh: "人员"),
    ]
    public let thing = Message(en: "thing", zh: "对象")
    public let noEvents = Message(en: "no events", zh: "没有事件")

    public let roster = RosterWords()
    public let person = PersonWords()
    public let funds = FundsWords()
    public let subsidies = SubsidiesWords()
    public let assets = AssetsWords()
    public let alerts = AlertsWords()
    public let trail = TrailWords()
    public let log = LogWords()
    public let directory = DirectoryWords()
    /// The events' payload fields, by name, as a detail line shows them (a test keeps every field of the event
    /// catalog here).
    public let fields: [String: Message] = [
        "action": .init(en: "action", zh: "处理方式"),
        "adults": .init(en: "adults", zh: "成年人数"),
        "amountFen": .init(en: "amount", zh: "金额"),
        "approval": .init(en: "approval", zh: "审批"),
        "approve": .init(en: "approve", zh: "赞成"),
        "assessedBy": .init(en: "assessed by", zh: "考核单位"),
        "asset": .init(en: "asset", zh: "资产"),
        "attendingAdults": .init(en: "adults attending", zh: "到会成年人数"),
        "attendingHouseholds": .init(en: "households attending", zh: "到会户数"),
        "auditor": .init(en: "auditor", zh: "审计人"),
        "awardedBy": .init(en: "awarded by", zh: "奖励单位"),
        "balanceFen": .init(en: "balance", zh: "余额"),
        "ballotsCast": .init(en: "ballots cast", zh: "投票数"),
        "basicallySatisfied": .init(en: "basically satisfied", zh: "基本满意"),
        "birthDate": .init(en: "born", zh: "出生日期"),
        "candidates": .init(en: "candidates", zh: "候选人"),
        "cashFen": .init(en: "cash", zh: "现金"),
        "cites": .init(en: "cites", zh: "依据"),
        "corrects": .init(en: "corrects", zh: "更正事件"),
        "counterparty": .init(en: "counterparty", zh: "往来方"),
        "counterpartyPerson": .init(en: "counterparty (person)", zh: "往来方(人员)"),
        "custodian": .init(en: "custodian", zh: "保管人"),
        "days": .init(en: "days", zh: "天数"),
        "description": .init(en: "description", zh: "名称"),
        "document": .init(en: "document", zh: "文件"),
        "election": .init(en: "election", zh: "选举"),
        "electionDay": .init(en: "election day", zh: "选举日"),
        "eligibleAdults": .init(en: "eligible adults", zh: "应到成年人数"),
        "eligibleHouseholds": .init(en: "eligible households", zh: "应到户数"),
        "eligibleVoters": .init(en: "eligible voters", zh: "有选举权人数"),
        "filedWith": .init(en: "filed with", zh: "报送单位"),
        "findings": .init(en: "findings", zh: "审计发现"),
        "from": .init(en: "from", zh: "原"),
        "fundingSource": .init(en: "funding source", zh: "资金来源"),
        "grade": .init(en: "grade", zh: "等次"),
        "gradeVotes": .init(en: "votes by grade", zh: "各等次票数"),
        "group": .init(en: "group", zh: "小组"),
        "households": .init(en: "households", zh: "户数"),
        "imposedBy": .init(en: "imposed by", zh: "处理单位"),
        "incoming": .init(en: "incoming", zh: "接任人"),
        "items": .init(en: "items", zh: "清单"),
        "kind": .init(en: "kind", zh: "类别"),
        "level": .init(en: "level", zh: "层级"),
        "meeting": .init(en: "meeting", zh: "会议"),
        "name": .init(en: "name", zh: "名称"),
        "no": .init(en: "no", zh: "反对"),
        "nominatedBy": .init(en: "nominated by", zh: "提名方式"),
        "note": .init(en: "note", zh: "备注"),
        "outcome": .init(en: "outcome", zh: "结果"),
        "outgoing": .init(en: "outgoing", zh: "离任人"),
        "parent": .init(en: "parent", zh: "上级"),
        "payee": .init(en: "payee", zh: "收款人"),
        "payeePerson": .init(en: "payee (person)", zh: "收款人(人员)"),
        "payment": .init(en: "payment", zh: "支付"),
        "period": .init(en: "period", zh: "期间"),
        "periodEnd": .init(en: "period end", zh: "期末"),
        "periodStart": .init(en: "period start", zh: "期初"),
        "person": .init(en: "person", zh: "人员"),
        "petition": .init(en: "petition", zh: "罢免申请"),
        "policy": .init(en: "policy", zh: "政策"),
        "population": .init(en: "population", zh: "人口"),
        "post": .init(en: "post", zh: "职务"),
        "present": .init(en: "present", zh: "在账"),
        "purpose": .init(en: "purpose", zh: "用途"),
        "question": .init(en: "question", zh: "表决事项"),
        "raters": .init(en: "raters", zh: "评议主体"),
        "ratings": .init(en: "ratings", zh: "评议结果"),
        "reason": .init(en: "reason", zh: "原因"),
        "reasons": .init(en: "reasons", zh: "理由"),
        "reference": .init(en: "reference", zh: "凭证号"),
        "replacement": .init(en: "replacement", zh: "更正后内容"),
        "representativeSignatures": .init(en: "representatives' signatures", zh: "村民代表联名数"),
        "representatives": .init(en: "representatives", zh: "村民代表"),
        "retracts": .init(en: "retracts", zh: "撤销事件"),
        "satisfied": .init(en: "satisfied", zh: "满意"),
        "sex": .init(en: "sex", zh: "性别"),
        "signatures": .init(en: "signatures", zh: "联名人数"),
        "source": .init(en: "source", zh: "依据"),
        "subject": .init(en: "subject", zh: "对象"),
        "substantiated": .init(en: "substantiated", zh: "调查属实"),
        "termEnds": .init(en: "term ends", zh: "任期届满"),
        "title": .init(en: "title", zh: "标题"),
        "to": .init(en: "to", zh: "新"),
        "unit": .init(en: "unit", zh: "行政单位"),
        "unsatisfied": .init(en: "unsatisfied", zh: "不满意"),
        "until": .init(en: "until", zh: "至"),
        "valueFen": .init(en: "value", zh: "价值"),
        "vote": .init(en: "vote", zh: "表决"),
        "votes": .init(en: "votes", zh: "票数"),
        "votesCast": .init(en: "votes cast", zh: "投票数"),
        "votesFor": .init(en: "votes for", zh: "得票数"),
        "votingRights": .init(en: "voting rights", zh: "选举权"),
        "witnesses": .init(en: "witnesses", zh: "见证人"),
        "year": .init(en: "year", zh: "年度"),
        "yes": .init(en: "yes", zh: "赞成"),
    ]
}

/// `grassroots person`.
public struct PersonWords: Sendable {
    public let born = Message(en: "{person}, born {date}", zh: "{person},出生日期{date}")
    public let posts = Message(en: "posts:", zh: "任职经历:")
    public let group = Message(en: "GROUP", zh: "小组/村(社区)")
    public let groupName = Message(en: "NAME", zh: "名称")
    public let post = Message(en: "POST", zh: "职务")
    public let from = Message(en: "FROM", zh: "起")
    public let until = Message(en: "UNTIL", zh: "止")
    public let reason = Message(en: "REASON", zh: "离任原因")
    public let inOffice = Message(en: "in office", zh: "在任")
    public let grades = Message(en: "grades: {list}", zh: "年度考核:{list}")
    public let grade = Message(en: "{year} {grade} ({group})", zh: "{year}年{grade}({group})")
    public let discipline = Message(en: "discipline: {list}", zh: "处理记录:{list}")
    public let disciplineLine = Message(en: "{date} {kind}: {reason}", zh: "{date}{kind}:{reason}")
    public let subsidies = Message(en: "subsidies: accrued {accrued}, bonuses {bonus}, deducted {deducted}, paid {paid}, owed {owed}",
                                   zh: "补贴:应发{accrued},奖励{bonus},扣减{deducted},已发{paid},尚欠{owed}")
}

/// `grassroots funds`.
public struct FundsWords: Sendable {
    public let seq = Message(en: "SEQ", zh: "事件号")
    public let date = Message(en: "DATE", zh: "日期")
    public let kind = Message(en: "KIND", zh: "类别")
    public let amount = Message(en: "YUAN", zh: "金额(元)")
    public let balance = Message(en: "BALANCE", zh: "余额(元)")
    public let counterparty = Message(en: "FROM/TO", zh: "来源/去向")
    public let approval = Message(en: "APPROVAL", zh: "审批")
    public let receipt = Message(en: "receipt", zh: "收入")
    public let expense = Message(en: "expense", zh: "支出")
    public let unapproved = Message(en: "NONE (unapproved)", zh: "无(未经审批)")
    public let totals = Message(en: "receipts {receipts}, expenses {expenses}, balance {balance}",
                                zh: "收入合计{receipts},支出合计{expenses},余额{balance}")
    public let unapprovedCount = Message(en: "; {count} expense(s) without approval", zh: ";{count}笔支出未经审批")
}

/// `grassroots subsidies`.
public struct SubsidiesWords: Sendable {
    public let person = Message(en: "PERSON", zh: "人员")
    public let year = Message(en: "YEAR", zh: "年度")
    public let accrued = Message(en: "ACCRUED", zh: "应发(元)")
    public let bySource = Message(en: "BY SOURCE", zh: "资金来源")
    public let bonus = Message(en: "BONUS", zh: "奖励(元)")
    public let deducted = Message(en: "DEDUCTED", zh: "扣减(元)")
    public let paid = Message(en: "PAID", zh: "已发(元)")
    public let balance = Message(en: "BALANCE", zh: "结余(元)")
    public let sourceAmount = Message(en: "{source} {amount}", zh: "{source}{amount}")
}

/// `grassroots assets`.
public struct AssetsWords: Sendable {
    public let asset = Message(en: "ASSET", zh: "资产编号")
    public let description = Message(en: "DESCRIPTION", zh: "资产名称")
    public let kind = Message(en: "KIND", zh: "类别")
    public let value = Message(en: "YUAN", zh: "账面价值(元)")
    public let custodian = Message(en: "CUSTODIAN", zh: "保管人")
    public let status = Message(en: "STATUS", zh: "状态")
    public let historyLine = Message(en: "{date} {act}: {custodian}, {status}", zh: "{date}{act}:保管人{custodian},{status}")
    public let statuses: [String: Message] = [
        "held": .init(en: "held", zh: "在管"), "leased": .init(en: "leased", zh: "出租中"), "disposed": .init(en: "disposed", zh: "已处置"),
    ]
    public let acts: [String: Message] = [
        "registered": .init(en: "registered", zh: "登记"), "custody changed": .init(en: "custody changed", zh: "保管人变更"),
        "handed over": .init(en: "handed over", zh: "移交"), "leased": .init(en: "leased", zh: "出租"),
        "disposed": .init(en: "disposed", zh: "处置"), "returned": .init(en: "returned", zh: "收回"),
    ]
}

/// `grassroots alerts`.
public struct AlertsWords: Sendable {
    public let none = Message(en: "no alerts as of {date}", zh: "截至{date}无提醒事项")
    public let count = Message(en: "{count} alerts as of {date}", zh: "截至{date}共{count}条提醒", enOne: "1 alert as of {date}")
    public let atSeq = Message(en: ", as recorded up to event {seq}", zh: "(按第{seq}号事件时的记录)")
    public let line = Message(en: "- [{kind}] {where}: {detail}; {source}", zh: "- 【{kind}】{where}:{detail}(依据:{source})")
    public let kind = Message(en: "KIND", zh: "类别")
    public let place = Message(en: "GROUP/UNIT", zh: "小组/村(社区)")
    public let placeName = Message(en: "NAME", zh: "名称")
    public let person = Message(en: "PERSON", zh: "人员")
    public let detail = Message(en: "DETAIL", zh: "情况")
    public let source = Message(en: "SOURCE", zh: "依据")
}

/// `grassroots trail` and the event types.
public struct TrailWords: Sendable {
    public let none = Message(en: "no events concern {subject}", zh: "没有涉及{subject}的事件")
    public let seq = Message(en: "SEQ", zh: "事件号")
    public let effective = Message(en: "EFFECTIVE", zh: "生效日期")
    public let recorded = Message(en: "RECORDED (Beijing time)", zh: "录入时间(北京时间)")
    public let type = Message(en: "TYPE", zh: "类型")
    public let stream = Message(en: "STREAM", zh: "对象")
    public let status = Message(en: "STATUS", zh: "状态")
    public let detail = Message(en: "DETAIL", zh: "内容")
    public let corrected = Message(en: "corrected by {seq}", zh: "已被第{seq}号更正")
    public let retracted = Message(en: "retracted by {seq}", zh: "已被第{seq}号撤销")
}

/// `grassroots log`.
public struct LogWords: Sendable {
    public let seq = Message(en: "SEQ", zh: "事件号")
    public let effective = Message(en: "EFFECTIVE", zh: "生效日期")
    public let type = Message(en: "TYPE", zh: "类型")
    public let stream = Message(en: "STREAM", zh: "对象")
    public let version = Message(en: "VER", zh: "版本")
    public let actor = Message(en: "ACTOR", zh: "录入人")
    public let subjects = Message(en: "SUBJECTS", zh: "涉及")
    public let recorded = Message(en: "RECORDED", zh: "录入时间(UTC)")
}

/// `grassroots units`, `groups`, `find`.
public struct DirectoryWords: Sendable {
    public let unit = Message(en: "UNIT", zh: "编号")
    public let name = Message(en: "NAME", zh: "名称")
    public let level = Message(en: "LEVEL", zh: "层级")
    public let parent = Message(en: "PARENT", zh: "上级")
    public let parentName = Message(en: "PARENT NAME", zh: "上级名称")
    public let group = Message(en: "GROUP", zh: "编号")
    public let kind = Message(en: "KIND", zh: "类别")
    public let inUnit = Message(en: "UNIT", zh: "所属村(社区)")
    public let inUnitName = Message(en: "UNIT NAME", zh: "村(社区)名称")
    public let households = Message(en: "HOUSEHOLDS", zh: "户数")
    public let adults = Message(en: "ADULTS", zh: "成年人数")
    public let leader = Message(en: "LEADER", zh: "小组长")
    public let what = Message(en: "WHAT", zh: "类别")
    public let id = Message(en: "ID", zh: "编号")
    public let within = Message(en: "WITHIN", zh: "所属")
    public let withinName = Message(en: "WITHIN NAME", zh: "所属名称")
    public let noUnits = Message(en: "no units are registered", zh: "尚未登记任何行政单位")
    public let noGroups = Message(en: "no groups are registered there", zh: "该范围内尚未登记任何小组")
    public let nothingFound = Message(en: "nothing is named or numbered like \"{text}\"", zh: "没有名称或编号含\"{text}\"的记录")
}

/// `grassroots roster`.
public struct RosterWords: Sendable {
    public let group = Message(en: "GROUP", zh: "小组")
    public let groupName = Message(en: "GROUP NAME", zh: "小组名称")
    public let post = Message(en: "POST", zh: "职务")
    public let holder = Message(en: "HOLDER", zh: "任职人")
    public let holderName = Message(en: "HOLDER NAME", zh: "任职人姓名")
    public let since = Message(en: "SINCE", zh: "任职起始")
    public let vacantSince = Message(en: "vacant since {date}", zh: "自{date}起空缺")
}
