import CanonicalJSON
import EventLog
import Foundation
import Testing
import TestSupport
@testable import Governance
@testable import GovernanceCodegen
@testable import GrassrootsDemo

let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A valid value of each kind, for synthesising payloads.
func sample(_ kind: FieldKind, _ tag: String) -> JSONValue {
    switch kind {
    case .text: .string("文本 \(tag)")
    case .id(let prefix): .string(prefix + tag)
    case .date: "2026-03-01"
    case .month: "2026-03"
    case .year: 2026
    case .count, .fen: 12
    case .percent: 50
    case .boolean: true
    case .oneOf(let vocabulary): .string(vocabulary.values.last ?? "")
    case .seq: 3
    case .list(let element, let minItems, _): .array((0..<max(minItems, 2)).map { sample(element, "\(tag)-\($0)") })
    case .object(let fields): .object(fullObject(fields, tag))
    case .payload: ["any": "thing"]
    case .sealed(let inner): sample(inner, tag)
    case .sha256: .string(String(repeating: "0a", count: 32))
    }
}

func fullObject(_ fields: [FieldSpec], _ tag: String) -> JSONObject {
    var object = JSONObject()
    for field in fields { object.set(field.name, sample(field.kind, tag)) }
    return object
}

/// A value of the wrong kind for `kind`.
func wrong(_ kind: FieldKind) -> JSONValue {
    switch kind {
    case .text, .id, .date, .month, .oneOf, .sha256: 7
    case .year: 1800
    case .count, .fen, .seq: -1
    case .percent: 101
    case .boolean: "yes"
    case .list: "not a list"
    case .object, .payload: [1]
    case .sealed: 7
    }
}

@Suite("Event catalog and its schemas")
struct CatalogTests {
    @Test func everyTypeIsUniqueAndHasAStreamField() {
        let names = EventCatalog.all.map { "\($0.type)@\($0.schemaVersion)" }
        #expect(Set(names).count == names.count)
        #expect(EventCatalog.all.count >= 39)
    }

    @Test func committedSchemasAreExactlyTheGeneratedOnes() throws {
        let directory = repositoryRoot + "/Schemas/events"
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory))
        #expect(files == Set(EventCatalog.all.map(\.schemaFileName)), "run `swift run grassroots-schemas` for new types")
        for spec in EventCatalog.all {
            let committed = try String(contentsOfFile: directory + "/" + spec.schemaFileName, encoding: .utf8)
            #expect(committed == SchemaGenerator.text(for: spec), "\(spec.schemaFileName) differs from its spec: a published schema is never edited; add a new version")
        }
    }

    /// For every type: a full valid payload, a minimal one, and mutations (each required field removed,
    /// an unknown field, each field of the wrong kind), judged by the Swift validator and by Python's
    /// jsonschema against the committed schema file. The verdicts must agree.
    @Test func swiftAndJSONSchemaJudgeEverySampleAlike() throws {
        var cases: [(file: String, data: JSONObject, label: String)] = []
        for spec in EventCatalog.all {
            let full = fullObject(spec.fields, "x")
            cases.append((spec.schemaFileName, full, "\(spec.type) full"))
            var minimal = JSONObject()
            for field in spec.fields where field.required { minimal.set(field.name, sample(field.kind, "m")) }
            cases.append((spec.schemaFileName, minimal, "\(spec.type) minimal"))
            var extra = full
            extra.set("unexpected", 1)
            cases.append((spec.schemaFileName, extra, "\(spec.type) unknown field"))
            for field in spec.fields {
                if field.required {
                    var missing = full
                    missing.remove(field.name)
                    cases.append((spec.schemaFileName, missing, "\(spec.type) without \(field.name)"))
                }
                var mistyped = full
                mistyped.set(field.name, wrong(field.kind))
                cases.append((spec.schemaFileName, mistyped, "\(spec.type) \(field.name) mistyped"))
            }
        }
        // The schemas describe events as stored: a sealed member holds a commitment, not the value submitted.
        cases = cases.map { item in
            guard let spec = EventCatalog.all.first(where: { $0.schemaFileName == item.file }) else { return item }
            var data = item.data
            for field in spec.sealedFields where data[field]?.stringValue != nil {
                data.set(field, .string("sha256:" + String(repeating: "a", count: 64)))
            }
            return (item.file, data, item.label)
        }
        let input = cases.map { item in
            CanonicalJSON.string(["schema": .string(item.file), "data": .object(item.data)])
        }.joined(separator: "\n") + "\n"
        let script = """
            import json, sys, jsonschema
            directory = sys.argv[1]
            validators = {}
            for line in sys.stdin:
                item = json.loads(line)
                name = item["schema"]
                if name not in validators:
                    schema = json.load(open(directory + "/" + name))
                    jsonschema.Draft202012Validator.check_schema(schema)
                    validators[name] = jsonschema.Draft202012Validator(schema)
                print("valid" if validators[name].is_valid(item["data"]) else "invalid")
            """
        let verdicts = try runPython(["-c", script, repositoryRoot + "/Schemas/events"], stdin: input)
        #expect(verdicts.count == cases.count)
        var valid = 0
        for (item, verdict) in zip(cases, verdicts) {
            guard let spec = EventCatalog.all.first(where: { $0.schemaFileName == item.file }) else { continue }
            let swiftValid: Bool
            do {
                try PayloadValidator.validate(item.data, against: spec, form: .stored)
                swiftValid = true
            } catch {
                swiftValid = false
            }
            #expect(swiftValid == (verdict == "valid"), "\(item.label): Swift says \(swiftValid ? "valid" : "invalid"), jsonschema says \(verdict)")
            if swiftValid { valid += 1 }
        }
        #expect(valid >= 2 * EventCatalog.all.count)
    }

    @Test func errorsNameThePathOfTheField() {
        guard let spec = EventCatalog.spec(type: "vote.tallied", version: 1) else {
            Issue.record("vote.tallied missing")
            return
        }
        var data = fullObject(spec.fields, "x")
        data.set("candidates", [["person": "person:a", "votes": 3], ["person": "person:b", "votes": -2]])
        #expect(throws: PayloadError(path: "data.candidates[1].votes", reason: "must be a whole number >= 0, got -2")) {
            try PayloadValidator.validate(data, against: spec)
        }
    }
}

@Suite("Requests: types, streams and subjects")
struct RequestTests {
    func request(_ text: String) throws -> EventDraft {
        try GovernanceRequests.draft(from: try JSONParser.parse(text), defaultActor: "tester")
    }

    @Test func streamAndSubjectsAreDerivedFromTheData() throws {
        let draft = try request(#"{"type":"handover.recorded","effectiveDate":"2026-02-01","data":{"group":"group:g1","outgoing":"person:a","incoming":"person:b","witnesses":["person:c","person:a"],"items":[],"cashFen":0,"balanceFen":120000}}"#)
        #expect(draft.stream == "group:g1")
        #expect(draft.subjects == ["group:g1", "person:a", "person:b", "person:c"])
        // The same act built as a Swift value derives the same draft.
        let handover = HandoverRecorded(group: "group:g1", outgoing: "person:a", incoming: "person:b", witnesses: ["person:c", "person:a"],
                                        items: [], cashFen: 0, balanceFen: 120_000)
        #expect(try handover.draft(on: try #require(LocalDate(iso: "2026-02-01")), actor: "tester") == draft)
    }

    @Test func subjectsInsideListsAreDerivedToo() throws {
        let draft = try request(#"{"type":"vote.tallied","effectiveDate":"2026-02-01","data":{"group":"group:g1","vote":"vote:v","meeting":"meeting:m","question":"election","ballotsCast":9,"candidates":[{"person":"person:a","votes":5},{"person":"person:b","votes":4}]}}"#)
        #expect(draft.subjects == ["group:g1", "person:a", "person:b"])
        let tally = VoteTallied(group: "group:g1", vote: "vote:v", meeting: "meeting:m", question: .election, ballotsCast: 9,
                                candidates: [.init(person: "person:a", votes: 5), .init(person: "person:b", votes: 4)])
        #expect(try tally.draft(on: try #require(LocalDate(iso: "2026-02-01")), actor: "tester") == draft)
    }

    @Test func givenSubjectsMayAddButNotOmit() throws {
        let draft = try request(#"{"type":"fund.received","effectiveDate":"2026-02-01","subjects":["unit:v1","group:g1"],"data":{"group":"group:g1","amountFen":5,"source":"rent"}}"#)
        #expect(draft.subjects == ["group:g1", "unit:v1"])
        #expect(throws: GovernanceRequests.Failure.self) {
            _ = try request(#"{"type":"fund.received","effectiveDate":"2026-02-01","subjects":["unit:v1"],"data":{"group":"group:g1","amountFen":5,"source":"rent"}}"#)
        }
    }

    @Test func unknownTypesAndVersionsAreRefusedByName() {
        #expect(throws: GovernanceRequests.Failure(field: "type", reason: "unknown event type \"fund.stolen\"; see `grassroots append --help` for the \(EventCatalog.all.count) types")) {
            _ = try request(#"{"type":"fund.stolen","effectiveDate":"2026-02-01","data":{}}"#)
        }
        #expect(throws: GovernanceRequests.Failure(field: "schemaVersion", reason: "fund.received has no schema version 2; known: 1")) {
            _ = try request(#"{"type":"fund.received","schemaVersion":2,"effectiveDate":"2026-02-01","data":{"group":"group:g1","amountFen":5,"source":"rent"}}"#)
        }
    }

    @Test func theHookRefusesWhatBypassesTheRequestPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gov-\(UUID().uuidString)").path
        defer {
            do { try FileManager.default.removeItem(atPath: dir) } catch { print("cannot remove \(dir): \(error)") }
        }
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        options.mapSizeInitialBytes = 1 << 20
        let ledger = try Ledger.create(at: dir, options: options, ledgerID: "test")
        let date = try #require(LocalDate(iso: "2026-01-01"))
        let bogus = EventDraft(type: "made.up", effectiveDate: date, stream: "x", actor: "api", data: ["a": 1])
        #expect(throws: EventLogError.self) { _ = try ledger.append([bogus]) }
        // Drafts made by hand, not by `draft(on:)`: the hook alone stands between them and the log.
        let receipt = FundReceived(group: "group:g", amountFen: 1, source: "s")
        let wrongStream = EventDraft(type: FundReceived.type, effectiveDate: date, stream: "group:other", actor: "api",
                                     subjects: ["group:g"], data: receipt.payload)
        #expect(throws: EventLogError.self) { _ = try ledger.append([wrongStream]) }
        let registered = try #require(LocalDate(iso: "2020-01-01"))
        _ = try ledger.append([
            try UnitRegistered(unit: "unit:v", name: "v", level: .village).draft(on: registered, actor: "tester"),
            try GroupRegistered(group: "group:g", unit: "unit:v", name: "g", kind: .village, households: 1, adults: 1).draft(on: registered, actor: "tester"),
        ])
        let good = EventDraft(type: FundReceived.type, effectiveDate: date, stream: "group:g", actor: "api",
                              subjects: ["group:g"], data: receipt.payload)
        #expect(try ledger.append([good]).headSeq == 3)
    }
}

func runPython(_ arguments: [String], stdin: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        do { try input.fileHandleForWriting.close() } catch { print("closing python's stdin: \(error)") }
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
}
