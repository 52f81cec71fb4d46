import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance
@testable import GovernanceCodegen
@testable import GrassrootsDemo

@Suite("Thresholds: integer comparisons at the boundaries")
struct ThresholdTests {
    let twoThirds = Threshold(2, 3, inclusive: true)      // 三分之二以上
    let moreThanHalf = Threshold(1, 2, inclusive: false)  // 过半数

    @Test(arguments: [(30, 20, true), (30, 19, false), (31, 21, true), (31, 20, false), (3, 2, true), (0, 0, true)])
    func twoThirdsOrMore(total: Int64, count: Int64, met: Bool) {
        #expect(twoThirds.isMet(count, of: total) == met)
        if total > 0 { #expect(twoThirds.minimum(of: total) == (met ? count : count + 1)) }
    }

    @Test(arguments: [(30, 15, false), (30, 16, true), (31, 15, false), (31, 16, true), (2, 1, false), (1, 1, true)])
    func moreThanHalfIsStrict(total: Int64, count: Int64, met: Bool) {
        #expect(moreThanHalf.isMet(count, of: total) == met)
        #expect(moreThanHalf.minimum(of: total) == (met ? count : count + 1))
    }

    @Test func oneFifthOrMore() {
        let fifth = Threshold(1, 5, inclusive: true)
        #expect(fifth.isMet(20, of: 100) && !fifth.isMet(19, of: 100))
        #expect(fifth.minimum(of: 101) == 21)
    }
}

@Suite("Policies: built-ins, inheritance, checks")
struct PolicyTests {
    @Test func everyBuiltInResolvesWithCitedSections() throws {
        let library = PolicyLibrary.builtIn
        #expect(library.documents.count == 7)
        for id in library.documents.keys {
            let policy = try library.resolve(id)
            for section in PolicyDocument.sections {
                if let object = policy.document[section]?.objectValue {
                    #expect((object["source"]?.stringValue ?? "").count > 5, "\(id).\(section) cites no source")
                }
            }
        }
    }

    @Test func policiesLayerSectionBySectionOverTheFloor() throws {
        let library = PolicyLibrary.builtIn
        let damao = try library.resolve("policy:damao-2022")
        #expect(damao.lineage == ["policy:damao-2022"])
        #expect(damao.meeting == nil && damao.pay == nil)
        #expect(damao.grades?.excellentMaxPercent == 10)
        #expect(damao.unfitDeduction?.percent == 20)
        #expect(damao.approvals?.groupExpenseNeedsMeeting == true)
        // A town on Damao under a county on Deqing, over the village statute floor.
        let layered = Policy.compose([damao, try library.resolve("policy:deqing-2023"), try library.resolve("policy:statute-2018-village")])
        #expect(layered.id == "policy:damao-2022")
        #expect(layered.pay?.groupLeaderFen == 120_000 && layered.origin("pay") == "policy:deqing-2023")
        #expect(layered.grades?.excellentMaxPercent == 10 && layered.origin("grades") == "policy:damao-2022")
        #expect(layered.meeting?.source == "村民委员会组织法 (2018) Art. 28, 000_19bdd15b88ce0110.txt 二(三)" && layered.origin("meeting") == "policy:deqing-2023")
        #expect(layered.handover?.withinDays == 10 && layered.handover?.vacancyWithinDays == nil && layered.origin("handover") == "policy:statute-2018-village")
        // The statute floor sets no grade scale (Art. 33 names only 不称职), and says what two such years require.
        let floor = try library.resolve("policy:statute-2018-village")
        #expect(floor.grades?.scale == nil && floor.grades?.unfitConsecutiveYears == 2)
        let jiayuguan = Policy.compose([try library.resolve("policy:jiayuguan-2020"), try library.resolve("policy:statute-2018-resident")])
        #expect(jiayuguan.pay?.period == "month")
        #expect(jiayuguan.pay?.groupLeaderFen == 30_000 && jiayuguan.pay?.seniorityFenPerFullYear == 5_000)
        #expect(jiayuguan.pay?.highestPostOnly == true)
        #expect(jiayuguan.meeting?.quorumAdults == Threshold(1, 2, inclusive: false))
        let deqing = try library.resolve("policy:deqing-2023")
        #expect(deqing.pay?.groupLeaderFen == 120_000)
        #expect(deqing.recall?.investigationRequired == true)
        #expect(try library.resolve("policy:danyang").grades?.scale == ["优秀", "称职", "基本称职", "不称职"])
    }

    @Test func unknownPoliciesAndBadDocumentsAreRefused() throws {
        #expect(throws: PolicyError.self) { _ = try PolicyLibrary.builtIn.resolve("policy:nowhere") }
        let badShares = try JSONParser.parse(#"{"id":"policy:x","title":"t","source":"s","appliesTo":["village"],"pay":{"period":"year","groupLeaderFen":1,"highestPostOnly":false,"fundingShares":[{"fundingSource":"other","percent":60}],"source":"s"}}"#)
        let shares = #expect(throws: PolicyError.self) { try PolicyLibrary.check(badShares.objectValue ?? JSONObject()) }
        #expect(shares?.policy == "policy:x" && shares?.reason == "pay.fundingShares for village groups add up to 60%, not 100%")
        #expect(shares?.rendered(.zh) == "政策policy:x:pay.fundingShares中村民小组的各资金来源比例合计为60%,而不是100%")
        let badFraction = try JSONParser.parse(#"{"id":"policy:y","title":"t","source":"s","appliesTo":["village"],"meeting":{"decision":{"numerator":3,"denominator":2,"inclusive":true},"source":"s"}}"#)
        #expect(throws: PolicyError.self) { try PolicyLibrary.check(badFraction.objectValue ?? JSONObject()) }
        let unknownSection = try JSONParser.parse(#"{"id":"policy:z","title":"t","source":"s","appliesTo":["village"],"bonus":{}}"#)
        #expect(throws: PolicyError.self) { try PolicyLibrary.check(unknownSection.objectValue ?? JSONObject()) }
        let cycle = PolicyLibrary(documents: [
            "policy:a": ["id": "policy:a", "extends": "policy:b"], "policy:b": ["id": "policy:b", "extends": "policy:a"],
        ])
        #expect(throws: PolicyError.self) { _ = try cycle.resolve("policy:a") }
    }

    @Test func builtInsValidateAgainstThePublishedPolicySchema() throws {
        let v1 = try String(contentsOfFile: repositoryRoot + "/Schemas/policy.v1.schema.json", encoding: .utf8)
        #expect(v1 == SchemaGenerator.policyText, "Schemas/policy.v1.schema.json differs from PolicyDocument.specV1")
        let committed = try String(contentsOfFile: repositoryRoot + "/Schemas/policy.v2.schema.json", encoding: .utf8)
        #expect(committed == SchemaGenerator.policyV2Text, "Schemas/policy.v2.schema.json differs from PolicyDocument.specV2")
        let v3 = try String(contentsOfFile: repositoryRoot + "/Schemas/policy.v3.schema.json", encoding: .utf8)
        #expect(v3 == SchemaGenerator.policyV3Text, "Schemas/policy.v3.schema.json differs from PolicyDocument.specV3")
        let v4 = try String(contentsOfFile: repositoryRoot + "/Schemas/policy.v4.schema.json", encoding: .utf8)
        #expect(v4 == SchemaGenerator.policyV4Text, "Schemas/policy.v4.schema.json differs from PolicyDocument.spec")
        let lines = PolicyLibrary.builtIn.documents.keys.sorted().compactMap { PolicyLibrary.builtIn.documents[$0] }
            .map { CanonicalJSON.string(.object($0)) }.joined(separator: "\n") + "\n"
        let script = """
            import json, sys, jsonschema
            v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            for line in sys.stdin:
                errors = [e.message for e in v.iter_errors(json.loads(line))]
                print("valid" if not errors else "invalid: " + "; ".join(errors))
            """
        let verdicts = try runPython(["-c", script, repositoryRoot + "/Schemas/policy.v4.schema.json"], stdin: lines)
        #expect(verdicts == Array(repeating: "valid", count: 7))
    }
}

@Suite("Refusals: every one names its source")
struct RefusalSourceTests {
    /// `RuleViolation.init` refuses an empty source (a precondition, in release builds too); this holds the
    /// source files to it, so that no refusal path is left to fail at run time: no empty citation anywhere in
    /// the governance layer.
    @Test func noRefusalIsWrittenWithoutASource() throws {
        let root = repositoryRoot + "/Sources/Governance"
        guard let files = FileManager.default.enumerator(atPath: root) else {
            Issue.record("cannot list \(root)")
            return
        }
        var offenders: [String] = []
        var constructions = 0
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            constructions += text.components(separatedBy: "RuleViolation(Msg.rules.name.").count - 1
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(#"Cite.the("")"#) || line.contains(#".source("")"#) {
                offenders.append("\(file):\(number + 1)")
            }
        }
        #expect(constructions > 80, "the scan found \(constructions) refusals; has RuleViolation changed shape?")
        #expect(offenders.isEmpty, "refusals without a source: \(offenders)")
    }
}

@Suite("Dates: whole months (民法典 Art. 202)")
struct MonthCountTests {
    @Test(arguments: [("2023-06-30", "2023-12-29", 5), ("2023-06-30", "2023-12-30", 6), ("2023-08-31", "2024-02-29", 6),
                      ("2023-08-31", "2024-02-28", 5), ("2023-01-31", "2023-02-28", 1), ("2024-02-29", "2023-08-31", -6)])
    func monthsBetween(from: String, to: String, months: Int) throws {
        let a = try #require(LocalDate(iso: from))
        let b = try #require(LocalDate(iso: to))
        #expect(Rules.monthsBetween(a, b) == months)
    }
}
