import Foundation
import HTTPTypes
import Hummingbird

/// `/v1/users/{userId}/device_logs`, `/v1/device_logs/{id}`, `/v1/device_logs/{id}/content`.
struct DeviceLogRoutes: Sendable {
    let core: SandboxCore

    /// Permissions that allow writing device logs (`HasExplicitWritePermissions`).
    private static let writePermissions: Set<Permission> = [.custodian, .upload, .root]

    // MARK: POST /v1/users/{userId}/device_logs (RequireWritePermissions)

    func create(_ request: Request, caller: Caller, userId: String) async throws -> Response {
        guard Identifiers.isValidUserId(userId) else { throw ServiceFailure.badRequest(.parameterInvalid("userId")) }
        switch caller {
        case .anonymous: throw ServiceFailure.unauthenticated
        case .service: break
        case .user(let account):
            guard let permissions = core.directory.permissions(of: account.userId, on: userId) else {
                throw ServiceFailure.unauthorized
            }
            guard !permissions.isDisjoint(with: Self.writePermissions) else { throw ServiceFailure.emptyForbidden }
        }
        let sentDigest = try HeaderRules.digest(request, required: true)
        let mediaType = try HeaderRules.contentType(request)
        let startAt = try HeaderRules.time(request, .logsStartAt)
        let endAt = try HeaderRules.time(request, .logsEndAt)
        let createdTime = WireTime.nowMilliseconds()
        let stored = try await Upload.receive(request, core: core, kind: .logs, userId: userId, sentDigest: sentDigest)
        let record = DeviceLogRecord(id: stored.id, userId: userId, mediaType: mediaType, digestMD5: stored.digest,
                                     size: stored.size, createdTime: createdTime, startAtTime: startAt, endAtTime: endAt,
                                     revision: 1)
        do {
            try await Task.detached { try core.metadata.insert([], [record]) }.value
        } catch {
            core.content.remove(.logs, userId: userId, id: stored.id)   // no row will ever point at it
            throw error
        }
        return Reply.json(201, record.json)
    }

    // MARK: GET /v1/users/{userId}/device_logs (RequireMembership)

    func list(_ request: Request, caller: Caller, userId: String) async throws -> Response {
        guard Identifiers.isValidUserId(userId) else { throw ServiceFailure.badRequest(.parameterInvalid("userId")) }
        switch caller {
        case .anonymous: throw ServiceFailure.unauthenticated
        case .service: break
        case .user(let account):
            guard core.directory.permissions(of: account.userId, on: userId) != nil else { throw ServiceFailure.unauthorized }
        }
        var reader = QueryReader(QueryParameters(request.uri.query))
        let start = reader.time("startAtTime")
        let end = reader.time("endAtTime")
        let page = reader.page()
        let size = reader.size()
        let errors = reader.finish()
        guard errors.isEmpty else { throw ServiceFailure.badRequest(errors) }
        let logs = try await Task.detached {
            try core.metadata.listDeviceLogs(userId: userId, start: start, end: end, page: page, size: size)
        }.value
        // The platform's nil slice: an empty result is `null`, not `[]`.
        let json: JSONText = logs.isEmpty ? .null : .array(logs.map(\.json))
        return Reply.raw(200, core.listBody(json), contentType: Reply.jsonContentType)
    }

    // MARK: GET /v1/device_logs/{id}

    func get(_ request: Request, caller: Caller, id: String) async throws -> Response {
        guard Identifiers.isValidBlobId(id) else { throw ServiceFailure.badRequest(.parameterInvalid("id")) }
        guard let log = try await Task.detached(operation: { try core.metadata.deviceLog(id: id) }).value else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        switch membership(caller, userId: log.userId) {
        case .member: return Reply.json(200, log.json)
        case .notMember: throw ServiceFailure.unauthorized
        case .lookupError: throw ServiceFailure.internalError
        }
    }

    // MARK: GET /v1/device_logs/{id}/content (RequireAuth)

    func content(_ request: Request, caller: Caller, id: String) async throws -> Response {
        if caller.isAnonymous { throw ServiceFailure.unauthenticated }
        guard Identifiers.isValidBlobId(id) else { throw ServiceFailure.badRequest(.parameterInvalid("id")) }
        guard let log = try await Task.detached(operation: { try core.metadata.deviceLog(id: id) }).value else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        switch membership(caller, userId: log.userId) {
        case .member: break
        case .notMember: throw ServiceFailure.notFound(.resourceNotFound(id: id))
        case .lookupError: throw ServiceFailure.internalError
        }
        let faults = core.faults.current
        guard let body = ContentStreamer.body(path: core.content.path(.logs, userId: log.userId, id: id), size: log.size,
                                              cutAfter: faults.cutContentAfterBytes) else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        var headers = HTTPFields()
        headers[.contentType] = log.mediaType
        headers[.digest] = "MD5=" + (faults.wrongDigest ? Upload.wrongDigest(log.digestMD5) : log.digestMD5)
        headers[.startAt] = WireTime.format(log.startAtTime)
        headers[.endAt] = WireTime.format(log.endAtTime)
        return Response(status: .ok, headers: headers, body: body)
    }

    private enum Membership { case member, notMember, lookupError }

    /// `CheckMembership`: anonymous → false; a stranger makes gatekeeper answer 404, which the
    /// platform turns into an error (→ 500 in these two handlers).
    private func membership(_ caller: Caller, userId: String) -> Membership {
        switch caller {
        case .anonymous: return .notMember
        case .service: return .member
        case .user(let account):
            return core.directory.permissions(of: account.userId, on: userId) == nil ? .lookupError : .member
        }
    }
}
