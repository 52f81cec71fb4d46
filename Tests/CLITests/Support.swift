import Foundation
import Testing
import TestSupport

struct Output {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The repository root (for tools/ and Schemas/).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// The built `grassroots` binary, beside the test bundle (or $GRASSROOTS_BIN).
let grassrootsBinary: String = {
    if let explicit = ProcessInfo.processInfo.environment["GRASSROOTS_BIN"] { return explicit }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [bundle.appendingPathComponent("grassroots").path,
                      bundle.deletingLastPathComponent().appendingPathComponent("grassroots").path,
                      repositoryRoot + "/.build/debug/grassroots"]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
}()

let fixedRecordedAt = "2026-01-31T08:00:00.000000Z"

/// A child that exits before reading all its input (a refused oversize line, say) must not kill the
/// test process with SIGPIPE; the write then fails with EPIPE, which is expected.
let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

/// Runs a program to completion, feeding `stdin`, capturing both outputs.
@discardableResult
func run(_ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
         directory: String? = nil) throws -> Output {
    ignoreBrokenPipes
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env["GRASSROOTS_RECORDED_AT"] = fixedRecordedAt
    env["GRASSROOTS_ACTOR"] = "e2e"
    // Salts of personal values derived from a seed (a debug build honours it), so that outputs are reproducible.
    env["GRASSROOTS_SALT_SEED"] = "e2e"
    // Tests read English unless they ask for Chinese (`environment: ["GRASSROOTS_LANG": "zh"]` or `--lang zh`).
    env["GRASSROOTS_LANG"] = "en"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin {
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
        } catch {
            // EPIPE: the child stopped reading; its exit status and output say why.
        }
    }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                  stderr: String(decoding: stderrData, as: UTF8.self))
}

@discardableResult
func grassroots(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> Output {
    try run(grassrootsBinary, arguments, stdin: stdin, environment: environment)
}

@discardableResult
func python(_ arguments: [String], stdin: String? = nil) throws -> Output {
    try run("/usr/bin/env", ["python3"] + arguments, stdin: stdin)
}

/// NDJSON lines for `count` group-fund receipts in the group `group:STREAM` (so the stream is
/// `group:STREAM`), each with a marker in its payload and subjects ["group:STREAM"].
func eventLines(_ count: Int, stream: String = "s", from start: Int = 1, keys: Bool = false) -> String {
    (start..<(start + count)).map { i in
        let key = keys ? #","idempotencyKey":"\#(stream)-\#(i)""# : ""
        return #"{"type":"fund.received","effectiveDate":"2026-03-01","data":{"group":"group:\#(stream)","amountFen":\#(i),"source":"MARKER-\#(i)-END"}\#(key)}"#
    }.joined(separator: "\n") + "\n"
}

/// NDJSON registering `unit:test-village` and a village group `group:NAME` for each name: what
/// `eventLines` needs first (references to unregistered groups are refused). 1 + names.count events.
func groupSetup(_ names: [String]) -> String {
    ([#"{"type":"unit.registered","effectiveDate":"2020-01-01","data":{"unit":"unit:test-village","name":"测试村","level":"village"}}"#]
        + names.map { name in
            #"{"type":"group.registered","effectiveDate":"2020-01-01","data":{"group":"group:\#(name)","unit":"unit:test-village","name":"\#(name)","kind":"village","households":40,"adults":120}}"#
        }).joined(separator: "\n") + "\n"
}

/// Creates a ledger in `dir` with the groups registered.
func makeLedger(_ dir: TemporaryDirectory, groups: [String]) throws {
    let created = try grassroots("init", "--ledger", dir.ledger)
    #expect(created.status == 0, "\(created.stderr)")
    let setup = try grassroots("append", "--ledger", dir.ledger, "-", stdin: groupSetup(groups))
    #expect(setup.status == 0, "\(setup.stderr)")
}
