/// Headings, column names and lines of the queries and commands.
public struct Queries: Sendable {
    /// The kinds of things `find` finds, by `Found.Kind`.
    public let kind: [String: Message] = [
        "unit": .init(en: "unit", zh: "行政单位"), "group": .init(en: "group", zh: "小组"),
        "asset": .init(en: "asset", zh: "资产"), "person": .init(en: "person", zh: "人员"),
    ]
    public let thing = Message(en: "thing", zh: "对象")

    public let roster = RosterWords()
    public let person = PersonWords()
    public let funds = FundsWords()
    public let subsidies = SubsidiesWords()
    public let assets = AssetsWords()
    public let alerts = AlertsWords()
    public let trail = TrailWords()
    public let log = LogWords()
    public let directory = DirectoryWords()
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
    public let count = Message(en: "{count} alert(s) as of {date}", zh: "截至{date}共{count}条提醒")
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
    public let personsUnnamed = Message(en: "(persons are found by id only: names are personal data, kept out of the register)",
                                        zh: "(人员只能按编号查找:姓名属个人信息,不进入登记册)")
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
