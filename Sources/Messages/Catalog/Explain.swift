/// `grassroots explain`: a decision's validity recomputed check by check, each with its numbers, result
/// and source; the verdict. The check and share tables are keyed by the stable codes of `Check.Kind` and
/// `ShareOf` (Governance).
public struct ExplainMessages: Sendable {
    // MARK: what is explained
    public let installation = Message(en: "{person} installed as {post} of {group} on the vote {vote} (event {seq}, {date})",
                                      zh: "{group}依{vote}产生{post}{person}(第{seq}号事件,{date})")
    public let election = Message(en: "the election {vote} of {group}: its front-runner {person} as group leader (no installation cites the vote)",
                                  zh: "{group}的选举{vote}:以得票最多的{person}为小组长核验(尚无任职记录引用该表决)")
    public let recall = Message(en: "the recall vote on {person} of {group}, petition {petition} (event {seq}, {date})",
                                zh: "{group}对{person}的罢免表决,罢免要求{petition}(第{seq}号事件,{date})")
    public let approval = Message(en: "the vote {vote} of {group} on {question}", zh: "{group}关于{question}的表决{vote}")
    public let committeeElection = Message(en: "{person} installed as {post} of {unit}, elected on {election}{vote} (event {seq}, {date})",
                                           zh: "{unit}于{election}选举产生{post}{person}{vote}(第{seq}号事件,{date})")
    public let committeeElectionVote = Message(en: " in {vote}", zh: "(选举{vote})")
    public let confidence = Message(en: "the {year} confidence vote on {person}, {post} of {unit} (event {seq}, {date})",
                                    zh: "{unit}{post}{person}的{year}年度信任投票(第{seq}号事件,{date})")
    public let officeEnded = Message(en: "Event {seq} ended {person}'s office as recalled: the recall vote it rests on, event {vote}, is assessed.",
                                     zh: "第{seq}号事件以罢免为由终止{person}的职务:以下核验其所依据的第{vote}号罢免表决事件。")
    public let noRecallVote = Message(en: "event {seq} ends {person}'s office as recalled, but no recall vote on them in {group} is recorded before it",
                                      zh: "第{seq}号事件以罢免为由终止{person}的职务,但此前没有{group}对其罢免表决的记录")
    public let recordedBy = Message(en: "{what} (event {seq}, {date})", zh: "{what}(第{seq}号事件,{date})")
    public let meeting = Message(en: "Meeting {meeting} of {date}; the policy in force that day: {policy} ({lineage})",
                                 zh: "会议{meeting}({date});当日适用的政策:{policy}({lineage})")
    public let judgedOn = Message(en: "Judged on {date} under the policy in force that day: {policy} ({lineage})",
                                  zh: "按{date}适用的政策核验:{policy}({lineage})")
    public let corrected = Message(en: "Event {seq} was corrected by event {by}: its replacement is assessed.",
                                   zh: "第{seq}号事件已由第{by}号事件更正:按更正后的内容核验。")
    public let retracted = Message(en: "Event {seq} was retracted by event {by}: it no longer stands.", zh: "第{seq}号事件已由第{by}号事件撤销,不再有效。")

    // MARK: one check
    public let line = Message(en: "{label}: {figures} {mark}; source: {source}", zh: "{label}:{figures} {mark} 依据:{source}")
    public let pass = Message(en: "✓", zh: "✓(通过)")
    public let fail = Message(en: "✗", zh: "✗(未通过)")
    public let outcomeYes = Message(en: "✓ (reached)", zh: "✓(达到)")
    public let outcomeNo = Message(en: "✗ (not reached)", zh: "✗(未达到)")
    /// The checks, by `Check.Kind`.
    public let label: [String: Message] = [
        "meeting-rule": .init(en: "meeting rule", zh: "会议规则"), "quorum": .init(en: "quorum", zh: "法定人数"),
        "candidate": .init(en: "candidate", zh: "候选人"), "majority": .init(en: "majority", zh: "得票过半"),
        "most-votes": .init(en: "most votes", zh: "得票最多"), "age": .init(en: "age", zh: "年龄"), "residence": .init(en: "residence", zh: "居住"),
        "voting-rights": .init(en: "voting rights", zh: "选举权"), "representative": .init(en: "villager representative", zh: "村民代表"),
        "voter-list-notice": .init(en: "voter list notice", zh: "选民名单公告"), "candidates-notice": .init(en: "candidates notice", zh: "候选人名单公告"),
        "question": .init(en: "question", zh: "表决事项"), "decision": .init(en: "decision", zh: "表决通过"),
        "recall-rule": .init(en: "recall rule", zh: "罢免规则"), "petition": .init(en: "petition", zh: "罢免联名"),
        "investigation": .init(en: "investigation", zh: "调查核实"), "tally": .init(en: "tally", zh: "计票"),
        "turnout": .init(en: "turnout", zh: "参加投票"), "approval": .init(en: "votes to recall", zh: "赞成罢免"),
        "notice-rule": .init(en: "notice rule", zh: "公告规则"), "supervision-member": .init(en: "supervision committee member", zh: "村务监督委员会成员"),
        "confidence": .init(en: "confidence", zh: "信任票"),
    ]

    // MARK: figures
    /// A share, by `ShareOf`: the count, its base, the threshold and the least count that meets it.
    public let share: [String: Message] = [
        "adults-attending": .init(en: "{count} of {base} adults attended{reported} ({threshold}: {minimum})",
                                  zh: "到会{count}人 / 应到{base}人{reported}({threshold}须{minimum}人)"),
        "households-attending": .init(en: "{count} of {base} households represented{reported} ({threshold}: {minimum})",
                                      zh: "到会{count}户 / 应到{base}户{reported}({threshold}须{minimum}户)"),
        "votes-of-attending": .init(en: "{count} votes of {base} attending ({threshold}: {minimum})",
                                    zh: "得{count}票 / 到会{base}人({threshold}须{minimum}票)"),
        "yes-of-attending": .init(en: "{count} yes of {base} attending ({threshold}: {minimum})",
                                  zh: "赞成{count}票 / 到会{base}人({threshold}须{minimum}票)"),
        "signatures-of-voters": .init(en: "{count} of {base} voters signed ({threshold}: {minimum})",
                                      zh: "联名{count}人 / 选民{base}人({threshold}须{minimum}人)"),
        "representatives-signed": .init(en: "{count} of {base} villager representatives signed ({threshold}: {minimum})",
                                        zh: "村民代表联名{count}人 / 共{base}人({threshold}须{minimum}人)"),
        "turnout": .init(en: "{count} of {base} voters voted ({threshold}: {minimum})", zh: "参加投票{count}人 / 登记选民{base}人({threshold}须{minimum}人)"),
        "approve-of-cast": .init(en: "{count} of {base} votes cast to recall ({threshold}: {minimum})",
                                 zh: "赞成罢免{count}票 / 投票{base}张({threshold}须{minimum}票)"),
        "approve-of-registered": .init(en: "{count} of {base} registered voters to recall ({threshold}: {minimum})",
                                       zh: "赞成罢免{count}票 / 登记选民{base}人({threshold}须{minimum}票)"),
        "for-of-cast": .init(en: "{count} of {base} votes cast in confidence ({threshold}: {minimum})",
                             zh: "信任票{count}票 / 投票{base}张({threshold}须{minimum}票)"),
    ]
    public let reported = Message(en: " (the register; the meeting reported {reported})", zh: "(按登记,会议报告为{reported})")
    public let either = Message(en: "{first}; or {second}", zh: "{first};或{second}")
    public let noQuorumRule = Message(en: "the policy sets no quorum", zh: "政策未规定法定人数")
    public let noRule = Message(en: "none of {policies} sets it", zh: "{policies}均未规定")
    public let notACandidate = Message(en: "{person} is not a candidate in {vote}", zh: "{person}不是{vote}的候选人")
    public let rival = Message(en: "{person} {votes} votes; next {rival} {rivalVotes}", zh: "{person}得{votes}票,其次{rival}得{rivalVotes}票")
    public let noRival = Message(en: "{person} {votes} votes; no other candidate", zh: "{person}得{votes}票,无其他候选人")
    public let age = Message(en: "{person}, born {birth}, was {age} on {date} (at least {minimum})",
                             zh: "{person}生于{birth},{date}时年满{age}周岁(须年满{minimum}周岁)")
    public let residence = Message(en: "on {date} {person} lived in {lived} (must live in {group})", zh: "{date}时{person}居住在{lived}(须居住在{group})")
    public let noResidence = Message(en: "no registered group", zh: "未登记的小组")
    public let votingRights = Message(en: "on {date} {person} held voting rights", zh: "{date}时{person}享有选举权")
    public let noVotingRights = Message(en: "on {date} {person} did not hold voting rights", zh: "{date}时{person}没有选举权")
    public let representative = Message(en: "on {date} {person} was registered as a representative of {represented} from {since}{left} (must represent {group})",
                                        zh: "{date}时{person}自{since}起登记为{represented}的村民代表{left}(须为{group}的代表)")
    public let left = Message(en: ", left {date}", zh: ",{date}离任")
    public let noRepresentative = Message(en: "on {date} {person} was not a registered villager representative (must represent {group})",
                                          zh: "{date}时{person}未登记为村民代表(须为{group}的代表)")
    public let notice = Message(en: "{kind} of {at} posted {posted}, {given} days before {election} (at least {required})",
                                zh: "{at}的{kind}于{posted}张贴,距{election}{given}天(须至少{required}天)")
    public let noNotice = Message(en: "no {kind} of {at} posted by {election} (at least {required} days before)",
                                  zh: "{election}前未张贴{at}的{kind}(须至少提前{required}天)")
    public let question = Message(en: "{vote} decided {decided} (needs {required})", zh: "{vote}表决事项为{decided}(须为{required})")
    public let notInvestigated = Message(en: "{petition} has not been investigated", zh: "{petition}尚未调查核实")
    public let groundsTrue = Message(en: "the investigation found the grounds of {petition} true", zh: "经调查,{petition}所列理由属实")
    public let groundsNotTrue = Message(en: "the investigation did not find the grounds of {petition} true", zh: "经调查,{petition}所列理由不属实")
    public let tally = Message(en: "{approve} to recall, {cast} cast, {eligible} voters", zh: "登记选民{eligible}人,投票{cast}人,赞成罢免{approve}票")
    public let confidenceTally = Message(en: "{for} in confidence of {cast} cast", zh: "投票{cast}张,信任票{for}票")
    public let supervisionPost = Message(en: "on {date} {person} was a supervision committee member of {unit} since {since}",
                                         zh: "{date}时{person}自{since}起为{unit}村务监督委员会成员")
    public let noSupervisionPost = Message(en: "on {date} {person} held no supervision committee post of {unit}", zh: "{date}时{person}不是{unit}村务监督委员会成员")

    // MARK: verdict
    public let valid = Message(en: "Verdict: valid (every check passed)", zh: "结论:有效(各项核验均通过)")
    public let invalid = Message(en: "Verdict: invalid; the first failing check, as an append would be refused: {refusal}",
                                 zh: "结论:无效;首项未通过的核验(登记时即据此拒绝):{refusal}")
    public let recallPassed = Message(en: "Outcome: the recall passed (turnout and votes to recall reached)", zh: "表决结果:罢免通过(参加投票人数和赞成票均达到要求)")
    public let recallFailed = Message(en: "Outcome: the recall failed", zh: "表决结果:罢免未通过")
    public let confidenceKept = Message(en: "Outcome: the member keeps the post (enough votes in confidence)", zh: "表决结果:信任票达到要求,继续任职")
    public let confidenceLost = Message(en: "Outcome: too few votes in confidence: the member's post ends (三(三)3: 终止其任职资格)",
                                        zh: "表决结果:信任票未达到要求,应终止其任职资格")

    // MARK: CSV columns
    public let columnDecision = Message(en: "decision", zh: "决定")
    public let columnCheck = Message(en: "check", zh: "核验项")
    public let columnResult = Message(en: "result", zh: "结果")
    public let columnFigures = Message(en: "numbers", zh: "数据")
    public let columnSource = Message(en: "source", zh: "依据")

    // MARK: errors
    public let unknownVote = Message(en: "no vote {vote} is recorded{when}", zh: "没有表决{vote}的记录{when}")
    public let unknownEvent = Message(en: "no event {seq} is recorded{when}", zh: "没有第{seq}号事件{when}")
    public let when = Message(en: " as of event {view}", zh: "(截至第{view}号事件)")
    public let notADecision = Message(
        en: "event {seq} ({type}) is not a decision explain assesses: give a leader.installed, vote.tallied, recall.voted, office.ended (recalled), expense.approved, asset.transferred (v2, with its vote), committee.installed or confidence.voted event, or vote:ID",
        zh: "第{seq}号事件({type})不是可核验的决定:请给出小组长产生(leader.installed)、表决(vote.tallied)、罢免表决(recall.voted)、因罢免离职(office.ended)、开支审批(expense.approved)、资产出租处置(asset.transferred 第2版,附表决)、村(居)委会成员产生(committee.installed)或信任投票(confidence.voted)事件的序号,或 vote:表决编号")
    public let noCandidates = Message(en: "the election {vote} lists no candidates and no installation cites it", zh: "选举{vote}未列出候选人,也没有任职记录引用它")
    public let badTarget = Message(en: "give vote:ID or an event's seq, not {given}", zh: "请给出 vote:表决编号 或事件序号,而不是 {given}")
}
