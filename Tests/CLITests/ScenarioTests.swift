import Foundation
import Testing
import TestSupport

/// A governance history: setup acts, then steps each expected to be accepted or refused with a message.
struct Scenario {
    let policy: String
    let groupKind: String
    var lines: [String] = []

    init(policy: String, groupKind: String = "village", adults: Int = 30, households: Int = 30) {
        self.policy = policy
        self.groupKind = groupKind
        lines = [
            #"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:county","name":"县","level":"county"}}"#,
            #"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:town","name":"镇","level":"town","parent":"unit:county"}}"#,
            // A village for village groups, a community (社区) for resident groups.
            #"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:village","name":"村","level":"\#(groupKind == "resident" ? "community" : "village")","parent":"unit:town"}}"#,
            #"{"type":"policy.adopted","effectiveDate":"2021-01-01","data":{"unit":"unit:county","policy":"\#(policy)"}}"#,
            group("a", adults: adults, households: households), group("b", adults: adults, households: households),
        ]
    }

    func group(_ name: String, adults: Int, households: Int) -> String {
        #"{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:\#(name)","unit":"unit:village","name":"\#(name)","kind":"\#(groupKind)","households":\#(households),"adults":\#(adults)}}"#
    }

    static func person(_ id: String, born: String = "1980-05-01", group: String = "a", rights: Bool = true) -> String {
        #"{"type":"person.registered","effectiveDate":"2020-01-01","data":{"person":"person:\#(id)","birthDate":"\#(born)","sex":"F","group":"group:\#(group)","votingRights":\#(rights)}}"#
    }

    static func meeting(_ id: String, group: String = "a", on date: String = "2023-03-01", adults: (Int, Int), households: (Int, Int)? = nil) -> String {
        let h = households.map { #","eligibleHouseholds":\#($0.0),"attendingHouseholds":\#($0.1)"# } ?? ""
        return #"{"type":"meeting.held","effectiveDate":"\#(date)","data":{"group":"group:\#(group)","meeting":"meeting:\#(id)","purpose":"选举小组长","eligibleAdults":\#(adults.0),"attendingAdults":\#(adults.1)\#(h)}}"#
    }

    static func vote(_ id: String, meeting: String, group: String = "a", on date: String = "2023-03-01", ballots: Int, votes: [(String, Int)]) -> String {
        let candidates = votes.map { #"{"person":"person:\#($0.0)","votes":\#($0.1)}"# }.joined(separator: ",")
        return #"{"type":"vote.tallied","effectiveDate":"\#(date)","data":{"group":"group:\#(group)","vote":"vote:\#(id)","meeting":"meeting:\#(meeting)","question":"election","ballotsCast":\#(ballots),"candidates":[\#(candidates)]}}"#
    }

    static func install(_ person: String, vote: String, group: String = "a", on date: String = "2023-03-01", post: String = "group-leader") -> String {
        #"{"type":"leader.installed","effectiveDate":"\#(date)","data":{"group":"group:\#(group)","person":"person:\#(person)","post":"\#(post)","vote":"vote:\#(vote)"}}"#
    }

    static func end(_ person: String, group: String = "a", on date: String, reason: String = "resigned") -> String {
        #"{"type":"office.ended","effectiveDate":"\#(date)","data":{"group":"group:\#(group)","person":"person:\#(person)","post":"group-leader","reason":"\#(reason)"}}"#
    }
}

/// The alert lines (`grassroots alerts --unit unit:county --as-of D`) of a ledger holding `lines`, without the
/// count line.
func alertLines(_ lines: [String], asOf: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
    let dir = try TemporaryDirectory()
    try grassroots("init", "--ledger", dir.ledger)
    let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines.joined(separator: "\n") + "\n")
    #expect(appended.status == 0, "\(appended.stderr)", sourceLocation: sourceLocation)
    let result = try grassroots("alerts", "--ledger", dir.ledger, "--unit", "unit:county", "--as-of", asOf)
    #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    return result.stdout.split(separator: "\n").dropFirst().map(String.init)
}

enum Expect {
    case accepted
    case refused(String)
}

/// Runs the scenario's setup, then each step as its own append, checking the outcome.
func play(_ scenario: Scenario, _ steps: [(String, Expect)], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dir = try TemporaryDirectory()
    try grassroots("init", "--ledger", dir.ledger)
    let setup = try grassroots("append", "--ledger", dir.ledger, "-", stdin: scenario.lines.joined(separator: "\n") + "\n")
    #expect(setup.status == 0, "setup: \(setup.stderr)", sourceLocation: sourceLocation)
    for (index, (line, expected)) in steps.enumerated() {
        let before = try grassroots("stats", "--ledger", dir.ledger, "--json").stdout
        let result = try grassroots("append", "--ledger", dir.ledger, "-", stdin: line + "\n")
        switch expected {
        case .accepted:
            #expect(result.status == 0, "step \(index + 1) should be accepted: \(result.stderr)", sourceLocation: sourceLocation)
        case .refused(let message):
            #expect(result.status == 3, "step \(index + 1) should be refused (exit 3), exited \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(message), "step \(index + 1): expected «\(message)» in «\(result.stderr)»", sourceLocation: sourceLocation)
            #expect(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout == before, "step \(index + 1): a refusal changed the ledger", sourceLocation: sourceLocation)
        }
    }
    #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0, sourceLocation: sourceLocation)
    // The projections the appends built equal a rebuild from the log (each append was its own process).
    let check = try grassroots("check", "--ledger", dir.ledger)
    #expect(check.status == 0, "projections differ from a rebuild: \(check.stdout)", sourceLocation: sourceLocation)
}

@Suite("Scenarios: Deqing 2023 (000_19bdd15b88ce0110.txt) on the statute floor")
struct DeqingScenarios {
    /// Deqing's group-leader elections need the voter list posted at least 20 days before (二(三); Art. 14).
    let deqing = Scenario(policy: "policy:deqing-2023").with([Scenario.voterList(daysBefore: 21, "2023-03-01")])

    @Test func quorumOfTwoThirdsAtTheBoundary() throws {
        try play(deqing, [
            (Scenario.person("p1"), .accepted),
            (Scenario.representative("p1"), .accepted),
            (Scenario.meeting("m19", adults: (30, 19)), .accepted),  // a meeting short of quorum is a fact worth keeping
            (Scenario.vote("v19", meeting: "m19", ballots: 19, votes: [("p1", 19)]), .accepted),
            (Scenario.install("p1", vote: "v19"),
             .refused("quorum not met: at meeting:m19, 19 of 30 adults attended; needs at least 2/3 (20); 村民委员会组织法 (2018) Art. 28, 000_19bdd15b88ce0110.txt 二(三) (policy:deqing-2023)")),
            (Scenario.meeting("m20", adults: (30, 20)), .accepted),
            (Scenario.vote("v20", meeting: "m20", ballots: 20, votes: [("p1", 11)]), .accepted),
            (Scenario.install("p1", vote: "v20"), .accepted),
        ])
    }

    @Test func householdsCanCarryTheQuorum() throws {
        try play(deqing, [
            (Scenario.person("p1"), .accepted),
            (Scenario.representative("p1"), .accepted),
            (Scenario.meeting("m", adults: (30, 15), households: (30, 20)), .accepted),
            (Scenario.vote("v", meeting: "m", ballots: 15, votes: [("p1", 8)]), .accepted),
            (Scenario.install("p1", vote: "v"), .accepted),
        ])
    }

    @Test func ageEighteenIsReachedOnTheBirthday() throws {
        try play(deqing, [
            (Scenario.person("turns18today", born: "2005-03-01"), .accepted),
            (Scenario.representative("turns18today", on: "2023-02-01"), .accepted),
            (Scenario.person("turns18tomorrow", born: "2005-03-02"), .accepted),
            (Scenario.meeting("m", adults: (30, 25)), .accepted),
            (Scenario.vote("v1", meeting: "m", ballots: 25, votes: [("turns18tomorrow", 20)]), .accepted),
            (Scenario.install("turns18tomorrow", vote: "v1"),
             .refused("candidate under age: person:turns18tomorrow, born 2005-03-02, was 17 on 2023-03-01; must be at least 18; 000_19bdd15b88ce0110.txt 二(二)")),
            (Scenario.vote("v2", meeting: "m", ballots: 25, votes: [("turns18today", 20)]), .accepted),
            (Scenario.install("turns18today", vote: "v2"), .accepted),
        ])
    }

    @Test func oneGroupOneLeader() throws {
        try play(deqing, [
            (Scenario.person("p1"), .accepted),
            (Scenario.representative("p1"), .accepted),
            (Scenario.person("p2"), .accepted),
            (Scenario.representative("p2"), .accepted),
            (Scenario.meeting("m", adults: (30, 25)), .accepted),
            (Scenario.vote("v1", meeting: "m", ballots: 25, votes: [("p1", 20)]), .accepted),
            (Scenario.install("p1", vote: "v1"), .accepted),
            (Scenario.vote("v2", meeting: "m", ballots: 25, votes: [("p2", 20)]), .accepted),
            (Scenario.install("p2", vote: "v2"),
             .refused("group already has a leader: person:p1 holds group-leader of group:a since 2023-03-01; end that office first; one group, one leader (一组一长): 000_19bdd15b88ce0110.txt 二(一)")),
            (Scenario.end("p1", on: "2023-06-30"), .accepted),
            (Scenario.install("p2", vote: "v2", on: "2023-07-01"), .accepted),
        ])
    }

    @Test func candidatesMustLiveInTheGroupAndHoldVotingRights() throws {
        try play(deqing, [
            (Scenario.person("elsewhere", group: "b"), .accepted),
            (Scenario.person("norights", rights: false), .accepted),
            (Scenario.person("moved"), .accepted),
            (#"{"type":"person.updated","effectiveDate":"2023-01-15","data":{"person":"person:moved","group":"group:b"}}"#, .accepted),
            (Scenario.meeting("m", adults: (30, 25)), .accepted),
            (Scenario.vote("v1", meeting: "m", ballots: 25, votes: [("elsewhere", 20)]), .accepted),
            (Scenario.install("elsewhere", vote: "v1"), .refused("candidate not resident in the group: on 2023-03-01 person:elsewhere lived in group:b, not group:a")),
            (Scenario.vote("v2", meeting: "m", ballots: 25, votes: [("norights", 20)]), .accepted),
            (Scenario.install("norights", vote: "v2"), .refused("candidate without voting rights: on 2023-03-01 person:norights did not hold voting rights")),
            (Scenario.vote("v3", meeting: "m", ballots: 25, votes: [("moved", 20)]), .accepted),
            (Scenario.install("moved", vote: "v3"), .refused("candidate not resident in the group: on 2023-03-01 person:moved lived in group:b")),
        ])
    }

    /// The quorum counts against the group's register on the meeting's date when the meeting reports fewer
    /// eligible adults: 9 of a reported 10 is short of 2/3 of the 30 registered; after a recorded size of 12
    /// adults it suffices.
    @Test func theQuorumCountsAgainstTheRegister() throws {
        try play(deqing.with([Scenario.person("p1"), Scenario.representative("p1"), Scenario.meeting("m", adults: (10, 9)),
                              Scenario.vote("v", meeting: "m", ballots: 9, votes: [("p1", 8)])]), [
            (Scenario.install("p1", vote: "v"),
             .refused("quorum not met: at meeting:m, 9 of 30 adults attended (the register on 2023-03-01: 30 adults; the meeting reported 10); needs at least 2/3 (20)")),
            (#"{"type":"group.size.recorded","effectiveDate":"2023-02-01","data":{"group":"group:a","households":12,"adults":12}}"#, .accepted),
            (Scenario.install("p1", vote: "v"), .accepted),
        ])
    }

    /// Deqing 二(三): a village group's leader is chosen from among the group's own villager representatives:
    /// not a representative, one of another group, or one who left before the meeting, is refused.
    @Test func theLeaderIsOneOfTheGroupsRepresentatives() throws {
        try play(deqing.with([Scenario.person("p1"), Scenario.person("p2", group: "b"), Scenario.meeting("m", adults: (30, 25)),
                              Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)])]), [
            (Scenario.install("p1", vote: "v"),
             .refused("candidate not a representative of the group: on 2023-03-01 person:p1 was not a villager representative of group:a; 000_19bdd15b88ce0110.txt 二(二), 二(三)")),
            (Scenario.representative("p1", group: "b"), .accepted),
            (Scenario.install("p1", vote: "v"),
             .refused("person:p1 was not a villager representative of group:a (registered for group:b from 2020-01-01)")),
            (Scenario.representative("p1"), .refused("already a representative: person:p1 has represented 10 households of group:b since 2020-01-01")),
            (#"{"type":"representative.ended","effectiveDate":"2023-02-01","data":{"unit":"unit:village","person":"person:p1","reason":"moved-away"}}"#, .accepted),
            (Scenario.representative("p1", on: "2023-02-15"), .accepted),                     // 14
            (Scenario.install("p1", vote: "v"), .accepted),                                        // 15
            // What the installation relied on cannot be retracted while it stands.
            (Scenario.retract(14, subject: "unit:village"),
             .refused("later events depend on it: event 14 (representative.registered) is named or cited by event 15")),
            (Scenario.retract(7, subject: "group:a"),
             .refused("later events depend on it: event 7 (notice.posted) is named or cited by event 15")),
        ])
    }
}

@Suite("Scenarios: Jiayuguan 2020 (002_133fd3ad279d9709.txt) resident groups")
struct JiayuguanScenarios {
    let jiayuguan = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident")

    @Test func quorumIsStrictlyMoreThanHalf() throws {
        try play(jiayuguan, [
            (Scenario.person("p1"), .accepted),
            (Scenario.meeting("m15", adults: (30, 15)), .accepted),
            (Scenario.vote("v15", meeting: "m15", ballots: 15, votes: [("p1", 15)]), .accepted),
            (Scenario.install("p1", vote: "v15"),
             .refused("quorum not met: at meeting:m15, 15 of 30 adults attended; needs more than 1/2 (16); 城市居民委员会组织法 (2018) Art. 9, Art. 14 (policy:statute-2018-resident)")),
            (Scenario.meeting("m16", adults: (30, 16)), .accepted),
            (Scenario.vote("v16", meeting: "m16", ballots: 16, votes: [("p1", 9)]), .accepted),
            (Scenario.install("p1", vote: "v16"), .accepted),
        ])
    }

    @Test func theWinnerNeedsMoreThanHalfOfThoseAttending() throws {
        try play(jiayuguan, [
            (Scenario.person("p1"), .accepted),
            (Scenario.person("p2"), .accepted),
            (Scenario.meeting("m", adults: (30, 16)), .accepted),
            (Scenario.vote("v8", meeting: "m", ballots: 16, votes: [("p1", 8), ("p2", 7)]), .accepted),
            (Scenario.install("p1", vote: "v8"), .refused("majority not reached: person:p1 received 8 votes of 16 attending; needs more than 1/2 (9)")),
            (Scenario.vote("v9", meeting: "m", ballots: 16, votes: [("p1", 9), ("p2", 7)]), .accepted),
            (Scenario.install("p2", vote: "v9"), .refused("majority not reached: person:p2 received 7 votes")),
            (Scenario.install("p1", vote: "v9"), .accepted),
        ])
    }

    @Test func anOfficeEndsOnceAndNotBeforeItBegan() throws {
        try play(jiayuguan, [
            (Scenario.person("p1"), .accepted),
            (Scenario.meeting("m", adults: (30, 20)), .accepted),
            (Scenario.vote("v", meeting: "m", ballots: 20, votes: [("p1", 15)]), .accepted),
            (Scenario.install("p1", vote: "v"), .accepted),
            (Scenario.end("p1", on: "2023-02-01"), .refused("office ends before it began: ending on 2023-02-01, the office began on 2023-03-01")),
            (Scenario.end("p1", on: "2024-02-01"), .accepted),
            (Scenario.end("p1", on: "2024-03-01"), .refused("office not held: person:p1 does not hold group-leader of group:a (no one does; an office cannot end twice)")),
        ])
    }
}

@Suite("Scenarios: Damao 2022, Yao'an 2019, Danyang: references and votes")
struct ReferenceScenarios {
    @Test func aVoteOfAnotherGroupCannotInstall() throws {
        try play(Scenario(policy: "policy:damao-2022"), [
            (Scenario.person("p1"), .accepted),
            (Scenario.meeting("mb", group: "b", adults: (30, 25)), .accepted),
            (Scenario.vote("vb", meeting: "mb", group: "b", ballots: 25, votes: [("p1", 20)]), .accepted),
            (Scenario.install("p1", vote: "vb"), .refused("reference to another group: data.vote vote:vb belongs to group:b, not group:a")),
            (Scenario.vote("vx", meeting: "mb", ballots: 25, votes: [("p1", 20)]), .refused("reference to another group: data.meeting meeting:mb belongs to group:b, not group:a")),
        ])
    }

    @Test func anApprovalOrAPetitionOfAnotherGroupCannotBeCited() throws {
        let scenario = Scenario(policy: "policy:yaoan-2019").with(Scenario.elected("p1") + [
            Scenario.meeting("eb", group: "b", on: "2023-05-01", adults: (30, 21)),
            #"{"type":"vote.tallied","effectiveDate":"2023-05-01","data":{"group":"group:b","vote":"vote:qb","meeting":"meeting:eb","question":"expense","ballotsCast":21,"yes":21,"no":0}}"#,
            #"{"type":"expense.approved","effectiveDate":"2023-05-01","data":{"group":"group:b","approval":"approval:b","vote":"vote:qb","amountFen":8000,"purpose":"修路"}}"#,
            DepartureScenarios.petition(signatures: 30),
        ])
        try play(scenario, [
            (#"{"type":"expense.paid","effectiveDate":"2023-05-10","data":{"group":"group:a","amountFen":5000,"payee":"施工队","approval":"approval:b"}}"#,
             .refused("reference to another group: data.approval approval:b belongs to group:b, not group:a")),
            (#"{"type":"investigation.completed","effectiveDate":"2023-08-20","data":{"group":"group:b","person":"person:p1","petition":"petition:1","substantiated":true}}"#,
             .refused("reference to another group: data.petition petition:1 belongs to group:a, not group:b")),
            (DepartureScenarios.investigated, .accepted),
        ])
    }

    @Test func unknownReferencesAreRefused() throws {
        try play(Scenario(policy: "policy:yaoan-2019"), [
            (Scenario.install("p1", vote: "nothing"), .refused("unknown reference: data.person names person:p1, which is not registered in this ledger")),
            (Scenario.person("p1"), .accepted),
            (Scenario.install("p1", vote: "nothing"), .refused("unknown reference: data.vote names vote:nothing")),
            (Scenario.person("p1"), .refused("already registered: person:p1 is already in this ledger")),
            (#"{"type":"policy.adopted","effectiveDate":"2023-01-01","data":{"unit":"unit:town","policy":"policy:atlantis"}}"#, .refused("unknown policy: no such policy")),
        ])
    }

    @Test func onlyTheWinnerOfAnElectionIsInstalled() throws {
        try play(Scenario(policy: "policy:danyang"), [
            (Scenario.person("p1"), .accepted),
            (Scenario.person("p2"), .accepted),
            (Scenario.person("p3"), .accepted),
            (Scenario.meeting("m", adults: (30, 25)), .accepted),
            (Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 13), ("p2", 14)]), .accepted),
            (Scenario.install("p3", vote: "v"), .refused("not a candidate: person:p3 received no votes in vote:v")),
            (Scenario.install("p1", vote: "v"), .refused("not the winner: person:p2 received 14 votes to person:p1's 13")),
            (Scenario.vote("over", meeting: "m", ballots: 26, votes: [("p1", 26)]), .refused("more ballots than people: 26 ballots cast at meeting:m, which 25 adults attended")),
            (Scenario.install("p2", vote: "v"), .accepted),
        ])
    }
}
