import CanonicalJSON
import EventLog
import Foundation
import Messages
import Testing
import TestSupport
@testable import Governance
@testable import GrassrootsDemo

/// Refusals and alerts as the ledger's Chinese-speaking reviewers read them: the seeds' terms, the numbers,
/// the statute cited as 《村民委员会组织法》(2018年修正)第二十八条; and nothing that reaches them untranslated.
@Suite("Refusals and alerts in Chinese")
struct ChineseRefusalTests {
    /// Han characters: a Chinese text has some.
    static func hasChinese(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    @Test func quorumNotMetWithItsNumbersAndTheStatute() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 19, votes: 19)
        let refused = try #require(try rules.refusal(InProcessRuleTests.install, on: "2023-02-19"))
        #expect(refused.rendered(.zh) == "到会人数未达到法定人数:meeting:m:十八周岁以上的组内成员30人,到会19人;须三分之二以上(20人)"
                + "(依据:《村民委员会组织法》(2018年修正)第二十八条(适用政策:policy:statute-2018-village))")
        // English stays as it was: the rule's name is the stable code.
        #expect(refused.rule == "quorum not met")
        #expect(refused.rendered(.en) == "quorum not met: at meeting:m, 19 of 30 adults attended; needs at least 2/3 (20); 村民委员会组织法 (2018) Art. 28 (policy:statute-2018-village)")
    }

    @Test func majorityAndMoneyInChinese() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 20, votes: 10)
        let refused = try #require(try rules.refusal(InProcessRuleTests.install, on: "2023-02-19"))
        #expect(refused.detailText.rendered(.zh) == "到会20人,person:p得10票;须超过二分之一(11票)")
        #expect(Text(refused.ruleMessage).rendered(.zh) == "得票未达到规定票数")
    }

    @Test func termExpiredAlertWithItsDatesAndSource() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 20, votes: 11)
        try rules.record(InProcessRuleTests.install, on: "2023-02-19")
        let asOf = try #require(LocalDate(iso: "2028-03-01"))
        let alerts = try rules.ledger.query(AlertsQuery(unit: nil, asOf: asOf))
        let expired = try #require(alerts.first { $0.kindMessage == Msg.alerts.kind.termExpired })
        #expect(expired.kind == "term expired")
        #expect(expired.rendered(.zh) == "【任期届满未换届】group:g:person:p自2023年2月19日起担任小组长;5年任期已于2028年2月19日届满,未进行换届选举"
                + "(依据:《村民委员会组织法》(2018年修正)第十一条、第二十八条(适用政策:policy:statute-2018-village))")
        #expect(expired.rendered(.en) == "[term expired] group:g: person:p has held group-leader since 2023-02-19; the 5-year term expired on 2028-02-19 without an election; "
                + "村民委员会组织法 (2018) Art. 11, Art. 28 (policy:statute-2018-village)")
    }

    /// Every alert a realistic history raises, over several years, is of a kind the catalog holds and reads in
    /// Chinese throughout: its kind, its detail and its source.
    @Test func everyAlertOfTheDemoReadsInChinese() throws {
        var size = DemoGenerator.Size()
        size.years = 3
        size.cityGroups = 6
        size.cityCommunities = 2
        size.countyTowns = 3
        size.villagesPerTown = 1
        size.groupsPerVillage = 3
        var generator = DemoGenerator(seed: 7, size: size)
        let rules = try RuleLedger()
        let requests = generator.generate()
        var start = 0
        while start < requests.count {
            let end = min(start + Limits.batchEventsMax, requests.count)
            _ = try rules.ledger.append(try requests[start..<end].map { try GovernanceRequests.draft(from: .object($0), defaultActor: "demo") })
            start = end
        }
        let kinds = Mirror(reflecting: Msg.alerts.kind).children.compactMap { $0.value as? Message } + Msg.late.kind.all
        var seen: Set<String> = []
        for year in [2024, 2025, 2026, 2032] {
            let asOf = try #require(LocalDate(year: year, month: 6, day: 30))
            for alert in try rules.ledger.query(AlertsQuery(unit: nil, asOf: asOf)) {
                #expect(kinds.contains(alert.kindMessage), "an alert of a kind outside the catalog: \(alert.kind)")
                let zh = (kind: Text(alert.kindMessage).rendered(.zh), detail: alert.detailText.rendered(.zh), source: alert.sourceText.rendered(.zh))
                #expect(Self.hasChinese(zh.kind) && Self.hasChinese(zh.detail) && Self.hasChinese(zh.source),
                        "not in Chinese: [\(zh.kind)] \(zh.detail) (\(zh.source))")
                #expect(!zh.detail.contains("{") && !alert.detail.contains("{"), "a placeholder left unfilled: \(zh.detail)")
                seen.insert(alert.kind)
            }
        }
        #expect(seen.count >= 4, "the demo raised only \(seen.sorted())")
    }

    /// The refusals and alerts of the governance layer take their words from the catalog only: no message is
    /// made up in the layer (beyond the two helpers that render a stored vocabulary value and a fraction), and
    /// the transitional initialisers that showed English in both languages are gone.
    @Test func nothingBypassesTheCatalog() throws {
        let root = repositoryRoot + "/Sources/Governance"
        let files = try #require(FileManager.default.enumerator(atPath: root)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        var madeUp: [String] = []
        var helpers = 0
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("Message(en:") || line.contains("RuleViolation(rule:") || line.contains("Alert(kind:") {
                if file.hasSuffix("Rules/Cite.swift") && line.contains("Message(en:") { helpers += 1 } else { madeUp.append("\(file):\(number + 1)") }
            }
        }
        #expect(madeUp.isEmpty, "texts made up outside the catalog: \(madeUp)")
        #expect(helpers == 2, "Arg.code and Arg.fraction are the only messages Governance makes")
    }

    /// Every rule and alert kind of the catalog has its Chinese name, distinct from its English one (the English
    /// of `优秀 quota exceeded` aside, every name has English words, so an untranslated one would read the same).
    @Test func everyRuleAndAlertKindIsTranslated() {
        var names: [Message] = []
        for child in Array(Mirror(reflecting: Msg.rules.name).children) + Array(Mirror(reflecting: Msg.alerts.kind).children) {
            if let message = child.value as? Message { names.append(message) }
            if let table = child.value as? [String: Message] { names += table.values }
        }
        #expect(names.count > 100)
        for name in names {
            #expect(name.zh != name.en && Self.hasChinese(name.zh), "untranslated: \(name.en)")
        }
    }

    /// The rules named by their act: a disposal's (as a lease's, which the CLI scenarios walk), and a
    /// correction's or retraction's of a correcting event.
    @Test func namesThatFollowTheAct() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.record(PolicyAdopted(unit: "unit:v", policy: "policy:yaoan-2019"), on: "2023-01-01")
        try rules.record(AssetRegistered(group: "group:g", asset: "asset:shed", kind: .building, description: "仓库", valueFen: 150_000, custodian: "person:p"),
                         on: "2023-04-01")
        let unapproved = try rules.refusal(AssetTransferredV2(group: "group:g", asset: "asset:shed", action: .disposed), on: "2023-05-20")
        #expect(unapproved?.rule == "asset disposed without the approval the policy requires")
        #expect(unapproved.map { Text($0.ruleMessage).rendered(.zh) } == "资产处置未经政策要求的审批")
        try rules.record(MeetingHeld(group: "group:g", meeting: "meeting:q", purpose: "资产处置", eligibleAdults: 30, attendingAdults: 21), on: "2023-05-15")
        try rules.record(VoteTallied(group: "group:g", vote: "vote:a", meeting: "meeting:q", question: .asset, ballotsCast: 21, yes: 15, no: 6), on: "2023-05-15")
        let early = try rules.refusal(AssetTransferredV2(group: "group:g", asset: "asset:shed", action: .disposed, vote: "vote:a"), on: "2023-05-14")
        #expect(early?.rule == "asset disposed before its vote")
        #expect(early?.detailText.rendered(.zh) == "asset:shed于2023年5月14日处置;而就其表决的会议于2023年5月15日召开")
        let unnoticed = try rules.refusal(AssetTransferredV2(group: "group:g", asset: "asset:shed", action: .disposed, vote: "vote:a"), on: "2023-05-20")
        #expect(unnoticed?.rule == "asset disposed without prior notice")
        #expect(unnoticed?.detailText.rendered(.zh) == "group:g在2023年4月1日(该资产最近一次变动)至2023年5月15日(就asset:shed表决的会议)之间未张榜公告决定事项")

        let receipt = try rules.record(FundReceived(group: "group:g", amountFen: 5_000, source: "租金"), on: "2023-06-01")
        let retraction = try rules.record(EventRetracted(retracts: receipt, subject: "group:g", reason: "录入错误"), on: "2023-06-02")
        #expect(try rules.refusal(EventRetracted(retracts: retraction, subject: "group:g", reason: "x"), on: "2023-06-03")?.rule
                == "retraction of a correction or retraction")
        let corrected = try rules.refusal(EventCorrected(corrects: retraction, subject: "group:g", reason: "x", replacement: JSONObject()), on: "2023-06-03")
        #expect(corrected?.rule == "correction of a correction or retraction")
        #expect(corrected?.rendered(.zh).hasPrefix("更正的是更正或撤销事件:第\(retraction)号事件本身是event.retracted") == true)
        let nothing = try rules.refusal(EventCorrected(corrects: 99, subject: "group:g", reason: "x", replacement: JSONObject()), on: "2023-06-03")
        #expect(nothing?.rule == "nothing to correct")
        #expect(nothing?.rendered(.zh) == "没有可更正的事件:本事件之前没有第99号事件(依据:Schemas/CORRECTIONS.md)")
    }

    /// A refusal whose record was written in English (a failed recall vote's numbers, kept in `gov.recalls`)
    /// is rendered again from its vote, in Chinese.
    @Test func aFailedRecallIsExplainedInChinese() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 20, votes: 11)
        try rules.record(InProcessRuleTests.install, on: "2023-02-19")
        try rules.record(RecallPetitioned(group: "group:g", person: "person:p", petition: "petition:1", signatures: 10, eligibleVoters: 30, reasons: "失职"),
                         on: "2023-08-01")
        try rules.record(MeetingHeld(group: "group:g", meeting: "meeting:r", purpose: "罢免", eligibleAdults: 30, attendingAdults: 20), on: "2023-09-01")
        try rules.record(RecallVoted(group: "group:g", person: "person:p", petition: "petition:1", meeting: "meeting:r", eligibleVoters: 30,
                                     ballotsCast: 20, approve: 9), on: "2023-09-01")
        let refused = try #require(try rules.refusal(OfficeEnded(group: "group:g", person: "person:p", post: .groupLeader, reason: .recalled), on: "2023-09-02"))
        #expect(refused.rule == "recall failed its vote thresholds")
        #expect(refused.detailText.rendered(.zh)
                == "2023年9月1日的表决:登记选民30人,参加投票20人(须超过二分之一,即16人);投票20张,赞成罢免9票(须超过二分之一,即11票)")
        #expect(refused.sourceText.rendered(.zh) == "《村民委员会组织法》(2018年修正)第十六条(五分之一以上有选举权的村民或者三分之一以上的村民代表联名)(适用政策:policy:statute-2018-village)")
        #expect(refused.detail == "the vote of 2023-09-01: turnout 20 of 30 voters (needs more than 1/2, 16); 9 of 20 votes to recall (needs more than 1/2, 11)")
    }
}
