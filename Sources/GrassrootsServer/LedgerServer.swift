import CanonicalJSON
import Dispatch
public import EventLog
import Foundation
import Governance
public import Hummingbird
import Logging
import HTTPTypes
import Messages
import NIOCore
public import Reports

/// What a request carries once the session middleware has let it in: the session and the account's grant.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var session: Session?
    var grant: AccountGrant?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }
}

/// `grassroots serve`: one process serving the web pages and the JSON API on a ledger it opened once for
/// writing. Appends run one at a time on a queue of their own (LMDB's writer lock serialises them anyway);
/// reads run on read snapshots and never wait for a writer.
public final class LedgerServer: Sendable {
    let ledger: Ledger
    let passwords: PasswordStore
    let sessions: Sessions
    let configuration: ServerConfiguration
    private let writer = DispatchQueue(label: "grassroots.serve.append")

    public init(ledger: Ledger, passwords: PasswordStore, configuration: ServerConfiguration) {
        self.ledger = ledger
        self.passwords = passwords
        self.configuration = configuration
        self.sessions = Sessions(lifetimeSeconds: configuration.sessionSeconds, max: configuration.sessionsMax)
    }

    var language: Language { configuration.language }

    /// Every route, behind the session middleware.
    public func router() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.add(middleware: SessionMiddleware(server: self))
        addAPIRoutes(router)
        addWebRoutes(router)
        addReviewRoutes(router)
        addFormRoutes(router)
        return router
    }

    /// Listens until SIGINT or SIGTERM; `onRunning` is told the port listened on (the one asked for, or the
    /// free port chosen for port 0).
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let port = configuration.port
        // Hummingbird's own log says "Server started" in English at info; the command says it in the reader's
        // language (`onRunning`), so only Hummingbird's warnings and errors are logged.
        var logger = Logger(label: "grassroots")
        logger.logLevel = .warning
        let application = Application(
            router: router(),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "grassroots"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await application.runService()
    }

    /// Appends on the writer queue, off the threads that serve requests.
    func append(_ drafts: [EventDraft]) async throws -> AppendResult {
        try await withCheckedThrowingContinuation { continuation in
            writer.async { [ledger] in
                continuation.resume(with: Result { try ledger.append(drafts) })
            }
        }
    }

    /// The grant in force today for `account` (nil: none, or revoked).
    func grant(of account: String) throws -> AccountGrant? {
        guard let grant = try ledger.query(AccountGrantQuery(account: account)), grant.role != nil else { return nil }
        return grant
    }
}

/// Lets in the login page and the login endpoints; everything else needs a live session of an account whose
/// grant is in force today: `Authorization: Bearer TOKEN` under /api/, the session cookie elsewhere. A web
/// form's POST must carry the session's CSRF token.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let server: LedgerServer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // A browser asks for an icon with every page, the login page too: answered empty, or its 401 login page
        // would set a new login cookie and void the CSRF token of the login form on screen.
        if request.method == .get && path == "/favicon.ico" { return Response(status: .noContent) }
        if (request.method == .get && path == "/login") || (request.method == .post && (path == "/login" || path == "/api/login")) {
            return try await next(request, context)
        }
        let api = path.hasPrefix("/api/")
        let token = api ? Self.bearer(request) : request.cookies[LedgerServer.sessionCookie]?.value
        let refusal = { (text: Text) -> Response in
            api ? server.problem(.unauthorized, text) : server.loginPage(status: .unauthorized, notice: text)
        }
        guard let token else { return refusal(Msg.serve.unauthenticated()) }
        let session: Session
        switch server.sessions.lookup(token) {
        case .active(let found): session = found
        case .expired: return refusal(Msg.serve.sessionExpired())
        case .unknown: return refusal(Msg.serve.unauthenticated())
        }
        guard let grant = try server.grant(of: session.account) else {
            server.sessions.close(token)
            return refusal(Msg.serve.accountNotGranted(["account": .plain(session.account)]))
        }
        var context = context
        context.session = session
        context.grant = grant
        return try await next(request, context)
    }

    static func bearer(_ request: Request) -> String? {
        guard let value = request.headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        let token = value.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

// MARK: answers

extension LedgerServer {
    static let sessionCookie = "grassroots_session"
    static let loginCookie = "grassroots_login"

    /// A JSON answer.
    func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: CanonicalJSON.string(value) + "\n")))
    }

    /// A refusal as JSON: `{"error": TEXT, "status": CODE}`, with the rule's name, detail and source when a
    /// rule refused.
    func problem(_ status: HTTPResponse.Status, _ text: Text, violation: RuleViolation? = nil) -> Response {
        problem(status, text.rendered(language), violation: violation)
    }

    func problem(_ status: HTTPResponse.Status, _ text: String, violation: RuleViolation? = nil) -> Response {
        var object: JSONObject = ["error": .string(text), "status": .integer(Int64(status.code))]
        if let violation {
            object.set("rule", .string(violation.ruleMessage.template(language)))
            object.set("detail", .string(violation.detailText.rendered(language)))
            object.set("source", .string(violation.sourceText.rendered(language)))
        }
        return json(.object(object), status: status)
    }

    /// The status of an append's failure: bad input 400, a rule's refusal 422, the ledger's state 503, damage
    /// or a system failure 500 (the command line's exit codes 2, 3, 5, 4 and 1).
    static func status(_ kind: AppendFailure.Kind) -> HTTPResponse.Status {
        switch kind {
        case .badInput: .badRequest
        case .refused: .unprocessableContent
        case .ledgerState: .serviceUnavailable
        case .integrity, .failure: .internalServerError
        }
    }

    /// A query's failure as the command line would report it (`reviewFailure`): bad input 400, an id or name that
    /// names nothing 404, an at-seq beyond the head as the ledger's state says.
    func queryFailure(_ error: any Error) -> Response {
        let failure = reviewFailure(error)
        return problem(failure.status, failure.text, violation: failure.violation)
    }

    /// The request's body, or nil when it exceeds `limit` bytes.
    static func body(_ request: Request, limit: Int) async throws -> [UInt8]? {
        var collected: [UInt8] = []
        for try await buffer in request.body {
            guard collected.count + buffer.readableBytes <= limit else { return nil }
            collected.append(contentsOf: buffer.readableBytesView)
        }
        return collected
    }

    func tooLarge(_ limit: Int) -> Response {
        problem(.contentTooLarge, Msg.serve.bodyTooLarge(["max": .number(limit)]))
    }
}
