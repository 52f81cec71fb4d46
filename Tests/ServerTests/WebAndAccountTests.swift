import CanonicalJSON
import EventLog
import Foundation
import Governance
@testable import GrassrootsServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Reports
import Testing
import TestSupport

/// The `name=value` of the response's Set-Cookie header for `name`.
func cookie(_ response: TestResponse, _ name: String) -> String? {
    for field in response.headers where field.name == .setCookie && field.value.hasPrefix(name + "=") {
        return String(field.value.prefix { $0 != ";" })
    }
    return nil
}

@Suite("grassroots serve: web pages, sessions and CSRF")
struct WebTests {
    /// Logs in through the form; the session cookie (`name=value`).
    static func logIn(_ client: any TestClientProtocol, _ account: String) async throws -> String {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try #require(cookie(page, "grassroots_login"))
        let csrf = String(loginCookie.dropFirst("grassroots_login=".count))
        #expect(page.text.contains("value=\"\(csrf)\""))
        let posted = try await client.execute(uri: "/login", method: .post, headers: [.cookie: loginCookie, .contentType: "application/x-www-form-urlencoded"],
                                              body: ByteBuffer(string: "csrf=\(csrf)&account=\(account)&password=correct+horse+battery"))
        #expect(posted.status == .seeOther)
        #expect(posted.headers[.location] == "/roster")
        return try #require(cookie(posted, "grassroots_session"))
    }

    @Test func aReviewerSeesTheRosterInChineseAsOfADateAndAtAnEvent() async throws {
        let served = try ServedLedger(language: .zh)
        let meeting = ServedLedger.line("meeting.held", ["group": "group:g1", "meeting": "meeting:m1", "purpose": "选举小组长", "eligibleAdults": 30, "attendingAdults": 25])
        let vote = ServedLedger.line("vote.tallied", ["group": "group:g1", "vote": "vote:v1", "meeting": "meeting:m1", "question": "election",
                                                      "ballotsCast": 25, "candidates": [["person": "person:p1", "votes": 20]]])
        let install = ServedLedger.line("leader.installed", ["group": "group:g1", "person": "person:p1", "post": "group-leader", "vote": "vote:v1"], date: "2023-02-19")
        _ = try served.ledger.append([meeting, vote, install].map { try GovernanceRequests.draft(from: JSONParser.parse($0), defaultActor: "account:wang") })
        try await served.test { client in
            let session = try await Self.logIn(client, "li")
            let page = try await client.execute(uri: "/roster?group=group%3Ag1&as-of=2023-03-01", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            #expect(page.text.contains("任职名册"))
            #expect(page.text.contains("小组长"))
            #expect(page.text.contains("person:p1"))
            #expect(page.text.contains("li(审阅人)") || page.text.contains("account:li(审阅人)"))
            // Before the installation: vacant. As known after event 13 (before the installation was recorded): vacant.
            let before = try await client.execute(uri: "/roster?group=group%3Ag1&as-of=2023-02-01", method: .get, headers: [.cookie: session])
            #expect(!before.text.contains("<td>person:p1</td>") && before.text.contains("空缺"))
            let known = try await client.execute(uri: "/roster?group=group%3Ag1&at-seq=14", method: .get, headers: [.cookie: session])
            #expect(known.text.contains("截至第14号事件") || known.text.contains("14"))
            #expect(!known.text.contains("person:p1"))
            let bad = try await client.execute(uri: "/roster?group=group%3Ag1&as-of=2023-13-01", method: .get, headers: [.cookie: session])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("id=\"notice\""))
            // The API does not take the cookie: a cross-site form cannot post events with it.
            #expect(try await client.execute(uri: "/api/units", method: .get, headers: [.cookie: session]).status == .unauthorized)
        }
    }

    @Test func formsCarryCSRFTokensAndLogoutEndsTheSession() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let forged = try await client.execute(uri: "/login", method: .post, headers: [.cookie: "grassroots_login=aaaa"],
                                                  body: ByteBuffer(string: "csrf=bbbb&account=li&password=correct+horse+battery"))
            #expect(forged.status == .forbidden)
            #expect(cookie(forged, "grassroots_session") == nil)
            let session = try await Self.logIn(client, "li")
            let page = try await client.execute(uri: "/roster", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            let noToken = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: session], body: ByteBuffer(string: "csrf=wrong"))
            #expect(noToken.status == .forbidden)
            #expect(try await client.execute(uri: "/roster", method: .get, headers: [.cookie: session]).status == .ok, "still logged in")
            let marker = "name=\"csrf\" value=\""
            let start = try #require(page.text.range(of: marker)).upperBound
            let token = String(page.text[start...].prefix(64))
            let out = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: session], body: ByteBuffer(string: "csrf=\(token)"))
            #expect(out.status == .seeOther)
            #expect(try await client.execute(uri: "/roster", method: .get, headers: [.cookie: session]).status == .unauthorized)
        }
    }

    @Test func sessionsExpire() throws {
        let sessions = Sessions(lifetimeSeconds: 60, max: 2)
        let now = Date()
        let session = sessions.open(account: "account:li", now: now)
        guard case .active = sessions.lookup(session.token, now: now.addingTimeInterval(59)) else { Issue.record("active at 59 s"); return }
        guard case .expired = sessions.lookup(session.token, now: now.addingTimeInterval(60)) else { Issue.record("expired at 60 s"); return }
        guard case .unknown = sessions.lookup(session.token, now: now) else { Issue.record("an expired session is forgotten"); return }
        // Room for two: a third ends the oldest.
        let a = sessions.open(account: "a", now: now)
        let b = sessions.open(account: "b", now: now.addingTimeInterval(1))
        let c = sessions.open(account: "c", now: now.addingTimeInterval(2))
        if case .active = sessions.lookup(a.token, now: now) { Issue.record("the oldest was ended") }
        guard case .active = sessions.lookup(b.token, now: now), case .active = sessions.lookup(c.token, now: now) else { Issue.record("b and c stay"); return }
    }

    @Test func onlyLoopbackAddressesAreLoopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1"] { #expect(ServerConfiguration.isLoopback(host), "\(host)") }
        for host in ["0.0.0.0", "192.168.1.2", "10.0.0.1", "128.0.0.1", "127.0.0", "127.0.0.256", "example.org", "::"] {
            #expect(!ServerConfiguration.isLoopback(host), "\(host)")
        }
    }
}

@Suite("Accounts: grants in the chain, passwords outside it")
struct AccountTests {
    @Test func passwordsAreSaltedPBKDF2InAFileOfTheirOwn() throws {
        let directory = try TemporaryDirectory()
        let store = PasswordStore(ledgerPath: directory.path, iterations: PasswordStore.iterationsMin)
        try store.set(account: "account:a", password: "same password")
        try store.set(account: "account:b", password: "same password")
        #expect(try store.verify(account: "account:a", password: "same password"))
        #expect(try !store.verify(account: "account:a", password: "same passwore"))
        #expect(try !store.verify(account: "account:c", password: "same password"))
        let records = try store.load()
        #expect(records["account:a"]?.salt != records["account:b"]?.salt)
        #expect(records["account:a"]?.hash != records["account:b"]?.hash)
        let text = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(!text.contains("same password"))
        #expect(text.contains(#""algorithm":"pbkdf2-sha256""#))
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try store.remove(account: "account:a")
        #expect(try !store.verify(account: "account:a", password: "same password"))
        #expect(PasswordStore.iterationsDefault >= 600_000)
    }

    @Test func unfitPasswordsNamesAndDamagedStoresAreRefused() throws {
        let directory = try TemporaryDirectory()
        let store = PasswordStore(ledgerPath: directory.path, iterations: PasswordStore.iterationsMin)
        #expect(throws: PasswordStoreError.self) { try store.set(account: "account:a", password: "1234567") }
        try store.set(account: "account:a", password: "12345678")
        #expect(throws: PasswordStoreError.self) { try PasswordStore.accountID("wang li") }
        #expect(throws: PasswordStoreError.self) { try PasswordStore.accountID("") }
        #expect(try PasswordStore.accountID("wang-clerk.1") == "account:wang-clerk.1")
        #expect(try PasswordStore.accountID("account:wang") == "account:wang")
        try "{\"format\":1,\"accounts\":{\"account:a\":{\"algorithm\":\"md5\"}}}".write(toFile: store.path, atomically: true, encoding: .utf8)
        #expect(throws: PasswordStoreError.self) { try store.verify(account: "account:a", password: "12345678") }
    }

    @Test func grantsAreRecordedForRegisteredUnitsAndAClosedRole() throws {
        let served = try ServedLedger()
        let ledger = served.ledger
        func append(_ line: JSONValue) throws { _ = try ledger.append([try GovernanceRequests.draft(from: line, defaultActor: "admin")]) }
        #expect(throws: EventLogError.self) {
            try append(ServedLedger.act("account.granted", ["account": "account:x", "role": "clerk", "units": ["unit:nowhere"]]))
        }
        #expect(throws: GovernanceRequests.Failure.self) {
            try append(ServedLedger.act("account.granted", ["account": "account:x", "role": "mayor", "units": ["unit:v1"]]))
        }
        #expect(throws: GovernanceRequests.Failure.self) {
            try append(ServedLedger.act("account.granted", ["account": "account:x", "role": "clerk", "units": []]))
        }
        #expect(try ledger.query(AccountGrantQuery(account: "account:wang"))?.role == .clerk)
        #expect(try ledger.query(AccountGrantQuery(account: "account:zhao"))?.role == nil)
        #expect(try ledger.query(AccountGrantQuery(account: "account:zhao", on: LocalDate(iso: "2023-06-01")))?.role == .clerk)
        #expect(try ledger.query(AccountGrantQuery(account: "account:nobody")) == nil)
        // A later grant replaces the earlier one whole.
        try append(ServedLedger.act("account.granted", ["account": "account:wang", "role": "reviewer", "units": ["unit:town-a"]], date: "2025-01-01"))
        let now = try #require(try ledger.query(AccountGrantQuery(account: "account:wang")))
        #expect(now.role == .reviewer && now.units == ["unit:town-a"])
        let scope = try ledger.query(AccountScopeQuery(subjects: ["group:g1", "person:p1"], units: ["unit:town-a"], on: try #require(LocalDate(iso: "2023-03-01"))))
        #expect(scope == .within)
        let outside = try ledger.query(AccountScopeQuery(subjects: ["person:p1"], units: ["unit:v2"], on: try #require(LocalDate(iso: "2023-03-01"))))
        #expect(outside == .outside(unit: "unit:v1", through: "person:p1"))
        #expect(try ledger.query(AccountScopeQuery(subjects: ["policy:x"], units: ["unit:v1"], on: try #require(LocalDate(iso: "2023-03-01")))) == .noUnit)
        #expect(try ledger.query(AccountScopeQuery(subjects: ["policy:x"], units: ["unit:county"], on: try #require(LocalDate(iso: "2023-03-01")))) == .within)
        #expect(try ledger.checkProjections().isConsistent)
    }
}
