/// Late and back-dated entries (issue 14 item 5): entries that take effect inside a period already covered by a
/// recorded audit, handover or disclosure; entries recorded more days after their effective date than a policy
/// allows; corrections of entries in such a period; and declared backfills of old paper records.
public struct LateMessages: Sendable {
    /// The kinds of alert (their English text is the stable name, as for `Msg.alerts.kind`).
    public let kind = LateKinds()
    /// The alerts' details.
    public let detail = LateDetails()
    /// What the cited sources say.
    public let why = LateSources()
    /// Refusals of a backfill declaration.
    public let rule = LateRules()
    /// The departure audit's words for them.
    public let audit = LateAuditWords()
    /// What `append --backfill` says.
    public let command = LateCommandWords()

    /// A text whose two renderings are already made (an event type's English title and Chinese term, an
    /// instant in Beijing time in each language's form): data, not a sentence of the catalog.
    public func rendered(en: String, zh: String) -> Message { Message(en: en, zh: zh) }
}


public struct LateKinds: Sendable {
    public let backdatedEntry = Message(en: "entry back-dated into a covered period", zh: "补记入已审计(移交、公开)期间")
    public let lateRecording = Message(en: "entry recorded late", zh: "逾期登记")
    public let correctionAfterCoverage = Message(en: "correction after the period was covered", zh: "审计(移交、公开)后更正")
    public let backfillDeclared = Message(en: "declared backfill", zh: "声明补录")
    /// Every kind, for the catalog test of alert kinds.
    public var all: [Message] { [backdatedEntry, lateRecording, correctionAfterCoverage, backfillDeclared] }
}

public struct LateDetails: Sendable {
    /// The event: `event 57 (Expense paid, 3,000.00 yuan)` / `第57号事件(支出,3,000.00元)`.
    public let event = Message(en: "event {seq} ({type})", zh: "第{seq}号事件({type})")
    public let eventWithAmount = Message(en: "event {seq} ({type}, {amount})", zh: "第{seq}号事件({type},{amount})")
    /// The covering audit, handover or disclosure.
    public let covering = Message(en: "{kind} event {seq} of {date}, covering {start} to {end}, recorded {recorded}",
                                  zh: "{date}的{kind}(第{seq}号事件,覆盖{start}至{end},登记于{recorded})")
    public let backdated = Message(
        en: "{event} takes effect on {effective} but was recorded {recorded} (Beijing time), after the {covering}",
        zh: "{event}生效日期为{effective},却于北京时间{recorded}登记,晚于{covering}")
    public let recordedLate = Message(
        en: "{event} takes effect on {effective} and was recorded {recorded} (Beijing time): {days} days later; the policy allows {limit}",
        zh: "{event}生效日期为{effective},于北京时间{recorded}登记,相隔{days}日,超过规定的{limit}日")
    public let correction = Message(
        en: "{event}, effective {effective}, was {how} by event {by} recorded {recorded} (Beijing time), after the {covering}",
        zh: "生效日期为{effective}的{event}于北京时间{recorded}被第{by}号事件{how},晚于{covering}")
    public let backfill = Message(
        en: "event {seq} recorded {recorded} (Beijing time) declares events {first} to {last} a backfill of old records ({reason}); {count} of them concern this group, effective {from} to {to}, {covered} inside a covered period",
        zh: "第{seq}号事件(北京时间{recorded}登记)声明第{first}至{last}号事件为补录的旧台账({reason});其中涉及本小组{count}条,生效日期{from}至{to},{covered}条在已审计(移交、公开)期间内",
        enOne: "event {seq} recorded {recorded} (Beijing time) declares events {first} to {last} a backfill of old records ({reason}); {count} of them concerns this group, effective {from} to {to}, {covered} inside a covered period")
    public let corrected = Message(en: "corrected", zh: "更正")
    public let retracted = Message(en: "retracted", zh: "撤销")
    /// What covered the period.
    public let audit = Message(en: "audit", zh: "审计")
    public let handover = Message(en: "handover", zh: "工作移交")
    public let disclosure = Message(en: "disclosure", zh: "公开")
    /// The scan stopped at its limit.
    public let truncated = Message(en: "only the first {count} entries of {group} were read for late entries; later ones were not checked",
                                   zh: "仅检查了{group}的前{count}条记录是否事后补录,其后的记录未检查")
    public let coveragesCut = Message(en: "{group} has more than {count} audits, handovers or disclosures of one kind; only the first {count} were used to find late entries",
                                      zh: "{group}的同类审计、移交或公开记录超过{count}条,查找事后补录时仅使用了前{count}条")
    public let backfillsCut = Message(en: "more than {count} backfills were declared; only the first {count} were recognised, and the entries of later ones are flagged one by one",
                                      zh: "声明的补录超过{count}次,仅识别了前{count}次,其后补录的记录逐条提醒")
}

public struct LateSources: Sendable {
    public let audited = Message(en: "an audit's findings rest on the entries of its period as they stood when it was recorded",
                                 zh: "审计结论以审计时该期间的账目为依据")
    public let handedOver = Message(en: "the handover confirms the balances as counted on its day",
                                    zh: "工作移交时清点确认的余额以当日账目为准")
    public let disclosed = Message(en: "what was posted publicly is what the villagers could check",
                                   zh: "公开的内容是群众据以监督的依据")
    public let backfill = Message(en: "entries of old paper records are entered as one declared backfill",
                                  zh: "旧纸质台账以一次声明的补录登记")
}

public struct LateRules: Sendable {
    public let backfillRange = Message(en: "backfill range is not the events just before it", zh: "补录范围不是紧接其前的事件")
    public let backfillRangeDetail = Message(
        en: "backfill.declared (event {seq}) declares events {first} to {last}; it must declare 1 to {max} events ending with event {expected}, recorded at the same instant as itself, with the id backfill:{first}",
        zh: "补录声明(第{seq}号事件)声明第{first}至{last}号事件;须声明以第{expected}号事件结尾、与其同时登记的1至{max}条事件,编号为backfill:{first}")
    public let backfillEntryDetail = Message(
        en: "event {entry} in the declared range was recorded {recorded}, not with the declaration (event {seq}, {declared})",
        zh: "声明范围内的第{entry}号事件登记于{recorded},与声明(第{seq}号事件,{declared})不是同时登记")
    public let rangeWhy = Message(en: "a backfill declares the events recorded with it, in the same commit",
                                  zh: "补录声明只能声明与其同一次提交登记的事件")
}

public struct LateAuditWords: Sendable {
    public let afterCoverage = Message(en: "recorded after {kind} event {seq} ({date}; recorded {recorded}) covered its date",
                                       zh: "登记晚于覆盖其日期的{kind}(第{seq}号事件,{date},登记于{recorded})")
    public let recordedLate = Message(en: "recorded {days} days after its effective date; the policy allows {limit}",
                                      zh: "生效后{days}日才登记,超过规定的{limit}日")
    public let inBackfill = Message(en: "part of the backfill declared by event {seq}", zh: "属第{seq}号事件声明的补录")
    public let backfillsTitle = Message(en: "Declared backfills", zh: "补录声明")
    public let noBackfills = Message(en: "none", zh: "无")
    public let limitReached = Message(en: "The ledger holds more records of this group than one report reads (a limit of the late-entry check was reached): the list above may be incomplete; see the alerts.",
                                      zh: "本小组的记录超过一次审计报告可读取的上限(事后补录检查已达上限),上述清单可能不完整,详见提醒事项。")
    public let backfillLine = Message(en: "event {seq} ({recorded}): events {first} to {last}, {count} of this group; reason: {reason}",
                                      zh: "第{seq}号事件({recorded}):第{first}至{last}号事件,涉及本小组{count}条;原因:{reason}")
    public let checkpoint = Message(
        en: "Latest signed checkpoint: {size} events, root {root} (origin {origin}); events up to {size} can be proved against it (grassroots prove)",
        zh: "最新签名检查点:共{size}条事件,根哈希{root}(来源{origin});第{size}号及以前的事件可据此证明(grassroots prove)")
    public let checkpointBehind = Message(
        en: "The report stands at event {seq}, after the checkpoint: sign a new one (grassroots checkpoint) before filing",
        zh: "本报告截至第{seq}号事件,晚于该检查点:归档前请签署新的检查点(grassroots checkpoint)")
    public let noCheckpoint = Message(en: "Latest signed checkpoint: none (grassroots checkpoint signs one)",
                                      zh: "最新签名检查点:无(可用grassroots checkpoint签署)")
    public let unreadableCheckpoint = Message(en: "Latest signed checkpoint: cannot be read ({problem})", zh: "最新签名检查点:无法读取({problem})")
    public let reportSha = Message(en: "report SHA-256 {sha256}", zh: "报告SHA-256:{sha256}")
}

public struct LateCommandWords: Sendable {
    public let backfilled = Message(en: "; declared events {first} to {last} a backfill (event {seq})",
                                    zh: ";已声明第{first}至{last}号事件为补录(第{seq}号事件)")
}
