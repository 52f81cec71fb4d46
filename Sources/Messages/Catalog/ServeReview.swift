/// `grassroots serve`'s pages for reviewers (and clerks): the navigation bar, the trail, explain, alerts and the
/// departure audit pages, and the API's answers for ids that name nothing.
public struct ReviewMessages: Sendable {
    // MARK: navigation
    public let navRoster = Message(en: "Roster", zh: "任职名册")
    public let navTrail = Message(en: "Trail", zh: "事件轨迹")
    public let navExplain = Message(en: "Explain", zh: "决定核查")
    public let navAlerts = Message(en: "Alerts", zh: "预警")
    public let navAudit = Message(en: "Departure audit", zh: "离任审计")
    public let navRecord = Message(en: "Record", zh: "记录")

    // MARK: titles
    public let trailTitle = Message(en: "Trail", zh: "事件轨迹")
    public let explainTitle = Message(en: "Decision explained", zh: "决定核查")
    public let alertsTitle = Message(en: "Alerts", zh: "预警")
    public let auditTitle = Message(en: "Departure audit", zh: "离任经济责任审计")

    // MARK: query forms
    public let personLabel = Message(en: "Person", zh: "人员")
    public let groupLabel = Message(en: "Group", zh: "小组")
    public let unitLabel = Message(en: "Unit", zh: "单位")
    public let fromLabel = Message(en: "From date", zh: "起始日期")
    public let toLabel = Message(en: "To date", zh: "截止日期")
    public let asOfLabel = Message(en: "As of date", zh: "截至日期")
    public let atSeqLabel = Message(en: "As known after event", zh: "截至第几号事件")
    public let decisionLabel = Message(en: "Decision (event seq or vote:ID)", zh: "决定(事件序号或 vote:表决编号)")
    public let printButton = Message(en: "Print", zh: "打印")
    public let backLink = Message(en: "Back to the form", zh: "返回查询")
    public let auditIntro = Message(en: "The report as `grassroots audit departure --format html` prints it, to print and sign.",
                                    zh: "报告与 grassroots audit departure --format html 输出的相同,可打印后签字盖章。")

    // MARK: answers
    public let trailCount = Message(en: "{count} events concerning {subject}", zh: "涉及{subject}的事件共{count}个", enOne: "1 event concerning {subject}")
    public let trailCut = Message(en: "only the first {limit} events are shown (limit)", zh: "只显示前{limit}个事件(limit)")
    public let alertsNone = Message(en: "no alerts on {date}", zh: "{date}没有预警")
    public let alertsCount = Message(en: "{count} alerts on {date}", zh: "{date}共有{count}条预警", enOne: "1 alert on {date}")
    public let valid = Message(en: "valid", zh: "有效")
    public let invalid = Message(en: "not valid", zh: "无效")

    // MARK: refusals
    /// An id or name that names nothing (HTTP 404): the words of the rule or lookup that refused it follow.
    public let notFound = Message(en: "not found: {reason}", zh: "未找到:{reason}")
    public let noDecision = Message(en: "give the decision to explain: seq=N or vote=vote:ID", zh: "请给出要核查的决定:seq=事件序号 或 vote=vote:表决编号")
    public let personAndGroup = Message(en: "give --person and --group", zh: "请同时给出 --person 和 --group")
    public let notGrantedOn = Message(en: "line {line}: {account} held no grant on {date}, the act's effective date (revoked, or granted from a later date)",
                                      zh: "第{line}行:{account}在该事项的生效日期{date}没有有效授权(已撤销或授权尚未生效)")
    public let reviewerOn = Message(en: "line {line}: on {date}, the act's effective date, {account} was a reviewer: reviewers read only",
                                    zh: "第{line}行:在该事项的生效日期{date},{account}是审阅人:审阅人只能查阅,不能记录")
}
