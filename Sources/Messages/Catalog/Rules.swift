/// The rules' refusals (`RuleViolation`): the rule's name (its English text is the stable code JSON and tests
/// read), the detail with its numbers, and what the sources say. The Chinese uses the seeds' and statutes'
/// own terms: 小组长, 村民小组会议, 户代表, 罢免, 称职/不称职, 三资, 离任经济责任审计, 公示.
public struct RuleMessages: Sendable {
    /// The rules, by name: one message per rule a refusal can name.
    public let name = RuleNames()
    /// The numbers and names of a refusal, one message per shape.
    public let detail = RuleDetails()
    /// What a cited source says (the explanations beside citations), and the ledger's own rules as sources.
    public let why = RuleSources()
    /// Pieces of sources and details: thresholds, citations with their policy, joiners.
    public let part = RuleParts()
    /// Closed vocabularies the rules use beyond `Msg.words`.
    public let word = RuleWords()
}

/// The rules a refusal can name. The English text is the rule's stable name.
public struct RuleNames: Sendable {
    // MARK: the ledger's own rules
    public let damagedState = Message(en: "damaged state", zh: "状态数据损坏")
    public let undecodableEvent = Message(en: "undecodable event", zh: "事件无法解码")
    public let impossibleCount = Message(en: "impossible count", zh: "人数不合逻辑")
    public let updateBeforeRegistration = Message(en: "update before registration", zh: "登记前即变更")
    public let unknownReference = Message(en: "unknown reference", zh: "引用了未登记的编号")
    public let uncheckedReference = Message(en: "unchecked reference", zh: "无法核对的引用")
    public let referenceToAnotherGroup = Message(en: "reference to another group", zh: "引用了其他小组的记录")
    public let alreadyRegistered = Message(en: "already registered", zh: "已经登记")
    // MARK: notices
    public let noticeNotPosted = Message(en: "notice not posted", zh: "未张榜公布")
    public let noticeTooShort = Message(en: "notice too short", zh: "公布时间不足")
    // MARK: policies
    public let unknownPolicy = Message(en: "unknown policy", zh: "未知的政策")
    public let adoptedBeforeDefined = Message(en: "adopted before the policy was defined", zh: "政策定义之前即已采用")
    public let policyIDMismatch = Message(en: "policy id mismatch", zh: "政策编号不一致")
    public let policyAlreadyDefined = Message(en: "policy already defined", zh: "政策已定义")
    public let invalidPolicyDocument = Message(en: "invalid policy document", zh: "政策文件无效")
    // MARK: meetings, votes, installing a leader, offices
    public let moreBallotsThanPeople = Message(en: "more ballots than people", zh: "选票数多于到会人数")
    public let moreVotesThanBallots = Message(en: "more votes than ballots", zh: "得票数多于选票数")
    public let voteBeforeItsMeeting = Message(en: "vote before its meeting", zh: "表决日期早于会议")
    public let notAnElection = Message(en: "not an election", zh: "不是选举表决")
    public let installedBeforeTheVote = Message(en: "installed before the vote", zh: "表决之前即已任职")
    public let termEndsBeforeItBegins = Message(en: "term ends before it begins", zh: "任期结束早于任职")
    public let postAlreadyHeld = Message(en: "post already held", zh: "已担任该职务")
    public let groupAlreadyHasALeader = Message(en: "group already has a leader", zh: "该小组已有小组长")
    public let noMeetingRule = Message(en: "no meeting rule", zh: "没有会议规则")
    public let quorumNotMet = Message(en: "quorum not met", zh: "到会人数未达到法定人数")
    public let notACandidate = Message(en: "not a candidate", zh: "不是候选人")
    public let majorityNotReached = Message(en: "majority not reached", zh: "得票未达到规定票数")
    public let notTheWinner = Message(en: "not the winner", zh: "不是得票最多者")
    public let candidateUnderAge = Message(en: "candidate under age", zh: "候选人未达到规定年龄")
    public let candidateNotResident = Message(en: "candidate not resident in the group", zh: "候选人不在本小组居住")
    public let candidateWithoutVotingRights = Message(en: "candidate without voting rights", zh: "候选人没有选举权")
    public let candidateNotARepresentative = Message(en: "candidate not a representative of the group", zh: "候选人不是本小组的村民代表")
    public let notInOffice = Message(en: "not in office", zh: "未在任")
    public let officeNotHeld = Message(en: "office not held", zh: "未担任该职务")
    public let officeEndsBeforeItBegan = Message(en: "office ends before it began", zh: "职务终止早于任职")
    // MARK: recall
    public let signaturesWithoutTheirNumber = Message(en: "representatives' signatures without their number", zh: "村民代表联名人数缺少代表总数")
    public let petitionAboutSomeoneElse = Message(en: "petition about someone else", zh: "罢免要求针对的是他人")
    public let noRecallRule = Message(en: "no recall rule", zh: "没有罢免规则")
    public let recallWithoutPetition = Message(en: "recall vote without a sufficient petition", zh: "联名人数不足即进行罢免表决")
    public let recallBeforeInvestigation = Message(en: "recall vote before the investigation", zh: "未经调查核实即进行罢免表决")
    public let recallUnsubstantiated = Message(en: "recall vote on unsubstantiated grounds", zh: "罢免理由经调查不属实")
    public let impossibleTally = Message(en: "impossible tally", zh: "计票结果不合逻辑")
    public let recalledWithoutAVote = Message(en: "recalled without a recall vote", zh: "未经罢免表决即以罢免终止职务")
    public let recallFailed = Message(en: "recall failed its vote thresholds", zh: "罢免表决未达到规定票数")
    public let notTwoUnfitYears = Message(en: "not two consecutive 不称职 years", zh: "并非连续两年不称职")
    // MARK: appraisals and grades
    public let emptyAppraisal = Message(en: "empty appraisal", zh: "民主评议无内容")
    public let gradeVotedTwice = Message(en: "grade voted twice", zh: "同一等次重复计票")
    public let appraisalsTooClose = Message(en: "appraisals too close", zh: "两次民主评议间隔过短")
    public let noGradeRule = Message(en: "no grade rule", zh: "没有考核等次规则")
    public let gradeOutsideScale = Message(en: "grade outside the policy's scale", zh: "等次不在政策规定的范围内")
    public let alreadyGraded = Message(en: "already graded", zh: "已评定等次")
    public let excellentQuotaExceeded = Message(en: "优秀 quota exceeded", zh: "优秀等次超过规定比例")
    // MARK: subsidies and payments
    public let postAndPlace = Message(en: "post and place do not match", zh: "职务与所在组织不符")
    public let fundingSourcePaysNoShare = Message(en: "funding source pays no share", zh: "该资金来源不承担补贴")
    public let subsidyDiffers = Message(en: "subsidy differs from the policy", zh: "补贴金额与政策不符")
    public let alreadyAccrued = Message(en: "already accrued", zh: "补贴已计提")
    public let deductionWithoutGrade = Message(en: "deduction without a 不称职 grade", zh: "扣减补贴缺少不称职等次依据")
    public let noDeductionRule = Message(en: "no deduction rule", zh: "没有扣减规则")
    public let deductionDiffers = Message(en: "deduction differs from the policy", zh: "扣减金额与政策不符")
    public let paymentOverOwed = Message(en: "payment of more than is owed", zh: "支付金额超过应付金额")
    public let unknownPayment = Message(en: "unknown payment", zh: "未知的支付记录")
    public let paymentAlreadyReversed = Message(en: "payment already reversed", zh: "该笔支付已冲回")
    public let badPeriod = Message(en: "bad period", zh: "期间格式错误")
    public let noPayRule = Message(en: "no pay rule", zh: "没有补贴规则")
    public let subsidyBeforeOffice = Message(en: "subsidy before the office began", zh: "任职之前计提补贴")
    public let yearlySubsidyWrongMonth = Message(en: "yearly subsidy in the wrong month", zh: "年度补贴计提月份不符")
    public let noRateForPost = Message(en: "no rate for the post", zh: "该职务没有补贴标准")
    public let higherPostOnly = Message(en: "the higher post pays, only", zh: "高位取酬,不重复享受")
    public let accountTooLarge = Message(en: "account too large", zh: "个人补贴账户过大")
    public let amountOutOfRange = Message(en: "amount out of range", zh: "金额超出范围")
    // MARK: the registers
    public let unknownUnit = Message(en: "unknown unit", zh: "未知的单位")
    public let unknownGroup = Message(en: "unknown group", zh: "未知的小组")
    public let unknownPerson = Message(en: "unknown person", zh: "未知的人员")
    public let tooManyAdoptions = Message(en: "too many adoptions", zh: "采用政策的次数过多")
    // MARK: funds and assets (三资)
    public let voteOnAnotherQuestion = Message(en: "vote on another question", zh: "表决的是其他事项")
    public let voteDidNotPass = Message(en: "the vote did not pass", zh: "表决未通过")
    public let expenseWithoutApproval = Message(en: "expense without the approval the policy requires", zh: "开支未经政策要求的审批")
    public let expenseExceedsApproval = Message(en: "expense exceeds its approval", zh: "开支超出批准数额")
    public let custodyFromNonHolder = Message(en: "custody from someone who does not hold it", zh: "移交人并非资产保管人")
    /// By the act (`leased`, `disposed`).
    public let assetWithoutApproval: [String: Message] = [
        "leased": .init(en: "asset leased without the approval the policy requires", zh: "资产出租未经政策要求的审批"),
        "disposed": .init(en: "asset disposed without the approval the policy requires", zh: "资产处置未经政策要求的审批"),
    ]
    public let assetWithoutApprovalAny = Message(en: "asset leased or disposed without the approval the policy requires", zh: "资产出租或处置未经政策要求的审批")
    public let assetBeforeVote: [String: Message] = [
        "leased": .init(en: "asset leased before its vote", zh: "资产在表决之前即已出租"),
        "disposed": .init(en: "asset disposed before its vote", zh: "资产在表决之前即已处置"),
    ]
    public let assetBeforeVoteAny = Message(en: "asset leased or disposed before its vote", zh: "资产在表决之前即已出租或处置")
    public let assetWithoutNotice: [String: Message] = [
        "leased": .init(en: "asset leased without prior notice", zh: "资产出租前未张榜公告"),
        "disposed": .init(en: "asset disposed without prior notice", zh: "资产处置前未张榜公告"),
    ]
    public let assetWithoutNoticeAny = Message(en: "asset leased or disposed without prior notice", zh: "资产出租或处置前未张榜公告")
    public let assetNotLeased = Message(en: "asset not leased", zh: "资产未出租")
    public let assetNotHeld = Message(en: "asset not held", zh: "资产不在持有状态")
    public let handoverByNonHolder = Message(en: "handover by someone who did not hold the office", zh: "移交人未担任该职务")
    public let handingOverUnheld = Message(en: "handing over an asset one does not hold", zh: "移交的资产不由移交人保管")
    // MARK: corrections and retractions
    public let nothingToRetract = Message(en: "nothing to retract", zh: "没有可撤销的事件")
    public let nothingToCorrect = Message(en: "nothing to correct", zh: "没有可更正的事件")
    public let unknownType = Message(en: "unknown type", zh: "未知的事件类型")
    public let paymentWithoutBasis = Message(en: "would leave a payment without its basis", zh: "将使已支付的款项失去依据")
    public let correctionOfACorrection = Message(en: "correction of a correction or retraction", zh: "更正的是更正或撤销事件")
    public let retractionOfACorrection = Message(en: "retraction of a correction or retraction", zh: "撤销的是更正或撤销事件")
    public let alreadyCorrected = Message(en: "already corrected", zh: "已被更正")
    public let alreadyRetracted = Message(en: "already retracted", zh: "已被撤销")
    public let wrongSubject = Message(en: "wrong subject", zh: "所属对象不符")
    public let correctionOfAPolicy = Message(en: "correction of a policy document", zh: "更正政策文件")
    public let laterEventsDepend = Message(en: "later events depend on it", zh: "后续事件依赖于该事件")
    public let laterEventsChangedState = Message(en: "later events changed the same state", zh: "后续事件已改变同一状态")
    public let replacementDoesNotFit = Message(en: "replacement does not fit the event's type", zh: "更正内容不符合原事件的类型")
    public let correctionCannotMove = Message(en: "a correction cannot move an event", zh: "更正不能改变事件的归属")
    public let replacementBreaksARule = Message(en: "the replacement breaks a rule", zh: "更正内容违反规则")
    // MARK: villages' and communities' posts, representatives
    public let installedBeforeElection = Message(en: "installed before the election", zh: "选举之前即已任职")
    public let onBothCommittees = Message(en: "on both committees", zh: "同时担任村(居)委会与监委会职务")
    public let committeeHasADirector = Message(en: "the committee has a director", zh: "该委员会已有主任")
    public let postNotHeld = Message(en: "post not held", zh: "未担任该职位")
    public let postEndsBeforeItBegan = Message(en: "post ends before it began", zh: "职位终止早于任职")
    public let groupOfAnotherUnit = Message(en: "group of another unit", zh: "小组属于其他村(社区)")
    public let representativeOfNoHousehold = Message(en: "representative of no household", zh: "代表户数为零")
    public let alreadyARepresentative = Message(en: "already a representative", zh: "已是村民代表")
    public let notARepresentative = Message(en: "not a representative", zh: "不是村民代表")
    public let notASupervisionMember = Message(en: "not a supervision member", zh: "不是村务监督委员会成员")
    public let alreadyVoted = Message(en: "already voted", zh: "本年度已测评")
    public let notAVillageOrCommunity = Message(en: "not a village or community", zh: "不是行政村或社区")
    public let noTenure = Message(en: "no tenure", zh: "未曾任职")
    // END names
}

/// The details of refusals: numbers, ids, dates and amounts.
public struct RuleDetails: Sendable {
    public let damagedRepair = Message(en: "{what}; run `grassroots check`, then `grassroots rebuild`",
                                       zh: "{what};请先运行 `grassroots check`,再运行 `grassroots rebuild`")
    public let undecodable = Message(en: "event {seq} ({type}): {error}", zh: "第{seq}号事件({type}):{error}")
    public let votersSigned = Message(en: "{signed} voters signed of {of}", zh: "{of}名选民中有{signed}名联名")
    public let notYetRegistered = Message(en: "{person} was not yet registered on {date}; record the change on or after the registration's date",
                                          zh: "{person}在{date}尚未登记;请记录在登记之日或其后发生的变更")
    public let namesUnregistered = Message(en: "{path} names {id}, which is not registered in this ledger", zh: "{path}所引用的{id}未在本账本登记")
    public let uncheckedReference = Message(en: "{path} names {id}, a {prefix} id whose group cannot be read", zh: "{path}引用的{id}是{prefix}类编号,无法读取其所属小组")
    public let belongsToAnotherGroup = Message(en: "{path} {id} belongs to {owner}, not {group}", zh: "{path}所引用的{id}属于{owner},而不是{group}")
    public let alreadyInLedger = Message(en: "{id} is already in this ledger; record a change with its own act", zh: "{id}已在本账本登记;如有变化,请以相应的事件记录")
    // MARK: notices
    public let voterListNotice = Message(en: "voter list (选民名单)", zh: "选民名单")
    public let candidatesNotice = Message(en: "candidates (候选人)", zh: "候选人名单")
    public let noticeNotPosted = Message(en: "no {what} notice of {id} is recorded before the election on {election}; it must be posted at least {days} days before",
                                         zh: "{id}在{election}选举之前没有公布{what}的记录;须至少提前{days}日公布")
    public let noticeTooShort = Message(en: "the {what} of {id} was posted on {posted}, {given} days before the election on {election}; at least {days} days are required",
                                        zh: "{id}的{what}于{posted}公布,距{election}选举仅{given}日;须至少提前{days}日")
    // MARK: policy documents
    public let policyError = Message(en: "policy {policy}: {reason}", zh: "政策{policy}:{reason}")
    public let policyShape = Message(en: "{error}", zh: "文件格式不符:{error}")
    public let policyFraction = Message(en: "{path}: {n}/{d} is not a fraction between 0 and 1", zh: "{path}:{n}/{d}不是0到1之间的分数")
    public let policyShares = Message(en: "pay.fundingShares for {kind} groups add up to {total}%, not 100%",
                                      zh: "pay.fundingShares中{kind}的各资金来源比例合计为{total}%,而不是100%")
    public let policyCycle = Message(en: "extends itself through {chain}", zh: "经由{chain}循环继承自身")
    public let policyTooDeep = Message(en: "extends more than {max} levels deep", zh: "继承层级超过{max}层")
    public let noSuchPolicy = Message(en: "no such policy; known: {known}", zh: "没有这项政策;已知的政策:{known}")
    public let extendsUnknownPolicy = Message(en: "extends unknown policy {parent}", zh: "继承了未知的政策{parent}")
    public let adoptedBeforeDefined = Message(en: "{policy} was defined by event {seq} effective {effective}; it cannot be in force from {date}",
                                              zh: "{policy}由第{seq}号事件定义,自{effective}起生效;不能自{date}起施行")
    public let policyIDMismatch = Message(en: "the event defines {policy}; the document's id is {id}", zh: "事件定义的是{policy},而文件的编号是{id}")
    public let missing = Message(en: "missing", zh: "缺失")
    public let builtInPolicy = Message(en: "{policy} is a built-in policy; define yours under a new id", zh: "{policy}是内置政策;请以新的编号定义本地政策")
    public let policyDefinedBefore = Message(en: "{policy} was defined by event {seq}; a policy document never changes: define a new id (it may extend this one)",
                                             zh: "{policy}已由第{seq}号事件定义;政策文件一经定义不再改变:请定义新的编号(可继承此政策)")
    // MARK: meetings, votes, installing a leader, offices
    public let moreBallotsThanPeople = Message(en: "{ballots} ballots cast at {meeting}, which {attending} adults attended",
                                               zh: "{meeting}到会{attending}人,却投出选票{ballots}张")
    public let candidateVotes = Message(en: "{person} has {votes} votes from {ballots} ballots", zh: "共{ballots}张选票,{person}却得{votes}票")
    public let questionVotes = Message(en: "{votes} yes and no votes from {ballots} ballots", zh: "共{ballots}张选票,赞成票与反对票合计却有{votes}票")
    public let voteBeforeMeeting = Message(en: "tallied on {date}, the meeting {meeting} is dated {held}", zh: "计票日期为{date},而会议{meeting}的日期为{held}")
    public let voteOrMeetingUnregistered = Message(en: "{vote} or its meeting is not registered", zh: "{vote}或其会议未登记")
    public let notAnElection = Message(en: "{vote} decided a {question} question, not an election", zh: "{vote}表决的是{question}事项,不是选举")
    public let installedBeforeMeeting = Message(en: "installed on {date}, the meeting was on {meeting}", zh: "任职日期为{date},而会议于{meeting}召开")
    public let termEndsBeforeItBegins = Message(en: "installed on {date} with a term ending on {ends}", zh: "任职日期为{date},任期却于{ends}结束")
    public let groupPostAlreadyHeld = Message(en: "{person} has held {post} of {group} since {since} (event {seq}); one person holds a post once",
                                              zh: "{person}自{since}起已担任{group}的{post}(第{seq}号事件);同一人不能重复担任同一职务")
    public let groupHasLeader = Message(en: "{person} holds group-leader of {group} since {since}; end that office first",
                                        zh: "{person}自{since}起担任{group}小组长;须先终止其职务")
    public let noMeetingRule = Message(en: "none of the policies in force ({policies}) sets a quorum for group meetings",
                                       zh: "现行政策({policies})均未规定小组会议的法定人数")
    public let registerAdults = Message(en: " (the register on {date}: {registered} adults; the meeting reported {reported})",
                                        zh: "(按{date}的登记为{registered}人,会议报告为{reported}人)")
    public let registerHouseholds = Message(en: " (the register on {date}: {registered} households; the meeting reported {reported})",
                                            zh: "(按{date}的登记为{registered}户,会议报告为{reported}户)")
    public let quorumAdults = Message(en: "{attending} of {eligible} adults attended{note}; needs {threshold} ({minimum})",
                                      zh: "十八周岁以上的组内成员{eligible}人{note},到会{attending}人;须{threshold}({minimum}人)")
    public let quorumHouseholds = Message(en: "{attending} of {eligible} households were represented{note}; needs {threshold} ({minimum})",
                                          zh: "户代表{eligible}户{note},到会{attending}户;须{threshold}({minimum}户)")
    public let nor = Message(en: "{first}, nor {second}", zh: "{first};也未满足:{second}")
    public let quorumAt = Message(en: "at {meeting}, {needs}", zh: "{meeting}:{needs}")
    public let noVotes = Message(en: "{person} received no votes in {vote}", zh: "{person}在{vote}中未得票")
    public let majority = Message(en: "{person} received {votes} votes of {attending} attending; needs {threshold} ({minimum})",
                                  zh: "到会{attending}人,{person}得{votes}票;须{threshold}({minimum}票)")
    public let rivalVotes = Message(en: "{rival} received {rivalVotes} votes to {person}'s {votes}", zh: "{rival}得{rivalVotes}票,{person}得{votes}票")
    public let underAge = Message(en: "{person}, born {birth}, was {age} on {date}; must be at least {minimum}",
                                  zh: "{person}生于{birth},{date}时年满{age}周岁;须年满{minimum}周岁")
    public let livedElsewhere = Message(en: "on {date} {person} lived in {lived}, not {group}", zh: "{date}时{person}居住在{lived},不在{group}")
    public let noRegisteredGroup = Message(en: "no registered group", zh: "未登记的小组")
    public let noVotingRights = Message(en: "on {date} {person} did not hold voting rights", zh: "{date}时{person}没有选举权")
    public let representedSince = Message(en: " (registered for {group} from {since})", zh: "(自{since}起登记为{group}的代表)")
    public let representedUntil = Message(en: " (registered for {group} from {since}, left {left})", zh: "(自{since}起登记为{group}的代表,{left}离任)")
    public let notARepresentativeOfGroup = Message(en: "on {date} {person} was not a villager representative of {group}{registered}",
                                                   zh: "{date}时{person}不是{group}的村民代表{registered}")
    public let appointmentFiled = Message(en: "an appointment filed", zh: "报镇街道备案")
    public let recallPetition = Message(en: "a recall petition", zh: "罢免要求")
    public let holdsNoPost = Message(en: "{act} for {person}, who holds no post in {group}", zh: "{act}涉及的{person}在{group}未担任任何职务")
    public let officeHeldByNoOne = Message(en: "{person} does not hold {post} of {group} (no one does; an office cannot end twice)",
                                           zh: "{person}未担任{group}的{post}(该职务无人担任;职务不能终止两次)")
    public let officeHeldByOthers = Message(en: "{person} does not hold {post} of {group} ({holders} does)", zh: "{person}未担任{group}的{post}(现由{holders}担任)")
    public let endsBeforeBegan = Message(en: "ending on {date}, the office began on {start}", zh: "终止日期为{date},而任职始于{start}")
    // MARK: recall
    public let representativesSigned = Message(en: "{signed} representatives signed of {of}", zh: "{of}名村民代表中有{signed}名联名")
    public let givenTogether = Message(en: "representativeSignatures and representatives are given together",
                                       zh: "representativeSignatures(代表联名人数)与 representatives(代表总数)须同时填写")
    public let notRegistered = Message(en: "{id} is not registered", zh: "{id}未登记")
    public let petitionConcerns = Message(en: "{petition} concerns {concerns}, not {person}", zh: "{petition}针对的是{concerns},而不是{person}")
    public let noRecallRule = Message(en: "none of the policies in force ({policies}) sets recall thresholds", zh: "现行政策({policies})均未规定罢免的票数要求")
    public let petitionVoters = Message(en: "{signed} of {of} voters signed {petition}; needs {threshold} ({minimum})",
                                        zh: "{of}名选民中有{signed}名在{petition}上联名;须{threshold}({minimum}名)")
    public let orRepresentatives = Message(en: "{voters}, or {signed} of {of} representatives, needs {threshold} ({minimum})",
                                           zh: "{voters};或{of}名村民代表中有{signed}名联名,须{threshold}({minimum}名)")
    public let investigateFirst = Message(en: "the committee must investigate and verify {petition} before the group meeting votes",
                                          zh: "村(居)民委员会须先对{petition}进行调查核实,再由小组会议表决")
    public let groundsNotTrue = Message(en: "the investigation of {petition} did not find its grounds true", zh: "经调查,{petition}所列理由不属实")
    public let recallTally = Message(en: "{approve} to recall of {cast} cast by {eligible} voters",
                                     zh: "登记选民{eligible}人,投票{cast}人,赞成罢免却有{approve}票")
    public let recallOfVotes = Message(
        en: "turnout {cast} of {eligible} voters (needs {turnout}, {turnoutMinimum}); {approve} of {base} votes to recall (needs {threshold}, {minimum})",
        zh: "登记选民{eligible}人,参加投票{cast}人(须{turnout},即{turnoutMinimum}人);投票{base}张,赞成罢免{approve}票(须{threshold},即{minimum}票)")
    public let recallOfRegisteredVoters = Message(
        en: "turnout {cast} of {eligible} voters (needs {turnout}, {turnoutMinimum}); {approve} of {base} registered voters to recall (needs {threshold}, {minimum})",
        zh: "登记选民{eligible}人,参加投票{cast}人(须{turnout},即{turnoutMinimum}人);登记选民{base}人中赞成罢免{approve}票(须{threshold},即{minimum}票)")
    public let noRecallVote = Message(en: "no recall vote about {person} in {group} is recorded", zh: "没有{group}对{person}进行罢免表决的记录")
    public let theVoteOf = Message(en: "the vote of {date}: {detail}", zh: "{date}的表决:{detail}")
    public let notTwoUnfitYears = Message(en: "{person}'s grades in {group} for {from}-{to} do not include two consecutive 不称职",
                                          zh: "{person}在{group}{from}年至{to}年的考核等次中没有连续两年不称职")
    // MARK: appraisals and grades
    public let emptyAppraisal = Message(en: "an appraisal of {person} records neither ratings nor votes by grade", zh: "对{person}的民主评议既无满意度测评,也无按等次的投票")
    public let gradeVotedTwice = Message(en: "{grade} appears more than once in the votes by grade", zh: "按等次的投票中{grade}出现了不止一次")
    public let appraisalOfNonHolder = Message(en: "an appraisal on {date} of {person}, who held no post in {group} that day",
                                              zh: "{date}对{person}进行民主评议,而其当日在{group}未担任任何职务")
    public let appraisalsTooClose = Message(
        en: "{person} was appraised on {other} (event {seq}); this one on {date} is {apart} full month(s) from it, fewer than {months}",
        zh: "{person}已于{other}接受民主评议(第{seq}号事件);本次评议日期{date}与其仅相隔{apart}个整月,少于{months}个月")
    public let noGradeRule = Message(en: "none of the policies in force ({policies}) sets a grade scale", zh: "现行政策({policies})均未规定考核等次")
    public let gradeOutsideScale = Message(en: "{grade} is not among {scale}", zh: "{grade}不在{scale}之列")
    public let alreadyGraded = Message(en: "{person} in {group} was graded {grade} for {year} by event {seq}; correct that event instead",
                                       zh: "{person}在{group}的{year}年度等次已由第{seq}号事件评定为{grade};如需改变,请更正该事件")
    public let quotaHow = Message(en: "{inOffice} group leaders in office in its groups on {yearEnd}, {graded} graded",
                                  zh: "{yearEnd}所辖小组在任小组长{inOffice}人,已评定{graded}人")
    public let quota = Message(en: "{excellent} 优秀 for {year} in {unit}, which assessed {assessed} leaders ({how}); at most {percent}%, i.e. {allowed}",
                               zh: "{unit}的{year}年度考核{assessed}人({how}),优秀{excellent}人;优秀不得超过{percent}%,即{allowed}人")
    public let wouldMake = Message(en: "this would make {quota}", zh: "如予记录:{quota}")
    // MARK: subsidies and payments
    public let placeGroup = Message(en: "group {group}", zh: "小组{group}")
    public let placeUnit = Message(en: "unit {unit}", zh: "单位{unit}")
    public let and = Message(en: "{first} and {second}", zh: "{first}和{second}")
    public let postAndPlace = Message(
        en: "a subsidy names a group for a group's post, or a unit for a village's or community's post; this one names {post} with {places}",
        zh: "小组职务的补贴写明小组,村(社区)职务的补贴写明单位;本条为{post},写明的却是{places}")
    public let share = Message(en: "{source} {percent}%", zh: "{source}{percent}%")
    public let paidBy = Message(en: "under {policy}, {kind} groups' subsidies are paid by {shares}, not {source}",
                                zh: "按{policy},{kind}的补贴由{shares}承担,不由{source}承担")
    public let subsidyDiffers = Message(en: "{amount} accrued for {period}; the policy computes {computed} ({how}, {percent}% from {source})",
                                        zh: "{period}计提{amount};按政策应为{computed}({how},其中{source}承担{percent}%)")
    public let alreadyAccrued = Message(en: "{person}'s {post} subsidy of {group} for {period} from {source} is already recorded",
                                        zh: "{person}在{group}担任{post},{period}由{source}承担的补贴已经记录")
    public let notTheUnfitGrade = Message(en: "event {seq} is not {person}'s 不称职 grade in {group} for {year}",
                                          zh: "第{seq}号事件不是{person}在{group}的{year}年度被评为不称职的记录")
    public let noDeductionRule = Message(en: "none of the policies in force ({policies}) sets a deduction for 不称职", zh: "现行政策({policies})均未规定不称职的扣减")
    public let deductionDiffers = Message(en: "{amount} deducted; {percent}% of the {subsidy} post subsidy accrued for {year} is {expected}",
                                          zh: "扣减{amount};{year}年度已计提岗位补贴{subsidy}的{percent}%应为{expected}")
    public let owedHow = Message(en: "accrued {accrued} + bonuses {bonus} − deductions {deducted} − paid {paid}",
                                 zh: "应发{accrued} + 奖励{bonus} − 扣减{deducted} − 已付{paid}")
    public let paymentOverOwed = Message(en: "{amount} to {person}, who is owed {owed} ({how})", zh: "向{person}支付{amount},而应付金额为{owed}({how})")
    public let notPaidTo = Message(en: "{payment} was not paid to {person}", zh: "{payment}并非支付给{person}")
    public let reversedBefore = Message(en: "{payment} was reversed before", zh: "{payment}此前已冲回")
    public let notAMonth = Message(en: "{period} is not a month YYYY-MM", zh: "{period}不是 YYYY-MM 格式的月份")
    public let noPayRule = Message(en: "none of the policies in force for {place} on {date} ({policies}) sets a subsidy; adopt one that does",
                                   zh: "{date}适用于{place}的现行政策({policies})均未规定补贴;请采用规定了补贴的政策")
    public let subsidyBeforeOffice = Message(en: "{period} ends before {person} took office on {since}", zh: "{period}结束时{person}尚未任职(于{since}任职)")
    public let notInOfficeForSubsidy = Message(en: "{person} did not hold {post} of {place} in {period}, so no subsidy accrues",
                                               zh: "{person}在{period}未担任{place}的{post},不计提补贴")
    public let yearlyWrongMonth = Message(en: "policy {policy} pays per year; accrue it in the year's last month ({december}), not {period}",
                                          zh: "政策{policy}按年发放补贴;应在当年最后一个月({december})计提,而不是{period}")
    public let noRate = Message(en: "policy {policy} sets no subsidy for {post}", zh: "政策{policy}未规定{post}的补贴")
    public let perPeriod = Message(en: "{amount} a {period}", zh: "每{period}{amount}")
    public let higherPostPaid = Message(en: "{person} also holds {paidPost} of {paidPlace} ({paidRate}), which is the one paid; not {post} of {place} ({rate})",
                                        zh: "{person}同时担任{paidPlace}的{paidPost}({paidRate}),按该职务发放;不再发放{place}的{post}({rate})")
    public let howBase = Message(en: "{amount} a {period} for {post}", zh: "{post}每{period}{amount}")
    public let howSeniorityYear = Message(en: "{how} + {step} × {years} full year served", zh: "{how},另按任职满{years}年每年加{step}")
    public let howSeniorityYears = Message(en: "{how} + {step} × {years} full years served", zh: "{how},另按任职满{years}年每年加{step}")
    public let accountEntries = Message(en: "a person's money account holds more than {max} entries or years", zh: "个人补贴账户的条目或年份超过{max}个")
    public let accountBytes = Message(en: "a person's money account would exceed {max} bytes", zh: "个人补贴账户将超过{max}字节")
    public let sumOutOfRange = Message(en: "the {kind} lines of one person would exceed {max} fen", zh: "同一人的{kind}款项合计将超过{max}分")
    // MARK: the ledger's tables
    public let tooManyAdoptions = Message(en: "{unit} adopted policies more than {max} times", zh: "{unit}采用政策超过{max}次")
    public let cannotBeRead = Message(en: "{what} cannot be read: {why}", zh: "无法读取{what}:{why}")
    // MARK: funds and assets (三资)
    public let anotherQuestion = Message(en: "{vote} decided a {decided} question, not {question}", zh: "{vote}表决的是{decided}事项,而不是{question}")
    public let yesVotes = Message(en: "{vote}: {yes} yes of {attending} attending; needs {threshold} ({minimum})",
                                  zh: "{vote}:到会{attending}人,赞成{yes}票;须{threshold}({minimum}票)")
    public let expenseWithoutApproval = Message(en: "{amount} paid from {group}'s fund with no approval; every group expense needs a group meeting's approval",
                                                zh: "{group}资金支出{amount}未经审批;小组的每一笔开支都须经小组会议审批")
    public let exceedsApproval = Message(en: "{approval} approved {approved}; {paid} already paid, {asked} more asked",
                                         zh: "{approval}批准{approved};已支付{paid},本次又申请{asked}")
    public let heldBy = Message(en: "{asset} is held by {custodian}, not {other}", zh: "{asset}由{custodian}保管,而不是{other}")
    public let needsAssetVote = Message(en: "{asset} of {group} needs the group meeting's vote on the asset to be {action}",
                                        zh: "{group}的{asset}须经小组会议就该资产表决通过方可{action}")
    public let notThatVote = Message(en: "{needs}; {approval} is an expense approval, not that vote", zh: "{needs};{approval}是开支审批,不是该项表决")
    public let recordVersion2 = Message(en: "{detail}: record asset.transferred version 2 naming the vote", zh: "{detail}:请以 asset.transferred 第2版记录,并写明该项表决")
    public let assetBeforeVote = Message(en: "{asset} {action} on {date}; the meeting that voted on it was on {meeting}",
                                         zh: "{asset}于{date}{action};而就其表决的会议于{meeting}召开")
    public let noNoticeBetween = Message(en: "no decision notice of {group} was posted between {change} (the asset's last change) and {meeting} (the meeting that voted on {asset})",
                                         zh: "{group}在{change}(该资产最近一次变动)至{meeting}(就{asset}表决的会议)之间未张榜公告决定事项")
    public let noNoticeBy = Message(en: "no decision notice of {group} was posted by {meeting} (the meeting that voted on {asset})",
                                    zh: "{group}在{meeting}(就{asset}表决的会议)之前未张榜公告决定事项")
    public let cannotBeReturned = Message(en: "{asset} is {status}, so it cannot be returned", zh: "{asset}的状态为{status},不能收回")
    public let alreadyStatus = Message(en: "{asset} is already {status}", zh: "{asset}目前的状态为{status}")
    public let neitherLeader = Message(en: "{outgoing} is neither the group leader of {group} ({current}) nor the last one ({last})",
                                       zh: "{outgoing}既不是{group}的现任小组长({current}),也不是上一任小组长({last})")
    // MARK: corrections and retractions
    public let noEventBefore = Message(en: "there is no event {seq} before this one", zh: "本事件之前没有第{seq}号事件")
    public let typeNotInCatalog = Message(en: "event {seq}'s type {type} is not in the catalog", zh: "第{seq}号事件的类型{type}不在事件目录中")
    public let overpaidAfter = Message(en: "after this {act}, {person} would have been paid {over} more than is owed ({how}); reverse the payment first",
                                       zh: "此次{act}之后,向{person}的支付将比应付金额多{over}({how});请先冲回该笔支付")
    public let itselfACorrection = Message(en: "event {seq} is itself a {type}; correct or retract the original event instead",
                                           zh: "第{seq}号事件本身是{type};请更正或撤销原事件")
    public let retractedBy = Message(en: "event {seq} was retracted by event {by}", zh: "第{seq}号事件已由第{by}号事件撤销")
    public let correctedBy = Message(en: "event {seq} was corrected by event {by}", zh: "第{seq}号事件已由第{by}号事件更正")
    public let belongsTo = Message(en: "event {seq} belongs to {stream}, not {subject}", zh: "第{seq}号事件属于{stream},而不是{subject}")
    public let policyNeverChanges = Message(en: "{policy} (event {seq}) never changes; define a new id (it may extend this one) and adopt it",
                                            zh: "{policy}(第{seq}号事件)一经定义不再改变;请定义新的编号(可继承此政策)并采用")
    public let adoptedBy = Message(en: "adopted by {unit}", zh: "已被{unit}采用")
    public let extendedBy = Message(en: "extended by {policy}", zh: "被{policy}继承")
    public let policyInUse = Message(en: "{policy} (event {seq}) is {users}; retract those first", zh: "{policy}(第{seq}号事件){users};请先撤销这些事件")
    public let citedByEvent = Message(en: "event {seq} ({type}) is named or cited by event {dependents}; retract or correct those first, latest first",
                                      zh: "第{seq}号事件({type})被第{dependents}号事件引用;请先撤销或更正后者")
    public let citedByEvents = Message(en: "event {seq} ({type}) is named or cited by events {dependents}; retract or correct those first, latest first",
                                       zh: "第{seq}号事件({type})被第{dependents}号事件引用;请先从最后一个起逐一撤销或更正")
    public let entryChanged = Message(en: "event {seq}'s entry in {table} ({key}) was changed since; retract or correct the later events first",
                                      zh: "第{seq}号事件在{table}中的记录({key})此后已被改变;请先撤销或更正后续事件")
    public let replacementDoesNotFit = Message(en: "{type}: {path}: {reason}", zh: "{type}:{path}:{reason}")
    public let replacementNames = Message(en: "the replacement names {stream}; event {seq} belongs to {target}", zh: "更正内容指向{stream};而第{seq}号事件属于{target}")
    /// A refusal inside another (the replacement's, inside the correction's).
    public let nested = Message(en: "{refusal}", zh: "{refusal}")
    // MARK: villages' and communities' posts, representatives
    public let installedBeforeElection = Message(en: "installed on {date}; the election is dated {election}", zh: "任职日期为{date},而选举日期为{election}")
    public let unitPostAlreadyHeld = Message(en: "{person} has held {post} of {unit} since {since} (event {seq})", zh: "{person}自{since}起已担任{unit}的{post}(第{seq}号事件)")
    public let onBothCommittees = Message(
        en: "{person} holds {post} of {unit}; a member of the village committee cannot sit on its supervision committee, nor the reverse",
        zh: "{person}担任{unit}的{post};村民委员会成员不得担任村务监督委员会成员,反之亦然")
    public let hasDirector = Message(en: "{person} holds {post} of {unit} since {since}; end that post first", zh: "{person}自{since}起担任{unit}的{post};须先终止其职务")
    public let doesNotHold = Message(en: "{person} does not hold {post} of {unit}", zh: "{person}未担任{unit}的{post}")
    public let postEndsBeforeBegan = Message(en: "ending on {date}, the post began on {start}", zh: "终止日期为{date},而任职始于{start}")
    public let groupBelongsTo = Message(en: "{group} belongs to {owner}, not {unit}", zh: "{group}属于{owner},而不属于{unit}")
    public let noHouseholds = Message(en: "{person} is registered for 0 households", zh: "{person}登记代表的户数为0")
    public let hasRepresented = Message(en: "{person} has represented {households} households of {group} since {since}",
                                        zh: "{person}自{since}起已代表{group}的{households}户")
    public let notARepresentative = Message(en: "{person} is not a representative of {unit} on {date}", zh: "{date}时{person}不是{unit}的村民代表")
    public let noSupervisionPost = Message(en: "{person} holds no supervision committee post of {unit} on {date}", zh: "{date}时{person}未担任{unit}村务监督委员会的职务")
    public let confidenceTally = Message(en: "{for} votes of confidence of {cast} cast", zh: "共投{cast}票,信任票却有{for}票")
    public let alreadyVoted = Message(en: "{person} had the {year} confidence vote on {date}; correct that event instead",
                                      zh: "{person}已于{date}进行{year}年度信任票测评;如需改变,请更正该事件")
    public let unitLevel = Message(en: "{unit} is a {level}; committees, supervision committees and representatives belong to a village or community",
                                   zh: "{unit}是{level};村(居)民委员会、村务监督委员会和村民代表属于行政村或社区")
    public let neverHeldAPost = Message(en: "{person} never held a post in {group}", zh: "{person}从未在{group}担任职务")
    // END details
}

/// What a cited source says, beside the citation; and the ledger's own rules, where they are the source.
public struct RuleSources: Sendable {
    public let changeToRegistered = Message(en: "a change to a registered person", zh: "变更的是已登记的人员")
    public let register = Message(
        en: "the register: an id is registered by its own act (unit., group., person.registered, meeting.held, vote.tallied, asset.registered, expense.approved, recall.petitioned, payment.made)",
        zh: "登记规则:每个编号由其自身的登记事件登记(unit., group., person.registered, meeting.held, vote.tallied, asset.registered, expense.approved, recall.petitioned, payment.made)")
    public let groupDecidesItsAffairs = Message(en: "a group's meeting decides the group's affairs", zh: "村民小组会议决定本小组的事项")
    public let knownPolicies = Message(en: "a built-in policy (`grassroots policy list`) or one recorded by policy.defined before the adoption",
                                       zh: "内置政策(`grassroots policy list`),或在采用之前由 policy.defined 记录的政策")
    // MARK: meetings, votes, installing a leader, offices
    public let ballotsByAttending = Message(en: "ballots are cast by those attending", zh: "选票由到会人员投出")
    public let oneVotePerBallot = Message(en: "one vote per ballot", zh: "一张选票一票")
    public let voteAtItsMeeting = Message(en: "a vote is taken at its meeting", zh: "表决在会议上进行")
    public let theOneTheGroupChose = Message(en: "the one the group chose", zh: "由本居民小组推选")
    public let mostVotesElected = Message(en: "the candidate with the most votes is elected", zh: "得票多的候选人当选")
    public let chosenByMeetingVote = Message(en: "a leader is chosen by a group meeting's vote", zh: "小组长由小组会议表决推选")
    public let chosenByElection = Message(en: "a leader is chosen by the group meeting's election", zh: "小组长由小组会议选举产生")
    public let officeOnTheVote = Message(en: "a leader takes office on the strength of the vote", zh: "小组长依据表决结果任职")
    public let byElectedTerm = Message(en: "a by-elected member's term ends with the sitting committee's", zh: "补选的成员,其任期到本届村民委员会任期届满时止")
    public let membersDifferentPeople = Message(en: "a group's 3-5 members are different people", zh: "小组3至5名成员为不同的人")
    public let oneGroupOneLeader = Message(en: "one group, one leader (一组一长): {citation}", zh: "一组一长:{citation}")
    public let statuteFloor = Message(en: "the statute floor", zh: "法律规定的底线")
    public let principle2 = Message(en: "DESIGN.md principle 2", zh: "DESIGN.md 设计原则第2条")
    public let chosenIsCandidate = Message(en: "the one chosen is a candidate of the vote", zh: "当选者须是该次表决的候选人")
    public let actsOfThoseInOffice = Message(en: "these acts concern the group's leaders and members in office", zh: "这些事项针对在任的小组长和小组成员")
    public let officeEndsOnce = Message(en: "an office held ends once", zh: "在任职务只能终止一次")
    public let officeEndsAfterItBegan = Message(en: "an office ends after it began", zh: "职务终止须在任职之后")
    // MARK: recall
    public let recallRestsOnPetition = Message(en: "a recall rests on a recorded petition", zh: "罢免以已记录的罢免要求为依据")
    public let recallOnThatHolder = Message(en: "a recall vote is on the petition against that holder", zh: "罢免表决针对的是对该任职者提出的罢免要求")
    public let thresholdsFromPolicy = Message(en: "thresholds come from the policy in force", zh: "票数要求依据现行政策")
    public let recallTallyBounds = Message(en: "votes to recall <= ballots cast <= registered voters", zh: "赞成罢免票数 ≤ 投票数 ≤ 登记选民数")
    // MARK: appraisals and grades
    public let yearlyAppraisal = Message(en: "the yearly appraisal of the group's leaders", zh: "每年对小组长进行民主评议")
    public let annualAppraisal = Message(en: "annual appraisal", zh: "每年进行民主评议")
    public let unitPolicy = Message(en: "the policy adopted by the group's unit", zh: "小组所属单位采用的政策")
    public let oneGradePerYear = Message(en: "{source}: one grade per leader and year ({policy})", zh: "{source}:每名小组长每年评定一个等次(适用政策:{policy})")
    // MARK: subsidies and payments
    public let groupOrUnit = Message(en: "group or unit, exactly one", zh: "小组与单位二者必须且只能填写一个")
    public let oneSubsidyPerPeriod = Message(en: "{cite}: one subsidy per post, period and funding source", zh: "{cite}:同一职务、同一期间、同一资金来源只计提一次补贴")
    public let deductionFollowsGrade = Message(en: "a deduction follows a 不称职 grade", zh: "扣减补贴以不称职等次为依据")
    public let deductionNeedsPolicy = Message(en: "a deduction needs a policy that sets one", zh: "扣减须有政策规定")
    public let paymentsSettle = Message(en: "payments settle what was accrued, less deductions ({citations})", zh: "支付以已计提补贴扣除扣减后的金额为限({citations})")
    public let reversesPaymentToThatPerson = Message(en: "it reverses a payment made to that person", zh: "冲回的是支付给该人的款项")
    public let reversedOnce = Message(en: "a payment is reversed once", zh: "一笔支付只能冲回一次")
    public let periodField = Message(en: "period", zh: "期间")
    public let payByPolicy = Message(en: "pay is set by the policy in force", zh: "补贴标准由现行政策规定")
    public let subsidyByPolicyAndMeeting = Message(en: "who is paid a subsidy, and how much, is decided by policy and meeting",
                                                   zh: "享受误工补贴的人员及补贴标准由政策和会议决定")
    public let accountLimit = Message(en: "the ledger's limit on one account (Schemas/STORAGE.md, gov.lines)", zh: "账本对单个账户的限制(Schemas/STORAGE.md,gov.lines)")
    public let principle6 = Message(en: "DESIGN.md principle 6", zh: "DESIGN.md 设计原则第6条")
    public let integerFen = Message(en: "money in integer fen, 64-bit", zh: "金额以64位整数分计")
    // MARK: the registers
    public let unitRegister = Message(en: "the register of units (unit.registered)", zh: "单位登记(unit.registered)")
    public let groupRegister = Message(en: "the register of groups (group.registered)", zh: "小组登记(group.registered)")
    public let personRegister = Message(en: "the register of persons (person.registered)", zh: "人员登记(person.registered)")
    public let adoptionsLimit = Message(en: "the ledger's limit Rules.adoptionsPerUnitMax", zh: "账本的限制 Rules.adoptionsPerUnitMax")
    // MARK: funds and assets (三资)
    public let approvalIsAVote = Message(en: "the approval is a meeting's vote", zh: "审批即会议的表决")
    public let thatVeryMatter = Message(en: "the meeting approves that very matter", zh: "会议审批的须是该事项本身")
    public let noMoreThanApproved = Message(en: "every expense approved by the villager meeting: no more than it approved",
                                            zh: "每一笔开支须经村民会议审批,且不超过批准的数额")
    public let assetLedger = Message(en: "collective assets are registered in an asset ledger", zh: "集体资产登记在资产台账上")
    public let assetsPassFromHolder = Message(en: "assets pass from the one who holds them", zh: "资产由保管人移交")
    public let leaseEndsWithReturn = Message(en: "a lease ends with the asset's return", zh: "出租以收回资产结束")
    public let onlyHeldAssets = Message(en: "only an asset the group holds can be leased or disposed of", zh: "只有小组持有的资产才能出租或处置")
    // MARK: villages' and communities' posts, representatives
    public let committeeMembers = Message(en: "the committee: a director, deputy directors and members", zh: "村民委员会由主任、副主任和委员组成")
    public let membersAreElected = Message(en: "committee members are elected", zh: "村民委员会成员由选举产生")
    public let postEndsOnce = Message(en: "a post held ends once", zh: "在任职位只能终止一次")
    public let postEndsAfterItBegan = Message(en: "a post ends after it began", zh: "职位终止须在任职之后")
    public let representativeReplaced = Message(en: "a representative is removed and replaced", zh: "村民代表可以罢免和补选")
    public let departureAuditOfHolder = Message(en: "a departure audit is of a leader who held the post", zh: "离任经济责任审计的对象是曾担任该职务的小组长")
    // END why
}

/// Pieces the refusals and alerts are built from.
public struct RuleParts: Sendable {
    /// A citation as written (rendered as a citation).
    public let citation = Message(en: "{citation}", zh: "{citation}")
    /// A citation and what it says.
    public let citationSaying = Message(en: "{citation} ({says})", zh: "{citation}({says})")
    /// A policy section's source and the policy that supplied it.
    public let inPolicy = Message(en: "{source} ({policy})", zh: "{source}(适用政策:{policy})")
    /// Two sources, or two parts of a detail.
    public let joined = Message(en: "{first}; {second}", zh: "{first};{second}")
    public let atLeast = Message(en: "at least {fraction}", zh: "{fraction}以上")
    public let moreThan = Message(en: "more than {fraction}", zh: "超过{fraction}")
    /// A text the ledger's tables recorded in English before its words were in this catalog, shown as written.
    public let asRecorded = Message(en: "{text}", zh: "{text}")
    // END parts
}

/// Closed vocabularies of the rules, by stored value (the value is the English; these are the Chinese).
public struct RuleWords: Sendable {
    /// An asset's status (`gov.assets`).
    public let assetStatus: [String: Message] = [
        "held": .init(en: "held", zh: "在册持有"), "leased": .init(en: "leased", zh: "已出租"), "disposed": .init(en: "disposed", zh: "已处置"),
    ]
    /// What a correcting event is.
    public let correctionKind: [String: Message] = ["correction": .init(en: "correction", zh: "更正"), "retraction": .init(en: "retraction", zh: "撤销")]
    // END words
}
