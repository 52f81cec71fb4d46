import CanonicalJSON
import Foundation
import Testing
import TestSupport

/// `grassroots account` and `grassroots serve` as the built binary: accounts recorded in the chain, passwords
/// outside it, and the server started on a free port and asked over loopback (Python's urllib as the client).
@Suite("account and serve commands")
struct ServeCommandTests {
    static let fewRounds = ["GRASSROOTS_PASSWORD_ITERATIONS": "1000"]

    @Test func accountsAreGrantedRevokedAndListed() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["g1"])
        let added = try grassroots("account", "add", "wang", "--role", "clerk", "--unit", "测试村", "--ledger", dir.ledger,
                                   stdin: "a long password\n", environment: Self.fewRounds)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("account:wang granted as clerk for unit:test-village from "))
        let again = try grassroots("account", "add", "wang", "--role", "clerk", "--unit", "unit:test-village", "--ledger", dir.ledger,
                                   stdin: "a long password\n", environment: Self.fewRounds)
        #expect(again.status == 3)
        #expect(again.stderr.contains("already has a password"))
        let short = try grassroots("account", "add", "li", "--role", "reviewer", "--unit", "unit:test-village", "--ledger", dir.ledger, stdin: "short\n")
        #expect(short.status == 2)
        #expect(short.stderr.contains("at least 8 characters"))
        let nowhere = try grassroots("account", "add", "li", "--role", "reviewer", "--unit", "unit:nowhere", "--ledger", dir.ledger,
                                     stdin: "a long password\n", environment: Self.fewRounds)
        #expect(nowhere.status == 3, "\(nowhere.stderr)")
        let role = try grassroots("account", "add", "li", "--role", "mayor", "--unit", "unit:test-village", "--ledger", dir.ledger, stdin: "a long password\n")
        #expect(role.status == 64)
        let file = try dir.file("li.pass", "another password\n")
        #expect(try grassroots("account", "add", "li", "--role", "reviewer", "--unit", "unit:test-village", "--password-file", file,
                               "--ledger", dir.ledger, environment: Self.fewRounds).status == 0)
        let listed = try grassroots("account", "list", "--json", "--ledger", dir.ledger)
        #expect(listed.stdout.contains(#"{"account":"account:li","role":"reviewer""#))
        #expect(listed.stdout.contains(#"{"account":"account:wang","role":"clerk""#))
        let passwords = try String(contentsOfFile: dir.ledger + "/passwords.json", encoding: .utf8)
        #expect(!passwords.contains("a long password") && passwords.contains("pbkdf2-sha256"))

        let revoked = try grassroots("account", "revoke", "wang", "--reason", "调离", "--ledger", dir.ledger)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(!(try String(contentsOfFile: dir.ledger + "/passwords.json", encoding: .utf8)).contains("account:wang"))
        #expect(try grassroots("account", "passwd", "wang", "--ledger", dir.ledger, stdin: "a long password\n").status == 2)
        // The grants are events of the chain.
        let log = try grassroots("log", "--stream", "account:wang", "--json", "--ledger", dir.ledger)
        #expect(log.stdout.contains(#""type":"account.granted""#) && log.stdout.contains(#""type":"account.revoked""#))
        #expect(try grassroots("verify", "--ledger", dir.ledger).status == 0)
    }

    @Test func serveAnswersOverLoopbackAndStopsOnSIGTERM() throws {
        let dir = try TemporaryDirectory()
        try makeLedger(dir, groups: ["g1"])
        // Granted from the date of the act the API appends below: an act is judged by the grant in force on its date.
        #expect(try grassroots("account", "add", "wang", "--role", "clerk", "--unit", "unit:test-village", "--from", "2026-03-01", "--ledger", dir.ledger,
                               stdin: "a long password\n", environment: Self.fewRounds).status == 0)
        let refused = try grassroots("serve", "--bind", "0.0.0.0", "--ledger", dir.ledger)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--behind-proxy"))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: grassrootsBinary)
        process.arguments = ["serve", "--port", "0", "--ledger", dir.ledger]
        var environment = ProcessInfo.processInfo.environment
        environment["GRASSROOTS_LANG"] = "en"
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The port is printed once the server listens.
        var seen = ""
        var port: String?
        let deadline = Date().addingTimeInterval(60)
        while port == nil && Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: "http://127.0.0.1:") {
                let digits = seen[range.upperBound...].prefix { $0.isNumber }
                if !digits.isEmpty && seen[range.upperBound...].dropFirst(digits.count).first != nil { port = String(digits) }
            }
        }
        let listening = try #require(port, "no port in: \(seen)")
        let client = """
            import json, sys, urllib.request, urllib.error
            base = "http://127.0.0.1:" + sys.argv[1]
            def call(method, path, body=None, token=None):
                request = urllib.request.Request(base + path, data=body.encode() if body is not None else None, method=method)
                if token: request.add_header("Authorization", "Bearer " + token)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response: return response.status, response.read().decode()
                except urllib.error.HTTPError as error: return error.code, error.read().decode()
            out = {}
            out["anonymous"] = call("GET", "/api/units")[0]
            status, text = call("POST", "/api/login", json.dumps({"account": "wang", "password": "a long password"}))
            token = json.loads(text)["token"]
            out["roster"] = call("GET", "/api/roster?group=group:g1", token=token)
            out["append"] = call("POST", "/api/events", '{"type":"fund.received","effectiveDate":"2026-03-01","data":{"group":"group:g1","amountFen":100,"source":"x"}}', token)
            out["malformed"] = call("POST", "/api/events", '{"type":', token)
            print(json.dumps(out))
            """
        let asked = try python(["-c", client, listening])
        #expect(asked.status == 0, "\(asked.stderr)")
        let answers = try #require(try JSONParser.parse(asked.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
        #expect(answers["anonymous"]?.integerValue == 401)
        let roster = try #require(answers["roster"]?.arrayValue)
        #expect(roster.first?.integerValue == 200)
        let cli = try grassroots("roster", "--group", "group:g1", "--json", "--ledger", dir.ledger)
        #expect(roster.last?.stringValue == cli.stdout, "GET /api/roster answers roster --json byte for byte")
        #expect(answers["append"]?.arrayValue?.first?.integerValue == 200)
        let malformed = try #require(answers["malformed"]?.arrayValue)
        #expect(malformed.first?.integerValue == 400)
        #expect(malformed.last?.stringValue?.contains("line 1: not valid JSON") == true)

        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = try grassroots("log", "--from", "3", "--json", "--ledger", dir.ledger)
        #expect(log.stdout.contains(#""actor":"account:wang""#))
    }
}
