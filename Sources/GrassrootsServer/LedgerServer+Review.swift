import CanonicalJSON
import EventLog
import Foundation
import Governance
import Hummingbird
import HTTPTypes
import Messages
import Mustache
import NIOCore
import Reports

/// The queries the API answers beyond the directory's (README, Serving): explain, the departure audit, policies,
/// a person, the ledger's figures; and the pages for reviewers (and clerks): trail, explain, alerts and the
/// printable departure audit. Every one reads on a read snapshot and never takes the writer lock.
extension LedgerServer {
    func addReviewRoutes(_ router: Router<ServerContext>) {
        router.get("/api/explain") { request, _ in
            try self.answer(request, allowed: ["seq", "vote", "at-seq"]) { p in
                try ExplainReport.run(self.ledger, target: try Self.explainTarget(p), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/audit") { request, _ in try await self.auditJSON(request) }
        router.get("/api/policy") { request, _ in
            try self.answer(request, allowed: []) { _ in try PolicyListReport.run(self.ledger).json }
        }
        router.get("/api/policy/show") { request, _ in
            try self.answer(request, allowed: ["policy", "group", "unit", "date"]) { p in
                guard [p["policy"], p["group"], p["unit"]].compactMap({ $0 }).count == 1 else { throw ParameterError(text: Msg.usage.onePolicyTarget()) }
                let date = try p.date("date")
                if p["policy"] == nil, date == nil { throw ParameterError(text: Msg.usage.needsDate()) }
                let group = try NameLookup.resolve(self.ledger, p["group"], as: .group, atSeq: nil, language: self.language)
                let unit = try NameLookup.resolve(self.ledger, p["unit"], as: .unit, atSeq: nil, language: self.language)
                return try PolicyShowReport.run({ self.ledger }, policy: p["policy"], group: group, unit: unit, date: date).json
            }
        }
        router.get("/api/person") { request, _ in
            try self.answer(request, allowed: ["person", "as-of", "at-seq"]) { p in
                guard let person = p["person"], !person.isEmpty else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "person"])) }
                return try PersonAnswer.run(self.ledger, person: person, asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/stats") { request, _ in
            try self.answer(request, allowed: []) { _ in StatsReport.json(try self.ledger.stats()) }
        }

        router.get("/trail") { request, context in self.trailPage(request, context) }
        router.get("/explain") { request, context in self.explainPage(request, context) }
        router.get("/alerts") { request, context in self.alertsPage(request, context) }
        router.get("/audit") { request, context in try await self.auditPage(request, context) }
    }

    /// `seq=N` or `vote=vote:ID`, as `grassroots explain DECISION` takes either.
    static func explainTarget(_ p: QueryParameters) throws(ParameterError) -> ExplainTarget {
        switch (p["seq"], p["vote"]) {
        case (let seq?, nil):
            guard let number = UInt64(seq), number >= 1 else { throw ParameterError(text: Msg.explain.badTarget(["given": .plain(seq)])) }
            return .seq(number)
        case (nil, let vote?):
            guard vote.hasPrefix("vote:") else { throw ParameterError(text: Msg.explain.badTarget(["given": .plain(vote)])) }
            return .vote(vote)
        default: throw ParameterError(text: Msg.review.noDecision())
        }
    }

    /// A query's failure, with the status the command line's exit stands for: bad input 400; an id or name that
    /// names nothing 404; a decision that cannot be explained, or a holder who held no post there, 422; damage 500.
    func reviewFailure(_ error: any Error) -> (status: HTTPResponse.Status, text: String, violation: RuleViolation?) {
        switch error {
        case let error as ParameterError: return (.badRequest, error.text.rendered(language), nil)
        case let failure as ExplainFailure:
            switch failure.error {
            case .unknownVote, .unknownEvent: return (.notFound, failure.text.rendered(language), nil)
            case .notADecision, .noCandidates, .noRecallVote: return (.unprocessableContent, failure.text.rendered(language), nil)
            }
        case let failure as LookupFailure: return (failure.notFound ? .notFound : .badRequest, failure.text.rendered(language), nil)
        case let violation as RuleViolation:
            let unknown = [Msg.rules.name.unknownUnit, Msg.rules.name.unknownGroup, Msg.rules.name.unknownPerson].contains(violation.ruleMessage)
            let status: HTTPResponse.Status = violation.isDamage ? .internalServerError
                : unknown ? .notFound : violation.ruleMessage == Msg.rules.name.noTenure ? .unprocessableContent : .badRequest
            return (status, violation.rendered(language), violation)
        case let error as PolicyError: return (.notFound, error.rendered(language), nil)
        case let failure as EventLogError:
            let kind = AppendWords.failure(failure, lineNumbers: [], committed: AppendProgress()).kind
            return (LedgerServer.status(kind), failure.text(in: language).rendered(language), nil)
        default: return (.internalServerError, "\(error)", nil)
        }
    }

    /// `audit departure --json`: the report's JSON with its checkpoint; its content's SHA-256 in a header.
    func auditJSON(_ request: Request) async throws -> Response {
        do {
            let p = try QueryParameters(request, allowed: ["person", "group", "at-seq"])
            guard let person = p["person"], let group = p["group"], !person.isEmpty, !group.isEmpty else { throw ParameterError(text: Msg.review.personAndGroup()) }
            let report = try await auditReport(person: person, group: group, atSeq: p.seq("at-seq"))
            var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
            headers[Self.header("Grassroots-Report-SHA256")] = DepartureAuditReport.sha256(report.contentText)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: report.jsonText)))
        } catch {
            let failure = reviewFailure(error)
            return problem(failure.status, failure.text, violation: failure.violation)
        }
    }

    /// The departure audit, off the threads that serve requests: it verifies the chain up to the event it stands at.
    func auditReport(person: String, group: String, atSeq: UInt64?) async throws -> DepartureAuditReport {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try DepartureAuditReport.run(self.ledger, person: person, group: group, atSeq: atSeq, language: self.language) })
            }
        }
    }
}

// MARK: pages

/// The reviewers' pages' templates (after `Pages.layout`).
enum ReviewPages {
    static let form = """
        <form method="get" action="{{action}}" id="query">
        {{#fields}}<label>{{label}} <input name="{{name}}" type="{{type}}" value="{{value}}"></label> {{/fields}}
        <button type="submit">{{show}}</button></form>
        """
    static let trail = Pages.layout + form + """
        {{#heading}}<p id="heading">{{heading}}</p>{{/heading}}{{#cut}}<p class="notice">{{cut}}</p>{{/cut}}
        {{#hasRows}}<table id="trail"><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr>
        {{#rows}}<tr><td>{{seq}}</td><td>{{effective}}</td><td>{{recorded}}</td><td>{{type}}</td><td>{{stream}}</td><td>{{status}}</td><td>{{detail}}</td></tr>{{/rows}}</table>{{/hasRows}}
        {{#empty}}<p>{{empty}}</p>{{/empty}}
        </body></html>
        """
    static let explain = Pages.layout + form + """
        {{#atSeq}}<p>{{atSeq}}</p>{{/atSeq}}
        {{#decisions}}<section class="decision">{{#ended}}<p>{{ended}}</p>{{/ended}}<h2>{{heading}}</h2>{{#status}}<p class="notice">{{status}}</p>{{/status}}
        <p>{{basis}}</p>
        <table class="checks"><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr>
        {{#checks}}<tr><td>{{label}}</td><td>{{figures}}</td><td>{{mark}}</td><td>{{source}}</td></tr>{{/checks}}</table>
        {{#verdict}}<p class="verdict"><strong>{{verdict}}</strong></p>{{/verdict}}</section>{{/decisions}}
        </body></html>
        """
    static let alerts = Pages.layout + form + """
        {{#heading}}<p id="heading">{{heading}}</p>{{/heading}}
        {{#hasRows}}<table id="alerts"><tr>{{#columns}}<th>{{.}}</th>{{/columns}}</tr>
        {{#rows}}<tr><td>{{kind}}</td><td>{{place}}</td><td>{{person}}</td><td>{{detail}}</td><td>{{source}}</td></tr>{{/rows}}</table>{{/hasRows}}
        </body></html>
        """
    static let auditForm = Pages.layout + form + """
        <p>{{intro}}</p></body></html>
        """
    /// Put after the report's `<body>`: the navigation and a print button, neither printed.
    static let auditBar = """
        <div class="noprint" id="bar"><style>@media print{.noprint{display:none}} .noprint{font-family:sans-serif;margin-bottom:1em}</style>
        {{#nav}}<nav id="nav">{{#links}}<a href="{{href}}">{{label}}</a> {{/links}}</nav>{{/nav}}
        <button type="button" id="print" onclick="window.print()">{{print}}</button> <a href="{{back}}">{{backLabel}}</a></div>
        """

    static let trailTemplate = Pages.template(trail)
    static let explainTemplate = Pages.template(explain)
    static let alertsTemplate = Pages.template(alerts)
    static let auditFormTemplate = Pages.template(auditForm)
    static let auditBarTemplate = Pages.template(auditBar)
}

extension LedgerServer {
    /// A query form's field.
    func field(_ label: Message, _ name: String, _ value: String?, type: String = "text") -> [String: String] {
        ["label": label.template(language), "name": name, "type": type, "value": value ?? ""]
    }

    /// A page's values with its query form.
    func reviewPage(_ title: Message, _ context: ServerContext, action: String, fields: [[String: String]]) -> [String: Any] {
        var values = page(title, context: context)
        values["action"] = action
        values["fields"] = fields
        values["show"] = Msg.serve.showButton.template(language)
        return values
    }

    /// The page with the failure's words as its notice, and the failure's status.
    func failedPage(_ template: MustacheTemplate, _ values: [String: Any], _ error: any Error) -> Response {
        var values = values
        let failure = reviewFailure(error)
        values["notice"] = failure.text
        return html(template.render(values), status: failure.status)
    }

    /// An id with its name beside it, where the register has one.
    func named(_ id: String, _ names: [String: String]) -> String {
        names[id].map { Msg.common.named(["name": .plain($0), "id": .plain(id)]).rendered(language) } ?? id
    }

    /// Every event concerning a person, group or unit, with names beside ids (`grassroots trail`).
    func trailPage(_ request: Request, _ context: ServerContext) -> Response {
        let r = Msg.review
        var values = reviewPage(r.trailTitle, context, action: "/trail", fields: [])
        do {
            let p = try QueryParameters(request, allowed: ["person", "group", "unit", "from", "to", "at-seq", "limit"])
            let given = p.nonEmpty
            values["fields"] = [field(r.personLabel, "person", given["person"]), field(r.groupLabel, "group", given["group"]),
                                field(r.unitLabel, "unit", given["unit"]), field(r.fromLabel, "from", given["from"], type: "date"),
                                field(r.toLabel, "to", given["to"], type: "date"), field(r.atSeqLabel, "at-seq", given["at-seq"], type: "number")]
            let subjects: [(String, TrailReport.Kind)] = [("person", .person), ("group", .group), ("unit", .unit)].compactMap { name, kind in given[name].map { ($0, kind) } }
            if subjects.isEmpty { return html(ReviewPages.trailTemplate.render(values)) }
            guard subjects.count == 1 else { throw ParameterError(text: Msg.usage.oneOfPersonGroupUnit()) }
            let limit = try p.integer("limit", in: 1...Limits.readEventsMax) ?? ReviewLimits.trailEventsMax
            let atSeq = try given["at-seq"] == nil ? nil : p.seq("at-seq")
            let report = try TrailReport.run(ledger, subjects[0].0, as: subjects[0].1, from: given["from"] == nil ? nil : p.date("from"),
                                             to: given["to"] == nil ? nil : p.date("to"), atSeq: atSeq, limit: limit, language: language)
            let names = try NameLookup.names(ledger, Describe.ids(report.events).union([report.subject]), atSeq: atSeq, language: language)
            let words = Msg.queries.trail
            let subject = named(report.subject, names)
            values["heading"] = r.trailCount(["count": .number(report.events.count), "subject": .plain(subject)]).rendered(language)
            if report.events.count >= limit { values["cut"] = r.trailCut(["limit": .number(limit)]).rendered(language) }
            values["columns"] = [words.seq, words.effective, words.recorded, words.type, words.stream, words.status, words.detail].map { $0.template(language) }
            values["rows"] = report.events.map { event -> [String: String] in
                let status = report.statuses[event.seq].map { (($0.status == "retracted" ? words.retracted : words.corrected)(["seq": .number($0.by)])).rendered(language) }
                return ["seq": String(event.seq), "effective": Dates.display(event.effectiveDate.description, language),
                        "recorded": Dates.beijing(event.recordedAt.description, language), "type": Describe.type(event, language),
                        "stream": named(event.stream, names), "status": status ?? "", "detail": Describe.detail(event.data, language, names: names)]
            }
            values["hasRows"] = !report.events.isEmpty
            if report.events.isEmpty { values["empty"] = words.none(["subject": .plain(subject)]).rendered(language) }
            return html(ReviewPages.trailTemplate.render(values))
        } catch {
            return failedPage(ReviewPages.trailTemplate, values, error)
        }
    }

    /// A decision's checks, with their numbers, results and sources (`grassroots explain`).
    func explainPage(_ request: Request, _ context: ServerContext) -> Response {
        let r = Msg.review
        var values = reviewPage(r.explainTitle, context, action: "/explain", fields: [])
        do {
            let p = try QueryParameters(request, allowed: ["seq", "vote", "at-seq"])
            let given = p.nonEmpty
            values["fields"] = [field(r.decisionLabel, given["vote"] == nil ? "seq" : "vote", given["seq"] ?? given["vote"]),
                                field(r.atSeqLabel, "at-seq", given["at-seq"], type: "number")]
            if given["seq"] == nil && given["vote"] == nil { return html(ReviewPages.explainTemplate.render(values)) }
            let atSeq = try given["at-seq"] == nil ? nil : p.seq("at-seq")
            let report = try ExplainReport.run(ledger, target: try Self.explainTarget(p), atSeq: atSeq, language: language)
            let words = Msg.explain
            if let atSeq { values["atSeq"] = Msg.common.atSeq(["seq": .number(atSeq)]).rendered(language) }
            values["decisions"] = report.explanations.map { explanation -> [String: Any] in
                let a = explanation.assessment
                var decision: [String: Any] = ["heading": ExplainReport.heading(explanation, names: report.names).rendered(language)]
                if let ended = explanation.endedBy, let person = a.person {
                    decision["ended"] = words.officeEnded(["seq": .number(ended), "person": ExplainReport.shown(person, report.names),
                                                           "vote": .number(explanation.seq ?? 0)]).rendered(language)
                }
                if let status = explanation.status, let seq = explanation.seq, let by = explanation.statusBy {
                    decision["status"] = (status == "retracted" ? words.retracted : words.corrected)(["seq": .number(seq), "by": .number(by)]).rendered(language)
                }
                let lineage: Arg = .list(a.policyLineage.map { .plain($0) })
                decision["basis"] = (a.meeting.map { words.meeting(["meeting": .plain($0), "date": .date(a.date.description), "policy": .plain(a.policy), "lineage": lineage]) }
                    ?? words.judgedOn(["date": .date(a.date.description), "policy": .plain(a.policy), "lineage": lineage])).rendered(language)
                decision["columns"] = [words.columnCheck, words.columnFigures, words.columnResult, words.columnSource].map { $0.template(language) }
                decision["checks"] = a.checks.map { check -> [String: String] in
                    ["label": ExplainReport.word(check.kind.rawValue, words.label).rendered(language),
                     "figures": ExplainReport.figures(check, names: report.names).rendered(language),
                     "mark": ExplainReport.mark(check).rendered(language), "source": check.source.rendered(language)]
                }
                decision["verdict"] = ExplainReport.verdict(explanation).map { $0.rendered(language) }.joined(separator: " ")
                return decision
            }
            return html(ReviewPages.explainTemplate.render(values))
        } catch {
            return failedPage(ReviewPages.explainTemplate, values, error)
        }
    }

    /// What should have happened and did not, each citing its source (`grassroots alerts`).
    func alertsPage(_ request: Request, _ context: ServerContext) -> Response {
        let r = Msg.review
        var values = reviewPage(r.alertsTitle, context, action: "/alerts", fields: [])
        do {
            let p = try QueryParameters(request, allowed: ["unit", "as-of", "at-seq"])
            let given = p.nonEmpty
            values["fields"] = [field(r.unitLabel, "unit", given["unit"]), field(r.asOfLabel, "as-of", given["as-of"], type: "date"),
                                field(r.atSeqLabel, "at-seq", given["at-seq"], type: "number")]
            let day = try (given["as-of"] == nil ? nil : p.date("as-of")) ?? LocalDate.today()
            let atSeq = try given["at-seq"] == nil ? nil : p.seq("at-seq")
            let report = try AlertsReport.run(ledger, unit: given["unit"], asOf: day, atSeq: atSeq, language: language)
            let words = Msg.queries.alerts
            values["heading"] = (report.alerts.isEmpty ? words.none(["date": .date(day.description)])
                : words.count(["count": .number(report.alerts.count), "date": .date(day.description)])).rendered(language)
                + (atSeq.map { words.atSeq(["seq": .number($0)]).rendered(language) } ?? "")
            values["columns"] = [words.kind, words.place, words.person, words.detail, words.source].map { $0.template(language) }
            values["rows"] = report.alerts.map { alert -> [String: String] in
                ["kind": alert.kindMessage.template(language), "place": named(alert.group, report.names),
                 "person": alert.person.map { named($0, report.names) } ?? "", "detail": alert.detailText.rendered(language),
                 "source": alert.sourceText.rendered(language)]
            }
            values["hasRows"] = !report.alerts.isEmpty
            return html(ReviewPages.alertsTemplate.render(values))
        } catch {
            return failedPage(ReviewPages.alertsTemplate, values, error)
        }
    }

    /// The departure audit as the printable page `audit departure --format html` writes, with the navigation and a
    /// print button that are not printed; without a person and group, the form.
    func auditPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let r = Msg.review
        var values = reviewPage(r.auditTitle, context, action: "/audit", fields: [])
        values["intro"] = r.auditIntro.template(language)
        do {
            let p = try QueryParameters(request, allowed: ["person", "group", "at-seq"])
            let given = p.nonEmpty
            values["fields"] = [field(r.personLabel, "person", given["person"]), field(r.groupLabel, "group", given["group"]),
                                field(r.atSeqLabel, "at-seq", given["at-seq"], type: "number")]
            if given["person"] == nil && given["group"] == nil { return html(ReviewPages.auditFormTemplate.render(values)) }
            guard let person = given["person"], let group = given["group"] else { throw ParameterError(text: r.personAndGroup()) }
            let atSeq = try given["at-seq"] == nil ? nil : p.seq("at-seq")
            let report = try await auditReport(person: person, group: group, atSeq: atSeq)
            let document = report.document(language, digest: DepartureAuditReport.sha256(report.contentText)).html()
            var bar = values
            bar["print"] = r.printButton.template(language)
            bar["back"] = "/audit"
            bar["backLabel"] = r.backLink.template(language)
            let toolbar = ReviewPages.auditBarTemplate.render(bar)
            guard let body = document.range(of: "<body>\n") else { preconditionFailure("the audit document has a <body>") }
            return html(document.replacingCharacters(in: body, with: "<body>\n" + toolbar + "\n"))
        } catch {
            return failedPage(ReviewPages.auditFormTemplate, values, error)
        }
    }
}

/// The reviewers' pages' limits.
enum ReviewLimits {
    /// Events a trail page shows unless `limit` asks for another number (`Limits.readEventsMax` at most).
    static let trailEventsMax = 1_000
}

extension QueryParameters {
    /// The parameters given with a value (a form's empty fields are left out).
    var nonEmpty: [String: String] {
        var found: [String: String] = [:]
        for name in names where self[name]?.isEmpty == false { found[name] = self[name] }
        return found
    }
}
