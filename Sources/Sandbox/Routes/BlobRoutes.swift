import Foundation
import HTTPTypes
import Hummingbird

/// `/v1/users/{userId}/blobs`, `/v1/blobs/{id}`, `/v1/blobs/{id}/content` (platform `blob/service/api/v1`).
struct BlobRoutes: Sendable {
    let core: SandboxCore

    static let statuses = ["available", "created"]

    // MARK: GET /v1/users/{userId}/blobs

    func list(_ request: Request, caller: Caller, userId: String) async throws -> Response {
        guard Identifiers.isValidUserId(userId) else { throw ServiceFailure.badRequest(.parameterInvalid("userId")) }
        var reader = QueryReader(QueryParameters(request.uri.query))
        let mediaTypes = reader.stringArray("mediaType")
        let statuses = reader.stringArray("status")
        let page = reader.page()
        let size = reader.size()
        if let mediaTypes {
            validateArray(mediaTypes, "mediaType", &reader) { value in
                MediaType.isValid(value) ? nil : .mediaTypeNotValid(value, "mediaType")
            }
        }
        if let statuses {
            validateArray(statuses, "status", &reader) { value in
                Self.statuses.contains(value) ? nil : .valueNotAllowed(value, Self.statuses, "status")
            }
        }
        let errors = reader.finish()
        guard errors.isEmpty else { throw ServiceFailure.badRequest(errors) }
        guard caller.isService else { throw ServiceFailure.unauthorized }
        let blobs = try await Task.detached {
            try core.metadata.listBlobs(userId: userId, statuses: statuses ?? ["available"], mediaTypes: mediaTypes,
                                        page: page, size: size)
        }.value
        return Reply.raw(200, core.listBody(.array(blobs.map(\.json))), contentType: Reply.jsonContentType)
    }

    private func validateArray(_ values: [String], _ name: String, _ reader: inout QueryReader,
                               _ check: (String) -> ServiceError?) {
        var seen: Set<String> = []
        for value in values {
            if value.isEmpty { reader.invalid(.valueEmpty(name)); continue }
            if let error = check(value) { reader.invalid(error); continue }
            if !seen.insert(value).inserted { reader.invalid(.valueDuplicate(name)) }
        }
    }

    // MARK: POST /v1/users/{userId}/blobs

    func create(_ request: Request, caller: Caller, userId: String) async throws -> Response {
        guard Identifiers.isValidUserId(userId) else { throw ServiceFailure.badRequest(.parameterInvalid("userId")) }
        let sentDigest = try HeaderRules.digest(request, required: false)
        let mediaType = try HeaderRules.contentType(request)
        try authorizeUpload(caller, userId: userId)
        let createdTime = WireTime.nowMilliseconds()
        let stored = try await Upload.receive(request, core: core, kind: .blobs, userId: userId, sentDigest: sentDigest)
        let record = BlobRecord(id: stored.id, userId: userId, mediaType: mediaType, digestMD5: stored.digest,
                                size: stored.size, status: "available", createdTime: createdTime,
                                modifiedTime: WireTime.nowMilliseconds(), revision: 1)
        do {
            try await Task.detached { try core.metadata.insert([record]) }.value
        } catch {
            core.content.remove(.blobs, userId: userId, id: stored.id)   // no row will ever point at it
            throw error
        }
        return Reply.json(201, record.json)
    }

    /// `EnsureAuthorizedUser(userId, "upload")`: service, self, or `upload`/`root` on the target.
    private func authorizeUpload(_ caller: Caller, userId: String) throws {
        switch caller {
        case .service: return
        case .anonymous: throw ServiceFailure.unauthorized
        case .user(let account):
            let permissions = core.directory.permissions(of: account.userId, on: userId) ?? []
            guard permissions.contains(.upload) || permissions.contains(.root) else { throw ServiceFailure.unauthorized }
        }
    }

    // MARK: DELETE /v1/users/{userId}/blobs

    func deleteAll(_ request: Request, caller: Caller, userId: String) async throws -> Response {
        guard Identifiers.isValidUserId(userId) else { throw ServiceFailure.badRequest(.parameterInvalid("userId")) }
        guard caller.isService else { throw ServiceFailure.unauthorized }
        let deleted = try await Task.detached { try core.metadata.deleteAllBlobs(userId: userId) }.value
        // Only the deleted rows' files: removing the whole directory would also take the content of an upload
        // that was renamed into place but not yet committed, leaving an "available" blob without content.
        for blob in deleted where blob.status == "available" {
            core.content.remove(.blobs, userId: userId, id: blob.id)
        }
        return Reply.empty(204)
    }

    // MARK: GET /v1/blobs/{id}

    func get(_ request: Request, caller: Caller, id: String) async throws -> Response {
        let blob = try await existingBlob(caller: caller, id: id)
        return Reply.json(200, blob.json)
    }

    // MARK: GET /v1/blobs/{id}/content

    func content(_ request: Request, caller: Caller, id: String) async throws -> Response {
        let blob = try await existingBlob(caller: caller, id: id)
        guard blob.status == "available", let digest = blob.digestMD5, let size = blob.size else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        let faults = core.faults.current
        guard let body = ContentStreamer.body(path: core.content.path(.blobs, userId: blob.userId, id: id), size: size,
                                              cutAfter: faults.cutContentAfterBytes) else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        var headers = HTTPFields()
        headers[.contentType] = blob.mediaType
        headers[.digest] = "MD5=" + (faults.wrongDigest ? Upload.wrongDigest(digest) : digest)
        return Response(status: .ok, headers: headers, body: body)
    }

    // MARK: DELETE /v1/blobs/{id}

    func delete(_ request: Request, caller: Caller, id: String) async throws -> Response {
        guard Identifiers.isValidBlobId(id) else { throw ServiceFailure.badRequest(.parameterInvalid("id")) }
        var reader = QueryReader(QueryParameters(request.uri.query))
        let revision = reader.int("revision")
        if let revision, revision < 0 { reader.invalid(.valueNotAtLeast(revision, 0, "revision")) }
        let errors = reader.finish()
        guard errors.isEmpty else { throw ServiceFailure.badRequest(errors) }
        guard caller.isService else { throw ServiceFailure.unauthorized }
        guard let deleted = try await Task.detached(operation: { try core.metadata.deleteBlob(id: id, revision: revision) }).value else {
            if let revision { throw ServiceFailure.notFound(.resourceNotFound(id: id, revision: revision)) }
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        core.content.remove(.blobs, userId: deleted.userId, id: id)
        return Reply.empty(204)
    }

    private func existingBlob(caller: Caller, id: String) async throws -> BlobRecord {
        guard Identifiers.isValidBlobId(id) else { throw ServiceFailure.badRequest(.parameterInvalid("id")) }
        guard caller.isService else { throw ServiceFailure.unauthorized }
        guard let blob = try await Task.detached(operation: { try core.metadata.blob(id: id) }).value else {
            throw ServiceFailure.notFound(.resourceNotFound(id: id))
        }
        return blob
    }
}
