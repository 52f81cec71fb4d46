import CanonicalJSON
import EventLog
import Dispatch
import Foundation
import Governance
import Hummingbird
import HTTPTypes
import Messages
import Reports

/// The JSON API (README, Serving): log in, append NDJSON, read events, the queries.
extension LedgerServer {
    /// The largest login request.
    static let loginBytesMax = 8 * 1024

    func addAPIRoutes(_ router: Router<ServerContext>) {
        router.post("/api/login") { request, _ in try await self.login(request) }
        router.post("/api/logout") { request, context in
            if let session = context.session { self.sessions.close(session.token) }
            return self.json(["loggedOut": true])
        }
        router.post("/api/events") { request, context in try await self.postEvents(request, context) }
        router.get("/api/events") { request, _ in try self.getEvents(request) }
        router.get("/api/events/stream") { request, _ in self.streamEvents(request) }
        router.get("/api/roster") { request, _ in
            try self.answer(request, allowed: ["unit", "group", "as-of", "at-seq"]) { p in
                guard (p["unit"] == nil) != (p["group"] == nil) else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "unit or group"])) }
                return try RosterReport.run(self.ledger, unit: p["unit"], group: p["group"], asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/units") { request, _ in
            try self.answer(request, allowed: ["within", "at-seq"]) { p in
                try UnitsReport.run(self.ledger, within: p["within"], atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/groups") { request, _ in
            try self.answer(request, allowed: ["unit", "as-of", "at-seq"]) { p in
                try GroupsReport.run(self.ledger, unit: p["unit"], asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/find") { request, _ in
            try self.answer(request, allowed: ["text", "at-seq"]) { p in
                guard let text = p["text"], !text.isEmpty else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "text"])) }
                return try FindReport.run(self.ledger, text: text, atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/funds") { request, _ in
            try self.answer(request, allowed: ["group", "as-of", "at-seq"]) { p in
                guard let group = p["group"] else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "group"])) }
                return try FundsReport.run(self.ledger, group: group, asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/assets") { request, _ in
            try self.answer(request, allowed: ["group", "as-of", "at-seq"]) { p in
                guard let group = p["group"] else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "group"])) }
                return try AssetsReport.run(self.ledger, group: group, asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/subsidies") { request, _ in
            try self.answer(request, allowed: ["person", "group", "unit", "as-of", "at-seq"]) { p in
                guard [p["person"], p["group"], p["unit"]].compactMap({ $0 }).count == 1 else {
                    throw ParameterError(text: Msg.serve.missingParameter(["choices": "one of person, group, unit"]))
                }
                return try SubsidiesReport.run(self.ledger, person: p["person"], group: p["group"], unit: p["unit"], asOf: p.date("as-of"),
                                               atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/alerts") { request, _ in
            try self.answer(request, allowed: ["unit", "as-of", "at-seq"]) { p in
                try AlertsReport.run(self.ledger, unit: p["unit"], asOf: p.date("as-of"), atSeq: p.seq("at-seq"), language: self.language).json
            }
        }
        router.get("/api/trail") { request, _ in try self.trail(request) }
        router.get("/api/whoami") { _, context in
            guard let grant = context.grant else { return self.problem(.unauthorized, Msg.serve.unauthenticated()) }
            return self.json(Self.grantJSON(grant))
        }
    }

    static func grantJSON(_ grant: AccountGrant) -> JSONValue {
        ["account": .string(grant.account), "role": .string(grant.role?.rawValue ?? "revoked"),
         "units": .array(grant.units.map { .string($0) }), "since": .string(grant.since.description), "seq": .integer(Int64(grant.seq))]
    }

    /// A query's answer: its parameters checked, then the same JSON as the command's `--json`.
    func answer(_ request: Request, allowed: [String], _ body: (QueryParameters) throws -> JSONValue) throws -> Response {
        do {
            let parameters = try QueryParameters(request, allowed: allowed)
            return json(try body(parameters))
        } catch let error as ParameterError {
            return problem(.badRequest, error.text)
        } catch {
            return queryFailure(error)
        }
    }

    /// `trail --json`: NDJSON, one event a line.
    func trail(_ request: Request) throws -> Response {
        do {
            let p = try QueryParameters(request, allowed: ["person", "group", "unit", "from", "to", "at-seq", "limit"])
            let given: [(String, TrailReport.Kind)] = [("person", .person), ("group", .group), ("unit", .unit)].compactMap { name, kind in p[name].map { ($0, kind) } }
            guard given.count == 1 else { throw ParameterError(text: Msg.serve.missingParameter(["choices": "one of person, group, unit"])) }
            let report = try TrailReport.run(ledger, given[0].0, as: given[0].1, from: p.date("from"), to: p.date("to"), atSeq: p.seq("at-seq"),
                                             limit: p.integer("limit", in: 1...Limits.readEventsMax) ?? 1_000, language: language)
            return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: report.ndjson)))
        } catch let error as ParameterError {
            return problem(.badRequest, error.text)
        } catch {
            return queryFailure(error)
        }
    }

    // MARK: log in

    /// `{"account": NAME, "password": PASSWORD}` -> `{"token": ..., "expires": ..., "account", "role", "units"}`.
    func login(_ request: Request) async throws -> Response {
        guard let body = try await Self.body(request, limit: Self.loginBytesMax) else { return tooLarge(Self.loginBytesMax) }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body, limits: JSONLimits(depthMax: 2, bytesMax: Self.loginBytesMax))
        } catch {
            return problem(.badRequest, Msg.serve.loginBody().rendered(language) + ": \(error)")
        }
        guard let object = value.objectValue, let name = object["account"]?.stringValue, let password = object["password"]?.stringValue else {
            return problem(.badRequest, Msg.serve.loginBody())
        }
        switch try await authenticateOffThePool(name: name, password: password) {
        case .failure(let text): return problem(.unauthorized, text)
        case .success(let (session, grant)):
            var answer = Self.grantJSON(grant).objectValue ?? JSONObject()
            answer.set("token", .string(session.token))
            answer.set("expires", .string(ISO8601DateFormatter().string(from: session.expires)))
            return json(.object(answer))
        }
    }

    enum Authentication {
        case success((Session, AccountGrant))
        case failure(Text)
    }

    /// `authenticate` on a global dispatch queue: PBKDF2's 600,000 rounds take about half a second of CPU, which
    /// would otherwise hold one of the few threads that serve every request.
    func authenticateOffThePool(name: String, password: String) async throws -> Authentication {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try self.authenticate(name: name, password: password) })
            }
        }
    }

    /// Checks a name and password against the password store and the account's grant today.
    func authenticate(name: String, password: String) throws -> Authentication {
        let account: String
        do {
            account = try PasswordStore.accountID(name)
        } catch {
            return .failure(Msg.serve.badCredentials())
        }
        guard try passwords.verify(account: account, password: password) else { return .failure(Msg.serve.badCredentials()) }
        guard let grant = try grant(of: account) else { return .failure(Msg.serve.accountNotGranted(["account": .plain(account)])) }
        return .success((sessions.open(account: account), grant))
    }

    // MARK: appending

    /// NDJSON, one act a line, appended as one atomic batch (as `grassroots append --batch-size` with the whole
    /// body in one batch). The account is the actor; a clerk's act must lie within its units; reviewers read only.
    func postEvents(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let grant = context.grant else { return problem(.unauthorized, Msg.serve.unauthenticated()) }
        guard grant.role == .clerk else { return problem(.forbidden, Msg.serve.reviewerReadsOnly(["account": .plain(grant.account)])) }
        guard let body = try await Self.body(request, limit: configuration.bodyBytesMax) else { return tooLarge(configuration.bodyBytesMax) }
        var drafts: [EventDraft] = []
        var lineNumbers: [Int] = []
        let progress = AppendProgress()
        var grantsOn = GrantsByDate()
        var number = 0
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard line.count <= AppendWords.lineBytesMax else {
                // A line over the limit is a request too large (413), in the command line's words.
                let tooLong = AppendWords.lineTooLong(bytes: line.count, line: number, progress, firstOfBatch: lineNumbers.first)
                return problem(.contentTooLarge, tooLong.text, violation: tooLong.violation)
            }
            let value: JSONValue
            let draft: EventDraft
            do {
                value = try JSONParser.parse(Array(line), limits: JSONLimits(depthMax: Limits.payloadDepthMax + 1, bytesMax: AppendWords.lineBytesMax))
                draft = try GovernanceRequests.draft(from: value, defaultActor: grant.account)
            } catch {
                return failure(AppendWords.invalidLine(number, error, progress, firstOfBatch: lineNumbers.first ?? number))
            }
            if let actor = value.objectValue?["actor"]?.stringValue, actor != grant.account {
                return problem(.forbidden, Msg.serve.actorNotAccount(["line": .number(number), "account": .plain(grant.account), "actor": .plain(actor)]))
            }
            // The grant in force on the act's effective date decides, not today's: an act dated before the
            // account was granted, or after it was revoked, is refused.
            let granted = try grantsOn.grant(grant.account, on: draft.effectiveDate) { try self.grant(of: grant.account, on: draft.effectiveDate) }
            guard let onDate = granted, let role = onDate.role else {
                return problem(.forbidden, Msg.review.notGrantedOn(["line": .number(number), "account": .plain(grant.account),
                                                                    "date": .date(draft.effectiveDate.description)]))
            }
            guard role == .clerk else {
                return problem(.forbidden, Msg.review.reviewerOn(["line": .number(number), "account": .plain(grant.account),
                                                                  "date": .date(draft.effectiveDate.description)]))
            }
            if let refusal = try scopeRefusal(draft, line: number, grant: onDate) { return refusal }
            drafts.append(draft)
            lineNumbers.append(number)
        }
        do {
            let result = try await append(drafts)
            return json(["dryRun": false, "appended": .integer(Int64(result.appendedCount)), "duplicates": .integer(Int64(result.duplicateCount)),
                         "batches": .integer(drafts.isEmpty ? 0 : 1), "lines": .integer(Int64(number)), "lastSeq": .integer(Int64(result.headSeq))])
        } catch let error as EventLogError {
            return failure(AppendWords.failure(error, lineNumbers: lineNumbers, committed: progress))
        }
    }

    /// The grant in force for `account` on `date` (nil: none then, or revoked).
    func grant(of account: String, on date: LocalDate) throws -> AccountGrant? {
        try ledger.query(AccountGrantQuery(account: account, on: date))
    }

    func failure(_ failure: AppendFailure) -> Response {
        problem(Self.status(failure.kind), failure.text, violation: failure.violation)
    }

    /// Why `grant` may not record `draft` (403), or nil: accounts are granted on the command line only; every
    /// unit, group, person and asset the act names must lie within the account's units.
    func scopeRefusal(_ draft: EventDraft, line: Int, grant: AccountGrant) throws -> Response? {
        if draft.type.hasPrefix("account.") {
            return problem(.forbidden, Msg.serve.accountActsByCommand(["line": .number(line), "type": .plain(draft.type)]))
        }
        let scope = try ledger.query(AccountScopeQuery(subjects: [draft.stream] + draft.subjects, units: grant.units, on: draft.effectiveDate))
        let units: Arg = .list(grant.units.map { .plain($0) })
        switch scope {
        case .within: return nil
        case .outside(let unit, let through):
            return problem(.forbidden, Msg.serve.outsideUnits(["line": .number(line), "account": .plain(grant.account), "units": units,
                                                                "unit": .plain(unit), "through": .plain(through)]))
        case .noUnit:
            return problem(.forbidden, Msg.serve.noUnitNamed(["line": .number(line)]))
        }
    }

    // MARK: reading events

    /// A header name of this server's own.
    static func header(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("\(name) is a valid header name") }
        return field
    }

    /// The events from `from` (1 when absent), at most `limit` (and `eventsPageMax`), as `grassroots export`
    /// writes them. When more follow, `Grassroots-Next-From` names the seq to continue from and
    /// `Grassroots-Cut` says why; `Grassroots-Head` is the head seq when read.
    func getEvents(_ request: Request) throws -> Response {
        let from: UInt64
        let limit: Int
        do {
            let parameters = try QueryParameters(request, allowed: ["from", "limit"])
            from = try parameters.seq("from") ?? 1
            limit = try parameters.integer("limit", in: 1...configuration.eventsPageMax) ?? configuration.eventsPageMax
        } catch {
            return problem(.badRequest, error.text)
        }
        do {
            let head = try ledger.head()
            var buffer: [UInt8] = []
            var last: UInt64 = from - 1
            if head.seq >= from {
                let end = min(head.seq, from + UInt64(limit) - 1)
                try ledger.forEachRecord(in: from...end) { record in
                    EventLines.exportLine(canonical: record.canonical, hash: Hash.hex(record.hash), prevHash: Hash.hex(record.prevHash), into: &buffer)
                    last = record.seq
                    return true
                }
            }
            var headers: HTTPFields = [.contentType: "application/x-ndjson; charset=utf-8"]
            headers[Self.header("Grassroots-Head")] = String(head.seq)
            if last < head.seq {
                headers[Self.header("Grassroots-Next-From")] = String(last + 1)
                headers[Self.header("Grassroots-Cut")] = Msg.serve.eventsCut(["limit": .number(limit), "name": "limit",
                                                                                 "next": .number(last + 1)]).rendered(.en)
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        } catch {
            return queryFailure(error)
        }
    }

    // MARK: following

    /// Server-sent events: every event from `from` (or after the `Last-Event-ID` a reconnecting client sends),
    /// then each new one as it is committed, polled on read snapshots every `streamPollMilliseconds`. Each event is
    /// `id: SEQ` and `data:` its export line; a comment every `streamKeepAliveSeconds` keeps proxies from closing
    /// the connection. The stream ends after `limit` events when given, else after `streamSecondsMax` (the client
    /// reconnects with Last-Event-ID), or when the client goes.
    func streamEvents(_ request: Request) -> Response {
        var from: UInt64
        let limit: Int?
        do {
            let parameters = try QueryParameters(request, allowed: ["from", "limit"])
            from = try parameters.seq("from") ?? 1
            limit = try parameters.integer("limit", in: 1...Int(Int32.max))
        } catch {
            return problem(.badRequest, error.text)
        }
        if let last = request.headers[Self.header("Last-Event-ID")], let seq = UInt64(last) { from = seq + 1 }
        let ledger = self.ledger
        let pollNanoseconds = UInt64(configuration.streamPollMilliseconds) * 1_000_000
        let keepAlive = configuration.streamKeepAliveSeconds
        let deadline = Date().addingTimeInterval(TimeInterval(configuration.streamSecondsMax))
        let chunk = configuration.eventsPageMax
        let start = from
        let body = ResponseBody { writer in
            var next = start
            var sent = 0
            var quietSince = Date()
            while Date() < deadline {
                let head = try ledger.head()
                if head.seq >= next {
                    var text: [UInt8] = []
                    let end = min(head.seq, next + UInt64(min(chunk, (limit ?? Int.max) - sent)) - 1)
                    try ledger.forEachRecord(in: next...end) { record in
                        var line: [UInt8] = []
                        EventLines.exportLine(canonical: record.canonical, hash: Hash.hex(record.hash), prevHash: Hash.hex(record.prevHash), into: &line)
                        text.append(contentsOf: "id: \(record.seq)\ndata: ".utf8)
                        text.append(contentsOf: line)
                        text.append(UInt8(ascii: "\n"))
                        next = record.seq + 1
                        sent += 1
                        return true
                    }
                    try await writer.write(ByteBuffer(bytes: text))
                    quietSince = Date()
                    if let limit, sent >= limit { break }
                    continue
                }
                if Date().timeIntervalSince(quietSince) >= TimeInterval(keepAlive) {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    quietSince = Date()
                }
                try await Task.sleep(nanoseconds: pollNanoseconds)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"], body: body)
    }
}

/// The grants one request has looked up, by effective date (an NDJSON body's acts mostly share a few dates).
struct GrantsByDate {
    private var found: [LocalDate: AccountGrant?] = [:]

    mutating func grant(_ account: String, on date: LocalDate, _ lookup: () throws -> AccountGrant?) rethrows -> AccountGrant? {
        if let known = found[date] { return known }
        let grant = try lookup()
        found[date] = grant
        return grant
    }
}
