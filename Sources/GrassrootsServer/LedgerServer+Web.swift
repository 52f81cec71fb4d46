import EventLog
import Foundation
import Governance
import Hummingbird
import HTTPTypes
import Messages
import Mustache
import Reports

/// The web pages, in the server's language (Chinese by default), rendered with Mustache (HTML-escaped).
enum Pages {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{site}}</title>
        <style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:60em}
        table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}
        .notice{color:#a00;font-weight:bold}form.inline{display:inline}</style></head>
        <body><header><strong>{{site}}</strong>{{#who}} · {{who}} <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{logout}}</button></form>{{/who}}</header>
        {{#nav}}<nav id="nav">{{#links}}<a href="{{href}}">{{label}}</a> {{/links}}</nav>{{/nav}}
        <h1>{{title}}</h1>{{#notice}}<p class="notice" id="notice">{{notice}}</p>{{/notice}}
        """
    static let login = layout + """
        <form method="post" action="/login" id="login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label>{{accountLabel}} <input name="account" autocomplete="username" required></label></p>
        <p><label>{{passwordLabel}} <input name="password" type="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">{{button}}</button></p></form></body></html>
        """
    static let roster = layout + """
        <form method="get" action="/roster" id="query">
        <label>{{groupLabel}} <input name="group" value="{{group}}"></label>
        <label>{{unitLabel}} <input name="unit" value="{{unit}}"></label>
        <label>{{asOfLabel}} <input name="as-of" type="date" value="{{asOf}}"></label>
        <label>{{atSeqLabel}} <input name="at-seq" type="number" min="1" value="{{atSeq}}"></label>
        <button type="submit">{{show}}</button></form>
        {{#heading}}<p>{{heading}}</p>{{/heading}}
        {{#hasRows}}<table id="roster"><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr>
        {{#rows}}<tr><td>{{group}}</td><td>{{post}}</td><td>{{holder}}</td><td>{{since}}</td></tr>{{/rows}}</table>{{/hasRows}}
        {{#empty}}<p>{{empty}}</p>{{/empty}}
        </body></html>
        """

    static func template(_ text: String) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            preconditionFailure("a page template of Pages does not parse: \(error)")
        }
    }

    static let loginTemplate = template(login)
    static let rosterTemplate = template(roster)
}

extension LedgerServer {
    func addWebRoutes(_ router: Router<ServerContext>) {
        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/roster"]) }
        router.get("/login") { _, _ in self.loginPage(status: .ok, notice: nil) }
        router.post("/login") { request, _ in try await self.webLogin(request) }
        router.post("/logout") { request, context in try await self.webLogout(request, context) }
        router.get("/roster") { request, context in self.rosterPage(request, context) }
    }

    /// The base values every page shows.
    func page(_ title: Message, context: ServerContext?) -> [String: Any] {
        var values: [String: Any] = ["lang": language == .zh ? "zh-CN" : "en", "site": Msg.serve.siteTitle.template(language),
                                     "title": title.template(language), "logout": Msg.serve.logoutButton.template(language)]
        if let session = context?.session, let grant = context?.grant {
            values["who"] = Msg.serve.loggedInAs(["account": .plain(session.account),
                                                  "role": .plain((grant.role.flatMap { Msg.serve.role[$0.rawValue] } ?? Msg.serve.revoked).template(language))]).rendered(language)
            values["csrf"] = session.csrf
            values["nav"] = ["links": navigation(grant)]
        }
        return values
    }

    /// The navigation bar: the reviewers' pages, and the clerks' forms for a clerk.
    func navigation(_ grant: AccountGrant) -> [[String: String]] {
        let r = Msg.review
        var links: [(String, Message)] = [("/roster", r.navRoster), ("/trail", r.navTrail), ("/explain", r.navExplain), ("/alerts", r.navAlerts),
                                          ("/audit", r.navAudit)]
        if grant.role == .clerk { links.append(("/record", r.navRecord)) }
        return links.map { ["href": $0.0, "label": $0.1.template(language)] }
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[LedgerServer.header("X-Frame-Options")] = "DENY"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The login form, with a fresh login CSRF token set as a cookie and carried by the form (double submit).
    func loginPage(status: HTTPResponse.Status, notice: Text?) -> Response {
        let token = Sessions.randomToken()
        var values = page(Msg.serve.loginTitle, context: nil)
        values["csrf"] = token
        values["accountLabel"] = Msg.serve.accountLabel.template(language)
        values["passwordLabel"] = Msg.serve.passwordLabel.template(language)
        values["button"] = Msg.serve.loginButton.template(language)
        if let notice { values["notice"] = notice.rendered(language) }
        return html(Pages.loginTemplate.render(values), status: status,
                    headers: [.setCookie: cookie(LedgerServer.loginCookie, token, seconds: 3600)])
    }

    func cookie(_ name: String, _ value: String, seconds: Int) -> String {
        "\(name)=\(value); Path=/; Max-Age=\(seconds); HttpOnly; SameSite=Strict" + (configuration.behindProxy ? "; Secure" : "")
    }

    /// The login form posted: the CSRF token must equal the login cookie's; then a session cookie.
    func webLogin(_ request: Request) async throws -> Response {
        guard let body = try await Self.body(request, limit: Self.loginBytesMax) else { return tooLarge(Self.loginBytesMax) }
        var fields: [String: String] = [:]
        for (name, value) in FormFields.parse(String(decoding: body, as: UTF8.self)) { fields[name] = value }
        guard let csrf = fields["csrf"], let expected = request.cookies[LedgerServer.loginCookie]?.value, !csrf.isEmpty, csrf == expected else {
            return loginPage(status: .forbidden, notice: Msg.serve.csrfInvalid())
        }
        switch try await authenticateOffThePool(name: fields["account"] ?? "", password: fields["password"] ?? "") {
        case .failure(let text): return loginPage(status: .unauthorized, notice: text)
        case .success(let (session, _)):
            var headers: HTTPFields = [.location: "/roster"]
            headers.append(HTTPField(name: .setCookie, value: cookie(LedgerServer.sessionCookie, session.token, seconds: configuration.sessionSeconds)))
            headers.append(HTTPField(name: .setCookie, value: cookie(LedgerServer.loginCookie, "", seconds: 0)))
            return Response(status: .seeOther, headers: headers)
        }
    }

    /// Logging out is a form with the session's CSRF token.
    func webLogout(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let session = context.session else { return loginPage(status: .unauthorized, notice: Msg.serve.unauthenticated()) }
        guard let body = try await Self.body(request, limit: Self.loginBytesMax) else { return tooLarge(Self.loginBytesMax) }
        guard FormFields.parse(String(decoding: body, as: UTF8.self)).contains(where: { $0.name == "csrf" && $0.value == session.csrf }) else {
            return html("<p>" + Msg.serve.csrfInvalid.template(language) + "</p>", status: .forbidden)
        }
        sessions.close(session.token)
        return Response(status: .seeOther, headers: [.location: "/login", .setCookie: cookie(LedgerServer.sessionCookie, "", seconds: 0)])
    }

    /// A reviewer's (and a clerk's) roster of a group or unit, as of a date and as known after an event.
    func rosterPage(_ request: Request, _ context: ServerContext) -> Response {
        var values = page(Msg.serve.rosterTitle, context: context)
        let s = Msg.serve
        values["groupLabel"] = s.rosterGroup.template(language)
        values["unitLabel"] = s.rosterUnit.template(language)
        values["asOfLabel"] = s.rosterAsOf.template(language)
        values["atSeqLabel"] = s.rosterAtSeq.template(language)
        values["show"] = s.showButton.template(language)
        do {
            let parameters = try QueryParameters(request, allowed: ["group", "unit", "as-of", "at-seq"])
            let group = parameters["group"].flatMap { $0.isEmpty ? nil : $0 }
            let unit = parameters["unit"].flatMap { $0.isEmpty ? nil : $0 }
            let asOf = parameters["as-of"]?.isEmpty == false ? try parameters.date("as-of") : nil
            let atSeq = parameters["at-seq"]?.isEmpty == false ? try parameters.seq("at-seq") : nil
            values["group"] = group ?? ""
            values["unit"] = unit ?? ""
            values["asOf"] = asOf?.description ?? ""
            values["atSeq"] = atSeq.map(String.init) ?? ""
            guard (group == nil) != (unit == nil) else { return html(Pages.rosterTemplate.render(values)) }
            let report = try RosterReport.run(ledger, unit: unit, group: group, asOf: asOf, atSeq: atSeq, language: language)
            var heading: [String] = []
            if let asOf { heading.append(Msg.common.asOf(["date": .date(asOf.description)]).rendered(language)) }
            if let atSeq { heading.append(Msg.common.atSeq(["seq": .number(atSeq)]).rendered(language)) }
            values["heading"] = heading.joined(separator: language == .zh ? "," : ", ")
            let words = Msg.queries.roster
            values["columns"] = [words.group, words.post, words.holder, words.since].map { $0.template(language) }
            values["rows"] = report.rows.map { row -> [String: String] in
                let named = { (id: String) in report.names[id].map { "\($0) (\(id))" } ?? id }
                return ["group": named(row.group), "post": Msg.words.label(Msg.words.post, row.post, language),
                        "holder": row.person.map(named) ?? Msg.common.vacant.template(language),
                        "since": row.person == nil ? words.vacantSince(["date": .date(row.vacantSince ?? "?")]).rendered(language)
                                                   : row.since.map { Dates.display($0, language) } ?? ""]
            }
            values["hasRows"] = !report.rows.isEmpty
            if report.rows.isEmpty { values["empty"] = s.rosterEmpty.template(language) }
            return html(Pages.rosterTemplate.render(values))
        } catch {
            return failedPage(Pages.rosterTemplate, values, error)
        }
    }
}
