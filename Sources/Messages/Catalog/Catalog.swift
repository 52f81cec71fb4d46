/// Every message a person reads, in Chinese and English: one catalog, in parts by subject. Each part is a
/// struct of `Message`s (or tables of them) so that a test can walk the whole catalog (`Mirror`) and fail on a
/// message without a translation, or whose two texts name different placeholders.
public struct Catalog: Sendable {
    /// Closed vocabularies (posts, grades, levels...), by their stored values.
    public let words = Words()
    /// Words and phrases every output uses (yes, none, vacant, Beijing time...).
    public let common = Common()
    /// Headings, column names and lines of the queries and commands.
    public let queries = Queries()
    /// The rules' refusals: rule names, details, and the explanations in their sources.
    public let rules = RuleMessages()
    /// Alerts: what should have happened and did not.
    public let alerts = AlertMessages()
    /// The departure audit report (离任经济责任审计报告).
    public let audit = AuditMessages()
    /// The command line's own errors and notes.
    public let errors = ErrorMessages()
    /// What the commands that write, check and list say; progress; notes on opening a ledger.
    public let commands = CommandMessages()
    /// `grassroots explain`: a decision's checks, their numbers and sources, the verdict.
    public let explain = ExplainMessages()
    /// Late and back-dated entries, corrections after an audit, declared backfills.
    public let late = LateMessages()
    /// Names and personal data: erasure and its refusals (Personal.swift).
    public let personal = PersonalMessages()
    /// Free text sealed out of the chain; checks an erasure makes impossible (Sealed.swift).
    public let sealed = SealedMessages()
    /// Keys, checkpoints, proofs and the witness.
    public let trust = TrustMessages()
    /// Accounts, `grassroots serve`'s HTTP API and web pages (Serve.swift).
    public let serve = ServeMessages()
    /// `grassroots serve`'s pages for reviewers and the API's answers for unknown ids (ServeReview.swift).
    public let review = ReviewMessages()
    /// `grassroots record` and `grassroots correct`: acts from flags (Record.swift).
    public let record = RecordMessages()
    /// A policy's sections and parameters in words (`policy show`).
    public let policyWords = PolicyWordsMessages()
    /// Command-line usage errors (exit 64).
    public let usage = UsageMessages()
    /// Payroll for real months, its catch-up and its alert.
    public let payroll = PayrollMessages()
    /// The logs a witness witnesses (Robustness.swift).
    public let robustness = RobustnessMessages()
    /// `grassroots serve`'s web forms for clerks (ServeForms.swift).
    public let serveForms = ServeFormsMessages()
}

/// The catalog.
public let Msg = Catalog()

/// The words of one closed vocabulary, by stored value.
public struct Words: Sendable {
    public let unitLevel: [String: Message] = [
        "county": .init(en: "county", zh: "县"), "city": .init(en: "city", zh: "市"), "town": .init(en: "town", zh: "镇"),
        "subdistrict": .init(en: "subdistrict", zh: "街道"), "village": .init(en: "village", zh: "行政村"),
        "community": .init(en: "community", zh: "社区"),
    ]
    public let groupKind: [String: Message] = [
        "village": .init(en: "villager group", zh: "村民小组"), "resident": .init(en: "resident group", zh: "居民小组"),
    ]
    public let sex: [String: Message] = ["F": .init(en: "female", zh: "女"), "M": .init(en: "male", zh: "男")]
    /// A group's posts, a village's or community's posts, and representatives, as the roster shows them.
    public let post: [String: Message] = [
        "group-leader": .init(en: "group leader", zh: "小组长"), "group-member": .init(en: "group member", zh: "小组成员"),
        "committee-director": .init(en: "committee director", zh: "主任"),
        "committee-deputy-director": .init(en: "committee deputy director", zh: "副主任"),
        "committee-member": .init(en: "committee member", zh: "委员"),
        "supervision-director": .init(en: "supervision committee director", zh: "监委会主任"),
        "supervision-member": .init(en: "supervision committee member", zh: "监委会委员"),
        "representative": .init(en: "villager representative", zh: "村民代表"),
    ]
    public let nominator: [String: Message] = [
        "villagers": .init(en: "villagers", zh: "村民联名"), "representatives": .init(en: "representatives", zh: "村民代表联名"),
        "committee": .init(en: "the committee", zh: "村(居)委会"), "self": .init(en: "self-nominated", zh: "自荐"),
        "party-branch": .init(en: "the Party branch", zh: "党组织"),
    ]
    public let reviewOutcome: [String: Message] = ["approved": .init(en: "approved", zh: "通过"), "rejected": .init(en: "rejected", zh: "未通过")]
    public let noticeKind: [String: Message] = [
        "voter-list": .init(en: "voter list", zh: "选民名单"), "candidates": .init(en: "candidates", zh: "候选人名单"),
        "results": .init(en: "results", zh: "选举结果"), "recall": .init(en: "recall", zh: "罢免事项"),
        "decision": .init(en: "decision", zh: "决定事项"),
    ]
    public let voteQuestion: [String: Message] = [
        "election": .init(en: "election", zh: "选举"), "recall": .init(en: "recall", zh: "罢免"), "expense": .init(en: "expense", zh: "开支"),
        "asset": .init(en: "asset lease or disposal", zh: "资产出租或处置"), "other": .init(en: "other", zh: "其他事项"),
    ]
    public let endReason: [String: Message] = [
        "term-expired": .init(en: "term expired", zh: "任期届满"), "resigned": .init(en: "resigned", zh: "辞职"),
        "recalled": .init(en: "recalled", zh: "被罢免"), "unfit-two-years": .init(en: "不称职 two years running", zh: "连续两年不称职"),
        "moved-away": .init(en: "moved away", zh: "迁出"), "died": .init(en: "died", zh: "死亡"),
        "lost-voting-rights": .init(en: "lost voting rights", zh: "丧失选举权"), "other": .init(en: "other", zh: "其他"),
    ]
    public let raterGroup: [String: Message] = [
        "villagers": .init(en: "villagers", zh: "村民"), "household-heads": .init(en: "household heads", zh: "户代表"),
        "grid-workers": .init(en: "grid workers", zh: "网格员"), "police": .init(en: "police", zh: "民警"),
        "representatives": .init(en: "representatives", zh: "村民代表"), "party-members": .init(en: "Party members", zh: "党员"),
        "other": .init(en: "other", zh: "其他"),
    ]
    public let grade: [String: Message] = [
        "优秀": .init(en: "excellent (优秀)", zh: "优秀"), "称职": .init(en: "competent (称职)", zh: "称职"),
        "基本称职": .init(en: "basically competent (基本称职)", zh: "基本称职"), "不称职": .init(en: "incompetent (不称职)", zh: "不称职"),
    ]
    public let disciplineKind: [String: Message] = [
        "reminder-talk": .init(en: "reminder talk", zh: "提醒谈话"), "criticism": .init(en: "criticism", zh: "批评教育"),
        "public-criticism": .init(en: "public criticism", zh: "通报批评"), "public-notice": .init(en: "public notice", zh: "公开通报"),
        "warning": .init(en: "warning", zh: "警告"), "dismissal": .init(en: "dismissal", zh: "免职"), "other": .init(en: "other", zh: "其他"),
    ]
    public let fundingSource: [String: Message] = [
        "county-finance": .init(en: "county finance", zh: "县级财政"), "town-finance": .init(en: "town finance", zh: "乡镇财政"),
        "village-collective": .init(en: "village collective", zh: "村集体"), "other": .init(en: "other", zh: "其他"),
    ]
    public let disclosureKind: [String: Message] = [
        "finance": .init(en: "finances", zh: "财务公开"), "affairs": .init(en: "affairs", zh: "事务公开"), "decision": .init(en: "decisions", zh: "决策公开"),
    ]
    public let assetKind: [String: Message] = [
        "building": .init(en: "building", zh: "房屋建筑"), "land": .init(en: "land", zh: "土地"), "forest": .init(en: "forest", zh: "林地"),
        "pond": .init(en: "pond", zh: "水塘"), "equipment": .init(en: "equipment", zh: "设备"),
        "cash-equivalent": .init(en: "cash equivalent", zh: "现金等价物"), "other": .init(en: "other", zh: "其他"),
    ]
    public let assetAction: [String: Message] = [
        "leased": .init(en: "leased", zh: "出租"), "disposed": .init(en: "disposed of", zh: "处置"), "returned": .init(en: "returned", zh: "收回"),
    ]
    public let auditKind: [String: Message] = [
        "annual": .init(en: "annual audit", zh: "年度审计"), "departure": .init(en: "departure audit", zh: "离任经济责任审计"),
    ]
    public let payPeriod: [String: Message] = ["year": .init(en: "year", zh: "年"), "month": .init(en: "month", zh: "月")]

    /// The word for a stored value; the value itself (marked) when the table lacks it, which a test prevents.
    public func label(_ table: [String: Message], _ value: String, _ language: Language) -> String {
        table[value]?.template(language) ?? value
    }
}

/// Words every output uses.
public struct Common: Sendable {
    public let none = Message(en: "none", zh: "无")
    public let vacant = Message(en: "VACANT", zh: "空缺")
    public let yes = Message(en: "yes", zh: "是")
    public let no = Message(en: "no", zh: "否")
    public let erased = Message(en: "(erased)", zh: "(已删除)")
    public let unnamed = Message(en: "(no name recorded)", zh: "(未登记姓名)")
    public let beijingTime = Message(en: "Beijing time", zh: "北京时间")
    public let total = Message(en: "Total", zh: "合计")
    public let asOf = Message(en: "as of {date}", zh: "截至{date}")
    public let atSeq = Message(en: "as recorded up to event {seq}", zh: "按第{seq}号事件时的记录")
    /// A name beside its id: "第一村民小组 (group:g-1)".
    public let named = Message(en: "{name} ({id})", zh: "{name}({id})")
    public let cutByLimit = Message(en: "(only the first {limit} shown: the limit {name})", zh: "(仅显示前{limit}条,受限于{name})")
}
