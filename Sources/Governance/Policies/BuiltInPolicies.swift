/// The policies shipped with the program, as policy documents (`Schemas/policy.v4.schema.json`).
///
/// - The statute floors also carry the national accounting-archive retention (`retention`: 30 years, 会计档案管理办法
///   第十四条 and its table), which no seed sets: a person named by money records is not erased before it ends
///   (个人信息保护法 第四十七条第二款). A jurisdiction that keeps its group books otherwise sets its own.
///
/// - The statute floors encode the **2018 text** of 村民委员会组织法 and the 城市居民委员会组织法 as the default
///   floor. The statute was amended on 2025-10-28, in force from 2026-01-01; its text is not among the seeds,
///   so it is not shipped: a jurisdiction adopts revised parameters as a policy of its own (RULES.md).
/// - One policy per seed document in ../shared/seeds/, with the sections the seed speaks to. What a seed leaves
///   unsaid comes from the units above that adopted a policy saying it, and finally from the floor
///   (`Tables.policyInForce` composes them section by section).
/// Every section cites its source; every refusal under it repeats that citation. (Art. 30's quarterly
/// disclosure binds the village committee's affairs, not each group's books, so the group floor sets none;
/// Damao's plan requires a group's yearly finance disclosure.)
enum BuiltInPolicies {
    static let statuteVillage = "policy:statute-2018-village"
    static let statuteResident = "policy:statute-2018-resident"

    static let documents: [String] = [
        #"""
        {"id": "policy:statute-2018-village",
         "title": "村民委员会组织法 (2018 text) as it bears on villager groups: the national floor",
         "source": "中华人民共和国村民委员会组织法 (2018年12月29日修正; 2025年10月28日修正、自2026年1月1日起施行的文本之参数, 由各地以本地政策采用)",
         "appliesTo": ["village"],
         "documentDate": "2018-12-29",
         "meeting": {"quorumAdults": {"numerator": 2, "denominator": 3, "inclusive": true},
                     "quorumHouseholds": {"numerator": 2, "denominator": 3, "inclusive": true},
                     "decision": {"numerator": 1, "denominator": 2, "inclusive": false},
                     "source": "村民委员会组织法 (2018) Art. 28"},
         "term": {"years": 5, "source": "村民委员会组织法 (2018) Art. 11, Art. 28"},
         "eligibility": {"minimumAge": 18, "mustResideInGroup": true, "mustHoldVotingRights": true,
                         "source": "村民委员会组织法 (2018) Art. 13, Art. 28"},
         "recall": {"petitionVoters": {"numerator": 1, "denominator": 5, "inclusive": true},
                    "petitionRepresentatives": {"numerator": 1, "denominator": 3, "inclusive": true, "of": "representatives"},
                    "turnout": {"numerator": 1, "denominator": 2, "inclusive": false},
                    "approve": {"numerator": 1, "denominator": 2, "inclusive": false},
                    "investigationRequired": false, "source": "村民委员会组织法 (2018) Art. 16 (五分之一以上有选举权的村民或者三分之一以上的村民代表联名)"},
         "grades": {"unfitConsecutiveYears": 2, "unfitRequires": "职务终止 (村民委员会组织法 (2018) Art. 33: 村民委员会成员连续两次被评议不称职的, 其职务终止; 法律未规定考核等次)",
                    "source": "村民委员会组织法 (2018) Art. 33"},
         "approvals": {"groupExpenseNeedsMeeting": false, "assetTransferNeedsMeeting": true,
                       "source": "村民委员会组织法 (2018) Art. 24"},
         "handover": {"withinDays": 10, "source": "村民委员会组织法 (2018) Art. 20 (自新一届村民委员会产生之日起十日内完成工作移交)"},
         "audits": {"annualRequired": false, "departureRequired": true, "source": "村民委员会组织法 (2018) Art. 35"},
         "notices": {"voterListDays": 20, "source": "村民委员会组织法 (2018) Art. 14"},
         "committee": {"membersMin": 3, "membersMax": 7, "source": "村民委员会组织法 (2018) Art. 6 (主任、副主任和委员共三至七人)"},
         "retention": {"moneyRecordsYears": 30, "source": "会计档案管理办法 (财政部 国家档案局令第79号, 2016-01-01施行) 第十四条 (会计档案定期保管期限一般分为10年和30年, 从会计年度终了后的第一天算起) 及附表 (会计凭证、会计账簿保管30年); 个人信息保护法 第四十七条第二款 (法律、行政法规规定的保存期限未届满的, 停止除存储和采取必要的安全保护措施之外的处理)"},
         "representatives": {"householdsMin": 5, "householdsMax": 15, "source": "村民委员会组织法 (2018) Art. 25 (每五户至十五户推选一人)"}}
        """#,
        #"""
        {"id": "policy:statute-2018-resident",
         "title": "城市居民委员会组织法 as it bears on resident groups: the national floor",
         "source": "中华人民共和国城市居民委员会组织法 (2018年12月29日修正)",
         "appliesTo": ["resident"],
         "documentDate": "2018-12-29",
         "meeting": {"quorumAdults": {"numerator": 1, "denominator": 2, "inclusive": false},
                     "decision": {"numerator": 1, "denominator": 2, "inclusive": false},
                     "source": "城市居民委员会组织法 (2018) Art. 9, Art. 14"},
         "term": {"years": 5, "source": "城市居民委员会组织法 (2018) Art. 8"},
         "eligibility": {"minimumAge": 18, "mustResideInGroup": true, "mustHoldVotingRights": true,
                         "source": "城市居民委员会组织法 (2018) Art. 8, Art. 14"},
         "retention": {"moneyRecordsYears": 30, "source": "会计档案管理办法 (财政部 国家档案局令第79号, 2016-01-01施行) 第十四条 (会计档案定期保管期限一般分为10年和30年, 从会计年度终了后的第一天算起) 及附表 (会计凭证、会计账簿保管30年); 个人信息保护法 第四十七条第二款 (法律、行政法规规定的保存期限未届满的, 停止除存储和采取必要的安全保护措施之外的处理)"},
         "committee": {"membersMin": 5, "membersMax": 9, "source": "城市居民委员会组织法 (2018) Art. 7 (主任、副主任和委员共五至九人)"}}
        """#,
        #"""
        {"id": "policy:deqing-2023",
         "title": "德清县 guideline on village and resident group leaders (2023)",
         "source": "000_19bdd15b88ce0110.txt",
         "appliesTo": ["village", "resident"],
         "documentDate": "2023-01-01",
         "meeting": {"quorumAdults": {"numerator": 2, "denominator": 3, "inclusive": true},
                     "quorumHouseholds": {"numerator": 2, "denominator": 3, "inclusive": true},
                     "decision": {"numerator": 1, "denominator": 2, "inclusive": false},
                     "source": "村民委员会组织法 (2018) Art. 28, 000_19bdd15b88ce0110.txt 二(三)"},
         "eligibility": {"minimumAge": 18, "mustResideInGroup": true, "mustHoldVotingRights": true, "representativeOnlyIn": ["village"],
                         "source": "000_19bdd15b88ce0110.txt 二(二), 二(三) (村民小组长由村民小组会议在本小组村民代表中推选产生); 村民委员会组织法 (2018) Art. 28"},
         "recall": {"petitionVoters": {"numerator": 1, "denominator": 5, "inclusive": true},
                    "petitionRepresentatives": {"numerator": 1, "denominator": 3, "inclusive": true, "of": "representatives"},
                    "turnout": {"numerator": 1, "denominator": 2, "inclusive": false},
                    "approve": {"numerator": 1, "denominator": 2, "inclusive": false},
                    "investigationRequired": true,
                    "source": "000_19bdd15b88ce0110.txt 二(三); 村民委员会组织法 (2018) Art. 16"},
         "grades": {"scale": ["优秀", "称职", "不称职"], "unfitConsecutiveYears": 2,
                    "unfitRequires": "连续两年考核不称职的, 应及时进行调整", "source": "000_19bdd15b88ce0110.txt 四(二)"},
         "pay": {"period": "year", "groupLeaderFen": 120000, "highestPostOnly": false,
                 "fundingShares": [{"fundingSource": "county-finance", "percent": 100, "groupKind": "resident"},
                                   {"fundingSource": "county-finance", "percent": 50, "groupKind": "village"},
                                   {"fundingSource": "other", "percent": 50, "groupKind": "village"}],
                 "source": "000_19bdd15b88ce0110.txt 五(一) (居民小组长固定补贴由县财政承担; 村民小组长固定补贴由县财政承担50%, 其余50%由谁承担文件未明确)"},
         "audits": {"annualRequired": true, "departureRequired": true, "source": "000_19bdd15b88ce0110.txt 四(三)"},
         "notices": {"voterListDays": 20, "groupLeaderElections": true,
                     "source": "000_19bdd15b88ce0110.txt 二(三) (小组长的推选一般与村(居)民委员会换届工作同时进行, 由村(居)民选举委员会组织和主持: 适用换届选举的公告期限); 村民委员会组织法 (2018) Art. 14 (选民名单应当在选举日的二十日前公布)"}}
        """#,
        #"""
        {"id": "policy:damao-2022",
         "title": "大茂镇 plan on village group leaders (2022)",
         "source": "001_6bbac2880b66cfa6.txt",
         "appliesTo": ["village"],
         "documentDate": "2022-01-01",
         "grades": {"scale": ["优秀", "称职", "不称职"], "excellentMaxPercent": 10, "unfitConsecutiveYears": 2,
                    "unfitRequires": "按程序罢免, 或由镇纪委依纪依法严肃问责",
                    "source": "001_6bbac2880b66cfa6.txt (五)"},
         "deductions": {"unfitPercentOfSubsidy": 20, "source": "001_6bbac2880b66cfa6.txt (五)"},
         "approvals": {"groupExpenseNeedsMeeting": true, "assetTransferNeedsMeeting": true,
                       "source": "001_6bbac2880b66cfa6.txt (二)4, (二)5"},
         "disclosure": {"financeEveryMonths": 12, "source": "001_6bbac2880b66cfa6.txt (二)4 (每年至少将资金收支及结余情况向村民公示一次)"}}
        """#,
        #"""
        {"id": "policy:jiayuguan-2020",
         "title": "嘉峪关市 plan on resident groups (2020)",
         "source": "002_133fd3ad279d9709.txt",
         "appliesTo": ["resident"],
         "documentDate": "2020-01-01",
         "term": {"years": 5, "source": "002_133fd3ad279d9709.txt 三(二)"},
         "pay": {"period": "month", "groupLeaderFen": 30000, "groupMemberFen": 20000, "seniorityFenPerFullYear": 5000,
                 "highestPostOnly": true,
                 "unitPostsFen": [{"post": "committee-deputy-director", "fen": 50000}, {"post": "supervision-director", "fen": 50000},
                                  {"post": "committee-member", "fen": 20000}],
                 "fundingShares": [{"fundingSource": "county-finance", "percent": 100}],
                 "source": "002_133fd3ad279d9709.txt 三(三)"},
         "groupSize": {"membersMin": 3, "membersMax": 5, "source": "002_133fd3ad279d9709.txt 三(二)"}}
        """#,
        #"""
        {"id": "policy:yaoan-2019",
         "title": "姚安县 plan on village elections and governance (2019)",
         "source": "003_47d81f790fe2866f.txt",
         "appliesTo": ["village"],
         "documentDate": "2019-01-01",
         "approvals": {"groupExpenseNeedsMeeting": false, "assetTransferNeedsMeeting": true, "assetTransferNotice": true,
                       "source": "003_47d81f790fe2866f.txt 三(七)4 (集体资产的经营、外包、使用, 先将资产内容和处置程序进行公示, 再召开村(居)民会议或村(居)民代表会议, 讨论通过后方可实施, 并公布结果)"},
         "notices": {"voterListDays": 20, "candidatesDays": 7, "source": "003_47d81f790fe2866f.txt 三(二)3"},
         "supervision": {"populationThreshold": 5000, "membersBelow": 3, "membersFrom": 5,
                         "confidenceKeep": {"numerator": 1, "denominator": 2, "inclusive": true, "of": "ballotsCast"},
                         "source": "003_47d81f790fe2866f.txt 三(三)1 (行政村人口在5000人以下的原则上设3人, 5000人以上的原则上设5人), 三(三)3 (年度测评信任票数达不到半数的, 终止其任职资格)"},
         "representatives": {"householdsMin": 5, "householdsMax": 15, "source": "003_47d81f790fe2866f.txt 三(四)1 (每名村民代表所代表的村民原则上不少于5户, 不多于15户)"}}
        """#,
        #"""
        {"id": "policy:danyang",
         "title": "丹阳市 opinion on village cadres and the 四有 service mechanism",
         "source": "004_7fb8e911e1fe61b5.txt",
         "appliesTo": ["village"],
         "grades": {"scale": ["优秀", "称职", "基本称职", "不称职"], "source": "004_7fb8e911e1fe61b5.txt [8]"},
         "appraisal": {"weightPercent": 30, "unfitVotes": {"numerator": 1, "denominator": 3, "inclusive": false},
                       "unfitRequires": "民主测评不称职率超过三分之一的, 要及时进行组织调整",
                       "source": "004_7fb8e911e1fe61b5.txt [8] (民主评议结果占年度目标考核的30%; 民主测评不称职率超过三分之一)"}}
        """#,
    ]
}
