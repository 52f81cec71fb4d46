import Foundation
import Testing
import TestSupport

/// Issue 16 item 7's short seeded run: the fuzzing harness (tools/fuzz/Fuzz.swift), built without libFuzzer,
/// replays the sample history and runs inputs mutated from it by a seeded generator through the same checks
/// as `tools/fuzz.sh` (strict parse, canonical round trip, draft decoding, an in-process append whose refusal
/// must change nothing). Coverage-guided runs of millions of inputs are `tools/fuzz.sh`'s, not the suite's.
@Suite("Fuzzing harness: a short seeded run")
struct FuzzReplayTests {
    static var harness: String {
        URL(fileURLWithPath: grassrootsBinary).deletingLastPathComponent().appendingPathComponent("grassroots-fuzz").path
    }

    @Test func aSeededMutationRunFindsNothing() throws {
        let dir = try TemporaryDirectory()
        let malformed = try dir.file("malformed.ndjson", """
            {"a":1,"a":2}
            [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
            {"type":"person.registered","effectiveDate":"2026-02-30","data":{"person":"person:110101199003070011"}}
            {"type":"expense.paid","effectiveDate":"2026-03-02","data":{"group":"group:a","amountFen":-1,"payee":"p"}}
            9223372036854775808

            """)
        let run = try grassroots_fuzz(["--runs", "1500", "--seed", "16", repositoryRoot + "/tools/sample-events.ndjson", malformed],
                                      scratch: dir.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("1500 mutated (seed 16)"), "\(run.stdout)")
    }

    @Test func theHarnessRefusesToRunWithoutInputs() throws {
        let run = try grassroots_fuzz([], scratch: NSTemporaryDirectory())
        #expect(run.status == 64 && run.stderr.contains("tools/fuzz.sh"), "\(run.stderr)")
    }

    private func grassroots_fuzz(_ arguments: [String], scratch: String) throws -> Output {
        try run(FuzzReplayTests.harness, arguments, environment: ["GRASSROOTS_FUZZ_SCRATCH": scratch])
    }
}
