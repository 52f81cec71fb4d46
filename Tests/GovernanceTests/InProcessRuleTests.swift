import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance

/// A temporary ledger with the governance hook, appended to in process with typed acts: rule tests run here
/// without the binary (the CLI suites run the same rules through `grassroots`).
final class RuleLedger {
    let directory: TemporaryDirectory
    let ledger: Ledger

    init() throws {
        directory = try TemporaryDirectory()
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.clock = .fixed(Timestamp(iso: "2026-01-31T08:00:00.000000Z") ?? Timestamp.now())
        ledger = try Ledger.create(at: directory.ledger, options: options, ledgerID: "rules")
    }

    /// Appends one act on `date` (YYYY-MM-DD), atomically.
    @discardableResult
    func record(_ act: some GovernanceEvent, on date: String) throws -> UInt64 {
        let day = try #require(LocalDate(iso: date))
        return try ledger.append([act.draft(on: day, actor: "clerk:test")]).headSeq
    }

    /// The rule that refuses `act` on `date`, or nil when it is accepted (and then recorded).
    func refusal(_ act: some GovernanceEvent, on date: String) throws -> RuleViolation? {
        do {
            try record(act, on: date)
            return nil
        } catch EventLogError.rejected(_, _, let reason) {
            return try #require(reason as? RuleViolation)
        }
    }

    /// A village group of the Deqing-like county on the statute floor (Art. 28: 2/3 of adults, or of
    /// households), with one registered person, aged 40.
    func villageGroup(adults: Int64 = 30, households: Int64 = 12) throws {
        try record(UnitRegistered(unit: "unit:v", name: "五四村", level: .village), on: "2023-01-01")
        try record(GroupRegistered(group: "group:g", unit: "unit:v", name: "第一村民小组", kind: .village, households: households, adults: adults),
                   on: "2023-01-01")
        try record(PersonRegistered(person: "person:p", birthDate: try #require(LocalDate(iso: "1983-05-01")), sex: .female, group: "group:g",
                                    votingRights: true), on: "2023-01-01")
    }

    /// A meeting attended by `attending` of the group's adults, and an election `person` won with `votes`.
    func election(attending: Int64, votes: Int64, eligible: Int64 = 30) throws {
        try record(MeetingHeld(group: "group:g", meeting: "meeting:m", purpose: "选举小组长", eligibleAdults: eligible, attendingAdults: attending),
                   on: "2023-02-18")
        try record(VoteTallied(group: "group:g", vote: "vote:v", meeting: "meeting:m", question: .election, ballotsCast: attending,
                               candidates: [.init(person: "person:p", votes: votes)]), on: "2023-02-18")
    }
}

@Suite("Rules in process: typed acts against a temporary ledger")
struct InProcessRuleTests {
    static let install = LeaderInstalled(group: "group:g", person: "person:p", post: .groupLeader, vote: "vote:v")

    @Test func quorumOfTwoThirdsOfAdultsOnBothSidesOfTheBound() throws {
        // 30 adults: 2/3 is 20. 19 attending misses it; 20 meets it (以上 includes the bound).
        let below = try RuleLedger()
        try below.villageGroup()
        try below.election(attending: 19, votes: 19)
        let refused = try #require(try below.refusal(Self.install, on: "2023-02-19"))
        #expect(refused.rule == "quorum not met")
        #expect(refused.detail.contains("19 of 30 adults attended") && refused.detail.contains("(20)"))
        #expect(refused.source.contains("Art. 28"))

        let at = try RuleLedger()
        try at.villageGroup()
        try at.election(attending: 20, votes: 11)
        #expect(try at.refusal(Self.install, on: "2023-02-19") == nil)
        #expect(try at.ledger.checkProjections().isConsistent)
    }

    @Test func majorityOfThoseAttendingIsStrictlyMoreThanHalf() throws {
        // 20 attending: more than half is 11; 10 votes is exactly half and is refused (过半数).
        let half = try RuleLedger()
        try half.villageGroup()
        try half.election(attending: 20, votes: 10)
        #expect(try half.refusal(Self.install, on: "2023-02-19")?.rule == "majority not reached")

        let more = try RuleLedger()
        try more.villageGroup()
        try more.election(attending: 20, votes: 11)
        #expect(try more.refusal(Self.install, on: "2023-02-19") == nil)
    }

    @Test func aRefusedActLeavesTheLedgerAsItWas() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 19, votes: 19)
        let head = try rules.ledger.head()
        #expect(try rules.refusal(Self.install, on: "2023-02-19") != nil)
        #expect(try rules.ledger.head() == head)
        let roster = try rules.ledger.query(RosterQuery(unit: nil, group: "group:g", asOf: nil))
        #expect(roster.allSatisfy { $0.person == nil })
    }

    @Test func anOfficeEndsOnceAndOnlyForAReasonTheRecordSupports() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 25, votes: 20)
        try rules.record(Self.install, on: "2023-02-19")
        // Recalled without a recall vote: refused, citing Art. 16.
        let recalled = OfficeEnded(group: "group:g", person: "person:p", post: .groupLeader, reason: .recalled)
        #expect(try rules.refusal(recalled, on: "2024-01-10")?.rule == "recalled without a recall vote")
        // Two unfit years without the grades: refused.
        let unfit = OfficeEnded(group: "group:g", person: "person:p", post: .groupLeader, reason: .unfitTwoYears)
        #expect(try rules.refusal(unfit, on: "2024-01-10")?.rule == "not two consecutive 不称职 years")
        // Before it began: refused; on a later date it ends, and then cannot end again.
        let resigned = OfficeEnded(group: "group:g", person: "person:p", post: .groupLeader, reason: .resigned)
        #expect(try rules.refusal(resigned, on: "2023-02-01")?.rule == "office ends before it began")
        #expect(try rules.refusal(resigned, on: "2024-01-10") == nil)
        #expect(try rules.refusal(resigned, on: "2024-01-11")?.rule == "office not held")
        #expect(try rules.ledger.checkProjections().isConsistent)
    }

    @Test func aCorrectedInstallationIsCheckedAgainstTheStateItsUndoLeaves() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()
        try rules.election(attending: 25, votes: 20)
        let installed = try rules.record(Self.install, on: "2023-02-19")
        // The replacement names a post the vote did not decide on the strength of another vote: refused
        // because vote:none is not registered; the original stays in office.
        var other = Self.install
        other.vote = "vote:none"
        let correction = EventCorrected(corrects: installed, subject: "group:g", reason: "录入错误", replacement: other.payload)
        let refused = try #require(try rules.refusal(correction, on: "2023-02-20"))
        #expect(refused.rule == "the replacement breaks a rule" && refused.detail.contains("vote:none"))
        // A member's post instead of the leader's: accepted, and a rebuild agrees.
        var member = Self.install
        member.post = .groupMember
        #expect(try rules.refusal(EventCorrected(corrects: installed, subject: "group:g", reason: "职务录入错误", replacement: member.payload),
                                  on: "2023-02-20") == nil)
        let roster = try rules.ledger.query(RosterQuery(unit: nil, group: "group:g", asOf: nil))
        #expect(roster.contains { $0.post == Post.groupMember.rawValue && $0.person == "person:p" })
        #expect(try rules.ledger.checkProjections().isConsistent)
    }

    @Test func everyActDecodesOnceIntoItsCaseAndBack() throws {
        let act = Self.install.act
        guard case .leaderInstalled(let decoded) = try #require(try GovernanceAct.decode(type: "leader.installed", schemaVersion: 1, payload: Self.install.payload)) else {
            Issue.record("leader.installed decoded as another act")
            return
        }
        #expect(decoded == Self.install && act.spec.type == "leader.installed")
        #expect(try GovernanceAct.decode(type: "no.such.type", schemaVersion: 1, payload: JSONObject()) == nil)
        // A missing required field is an error naming it, never a default.
        var payload = Self.install.payload
        payload.remove("person")
        #expect(throws: PayloadError(path: "data.person", reason: "missing (required)")) {
            _ = try LeaderInstalled(decoding: payload)
        }
        // A value outside a closed vocabulary is refused by the enum.
        payload = Self.install.payload
        payload.set("post", "village-head")
        #expect(throws: PayloadError.self) { _ = try LeaderInstalled(decoding: payload) }
    }

    @Test func aPersonIsUpdatedFromTheirRegistrationOnNotBefore() throws {
        let rules = try RuleLedger()
        try rules.villageGroup()  // person:p registered on 2023-01-01
        let update = PersonUpdated(person: "person:p", votingRights: false)
        let early = try rules.refusal(update, on: "2022-12-31")
        #expect(early?.rule == "update before registration")
        #expect(early?.detail == "person:p was not yet registered on 2022-12-31; record the change on or after the registration's date")
        #expect(try rules.refusal(update, on: "2023-01-01") == nil)
        let rights = try rules.ledger.readTables { tables, _ in try tables.residence(of: "person:p", on: try #require(LocalDate(iso: "2023-06-01"))) }
        #expect(rights == Residence(group: "group:g", votingRights: false))
    }
}
