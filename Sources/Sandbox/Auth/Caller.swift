import Foundation
import Hummingbird

/// Who is calling, as the platform's authenticator middleware decides it.
enum Caller: Sendable {
    case anonymous
    case user(Account)
    case service(Account)

    var userId: String? {
        switch self {
        case .anonymous: return nil
        case .user(let account), .service(let account): return account.userId
        }
    }

    var isService: Bool { if case .service = self { return true } else { return false } }
    var isAnonymous: Bool { if case .anonymous = self { return true } else { return false } }

    /// `service/middleware/auth.go`: `Authorization: Bearer …` then `X-Tidepool-Session-Token`.
    /// Duplicated headers or a malformed `Authorization` → 403; invalid/expired tokens → anonymous.
    static func authenticate(_ request: Request, tokens: TokenRegistry, directory: AccountDirectory) -> Result<Caller, ServiceFailure> {
        func resolve(_ token: String) -> Caller? {
            guard let session = tokens.validate(token), let account = directory.account(id: session.userId) else { return nil }
            return session.isServer ? .service(account) : .user(account)
        }
        let authorization = request.headerValues(.authorization)
        if authorization.count > 1 { return .failure(.unauthorized) }
        if let value = authorization.first {
            guard let space = value.firstIndex(of: " ") else { return .failure(.unauthorized) }
            if value[..<space].lowercased() == "bearer" {
                let token = value[value.index(after: space)...].trimmingCharacters(in: .whitespaces)
                if let caller = resolve(token) { return .success(caller) }
            }
        }
        let sessionTokens = request.headerValues(.tidepoolSessionToken)
        if sessionTokens.count > 1 { return .failure(.unauthorized) }
        if let token = sessionTokens.first, let caller = resolve(token) { return .success(caller) }
        return .success(.anonymous)
    }
}
