import CanonicalJSON
import EventLog
import Foundation
import Governance
@testable import GrassrootsServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Messages
import NIOCore
import Reports
import Testing
import TestSupport

/// A temporary ledger with a county, two towns, two villages with a group each, a person, and three accounts:
/// `wang` a clerk of village v1, `li` a reviewer of the county, `zhao` a clerk revoked. Passwords are hashed
/// with few rounds (tests only).
/// Unchecked: every stored property is a `let`; `TemporaryDirectory` (a test helper) is not marked Sendable.
final class ServedLedger: @unchecked Sendable {
    let directory: TemporaryDirectory
    let ledger: Ledger
    let server: LedgerServer
    static let password = "correct horse battery"

    init(bodyBytesMax: Int = 64 * 1024, sessionSeconds: Int = 3600, language: Language = .en) throws {
        directory = try TemporaryDirectory()
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        ledger = try Ledger.create(at: directory.ledger, options: options, ledgerID: "served")
        let setup: [JSONValue] = [
            Self.act("unit.registered", ["unit": "unit:county", "name": "德清县", "level": "county"]),
            Self.act("unit.registered", ["unit": "unit:town-a", "name": "武康街道", "level": "subdistrict", "parent": "unit:county"]),
            Self.act("unit.registered", ["unit": "unit:town-b", "name": "新市镇", "level": "town", "parent": "unit:county"]),
            Self.act("unit.registered", ["unit": "unit:v1", "name": "五四村", "level": "village", "parent": "unit:town-a"]),
            Self.act("unit.registered", ["unit": "unit:v2", "name": "蠡山村", "level": "village", "parent": "unit:town-b"]),
            Self.act("group.registered", ["group": "group:g1", "unit": "unit:v1", "name": "第一村民小组", "kind": "village", "households": 12, "adults": 30]),
            Self.act("group.registered", ["group": "group:g2", "unit": "unit:v2", "name": "第二村民小组", "kind": "village", "households": 12, "adults": 30]),
            Self.act("person.registered", ["person": "person:p1", "birthDate": "1983-05-01", "sex": "F", "group": "group:g1", "votingRights": true]),
            Self.act("account.granted", ["account": "account:wang", "role": "clerk", "units": ["unit:v1"]]),
            Self.act("account.granted", ["account": "account:li", "role": "reviewer", "units": ["unit:county"]]),
            Self.act("account.granted", ["account": "account:zhao", "role": "clerk", "units": ["unit:v2"]]),
            Self.act("account.revoked", ["account": "account:zhao", "reason": "调离"], date: "2024-01-01"),
        ]
        _ = try ledger.append(setup.map { try GovernanceRequests.draft(from: $0, defaultActor: "admin") })
        let store = PasswordStore(ledgerPath: directory.ledger, iterations: PasswordStore.iterationsMin)
        for account in ["account:wang", "account:li", "account:zhao"] { try store.set(account: account, password: Self.password) }
        var configuration = ServerConfiguration()
        configuration.bodyBytesMax = bodyBytesMax
        configuration.sessionSeconds = sessionSeconds
        configuration.language = language
        configuration.eventsPageMax = 5
        server = LedgerServer(ledger: ledger, passwords: store, configuration: configuration)
    }

    static func act(_ type: String, _ data: JSONValue, date: String = "2023-01-01") -> JSONValue {
        ["type": .string(type), "effectiveDate": .string(date), "data": data]
    }

    static func line(_ type: String, _ data: JSONValue, date: String = "2023-02-18") -> String {
        CanonicalJSON.string(act(type, data, date: date))
    }

    /// Runs `body` against the server's router, in process.
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = Application(router: server.router())
        try await application.test(.router, body)
    }
}

extension TestClientProtocol {
    /// Logs in through the API; the bearer token.
    func token(_ account: String, password: String = ServedLedger.password) async throws -> String {
        let response = try await execute(uri: "/api/login", method: .post, body: ByteBuffer(string: #"{"account":"\#(account)","password":"\#(password)"}"#))
        #expect(response.status == .ok, "login of \(account): \(String(buffer: response.body))")
        return try #require(response.json["token"]?.stringValue)
    }

    func get(_ uri: String, token: String?) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:])
    }

    func post(_ uri: String, token: String?, body: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: token.map { [.authorization: "Bearer \($0)"] } ?? [:], body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object (empty when it is not one).
    var json: JSONObject {
        do {
            return try JSONParser.parse(text).objectValue ?? JSONObject()
        } catch {
            return JSONObject()
        }
    }
}
