import CanonicalJSON
import Foundation
import Testing
import TestSupport

/// `grassroots explain`: a decision's checks recomputed with their numbers and sources, on both sides of each
/// threshold; as known now and as known then (`--at-seq`); the errors.
@Suite("grassroots explain: a decision's validity, check by check")
struct ExplainTests {
    /// A ledger holding `lines` (one event each, so the n-th line is event n).
    static func ledger(_ lines: [String]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        #expect(try grassroots("init", "--ledger", dir.ledger).status == 0)
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        return dir
    }

    /// The statute floor (Art. 28: 2/3 of 30 adults is 20; more than half of those attending), two candidates.
    static func election(attending: Int, votes: Int, rival: Int = 0, born: String = "1980-05-01") -> [String] {
        Scenario(policy: "policy:statute-2018-village").lines + [
            Scenario.person("p1", born: born), Scenario.person("p2"),
            Scenario.meeting("m", adults: (30, attending)),
            Scenario.vote("v", meeting: "m", ballots: attending, votes: [("p1", votes), ("p2", rival)]),
        ]
    }

    static func json(_ output: Output) throws -> JSONObject {
        #expect(output.status == 0, "\(output.stderr)")
        guard case .object(let object) = try JSONParser.parse(Array(output.stdout.utf8)),
              case .array(let decisions)? = object["decisions"], case .object(let first)? = decisions.first else {
            Issue.record("not an explanation: \(output.stdout)")
            return [:]
        }
        return first
    }

    static func check(_ decision: JSONObject, _ kind: String) -> JSONObject? {
        decision["checks"]?.arrayValue?.compactMap(\.objectValue).first { $0["kind"]?.stringValue == kind }
    }

    static func share(_ check: JSONObject?) -> (count: Int64?, base: Int64?, minimum: Int64?) {
        let figure = check?["figures"]?.arrayValue?.first?.objectValue
        return (figure?["count"]?.integerValue, figure?["base"]?.integerValue, figure?["minimum"]?.integerValue)
    }

    @Test func aValidElectionShowsItsNumbers() throws {
        let lines = Self.election(attending: 20, votes: 11, rival: 9) + [Scenario.install("p1", vote: "v")]
        let dir = try Self.ledger(lines)
        let decision = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--json"))
        #expect(decision["decision"]?.stringValue == "installation" && decision["valid"] == .bool(true))
        #expect(decision["seq"]?.integerValue == Int64(lines.count) && decision["person"]?.stringValue == "person:p1")
        #expect(decision["policy"]?.stringValue == "policy:statute-2018-village")
        let quorum = Self.share(Self.check(decision, "quorum"))
        #expect(quorum.count == 20 && quorum.base == 30 && quorum.minimum == 20)
        let majority = Self.share(Self.check(decision, "majority"))
        #expect(majority.count == 11 && majority.base == 20 && majority.minimum == 11)
        #expect(Self.check(decision, "quorum")?["source"]?.stringValue?.contains("Art. 28") == true)
        #expect(Self.check(decision, "age")?["passed"] == .bool(true))
        // The same through vote:ID; and as text, in English and in Chinese.
        let byVote = try Self.json(try grassroots("explain", "--ledger", dir.ledger, "vote:v", "--format", "json"))
        #expect(byVote["seq"]?.integerValue == Int64(lines.count))
        let text = try grassroots("explain", "--ledger", dir.ledger, "vote:v")
        #expect(text.status == 0)
        #expect(text.stdout.contains("quorum: 20 of 30 adults attended (at least 2/3: 20) ✓; source: 村民委员会组织法 (2018) Art. 28"))
        #expect(text.stdout.contains("majority: 11 votes of 20 attending (more than 1/2: 11) ✓"))
        #expect(text.stdout.contains("most votes: person:p1 11 votes; next person:p2 9 ✓"))
        #expect(text.stdout.hasSuffix("Verdict: valid (every check passed)\n"))
        let zh = try grassroots("explain", "--ledger", dir.ledger, "vote:v", "--lang", "zh")
        #expect(zh.stdout.contains("法定人数:到会20人 / 应到30人(三分之二以上须20人) ✓(通过) 依据:《村民委员会组织法》(2018年修正)第二十八条"))
        #expect(zh.stdout.contains("得票过半:得11票 / 到会20人(超过二分之一须11票) ✓(通过)"))
        #expect(zh.stdout.hasSuffix("结论:有效(各项核验均通过)\n"))
        let csv = try grassroots("explain", "--ledger", dir.ledger, "vote:v", "--format", "csv", "--lang", "zh")
        #expect(csv.status == 0 && csv.stdout.hasPrefix("\u{FEFF}决定,核验项,结果,数据,依据\r\n"))
    }

    /// Each threshold on both sides: what explain says of the vote is what the append of the installation does.
    @Test(arguments: [
        // 2/3 of 30 adults (以上 includes the bound): 20 meets it, 19 does not.
        (attending: 20, votes: 11, born: "1980-05-01", failing: nil as String?),
        (attending: 19, votes: 11, born: "1980-05-01", failing: "quorum"),
        // More than half of 20 attending: 11, not 10 (过半数 is strict).
        (attending: 20, votes: 10, born: "1980-05-01", failing: "majority"),
        // 18 on the meeting's day (the birthday counts), not one day short of it.
        (attending: 20, votes: 11, born: "2005-03-01", failing: nil),
        (attending: 20, votes: 11, born: "2005-03-02", failing: "age"),
    ])
    func eachThresholdOnBothSides(attending: Int, votes: Int, born: String, failing: String?) throws {
        let dir = try Self.ledger(Self.election(attending: attending, votes: votes, born: born))
        let decision = try Self.json(try grassroots("explain", "--ledger", dir.ledger, "vote:v", "--json"))
        #expect(decision["decision"]?.stringValue == "election")
        #expect(decision["valid"] == .bool(failing == nil))
        #expect(decision["firstFailure"]?.stringValue == failing)
        let text = try grassroots("explain", "--ledger", dir.ledger, "vote:v")
        let install = try grassroots("append", "--ledger", dir.ledger, "-", stdin: Scenario.install("p1", vote: "v") + "\n")
        if let failing {
            // The verdict quotes the very refusal the append gives.
            let refusal = try #require(Self.check(decision, failing)?["rule"]?.stringValue)
            #expect(install.status == 3 && install.stderr.contains(refusal))
            let verdict = try #require(text.stdout.split(separator: "\n").last)
            #expect(verdict.hasPrefix("Verdict: invalid; the first failing check, as an append would be refused: \(refusal): "))
            let detail = try #require(Self.check(decision, failing)?["detail"]?.stringValue)
            #expect(install.stderr.contains(detail) && verdict.contains(detail))
        } else {
            #expect(install.status == 0, "\(install.stderr)")
        }
    }

    /// Deqing: a recall needs a petition by 1/5 of the voters and the committee's investigation first; the
    /// vote passes on more than half turning out and more than half of the votes cast.
    @Test func aRecallShowsItsPetitionInvestigationAndOutcome() throws {
        var lines = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true)).lines
        lines += [
            RecallAndNoticeScenarios.petition(signatures: 6),
            DepartureScenarios.investigated,
            RecallAndNoticeScenarios.recallVote(on: "2023-08-25", cast: 16, approve: 9),
            RecallAndNoticeScenarios.recallVote(on: "2023-08-26", cast: 15, approve: 15),
        ]
        let dir = try Self.ledger(lines)
        let passed = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count - 1), "--json"))
        #expect(passed["decision"]?.stringValue == "recall" && passed["valid"] == .bool(true) && passed["passed"] == .bool(true))
        let petition = Self.share(Self.check(passed, "petition"))
        #expect(petition.count == 6 && petition.base == 30 && petition.minimum == 6)
        #expect(Self.check(passed, "investigation")?["passed"] == .bool(true))
        let approval = Self.share(Self.check(passed, "approval"))
        #expect(approval.count == 9 && approval.base == 16 && approval.minimum == 9)
        // 15 of 30 is not more than half: valid, but the recall failed.
        let failed = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--json"))
        #expect(failed["valid"] == .bool(true) && failed["passed"] == .bool(false))
        #expect(Self.check(failed, "turnout")?["stage"]?.stringValue == "outcome" && Self.check(failed, "turnout")?["passed"] == .bool(false))
        let zh = try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--lang", "zh")
        #expect(zh.stdout.contains("罢免联名:联名6人 / 选民30人(五分之一以上须6人) ✓(通过) 依据:德清县"))
        #expect(zh.stdout.contains("调查核实:经调查,petition:1所列理由属实 ✓(通过)"))
        #expect(zh.stdout.contains("参加投票:参加投票15人 / 登记选民30人(超过二分之一须16人) ✗(未达到)"))
        #expect(zh.stdout.hasSuffix("表决结果:罢免未通过\n"))
    }

    /// Valid when recorded; invalid under the register as corrected later (a larger group recorded back to
    /// before the meeting): `--at-seq` shows what was known then, the default what is known now.
    @Test func validThenInvalidNowAfterALaterCorrection() throws {
        let lines = Self.election(attending: 20, votes: 11) + [Scenario.install("p1", vote: "v")]
        let installed = lines.count
        let dir = try Self.ledger(lines)
        let larger = #"{"type":"group.size.recorded","effectiveDate":"2023-01-01","data":{"group":"group:a","households":30,"adults":31}}"#
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: larger + "\n").status == 0)
        let then = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(installed), "--at-seq", String(installed), "--json"))
        #expect(then["valid"] == .bool(true))
        #expect(Self.share(Self.check(then, "quorum")).base == 30)
        let now = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(installed), "--json"))
        #expect(now["valid"] == .bool(false) && now["firstFailure"]?.stringValue == "quorum")
        let quorum = Self.share(Self.check(now, "quorum"))
        #expect(quorum.count == 20 && quorum.base == 31 && quorum.minimum == 21)
        let text = try grassroots("explain", "--ledger", dir.ledger, String(installed))
        #expect(text.stdout.contains("quorum: 20 of 31 adults attended (the register; the meeting reported 30) (at least 2/3: 21) ✗"))
        let thenText = try grassroots("explain", "--ledger", dir.ledger, String(installed), "--at-seq", String(installed))
        #expect(thenText.stdout.hasPrefix("(as recorded up to event \(installed))\n"))
        #expect(thenText.stdout.hasSuffix("Verdict: valid (every check passed)\n"))
    }

    /// An office ended as recalled is explained by the recall vote it rests on (the latest on the holder in the group).
    @Test func anOfficeEndedAsRecalledExplainsItsRecallVote() throws {
        var lines = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true)).lines
        lines += [RecallAndNoticeScenarios.petition(signatures: 6), DepartureScenarios.investigated,
                  RecallAndNoticeScenarios.recallVote(on: "2023-08-25", cast: 16, approve: 9), Scenario.end("p1", on: "2023-08-26", reason: "recalled")]
        let dir = try Self.ledger(lines)
        let output = try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--json")
        let decision = try Self.json(output)
        #expect(decision["decision"]?.stringValue == "recall" && decision["seq"]?.integerValue == Int64(lines.count - 1))
        #expect(decision["endedBy"]?.integerValue == Int64(lines.count) && decision["passed"] == .bool(true))
        let text = try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--lang", "zh")
        #expect(text.stdout.hasPrefix("第\(lines.count)号事件以罢免为由终止person:p1的职务:以下核验其所依据的第\(lines.count - 1)号罢免表决事件。\n"), "\(text.stdout)")
        // An office ended for another reason is no decision explain assesses.
        let resigned = try Self.ledger(Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true)).lines + [Scenario.end("p1", on: "2023-08-26")])
        let refused = try grassroots("explain", "--ledger", resigned.ledger, String(Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true)).lines.count + 1))
        #expect(refused.status == 2 && refused.stderr.contains("(office.ended) is not a decision explain assesses"), "\(refused.stderr)")
    }

    /// Yao'an 三(三)3: a supervision member keeps the post with half the votes cast exactly, and loses it one vote short.
    @Test func aConfidenceVoteShowsWhetherTheMemberKeepsThePost() throws {
        func vote(_ person: String, _ votesFor: Int, of cast: Int) -> String {
            #"{"type":"confidence.voted","effectiveDate":"2023-12-20","data":{"unit":"unit:village","person":"person:\#(person)","year":2023,"votesFor":\#(votesFor),"votesCast":\#(cast)}}"#
        }
        let lines = Scenario(policy: "policy:yaoan-2019").lines + ["s1", "s2"].map { Scenario.person($0) } + Scenario.unitNotices("2023-01-10")
            + [UnitOfficeScenarios.installed("s1", "supervision-director"), UnitOfficeScenarios.installed("s2", "supervision-member"),
               vote("s1", 11, of: 22), vote("s2", 10, of: 21)]
        let dir = try Self.ledger(lines)
        let kept = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count - 1), "--json"))
        #expect(kept["decision"]?.stringValue == "confidence" && kept["valid"] == .bool(true) && kept["passed"] == .bool(true))
        #expect(Self.share(Self.check(kept, "confidence")) == (11, 22, 11))
        #expect(Self.check(kept, "supervision-member")?["passed"] == .bool(true) && kept["post"]?.stringValue == "supervision-director")
        let lost = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--json"))
        #expect(lost["valid"] == .bool(true) && lost["passed"] == .bool(false))
        #expect(Self.share(Self.check(lost, "confidence")) == (10, 21, 11))
        let zh = try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--lang", "zh")
        #expect(zh.stdout.contains("信任票:信任票10票 / 投票21张(二分之一以上须11票) ✗(未达到)"), "\(zh.stdout)")
        #expect(zh.stdout.hasSuffix("表决结果:信任票未达到要求,应终止其任职资格\n"), "\(zh.stdout)")
    }

    /// A committee election's notices (Art. 14: the voter list 20 days before; Yao'an 三(二)3: the candidates 7
    /// days), with the days each was posted: valid as recorded, invalid once the notice it relied on is corrected.
    @Test func aCommitteeElectionShowsItsNotices() throws {
        func notice(_ kind: String, _ date: String) -> String {
            #"{"type":"unit.notice.posted","effectiveDate":"\#(date)","data":{"unit":"unit:village","kind":"\#(kind)","election":"election:v-2023"}}"#
        }
        let install = #"{"type":"committee.installed","effectiveDate":"2023-03-02","data":{"unit":"unit:village","person":"person:d","post":"committee-director","electionDay":"2023-03-01","election":"election:v-2023"}}"#
        let lines = Scenario(policy: "policy:yaoan-2019").lines + [Scenario.person("d"), notice("voter-list", "2023-02-09"), notice("candidates", "2023-02-22"), install]
        let dir = try Self.ledger(lines)
        let decision = try Self.json(try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--json"))
        #expect(decision["decision"]?.stringValue == "committee-election" && decision["valid"] == .bool(true) && decision["post"]?.stringValue == "committee-director")
        let voterList = Self.check(decision, "voter-list-notice")?["figures"]?.arrayValue?.first?.objectValue
        #expect(voterList?["daysGiven"]?.integerValue == 20 && voterList?["daysRequired"]?.integerValue == 20)
        let candidates = Self.check(decision, "candidates-notice")?["figures"]?.arrayValue?.first?.objectValue
        #expect(candidates?["daysGiven"]?.integerValue == 7 && candidates?["daysRequired"]?.integerValue == 7)
        let text = try grassroots("explain", "--ledger", dir.ledger, String(lines.count))
        #expect(text.stdout.hasPrefix("person:d installed as committee director of 村 (unit:village), elected on 2023-03-01 in election:v-2023 (event 10, 2023-03-02)"), "\(text.stdout)")
        #expect(text.stdout.hasSuffix("Verdict: valid (every check passed)\n"), "\(text.stdout)")
    }

    @Test func unknownVotesAndEventsThatAreNoDecisionAreBadInput() throws {
        let lines = Self.election(attending: 20, votes: 11) + [Scenario.install("p1", vote: "v")]
        let dir = try Self.ledger(lines)
        let unknown = try grassroots("explain", "--ledger", dir.ledger, "vote:nowhere")
        #expect(unknown.status == 2 && unknown.stderr.contains("no vote vote:nowhere is recorded"))
        let meeting = try grassroots("explain", "--ledger", dir.ledger, "1")
        #expect(meeting.status == 2 && meeting.stderr.contains("event 1 (unit.registered) is not a decision explain assesses"))
        let beyond = try grassroots("explain", "--ledger", dir.ledger, "9999")
        #expect(beyond.status == 2 && beyond.stderr.contains("no event 9999 is recorded"))
        let notYet = try grassroots("explain", "--ledger", dir.ledger, String(lines.count), "--at-seq", "3")
        #expect(notYet.status == 2 && notYet.stderr.contains("no event \(lines.count) is recorded as of event 3"))
        let garbled = try grassroots("explain", "--ledger", dir.ledger, "meeting:m")
        #expect(garbled.status == 64)
        let both = try grassroots("explain", "--ledger", dir.ledger, "vote:v", "--json", "--format", "csv")
        #expect(both.status == 64)
        let zh = try grassroots("explain", "--ledger", dir.ledger, "vote:nowhere", "--lang", "zh")
        #expect(zh.status == 2 && zh.stderr.contains("没有表决vote:nowhere的记录"))
    }
}
