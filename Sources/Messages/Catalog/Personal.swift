/// Names and personal data (个人信息): the refusals of an erasure and of acts on an erased person, and what
/// `grassroots erase` says. Schemas/PERSONAL.md describes what is kept where.
public struct PersonalMessages: Sendable {
    // MARK: rules (the English text is the rule's stable name)
    public let alreadyErased = Message(en: "personal data already erased", zh: "个人信息已删除")
    public let retentionHold = Message(en: "retention period not ended", zh: "保存期限未届满")
    public let erasureDatedAhead = Message(en: "erasure dated after it is recorded", zh: "删除日期晚于记录日期")
    public let birthDateUnavailable = Message(en: "birth date not available", zh: "出生日期无法读取")

    // MARK: details
    public let alreadyErasedDetail = Message(
        en: "the personal data of {person} was erased by event {seq}",
        zh: "{person}的个人信息已由第{seq}号事件删除")
    public let retentionDetail = Message(
        en: "{person} is named by {count} money records ({types}), the latest dated {latest}; they are kept {years} years from the end of that year, until {until}: their personal data may not be erased before {from} (erasure dated {date})",
        zh: "{person}见于{count}条资金记录({types}),最近一条日期为{latest};自该会计年度终了后起保管{years}年,至{until}为止:{from}之前不得删除其个人信息(删除日期{date})")
    public let retentionWhy = Message(
        en: "records the law or a regulation requires to be kept are not erased while their retention period runs; only storage and protection continue",
        zh: "法律、行政法规规定的保存期限未届满的,个人信息处理者应当停止除存储和采取必要的安全保护措施之外的处理")
    public let datedAheadDetail = Message(
        en: "the erasure is dated {date}, after the day it is recorded ({recorded}, Beijing time): an erasure takes effect when it is done",
        zh: "删除日期为{date},晚于记录之日({recorded},北京时间):删除自办理之日起生效")
    public let birthDateDetail = Message(
        en: "{person}'s birth date cannot be read from the ledger's sealed-value store (erased, or the store is missing), so the minimum age cannot be checked",
        zh: "无法从台账的个人信息库读取{person}的出生日期(已删除或个人信息库缺失),无法核对最低年龄")
    public let sealedSchema = Message(en: "Schemas/PERSONAL.md (personal data)", zh: "Schemas/PERSONAL.md(个人信息)")

    // MARK: queries
    /// The column of a person's name beside their id.
    public let nameColumn = Message(en: "name", zh: "姓名")

    // MARK: the erase command
    public let erased = Message(
        en: "erased the personal data of {person} (event {seq}): {removed} of {count} values removed from the sealed-value store, which was rewritten compacted; the chain keeps their commitments and still verifies",
        zh: "已删除{person}的个人信息(第{seq}号事件):从个人信息库删除{removed}项(共{count}项),个人信息库已压缩重写;哈希链保留其承诺值,校验不受影响")
    public let finished = Message(
        en: "the personal data of {person} was erased by event {seq}; {removed} values left behind (an erasure cut short) were removed now",
        zh: "{person}的个人信息已由第{seq}号事件删除;本次补删遗留的{removed}项")
    public let nothingLeft = Message(
        en: "the personal data of {person} was erased by event {seq}; nothing of it is left in the sealed-value store",
        zh: "{person}的个人信息已由第{seq}号事件删除;个人信息库中已无其数据")
    public let keptInChain = Message(
        en: "events of an earlier version keep personal data of {person} in the hash chain, where it cannot be erased without breaking the chain ({count}):",
        zh: "以下早期版本事件在哈希链中保留了{person}的个人信息,删除将破坏哈希链,无法删除(共{count}条):")
    public let keptLine = Message(en: "  event {seq}: {type} v{version} ({fields})", zh: "  第{seq}号事件:{type} v{version}({fields})")
    public let noneKeptInChain = Message(
        en: "no event keeps personal data of {person} in the hash chain",
        zh: "哈希链中没有保留{person}个人信息的事件")
    public let backupsNote = Message(
        en: "backups and exports made before now still hold what they held (README: Personal data and erasure)",
        zh: "此前制作的备份和导出文件仍保留原有内容(见README“个人信息与删除”)")
}
