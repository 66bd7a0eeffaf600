import Foundation

/// Sign in, sign out and "who am I" (shoreline `/auth/*`).
extension TidepoolClient {
    /// `POST /auth/login` with Basic auth. The token comes in the `X-Tidepool-Session-Token` response header and
    /// becomes the client's session (reported through `onSessionChange`). The password is never stored or logged.
    @discardableResult
    public func login(email: String, password: String) async throws -> User {
        guard !email.isEmpty, !password.isEmpty else { throw APIError(.invalidArgument("email and password are both needed")) }
        let credentials = Data("\(email):\(password)".utf8).base64EncodedString()
        let request = APIRequest(method: "POST", path: "/auth/login",
                                 headers: [(name: "Authorization", value: "Basic \(credentials)")], authenticated: false)
        let response = try await send(request)
        guard let token = response.header(TraceHeaders.sessionToken), !token.isEmpty else {
            throw APIError(.malformedResponse("no \(TraceHeaders.sessionToken) header in the login response"),
                           method: request.method, path: request.path, traceRequest: response.traceRequest)
        }
        let user = try decode(User.self, from: response, request: request)
        var session = Session(token: token, userId: user.userid, username: user.username ?? user.emails?.first)
        if let info = await tokenInfo(token: token) { apply(info, to: &session) }
        setSession(session)
        return user
    }

    /// Adopts a ready token (`TIDEPOOL_SESSION_TOKEN`, `--token-stdin`): learns its user with `GET /auth/user`.
    @discardableResult
    public func login(token: String) async throws -> User {
        let token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw APIError(.invalidArgument("the session token is empty or not one line"))
        }
        let request = APIRequest(method: "GET", path: "/auth/user",
                                 headers: [(name: TraceHeaders.sessionToken, value: token)], authenticated: false)
        let user = try await send(request, decoding: User.self)
        var session = Session(token: token, userId: user.userid, username: user.username ?? user.emails?.first)
        if let info = await tokenInfo(token: token) { apply(info, to: &session) }
        setSession(session)
        return user
    }

    /// `POST /auth/logout` (revokes the token; the server always answers 200), then forgets the session even when
    /// the server could not be reached. Returns the error of the server call, if any, for a warning.
    @discardableResult
    public func logout() async -> APIError? {
        guard session != nil else { return nil }
        var failure: APIError?
        do {
            _ = try await send(APIRequest(method: "POST", path: "/auth/logout"))
        } catch let error as APIError {
            failure = error
        } catch {
            failure = APIError(.localIO("\(error)"))
        }
        setSession(nil)
        return failure
    }

    /// `GET /auth/user`: the signed-in account.
    public func currentUser() async throws -> User {
        guard session != nil else { throw APIError(.notSignedIn, method: "GET", path: "/auth/user") }
        return try await send(APIRequest(method: "GET", path: "/auth/user"), decoding: User.self)
    }

    /// `GET /auth/token` (TokenData of the given token: service flag, expiry). Best effort: nil when the server
    /// does not offer it.
    func tokenInfo(token: String) async -> TokenData? {
        let request = APIRequest(method: "GET", path: "/auth/token",
                                 headers: [(name: TraceHeaders.sessionToken, value: token)], authenticated: false)
        return try? await send(request, decoding: TokenData.self)
    }

    func apply(_ info: TokenData, to session: inout Session) {
        session.isService = info.isserver
        if let exp = info.expiresAt { session.expiresAt = Date(timeIntervalSince1970: TimeInterval(exp)) }
    }
}
