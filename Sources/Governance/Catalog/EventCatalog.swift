/// Every first-tier act of DESIGN.md, as an event type. Field descriptions carry the Chinese term and,
/// where a rule stands behind the field, its source (RULES.md digests the seeds in ../shared/seeds/).
///
/// A published schema version is never edited: to change a type, add it again with `version: 2`.
public enum EventCatalog {
    static let note = text(500)
    static func text(_ bytes: Int) -> FieldKind { .text(maxBytes: bytes) }
    static let unit = FieldKind.id(prefix: "unit:")
    static let group = FieldKind.id(prefix: "group:")
    static let person = FieldKind.id(prefix: "person:")
    static let asset = FieldKind.id(prefix: "asset:")
    static let election = FieldKind.id(prefix: "election:")
    static let meeting = FieldKind.id(prefix: "meeting:")
    static let vote = FieldKind.id(prefix: "vote:")
    static let approval = FieldKind.id(prefix: "approval:")
    static let policy = FieldKind.id(prefix: "policy:")
    static let payment = FieldKind.id(prefix: "payment:")
    static func list(_ kind: FieldKind, max: Int = 200, min: Int = 0) -> FieldKind { .list(kind, minItems: min, maxItems: max) }

    // MARK: closed vocabularies (each decodes to a Swift enum of the same name in Events.generated.swift)

    static let unitLevel = Vocabulary("UnitLevel", "An administrative unit's level (行政级别).",
                                      ["county", "city", "town", "subdistrict", "village", "community"])
    static let groupKind = Vocabulary("GroupKind", "A group's kind: village 村民小组, resident 居民小组.", ["village", "resident"])
    static let sex = Vocabulary("Sex", "Sex (性别).", named: [("female", "F"), ("male", "M")])
    /// Posts in a group (小组长 and group members of a resident group, 居民小组成员).
    static let post = Vocabulary("Post", "A post in a group: group-leader 小组长, group-member 小组成员.", ["group-leader", "group-member"])
    static let nominator = Vocabulary("Nominator", "Who nominated a candidate (提名方式).",
                                      named: [("villagers", "villagers"), ("representatives", "representatives"), ("committee", "committee"),
                                              ("selfNominated", "self"), ("partyBranch", "party-branch")])
    static let reviewOutcome = Vocabulary("ReviewOutcome", "The joint review's outcome (联审结果).", ["approved", "rejected"])
    static let noticeKind = Vocabulary("NoticeKind", "What a public notice shows (公告内容).", ["voter-list", "candidates", "results", "recall", "decision"])
    static let voteQuestion = Vocabulary("VoteQuestion", "What a vote decided (表决事项).", ["election", "recall", "expense", "asset", "other"])
    static let endReason = Vocabulary("EndReason", "Why an office ended (离任原因).",
                                      ["term-expired", "resigned", "recalled", "unfit-two-years", "moved-away", "died", "lost-voting-rights", "other"])
    static let raterGroup = Vocabulary("RaterGroup", "A rater group in a democratic appraisal (评议主体).",
                                       ["villagers", "household-heads", "grid-workers", "police", "representatives", "party-members", "other"])
    /// The yearly grades, best first (000_19bdd15b88ce0110.txt 四(二); 基本称职 on the Danyang scale, 004_7fb8e911e1fe61b5.txt [8]).
    static let grade = Vocabulary("Grade", "A yearly grade (年度考核等次).",
                                  named: [("excellent", "优秀"), ("competent", "称职"), ("basicallyCompetent", "基本称职"), ("incompetent", "不称职")])
    static let disciplineKind = Vocabulary("DisciplineKind", "A discipline action (处理方式).",
                                           ["reminder-talk", "criticism", "public-criticism", "public-notice", "warning", "dismissal", "other"])
    static let fundingSource = Vocabulary("FundingSource", "Who pays a subsidy (资金来源).", ["county-finance", "town-finance", "village-collective", "other"])
    static let disclosureKind = Vocabulary("DisclosureKind", "What a disclosure posted (公开内容).", ["finance", "affairs", "decision"])
    static let assetKind = Vocabulary("AssetKind", "An asset's kind (资产类别).", ["building", "land", "forest", "pond", "equipment", "cash-equivalent", "other"])
    static let assetAction = Vocabulary("AssetAction", "A lease or disposal of an asset, or its return (出租、处置、收回).", ["leased", "disposed", "returned"])
    static let auditKind = Vocabulary("AuditKind", "An audit's kind: annual 年度审计, departure 离任审计.", ["annual", "departure"])
    /// Posts of a village or community itself: its committee (村民委员会, 居民委员会) and its supervision committee
    /// (村务监督委员会).
    static let unitPost = Vocabulary("UnitPost", "A post of a village or community: committee director 主任, deputy director 副主任, member 委员; supervision committee director 监委会主任, member 监委会委员.",
                                     ["committee-director", "committee-deputy-director", "committee-member", "supervision-director", "supervision-member"])
    /// Any post a subsidy is paid for: a group's, or a village's or community's own.
    static let anyPost = Vocabulary("AnyPost", "A post a subsidy is paid for: a group's (group-leader 小组长, group-member 小组成员) or a village's or community's (committee-director 主任, committee-deputy-director 副主任, committee-member 委员, supervision-director 监委会主任, supervision-member 监委会委员).",
                                    ["group-leader", "group-member", "committee-director", "committee-deputy-director", "committee-member",
                                     "supervision-director", "supervision-member"])
    /// How often a policy pays a subsidy (policy documents' `pay.period`).
    static let payPeriod = Vocabulary("PayPeriod", "How often a policy pays a subsidy: per year or per month.", ["year", "month"])
    /// What an account of `grassroots serve` may do: a clerk records acts for their units, a reviewer reads.
    static let accountRole = Vocabulary("AccountRole", "An account's role (账户角色): clerk 经办人 records acts for its units; reviewer 审阅人 reads only.", ["clerk", "reviewer"])
    /// Every vocabulary, in the order the generated enums are written.
    public static let vocabularies = [unitLevel, groupKind, sex, post, nominator, reviewOutcome, noticeKind, voteQuestion, endReason, raterGroup,
                               grade, disciplineKind, fundingSource, disclosureKind, assetKind, assetAction, auditKind, payPeriod, unitPost, anyPost,
                               accountRole]

    // MARK: organisation

    static let unitRegistered = EventTypeSpec(
        "unit.registered", title: "Administrative unit registered", term: "行政单位登记",
        "A county, town, subdistrict, village or community enters the ledger.",
        stream: "unit", subjects: ["unit", "parent"], fields: [
            field("unit", unit, "The unit's id."),
            field("name", text(100), "Its name, e.g. 德清县, 武康街道."),
            field("level", .oneOf(unitLevel), "Its level: county 县, city 市, town 镇, subdistrict 街道, village 行政村, community 社区."),
            optional("parent", unit, "The unit it belongs to; absent for the top of the hierarchy."),
        ])

    static let groupRegistered = EventTypeSpec(
        "group.registered", title: "Group registered", term: "村民小组/居民小组登记",
        "A villager group (村民小组) or resident group (居民小组) enters the ledger with its size.",
        stream: "group", subjects: ["group", "unit"], fields: [
            field("group", group, "The group's id."),
            field("unit", unit, "The village (行政村) or community (社区) it belongs to."),
            field("name", text(100), "Its name, e.g. 第三村民小组."),
            field("kind", .oneOf(groupKind), "village: 村民小组; resident: 居民小组."),
            field("households", .count, "Households (户数) on the registration date."),
            field("adults", .count, "Residents aged 18 or over (年满十八周岁的村民/居民) on the registration date."),
        ])

    static let groupSizeRecorded = EventTypeSpec(
        "group.size.recorded", title: "Group size recorded", term: "小组户数人口变更",
        "The group's household and adult counts from the effective date on (quorum rules use the counts in force on a meeting's date).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("households", .count, "Households (户数)."),
            field("adults", .count, "Residents aged 18 or over."),
        ])

    static let personRegistered = EventTypeSpec(
        "person.registered", title: "Person registered", term: "人员登记",
        "A person enters the ledger under an opaque id. Never an ID-card number (身份证号).",
        stream: "person", subjects: ["person", "group"], dataSubject: "person", fields: [
            field("person", person, "An opaque id, never an ID-card number."),
            personal(field("birthDate", .date, "Date of birth; eligibility needs age 18 on the act's date (000_19bdd15b88ce0110.txt 二(二)).")),
            personal(field("sex", .oneOf(sex), "Sex (性别).")),
            field("group", group, "The group the person lives in (居住所在小组)."),
            field("votingRights", .boolean, "Holds voting rights (享有选举权和被选举权)."),
        ])

    /// Version 2: the person's name, and their birth date and sex, are personal data kept out of the chain
    /// (个人信息保护法 第四十七条: erased on request): each is stored as a salted commitment, its value in the
    /// ledger's sealed-value store (Schemas/PERSONAL.md).
    static let personRegisteredV2 = EventTypeSpec(
        "person.registered", version: 2, title: "Person registered", term: "人员登记",
        "A person enters the ledger under an opaque id (never an ID-card number, 身份证号), with their name. Name, birth date and sex are personal data: the chain keeps a salted commitment of each, the values stay in the ledger's sealed-value store until `grassroots erase` removes them.",
        stream: "person", subjects: ["person", "group"], dataSubject: "person", fields: [
            field("person", person, "An opaque id, never an ID-card number."),
            field("name", .sealed(text(100)), "The person's name (姓名)."),
            field("birthDate", .sealed(.date), "Date of birth (出生日期); eligibility needs age 18 on the act's date (000_19bdd15b88ce0110.txt 二(二))."),
            field("sex", .sealed(.oneOf(sex)), "Sex (性别): F or M."),
            field("group", group, "The group the person lives in (居住所在小组)."),
            field("votingRights", .boolean, "Holds voting rights (享有选举权和被选举权)."),
        ])

    /// A person's personal data erased from the ledger directory on request (个人信息保护法 第四十七条). The event
    /// itself holds none.
    static let personErased = EventTypeSpec(
        "person.erased", title: "Personal data erased", term: "个人信息删除",
        "A person's personal data (name, birth date, sex, and free text about them kept out of the chain) is erased from every file of the ledger directory (个人信息保护法 第四十七条), unless a retention period the policy in force sets for records naming them has not ended. The chain keeps the commitments, so it still verifies; the person's id, posts, votes and money lines stay. Write no personal data in the reason.",
        stream: "person", subjects: ["person"], fields: [
            field("person", person, "The person whose personal data is erased."),
            field("reason", note, "Why, e.g. 本人申请删除 (个人信息保护法 第四十七条第一款第(四)项: 撤回同意); no personal data."),
        ])

    static let personUpdated = EventTypeSpec(
        "person.updated", title: "Residence or voting rights changed", term: "人员信息变更",
        "A person moves to another group, or gains or loses voting rights, from the effective date on.",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The person."),
            optional("group", group, "The group the person now lives in."),
            optional("votingRights", .boolean, "Whether the person now holds voting rights."),
        ])

    static let policyAdopted = EventTypeSpec(
        "policy.adopted", title: "Policy adopted", term: "政策采用",
        "A unit adopts a policy (quorums, pay, grades, deductions) from the effective date; units below it inherit it unless they adopt their own.",
        stream: "unit", subjects: ["unit"], fields: [
            field("unit", unit, "The adopting unit."),
            field("policy", policy, "The policy's id: a built-in (e.g. policy:deqing-2023) or one defined by policy.defined."),
            optional("document", text(200), "The adopting document's name and number (文件名称及文号)."),
        ])

    static let policyDefined = EventTypeSpec(
        "policy.defined", title: "Policy defined", term: "政策制定",
        "A jurisdiction records a policy document of its own (a provincial implementation, the 2026 statute's parameters), to be adopted by policy.adopted. The document is validated against Schemas/policy.v2.schema.json and may extend a built-in or an earlier defined policy; an id is defined once.",
        stream: "policy", subjects: ["policy"], fields: [
            field("policy", policy, "The new policy's id (政策编号); the document's own id must be the same."),
            field("document", .payload, "The policy document (政策文件), as Schemas/policy.v2.schema.json describes it."),
        ])

    // MARK: a village's or community's own posts and register

    static let unitPopulationRecorded = EventTypeSpec(
        "unit.population.recorded", title: "Population recorded", term: "人口登记",
        "A village's or community's population, and households, from the effective date: what the size of its supervision committee depends on (003_47d81f790fe2866f.txt 三(三): 3 members under 5,000 people, otherwise 5).",
        stream: "unit", subjects: ["unit"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("population", .count, "Its population (人口)."),
            optional("households", .count, "Its households (户数)."),
        ])

    static let committeeInstalled = EventTypeSpec(
        "committee.installed", title: "Committee member installed", term: "村(居)委会、监委会成员就任",
        "A person takes a post of a village's or community's committee or supervision committee (村民委员会组织法 (2018) Art. 6, 11, 32; 003_47d81f790fe2866f.txt 三(三); 002_133fd3ad279d9709.txt 三(三)).",
        stream: "unit", subjects: ["unit", "person"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("person", person, "The member (成员)."),
            field("post", .oneOf(unitPost), "The post (职务)."),
            field("electionDay", .date, "The day of the election that chose them (选举日), no later than the installation: the notice periods count back from it (Art. 14; 003_47d81f790fe2866f.txt 三(二)3)."),
            optional("election", election, "The election that chose them (选举)."),
            optional("termEnds", .date, "When the term ends (任期届满), if the election said (a by-election: with the sitting committee's)."),
        ])

    static let committeeEnded = EventTypeSpec(
        "committee.ended", title: "Committee member left", term: "村(居)委会、监委会成员离任",
        "A member leaves a post of a village's or community's committee or supervision committee (for a supervision member, a yearly confidence vote under half: 003_47d81f790fe2866f.txt 三(三)).",
        stream: "unit", subjects: ["unit", "person"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("person", person, "The member (成员)."),
            field("post", .oneOf(unitPost), "The post (职务)."),
            field("reason", .oneOf(endReason), "Why (离任原因)."),
        ])

    static let confidenceVoted = EventTypeSpec(
        "confidence.voted", title: "Confidence vote on a supervision member", term: "年度测评信任票",
        "The yearly confidence vote on a member of a village's supervision committee (003_47d81f790fe2866f.txt 三(三)3: a member whose confidence votes do not reach half has the post terminated, 终止其任职资格).",
        stream: "unit", subjects: ["unit", "person"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("person", person, "The supervision committee member (监委会成员)."),
            field("year", .year, "The year assessed (年度)."),
            field("votesFor", .count, "Votes of confidence (信任票)."),
            field("votesCast", .count, "Votes cast (投票数)."),
        ])

    static let representativeRegistered = EventTypeSpec(
        "representative.registered", title: "Villager representative registered", term: "村(居)民代表登记",
        "A person becomes a villager (or resident) representative of a village or community, for a number of households and for a group (村民委员会组织法 (2018) Art. 25-26: one for every 5-15 households; 003_47d81f790fe2866f.txt 三(四): resident representatives 3-8 per resident group).",
        stream: "unit", subjects: ["unit", "person", "group"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("person", person, "The representative (代表)."),
            field("group", group, "The group they represent (所属小组)."),
            field("households", .count, "The households they represent (联系户数)."),
        ])

    static let representativeEnded = EventTypeSpec(
        "representative.ended", title: "Villager representative left", term: "村(居)民代表罢免或离任",
        "A representative leaves, or is removed (003_47d81f790fe2866f.txt 三(四)4: representatives who fail their duty are removed and replaced).",
        stream: "unit", subjects: ["unit", "person"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("person", person, "The representative (代表)."),
            field("reason", .oneOf(endReason), "Why (离任或罢免原因)."),
        ])

    // MARK: selection

    static let candidateNominated = EventTypeSpec(
        "candidate.nominated", title: "Candidate nominated", term: "候选人提名",
        "A person is nominated for a post in an election of a group.",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group."),
            field("election", election, "The election (选举) this nomination belongs to."),
            field("person", person, "The nominee."),
            field("post", .oneOf(post), "The post: group-leader 小组长, group-member 小组成员."),
            field("nominatedBy", .oneOf(nominator), "Who nominated (提名方式)."),
        ])

    static let candidateReviewed = EventTypeSpec(
        "candidate.reviewed", title: "Candidate reviewed", term: "候选人资格联审",
        "The joint review (联审) of a candidate's eligibility (003_47d81f790fe2866f.txt 三(二)3).",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("election", election, "The election."),
            field("person", person, "The candidate."),
            field("outcome", .oneOf(reviewOutcome), "The review's outcome."),
            personal(optional("reason", note, "Why, when rejected.")),
        ])

    /// Version 2: the reason is free text about the candidate, sealed out of the chain (Schemas/PERSONAL.md).
    static let candidateReviewedV2 = EventTypeSpec(
        "candidate.reviewed", version: 2, title: "Candidate reviewed", term: "候选人资格联审",
        "The joint review (联审) of a candidate's eligibility (003_47d81f790fe2866f.txt 三(二)3). The reason is personal data of the candidate: the chain keeps its salted commitment, the text stays in the ledger's sealed-value store until `grassroots erase` removes it.",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("election", election, "The election."),
            field("person", person, "The candidate."),
            field("outcome", .oneOf(reviewOutcome), "The review's outcome."),
            sealedText("reason", note, required: false, "Why, when rejected (the candidate's personal data)."),
        ])

    static let noticePosted = EventTypeSpec(
        "notice.posted", title: "Notice posted", term: "张榜公布",
        "A public notice: the voter list (选民名单), the candidates (候选人), the results (选举结果), a recall or a decision.",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("kind", .oneOf(noticeKind), "What was posted."),
            optional("election", election, "The election it concerns."),
            optional("days", .count, "For how many days it stays posted."),
        ])

    /// A notice of a village or community itself (its committee's election), as `notice.posted` is a group's.
    static let unitNoticePosted = EventTypeSpec(
        "unit.notice.posted", title: "Notice posted by a village or community", term: "村(居)务张榜公布",
        "A public notice of a village or community for its committee's or supervision committee's election: the voter list (选民名单, at least 20 days before election day: 村民委员会组织法 (2018) Art. 14), the candidates (候选人: 003_47d81f790fe2866f.txt 三(二)3, 7 days), the results, or a decision.",
        stream: "unit", subjects: ["unit"], fields: [
            field("unit", unit, "The village or community (村、社区)."),
            field("kind", .oneOf(noticeKind), "What was posted (公告内容)."),
            optional("election", election, "The election it concerns (选举)."),
            optional("days", .count, "For how many days it stays posted (公示天数)."),
        ])

    static let meetingHeld = EventTypeSpec(
        "meeting.held", title: "Group meeting held", term: "村民小组会议/居民小组会议",
        "A group meeting with its attendance. The fact is recorded whatever the quorum; acts that rely on it are checked against the policy (村民委员会组织法 Art. 28).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("meeting", meeting, "The meeting's id."),
            field("purpose", text(200), "What it was called for (会议事项)."),
            field("eligibleAdults", .count, "Residents aged 18+ entitled to attend (应到人数)."),
            field("attendingAdults", .count, "Those who attended (实到人数)."),
            optional("eligibleHouseholds", .count, "Households entitled to send a representative (应到户数)."),
            optional("attendingHouseholds", .count, "Households represented (实到户数)."),
        ])

    static let voteTallied = EventTypeSpec(
        "vote.tallied", title: "Vote tallied", term: "计票结果",
        "The count of a vote taken at a meeting: an election (per candidate) or a yes/no question.",
        stream: "group", subjects: ["group", "candidates[].person"], fields: [
            field("group", group, "The group."),
            field("vote", vote, "The vote's id."),
            field("meeting", meeting, "The meeting it was taken at."),
            field("question", .oneOf(voteQuestion), "What was voted on."),
            field("ballotsCast", .count, "Ballots cast (投票人数)."),
            optional("candidates", list(.object([
                field("person", person, "A candidate."),
                field("votes", .count, "Votes for that candidate (得票数)."),
            ]), max: 50), "For an election: the votes of each candidate."),
            optional("yes", .count, "For a question: votes in favour (赞成票)."),
            optional("no", .count, "For a question: votes against (反对票)."),
            optional("election", election, "For an election: which one."),
        ])

    static let leaderInstalled = EventTypeSpec(
        "leader.installed", title: "Leader installed", term: "小组长产生",
        "A person takes a post on the strength of a vote (one group, one leader: 000_19bdd15b88ce0110.txt 二(一)).",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group."),
            field("person", person, "The new holder."),
            field("post", .oneOf(post), "The post."),
            field("vote", vote, "The vote that chose them."),
            optional("termEnds", .date, "When the term ends: with the committee's (村民委员会组织法 Art. 11, 28)."),
        ])

    static let appointmentFiled = EventTypeSpec(
        "appointment.filed", title: "Appointment filed with the town", term: "报镇(街道)备案",
        "The committee files the result with the town or subdistrict (000_19bdd15b88ce0110.txt 二(三)).",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group."),
            field("person", person, "The holder whose appointment is filed."),
            field("filedWith", unit, "The town or subdistrict."),
        ])

    // MARK: departure

    static let resignationSubmitted = EventTypeSpec(
        "resignation.submitted", title: "Resignation submitted", term: "辞职",
        "A holder asks to leave the post.",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder."),
            personal(optional("reason", note, "The stated reason.")),
        ])

    /// Version 2: the stated reason is sealed out of the chain (Schemas/PERSONAL.md).
    static let resignationSubmittedV2 = EventTypeSpec(
        "resignation.submitted", version: 2, title: "Resignation submitted", term: "辞职",
        "A holder asks to leave the post. The stated reason is personal data of the holder: the chain keeps its salted commitment, the text stays in the ledger's sealed-value store until `grassroots erase` removes it.",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder."),
            sealedText("reason", note, required: false, "The stated reason (the holder's personal data)."),
        ])

    static let recallPetitioned = EventTypeSpec(
        "recall.petitioned", title: "Recall petitioned", term: "罢免要求",
        "A petition to recall a holder, with reasons (村民委员会组织法 Art. 16; 000_19bdd15b88ce0110.txt 二(三)).",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder to be recalled."),
            field("petition", .id(prefix: "petition:"), "The petition's id."),
            field("signatures", .count, "Voters who signed (联名人数)."),
            field("eligibleVoters", .count, "Voters of the group on that date."),
            personal(field("reasons", note, "The reasons (罢免理由).")),
        ])

    /// Version 2: a petition signed by villager representatives (Art. 16: 三分之一以上的村民代表联名) as well as,
    /// or instead of, by voters.
    static let recallPetitionedV2 = EventTypeSpec(
        "recall.petitioned", version: 2, title: "Recall petitioned", term: "罢免要求",
        "A petition to recall a holder, with reasons, signed by voters, by villager representatives, or both (村民委员会组织法 (2018) Art. 16: one fifth of the voters or one third of the representatives; 000_19bdd15b88ce0110.txt 二(三)).",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder to be recalled."),
            field("petition", .id(prefix: "petition:"), "The petition's id."),
            field("signatures", .count, "Voters who signed (联名选民人数); 0 when only representatives signed."),
            field("eligibleVoters", .count, "Voters of the group on that date (有选举权的村民人数)."),
            optional("representativeSignatures", .count, "Villager representatives who signed (联名村民代表人数)."),
            optional("representatives", .count, "The village's villager representatives on that date (村民代表总数); given with representativeSignatures."),
            personal(field("reasons", note, "The reasons (罢免理由).")),
        ])

    /// Version 3: version 2 with the reasons sealed out of the chain (Schemas/PERSONAL.md).
    static let recallPetitionedV3 = EventTypeSpec(
        "recall.petitioned", version: 3, title: "Recall petitioned", term: "罢免要求",
        "A petition to recall a holder, with reasons, signed by voters, by villager representatives, or both (村民委员会组织法 (2018) Art. 16: one fifth of the voters or one third of the representatives; 000_19bdd15b88ce0110.txt 二(三)). The reasons are personal data of the holder: the chain keeps their salted commitment, the text stays in the ledger's sealed-value store until `grassroots erase` removes it.",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder to be recalled."),
            field("petition", .id(prefix: "petition:"), "The petition's id."),
            field("signatures", .count, "Voters who signed (联名选民人数); 0 when only representatives signed."),
            field("eligibleVoters", .count, "Voters of the group on that date (有选举权的村民人数)."),
            optional("representativeSignatures", .count, "Villager representatives who signed (联名村民代表人数)."),
            optional("representatives", .count, "The village's villager representatives on that date (村民代表总数); given with representativeSignatures."),
            sealedText("reasons", note, required: true, "The reasons (罢免理由; the holder's personal data)."),
        ])

    static let investigationCompleted = EventTypeSpec(
        "investigation.completed", title: "Investigation completed", term: "调查核实",
        "The committee's investigation of a recall petition (000_19bdd15b88ce0110.txt 二(三)).",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder concerned."),
            field("petition", .id(prefix: "petition:"), "The petition investigated."),
            field("substantiated", .boolean, "Whether the grounds were found true (属实)."),
            personal(optional("findings", note, "What was found.")),
        ])

    /// Version 2: the findings are sealed out of the chain (Schemas/PERSONAL.md).
    static let investigationCompletedV2 = EventTypeSpec(
        "investigation.completed", version: 2, title: "Investigation completed", term: "调查核实",
        "The committee's investigation of a recall petition (000_19bdd15b88ce0110.txt 二(三)). The findings are personal data of the holder: the chain keeps their salted commitment, the text stays in the ledger's sealed-value store until `grassroots erase` removes it.",
        stream: "group", subjects: ["group", "person"], dataSubject: "person", fields: [
            field("group", group, "The group."),
            field("person", person, "The holder concerned."),
            field("petition", .id(prefix: "petition:"), "The petition investigated."),
            field("substantiated", .boolean, "Whether the grounds were found true (属实)."),
            sealedText("findings", note, required: false, "What was found (the holder's personal data)."),
        ])

    static let recallVoted = EventTypeSpec(
        "recall.voted", title: "Recall vote", term: "罢免表决",
        "The group meeting's vote on a recall (村民委员会组织法 Art. 16: turnout > 1/2 of voters and > 1/2 of votes cast approve).",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group."),
            field("person", person, "The holder."),
            field("petition", .id(prefix: "petition:"), "The petition voted on."),
            field("meeting", meeting, "The meeting."),
            field("eligibleVoters", .count, "Registered voters (登记选民)."),
            field("ballotsCast", .count, "Votes cast."),
            field("approve", .count, "Votes to recall."),
        ])

    static let officeEnded = EventTypeSpec(
        "office.ended", title: "Office ended", term: "离任",
        "A holder leaves the post, with the reason and the act it rests on.",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group."),
            field("person", person, "The holder."),
            field("post", .oneOf(post), "The post."),
            field("reason", .oneOf(endReason),
                  "Why: term expired 任期届满, resigned 辞职, recalled 罢免, two consecutive 不称职 years (001_6bbac2880b66cfa6.txt (五)), moved away, died, lost voting rights, other."),
            optional("cites", .seq, "The event the ending rests on (the recall vote, the resignation, the second grade)."),
        ])

    static let byElectionCalled = EventTypeSpec(
        "byelection.called", title: "By-election called", term: "补选",
        "A vacancy is to be filled promptly by by-election; the term ends with the sitting committee's (村民委员会组织法 Art. 19).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("election", election, "The by-election's id."),
            field("post", .oneOf(post), "The vacant post."),
        ])

    // MARK: evaluation

    static let appraisalHeld = EventTypeSpec(
        "appraisal.held", title: "Democratic appraisal", term: "民主评议",
        "The yearly democratic appraisal of a holder, ratings by rater group (000_19bdd15b88ce0110.txt 四(一); 004_7fb8e911e1fe61b5.txt [8]).",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The holder appraised."),
            field("group", group, "The group."),
            field("year", .year, "The year appraised."),
            field("ratings", list(.object([
                field("raters", .oneOf(raterGroup), "The rater group (评议主体)."),
                field("satisfied", .count, "满意 votes."),
                field("basicallySatisfied", .count, "基本满意 votes."),
                field("unsatisfied", .count, "不满意 votes."),
            ]), max: 10, min: 1), "Ratings by rater group."),
        ])

    /// Version 2: the appraisal's votes by grade (004_7fb8e911e1fe61b5.txt [8]: 民主测评不称职率超过三分之一 calls for
    /// an organisational adjustment), besides or instead of the satisfaction ratings of version 1.
    static let appraisalHeldV2 = EventTypeSpec(
        "appraisal.held", version: 2, title: "Democratic appraisal", term: "民主评议",
        "The yearly democratic appraisal (民主评议, 民主测评) of a holder: satisfaction ratings by rater group (000_19bdd15b88ce0110.txt 四(一)), votes by grade (004_7fb8e911e1fe61b5.txt [8]), or both; at least one of the two. The policy in force may require appraisals some months apart and name what too many 不称职 votes require.",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The holder appraised."),
            field("group", group, "The group."),
            field("year", .year, "The year appraised."),
            optional("ratings", list(.object([
                field("raters", .oneOf(raterGroup), "The rater group (评议主体)."),
                field("satisfied", .count, "满意 votes."),
                field("basicallySatisfied", .count, "基本满意 votes."),
                field("unsatisfied", .count, "不满意 votes."),
            ]), max: 10, min: 1), "Satisfaction ratings by rater group."),
            optional("gradeVotes", list(.object([
                field("grade", .oneOf(grade), "The grade voted for (测评等次: 优秀, 称职, 基本称职, 不称职)."),
                field("votes", .count, "Votes for it (票数)."),
            ]), max: 4, min: 1), "Votes by grade (民主测评票), each grade at most once."),
        ])

    static let gradeAssigned = EventTypeSpec(
        "grade.assigned", title: "Annual grade", term: "年度考核等次",
        "The year-end assessment grade (000_19bdd15b88ce0110.txt 四(二); 001_6bbac2880b66cfa6.txt (五)).",
        stream: "person", subjects: ["person", "group", "assessedBy"], fields: [
            field("person", person, "The holder."),
            field("group", group, "The group."),
            field("year", .year, "The year assessed."),
            field("grade", .oneOf(grade), "The grade: 优秀, 称职, 基本称职 (Danyang scale only), 不称职."),
            field("assessedBy", unit, "The unit that assessed (quotas count per unit and year)."),
        ])

    static let honourAwarded = EventTypeSpec(
        "honour.awarded", title: "Honour awarded", term: "表彰",
        "An honour, such as the ten best group leaders chosen from 优秀 (001_6bbac2880b66cfa6.txt (五)).",
        stream: "person", subjects: ["person", "awardedBy"], fields: [
            field("person", person, "The person honoured."),
            field("title", text(200), "The honour (荣誉称号)."),
            field("year", .year, "The year."),
            field("awardedBy", unit, "The awarding unit."),
        ])

    static let disciplineImposed = EventTypeSpec(
        "discipline.imposed", title: "Discipline action", term: "处理处分",
        "A reminder talk, criticism, public notice or sanction (001_6bbac2880b66cfa6.txt (四)).",
        stream: "person", subjects: ["person", "group", "imposedBy"], dataSubject: "person", fields: [
            field("person", person, "The person."),
            field("group", group, "The group."),
            field("kind", .oneOf(disciplineKind),
                  "约谈提醒, 批评教育, 通报批评, 公开通报, 警告, 撤职, other."),
            personal(field("reason", note, "Why.")),
            field("imposedBy", unit, "The unit that imposed it (e.g. the town discipline committee)."),
        ])

    /// Version 2: the reason is sealed out of the chain (Schemas/PERSONAL.md).
    static let disciplineImposedV2 = EventTypeSpec(
        "discipline.imposed", version: 2, title: "Discipline action", term: "处理处分",
        "A reminder talk, criticism, public notice or sanction (001_6bbac2880b66cfa6.txt (四)). The reason is personal data of the person: the chain keeps its salted commitment, the text stays in the ledger's sealed-value store until `grassroots erase` removes it.",
        stream: "person", subjects: ["person", "group", "imposedBy"], dataSubject: "person", fields: [
            field("person", person, "The person."),
            field("group", group, "The group."),
            field("kind", .oneOf(disciplineKind),
                  "约谈提醒, 批评教育, 通报批评, 公开通报, 警告, 撤职, other."),
            sealedText("reason", note, required: true, "Why (the person's personal data)."),
            field("imposedBy", unit, "The unit that imposed it (e.g. the town discipline committee)."),
        ])

    // MARK: payout

    static let subsidyAccrued = EventTypeSpec(
        "subsidy.accrued", title: "Subsidy accrued", term: "误工补贴计提",
        "A holder's subsidy for a period under the policy in force; the amount must be what the policy computes.",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The holder."),
            field("group", group, "The group served."),
            field("post", .oneOf(post), "The post the subsidy is for."),
            field("period", .month, "The month (YYYY-MM); yearly subsidies accrue in the year's last month."),
            field("amountFen", .fen, "The amount, in fen."),
            field("fundingSource", .oneOf(fundingSource), "Who pays this part (资金来源)."),
            field("policy", policy, "The policy it was computed under."),
        ])

    /// Version 2: a subsidy for a group's post (`group`) or for a village's or community's own post (`unit`):
    /// 002_133fd3ad279d9709.txt 三(三) pays committee deputy directors, supervision directors and committee
    /// members, the higher post only.
    static let subsidyAccruedV2 = EventTypeSpec(
        "subsidy.accrued", version: 2, title: "Subsidy accrued", term: "误工补贴计提",
        "A holder's subsidy for a period under the policy in force, for a group's post (group) or a village's or community's own post (unit), exactly one of the two; the amount must be what the policy computes.",
        stream: "person", subjects: ["person", "group", "unit"], fields: [
            field("person", person, "The holder."),
            optional("group", group, "The group served (小组), for a group's post."),
            optional("unit", unit, "The village or community served (村、社区), for its committee or supervision committee post."),
            field("post", .oneOf(anyPost), "The post the subsidy is for."),
            field("period", .month, "The month (YYYY-MM); yearly subsidies accrue in the year's last month."),
            field("amountFen", .fen, "The amount, in fen."),
            field("fundingSource", .oneOf(fundingSource), "Who pays this part (资金来源)."),
            field("policy", policy, "The policy it was computed under."),
        ])

    static let bonusAwarded = EventTypeSpec(
        "bonus.awarded", title: "Performance bonus", term: "绩效奖励",
        "A performance bonus (000_19bdd15b88ce0110.txt 五(一)).",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The holder."),
            field("group", group, "The group."),
            field("year", .year, "The year it rewards."),
            field("amountFen", .fen, "The amount, in fen."),
            field("fundingSource", .oneOf(fundingSource), "Who pays it."),
        ])

    static let deductionApplied = EventTypeSpec(
        "deduction.applied", title: "Deduction", term: "扣减",
        "A deduction from subsidy or bonus, citing the grade or decision (001_6bbac2880b66cfa6.txt (五): 不称职, 20% of the post subsidy).",
        stream: "person", subjects: ["person", "group"], fields: [
            field("person", person, "The holder."),
            field("group", group, "The group."),
            field("year", .year, "The year the deduction concerns."),
            field("amountFen", .fen, "The amount deducted, in fen."),
            field("cites", .seq, "The grade or decision it rests on."),
            field("reason", note, "Why."),
        ])

    static let paymentMade = EventTypeSpec(
        "payment.made", title: "Payment made", term: "发放",
        "Money paid to a holder against what is owed.",
        stream: "person", subjects: ["person"], fields: [
            field("person", person, "The payee."),
            field("payment", payment, "The payment's id."),
            field("amountFen", .fen, "The amount, in fen."),
            field("period", .month, "The month paid for."),
            optional("reference", text(100), "The bank or voucher reference (凭证号)."),
        ])

    static let paymentReversed = EventTypeSpec(
        "payment.reversed", title: "Payment reversed", term: "冲销",
        "A payment undone (returned, sent in error).",
        stream: "person", subjects: ["person"], fields: [
            field("person", person, "The payee of the original payment."),
            field("payment", payment, "The payment reversed."),
            field("reason", note, "Why."),
        ])

    // MARK: funds and assets

    static let fundReceived = EventTypeSpec(
        "fund.received", title: "Group fund receipt", term: "小组资金收入",
        "Money into the group's public account (001_6bbac2880b66cfa6.txt (二)4).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("amountFen", .fen, "The amount, in fen."),
            field("source", text(200), "Where it came from (收入来源), e.g. land compensation, lease income."),
            optional("reference", text(100), "The voucher (凭证号)."),
        ])

    static let expenseApproved = EventTypeSpec(
        "expense.approved", title: "Expense approved", term: "支出审批",
        "A group meeting's approval of an expense (001_6bbac2880b66cfa6.txt (二)4: every expense approved by the villager meeting).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("approval", approval, "The approval's id."),
            field("vote", vote, "The vote that approved it."),
            field("amountFen", .fen, "The most that may be paid, in fen."),
            field("purpose", text(200), "What for (用途)."),
        ])

    static let expensePaid = EventTypeSpec(
        "expense.paid", title: "Expense paid", term: "支出",
        "Money out of the group's account, citing its approval.",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            optional("approval", approval, "The approval it rests on; required where the policy requires one (e.g. 001_6bbac2880b66cfa6.txt (二)4)."),
            field("amountFen", .fen, "The amount, in fen."),
            personal(field("payee", text(200), "Who was paid (收款方).")),
            optional("reference", text(100), "The voucher (凭证号)."),
        ])

    /// Version 2: the payee is sealed out of the chain (Schemas/PERSONAL.md); `payeePerson` says whose
    /// personal data it is when the payee is a person registered in the ledger.
    static let expensePaidV2 = EventTypeSpec(
        "expense.paid", version: 2, title: "Expense paid", term: "支出",
        "Money out of the group's account, citing its approval. The payee is free text that may name a person: the chain keeps its salted commitment, the text stays in the ledger's sealed-value store. When the payee is a person registered in the ledger, payeePerson names them and `grassroots erase` of that person removes the text; a payee without payeePerson (a business, or someone not registered) is erased by no one's erasure.",
        stream: "group", subjects: ["group", "payeePerson"], fields: [
            field("group", group, "The group."),
            optional("approval", approval, "The approval it rests on; required where the policy requires one (e.g. 001_6bbac2880b66cfa6.txt (二)4)."),
            field("amountFen", .fen, "The amount, in fen."),
            sealedText("payee", text(200), required: true, owner: "payeePerson", "Who was paid (收款方)."),
            optional("payeePerson", person, "The payee, when a person registered in the ledger (收款人): whose personal data the payee text is."),
            optional("reference", text(100), "The voucher (凭证号)."),
        ])

    static let disclosurePosted = EventTypeSpec(
        "disclosure.posted", title: "Disclosure posted", term: "公开",
        "Income, expense and balance, or other affairs, posted publicly (村民委员会组织法 Art. 30; 001_6bbac2880b66cfa6.txt (二)4).",
        stream: "group", subjects: ["group"], fields: [
            field("group", group, "The group."),
            field("kind", .oneOf(disclosureKind), "What was disclosed."),
            field("periodStart", .date, "The first day covered."),
            field("periodEnd", .date, "The last day covered."),
            optional("balanceFen", .fen, "For finance: the balance disclosed, in fen."),
        ])

    static let assetRegistered = EventTypeSpec(
        "asset.registered", title: "Asset registered", term: "资产登记",
        "A collective asset entered in the asset ledger (003_47d81f790fe2866f.txt 三(七)4).",
        stream: "group", subjects: ["group", "asset", "custodian"], fields: [
            field("group", group, "The owning group."),
            field("asset", asset, "The asset's id."),
            field("kind", .oneOf(assetKind), "Its kind."),
            field("description", text(200), "What it is."),
            field("valueFen", .fen, "Its book value, in fen."),
            field("custodian", person, "Who holds it (保管人)."),
        ])

    static let custodyChanged = EventTypeSpec(
        "custody.changed", title: "Custody changed", term: "保管人变更",
        "An asset passes to another custodian.",
        stream: "group", subjects: ["group", "asset", "from", "to"], fields: [
            field("group", group, "The owning group."),
            field("asset", asset, "The asset."),
            field("from", person, "The custodian until now."),
            field("to", person, "The new custodian."),
        ])

    static let assetLeasedOrDisposed = EventTypeSpec(
        "asset.transferred", title: "Asset leased or disposed", term: "资产出租/处置",
        "An asset leased out or disposed of, after notice and meeting approval (003_47d81f790fe2866f.txt 三(七)4; 村民委员会组织法 Art. 24).",
        stream: "group", subjects: ["group", "asset"], fields: [
            field("group", group, "The owning group."),
            field("asset", asset, "The asset."),
            field("action", .oneOf(assetAction), "Leased out 出租, disposed of 处置, or a lease ended and the asset returned."),
            optional("approval", approval, "The approval it rests on (required to lease or dispose)."),
            personal(optional("counterparty", text(200), "The lessee or buyer.")),
            optional("amountFen", .fen, "Rent or price, in fen."),
            optional("until", .date, "For a lease: its end."),
        ])

    /// Version 2: the lease or disposal rests on the group meeting's vote on the asset question, not on an
    /// expense approval (003_47d81f790fe2866f.txt 三(七)4: notice, meeting approval, then publication of the result).
    static let assetLeasedOrDisposedV2 = EventTypeSpec(
        "asset.transferred", version: 2, title: "Asset leased or disposed", term: "资产出租/处置",
        "An asset leased out or disposed of on the strength of the group meeting's vote on the asset question (表决事项: asset), after a notice where the policy requires one (003_47d81f790fe2866f.txt 三(七)4; 村民委员会组织法 Art. 24); or a lease ended and the asset returned.",
        stream: "group", subjects: ["group", "asset"], fields: [
            field("group", group, "The owning group."),
            field("asset", asset, "The asset."),
            field("action", .oneOf(assetAction), "Leased out 出租, disposed of 处置, or a lease ended and the asset returned."),
            optional("vote", vote, "The group meeting's vote on the asset question that approved it (会议表决; required to lease or dispose where the policy requires a meeting)."),
            personal(optional("counterparty", text(200), "The lessee or buyer.")),
            optional("amountFen", .fen, "Rent or price, in fen."),
            optional("until", .date, "For a lease: its end."),
        ])

    /// Version 3: version 2 with the counterparty sealed out of the chain (Schemas/PERSONAL.md);
    /// `counterpartyPerson` says whose personal data it is when the lessee or buyer is a registered person.
    static let assetLeasedOrDisposedV3 = EventTypeSpec(
        "asset.transferred", version: 3, title: "Asset leased or disposed", term: "资产出租/处置",
        "An asset leased out or disposed of on the strength of the group meeting's vote on the asset question (表决事项: asset), after a notice where the policy requires one (003_47d81f790fe2866f.txt 三(七)4; 村民委员会组织法 Art. 24); or a lease ended and the asset returned. The counterparty is free text that may name a person: the chain keeps its salted commitment, the text stays in the ledger's sealed-value store. When the lessee or buyer is a person registered in the ledger, counterpartyPerson names them and `grassroots erase` of that person removes the text; a counterparty without it is erased by no one's erasure.",
        stream: "group", subjects: ["group", "asset", "counterpartyPerson"], fields: [
            field("group", group, "The owning group."),
            field("asset", asset, "The asset."),
            field("action", .oneOf(assetAction), "Leased out 出租, disposed of 处置, or a lease ended and the asset returned."),
            optional("vote", vote, "The group meeting's vote on the asset question that approved it (会议表决; required to lease or dispose where the policy requires a meeting)."),
            sealedText("counterparty", text(200), required: false, owner: "counterpartyPerson", "The lessee or buyer (承租方/受让方)."),
            optional("counterpartyPerson", person, "The lessee or buyer, when a person registered in the ledger: whose personal data the counterparty text is."),
            optional("amountFen", .fen, "Rent or price, in fen."),
            optional("until", .date, "For a lease: its end."),
        ])

    static let handoverRecorded = EventTypeSpec(
        "handover.recorded", title: "Handover recorded", term: "工作移交",
        "What the outgoing holder handed to the incoming one, under the two committees' supervision (村民委员会组织法 Art. 20; 000_19bdd15b88ce0110.txt 四(三)).",
        stream: "group", subjects: ["group", "outgoing", "incoming", "witnesses", "items[].asset"], fields: [
            field("group", group, "The group."),
            field("outgoing", person, "The outgoing holder (移交人)."),
            field("incoming", person, "The incoming holder (接收人)."),
            field("witnesses", list(person, max: 10, min: 1), "Those who supervised (监交人)."),
            field("items", list(.object([
                field("asset", asset, "An asset handed over."),
                field("present", .boolean, "Whether it was there."),
                optional("valueFen", .fen, "Its value as counted, in fen."),
                optional("note", note, "Its condition or a discrepancy."),
            ]), max: 1000), "The assets counted."),
            field("cashFen", .fen, "Cash counted, in fen."),
            field("balanceFen", .fen, "The account balance confirmed, in fen."),
        ])

    static let auditCompleted = EventTypeSpec(
        "audit.completed", title: "Audit completed", term: "经济责任审计",
        "A yearly economic-responsibility audit or a departure audit (村民委员会组织法 Art. 35; 000_19bdd15b88ce0110.txt 四(三)).",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group audited."),
            field("kind", .oneOf(auditKind), "年度审计 or 离任审计."),
            optional("person", person, "For a departure audit: the holder leaving."),
            field("periodStart", .date, "The first day audited."),
            field("periodEnd", .date, "The last day audited."),
            field("auditor", text(200), "Who audited."),
            optional("findings", text(2000), "What was found."),
        ])

    /// Version 2: the same audit, and optionally the SHA-256 of the report filed for it (issue 14 item 4), so that a
    /// paper report can be matched to the ledger: `grassroots audit departure` prints it on stderr and in its footer.
    static let auditCompletedV2 = EventTypeSpec(
        "audit.completed", version: 2, title: "Audit completed", term: "经济责任审计",
        "A yearly economic-responsibility audit or a departure audit (村民委员会组织法 Art. 35; 000_19bdd15b88ce0110.txt 四(三)), optionally with the SHA-256 of the report filed for it.",
        stream: "group", subjects: ["group", "person"], fields: [
            field("group", group, "The group audited."),
            field("kind", .oneOf(auditKind), "年度审计 or 离任审计."),
            optional("person", person, "For a departure audit: the holder leaving."),
            field("periodStart", .date, "The first day audited."),
            field("periodEnd", .date, "The last day audited."),
            field("auditor", text(200), "Who audited."),
            optional("findings", text(2000), "What was found."),
            optional("reportSha256", .sha256, "The SHA-256 of the report filed (审计报告), as `grassroots audit departure` prints it: 64 lowercase hex digits."),
        ])

    // MARK: backfill

    /// A declared backfill: old paper records entered now (`grassroots append --backfill REASON`). Written last in
    /// the commit that entered them, when their seqs are known; the rules check that the range is exactly the
    /// events recorded before it in that commit. Such entries are flagged once, as a backfill, rather than one
    /// late-entry alert each.
    static let backfillDeclared = EventTypeSpec(
        "backfill.declared", title: "Backfill declared", term: "补录声明",
        "Declares that the events firstSeq to lastSeq, recorded in the same commit just before it, enter old paper records (补录纸质台账): each is flagged once, as part of this backfill, rather than as a late entry.",
        stream: "backfill", subjects: ["backfill"], fields: [
            field("backfill", .id(prefix: "backfill:"), "The backfill's id: `backfill:` and its first seq (e.g. backfill:120)."),
            field("reason", note, "Why the records are entered late (补录原因), e.g. the paper ledger of 2019-2021 found at the handover."),
            field("firstSeq", .seq, "The first event of the backfill."),
            field("lastSeq", .seq, "The last event of the backfill: the one right before this declaration."),
        ])

    // MARK: accounts (who may record for which units, from when: `grassroots account`, `grassroots serve`)

    static let account = FieldKind.id(prefix: "account:")

    static let accountGranted = EventTypeSpec(
        "account.granted", title: "Account granted", term: "账户授权",
        "From the effective date on, an account of `grassroots serve` holds this role for these units (and every unit and group below them): a clerk records acts for them, a reviewer reads. A later grant replaces the earlier one whole; the password is kept outside the chain (Schemas/STORAGE.md).",
        stream: "account", subjects: ["account", "units"], fields: [
            field("account", account, "The account: `account:` and its login name, e.g. account:wang-clerk."),
            field("role", .oneOf(accountRole), "clerk 经办人: records acts for its units; reviewer 审阅人: reads only."),
            field("units", list(unit, max: 50, min: 1), "The units it acts for (所辖单位); each must be registered."),
            optional("note", note, "Why, e.g. the appointing document (任命文件); no personal data."),
        ])

    static let accountRevoked = EventTypeSpec(
        "account.revoked", title: "Account revoked", term: "账户撤销",
        "From the effective date on, the account may neither record nor read; its earlier acts stay as recorded.",
        stream: "account", subjects: ["account"], fields: [
            field("account", account, "The account."),
            field("reason", note, "Why (撤销原因); no personal data."),
        ])

    // MARK: corrections

    static let eventCorrected = EventTypeSpec(
        "event.corrected", title: "Correction", term: "更正",
        "Corrects an earlier event: the original stays visible; from the effective date on, the correction's payload stands in its place.",
        stream: "subject", subjects: ["subject"], fields: [
            field("corrects", .seq, "The event corrected."),
            field("subject", text(200), "The corrected event's stream (the entity it concerns)."),
            field("reason", note, "Why (更正原因)."),
            field("replacement", .payload, "The corrected payload, valid against the original type's schema."),
        ])

    static let eventRetracted = EventTypeSpec(
        "event.retracted", title: "Retraction", term: "撤销",
        "Retracts an earlier event entered in error: the original stays visible, marked retracted.",
        stream: "subject", subjects: ["subject"], fields: [
            field("retracts", .seq, "The event retracted."),
            field("subject", text(200), "The retracted event's stream."),
            field("reason", note, "Why (撤销原因)."),
        ])

    /// Every type, in the order of DESIGN.md.
    public static let all: [EventTypeSpec] = [
        unitRegistered, groupRegistered, groupSizeRecorded, personRegistered, personRegisteredV2, personErased, personUpdated, policyAdopted, policyDefined,
        unitPopulationRecorded, committeeInstalled, committeeEnded, confidenceVoted, representativeRegistered, representativeEnded,
        candidateNominated, candidateReviewed, candidateReviewedV2, noticePosted, unitNoticePosted, meetingHeld, voteTallied, leaderInstalled, appointmentFiled,
        resignationSubmitted, resignationSubmittedV2, recallPetitioned, recallPetitionedV2, recallPetitionedV3, investigationCompleted,
        investigationCompletedV2, recallVoted, officeEnded, byElectionCalled,
        appraisalHeld, appraisalHeldV2, gradeAssigned, honourAwarded, disciplineImposed, disciplineImposedV2,
        subsidyAccrued, subsidyAccruedV2, bonusAwarded, deductionApplied, paymentMade, paymentReversed,
        fundReceived, expenseApproved, expensePaid, expensePaidV2, disclosurePosted, assetRegistered, custodyChanged,
        assetLeasedOrDisposed, assetLeasedOrDisposedV2, assetLeasedOrDisposedV3, handoverRecorded, auditCompleted, auditCompletedV2,
        eventCorrected, eventRetracted, backfillDeclared, accountGranted, accountRevoked,
    ]

    /// The spec for a type and schema version.
    public static func spec(type: String, version: UInt32) -> EventTypeSpec? {
        all.first { $0.type == type && $0.schemaVersion == version }
    }
}
