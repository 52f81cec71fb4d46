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

/// A temporary ledger as a village clerk has it (the registers of `grassroots record`'s tests: 联合村, its
/// 第三村民小组, 王秀英 and 李春生), another village outside the clerk's grant, and two accounts: `wang` a clerk of
/// 联合村, `li` a reviewer of the county. Served in Chinese.
/// Unchecked: every stored property is a `let`; `TemporaryDirectory` (a test helper) is not marked Sendable.
final class FormLedger: @unchecked Sendable {
    let directory: TemporaryDirectory
    let ledger: Ledger
    let server: LedgerServer

    init(language: Language = .zh) throws {
        directory = try TemporaryDirectory()
        var options = LedgerOptions()
        options.hook = GovernanceHook()
        ledger = try Ledger.create(at: directory.ledger, options: options, ledgerID: "forms")
        let lines = [
            #"{"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:county","name":"德清县","level":"county"}}"#,
            #"{"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:wk-lianhe","name":"联合村","level":"village","parent":"unit:county"}}"#,
            #"{"type":"unit.registered","effectiveDate":"2023-01-01","data":{"unit":"unit:other","name":"蠡山村","level":"village","parent":"unit:county"}}"#,
            #"{"type":"group.registered","effectiveDate":"2023-01-10","data":{"group":"group:lh-03","unit":"unit:wk-lianhe","name":"第三村民小组","kind":"village","households":46,"adults":131}}"#,
            #"{"type":"group.registered","effectiveDate":"2023-01-10","data":{"group":"group:o-1","unit":"unit:other","name":"蠡山第一组","kind":"village","households":20,"adults":50}}"#,
            #"{"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0001","name":"王秀英","birthDate":"1972-05-14","sex":"F","group":"group:lh-03","votingRights":true}}"#,
            #"{"type":"person.registered","schemaVersion":2,"effectiveDate":"2023-01-10","data":{"person":"person:p-0004","name":"李春生","birthDate":"1966-11-30","sex":"M","group":"group:lh-03","votingRights":true}}"#,
            #"{"type":"account.granted","effectiveDate":"2023-01-01","data":{"account":"account:wang","role":"clerk","units":["unit:wk-lianhe"]}}"#,
            #"{"type":"account.granted","effectiveDate":"2023-01-01","data":{"account":"account:li","role":"reviewer","units":["unit:county"]}}"#,
        ]
        _ = try ledger.append(lines.map { try GovernanceRequests.draft(from: JSONParser.parse($0), defaultActor: "admin") })
        let store = PasswordStore(ledgerPath: directory.ledger, iterations: PasswordStore.iterationsMin)
        for account in ["account:wang", "account:li"] { try store.set(account: account, password: ServedLedger.password) }
        var configuration = ServerConfiguration()
        configuration.language = language
        server = LedgerServer(ledger: ledger, passwords: store, configuration: configuration)
    }

    var head: UInt64 {
        get throws { try ledger.head().seq }
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = Application(router: server.router())
        try await application.test(.router, body)
    }

    /// The meeting, vote and installation of `grassroots record`'s tests, as a clerk types them into the forms.
    static let meeting: [(String, String)] = [("date", "2023-02-18"), ("group", "第三村民小组"), ("purpose", "选举小组长"),
                                              ("eligible-adults", "131"), ("attending-adults", "97")]
    static let vote: [(String, String)] = [("date", "2023-02-18"), ("group", "第三村民小组"), ("question", "election"), ("ballots-cast", "97"),
                                           ("candidate", "王秀英=71"), ("candidate", "person=person:p-0004,votes=20"), ("candidate", "")]
    static let installation: [(String, String)] = [("date", "2023-02-18"), ("group", "第三村民小组"), ("person", "王秀英"), ("post", "group-leader")]
}

/// A logged-in browser: the session cookie and the CSRF token its pages carry.
struct WebSession {
    let cookie: String
    let csrf: String

    static func open(_ client: any TestClientProtocol, _ account: String) async throws -> WebSession {
        let cookie = try await WebTests.logIn(client, account)
        let page = try await client.execute(uri: "/roster", method: .get, headers: [.cookie: cookie])
        return WebSession(cookie: cookie, csrf: try #require(FormTests.csrf(in: page.text)))
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
    }

    /// Posts the form's fields (url-encoded), with the session's CSRF token unless `csrf` says otherwise.
    func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], csrf: String?? = .none) async throws -> TestResponse {
        let token: String? = switch csrf {
        case .none: self.csrf
        case .some(let given): given
        }
        let all = (token.map { [("csrf", $0)] } ?? []) + fields
        return try await client.execute(uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                                        body: ByteBuffer(string: FormTests.encode(all)))
    }
}

@Suite("grassroots serve: web forms for clerks")
struct FormTests {
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    static func csrf(in page: String) -> String? {
        guard let start = page.range(of: "name=\"csrf\" value=\"")?.upperBound else { return nil }
        let token = String(page[start...].prefix { $0 != "\"" })
        return token.isEmpty ? nil : token
    }

    /// A page's text with Mustache's HTML escapes undone.
    static func unescaped(_ page: String) -> String {
        page.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The act the command line builds from the same values: `grassroots record`'s own builder and lookups.
    static func cliDraft(_ ledger: Ledger, _ act: String, _ fields: [(String, String)], actor: String) throws -> EventDraft {
        let form = try #require(Acts.form(named: act))
        let given = try #require(fields.first { $0.0 == "date" }?.1)
        let date = try #require(LocalDate(iso: given))
        let values = fields.filter { $0.0 != "date" && !$0.1.isEmpty }.map { (flag: $0.0, value: $0.1) }
        return try Acts.build(form, ActRequest(values: values, date: date, actor: actor), context: LedgerActLookups(ledger: ledger, language: .zh)).draft
    }

    @Test func aClerkSeesTheActsAndFormsInChinese() async throws {
        let served = try FormLedger()
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            let list = try await wang.get(client, "/record")
            #expect(list.status == .ok)
            for form in Acts.all { #expect(list.text.contains(">\(form.alias)</a>"), "\(form.alias) is not listed") }
            #expect(list.text.contains("联合村(unit:wk-lianhe)"))
            let meeting = try await wang.get(client, "/record/meeting")
            #expect(meeting.status == .ok)
            #expect(meeting.text.contains("记录:会议"))
            #expect(meeting.text.contains(#"name="date" type="date""#))
            #expect(meeting.text.contains(#"name="eligible-adults" type="number""#))
            #expect(meeting.text.contains("应到人数"))
            #expect(meeting.text.contains(#"<option value="第三村民小组">"#), "the group's name is offered")
            #expect(meeting.text.contains("value=\"\(wang.csrf)\""))
            // By its Chinese name, as `record` accepts it.
            let byAlias = try await wang.get(client, "/record/" + ("会议".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(byAlias.status == .ok && byAlias.text.contains("记录:会议"))
            let installation = try await wang.get(client, "/record/installation")
            #expect(installation.text.contains(#"<select id="f-post-0" name="post" required>"#))
            #expect(installation.text.contains(#"<option value="group-leader">小组长</option>"#))
            let vote = try await wang.get(client, "/record/vote")
            #expect(vote.text.components(separatedBy: #"name="candidate""#).count - 1 == LedgerServer.listBoxesMin)
            let receipt = try await wang.get(client, "/record/fund-receipt")
            #expect(receipt.text.contains(#"inputmode="decimal""#) && receipt.text.contains("金额(元)") && receipt.text.contains("凭证号"))
            let unknown = try await wang.get(client, "/record/nothing")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("没有“nothing”这一事项"))
        }
    }

    @Test func aReviewerGetsNoFormsAndRecordsNothing() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let li = try await WebSession.open(client, "li")
            for uri in ["/record", "/record/meeting"] {
                let page = try await li.get(client, uri)
                #expect(page.status == .forbidden, "\(uri)")
                #expect(page.text.contains("审阅人") && !page.text.contains("act-form"), "\(uri)")
            }
            let posted = try await li.post(client, "/record/meeting", FormLedger.meeting)
            #expect(posted.status == .forbidden)
        }
        #expect(try served.head == head)
    }

    @Test func nothingIsServedOrWrittenWithoutASession() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let list = try await client.execute(uri: "/record", method: .get)
            #expect(list.status == .unauthorized)
            #expect(list.text.contains(#"action="/login""#))
            let posted = try await client.execute(uri: "/record/meeting", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: FormTests.encode(FormLedger.meeting)))
            #expect(posted.status == .unauthorized)
            // The icon a browser asks for with the login page sets no new login cookie (which would void the form's token).
            let icon = try await client.execute(uri: "/favicon.ico", method: .get)
            #expect(icon.status == .noContent && cookie(icon, "grassroots_login") == nil)
        }
        #expect(try served.head == head)
    }

    @Test func aPostWithoutTheSessionsCSRFTokenOrTooLargeWritesNothing() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            let missing = try await wang.post(client, "/record/meeting", FormLedger.meeting, csrf: .some(nil))
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("表单已过期或并非来自本站"))
            let wrong = try await wang.post(client, "/record/meeting", FormLedger.meeting, csrf: .some(String(repeating: "0", count: 64)))
            #expect(wrong.status == .forbidden)
            let large = try await wang.post(client, "/record/meeting", FormLedger.meeting + [("purpose", String(repeating: "x", count: LedgerServer.formBytesMax))])
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("请求内容超过\(LedgerServer.formBytesMax)字节"))
        }
        #expect(try served.head == head)
    }

    @Test func malformedValuesAreRefusedInTheCommandLinesWordsWithTheFormFilledAgain() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            var typed = FormLedger.meeting
            typed[3] = ("eligible-adults", "一百")
            let page = try await wang.post(client, "/record/meeting", typed)
            #expect(page.status == .badRequest)
            let words = Msg.record.badCount(["flag": .plain("eligible-adults"), "value": .plain("一百")]).rendered(.zh)
            #expect(FormTests.unescaped(page.text).contains(#"id="notice">"# + words + "</p>"), "\(page.text)")
            #expect(page.text.contains(#"value="一百""#) && page.text.contains(#"value="选举小组长""#))
            let noDate = try await wang.post(client, "/record/meeting", Array(FormLedger.meeting.dropFirst()))
            #expect(noDate.status == .badRequest)
            #expect(FormTests.unescaped(noDate.text).contains(Msg.record.missingDate(["act": .plain("meeting")]).rendered(.zh)))
            var unknown = FormLedger.meeting
            unknown[1] = ("group", "第九村民小组")
            let nobody = try await wang.post(client, "/record/meeting", unknown)
            #expect(nobody.status == .badRequest)
            #expect(nobody.text.contains("第九村民小组"))
            let badBytes = try await client.execute(uri: "/record/meeting", method: .post, headers: [.cookie: wang.cookie],
                                                    body: ByteBuffer(string: "csrf=\(wang.csrf)&date=2023-02-18&purpose=%FF%FE"))
            #expect(badBytes.status == .badRequest)
            #expect(badBytes.text.contains("purpose"))
        }
        #expect(try served.head == head)
    }

    @Test func anActOutsideTheClerksUnitsIsRefusedNamingTheUnit() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            var typed = FormLedger.meeting
            typed[1] = ("group", "蠡山第一组")
            let page = try await wang.post(client, "/record/meeting", typed)
            #expect(page.status == .forbidden)
            let text = FormTests.unescaped(page.text)
            #expect(text.contains("蠡山村(unit:other)"), "\(text)")
            #expect(text.contains("account:wang只能为联合村(unit:wk-lianhe)记录"))
        }
        #expect(try served.head == head)
    }

    @Test func aRecordedActNamesItsEventAndTheAccountIsTheActorOnceOnly() async throws {
        let served = try FormLedger()
        let head = try served.head
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            let page = try await wang.post(client, "/record/meeting", FormLedger.meeting)
            #expect(page.status == .ok)
            #expect(page.text.contains("已记录村民小组会议") && page.text.contains("第\(head + 1)号事件"), "\(page.text)")
            #expect(page.text.contains("meeting:lh-03-2023-02-18"))
            #expect(page.text.contains("第三村民小组(group:lh-03)"))
            let again = try await wang.post(client, "/record/meeting", FormLedger.meeting)
            #expect(again.status == .ok)
            #expect(again.text.contains(Msg.record.alreadyRecorded(["seq": .number(head + 1), "type": .plain("meeting.held")]).rendered(.zh)))
        }
        #expect(try served.head == head + 1)
        let event = try #require(try served.ledger.event(seq: head + 1))
        #expect(event.actor == "account:wang")
        #expect(event.type == "meeting.held")
    }

    @Test func aRuleRefusalShowsTheCommandLinesWordsAndWritesNothing() async throws {
        let served = try FormLedger()
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            for (act, fields) in [("meeting", FormLedger.meeting), ("vote", FormLedger.vote), ("installation", FormLedger.installation)] {
                let page = try await wang.post(client, "/record/\(act)", fields)
                #expect(page.status == .ok, "\(act): \(page.text)")
            }
            let head = try served.head
            // 李春生 had 20 of 97 votes: the rules refuse to install him.
            let refused = [("date", "2023-02-18"), ("group", "第三村民小组"), ("person", "李春生"), ("post", "group-leader")]
            let draft = try FormTests.cliDraft(served.ledger, "installation", refused, actor: "account:wang")
            var expected: String?
            do {
                _ = try served.ledger.dryRun { session in try session.append([draft]) }
            } catch let error as EventLogError {
                expected = error.text(in: .zh).rendered(.zh)
            }
            let words = try #require(expected, "the rules refuse the installation")
            #expect(words.contains("依据"))
            let page = try await wang.post(client, "/record/installation", refused)
            #expect(page.status == .unprocessableContent)
            #expect(FormTests.unescaped(page.text).contains(#"id="notice">"# + words + "</p>"), "\(page.text)")
            #expect(page.text.contains(#"value="李春生""#))
            #expect(try served.head == head)
        }
    }

    /// The form records what `grassroots record` records for the same values: the same payload and idempotency
    /// key (RecordTests prove those equal to the hand-written NDJSON the command replaces).
    @Test func theFormRecordsWhatTheCommandLineRecords() async throws {
        let served = try FormLedger()
        let cli = try FormLedger()
        let first = try served.head + 1
        try await served.test { client in
            let wang = try await WebSession.open(client, "wang")
            for (act, fields) in [("meeting", FormLedger.meeting), ("vote", FormLedger.vote), ("installation", FormLedger.installation)] {
                let page = try await wang.post(client, "/record/\(act)", fields)
                #expect(page.status == .ok, "\(act): \(page.text)")
            }
        }
        var seq = first
        for (act, fields) in [("meeting", FormLedger.meeting), ("vote", FormLedger.vote), ("installation", FormLedger.installation)] {
            let draft = try FormTests.cliDraft(cli.ledger, act, fields, actor: "account:wang")
            _ = try cli.ledger.append([draft])
            let web = try #require(try served.ledger.event(seq: seq))
            let command = try #require(try cli.ledger.event(seq: seq))
            #expect(CanonicalJSON.string(.object(web.data)) == CanonicalJSON.string(.object(command.data)), "\(act)")
            #expect(web.idempotencyKey == command.idempotencyKey && web.idempotencyKey?.hasPrefix("rec:") == true, "\(act)")
            #expect(web.type == command.type && web.schemaVersion == command.schemaVersion && web.stream == command.stream && web.subjects == command.subjects)
            seq += 1
        }
        let installed = try #require(try served.ledger.event(seq: first + 2))
        #expect(CanonicalJSON.string(.object(installed.data))
                == #"{"group":"group:lh-03","person":"person:p-0001","post":"group-leader","vote":"vote:lh-03-2023-02-18-election"}"#)
    }
}
