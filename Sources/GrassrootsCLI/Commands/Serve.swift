import ArgumentParser
import Foundation
import GrassrootsServer
import Messages
import Reports
import Synchronization

struct Serve: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the ledger over HTTP: a JSON API for other systems and web pages in Chinese (README, Serving).",
        discussion: """
            Opens the ledger once, for writing, and serves until Ctrl-C (SIGINT) or SIGTERM. Every request but \
            the login page and the login endpoints needs a session: POST /api/login {"account": NAME, \
            "password": PASSWORD} answers a token for `Authorization: Bearer TOKEN`; the web login sets a \
            cookie. Accounts: `grassroots account add`.

            Endpoints: POST /api/events (NDJSON, as append; one atomic batch), GET /api/events?from=SEQ&limit=N, \
            GET /api/events/stream?from=SEQ (server-sent events following new ones), \
            GET /api/roster|units|groups|find with the commands' flags as parameters (as-of, at-seq, group, unit, \
            within, text), GET /api/whoami, POST /api/logout; pages /login and /roster.

            Statuses: 400 bad input (the command line's exit 2), 401 no session, 403 outside the account's units \
            or a reviewer writing, 413 a body over --body-bytes-max, 422 refused by a rule (exit 3), 500 damage \
            or a system failure, 503 the ledger's state (exit 5).

            Only loopback addresses are served by default; another --bind needs --behind-proxy (a reverse proxy \
            on this machine terminates TLS; this version serves no TLS itself).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Option(help: "The address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port, printed).")
    var port: Int = 8080

    @Flag(help: "A reverse proxy on this machine terminates TLS: allows a non-loopback --bind and marks cookies Secure.")
    var behindProxy = false

    @Option(help: "Sessions end this many minutes after the login (1 to 1440).")
    var sessionMinutes: Int = 480

    @Option(help: "The largest request body, in bytes (1 KiB to 64 MiB); a larger one is refused with 413.")
    var bodyBytesMax: Int = 4 << 20

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError(Msg.serve.portRange(["given": .number(port)]).local) }
        guard (1...1_440).contains(sessionMinutes) else { throw ValidationError(Msg.serve.sessionMinutesRange(["given": .number(sessionMinutes)]).local) }
        guard (1_024...(64 << 20)).contains(bodyBytesMax) else { throw ValidationError(Msg.serve.bodyBytesRange(["given": .number(bodyBytesMax)]).local) }
    }

    func run() throws {
        try runReportingErrors(global) {
            guard ServerConfiguration.isLoopback(bind) || behindProxy else {
                throw CLIError.said(Msg.serve.notLoopback(["host": .plain(bind)]), .usage)
            }
            let ledger = try global.openLedger(for: .writing)
            var configuration = ServerConfiguration()
            configuration.host = bind
            configuration.port = port
            configuration.behindProxy = behindProxy
            configuration.language = Reading.language
            configuration.sessionSeconds = sessionMinutes * 60
            configuration.bodyBytesMax = bodyBytesMax
            let server = LedgerServer(ledger: ledger, passwords: AccountSupport.store(global), configuration: configuration)
            let (path, host) = (global.ledgerPath, bind)
            let failure = Mutex<(any Error)?>(nil)
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await server.run(onRunning: { port in
                        let listening = Msg.serve.listening(["ledger": .plain(path), "host": .plain(host), "port": .number(port)]).local
                        FileHandle.standardError.write(Data((listening + "\n").utf8))
                    })
                } catch {
                    failure.withLock { $0 = error }
                }
                done.signal()
            }
            done.wait()
            if let error = failure.withLock({ $0 }) { throw CLIError.failure("\(error)") }
        }
    }
}
