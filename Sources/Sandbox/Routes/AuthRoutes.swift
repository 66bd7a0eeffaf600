import Foundation
import HTTPTypes
import Hummingbird

/// shoreline's legacy session API: `/auth/login`, `/auth/logout`, `/auth/user[/{id}]`, `/auth/token[/{token}]`.
struct AuthRoutes: Sendable {
    let core: SandboxCore

    static let termsAccepted = "2024-01-01T00:00:00Z"

    // MARK: POST /auth/login

    func login(_ request: Request) -> Response {
        guard let (email, password) = Self.basicCredentials(request) else {
            return Reply.shoreline(400, "Missing id and/or password")
        }
        guard let account = core.directory.account(email: email), account.password == password else {
            return Reply.shoreline(401, "No user matched the given details")
        }
        guard account.emailVerified else { return Reply.shoreline(403, "The user hasn't verified this account yet") }
        let issued = core.tokens.issue(userId: account.userId, isServer: account.isService)
        var headers = HTTPFields()
        headers[.tidepoolSessionToken] = issued.token
        return Reply.raw(200, userJSON(account).encoded, contentType: "application/json", headers: headers)
    }

    static func basicCredentials(_ request: Request) -> (String, String)? {
        guard let header = request.headers[.authorization], header.count > 6,
              header.prefix(6).lowercased() == "basic " else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        let user = String(text[..<colon]), password = String(text[text.index(after: colon)...])
        guard !user.isEmpty, !password.isEmpty else { return nil }
        return (user, password)
    }

    // MARK: GET /auth/login (refresh)

    func refresh(_ request: Request) -> Response {
        guard let token = request.headers[.tidepoolSessionToken], let issued = core.tokens.refresh(token) else {
            return Reply.shoreline(401, "No x-tidepool-session-token was found")
        }
        var headers = HTTPFields()
        headers[.tidepoolSessionToken] = issued.token
        return Reply.raw(200, tokenData(issued.session).encoded, contentType: "application/json", headers: headers)
    }

    // MARK: POST /auth/logout

    func logout(_ request: Request) -> Response {
        for token in request.headerValues(.tidepoolSessionToken) { core.tokens.revoke(token) }
        return Response(status: .ok, headers: [:], body: .init())
    }

    // MARK: GET /auth/user, /auth/user/{userIdOrEmail}

    func user(_ request: Request, key: String?) -> Response {
        guard let token = request.headers[.tidepoolSessionToken], let session = core.tokens.validate(token),
              let caller = core.directory.account(id: session.userId) else {
            return Reply.shoreline(401, "Not authorized for requested operation")
        }
        guard let key else { return Reply.raw(200, userJSON(caller).encoded, contentType: "application/json") }
        guard let target = core.directory.account(idOrEmail: key) else { return Reply.shoreline(404, "User not found") }
        guard session.isServer || target.userId == caller.userId || core.directory.isCustodian(caller.userId, of: target.userId) else {
            return Reply.shoreline(401, "Not authorized for requested operation")
        }
        return Reply.raw(200, userJSON(target).encoded, contentType: "application/json")
    }

    // MARK: GET /auth/token, /auth/token/{token}

    func token(_ request: Request, checking other: String?) -> Response {
        guard let token = request.headers[.tidepoolSessionToken], let session = core.tokens.validate(token) else {
            return Reply.shoreline(401, "No x-tidepool-session-token was found")
        }
        guard let other else { return Reply.raw(200, tokenData(session).encoded, contentType: "application/json") }
        guard session.isServer, let checked = core.tokens.validate(other) else {
            return Reply.shoreline(401, "No x-tidepool-session-token was found")
        }
        return Reply.raw(200, tokenData(checked).encoded, contentType: "application/json")
    }

    // MARK: Bodies

    /// `asSerializableUser` (a Go map, so keys come out sorted).
    func userJSON(_ account: Account) -> JSONText {
        let isClinician = core.directory.clinics.contains { $0.clinicians.contains(account.userId) }
        return .members([
            ("emailVerified", .bool(account.emailVerified)),
            ("emails", .array([.string(account.email)])),
            ("roles", isClinician ? .array([.string("clinic")]) : nil),
            ("termsAccepted", .string(Self.termsAccepted)),
            ("userid", .string(account.userId)),
            ("username", .string(account.email)),
        ])
    }

    func tokenData(_ session: TokenRegistry.Session) -> JSONText {
        .object([
            ("isserver", .bool(session.isServer)),
            ("userid", .string(session.userId)),
            ("expires_at", .int(Int64(session.accessExpires.timeIntervalSince1970))),
        ])
    }
}
