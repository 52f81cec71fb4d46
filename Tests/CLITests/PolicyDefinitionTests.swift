import Foundation
import Testing
import TestSupport

/// `policy.defined`: a jurisdiction records its own policy document (Schemas/policy.v4.schema.json), then
/// adopts it from a date (RULES.md: "a 2026 statute policy is a document a jurisdiction defines").
@Suite("Scenarios: policies a jurisdiction defines")
struct PolicyDefinitionScenarios {
    /// One provincial text (RULES.md, province not identified): group quorum more than half of the adults.
    static func province(id: String = "policy:province-x", documentID: String? = nil, extends: String = "policy:statute-2018-village",
                         numerator: Int = 1, denominator: Int = 2) -> String {
        #"{"type":"policy.defined","effectiveDate":"2023-01-10","data":{"policy":"\#(id)","document":{"id":"\#(documentID ?? id)","title":"某省实施办法 (示例)","source":"RULES.md, provincial implementations: one provincial text","appliesTo":["village"],"extends":"\#(extends)","meeting":{"quorumAdults":{"numerator":\#(numerator),"denominator":\#(denominator),"inclusive":false},"quorumHouseholds":{"numerator":2,"denominator":3,"inclusive":true},"decision":{"numerator":1,"denominator":2,"inclusive":false},"source":"provincial text: group quorum more than half of the adults"}}}}"#
    }

    static let adoption = #"{"type":"policy.adopted","effectiveDate":"2023-03-01","data":{"unit":"unit:town","policy":"policy:province-x"}}"#

    @Test func aDefinedPolicyAppliesFromItsAdoptionNotTheDayBefore() throws {
        try play(Scenario(policy: "policy:yaoan-2019").with([Scenario.person("p1")]), [
            (#"{"type":"policy.adopted","effectiveDate":"2023-03-01","data":{"unit":"unit:town","policy":"policy:province-x"}}"#,
             .refused("unknown policy: no such policy")),
            (Self.province(), .accepted),
            (#"{"type":"policy.adopted","effectiveDate":"2023-01-09","data":{"unit":"unit:town","policy":"policy:province-x"}}"#,
             .refused("adopted before the policy was defined: policy:province-x was defined by event 8 effective 2023-01-10; it cannot be in force from 2023-01-09")),
            (Self.adoption, .accepted),
            // The day before the adoption the floor's 2/3 governs: 16 of 30 is short.
            (Scenario.meeting("m0", on: "2023-02-28", adults: (30, 16)), .accepted),
            (Scenario.vote("v0", meeting: "m0", on: "2023-02-28", ballots: 16, votes: [("p1", 12)]), .accepted),
            (Scenario.install("p1", vote: "v0", on: "2023-02-28"),
             .refused("quorum not met: at meeting:m0, 16 of 30 adults attended; needs at least 2/3 (20)")),
            // From the adoption, more than half suffices: 16 of 30 is enough, 15 is not.
            (Scenario.meeting("m15", on: "2023-03-01", adults: (30, 15)), .accepted),
            (Scenario.vote("v15", meeting: "m15", on: "2023-03-01", ballots: 15, votes: [("p1", 12)]), .accepted),
            (Scenario.install("p1", vote: "v15", on: "2023-03-01"),
             .refused("quorum not met: at meeting:m15, 15 of 30 adults attended; needs more than 1/2 (16); provincial text: group quorum more than half of the adults (policy:province-x)")),
            (Scenario.meeting("m16", on: "2023-03-01", adults: (30, 16)), .accepted),
            (Scenario.vote("v16", meeting: "m16", on: "2023-03-01", ballots: 16, votes: [("p1", 12)]), .accepted),
            (Scenario.install("p1", vote: "v16", on: "2023-03-01"), .accepted),
        ])
    }

    @Test func definitionsAreCheckedAndNeverRedefined() throws {
        try play(Scenario(policy: "policy:yaoan-2019"), [
            (Self.province(documentID: "policy:other"), .refused("policy id mismatch: the event defines policy:province-x; the document's id is policy:other; Schemas/policy.v4.schema.json")),
            (Self.province(numerator: 3, denominator: 2), .refused("invalid policy document: policy.meeting.quorumAdults: 3/2 is not a fraction between 0 and 1; Schemas/policy.v4.schema.json")),
            (Self.province(extends: "policy:nowhere"), .refused("invalid policy document: extends unknown policy policy:nowhere; Schemas/policy.v4.schema.json")),
            (Self.province(id: "policy:deqing-2023"), .refused("policy already defined: policy:deqing-2023 is a built-in policy")),
            (Self.province(), .accepted),
            (Self.province(), .refused("policy already defined: policy:province-x was defined by event 7")),
            // A later definition may extend an earlier one.
            (Self.province(id: "policy:province-y", extends: "policy:province-x"), .accepted),
        ])
    }

    /// A policy document never changes, and cannot be retracted while adopted or extended: the acts judged
    /// under it would be judged under nothing.
    @Test func aDefinedPolicyIsNeitherCorrectedNorRetractedWhileInUse() throws {
        // Setup: 6 events; the definition is 7, the adoption 8.
        try play(Scenario(policy: "policy:yaoan-2019").with([Self.province(), Self.adoption]), [
            (Scenario.correct(7, subject: "policy:province-x", replacement: #"{"policy":"policy:province-x","document":{"id":"policy:province-x","title":"t","source":"s","appliesTo":["village"]}}"#),
             .refused("correction of a policy document: policy:province-x (event 7) never changes; define a new id (it may extend this one) and adopt it")),
            (Scenario.retract(7, subject: "policy:province-x"),
             .refused("later events depend on it: policy:province-x (event 7) is adopted by unit:town; retract those first")),
            (Scenario.retract(8, subject: "unit:town"), .accepted),
            (Scenario.retract(7, subject: "policy:province-x"), .accepted),
        ])
    }

    @Test func policyShowReadsADefinedPolicyFromTheLedger() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        let lines = Scenario(policy: "policy:yaoan-2019").lines + [Self.province(), Self.adoption]
        let appended = try grassroots("append", "--ledger", dir.ledger, "-", stdin: lines.joined(separator: "\n") + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        let shown = try grassroots("policy", "show", "--ledger", dir.ledger, "--policy", "policy:province-x")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("policy:province-x: 某省实施办法 (示例)\n"), "\(shown.stdout)")
        let inForce = try grassroots("policy", "show", "--ledger", dir.ledger, "--group", "group:a", "--date", "2023-03-01", "--json")
        #expect(inForce.stdout.contains(#""quorumAdults":{"denominator":2,"inclusive":false,"numerator":1}"#), "\(inForce.stdout)")
        let before = try grassroots("policy", "show", "--ledger", dir.ledger, "--group", "group:a", "--date", "2023-02-28", "--json")
        #expect(before.stdout.contains(#""quorumAdults":{"denominator":3,"inclusive":true,"numerator":2}"#), "\(before.stdout)")
    }

    /// The documents shipped in policies/ validate against the published schema and define cleanly, with
    /// `policy define`; `policy show` lists what each leaves unconfirmed.
    @Test func shippedDocumentsDefineAndListWhatIsUnconfirmed() throws {
        let directory = repositoryRoot + "/policies/"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 4)
        let script = """
            import json, sys, jsonschema
            v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            for path in sys.argv[2:]:
                errors = [e.message for e in v.iter_errors(json.load(open(path)))]
                print("valid" if not errors else path + ": " + "; ".join(errors))
            """
        let verdicts = try run("/usr/bin/env", ["python3", "-c", script, repositoryRoot + "/Schemas/policy.v4.schema.json"] + files.map { directory + $0 })
            .stdout.split(separator: "\n").map(String.init)
        #expect(verdicts == Array(repeating: "valid", count: files.count), "\(verdicts)")
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        for file in files {
            let defined = try grassroots("policy", "define", "--ledger", dir.ledger, directory + file, "--date", "2026-01-01")
            #expect(defined.status == 0, "\(file): \(defined.stderr)")
        }
        let again = try grassroots("policy", "define", "--ledger", dir.ledger, directory + "henan-recall.json", "--date", "2026-01-02")
        #expect(again.status == 3 && again.stderr.contains("policy already defined: policy:henan-implementation-example was defined by event"), "\(again.stderr)")
        let template = try grassroots("policy", "show", "--ledger", dir.ledger, "--policy", "policy:statute-2026-village-template")
        #expect(template.stdout.contains("UNCONFIRMED (not checked against the source text; confirm before relying on them):\n- every article number"), "\(template.stdout)")
        let henan = try grassroots("policy", "show", "--ledger", dir.ledger, "--policy", "policy:henan-implementation-example")
        #expect(henan.stdout.contains("votes to recall: at least 2/3 of registered voters"), "\(henan.stdout)")
        let listed = try grassroots("policy", "list", "--ledger", dir.ledger)
        #expect(listed.stdout.contains("policy:henan-implementation-example") && listed.stdout.contains("defined in the ledger") && listed.stdout.contains("built in"),
                "\(listed.stdout)")
        let missing = try grassroots("policy", "define", "--ledger", dir.ledger, directory + "nowhere.json")
        #expect(missing.status == 2, "\(missing.stderr)")
    }
}
