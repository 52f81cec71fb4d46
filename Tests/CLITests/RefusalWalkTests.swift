import Foundation
import Messages
import Testing
import TestSupport

/// Every refusal the rules can make, walked: each rule name the governance layer can refuse with is either
/// exercised by a test here or elsewhere in the suite (its name appears in an expectation), or listed below as
/// unreachable from valid input with the reason.
@Suite("Refusals: every path walked")
struct RefusalWalkTests {
    /// Refusals no well-formed append can reach: they guard damaged tables, limits far beyond real ledgers,
    /// or what the schema validation refuses first.
    static let unreachable: [String: String] = [
        "damaged state": "a table that cannot be read (`grassroots check` finds it); tested by the codec tests' damaged records",
        "undecodable event": "an event that passed its schema but does not decode: a catalog defect",
        "unchecked reference": "an id kind added to Rules.trackedPrefixes without an owner read",
        "too many adoptions": "more than Rules.adoptionsPerUnitMax (10,000) adoptions by one unit",
        "account too large": "a money account over MoneyAccount.bytesMax (hundreds of years of accruals in dozens of posts)",
        "amount out of range": "sums beyond Int64 fen",
        "bad period": "a period that is not YYYY-MM: the schema refuses it first",
        "no meeting rule": "every statute floor sets a meeting section",
        "asset leased or disposed without the approval the policy requires": "the name for an asset act other than a lease or disposal, which is never refused",
        "asset leased or disposed before its vote": "the name for an asset act other than a lease or disposal, which is never refused",
        "asset leased or disposed without prior notice": "the name for an asset act other than a lease or disposal, which is never refused",
    ]

    @Test func everyRefusalIsWalkedOrExplained() throws {
        let sources = repositoryRoot + "/Sources/Governance"
        let tests = repositoryRoot + "/Tests"
        func texts(_ root: String) throws -> String {
            guard let files = FileManager.default.enumerator(atPath: root) else { return "" }
            var all = ""
            for case let file as String in files where file.hasSuffix(".swift") {
                all += try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            }
            return all
        }
        let source = try texts(sources)
        let testText = try texts(tests).replacingOccurrences(of: "static let unreachable", with: "")
        // The rules are the catalog's (`Msg.rules.name`); each is named by the governance layer's code.
        var rules: Set<String> = []
        for child in Mirror(reflecting: Msg.rules.name).children {
            let label = child.label ?? "?"
            #expect(source.contains("Msg.rules.name.\(label)"), "Msg.rules.name.\(label) is in the catalog but no refusal names it")
            if let message = child.value as? Message {
                rules.insert(message.en)
            } else if let table = child.value as? [String: Message] {
                rules.formUnion(table.values.map(\.en))
            } else {
                Issue.record("Msg.rules.name.\(label) is neither a message nor a table of them")
            }
        }
        #expect(rules.count > 80)
        let unwalked = rules.filter { rule in Self.unreachable[rule] == nil && !testText.contains(rule) }.sorted()
        #expect(unwalked.isEmpty, "refusals no test walks: \(unwalked)")
    }

    @Test func votesAndInstallations() throws {
        try play(Scenario(policy: "policy:yaoan-2019").with([Scenario.person("p1"), Scenario.person("p2"), Scenario.meeting("m", adults: (30, 25)),
                                                             Scenario.meeting("q", on: "2023-03-01", adults: (30, 25))]), [
            (Scenario.vote("early", meeting: "m", on: "2023-02-28", ballots: 20, votes: [("p1", 15)]),
             .refused("vote before its meeting: tallied on 2023-02-28, the meeting meeting:m is dated 2023-03-01")),
            (Scenario.vote("over", meeting: "m", ballots: 20, votes: [("p1", 21)]), .refused("more votes than ballots: person:p1 has 21 votes from 20 ballots")),
            (#"{"type":"vote.tallied","effectiveDate":"2023-03-01","data":{"group":"group:a","vote":"vote:x","meeting":"meeting:q","question":"expense","ballotsCast":20,"yes":15,"no":5}}"#, .accepted),
            (Scenario.install("p1", vote: "x"), .refused("not an election: vote:x decided a expense question, not an election")),
            (Scenario.vote("v", meeting: "m", ballots: 20, votes: [("p1", 15)]), .accepted),
            (Scenario.install("p1", vote: "v", on: "2023-02-27"), .refused("installed before the vote: installed on 2023-02-27, the meeting was on 2023-03-01")),
            (Scenario.install("p1", vote: "v"), .accepted),
            (#"{"type":"committee.ended","effectiveDate":"2023-05-01","data":{"unit":"unit:village","person":"person:p1","post":"committee-member","reason":"resigned"}}"#,
             .refused("post not held: person:p1 does not hold committee-member of unit:village")),
            (#"{"type":"representative.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:village","person":"person:p2","group":"group:other","households":10}}"#,
             .refused("unknown reference")),
            (#"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:village2","name":"二村","level":"village","parent":"unit:town"}}"#, .accepted),
            (#"{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:c","unit":"unit:village2","name":"c","kind":"village","households":30,"adults":30}}"#, .accepted),
            (#"{"type":"representative.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:village","person":"person:p2","group":"group:c","households":10}}"#,
             .refused("group of another unit: group:c belongs to unit:village2, not unit:village")),
        ])
    }

    /// A resident group's leader is chosen under the residents' committee law, and its refusals cite it.
    @Test func aResidentGroupCitesTheResidentsLaw() throws {
        try play(Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with([Scenario.person("p1"), Scenario.person("p2"),
                                                                                       Scenario.meeting("m", adults: (30, 25))]), [
            (Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 13), ("p2", 13)]), .accepted),
            (Scenario.install("p2", vote: "v"),
             .refused("not the winner: person:p1 received 13 votes to person:p2's 13; 城市居民委员会组织法 (2018) Art. 14 (the one the group chose)")),
        ])
    }

    @Test func recallsAndPayments() throws {
        let deqing = Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true) + [Scenario.person("p2")])
        try play(deqing, [
            (#"{"type":"recall.petitioned","effectiveDate":"2023-08-01","data":{"group":"group:a","person":"person:p1","petition":"petition:1","signatures":10,"eligibleVoters":30,"reasons":"失职"}}"#, .accepted),
            (#"{"type":"recall.voted","effectiveDate":"2023-09-01","data":{"group":"group:a","person":"person:p2","petition":"petition:1","meeting":"meeting:m-p1-a","eligibleVoters":30,"ballotsCast":25,"approve":20}}"#,
             .refused("petition about someone else: petition:1 concerns person:p1, not person:p2")),
            (#"{"type":"investigation.completed","effectiveDate":"2023-08-20","data":{"group":"group:a","person":"person:p1","petition":"petition:1","substantiated":false}}"#, .accepted),
            (#"{"type":"recall.voted","effectiveDate":"2023-09-01","data":{"group":"group:a","person":"person:p1","petition":"petition:1","meeting":"meeting:m-p1-a","eligibleVoters":30,"ballotsCast":25,"approve":20}}"#,
             .refused("recall vote on unsubstantiated grounds: the investigation of petition:1 did not find its grounds true")),
            (#"{"type":"payment.reversed","effectiveDate":"2023-09-01","data":{"person":"person:p1","payment":"payment:none","reason":"x"}}"#,
             .refused("unknown reference")),
            // Setup: 6 + 6 + 1 = 13 events; the petition is 14, the investigation 15.
            (Scenario.vote("vm", meeting: "m-p1-a", ballots: 25, votes: [("p2", 20)]), .accepted),                     // 16
            (Scenario.install("p2", vote: "vm", post: "group-member"), .accepted),                                    // 17
            (Scenario.accrue("p2", period: "2023-12", fen: 60000, post: "group-member", policy: "policy:deqing-2023"),
             .refused("no rate for the post: policy policy:deqing-2023 sets no subsidy for group-member")),
            (Scenario.grade("p1", "不称职"), .accepted),                                                              // 18
            (#"{"type":"deduction.applied","effectiveDate":"2024-01-20","data":{"person":"person:p1","group":"group:a","year":2023,"amountFen":100,"cites":18,"reason":"不称职"}}"#,
             .refused("no deduction rule: none of the policies in force")),
            (Scenario.accrue("p1", period: "2023-12", fen: 60000, policy: "policy:deqing-2023"), .accepted),
            (#"{"type":"payment.made","effectiveDate":"2024-01-25","data":{"person":"person:p1","payment":"payment:1","amountFen":1000,"period":"2023-12"}}"#, .accepted),
            (#"{"type":"payment.reversed","effectiveDate":"2024-01-26","data":{"person":"person:p2","payment":"payment:1","reason":"x"}}"#,
             .refused("unknown payment: payment:1 was not paid to person:p2")),
        ])
        // The statute floor alone pays nothing, and the resident floor sets no recall or grade rule.
        try play(Scenario(policy: "policy:yaoan-2019").with(Scenario.elected("p1")), [
            (Scenario.accrue("p1", period: "2023-04", fen: 100, policy: "policy:yaoan-2019"), .refused("no pay rule: none of the policies in force for group:a")),
        ])
        let resident = Scenario(policy: "policy:statute-2018-resident", groupKind: "resident").with(Scenario.elected("p1"))
        try play(resident, [
            (Scenario.grade("p1", "称职"), .refused("no grade rule: none of the policies in force")),
            (#"{"type":"recall.petitioned","effectiveDate":"2023-08-01","data":{"group":"group:a","person":"person:p1","petition":"petition:1","signatures":10,"eligibleVoters":30,"reasons":"失职"}}"#, .accepted),
            (#"{"type":"recall.voted","effectiveDate":"2023-09-01","data":{"group":"group:a","person":"person:p1","petition":"petition:1","meeting":"meeting:m-p1-a","eligibleVoters":30,"ballotsCast":25,"approve":20}}"#,
             .refused("no recall rule: none of the policies in force")),
        ])
    }

    @Test func assetsCorrectionsAndQueries() throws {
        let vote = #"{"type":"vote.tallied","effectiveDate":"2023-05-15","data":{"group":"group:a","vote":"vote:asset","meeting":"meeting:q","question":"asset","ballotsCast":21,"yes":15,"no":6}}"#
        func transfer(_ action: String) -> String {
            #"{"type":"asset.transferred","schemaVersion":2,"effectiveDate":"2023-05-20","data":{"group":"group:a","asset":"asset:shed","action":"\#(action)","vote":"vote:asset"}}"#
        }
        try play(Scenario(policy: "policy:deqing-2023").with([Scenario.person("p2"), DepartureScenarios.asset("shed", custodian: "p2"),
                                                             Scenario.meeting("q", on: "2023-05-15", adults: (30, 21)), vote]), [
            (transfer("returned"), .refused("asset not leased: asset:shed is held, so it cannot be returned")),
            (transfer("leased"), .accepted),
            (transfer("disposed"), .refused("asset not held: asset:shed is already leased")),
            (#"{"type":"fund.received","effectiveDate":"2023-06-01","data":{"group":"group:a","amountFen":5000,"source":"租金"}}"#, .accepted),  // 12
            (Scenario.correct(12, subject: "group:a", replacement: #"{"group":"group:b","amountFen":5000,"source":"租金"}"#),
             .refused("a correction cannot move an event: the replacement names group:b; event 12 belongs to group:a")),
        ])
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: Scenario(policy: "policy:yaoan-2019").with([Scenario.person("p1")]).lines.joined(separator: "\n") + "\n").status == 0)
        let group = try grassroots("roster", "--ledger", dir.ledger, "--group", "group:none")
        #expect(group.status == 2 && group.stderr.contains("unknown group: group:none is not registered"), "\(group.stderr)")
        let person = try grassroots("person", "--ledger", dir.ledger, "person:none")
        #expect(person.status == 2 && person.stderr.contains("unknown person: person:none is not registered"), "\(person.stderr)")
        let audit = try grassroots("audit", "departure", "--ledger", dir.ledger, "--person", "person:p1", "--group", "group:a")
        #expect(audit.status == 2 && audit.stderr.contains("no tenure: person:p1 never held a post in group:a"), "\(audit.stderr)")
    }
}
