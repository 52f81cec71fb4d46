import EventLog
import Foundation
import Testing
import TestSupport

/// Rules that policy version 2 can state: a recall approved by a share of all registered voters (Henan), the
/// recall vote's deadline and a failed recall raised again (alerts), and notice periods on a group leader's
/// election (Deqing 二(三); Art. 14; Yao'an 三(二)3).
@Suite("Scenarios: recall bases and deadlines, election notices")
struct RecallAndNoticeScenarios {
    /// A shipped policy document (policies/) as one NDJSON line of policy.defined.
    static func define(_ file: String, id: String) throws -> String {
        let document = try String(contentsOfFile: repositoryRoot + "/policies/" + file, encoding: .utf8)
        let compact = document.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return #"{"type":"policy.defined","effectiveDate":"2022-01-01","data":{"policy":"\#(id)","document":\#(compact)}}"#
    }
    static func henan() throws -> String { try define("henan-recall.json", id: "policy:henan-implementation-example") }
    static let adoptHenan = #"{"type":"policy.adopted","effectiveDate":"2022-01-01","data":{"unit":"unit:town","policy":"policy:henan-implementation-example"}}"#

    static func petition(_ id: String = "1", on date: String = "2023-08-01", signatures: Int, of voters: Int = 30) -> String {
        #"{"type":"recall.petitioned","effectiveDate":"\#(date)","data":{"group":"group:a","person":"person:p1","petition":"petition:\#(id)","signatures":\#(signatures),"eligibleVoters":\#(voters),"reasons":"严重失职"}}"#
    }
    static func recallVote(_ petition: String = "1", on date: String = "2023-08-10", cast: Int, approve: Int, of voters: Int = 30) -> String {
        #"{"type":"recall.voted","effectiveDate":"\#(date)","data":{"group":"group:a","person":"person:p1","petition":"petition:\#(petition)","meeting":"meeting:m-p1-a","eligibleVoters":\#(voters),"ballotsCast":\#(cast),"approve":\#(approve)}}"#
    }

    /// Henan: the petition needs 1/2 of the group's voters; the recall passes on 2/3 of all registered voters
    /// (not of the votes cast): 19 of 30 fails though it is 19 of 25 cast; 20 passes.
    @Test func henanRecallCountsAllRegisteredVoters() throws {
        let scenario = Scenario(policy: "policy:yaoan-2019").with([try Self.henan(), Self.adoptHenan] + Scenario.elected("p1"))
        try play(scenario, [
            (Self.petition(signatures: 14), .accepted),
            (Self.recallVote(cast: 25, approve: 20),
             .refused("recall vote without a sufficient petition: 14 of 30 voters signed petition:1; needs at least 1/2 (15)")),
            (Self.petition("2", signatures: 15), .accepted),
            (Self.recallVote("2", cast: 25, approve: 19), .accepted),
            (Scenario.end("p1", on: "2023-08-11", reason: "recalled"),
             .refused("recall failed its vote thresholds: the vote of 2023-08-10: turnout 25 of 30 voters (needs more than 1/2, 16); 19 of 30 registered voters to recall (needs at least 2/3, 20)")),
            (Self.recallVote("2", on: "2023-08-12", cast: 25, approve: 20), .accepted),
            (Scenario.end("p1", on: "2023-08-13", reason: "recalled"), .accepted),
        ])
    }

    /// Art. 16: a recall petition by one fifth of the voters, or by one third of the villager representatives
    /// (recall.petitioned version 2): 8 of 24 representatives suffice though 10 of 100 voters do not; 7 do not.
    @Test func representativesCanPetitionARecall() throws {
        func petition(_ id: String, representatives signed: Int) -> String {
            #"{"type":"recall.petitioned","schemaVersion":2,"effectiveDate":"2023-08-01","data":{"group":"group:a","person":"person:p1","petition":"petition:\#(id)","signatures":10,"eligibleVoters":100,"representativeSignatures":\#(signed),"representatives":24,"reasons":"严重失职"}}"#
        }
        try play(Scenario(policy: "policy:yaoan-2019").with(Scenario.elected("p1")), [
            (petition("7", representatives: 7), .accepted),
            (Self.recallVote("7", cast: 60, approve: 40, of: 100),
             .refused("recall vote without a sufficient petition: 10 of 100 voters signed petition:7; needs at least 1/5 (20), or 7 of 24 representatives, needs at least 1/3 (8)")),
            (petition("8", representatives: 8), .accepted),
            (Self.recallVote("8", cast: 60, approve: 40, of: 100), .accepted),
            (#"{"type":"recall.petitioned","schemaVersion":2,"effectiveDate":"2023-08-01","data":{"group":"group:a","person":"person:p1","petition":"petition:9","signatures":10,"eligibleVoters":100,"representativeSignatures":8,"reasons":"x"}}"#,
             .refused("representatives' signatures without their number")),
            (#"{"type":"recall.petitioned","schemaVersion":2,"effectiveDate":"2023-08-01","data":{"group":"group:a","person":"person:p1","petition":"petition:9","signatures":10,"eligibleVoters":100,"representativeSignatures":25,"representatives":24,"reasons":"x"}}"#,
             .refused("impossible count: 25 representatives signed of 24")),
        ])
    }

    /// Henan: the vote within 15 days of the petition: day 15 is on time, day 16 late, none by day 16 an alert.
    @Test func theRecallVoteIsDueWithinTheDays() throws {
        let setup = Scenario(policy: "policy:yaoan-2019").with([try Self.henan(), Self.adoptHenan] + Scenario.elected("p1")).lines + [Self.petition(signatures: 15)]
        let cite = "Henan 实施办法 Art. 41-43 (RULES.md: recall petition by 1/2 of the group's voters; vote within 15 days; recall passes with 2/3 of all the group's voters) (policy:henan-implementation-example)"
        #expect(try alertLines(setup + [Self.recallVote(on: "2023-08-16", cast: 25, approve: 10)], asOf: "2023-12-31").allSatisfy { !$0.contains("recall vote") })
        #expect(try alertLines(setup + [Self.recallVote(on: "2023-08-17", cast: 25, approve: 10)], asOf: "2023-12-31")
            .contains("- [late recall vote] a (group:a): petition:1 of 2023-08-01 was voted on 2023-08-17, 1 day(s) after the 15 days allowed; \(cite)"))
        // A later petition and its vote do not hide the earlier late vote.
        let later = [Self.recallVote(on: "2023-08-17", cast: 25, approve: 10), Self.petition("2", on: "2024-03-01", signatures: 15),
                     Self.recallVote("2", on: "2024-03-05", cast: 25, approve: 10)]
        #expect(try alertLines(setup + later, asOf: "2024-06-30").contains { $0.hasPrefix("- [late recall vote] a (group:a): petition:1 of 2023-08-01 was voted on 2023-08-17") })
        #expect(try alertLines(setup, asOf: "2023-08-16").allSatisfy { !$0.contains("recall vote") })
        #expect(try alertLines(setup, asOf: "2023-08-17")
            .contains("- [no recall vote] a (group:a): petition:1 of 2023-08-01 has had no recall vote; it was due within 15 days; \(cite)"))
    }

    /// One provincial text: a failed recall is not raised again on the same grounds within 6 months. People judge
    /// the grounds, so a petition 5 months after a failed vote raises an alert; 6 months after, none.
    @Test func aFailedRecallRaisedAgainWithinMonthsIsAnAlert() throws {
        let define = try Self.define("province-quorum-recall.json", id: "policy:province-quorum-recall-example")
        let adopt = #"{"type":"policy.adopted","effectiveDate":"2022-01-01","data":{"unit":"unit:town","policy":"policy:province-quorum-recall-example"}}"#
        let setup = Scenario(policy: "policy:yaoan-2019").with([define, adopt] + Scenario.elected("p1")).lines
            + [Self.petition(signatures: 10), Self.recallVote(on: "2023-08-10", cast: 25, approve: 10)]
        let soon = try alertLines(setup + [Self.petition("2", on: "2024-02-09", signatures: 10)], asOf: "2024-03-01")
        #expect(soon.contains { $0.hasPrefix("- [recall raised again] a (group:a): petition:2 of 2024-02-09 comes 5 full month(s) after the failed recall vote of 2023-08-10 on petition:1; the same grounds may not be raised again within 6 months") }, "\(soon)")
        let later = try alertLines(setup + [Self.petition("2", on: "2024-02-10", signatures: 10)], asOf: "2024-03-01")
        #expect(later.allSatisfy { !$0.contains("raised again") }, "\(later)")
    }

    /// Deqing: a group leader's election needs the voter list posted at least 20 days before (二(三); Art. 14):
    /// 19 days is refused, 20 accepted; a voter list of an earlier election does not count.
    @Test func deqingVoterListTwentyDaysBefore() throws {
        let base = Scenario(policy: "policy:deqing-2023").with([Scenario.person("p1"), Scenario.person("p2"),
                                                                Scenario.representative("p1"), Scenario.representative("p2")])
        let election = [Scenario.meeting("m", on: "2023-03-01", adults: (30, 25)),
                        Scenario.vote("v", meeting: "m", on: "2023-03-01", ballots: 25, votes: [("p1", 20)])]
        let refusal = "notice too short: the voter list (选民名单) of group:a was posted on 2023-02-10, 19 days before the election on 2023-03-01; at least 20 days are required; 000_19bdd15b88ce0110.txt 二(三)"
        try play(base.with([Scenario.voterList(daysBefore: 19, "2023-03-01")] + election), [
            (Scenario.install("p1", vote: "v"), .refused(refusal)),
            (Scenario.voterList(daysBefore: 20, "2023-03-01"), .accepted),
            (Scenario.install("p1", vote: "v"), .accepted),
            // A by-election after p1 leaves: the 2023 voter list is older than p1's term, so it does not count.
            (Scenario.end("p1", on: "2024-01-31"), .accepted),
            (Scenario.meeting("m2", on: "2024-03-01", adults: (30, 25)), .accepted),
            (Scenario.vote("v2", meeting: "m2", on: "2024-03-01", ballots: 25, votes: [("p2", 20)]), .accepted),
            (Scenario.install("p2", vote: "v2", on: "2024-03-01"),
             .refused("notice not posted: no voter list (选民名单) notice of group:a is recorded before the election on 2024-03-01; it must be posted at least 20 days before")),
            (Scenario.voterList(daysBefore: 25, "2024-03-01"), .accepted),
            (Scenario.install("p2", vote: "v2", on: "2024-03-01"), .accepted),
        ])
        // Under a policy whose notices govern committee elections only (Yao'an), no voter list is needed.
        try play(Scenario(policy: "policy:yaoan-2019").with([Scenario.person("p1")] + election), [(Scenario.install("p1", vote: "v"), .accepted)])
    }
}

@Suite("Scenarios: terms set at installation, and one post per person")
struct TermScenarios {
    /// Art. 19: a by-elected leader's term ends with the sitting committee's; the term alert uses that date,
    /// not the policy's five years from the by-election.
    @Test func aByElectedTermEndsWhenTheInstallationSaid() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let install = #"{"type":"leader.installed","effectiveDate":"2024-03-01","data":{"group":"group:a","person":"person:p1","post":"group-leader","vote":"vote:v","termEnds":"2026-02-28"}}"#
        let lines = Scenario(policy: "policy:yaoan-2019").lines + [Scenario.person("p1"), Scenario.meeting("m", on: "2024-03-01", adults: (30, 25)),
                                                                     Scenario.vote("v", meeting: "m", on: "2024-03-01", ballots: 25, votes: [("p1", 20)]), install]
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines.joined(separator: "\n") + "\n").status == 0)
        func alerts(_ asOf: String) throws -> String {
            try grassroots("alerts", "--ledger", dir.ledger, "--unit", "unit:county", "--as-of", asOf).stdout
        }
        #expect(!(try alerts("2026-02-27")).contains("term"))
        #expect(try alerts("2026-02-28").contains("- [term expired] a (group:a): person:p1 has held group-leader since 2024-03-01; the term set at installation ended on 2026-02-28 without an election; 村民委员会组织法 (2018) Art. 19"))
    }

    @Test func oneTermPerPersonAndPost() throws {
        let election = [Scenario.person("p1"), Scenario.meeting("m", adults: (30, 25)),
                        Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)])]
        try play(Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with(election), [
            (Scenario.install("p1", vote: "v", post: "group-member"), .accepted),
            (Scenario.install("p1", vote: "v", post: "group-member"),
             .refused("post already held: person:p1 has held group-member of group:a since 2023-03-01 (event 10); one person holds a post once")),
            (#"{"type":"leader.installed","effectiveDate":"2023-03-01","data":{"group":"group:a","person":"person:p1","post":"group-leader","vote":"vote:v","termEnds":"2023-03-01"}}"#,
             .refused("term ends before it begins: installed on 2023-03-01 with a term ending on 2023-03-01")),
            (Scenario.install("p1", vote: "v"), .accepted),
        ])
    }
}
