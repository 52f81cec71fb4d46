import Foundation
import Testing
import TestSupport

/// The democratic appraisal by grade (appraisal.held v2): Danyang [8] (more than 1/3 不称职 votes calls for a
/// prompt organisational adjustment; the appraisal weighs 30% of the year's assessment), and appraisals some
/// months apart where a provincial policy says so (RULES.md: Chongqing, Shandong: at least 6 months).
@Suite("Scenarios: democratic appraisals by grade")
struct AppraisalScenarios {
    static func appraisal(_ person: String, on date: String, year: Int = 2023, votes: [(String, Int)]?, ratings: Bool = false) -> String {
        var data = #""person":"person:\#(person)","group":"group:a","year":\#(year)"#
        if let votes {
            data += #","gradeVotes":["# + votes.map { #"{"grade":"\#($0.0)","votes":\#($0.1)}"# }.joined(separator: ",") + "]"
        }
        if ratings {
            data += #","ratings":[{"raters":"villagers","satisfied":20,"basicallySatisfied":5,"unsatisfied":5}]"#
        }
        return #"{"type":"appraisal.held","schemaVersion":2,"effectiveDate":"\#(date)","data":{\#(data)}}"#
    }

    @Test func moreThanAThirdUnfitVotesCallsForAnAdjustment() throws {
        let setup = Scenario(policy: "policy:danyang").with(Scenario.elected("lead", on: "2022-03-01")).lines
        let third = try alertLines(setup + [Self.appraisal("lead", on: "2023-12-20", votes: [("称职", 20), ("不称职", 10)])], asOf: "2024-01-31")
        #expect(!third.contains { $0.contains("appraisal") }, "exactly 1/3 is not more than 1/3: \(third)")
        let more = try alertLines(setup + [Self.appraisal("lead", on: "2023-12-20", votes: [("称职", 19), ("不称职", 11)])], asOf: "2024-01-31")
        #expect(more.contains("- [appraisal: too many 不称职 votes] a (group:a): person:lead received 11 不称职 votes of 30 in the 2023 appraisal on 2023-12-20 (event 11), more than 1/3 (11), and still holds group-leader; the source requires: prompt organisational adjustment (及时进行组织调整); 004_7fb8e911e1fe61b5.txt [8] (民主评议结果占年度目标考核的30%; 民主测评不称职率超过三分之一) (policy:danyang)"), "\(more)")
        // Under a policy without the rule (Deqing), the same votes raise nothing.
        let deqing = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("lead", on: "2022-03-01", deqing: true)).lines
        #expect(try alertLines(deqing + [Self.appraisal("lead", on: "2023-12-20", votes: [("称职", 19), ("不称职", 11)])], asOf: "2024-01-31")
            .allSatisfy { !$0.contains("appraisal") })
    }

    @Test func appraisalsAreOfHoldersWithVotesOrRatings() throws {
        try play(Scenario(policy: "policy:danyang").with(Scenario.elected("lead", on: "2022-03-01") + [Scenario.person("other")]), [
            (Self.appraisal("lead", on: "2023-12-20", votes: nil),
             .refused("empty appraisal: an appraisal of person:lead records neither ratings nor votes by grade")),
            (Self.appraisal("lead", on: "2023-12-20", votes: [("称职", 19), ("称职", 11)]),
             .refused("grade voted twice: 称职 appears more than once in the votes by grade")),
            (Self.appraisal("other", on: "2023-12-20", votes: [("称职", 30)]),
             .refused("not in office: an appraisal on 2023-12-20 of person:other, who held no post in group:a that day")),
            (Self.appraisal("lead", on: "2023-12-20", votes: nil, ratings: true), .accepted),
            (Self.appraisal("lead", on: "2023-12-21", votes: [("优秀", 3), ("称职", 27)], ratings: true), .accepted),
            // Entered after the office ended, dated while it was held: accepted; dated after it ended: refused.
            (Scenario.end("lead", on: "2023-12-31"), .accepted),
            (Self.appraisal("lead", on: "2023-12-30", votes: [("称职", 30)]), .accepted),
            (Self.appraisal("lead", on: "2024-01-02", votes: [("称职", 30)]),
             .refused("not in office: an appraisal on 2024-01-02 of person:lead, who held no post in group:a that day")),
        ])
    }

    /// A provincial policy (defined in the history) spaces appraisals at least 6 months apart: 5 full months
    /// is refused, 6 accepted.
    @Test func appraisalsSixMonthsApartWhereThePolicySaysSo() throws {
        let define = #"{"type":"policy.defined","effectiveDate":"2022-01-01","data":{"policy":"policy:cq-example","document":{"id":"policy:cq-example","title":"appraisals six months apart (example)","source":"RULES.md: Chongqing (2013) Art. 32","appliesTo":["village"],"extends":"policy:danyang","appraisal":{"monthsApartMin":6,"source":"Chongqing (2013) Art. 32 (appraisals at least 6 months apart)"}}}}"#
        let adopt = #"{"type":"policy.adopted","effectiveDate":"2022-01-01","data":{"unit":"unit:town","policy":"policy:cq-example"}}"#
        try play(Scenario(policy: "policy:danyang").with([define, adopt] + Scenario.elected("lead", on: "2022-03-01")), [
            (Self.appraisal("lead", on: "2023-06-30", votes: [("称职", 30)]), .accepted),
            (Self.appraisal("lead", on: "2023-12-29", votes: [("称职", 30)]),
             .refused("appraisals too close: person:lead was appraised on 2023-06-30 (event 13); this one on 2023-12-29 is 5 full month(s) from it, fewer than 6; Chongqing (2013) Art. 32 (appraisals at least 6 months apart) (policy:cq-example)")),
            (Self.appraisal("lead", on: "2023-12-30", votes: [("称职", 30)]), .accepted),
        ])
    }
}
