import Foundation

extension TidepoolClient {
    /// `GET /auth/login` with the current token: on success stores the new token (and what TokenData says).
    /// Returns false when the server refuses (the caller then reports the original 401).
    /// Concurrent callers that saw the same expired token refresh once: a caller whose token was already
    /// replaced just retries with the new one.
    func refreshBlocking(cancel: CancelFlag?, expiredToken: String? = nil) throws -> Bool {
        guard let current = session else { return false }
        if let expiredToken, expiredToken != current.token { return true }
        let request = APIRequest(method: "GET", path: "/auth/login")
        let response = try perform(request, cancel: cancel)
        guard response.status == 200, let token = response.header(TraceHeaders.sessionToken), !token.isEmpty else {
            return false
        }
        var renewed = current
        renewed.token = token
        // An expiry we cannot renew from the answer is dropped, so it does not trigger a refresh on every request.
        renewed.expiresAt = nil
        if let data = try? TidepoolJSON.decoder().decode(TokenData.self, from: response.body) {
            renewed.isService = data.isserver
            if let exp = data.expiresAt { renewed.expiresAt = Date(timeIntervalSince1970: TimeInterval(exp)) }
        }
        setSession(renewed)
        return true
    }
}
