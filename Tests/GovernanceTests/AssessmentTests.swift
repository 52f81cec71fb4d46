import EventLog
import Testing
import TestSupport
@testable import Governance

/// The assessment `explain` prints and the refusal an append gives are one computation: for meetings and
/// votes of many sizes, the assessment fails exactly when the installation is refused, by the same rule.
@Suite("Assessments agree with the append's refusals")
struct AssessmentTests {
    /// A small deterministic generator (SplitMix64): the same cases every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func assessFailsIffTheAppendIsRefusedWithTheSameRule() throws {
        var random = SplitMix(state: 2026)
        var outcomes: Set<String> = []
        for _ in 0..<24 {
            let eligible = Int64.random(in: 3...45, using: &random)
            let attending = Int64.random(in: 0...eligible, using: &random)
            let votes = Int64.random(in: 0...attending, using: &random)
            let registered = Bool.random(using: &random) ? eligible : eligible + Int64.random(in: 1...5, using: &random)
            let rules = try RuleLedger()
            try rules.villageGroup(adults: registered)
            try rules.election(attending: attending, votes: votes, eligible: eligible)
            let explanation = try #require(try rules.ledger.readTables { tables, head in try ExplainQuery(target: .vote("vote:v"), head: head.seq).run(tables) }.first)
            let assessment = explanation.assessment
            let refusal = try rules.refusal(InProcessRuleTests.install, on: "2023-02-19")
            #expect(assessment.valid == (refusal == nil), "\(attending) of \(eligible) (register \(registered)), \(votes) votes")
            #expect(assessment.firstFailure?.violation == refusal, "\(attending) of \(eligible) (register \(registered)), \(votes) votes")
            outcomes.insert(assessment.firstFailure?.kind.rawValue ?? "valid")
        }
        // The cases reach both sides.
        #expect(outcomes.contains("valid") && outcomes.contains("quorum") && outcomes.contains("majority"))
    }
}
