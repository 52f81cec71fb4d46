import Foundation
import Testing
import TestSupport

extension Scenario {
    static func retract(_ seq: Int, subject: String, reason: String = "录入错误") -> String {
        #"{"type":"event.retracted","effectiveDate":"2023-12-01","data":{"retracts":\#(seq),"subject":"\#(subject)","reason":"\#(reason)"}}"#
    }

    static func correct(_ seq: Int, subject: String, replacement: String) -> String {
        #"{"type":"event.corrected","effectiveDate":"2023-12-01","data":{"corrects":\#(seq),"subject":"\#(subject)","reason":"金额录错","replacement":\#(replacement)}}"#
    }
}

/// Seq numbers: the scenario's setup is 6 events (3 units, an adoption, 2 groups); steps follow from 7.
@Suite("Scenarios: corrections and retractions (Schemas/CORRECTIONS.md)")
struct CorrectionScenarios {
    static let receipt = #"{"type":"fund.received","effectiveDate":"2023-04-01","data":{"group":"group:a","amountFen":5000,"source":"租金"}}"#

    @Test func aMeetingWithAVoteCitingItIsRetractedOnlyAfterTheVote() throws {
        try play(Scenario(policy: "policy:yaoan-2019"), [
            (Scenario.person("p1"), .accepted),                                                  // 7
            (Scenario.meeting("m", adults: (30, 25)), .accepted),                                // 8
            (Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)]), .accepted),     // 9
            (Scenario.retract(8, subject: "group:a"),
             .refused("later events depend on it: event 8 (meeting.held) is named or cited by event 9; retract or correct those first, latest first")),
            (Scenario.retract(9, subject: "group:b"), .refused("wrong subject: event 9 belongs to group:a, not group:b")),
            (Scenario.retract(9, subject: "group:a"), .accepted),                                // 10
            (Scenario.retract(9, subject: "group:a"), .refused("already retracted: event 9 was retracted by event 10")),
            (Scenario.retract(10, subject: "group:a"), .refused("event 10 is itself a event.retracted; correct or retract the original event instead")),
            (Scenario.retract(8, subject: "group:a"), .accepted),                                // 11
            // The retracted vote and meeting no longer exist for the rules; their ids are free again.
            (Scenario.install("p1", vote: "v"), .refused("unknown reference: data.vote names vote:v")),
            (Scenario.meeting("m", adults: (30, 26)), .accepted),
            (Scenario.retract(99, subject: "group:a"), .refused("nothing to retract: there is no event 99 before this one")),
        ])
    }

    @Test func aPersonIsRetractedOnlyAfterTheEventsThatNameThem() throws {
        // The vote names p1 among its candidates, one of its subjects: the log's subject index finds it.
        try play(Scenario(policy: "policy:yaoan-2019"), [
            (Scenario.person("p1"), .accepted),                                                  // 7
            (Scenario.meeting("m", adults: (30, 25)), .accepted),                                // 8
            (Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)]), .accepted),     // 9
            (Scenario.retract(7, subject: "person:p1"),
             .refused("later events depend on it: event 7 (person.registered) is named or cited by event 9; retract or correct those first, latest first")),
            (Scenario.retract(9, subject: "group:a"), .accepted),                                // 10
            (Scenario.retract(7, subject: "person:p1"), .accepted),                              // 11
        ])
    }

    @Test func aCorrectedDependentWhoseReplacementStillNamesThePersonStillBlocks() throws {
        // Event 9 is corrected by 10, whose replacement still names p1: 9 no longer counts, 10 does
        // (its reference is kept as a dependency edge, since the correction's subjects are its own).
        let replacement = #"{"group":"group:a","vote":"vote:v","meeting":"meeting:m","question":"election","ballotsCast":25,"candidates":[{"person":"person:p1","votes":21}]}"#
        try play(Scenario(policy: "policy:yaoan-2019"), [
            (Scenario.person("p1"), .accepted),                                                  // 7
            (Scenario.meeting("m", adults: (30, 25)), .accepted),                                // 8
            (Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)]), .accepted),     // 9
            (Scenario.correct(9, subject: "group:a", replacement: replacement), .accepted),      // 10
            (Scenario.retract(7, subject: "person:p1"),
             .refused("later events depend on it: event 7 (person.registered) is named or cited by event 10; retract or correct those first, latest first")),
            (Scenario.retract(9, subject: "group:a"), .refused("already corrected: event 9 was corrected by event 10")),
        ])
    }

    @Test func aDependentInTheSameBatchBlocksARetraction() throws {
        // The retraction's dependents are found among the batch's own events too, whose subject index
        // entries are written only when the batch ends.
        let scenario = Scenario(policy: "policy:yaoan-2019")
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: scenario.lines.joined(separator: "\n") + "\n").status == 0)
        let before = try grassroots("stats", "--ledger", dir.ledger, "--json").stdout
        let batch = [Scenario.person("p1"), Scenario.meeting("m", adults: (30, 25)),
                     Scenario.vote("v", meeting: "m", ballots: 25, votes: [("p1", 20)]), Scenario.retract(7, subject: "person:p1")]
        let refused = try grassroots("append", "--ledger", dir.ledger, "-", stdin: batch.joined(separator: "\n") + "\n")
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr.contains("line 4: refused: later events depend on it: event 7 (person.registered) is named or cited by event 9"), "\(refused.stderr)")
        #expect(try grassroots("stats", "--ledger", dir.ledger, "--json").stdout == before)
    }

    @Test func aWrongAccrualIsCorrectedAndTheBalanceFollows() throws {
        let scenario = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with(Scenario.elected("p1", on: "2022-03-01"))
        // setup: 6 + 4 (elected) = 10 events; the accrual is 11.
        try play(scenario, [
            (Scenario.accrue("p1", period: "2022-04", fen: 30000, policy: "policy:jiayuguan-2020"), .accepted),  // 11
            (Scenario.correct(11, subject: "person:p1", replacement: #"{"person":"person:p1","group":"group:a","post":"group-leader","period":"2022-04","amountFen":31000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020"}"#),
             .refused("the replacement breaks a rule: subsidy differs from the policy: 310.00 yuan accrued for 2022-04; the policy computes 300.00 yuan")),
            (Scenario.correct(11, subject: "person:p1", replacement: #"{"person":"person:p1","group":"group:a","post":"group-leader","period":"2022-04","amountFen":30000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020","extra":1}"#),
             .refused("replacement does not fit the event's type: subsidy.accrued: data.replacement.extra: unknown field")),
            (Scenario.correct(11, subject: "person:p1", replacement: #"{"person":"person:p1","group":"group:a","post":"group-leader","period":"2022-05","amountFen":30000,"fundingSource":"county-finance","policy":"policy:jiayuguan-2020"}"#),
             .accepted),                                                                                          // 12: April's accrual was meant for May
            (Scenario.accrue("p1", period: "2022-04", fen: 30000, policy: "policy:jiayuguan-2020"), .accepted),  // 13: April is free again
            (Scenario.accrue("p1", period: "2022-05", fen: 30000, policy: "policy:jiayuguan-2020"), .refused("already accrued")),
            (#"{"type":"payment.made","effectiveDate":"2022-06-05","data":{"person":"person:p1","payment":"payment:1","amountFen":60001,"period":"2022-05"}}"#,
             .refused("who is owed 600.00 yuan")),
            (#"{"type":"payment.made","effectiveDate":"2022-06-05","data":{"person":"person:p1","payment":"payment:1","amountFen":60000,"period":"2022-05"}}"#, .accepted),  // 14
            (Scenario.retract(13, subject: "person:p1"),
             .refused("would leave a payment without its basis: after this retraction, person:p1 would have been paid 300.00 yuan more than is owed")),
            // Money events are independent lines of the person's account: the payment names no accrual, so it can be
            // retracted on its own, and then the accrual.
            (Scenario.retract(14, subject: "person:p1"), .accepted),
            (Scenario.retract(13, subject: "person:p1"), .accepted),
        ])
    }

    @Test func anEarlierAccrualIsRetractedAfterLaterOnes() throws {
        // Every money event updates the person's account (gov.lines, `person 0x01`); the account is recomputed
        // from the remaining lines on a retraction, so a later accrual does not block retracting an earlier one.
        let scenario = Scenario(policy: "policy:jiayuguan-2020", groupKind: "resident").with(Scenario.elected("p1", on: "2022-03-01"))
        let accrue = { (period: String) in Scenario.accrue("p1", period: period, fen: 30000, policy: "policy:jiayuguan-2020") }
        try play(scenario, [
            (accrue("2022-04"), .accepted),                                                       // 11
            (accrue("2022-05"), .accepted),                                                       // 12
            (accrue("2022-06"), .accepted),                                                       // 13
            (Scenario.retract(11, subject: "person:p1"), .accepted),                              // 14
            (#"{"type":"payment.made","effectiveDate":"2022-07-05","data":{"person":"person:p1","payment":"payment:1","amountFen":60001,"period":"2022-06"}}"#,
             .refused("who is owed 600.00 yuan (accrued 600.00 yuan + bonuses 0.00 yuan − deductions 0.00 yuan − paid 0.00 yuan)")),
            (accrue("2022-05"), .refused("already accrued")),
            (accrue("2022-04"), .accepted),                                                       // 15: April is free again
            (#"{"type":"payment.made","effectiveDate":"2022-07-05","data":{"person":"person:p1","payment":"payment:1","amountFen":90000,"period":"2022-06"}}"#, .accepted),
        ])
    }

    @Test func officesFollowTheirHistory() throws {
        // setup: 6 + 6 = 12 (the voter list, the person, the representative, meeting, vote, installation); installation is 12.
        try play(Scenario(policy: "policy:deqing-2023").with(Scenario.elected("p1", deqing: true)), [
            (Scenario.end("p1", on: "2023-06-30"), .accepted),                                   // 13
            (Scenario.retract(12, subject: "group:a"),
             .refused("later events changed the same state: event 12's entry in gov.")),
            (Scenario.retract(13, subject: "group:a"), .accepted),                               // 14: the ending was entered in error
            (Scenario.end("p1", on: "2023-07-31"), .accepted),                                   // p1 holds office again until then
            (CorrectionScenarios.receipt, .accepted),
        ])
    }
}
