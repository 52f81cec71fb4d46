import Foundation
import Testing
import TestSupport

/// The schemas in Schemas/ are the published contract: what the code writes validates, and what a schema
/// rejects, the code rejects too.
@Suite("Schemas: conformance of what is written and what is refused")
struct SchemaTests {
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema)
        for line in sys.stdin:
            if line.strip():
                print("valid" if v.is_valid(json.loads(line)) else "invalid")
        """

    func verdicts(schema: String, lines: [String]) throws -> [String] {
        let result = try python(["-c", SchemaTests.validator, repositoryRoot + "/Schemas/" + schema], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func everyExportedEnvelopeValidates() throws {
        let dir = try TemporaryDirectory()
        try grassroots("init", "--ledger", dir.ledger)
        #expect(try grassroots("append", "--ledger", dir.ledger, repositoryRoot + "/tools/sample-events.ndjson").status == 0)
        #expect(try grassroots("append", "--ledger", dir.ledger, "-", stdin: groupSetup(["s"]) + eventLines(20, keys: true)).status == 0)
        let lines = try grassroots("export", "--ledger", dir.ledger).stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 36)
        #expect(try verdicts(schema: "envelope.v1.schema.json", lines: lines) == Array(repeating: "valid", count: 36))
    }

    static let requests: [String] = [
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"stream":"group:g","expectedVersion":1,"idempotencyKey":"k","actor":"c","subjects":["person:p","group:g"],"schemaVersion":1}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02"}"#,
        #"{"type":"fund.received","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"type":"1ab","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"type":"fund.received","effectiveDate":"2026-13-02","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":[]}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"extra":1}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"expectedVersion":-1}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"schemaVersion":0}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"subjects":["x","x"]}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"subjects":[""]}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"stream":" padded"}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"actor":7}"#,
        #"{"type":"fund.received","effectiveDate":"26-01-02","data":{"group":"group:g","amountFen":1,"source":"s"}}"#,
        #"{"type":"fund.received","effectiveDate":"2026-01-02","data":{"group":"group:g","amountFen":1,"source":"s"},"idempotencyKey":""}"#,
    ]

    @Test func whatTheRequestSchemaRejectsAppendRejects() throws {
        let expected = try verdicts(schema: "append-request.v1.schema.json", lines: SchemaTests.requests)
        #expect(expected.count == SchemaTests.requests.count)
        #expect(expected.filter { $0 == "valid" }.count == 2)
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["g"])
        for (request, verdict) in zip(SchemaTests.requests, expected) {
            let result = try grassroots("append", "--ledger", dir.ledger, "--dry-run", "-", stdin: request + "\n")
            #expect((result.status == 0) == (verdict == "valid"), "\(request): schema says \(verdict), append exited \(result.status) \(result.stderr)")
        }
    }
}
