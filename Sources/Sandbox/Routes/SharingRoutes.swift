import Foundation
import Hummingbird

/// Who can see whom: seagull `/metadata/users/{userId}/users`, gatekeeper `/access/groups/{userId}`.
///
/// Service (support) accounts: besides their explicit shares they are treated as trusted by every
/// non-service account, so their `/metadata/users/{id}/users` lists everybody (with the explicit
/// permissions, or `{"view":{}}` when there are none) and `/access/groups/{id}` lists everybody too.
/// Their session tokens are server tokens, so they may also ask about any user id.
struct SharingRoutes: Sendable {
    let core: SandboxCore

    private var directory: AccountDirectory { core.directory }

    private func caller(_ request: Request) -> (account: Account, isServer: Bool)? {
        guard let token = request.headers[.tidepoolSessionToken], let session = core.tokens.validate(token),
              let account = directory.account(id: session.userId) else { return nil }
        return (account, session.isServer)
    }

    /// amoeba `requireCustodian`: the user itself, a custodian of it, or a server token.
    private func mayActFor(_ request: Request, userId: String) -> Bool {
        guard let (account, isServer) = caller(request) else { return false }
        return isServer || account.userId == userId || directory.isCustodian(account.userId, of: userId)
    }

    /// What `userId` may do on `other`'s data as listed by seagull/gatekeeper (direct shares,
    /// plus the implicit view of service accounts).
    private func trustorPermissions(of userId: String, on other: String) -> Set<Permission> {
        var permissions = directory.directPermissions(of: userId, on: other)
        if permissions.isEmpty, let me = directory.account(id: userId), me.isService,
           let them = directory.account(id: other), !them.isService {
            permissions = [.view]
        }
        return permissions
    }

    static func permissionsJSON(_ permissions: Set<Permission>) -> JSONText {
        .object(Permission.allCases.sorted { $0.rawValue < $1.rawValue }
            .filter { permissions.contains($0) }.map { ($0.rawValue, JSONText.object([])) })
    }

    // MARK: GET /metadata/users/{userId}/users

    func metadataUsers(_ request: Request, userId: String) -> Response {
        guard mayActFor(request, userId: userId) else { return Reply.text(401, "Unauthorized") }
        var entries: [JSONText] = []
        for other in directory.accounts where other.userId != userId {
            let trustor = trustorPermissions(of: userId, on: other.userId)
            let trustee = directory.directPermissions(of: other.userId, on: userId)
            guard !trustor.isEmpty || !trustee.isEmpty else { continue }
            var profile: [(String, JSONText?)] = [("fullName", .string(other.fullName))]
            if !trustor.isEmpty, !other.isService, let birthday = other.birthday {
                profile.append(("patient", .object([("birthday", .string(birthday))])))
            }
            entries.append(.members([
                ("userid", .string(other.userId)),
                ("username", .string(other.email)),
                ("emails", .array([.string(other.email)])),
                ("emailVerified", .bool(other.emailVerified)),
                ("termsAccepted", .string(AuthRoutes.termsAccepted)),
                ("profile", .members(profile)),
                ("trustorPermissions", trustor.isEmpty ? nil : Self.permissionsJSON(trustor)),
                ("trusteePermissions", trustee.isEmpty ? nil : Self.permissionsJSON(trustee)),
            ]))
        }
        return Reply.raw(200, JSONText.array(entries).encoded, contentType: "application/json")
    }

    // MARK: GET /access/groups/{userId}

    func accessGroups(_ request: Request, userId: String) -> Response {
        guard mayActFor(request, userId: userId) else { return Reply.text(401, "Unauthorized") }
        guard directory.account(id: userId) != nil else { return Reply.text(404, "Not Found") }
        var members: [(String, JSONText)] = [(userId, Self.permissionsJSON([.root]))]
        for other in directory.accounts where other.userId != userId {
            let permissions = trustorPermissions(of: userId, on: other.userId)
            if !permissions.isEmpty { members.append((other.userId, Self.permissionsJSON(permissions))) }
        }
        return Reply.raw(200, JSONText.object(members).encoded, contentType: "application/json")
    }
}
