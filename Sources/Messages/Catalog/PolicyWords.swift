/// `grassroots policy show`: a policy's sections and parameters in words, as a clerk or reviewer reads them
/// (thresholds as the statutes write them, money in yuan, days and years with their units). Keyed by the
/// policy document's own section and member names (Schemas/policy.v4.schema.json).
public struct PolicyWordsMessages: Sendable {
    /// The sections, by their names in the document.
    public let section: [String: Message] = [
        "meeting": .init(en: "Group meeting", zh: "小组会议"), "term": .init(en: "Term of office", zh: "任期"),
        "eligibility": .init(en: "Who may stand", zh: "候选资格"), "recall": .init(en: "Recall", zh: "罢免"),
        "grades": .init(en: "Annual assessment", zh: "年度考核"), "pay": .init(en: "Subsidy", zh: "误工补贴"),
        "deductions": .init(en: "Deductions", zh: "补贴扣减"), "approvals": .init(en: "Approvals", zh: "审批"),
        "groupSize": .init(en: "Group size", zh: "小组规模"), "handover": .init(en: "Handover", zh: "工作移交"),
        "audits": .init(en: "Audits", zh: "审计"), "disclosure": .init(en: "Disclosure", zh: "公开"),
        "notices": .init(en: "Notice periods", zh: "公告期限"), "appraisal": .init(en: "Democratic appraisal", zh: "民主评议"),
        "committee": .init(en: "Village (community) committee", zh: "村(居)民委员会组成"),
        "supervision": .init(en: "Supervision committee", zh: "村务监督委员会"), "representatives": .init(en: "Villager representatives", zh: "村民代表"),
        "recording": .init(en: "Timely recording", zh: "及时入账"), "retention": .init(en: "Retention of records", zh: "会计档案保管"),
    ]

    /// How a parameter's value reads.
    public enum Unit: Sendable {
        /// A fraction of a base (the document's threshold object).
        case threshold
        case flag, days, months, years, percent, fen, persons, households
        /// An age in whole years (周岁).
        case age
        /// Text as the document writes it.
        case text
        /// A list of grade names, best first.
        case grades
        /// Group kinds (village, resident).
        case groupKinds
        /// Funding shares: source, percent, group kind.
        case shares
        /// Posts with their subsidies.
        case postsFen
        /// year or month.
        case period
    }

    public struct Parameter: Sendable {
        /// `section.member`.
        public let key: String
        public let label: Message
        public let unit: Unit
        init(_ key: String, _ en: String, _ zh: String, _ unit: Unit) {
            self.key = key
            label = Message(en: en, zh: zh)
            self.unit = unit
        }
    }

    /// The parameters, in the order they are shown (a member the list lacks comes after, as written).
    public let parameters: [Parameter] = [
        .init("meeting.decision", "a decision needs, of those attending", "决定须经到会人员", .threshold),
        .init("meeting.quorumAdults", "quorum by adults present", "到会成年村民(居民)达应到", .threshold),
        .init("meeting.quorumHouseholds", "or quorum by households represented", "或到会户代表达应到户数", .threshold),
        .init("term.years", "term", "每届任期", .years),
        .init("eligibility.minimumAge", "minimum age on the meeting's day", "推选之日年满", .age),
        .init("eligibility.mustHoldVotingRights", "must hold voting rights", "须享有选举权", .flag),
        .init("eligibility.mustResideInGroup", "must live in the group", "须居住在本小组", .flag),
        .init("eligibility.representativeOnlyIn", "chosen from the group's own representatives in", "须从本小组村民代表中推选的小组", .groupKinds),
        .init("recall.petitionVoters", "petition signed by, of voters", "罢免要求须由有选举权的村民联名", .threshold),
        .init("recall.petitionRepresentatives", "or by, of villager representatives", "或由村民代表联名", .threshold),
        .init("recall.turnout", "votes cast, of registered voters", "参加投票的须达登记选民", .threshold),
        .init("recall.approve", "votes to recall", "赞成罢免的须达", .threshold),
        .init("recall.investigationRequired", "investigation before the vote", "表决前须调查核实", .flag),
        .init("recall.voteWithinDays", "vote held within, of the petition", "收到罢免要求后表决期限", .days),
        .init("recall.failedRetryMonths", "same grounds not raised again within", "罢免未通过后同一理由不再提出的期限", .months),
        .init("grades.scale", "grades, best first", "考核等次", .grades),
        .init("grades.excellentMaxPercent", "at most 优秀 of those assessed", "优秀比例不超过", .percent),
        .init("grades.unfitConsecutiveYears", "consecutive 不称职 years requiring action", "连续考核不称职须处理的年数", .years),
        .init("grades.unfitRequires", "then required", "届时须", .text),
        .init("pay.period", "amounts per", "补贴计发周期", .period),
        .init("pay.groupLeaderFen", "group leader", "小组长补贴", .fen),
        .init("pay.groupMemberFen", "group member", "小组成员补贴", .fen),
        .init("pay.seniorityFenPerFullYear", "added per full year served", "每满一年任职增加", .fen),
        .init("pay.highestPostOnly", "two posts paid the higher only (高位取酬)", "兼任多职按高位取酬", .flag),
        .init("pay.fundingShares", "paid by", "资金承担", .shares),
        .init("pay.unitPostsFen", "village and community posts", "村(社区)干部补贴", .postsFen),
        .init("deductions.unfitPercentOfSubsidy", "deducted for a 不称职 year, of the year's subsidy", "考核不称职扣减当年补贴", .percent),
        .init("approvals.groupExpenseNeedsMeeting", "every group expense needs a meeting's approval", "小组支出须经小组会议同意", .flag),
        .init("approvals.assetTransferNeedsMeeting", "leasing or disposing of an asset needs a meeting's approval", "资产出租、处置须经会议同意", .flag),
        .init("approvals.assetTransferNotice", "notice before that meeting, result published after", "会前公告、会后公开结果", .flag),
        .init("groupSize.membersMin", "fewest members", "小组成员最少", .persons),
        .init("groupSize.membersMax", "most members", "小组成员最多", .persons),
        .init("groupSize.householdsMin", "fewest households", "户数最少", .households),
        .init("groupSize.householdsMax", "most households", "户数最多", .households),
        .init("handover.withinDays", "handover within, of the successor taking office", "新任就职后移交期限", .days),
        .init("handover.vacancyWithinDays", "while vacant, handover within", "职位空缺时移交期限", .days),
        .init("handover.vacancyTo", "while vacant, handed over to", "职位空缺时移交给", .text),
        .init("audits.annualRequired", "yearly audit", "每年审计", .flag),
        .init("audits.departureRequired", "departure audit when a leader changes", "离任经济责任审计", .flag),
        .init("disclosure.financeEveryMonths", "finances disclosed at least every", "财务公开间隔不超过", .months),
        .init("notices.voterListDays", "voter list posted before election day", "选民名单于选举日前公布", .days),
        .init("notices.candidatesDays", "candidates posted for", "候选人名单公布", .days),
        .init("notices.groupLeaderElections", "also govern a group leader's election", "小组长推选亦适用", .flag),
        .init("appraisal.monthsApartMin", "appraisals of one holder at least", "同一人两次评议间隔至少", .months),
        .init("appraisal.unfitVotes", "不称职 votes beyond which action is required", "不称职票超过", .threshold),
        .init("appraisal.unfitRequires", "then required", "届时须", .text),
        .init("appraisal.weightPercent", "weight in the year's assessment", "占年度考核比重", .percent),
        .init("committee.membersMin", "fewest members", "成员最少", .persons),
        .init("committee.membersMax", "most members", "成员最多", .persons),
        .init("supervision.populationThreshold", "population from which the larger size applies", "人口达到此数时适用较多人数", .persons),
        .init("supervision.membersBelow", "members below that population", "人口不足时成员人数", .persons),
        .init("supervision.membersFrom", "members from that population on", "人口达到时成员人数", .persons),
        .init("supervision.confidenceKeep", "yearly confidence votes needed to keep the post", "年度信任投票须达", .threshold),
        .init("representatives.householdsMin", "fewest households per representative", "每名代表联系户数最少", .households),
        .init("representatives.householdsMax", "most households per representative", "每名代表联系户数最多", .households),
        .init("recording.daysMax", "entries recorded within, of their date", "入账期限", .days),
        .init("retention.moneyRecordsYears", "money records naming a person kept", "涉及个人的资金记录保管", .years),
    ]

    /// What a threshold is a fraction of, by the document's `of`.
    public let base: [String: Message] = [
        "adults": .init(en: "of adults entitled", zh: "应到成年人"), "households": .init(en: "of households", zh: "应到户数"),
        "attendees": .init(en: "of those attending", zh: "到会人员"), "ballotsCast": .init(en: "of votes cast", zh: "所投票数"),
        "registeredVoters": .init(en: "of registered voters", zh: "登记选民"), "representatives": .init(en: "of villager representatives", zh: "村民代表"),
        "appraisalVotes": .init(en: "of the appraisal's votes", zh: "评议票数"),
    ]

    public let line = Message(en: "{label}: {value}", zh: "{label}:{value}")
    public let parameterColumn = Message(en: "parameter", zh: "参数")
    public let valueColumn = Message(en: "value", zh: "取值")
    public let thresholdOf = Message(en: "{threshold} {base}", zh: "{base}{threshold}")
    public let days = Message(en: "{count} days", zh: "{count}日", enOne: "{count} day")
    public let months = Message(en: "{count} months", zh: "{count}个月", enOne: "{count} month")
    public let years = Message(en: "{count} years", zh: "{count}年", enOne: "{count} year")
    public let age = Message(en: "{count}", zh: "{count}周岁")
    public let percent = Message(en: "{count}%", zh: "{count}%")
    public let persons = Message(en: "{count}", zh: "{count}人")
    public let households = Message(en: "{count}", zh: "{count}户")
    public let perPeriod = Message(en: "{amount} a {period}", zh: "每{period}{amount}")
    public let share = Message(en: "{source} {percent}% ({kind})", zh: "{kind}由{source}承担{percent}%")
    public let postPay = Message(en: "{post} {amount}", zh: "{post}{amount}")
    public let source = Message(en: "source: {source}", zh: "依据:{source}")
    public let fromPolicy = Message(en: "from {policy}", zh: "来自{policy}")
    /// A member the table lacks (a newer document): shown as written.
    public let unknown = Message(en: "{name}: {value}", zh: "{name}:{value}")
}
