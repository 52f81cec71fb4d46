import CanonicalJSON
import EventLog
import Testing
import TestSupport
@testable import Governance

/// The versions that seal free text about a person (Schemas/PERSONAL.md) obey the rules of the versions
/// before them, and the log takes none of them with a value where a commitment belongs.
@Suite("Sealed versions of free text: the same rules, commitments required")
struct SealedVersionRuleTests {
    /// A group whose leader is person:p (installed 2023-02-18).
    func holder() throws -> RuleLedger {
        let ledger = try RuleLedger()
        try ledger.villageGroup()
        try ledger.election(attending: 25, votes: 20)
        try ledger.record(InProcessRuleTests.install, on: "2023-02-18")
        return ledger
    }

    /// Both refusals, rule and detail, must be the same and not nil.
    func expectSame(_ old: RuleViolation?, _ new: RuleViolation?, _ what: String) {
        #expect(old != nil, "\(what): the earlier version is accepted")
        #expect(old?.rule == new?.rule && old?.detail == new?.detail, "\(what): \(String(describing: old)) vs \(String(describing: new))")
    }

    @Test func theSealedVersionsAreRefusedAsTheirPredecessorsAre() throws {
        let ledger = try holder()
        expectSame(try ledger.refusal(RecallPetitionedV2(group: "group:g", person: "person:p", petition: "petition:x", signatures: 40,
                                                         eligibleVoters: 30, reasons: "理由"), on: "2023-03-01"),
                   try ledger.refusal(RecallPetitionedV3(group: "group:g", person: "person:p", petition: "petition:x", signatures: 40,
                                                         eligibleVoters: 30, reasons: "理由"), on: "2023-03-01"), "more signatures than voters")
        try ledger.record(PersonRegistered(person: "person:q", birthDate: try #require(LocalDate(iso: "1980-01-01")), sex: .male, group: "group:g",
                                           votingRights: true), on: "2023-01-01")
        expectSame(try ledger.refusal(RecallPetitionedV2(group: "group:g", person: "person:q", petition: "petition:y", signatures: 10,
                                                         eligibleVoters: 30, reasons: "理由"), on: "2023-03-01"),
                   try ledger.refusal(RecallPetitionedV3(group: "group:g", person: "person:q", petition: "petition:y", signatures: 10,
                                                         eligibleVoters: 30, reasons: "理由"), on: "2023-03-01"), "petition against a non-holder")
        expectSame(try ledger.refusal(InvestigationCompleted(group: "group:g", person: "person:p", petition: "petition:none", substantiated: true,
                                                             findings: "属实"), on: "2023-03-10"),
                   try ledger.refusal(InvestigationCompletedV2(group: "group:g", person: "person:p", petition: "petition:none", substantiated: true,
                                                               findings: "属实"), on: "2023-03-10"), "investigation of no petition")
        expectSame(try ledger.refusal(ExpensePaid(group: "group:g", approval: "approval:none", amountFen: 100, payee: "甲"), on: "2023-03-10"),
                   try ledger.refusal(ExpensePaidV2(group: "group:g", approval: "approval:none", amountFen: 100, payee: "甲"), on: "2023-03-10"),
                   "expense citing no approval")
        expectSame(try ledger.refusal(AssetTransferredV2(group: "group:g", asset: "asset:none", action: .leased, counterparty: "乙"), on: "2023-03-10"),
                   try ledger.refusal(AssetTransferredV3(group: "group:g", asset: "asset:none", action: .leased, counterparty: "乙"), on: "2023-03-10"),
                   "lease of no asset")
        // The payee's person must be registered.
        let unknown = try ledger.refusal(ExpensePaidV2(group: "group:g", amountFen: 100, payee: "丙", payeePerson: "person:nobody"), on: "2023-03-10")
        #expect(unknown?.rule == "unknown reference", "\(String(describing: unknown))")
        // Accepted alike, and the petition is then investigated in the new version.
        #expect(try ledger.refusal(RecallPetitionedV3(group: "group:g", person: "person:p", petition: "petition:z", signatures: 10,
                                                      eligibleVoters: 30, reasons: "理由"), on: "2023-03-01") == nil)
        #expect(try ledger.refusal(InvestigationCompletedV2(group: "group:g", person: "person:p", petition: "petition:z", substantiated: true,
                                                            findings: "属实"), on: "2023-03-10") == nil)
    }

    @Test func aValueWhereACommitmentBelongsIsRefusedAndLeavesTheHead() throws {
        let ledger = try holder()
        let acts: [any GovernanceEvent] = [
            CandidateReviewedV2(group: "group:g", election: "election:e", person: "person:p", outcome: .rejected, reason: "不符合条件"),
            ResignationSubmittedV2(group: "group:g", person: "person:p", reason: "外出务工"),
            DisciplineImposedV2(person: "person:p", group: "group:g", kind: .warning, reason: "违规", imposedBy: "unit:v"),
            ExpensePaidV2(group: "group:g", amountFen: 100, payee: "施工队", payeePerson: "person:p"),
        ]
        let day = try #require(LocalDate(iso: "2023-03-10"))
        let head = try ledger.ledger.head()
        for act in acts {
            var draft = try act.draft(on: day, actor: "clerk:test")
            #expect(!draft.sealedFields.isEmpty, "\(type(of: act)) seals its text")
            draft.sealedFields = []  // a program going around the sealing
            do {
                _ = try ledger.ledger.append([draft])
                Issue.record("\(type(of: act)) was appended with its text in the chain")
            } catch EventLogError.rejected(_, _, let reason) {
                #expect("\(reason)".contains("salted commitment"), "\(reason)")
            }
            #expect(try ledger.ledger.head() == head)
        }
    }

    @Test func aCorrectionMustSealItsReplacementAndNameItsOwner() throws {
        let ledger = try holder()
        let seq = try ledger.record(DisciplineImposedV2(person: "person:p", group: "group:g", kind: .warning, reason: "违规", imposedBy: "unit:v"), on: "2023-03-10")
        let target = try #require(try ledger.ledger.event(seq: seq))
        let replacement: JSONObject = ["person": "person:p", "group": "group:g", "kind": "warning", "reason": "更正后的事由", "imposedBy": "unit:v"]
        let day = try #require(LocalDate(iso: "2023-03-11"))
        let plain = try EventCorrected(corrects: seq, subject: "person:p", reason: "录错", replacement: replacement).draft(on: day, actor: "clerk:test")
        // Not sealed: refused, naming the member.
        let refused = try ledger.refusalOf(plain)
        #expect(refused?.rule == "personal data in a correction" && refused?.detail.contains("replacement.reason") == true, "\(String(describing: refused))")
        // Sealed: the chain holds a commitment.
        let sealed = GovernanceRequests.sealingReplacement(plain, target: target)
        #expect(sealed.sealedFields == ["replacement.reason"])
        #expect(try ledger.refusalOf(sealed) == nil)
        let stored = try #require(try ledger.ledger.event(seq: seq + 1))
        let text = try #require(stored.data["replacement"]?.objectValue?["reason"]?.stringValue)
        let opened = try ledger.ledger.sealedValues.value(text)
        #expect(Commitment(text) != nil && opened == "更正后的事由")
        // A correction whose replacement names another owner than its subjects: refused.
        let expense = try ledger.record(ExpensePaidV2(group: "group:g", amountFen: 100, payee: "施工队"), on: "2023-03-12")
        let moved: JSONObject = ["group": "group:g", "amountFen": 100, "payee": "王五", "payeePerson": "person:p"]
        var unnamed = GovernanceRequests.sealingReplacement(
            try EventCorrected(corrects: expense, subject: "group:g", reason: "录错", replacement: moved).draft(on: day, actor: "clerk:test"),
            target: try #require(try ledger.ledger.event(seq: expense)))
        #expect(unnamed.subjects.contains("person:p"))
        unnamed.subjects.removeAll { $0 == "person:p" }
        #expect(try ledger.refusalOf(unnamed)?.rule == "correction of personal data without its subject")
    }
}

extension RuleLedger {
    /// The rule that refuses `draft`, or nil when it is accepted (and then recorded).
    func refusalOf(_ draft: EventDraft) throws -> RuleViolation? {
        do {
            _ = try ledger.append([draft])
            return nil
        } catch EventLogError.rejected(_, _, let reason) {
            return try #require(reason as? RuleViolation)
        }
    }
}
