public import Messages

/// How `grassroots serve` runs: where it listens, how long sessions last, the limits on what it reads.
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// A reverse proxy on this machine terminates TLS (README, Serving): cookies are marked Secure.
    public var behindProxy = false
    /// The language of the web pages and of the API's messages.
    public var language: Language = .zh
    /// A session (API token or web cookie) ends this long after the login.
    public var sessionSeconds: Int = 8 * 60 * 60
    /// The largest request body read; a larger one is refused with 413.
    public var bodyBytesMax: Int = 4 << 20
    /// Events `GET /api/events` answers at most per request.
    public var eventsPageMax: Int = 1_000
    /// `GET /api/events/stream`: how often it looks for new events, how often a quiet stream sends a comment,
    /// and how long one stream lasts before the client reconnects (with Last-Event-ID).
    public var streamPollMilliseconds: Int = 250
    public var streamKeepAliveSeconds: Int = 15
    public var streamSecondsMax: Int = 3_600
    /// Sessions held at once; the oldest is ended to make room.
    public var sessionsMax: Int = 10_000

    public init() {}

    /// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost): the only addresses served without TLS
    /// or a reverse proxy.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in UInt8(part) != nil }
    }
}
