/// Free text about a person sealed out of the chain, and the checks an erasure makes impossible
/// (Schemas/PERSONAL.md; 个人信息保护法 第四十七条).
public struct SealedMessages: Sendable {
    /// An explanation's check that cannot be made because the personal data it needs is erased.
    public let notCheckable = Message(en: "not checkable: personal data erased (个人信息保护法 第四十七条)",
                                      zh: "无法核对:个人信息已删除(个人信息保护法 第四十七条)")
    public let notCheckableHere = Message(en: "not checkable: not in this copy's sealed-value store", zh: "无法核对:本副本的个人信息库中没有")
    public let birthDateErased = Message(
        en: "the birth date of {person} was erased by event {seq} (the age was checked when the act was appended)",
        zh: "{person}的出生日期已由第{seq}号事件删除(该行为登记时已核对年龄)")
    public let birthDateUnreadable = Message(
        en: "the birth date of {person} cannot be read from this copy's sealed-value store",
        zh: "无法从本副本的个人信息库读取{person}的出生日期")
    public let validAsFarAsCheckable = Message(
        en: "Verdict: valid as far as can be checked ({count} check(s) not checkable: personal data erased)",
        zh: "结论:在可核对范围内有效({count}项因个人信息已删除无法核对)")

    // MARK: corrections of events with sealed members
    public let replacementNotSealed = Message(en: "personal data in a correction", zh: "更正含有个人信息原文")
    public let replacementNotSealedDetail = Message(
        en: "the replacement for event {seq} ({type} v{version}) holds {field} as a value; a correction made by grassroots seals it (a salted commitment in the chain, the value in the sealed-value store): correct it in a batch after the one that appends event {seq}",
        zh: "第{seq}号事件({type} v{version})的更正内容中{field}为原文;grassroots提交的更正会将其封存(链上为加盐承诺值,原文存入个人信息库):请在第{seq}号事件所在批次之后提交更正")
    public let ownerNotSubject = Message(en: "correction of personal data without its subject", zh: "更正个人信息未列明信息主体")
    public let ownerNotSubjectDetail = Message(
        en: "the replacement for event {seq} seals personal data of {person}, whom the correction's subjects do not name: an erasure of {person} would not find it (a correction made by grassroots names them)",
        zh: "第{seq}号事件的更正内容封存了{person}的个人信息,但更正的关联对象未列明{person}:删除{person}的个人信息时将找不到该更正(grassroots提交的更正会自动列明)")
}
