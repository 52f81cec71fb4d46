/// Alerts: what the rules say should have happened and did not. The kind's English text is the stable code
/// (`alerts --json`, tests); the Chinese uses the seeds' terms (任期届满, 不称职, 罢免, 离任经济责任审计, 公开, 公示).
public struct AlertMessages: Sendable {
    /// The kinds of alert, by name.
    public let kind = AlertKinds()
    /// The numbers and names of an alert, one message per shape.
    public let detail = AlertDetails()
    /// What a cited source says, beside the citation.
    public let why = AlertSources()
    /// One alert on a line: its kind, the group, the detail and the source.
    public let line = Message(en: "[{kind}] {group}: {detail}; {source}", zh: "【{kind}】{group}:{detail}(依据:{source})")
}

/// The kinds of alert. The English text is the kind's stable name.
public struct AlertKinds: Sendable {
    public let termExpired = Message(en: "term expired", zh: "任期届满未换届")
    public let consecutiveUnfit = Message(en: "consecutive unfit years, still in office", zh: "连续不称职仍在任")
    public let tooManyUnfitVotes = Message(en: "appraisal: too many 不称职 votes", zh: "民主测评不称职票超过规定比例")
    public let lateRecallVote = Message(en: "late recall vote", zh: "罢免表决逾期")
    public let noRecallVote = Message(en: "no recall vote", zh: "未进行罢免表决")
    public let recallRaisedAgain = Message(en: "recall raised again", zh: "再次提出罢免")
    public let noAnnualAudit = Message(en: "no annual audit", zh: "未进行年度审计")
    public let noDepartureAudit = Message(en: "no departure audit", zh: "未进行离任经济责任审计")
    public let lateHandover = Message(en: "late handover", zh: "逾期办理移交")
    public let noHandover = Message(en: "no handover", zh: "未办理工作移交")
    public let leaderPostVacant = Message(en: "leader post vacant", zh: "小组长职位空缺")
    public let expenseWithoutApproval = Message(en: "expense without approval", zh: "开支未经审批")
    public let financeDisclosureMissing = Message(en: "finance disclosure missing", zh: "未按期公开财务")
    public let assetResultNotPublished = Message(en: "asset result not published", zh: "资产出租或处置结果未公布")
    public let groupSize = Message(en: "group size", zh: "小组规模不符")
    public let committeeSize = Message(en: "committee size", zh: "委员会人数不符")
    public let supervisionSeatsVacant = Message(en: "supervision seats vacant", zh: "村务监督委员会缺额")
    public let supervisionCommitteeSize = Message(en: "supervision committee size", zh: "村务监督委员会人数不符")
    public let supervisionWithoutConfidence = Message(en: "supervision member without confidence", zh: "村务监督委员会成员信任票不足")
    /// Months the policy pays for with no subsidy accrued (details in Catalog/PayrollWords.swift).
    public let subsidyNotAccrued = Message(en: "subsidy not accrued", zh: "误工补贴未计提")
    public let representativeHouseholds = Message(en: "representative households", zh: "村民代表联系户数不符")
    public let excellentQuotaExceeded = Message(en: "优秀 quota exceeded", zh: "优秀等次超过规定比例")
}

/// The details of alerts.
public struct AlertDetails: Sendable {
    // MARK: terms and grades
    public let termSetEnded = Message(en: "{person} has held {post} since {since}; the term set at installation ended on {ends} without an election",
                                      zh: "{person}自{since}起担任{post};任职时确定的任期已于{ends}届满,未进行换届选举")
    public let termYearsExpired = Message(en: "{person} has held {post} since {since}; the {years}-year term expired on {expiry} without an election",
                                          zh: "{person}自{since}起担任{post};{years}年任期已于{expiry}届满,未进行换届选举")
    public let unitTermEnded = Message(en: "{person} has held {post} of {unit} since {since}; the term ended on {expiry} without an election",
                                       zh: "{person}自{since}起担任{unit}的{post};任期已于{expiry}届满,未进行换届选举")
    public let consecutiveUnfit = Message(
        en: "{person} was graded 不称职 for {run} consecutive years ({from}-{to}) and still holds {post}; the source requires: {requires}",
        zh: "{person}连续{run}年({from}至{to}年)被评为不称职,仍担任{post};依据规定:{requires}")
    public let actionAfterYears = Message(en: "action after {years} such years", zh: "连续{years}年不称职须作出处理")
    public let tooManyUnfitVotes = Message(
        en: "{person} received {unfit} 不称职 votes of {total} in the {year} appraisal on {date} (event {seq}), {share} ({minimum}), and still holds {post}; the source requires: {requires}",
        zh: "{person}在{date}的{year}年度民主测评(第{seq}号事件)中得不称职票{unfit}票,共{total}票,{share}({minimum}票),仍担任{post};依据规定:{requires}")
    public let action = Message(en: "action", zh: "作出处理")

    // MARK: recall
    public let lateRecallVote = Message(en: "{petition} of {date} was voted on {voted}, {late} day(s) after the {days} days allowed",
                                        zh: "{date}提出的{petition}于{voted}表决,超过规定的{days}日{late}日")
    public let noRecallVote = Message(en: "{petition} of {date} has had no recall vote; it was due within {days} days",
                                      zh: "{date}提出的{petition}至今未进行罢免表决;应在{days}日内表决")
    public let recallRaisedAgain = Message(
        en: "{petition} of {date} comes {apart} full month(s) after the failed recall vote of {failed} on {earlier}; the same grounds may not be raised again within {months} months: compare the two petitions' reasons (`grassroots trail`)",
        zh: "{date}提出的{petition}距{failed}就{earlier}进行的未通过的罢免表决仅{apart}个整月;同一理由在{months}个月内不得再次提出:请比较两次罢免要求的理由(`grassroots trail`)")

    // MARK: audits and handovers
    public let noAnnualAudit = Message(en: "no annual economic-responsibility audit of {group} covers {year}", zh: "{group}在{year}年度没有经济责任审计")
    public let noDepartureAudit = Message(en: "{person} left group-leader on {until}; no departure audit is recorded",
                                          zh: "{person}于{until}离任小组长;没有离任经济责任审计的记录")
    public let dueAfterSuccessor = Message(en: "within {days} days of {successor} taking office on {since}", zh: "{successor}于{since}任职后{days}日内")
    public let dueWhileVacant = Message(en: "within {days} days of leaving, to {to}, while the post is vacant", zh: "职位空缺期间,离任后{days}日内移交给{to}")
    public let bodyThePolicyNames = Message(en: "the body the policy names", zh: "政策指定的组织")
    public let lateHandover = Message(en: "{person} left on {until} and handed over on {made}, {late} day(s) late (due {due})",
                                      zh: "{person}于{until}离任,{made}办理移交,逾期{late}日(应在{due}移交)")
    public let noHandover = Message(en: "{person} left group-leader on {until}; no handover is recorded (due {due})",
                                    zh: "{person}于{until}离任小组长;没有工作移交的记录(应在{due}移交)")
    public let leaderPostVacant = Message(en: "{group} has had no group leader since {since} ({days} days)", zh: "{group}自{since}起没有小组长(已{days}日)")

    // MARK: funds, disclosures, assets (三资)
    public let expenseWithoutApproval = Message(en: "event {seq}: {amount} paid to {payee} on {date} with no approval",
                                                zh: "第{seq}号事件:{date}向{payee}支付{amount},未经审批")
    public let financeDisclosureMissing = Message(en: "no finance disclosure of {group} was posted between {start} and {end}",
                                                  zh: "{group}在{start}至{end}期间没有公开财务")
    public let assetResultNotPublished = Message(en: "{asset} was {act} on {date}; no notice of the result (results or decision) has been posted since",
                                                 zh: "{asset}已于{date}{act};此后没有公布结果(结果或决定事项)")

    // MARK: sizes
    public let householdsAtLeast = Message(en: "{households} households; the policy expects at least {min}", zh: "{households}户;政策规定不少于{min}户")
    public let householdsAtMost = Message(en: "{households} households; the policy expects at most {max}", zh: "{households}户;政策规定不多于{max}户")
    public let membersBetween = Message(en: "{members} members in office; the policy expects {min} to {max}", zh: "在任成员{members}人;政策规定{min}至{max}人")
    public let any = Message(en: "any", zh: "不限")
    public let membersAtMost = Message(en: "{members} members in office; the policy expects at most {max}", zh: "在任成员{members}人;政策规定不多于{max}人")
    public let committeeSize = Message(en: "{unit}'s committee has {count} members in office; the policy requires {min} to {max}",
                                       zh: "{unit}委员会在任成员{count}人;政策规定{min}至{max}人")
    public let supervisionVacant = Message(
        en: "{unit} (population {population}) has {count} supervision committee members in office; {required} are required, {vacant} seat(s) vacant",
        zh: "{unit}(人口{population}人)村务监督委员会在任成员{count}人;应设{required}人,缺额{vacant}人")
    public let supervisionOver = Message(en: "{unit} (population {population}) has {count} supervision committee members in office; the policy sets {required}",
                                         zh: "{unit}(人口{population}人)村务监督委员会在任成员{count}人;政策规定为{required}人")
    public let supervisionNoPopulation = Message(
        en: "{unit} has {count} supervision committee members and no population recorded, so the seats required cannot be judged ({below} under {threshold} people, otherwise {from})",
        zh: "{unit}村务监督委员会有成员{count}人,但没有人口记录,无法判断应设人数(人口{threshold}人以下设{below}人,否则设{from}人)")
    public let withoutConfidence = Message(
        en: "{person} received {for} votes of confidence of {cast} in the {year} vote of {date}, short of {keep} ({minimum}), and still holds {post}; the source requires the post to end (终止其任职资格)",
        zh: "{person}在{date}的{year}年度测评中得信任票{for}票,共{cast}票,未达到{keep}({minimum}票),仍担任{post};依据规定应终止其任职资格")
    public let noSupervisionDirector = Message(en: "{unit}'s supervision committee has no director in office", zh: "{unit}村务监督委员会没有在任主任")
    public let representativeHouseholds = Message(en: "{person} represents {households} households of {group}; one representative stands for {min} to {max}",
                                                  zh: "{person}代表{group}的{households}户;每名村民代表应代表{min}至{max}户")
}

/// What a cited source says, beside the citation.
public struct AlertSources: Sendable {
    public let byElectedTerm = Message(en: "{article} (a by-elected member's term ends with the sitting committee's), Art. 11",
                                       zh: "{article}(补选的成员,其任期到本届村民委员会任期届满时止)、第十一条")
    public let vacancyByElection = Message(en: "a vacancy is filled by by-election", zh: "出缺的,可以补选")
}
