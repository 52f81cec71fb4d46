/// `grassroots payroll` for real months: a catch-up of missed months, future periods refused, what was
/// accrued already, and the alert for a holder with no accrual in a month the policy pays.
public struct PayrollMessages: Sendable {
    public let futurePeriod = Message(en: "{period} has not begun: the current month is {current} (Beijing time); a subsidy accrues for a month that has begun",
                                      zh: "{period}尚未开始:当前为{current}(北京时间);误工补贴只能为已开始的月份计提")
    public let fromNeedsCatchUp = Message(en: "--from goes with --catch-up", zh: "--from 须与 --catch-up 一起使用")
    public let catchUpNeedsFrom = Message(en: "--catch-up needs --from YYYY-MM, the first month to catch up", zh: "--catch-up 须给出 --from YYYY-MM(补发起始月份)")
    public let periodNeeded = Message(en: "give --period YYYY-MM (or --catch-up --from YYYY-MM)", zh: "请给出 --period YYYY-MM(或 --catch-up --from YYYY-MM)")
    public let fromAfterLast = Message(en: "--from {from} is after the last month {last}", zh: "--from {from}晚于截止月份{last}")
    public let tooManyMonths = Message(en: "a catch-up covers at most {max} months; {from} to {last} is more: catch up in parts",
                                       zh: "一次补发至多{max}个月;{from}至{last}超过此数,请分段补发")
    public let periodColumn = Message(en: "PERIOD", zh: "期间")
    public let periods = Message(en: "{from} to {last}", zh: "{from}至{last}")
    public let alreadyAccrued = Message(en: "{count} holder-months were accrued already and are left as they are",
                                        zh: "{count}个人次月份此前已计提,保持不变", enOne: "{count} holder-month was accrued already and is left as it is")
    public let skippedSummary = Message(en: "{count} holder-months owed nothing: {rule}", zh: "{count}个人次月份无补贴:{rule}",
                                        enOne: "{count} holder-month owed nothing: {rule}")
    public let nothingOwed = Message(en: "nothing for {person} ({post} of {group}) in {period}: {reason}", zh: "{person}({group}{post}){period}无补贴:{reason}")

    // MARK: the alert
    public let alertDetail = Message(
        en: "{person} held {post} of {group} in {count} months the policy pays for with no subsidy accrued: {months}; `grassroots payroll --unit {unit} --catch-up --from {first}` accrues them",
        zh: "{person}任{group}{post}期间,有{count}个应发补贴的月份未计提:{months};可运行 `grassroots payroll --unit {unit} --catch-up --from {first}` 补发",
        enOne: "{person} held {post} of {group} in {count} month the policy pays for with no subsidy accrued: {months}; `grassroots payroll --unit {unit} --catch-up --from {first}` accrues it")
    public let monthsListed = Message(en: "{listed} and {more} more", zh: "{listed}等(另有{more}个月)")
}
