import CanonicalJSON
import EventLog
import Foundation
import Governance
import GrassrootsServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Reports
import Testing

@Suite("grassroots serve: the JSON API")
struct APITests {
    static let meeting = ServedLedger.line("meeting.held", ["group": "group:g1", "meeting": "meeting:m1", "purpose": "选举小组长",
                                                            "eligibleAdults": 30, "attendingAdults": 19])
    static let vote = ServedLedger.line("vote.tallied", ["group": "group:g1", "vote": "vote:v1", "meeting": "meeting:m1", "question": "election",
                                                         "ballotsCast": 19, "candidates": [["person": "person:p1", "votes": 19]]])
    static let install = ServedLedger.line("leader.installed", ["group": "group:g1", "person": "person:p1", "post": "group-leader", "vote": "vote:v1"],
                                           date: "2023-02-19")

    @Test func nothingButTheLoginIsServedWithoutASession() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            for uri in ["/api/roster?group=group:g1", "/api/events", "/api/units", "/api/groups", "/api/find?text=g1", "/api/whoami"] {
                let response = try await client.get(uri, token: nil)
                #expect(response.status == .unauthorized, "\(uri)")
                #expect(response.json["error"]?.stringValue?.contains("log in first") == true)
            }
            #expect(try await client.post("/api/events", token: nil, body: Self.meeting).status == .unauthorized)
            #expect(try await client.get("/api/units", token: "not-a-session").status == .unauthorized)
            // A web page without a session answers 401 with the login form.
            let page = try await client.execute(uri: "/roster", method: .get)
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("id=\"login\""))
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
        }
        #expect(try served.ledger.head().seq == 12, "nothing was written")
    }

    @Test func loginChecksThePasswordAndTheGrantInForce() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let wrong = try await client.execute(uri: "/api/login", method: .post, body: ByteBuffer(string: #"{"account":"wang","password":"wrong password"}"#))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.json["error"]?.stringValue == "wrong account or password")
            let unknown = try await client.execute(uri: "/api/login", method: .post, body: ByteBuffer(string: #"{"account":"nobody","password":"whatever1"}"#))
            #expect(unknown.status == .unauthorized)
            let revoked = try await client.execute(uri: "/api/login", method: .post,
                                                   body: ByteBuffer(string: #"{"account":"zhao","password":"\#(ServedLedger.password)"}"#))
            #expect(revoked.status == .unauthorized)
            #expect(revoked.json["error"]?.stringValue?.contains("account:zhao holds no grant today") == true)
            let malformed = try await client.execute(uri: "/api/login", method: .post, body: ByteBuffer(string: "account=wang"))
            #expect(malformed.status == .badRequest)

            let token = try await client.token("wang")
            let whoami = try await client.get("/api/whoami", token: token)
            #expect(whoami.json["account"]?.stringValue == "account:wang")
            #expect(whoami.json["role"]?.stringValue == "clerk")
            #expect(try await client.post("/api/logout", token: token, body: "").status == .ok)
            #expect(try await client.get("/api/whoami", token: token).status == .unauthorized, "the token ends with the logout")
        }
    }

    @Test func aClerkAppendsWithinItsUnitsAsTheActor() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("wang")
            let response = try await client.post("/api/events", token: token, body: Self.meeting + "\n\n" + Self.vote + "\n")
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.json["appended"]?.integerValue == 2)
            #expect(response.json["lastSeq"]?.integerValue == 14)
            #expect(response.json["lines"]?.integerValue == 4)
        }
        let recorded = try served.ledger.events(from: 13, limit: 2)
        #expect(recorded.map(\.actor) == ["account:wang", "account:wang"])
    }

    @Test func aClerkOutsideItsUnitsAReviewerAndGrantsAreRefusedWith403() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let clerk = try await client.token("wang")
            let elsewhere = ServedLedger.line("meeting.held", ["group": "group:g2", "meeting": "meeting:m2", "purpose": "议事",
                                                               "eligibleAdults": 30, "attendingAdults": 25])
            let outside = try await client.post("/api/events", token: clerk, body: Self.meeting + "\n" + elsewhere)
            #expect(outside.status == .forbidden)
            #expect(outside.json["error"]?.stringValue == "line 2: account:wang may record for unit:v1 only; the act names unit:v2 (through group:g2)")

            let policy = ServedLedger.line("policy.adopted", ["unit": "unit:county", "policy": "policy:deqing-2023"])
            #expect(try await client.post("/api/events", token: clerk, body: policy).status == .forbidden)

            let grant = ServedLedger.line("account.granted", ["account": "account:wang", "role": "clerk", "units": ["unit:county"]])
            let selfGrant = try await client.post("/api/events", token: clerk, body: grant)
            #expect(selfGrant.status == .forbidden)
            #expect(selfGrant.json["error"]?.stringValue?.contains("account.granted is recorded with grassroots account") == true)

            let actor = #"{"type":"meeting.held","effectiveDate":"2023-02-18","actor":"someone-else","data":{"group":"group:g1","meeting":"meeting:m1","purpose":"x","eligibleAdults":30,"attendingAdults":20}}"#
            let other = try await client.post("/api/events", token: clerk, body: actor)
            #expect(other.status == .forbidden)
            #expect(other.json["error"]?.stringValue?.contains("not someone-else") == true)

            let reviewer = try await client.token("li")
            let reading = try await client.post("/api/events", token: reviewer, body: Self.meeting)
            #expect(reading.status == .forbidden)
            #expect(reading.json["error"]?.stringValue == "account:li is a reviewer: reviewers read only")
            // The reviewer reads.
            #expect(try await client.get("/api/roster?unit=unit:county", token: reviewer).status == .ok)
        }
        #expect(try served.ledger.head().seq == 12, "nothing was written")
    }

    @Test func malformedLinesAre400InTheCommandLinesWords() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("wang")
            let broken = try await client.post("/api/events", token: token, body: Self.meeting + "\n{\"type\": ")
            #expect(broken.status == .badRequest)
            let error = try #require(broken.json["error"]?.stringValue)
            #expect(error.hasPrefix("line 2: not valid JSON: "))
            #expect(error.hasSuffix("nothing of this batch (lines 1-2) was written"))

            let unknownType = try await client.post("/api/events", token: token, body: #"{"type":"no.such","effectiveDate":"2023-01-01","data":{}}"#)
            #expect(unknownType.status == .badRequest)
            #expect(unknownType.json["error"]?.stringValue?.hasPrefix("line 1: type: ") == true)

            // The server keeps serving.
            #expect(try await client.get("/api/units", token: token).status == .ok)
        }
        #expect(try served.ledger.head().seq == 12)
    }

    @Test func aRuleRefusalIs422WithTheRuleTheNumbersAndTheSource() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("wang")
            #expect(try await client.post("/api/events", token: token, body: Self.meeting + "\n" + Self.vote).status == .ok)
            let refused = try await client.post("/api/events", token: token, body: Self.install)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["status"]?.integerValue == 422)
            #expect(refused.json["rule"]?.stringValue == "quorum not met")
            #expect(refused.json["detail"]?.stringValue?.contains("19 of 30 adults attended") == true)
            #expect(refused.json["source"]?.stringValue?.contains("Art. 28") == true)
            #expect(refused.json["error"]?.stringValue?.hasPrefix("line 1: refused: ") == true)
            #expect(try await client.get("/api/roster?group=group:g1", token: token).status == .ok)
        }
        #expect(try served.ledger.head().seq == 14, "the refused installation left nothing")
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let served = try ServedLedger(bodyBytesMax: 2_048)
        try await served.test { client in
            let token = try await client.token("wang")
            let large = try await client.post("/api/events", token: token, body: String(repeating: Self.meeting + "\n", count: 20))
            #expect(large.status == .contentTooLarge)
            #expect(large.json["error"]?.stringValue == "the request body exceeds 2048 bytes")
            let login = try await client.execute(uri: "/api/login", method: .post, body: ByteBuffer(string: String(repeating: " ", count: 9_000)))
            #expect(login.status == .contentTooLarge)
            #expect(try await client.post("/api/events", token: token, body: Self.meeting).status == .ok, "still serving")
        }
    }

    @Test func queriesAnswerTheCommandsJSON() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("li")
            let roster = try await client.get("/api/roster?group=%E7%AC%AC%E4%B8%80%E6%9D%91%E6%B0%91%E5%B0%8F%E7%BB%84&as-of=2023-03-01", token: token)
            #expect(roster.status == .ok)
            let expected = try RosterReport.run(served.ledger, unit: nil, group: "group:g1", asOf: LocalDate(iso: "2023-03-01"), atSeq: nil, language: .en)
            #expect(roster.text == CanonicalJSON.string(expected.json) + "\n")

            let units = try await client.get("/api/units?within=unit:town-a", token: token)
            #expect(units.text == CanonicalJSON.string(try UnitsReport.run(served.ledger, within: "unit:town-a", atSeq: nil, language: .en).json) + "\n")
            let groups = try await client.get("/api/groups?unit=unit:county&at-seq=6", token: token)
            #expect(groups.text == CanonicalJSON.string(try GroupsReport.run(served.ledger, unit: "unit:county", asOf: nil, atSeq: 6, language: .en).json) + "\n")
            #expect(groups.text.contains("group:g1") && !groups.text.contains("group:g2"), "as known after event 6")
            let found = try await client.get("/api/find?text=%E6%9D%91", token: token)
            #expect(found.status == .ok)

            let same: [(String, JSONValue)] = [
                ("/api/funds?group=group:g1&as-of=2023-06-01", try FundsReport.run(served.ledger, group: "group:g1", asOf: LocalDate(iso: "2023-06-01"), atSeq: nil, language: .en).json),
                ("/api/assets?group=group:g1", try AssetsReport.run(served.ledger, group: "group:g1", asOf: nil, atSeq: nil, language: .en).json),
                ("/api/subsidies?unit=unit:county&at-seq=8", try SubsidiesReport.run(served.ledger, person: nil, group: nil, unit: "unit:county", asOf: nil, atSeq: 8, language: .en).json),
                ("/api/alerts?unit=unit:county&as-of=2026-01-01", try AlertsReport.run(served.ledger, unit: "unit:county", asOf: LocalDate(iso: "2026-01-01"), atSeq: nil, language: .en).json),
            ]
            for (uri, json) in same {
                let answer = try await client.get(uri, token: token)
                #expect(answer.status == .ok, "\(uri): \(answer.text)")
                #expect(answer.text == CanonicalJSON.string(json) + "\n", "\(uri)")
            }
            let trail = try await client.get("/api/trail?group=group:g1&to=2023-06-01", token: token)
            #expect(trail.text == (try TrailReport.run(served.ledger, "group:g1", as: .group, from: nil, to: LocalDate(iso: "2023-06-01"), atSeq: nil, limit: 1_000, language: .en).ndjson))
            #expect(trail.text.split(separator: "\n").count == 2, "the group registered, a person in it: \(trail.text)")
            #expect(try await client.get("/api/trail?group=group:g1&unit=unit:v1", token: token).status == .badRequest)
            #expect(try await client.get("/api/funds", token: token).status == .badRequest)
            #expect(try await client.get("/api/subsidies?group=group:g1&unit=unit:v1", token: token).status == .badRequest)
            let unknown = try await client.get("/api/roster?group=group:g1&colour=red", token: token)
            #expect(unknown.status == .badRequest)
            #expect(unknown.json["error"]?.stringValue?.contains("unknown parameter colour") == true)
            #expect(try await client.get("/api/roster?group=group:g1&as-of=2023-02-30", token: token).status == .badRequest)
            #expect(try await client.get("/api/roster?group=group:g1&at-seq=0", token: token).status == .badRequest)
            #expect(try await client.get("/api/roster?group=group:g1&at-seq=999", token: token).status == .badRequest)
            #expect(try await client.get("/api/roster", token: token).status == .badRequest)
            let nobody = try await client.get("/api/roster?group=no-such-group", token: token)
            #expect(nobody.status == .notFound, "a name that names nothing: 404")
            #expect(try await client.get("/api/find?text=zzzz", token: token).status == .notFound)
        }
    }

    @Test func eventsAreReadInPagesAsExportWritesThem() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("li")
            let first = try await client.get("/api/events?from=1&limit=2", token: token)
            #expect(first.status == .ok)
            let lines = first.text.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix(#"{"actor":"admin","#))
            #expect(lines[0].contains(#""hash":""#) && lines[0].contains(#""prevHash":""#))
            #expect(first.headers[HTTPField.Name("Grassroots-Next-From")!] == "3")
            #expect(first.headers[HTTPField.Name("Grassroots-Head")!] == "12")
            // The page size is bounded (5 here): the answer says where to continue.
            let page = try await client.get("/api/events?from=6", token: token)
            #expect(page.text.split(separator: "\n").count == 5)
            #expect(page.headers[HTTPField.Name("Grassroots-Next-From")!] == "11")
            let last = try await client.get("/api/events?from=11", token: token)
            #expect(last.text.split(separator: "\n").count == 2)
            #expect(last.headers[HTTPField.Name("Grassroots-Next-From")!] == nil)
            #expect(try await client.get("/api/events?from=13", token: token).text.isEmpty)
            #expect(try await client.get("/api/events?limit=6", token: token).status == .badRequest)
            #expect(try await client.get("/api/events?from=x", token: token).status == .badRequest)
        }
    }

    @Test func theStreamSendsEventsAndFollowsNewOnes() async throws {
        let served = try ServedLedger()
        try await served.test { client in
            let token = try await client.token("wang")
            let past = try await client.get("/api/events/stream?from=10&limit=3", token: token)
            #expect(past.status == .ok)
            #expect(past.headers[.contentType] == "text/event-stream; charset=utf-8")
            #expect(past.text.hasPrefix("id: 10\ndata: {"))
            #expect(past.text.contains("\n\nid: 11\ndata: {") && past.text.contains("id: 12\n"))
            #expect(!past.text.contains("id: 13"))
            // A client following from the head gets the event appended while it waits.
            async let following = client.get("/api/events/stream?from=13&limit=1", token: token)
            try await Task.sleep(nanoseconds: 300_000_000)
            #expect(try await client.post("/api/events", token: token, body: Self.meeting).status == .ok)
            let followed = try await following
            #expect(followed.text.hasPrefix("id: 13\ndata: {"))
            #expect(followed.text.contains(#""type":"meeting.held""#))
            // Reconnecting with Last-Event-ID continues after it.
            let resumed = try await client.execute(uri: "/api/events/stream?limit=1", method: .get,
                                                   headers: [.authorization: "Bearer \(token)", HTTPField.Name("Last-Event-ID")!: "11"])
            #expect(resumed.text.hasPrefix("id: 12\n"))
            #expect(try await client.get("/api/events/stream?from=0", token: token).status == .badRequest)
            #expect(try await client.get("/api/events/stream", token: nil).status == .unauthorized)
        }
    }
}
