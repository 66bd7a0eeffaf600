import Foundation

/// Session tokens shaped like shoreline's Keycloak-compatible ones: `kc:<access>:<refresh>`,
/// both parts opaque random. The access part expires after `accessLifetime`; the refresh part
/// (used by `GET /auth/login`) after `refreshLifetime`. Tokens live in memory only, so a restart
/// logs everybody out (like a Keycloak realm reset).
final class TokenRegistry: Sendable {
    struct Session: Sendable {
        let userId: String
        let isServer: Bool
        var accessExpires: Date
        var refreshExpires: Date
    }

    private let sessions = Locked<[String: Session]>([:])
    private let accessLifetime: TimeInterval
    private let refreshLifetime: TimeInterval

    init(accessLifetime: TimeInterval, refreshLifetime: TimeInterval) {
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
    }

    func issue(userId: String, isServer: Bool, now: Date = Date()) -> (token: String, session: Session) {
        let token = "kc:" + Identifiers.randomHex(bytes: 24) + ":" + Identifiers.randomHex(bytes: 24)
        let session = Session(userId: userId, isServer: isServer, accessExpires: now.addingTimeInterval(accessLifetime),
                              refreshExpires: now.addingTimeInterval(max(refreshLifetime, accessLifetime)))
        sessions.withLock { $0[token] = session }
        return (token, session)
    }

    /// The session whose access part is still valid, else nil (treated as anonymous).
    func validate(_ token: String, now: Date = Date()) -> Session? {
        sessions.withLock { all in
            guard let session = all[token], session.accessExpires > now else { return nil }
            return session
        }
    }

    /// `GET /auth/login`: a new token when the refresh part is still valid.
    func refresh(_ token: String, now: Date = Date()) -> (token: String, session: Session)? {
        let existing: Session? = sessions.withLock { all in
            guard let session = all[token], session.refreshExpires > now else { return nil }
            return session
        }
        guard let existing else { return nil }
        return issue(userId: existing.userId, isServer: existing.isServer, now: now)
    }

    func revoke(_ token: String) {
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    /// Makes the access part of `token` expire now (its refresh part stays valid).
    @discardableResult
    func expire(_ token: String, now: Date = Date()) -> Bool {
        sessions.withLock { all in
            guard all[token] != nil else { return false }
            all[token]?.accessExpires = now.addingTimeInterval(-1)
            return true
        }
    }

    func expireAll(now: Date = Date()) {
        sessions.withLock { all in
            for key in all.keys { all[key]?.accessExpires = now.addingTimeInterval(-1) }
        }
    }
}
