import Foundation
import Synchronization

/// A logged-in account: who, until when, and the token its forms carry (CSRF).
struct Session: Sendable {
    let token: String
    let account: String
    let expires: Date
    let csrf: String
}

/// The sessions of logged-in accounts, in memory only: a restart logs everyone out.
final class Sessions: Sendable {
    private let table = Mutex<[String: Session]>([:])
    let lifetimeSeconds: Int
    let max: Int

    init(lifetimeSeconds: Int, max: Int) {
        precondition(lifetimeSeconds > 0 && max > 0, "sessions need a lifetime and room")
        self.lifetimeSeconds = lifetimeSeconds
        self.max = max
    }

    /// A new session for `account`.
    func open(account: String, now: Date = Date()) -> Session {
        let session = Session(token: Sessions.randomToken(), account: account, expires: now.addingTimeInterval(TimeInterval(lifetimeSeconds)),
                              csrf: Sessions.randomToken())
        table.withLock { sessions in
            if sessions.count >= max {
                sessions = sessions.filter { $0.value.expires > now }
                if sessions.count >= max, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires }) {
                    sessions.removeValue(forKey: oldest.key)
                }
            }
            sessions[session.token] = session
        }
        return session
    }

    enum Lookup {
        case active(Session)
        case expired
        case unknown
    }

    func lookup(_ token: String, now: Date = Date()) -> Lookup {
        table.withLock { sessions in
            guard let session = sessions[token] else { return .unknown }
            guard session.expires > now else {
                sessions.removeValue(forKey: token)
                return .expired
            }
            return .active(session)
        }
    }

    func close(_ token: String) {
        _ = table.withLock { $0.removeValue(forKey: token) }
    }

    /// 32 random bytes as hexadecimal.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for _ in 0..<32 {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
