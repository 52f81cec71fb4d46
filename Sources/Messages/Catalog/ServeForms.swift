/// `grassroots serve`'s web forms for clerks (GET and POST /record/ACT): the words of the pages. What a form's
/// refusal says is never here: it is the command line's own words (Msg.record, Msg.errors, the rules).
public struct ServeFormsMessages: Sendable {
    // MARK: the list of acts
    public let listTitle = Message(en: "Record an act", zh: "记录事项")
    public let listIntro = Message(en: "Choose the act to record. You ({account}) may record for {units}.",
                                   zh: "请选择要记录的事项。您({account})可为{units}记录。")
    public let clerksOnly = Message(en: "Only clerks record acts; {account} is a reviewer and reads only (the roster, the trail...).",
                                    zh: "只有经办人可以记录事项;{account}是审阅人,只能查阅(任职名册等)。")

    // MARK: a form
    public let formTitle = Message(en: "Record: {act}", zh: "记录:{act}")
    public let dateLabel = Message(en: "Date the act happened", zh: "事项发生日期")
    public let requiredMark = Message(en: "required", zh: "必填")
    public let submitButton = Message(en: "Record", zh: "记录")
    public let againLabel = Message(en: "Record it again: an act identical to one already recorded really happened once more",
                                    zh: "确系再次发生:与已记录的事项完全相同,仍要再记录一次")
    public let choose = Message(en: "(choose)", zh: "(请选择)")
    public let moneyHint = Message(en: "in yuan, such as 1200 or 1200.50 (at most 2 decimal places)", zh: "单位为元,如1200或1200.50(最多两位小数)")
    public let lookupHint = Message(en: "a name or an id", zh: "可填名称或编号")
    public let listHint = Message(en: "one item per box; empty boxes are left out", zh: "每格填一项,空格不计")
    public let generatedHint = Message(en: "left empty: made from the act ({pattern})", zh: "不填时按事项生成编号({pattern})")
    public let defaultHint = Message(en: "left empty: {pattern}, when that is registered", zh: "不填时取已登记的{pattern}")
    public let voucherHint = Message(en: "the voucher number: without one, an act identical to one recorded is refused",
                                     zh: "凭证号:不填时,与已记录事项完全相同的将被拒绝")
    public let requiredNote = Message(en: "Fields marked * are required. Refusals are shown above the form, in the words of grassroots record.",
                                      zh: "带*的为必填项。如被拒绝,原因显示在表单上方,与 grassroots record 命令的提示相同。")

    // MARK: the result
    public let resultTitle = Message(en: "Recorded: {act}", zh: "记录结果:{act}")
    public let whatRecorded = Message(en: "What was recorded", zh: "记录内容")
    public let columnItem = Message(en: "Item", zh: "项目")
    public let columnValue = Message(en: "Value", zh: "内容")
    public let recordAnother = Message(en: "Record another {act}", zh: "再记录一条{act}")
    public let allActs = Message(en: "All acts", zh: "全部事项")

    // MARK: refusals of the form itself (those of the act are the command line's)
    public let outsideUnits = Message(en: "{account} may record for {units} only; the act names {unit} (through {through})",
                                      zh: "{account}只能为{units}记录;该事项涉及{unit}(经由{through})")
    public let noUnitNamed = Message(en: "the act names no unit, group, person or asset; only an account of a top-level unit may record it",
                                      zh: "该事项未涉及任何单位、小组、人员或资产;只有最高一级单位的账户可以记录")
    public let badEncoding = Message(en: "the form's field {name} is not valid UTF-8 text", zh: "表单字段{name}不是有效的UTF-8文字")
}
