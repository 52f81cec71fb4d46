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

/// One GET endpoint's cases: a query answered (200, its body holding `holds`), a malformed one (400, its error
/// holding `badWords` when given), and one naming nothing (404) or not answerable (422).
struct EndpointCase: Sendable {
    let ok: String
    let holds: String
    let bad: String?
    let badWords: String?
    let unknown: String?
    let unknownStatus: HTTPResponse.Status

    init(ok: String, holds: String, bad: String?, badWords: String? = nil, unknown: String? = nil, unknownStatus: HTTPResponse.Status = .notFound) {
        self.ok = ok
        self.holds = holds
        self.bad = bad
        self.badWords = badWords
        self.unknown = unknown
        self.unknownStatus = unknownStatus
    }
}

@Suite("grassroots serve: every endpoint, authenticated or not, well-formed or not")
struct EndpointTests {
    /// The served ledger with group:g1's leader installed (seq 15, valid: 25 of 30 attended, 20 of 25 voted).
    static func served(language: Language = .en) throws -> ServedLedger {
        let served = try ServedLedger(language: language)
        let meeting = ServedLedger.line("meeting.held", ["group": "group:g1", "meeting": "meeting:m1", "purpose": "选举小组长", "eligibleAdults": 30, "attendingAdults": 25])
        let vote = ServedLedger.line("vote.tallied", ["group": "group:g1", "vote": "vote:v1", "meeting": "meeting:m1", "question": "election",
                                                      "ballotsCast": 25, "candidates": [["person": "person:p1", "votes": 20]]])
        let install = ServedLedger.line("leader.installed", ["group": "group:g1", "person": "person:p1", "post": "group-leader", "vote": "vote:v1"], date: "2023-02-19")
        _ = try served.ledger.append([meeting, vote, install].map { try GovernanceRequests.draft(from: JSONParser.parse($0), defaultActor: "account:wang") })
        return served
    }

    static let builtInPolicy = PolicyLibrary.builtIn.documents.keys.sorted()[0]

    /// Every GET endpoint of the API. A route registered without a case here fails `everyAPIRouteHasItsCases`.
    static let api: [String: EndpointCase] = [
        "/api/roster": EndpointCase(ok: "?group=group:g1", holds: "\"person\":\"person:p1\"", bad: "?group=group:g1&as-of=2023-02-30",
                                    badWords: "the parameter as-of=2023-02-30 is not valid", unknown: "?group=nobody"),
        "/api/units": EndpointCase(ok: "", holds: "unit:county", bad: "?at-seq=0", badWords: "counts from 1", unknown: "?within=nowhere"),
        "/api/groups": EndpointCase(ok: "?unit=unit:county", holds: "group:g1", bad: "?colour=red", badWords: "unknown parameter colour", unknown: "?unit=nowhere"),
        "/api/find": EndpointCase(ok: "?text=g1", holds: "group:g1", bad: "", badWords: "give text", unknown: "?text=zzzz"),
        "/api/funds": EndpointCase(ok: "?group=group:g1", holds: "[", bad: "", badWords: "give group", unknown: "?group=nobody"),
        "/api/assets": EndpointCase(ok: "?group=group:g1", holds: "[", bad: "?group=group:g1&as-of=1", unknown: "?group=nobody"),
        "/api/subsidies": EndpointCase(ok: "?group=group:g1", holds: "[", bad: "?group=group:g1&unit=unit:v1", unknown: "?person=nobody"),
        "/api/alerts": EndpointCase(ok: "?as-of=2023-06-01", holds: "[", bad: "?as-of=June", unknown: "?unit=nowhere"),
        "/api/trail": EndpointCase(ok: "?group=group:g1", holds: "\"type\":\"leader.installed\"", bad: "?group=group:g1&unit=unit:v1", unknown: "?person=nobody"),
        "/api/whoami": EndpointCase(ok: "", holds: "account:li", bad: nil),
        "/api/events": EndpointCase(ok: "?from=14&limit=1", holds: "\"seq\":14", bad: "?from=x", badWords: "the parameter from=x is not valid"),
        "/api/events/stream": EndpointCase(ok: "?from=15&limit=1", holds: "id: 15", bad: "?from=0", badWords: "counts from 1"),
        "/api/explain": EndpointCase(ok: "?seq=15", holds: "\"valid\":true", bad: "?seq=abc", badWords: "give vote:ID or an event's seq, not abc",
                                     unknown: "?seq=999", unknownStatus: .notFound),
        "/api/audit": EndpointCase(ok: "?person=person:p1&group=group:g1", holds: "\"person\":\"person:p1\"", bad: "?person=person:p1",
                                   badWords: "give --person and --group", unknown: "?person=nobody&group=group:g1"),
        "/api/policy": EndpointCase(ok: "", holds: "\"id\":\"\(builtInPolicy)\"", bad: "?policy=x", badWords: "unknown parameter policy"),
        "/api/policy/show": EndpointCase(ok: "?policy=\(builtInPolicy)", holds: "\"id\":\"\(builtInPolicy)\"", bad: "?group=group:g1",
                                         badWords: "--group and --unit need --date YYYY-MM-DD", unknown: "?policy=policy:no-such"),
        "/api/person": EndpointCase(ok: "?person=person:p1", holds: "\"posts\":[{", bad: "?person=person:p1&as-of=2023-13-01", unknown: "?person=nobody"),
        "/api/stats": EndpointCase(ok: "", holds: "\"headSeq\":15", bad: "?json=1", badWords: "unknown parameter json"),
    ]

    /// Every GET page (a reviewer's session; Chinese). `/record` is the clerks' forms' (another suite's).
    static let pages: [String: EndpointCase] = [
        "/roster": EndpointCase(ok: "?group=group%3Ag1", holds: "小组长", bad: "?group=group%3Ag1&as-of=2023-13-01", unknown: "?group=nobody"),
        "/trail": EndpointCase(ok: "?person=person%3Ap1", holds: "小组长产生", bad: "?person=person%3Ap1&group=group%3Ag1",
                               badWords: Msg.usage.oneOfPersonGroupUnit.zh, unknown: "?person=nobody"),
        "/explain": EndpointCase(ok: "?seq=15", holds: Msg.explain.valid.zh, bad: "?seq=abc", badWords: "请给出 vote:表决编号 或事件序号,而不是 abc",
                                 unknown: "?seq=999"),
        "/alerts": EndpointCase(ok: "?as-of=2023-06-01", holds: "预警", bad: "?as-of=2023-13-01", unknown: "?unit=nowhere"),
        "/audit": EndpointCase(ok: "?person=person%3Ap1&group=group%3Ag1", holds: "window.print()", bad: "?person=person%3Ap1",
                               badWords: Msg.review.personAndGroup.zh, unknown: "?person=nobody&group=group%3Ag1"),
    ]

    @Test func everyAPIRouteHasItsCases() async throws {
        let served = try Self.served()
        let routes = served.server.router().routes.filter { $0.method == .get && $0.path.description.hasPrefix("/api/") }.map(\.path.description)
        #expect(routes.count >= 18)
        for path in routes { #expect(Self.api[path] != nil, "GET \(path) is served but EndpointTests.api has no case for it") }
        for path in Self.api.keys { #expect(routes.contains(path), "EndpointTests.api tests \(path), which is not served") }
        try await served.test { client in
            let token = try await client.token("li")
            for (path, cases) in Self.api.sorted(by: { $0.key < $1.key }) {
                let refused = try await client.get(path + cases.ok, token: nil)
                #expect(refused.status == .unauthorized, "\(path) without a session")
                #expect(refused.json["error"]?.stringValue == Msg.serve.unauthenticated.en)
                let answered = try await client.get(path + cases.ok, token: token)
                #expect(answered.status == .ok, "\(path)\(cases.ok): \(answered.text)")
                #expect(answered.text.contains(cases.holds), "\(path)\(cases.ok): \(answered.text.prefix(300))")
                if let bad = cases.bad {
                    let malformed = try await client.get(path + bad, token: token)
                    #expect(malformed.status == .badRequest, "\(path)\(bad): \(malformed.text)")
                    #expect(malformed.json["status"]?.integerValue == 400)
                    if let words = cases.badWords { #expect(malformed.json["error"]?.stringValue?.contains(words) == true, "\(path)\(bad): \(malformed.text)") }
                }
                if let unknown = cases.unknown {
                    let none = try await client.get(path + unknown, token: token)
                    #expect(none.status == cases.unknownStatus, "\(path)\(unknown): \(none.text)")
                    #expect(none.json["error"]?.stringValue?.isEmpty == false)
                }
            }
        }
        #expect(try served.ledger.head().seq == 15, "reads never write")
    }

    @Test func everyPageHasItsCases() async throws {
        let served = try Self.served(language: .zh)
        let routes = served.server.router().routes.filter { $0.method == .get && !$0.path.description.hasPrefix("/api/") }.map(\.path.description)
        for path in routes where !["/", "/login"].contains(path) && !path.hasPrefix("/record") {
            #expect(Self.pages[path] != nil, "GET \(path) is served but EndpointTests.pages has no case for it")
        }
        try await served.test { client in
            let session = try await WebTests.logIn(client, "li")
            for (path, cases) in Self.pages.sorted(by: { $0.key < $1.key }) {
                let refused = try await client.execute(uri: path + cases.ok, method: .get)
                #expect(refused.status == .unauthorized, "\(path) without a session")
                #expect(refused.text.contains("id=\"login\""), "\(path) without a session shows the login form")
                let empty = try await client.execute(uri: path, method: .get, headers: [.cookie: session])
                #expect(empty.status == .ok, "\(path) with no query: the form")
                #expect(empty.text.contains("id=\"nav\""), "\(path) has the navigation bar")
                let answered = try await client.execute(uri: path + cases.ok, method: .get, headers: [.cookie: session])
                #expect(answered.status == .ok, "\(path)\(cases.ok): \(answered.text.prefix(500))")
                #expect(answered.text.contains(cases.holds), "\(path)\(cases.ok)")
                #expect(answered.headers[.contentType] == "text/html; charset=utf-8")
                if let bad = cases.bad {
                    let malformed = try await client.execute(uri: path + bad, method: .get, headers: [.cookie: session])
                    #expect(malformed.status == .badRequest, "\(path)\(bad)")
                    #expect(malformed.text.contains("id=\"notice\""), "\(path)\(bad) says why")
                    if let words = cases.badWords { #expect(malformed.text.contains(words), "\(path)\(bad): \(malformed.text.suffix(800))") }
                }
                if let unknown = cases.unknown {
                    let none = try await client.execute(uri: path + unknown, method: .get, headers: [.cookie: session])
                    #expect(none.status == cases.unknownStatus, "\(path)\(unknown)")
                    #expect(none.text.contains("id=\"notice\""), "\(path)\(unknown) says why")
                }
            }
        }
        #expect(try served.ledger.head().seq == 15, "reads never write")
    }

    @Test func explainAnswersTheCommandsJSONAndRefusesWhatIsNoDecision() async throws {
        let served = try Self.served()
        try await served.test { client in
            let token = try await client.token("wang")
            let answer = try await client.get("/api/explain?seq=15", token: token)
            let expected = try ExplainReport.run(served.ledger, target: .seq(15), atSeq: nil, language: .en)
            #expect(answer.text == CanonicalJSON.string(expected.json) + "\n")
            let byVote = try await client.get("/api/explain?vote=vote:v1&at-seq=15", token: token)
            #expect(byVote.status == .ok)
            #expect(byVote.json["atSeq"]?.integerValue == 15)
            let notADecision = try await client.get("/api/explain?seq=1", token: token)
            #expect(notADecision.status == .unprocessableContent)
            #expect(notADecision.json["error"]?.stringValue?.contains("unit.registered") == true, "\(notADecision.text)")
            let unknownVote = try await client.get("/api/explain?vote=vote:none", token: token)
            #expect(unknownVote.status == .notFound)
            #expect(unknownVote.json["error"]?.stringValue == "no vote vote:none is recorded")
            #expect(try await client.get("/api/explain?seq=15&vote=vote:v1", token: token).status == .badRequest)
            #expect(try await client.get("/api/explain", token: token).json["error"]?.stringValue == Msg.review.noDecision.en)
            // Not yet recorded at event 14.
            #expect(try await client.get("/api/explain?seq=15&at-seq=14", token: token).status == .notFound)
        }
    }

    @Test func theAuditAnswersItsJSONAndItsPrintablePage() async throws {
        let served = try Self.served(language: .zh)
        try await served.test { client in
            let token = try await client.token("li")
            let answer = try await client.get("/api/audit?person=person:p1&group=group:g1", token: token)
            let report = try DepartureAuditReport.run(served.ledger, person: "person:p1", group: "group:g1", atSeq: nil, language: .zh)
            #expect(answer.text == report.jsonText)
            #expect(answer.headers[LedgerServer.header("Grassroots-Report-SHA256")] == DepartureAuditReport.sha256(report.contentText))
            // Held no post in group:g2: 422, as `audit departure` refuses it.
            #expect(try await client.get("/api/audit?person=person:p1&group=group:g2", token: token).status == .unprocessableContent)

            let session = try await WebTests.logIn(client, "li")
            let page = try await client.execute(uri: "/audit?person=person%3Ap1&group=group%3Ag1&at-seq=15", method: .get, headers: [.cookie: session])
            #expect(page.status == .ok)
            let document = report.document(.zh, digest: DepartureAuditReport.sha256(report.contentText)).html()
            let bar = try #require(page.text.range(of: "<div class=\"noprint\" id=\"bar\">"))
            let rest = try #require(page.text.range(of: "</div>\n", range: bar.upperBound..<page.text.endIndex))
            #expect(String(page.text[..<bar.lowerBound]) + String(page.text[rest.upperBound...]) == document, "the CLI's HTML document, with a bar")
            #expect(page.text.contains("@media print{.noprint{display:none}}"))
            #expect(page.text.contains(Msg.review.printButton.zh))
        }
    }

    @Test func policyPersonAndStatsAnswerTheCommandsJSON() async throws {
        let served = try Self.served()
        try await served.test { client in
            let token = try await client.token("li")
            #expect(try await client.get("/api/policy", token: token).text == CanonicalJSON.string(try PolicyListReport.run(served.ledger).json) + "\n")
            let shown = try await client.get("/api/policy/show?policy=\(Self.builtInPolicy)", token: token)
            #expect(shown.text == CanonicalJSON.string(try PolicyShowReport.run({ served.ledger }, policy: Self.builtInPolicy, group: nil, unit: nil, date: nil).json) + "\n")
            let inForce = try await client.get("/api/policy/show?group=group:g1&date=2023-06-01", token: token)
            #expect(inForce.status == .ok, "\(inForce.text)")
            let both = try await client.get("/api/policy/show?policy=\(Self.builtInPolicy)&group=group:g1", token: token)
            #expect(both.status == .badRequest)
            #expect(both.json["error"]?.stringValue == Msg.usage.onePolicyTarget.en)
            #expect(try await client.get("/api/policy/show?unit=nowhere&date=2023-06-01", token: token).status == .notFound)
            let person = try await client.get("/api/person?person=person:p1", token: token)
            #expect(person.text == CanonicalJSON.string(try PersonAnswer.run(served.ledger, person: "person:p1", asOf: nil, atSeq: nil, language: .en).json) + "\n")
            let stats = try await client.get("/api/stats", token: token)
            #expect(stats.json["events"]?.integerValue == 15)
            #expect(stats.json["ledgerId"]?.stringValue == "served")
        }
    }

    @Test func pagesEscapeWhatTheLedgerHoldsAndShowNamesBesideIds() async throws {
        let served = try Self.served(language: .zh)
        let group = ServedLedger.act("group.registered", ["group": "group:g3", "unit": "unit:v1", "name": "<script>alert(1)</script>组", "kind": "village",
                                                          "households": 12, "adults": 30])
        _ = try served.ledger.append([try GovernanceRequests.draft(from: group, defaultActor: "admin")])
        try await served.test { client in
            let session = try await WebTests.logIn(client, "li")
            let trail = try await client.execute(uri: "/trail?group=group%3Ag3", method: .get, headers: [.cookie: session])
            #expect(trail.status == .ok)
            #expect(!trail.text.contains("<script>alert(1)</script>"))
            #expect(trail.text.contains("&lt;script&gt;"))
            let named = try await client.execute(uri: "/trail?person=person%3Ap1", method: .get, headers: [.cookie: session])
            #expect(named.text.contains("第一村民小组(group:g1)") || named.text.contains("第一村民小组 (group:g1)"), "names beside ids")
            let byName = try await client.execute(uri: "/trail?group=%E7%AC%AC%E4%B8%80%E6%9D%91%E6%B0%91%E5%B0%8F%E7%BB%84", method: .get, headers: [.cookie: session])
            #expect(byName.status == .ok, "a group by its exact name")
            #expect(byName.text.contains("小组长产生"))
        }
    }

    @Test func theNavigationShowsRecordToClerksOnly() async throws {
        let served = try Self.served(language: .zh)
        try await served.test { client in
            let reviewer = try await WebTests.logIn(client, "li")
            let seen = try await client.execute(uri: "/alerts", method: .get, headers: [.cookie: reviewer])
            for href in ["/roster", "/trail", "/explain", "/alerts", "/audit"] { #expect(seen.text.contains("href=\"\(href)\""), "\(href)") }
            #expect(!seen.text.contains("href=\"/record\""))
            let clerk = try await WebTests.logIn(client, "wang")
            #expect(try await client.execute(uri: "/alerts", method: .get, headers: [.cookie: clerk]).text.contains("href=\"/record\""))
        }
    }

    @Test func postingIsRefusedWithoutASessionToReviewersOutsideTheUnitsAndOverTheLimits() async throws {
        let served = try ServedLedger(bodyBytesMax: 512 * 1024)
        let meeting = ServedLedger.line("meeting.held", ["group": "group:g1", "meeting": "meeting:m1", "purpose": "议事", "eligibleAdults": 30, "attendingAdults": 25])
        let elsewhere = ServedLedger.line("meeting.held", ["group": "group:g2", "meeting": "meeting:m2", "purpose": "议事", "eligibleAdults": 30, "attendingAdults": 25])
        try await served.test { client in
            #expect(try await client.post("/api/events", token: nil, body: meeting).status == .unauthorized)
            let reviewer = try await client.post("/api/events", token: try await client.token("li"), body: meeting)
            #expect(reviewer.status == .forbidden)
            #expect(reviewer.json["error"]?.stringValue == "account:li is a reviewer: reviewers read only")
            let clerk = try await client.token("wang")
            let outside = try await client.post("/api/events", token: clerk, body: elsewhere)
            #expect(outside.status == .forbidden)
            #expect(outside.json["error"]?.stringValue?.contains("the act names unit:v2 (through group:g2)") == true)
            let long = #"{"type":"meeting.held","effectiveDate":"2023-02-18","data":{"group":"group:g1","meeting":"meeting:m1","purpose":""#
                + String(repeating: "x", count: AppendWords.lineBytesMax) + #"","eligibleAdults":30,"attendingAdults":25}}"#
            let tooLong = try await client.post("/api/events", token: clerk, body: meeting + "\n" + long)
            #expect(tooLong.status == .contentTooLarge)
            #expect(tooLong.json["error"]?.stringValue?.contains("line 2: \(long.utf8.count) bytes exceed the limit of \(AppendWords.lineBytesMax) bytes per line") == true,
                    "\(tooLong.text)")
            let tooLarge = try await client.post("/api/events", token: clerk, body: String(repeating: meeting + "\n", count: 512 * 1024 / meeting.utf8.count + 1))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.json["error"]?.stringValue == "the request body exceeds 524288 bytes")
            #expect(try await client.post("/api/events", token: clerk, body: meeting).status == .ok, "still serving")
        }
        #expect(try served.ledger.head().seq == 13, "only the last meeting was written")
    }
}

/// A grant holds from its effective date until the next grant or revocation: an act is judged by the grant in force
/// on its own effective date, not today's.
@Suite("grassroots serve: the grant in force on the act's date")
struct GrantOnTheActsDateTests {
    /// `account:sun`: a clerk of v2 from 2023-03-01, revoked from 2023-06-01, a clerk of v1 from 2024-01-01 (today's grant).
    static func served() throws -> ServedLedger {
        let served = try ServedLedger()
        let acts = [
            ServedLedger.act("account.granted", ["account": "account:sun", "role": "clerk", "units": ["unit:v2"]], date: "2023-03-01"),
            ServedLedger.act("account.revoked", ["account": "account:sun", "reason": "调离"], date: "2023-06-01"),
            ServedLedger.act("account.granted", ["account": "account:sun", "role": "clerk", "units": ["unit:v1"]], date: "2024-01-01"),
        ]
        _ = try served.ledger.append(acts.map { try GovernanceRequests.draft(from: $0, defaultActor: "admin") })
        let store = PasswordStore(ledgerPath: served.directory.ledger, iterations: PasswordStore.iterationsMin)
        try store.set(account: "account:sun", password: ServedLedger.password)
        return served
    }

    static func meeting(_ group: String, _ id: String, on date: String) -> String {
        ServedLedger.line("meeting.held", ["group": .string(group), "meeting": .string(id), "purpose": "议事", "eligibleAdults": 30, "attendingAdults": 25], date: date)
    }

    @Test func anActBeforeTheGrantOrAfterTheRevocationIsRefused() async throws {
        let served = try Self.served()
        try await served.test { client in
            let token = try await client.token("sun")
            let cases: [(String, HTTPResponse.Status, String?)] = [
                (Self.meeting("group:g2", "meeting:a", on: "2023-02-28"), .forbidden, "line 1: account:sun held no grant on 2023-02-28, the act's effective date"),
                (Self.meeting("group:g2", "meeting:b", on: "2023-03-01"), .ok, nil),
                (Self.meeting("group:g2", "meeting:c", on: "2023-05-31"), .ok, nil),
                (Self.meeting("group:g2", "meeting:d", on: "2023-06-01"), .forbidden, "held no grant on 2023-06-01"),
                (Self.meeting("group:g1", "meeting:e", on: "2023-12-31"), .forbidden, "held no grant on 2023-12-31"),
                (Self.meeting("group:g1", "meeting:f", on: "2024-01-01"), .ok, nil),
                // On 2024-01-01 the grant is v1's: v2 is outside it, though v2 was the account's in 2023.
                (Self.meeting("group:g2", "meeting:g", on: "2024-01-01"), .forbidden, "may record for unit:v1 only; the act names unit:v2"),
            ]
            for (line, status, words) in cases {
                let answer = try await client.post("/api/events", token: token, body: line)
                #expect(answer.status == status, "\(line): \(answer.text)")
                if let words { #expect(answer.json["error"]?.stringValue?.contains(words) == true, "\(answer.text)") }
            }
            // One line refused refuses the whole body.
            let mixed = try await client.post("/api/events", token: token, body: Self.meeting("group:g1", "meeting:h", on: "2024-02-01") + "\n"
                                              + Self.meeting("group:g1", "meeting:i", on: "2023-12-31"))
            #expect(mixed.status == .forbidden)
            #expect(mixed.json["error"]?.stringValue?.hasPrefix("line 2: ") == true)
        }
        let head = try served.ledger.head().seq
        #expect(head == 18, "three acts of 2023 and 2024 within the grant")
    }
}
