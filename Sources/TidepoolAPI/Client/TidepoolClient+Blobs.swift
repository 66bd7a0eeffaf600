import Crypto
import Foundation

/// Blob endpoints (`/v1/users/{userId}/blobs`, `/v1/blobs/{id}`). All but create are service-only on the real
/// service: a user session gets 403 with a hint saying so. Streaming upload/download live in `Transfers/`.
extension TidepoolClient {
    /// The service's page-size limit (`size` 1…1000).
    public static let maxPageSize = 1000

    /// `GET /v1/users/{userId}/blobs`: one page. `statuses` empty = the server default (`available` only).
    public func listBlobs(userId: String, statuses: [BlobStatus] = [], mediaTypes: [String] = [],
                          page: Int = 0, size: Int = 100) async throws -> [Blob] {
        try TidepoolID.validateUserID(userId)
        guard page >= 0 else { throw APIError(.invalidArgument("page must be 0 or more")) }
        guard (1...Self.maxPageSize).contains(size) else {
            throw APIError(.invalidArgument("page size must be between 1 and \(Self.maxPageSize)"))
        }
        var query: [(name: String, value: String)] = []
        for s in statuses { query.append((name: "status", value: s.rawValue)) }
        for t in mediaTypes { query.append((name: "mediaType", value: t)) }
        query.append((name: "page", value: String(page)))
        query.append((name: "size", value: String(size)))
        let request = APIRequest(method: "GET", path: "/v1/users/\(userId)/blobs", query: query)
        return try await send(request, decoding: [Blob].self)
    }

    /// Every page of a user's blobs, fetched lazily (`size` per request, 1000 at most).
    public func blobPages(userId: String, statuses: [BlobStatus] = [], mediaTypes: [String] = [],
                          size: Int = TidepoolClient.maxPageSize) -> PagedSequence<Blob> {
        PagedSequence(size: size) { [self] index, size in
            try await listBlobs(userId: userId, statuses: statuses, mediaTypes: mediaTypes, page: index, size: size)
        }
    }

    /// `POST /v1/users/{userId}/blobs` with a small in-memory body, sent with its `Digest: MD5=…`.
    public func createBlob(userId: String, data: Data, mediaType: String) async throws -> Blob {
        try TidepoolID.validateUserID(userId)
        guard Self.isMediaType(mediaType) else {
            throw APIError(.invalidArgument("\"\(mediaType.prefix(80))\" is not a media type (expected e.g. application/octet-stream)"))
        }
        guard Int64(data.count) <= ErrorHints.blobSizeLimit else {
            throw APIError(.tooLarge(size: Int64(data.count), limit: ErrorHints.blobSizeLimit))
        }
        let request = APIRequest(method: "POST", path: "/v1/users/\(userId)/blobs",
                                 headers: [(name: "Content-Type", value: mediaType),
                                           (name: "Digest", value: "md5=\(Self.md5Base64(data))")],
                                 body: data)
        return try await send(request, decoding: Blob.self)
    }

    /// `GET /v1/blobs/{id}`.
    public func getBlob(id: String) async throws -> Blob {
        try TidepoolID.validateBlobID(id)
        return try await send(APIRequest(method: "GET", path: "/v1/blobs/\(id)"), decoding: Blob.self)
    }

    /// `GET /v1/blobs/{id}/content`, buffered (for small blobs and previews), checked against the `Digest` header.
    public func blobContent(id: String) async throws -> BufferedContent {
        try TidepoolID.validateBlobID(id)
        let request = APIRequest(method: "GET", path: "/v1/blobs/\(id)/content")
        return try await bufferedContent(request)
    }

    /// `DELETE /v1/blobs/{id}[?revision=N]`. Returns the trace id of the response.
    @discardableResult
    public func deleteBlob(id: String, revision: Int? = nil) async throws -> String? {
        try TidepoolID.validateBlobID(id)
        if let revision, revision < 0 { throw APIError(.invalidArgument("revision must be 0 or more")) }
        let query: [(name: String, value: String)] = revision.map { [(name: "revision", value: String($0))] } ?? []
        return try await send(APIRequest(method: "DELETE", path: "/v1/blobs/\(id)", query: query)).traceRequest
    }

    /// `DELETE /v1/users/{userId}/blobs` (204 even when there were none). Returns the trace id of the response.
    @discardableResult
    public func deleteAllBlobs(userId: String) async throws -> String? {
        try TidepoolID.validateUserID(userId)
        return try await send(APIRequest(method: "DELETE", path: "/v1/users/\(userId)/blobs")).traceRequest
    }

    // MARK: helpers

    /// Fetches a whole body and checks it against the response's `Digest: MD5=<base64>` when present.
    func bufferedContent(_ request: APIRequest) async throws -> BufferedContent {
        let response = try await send(request)
        let actual = Self.md5Base64(response.body)
        let expected = response.header("Digest").flatMap(Self.md5FromDigestHeader)
        if let expected, expected != actual {
            throw APIError(.digestMismatch(expected: expected, actual: actual), method: request.method,
                           path: request.path, traceRequest: response.traceRequest)
        }
        return BufferedContent(data: response.body, mediaType: response.header("Content-Type"),
                               digestMD5: actual, digestVerified: expected != nil, traceRequest: response.traceRequest,
                               headers: response.headers)
    }

    /// Base64 of the MD5 of `data` (the form of `digestMD5` and of the `Digest` header's value).
    public static func md5Base64(_ data: Data) -> String {
        Data(Insecure.MD5.hash(data: data)).base64EncodedString()
    }

    /// The base64 MD5 from a `Digest` header (`MD5=…` or `md5=…`, possibly among other algorithms).
    public static func md5FromDigestHeader(_ value: String) -> String? {
        for part in value.split(separator: ",") {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let eq = item.firstIndex(of: "=") else { continue }
            if item[..<eq].lowercased() == "md5" { return String(item[item.index(after: eq)...]) }
        }
        return nil
    }

    /// `type/subtype[;params]` as the spec's MediaType pattern `^\w+/[-+.\w]+(;.+)?$` allows.
    public static func isMediaType(_ s: String) -> Bool {
        guard s.utf8.count <= 256, let slash = s.firstIndex(of: "/") else { return false }
        func word(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
        let type = s[..<slash]
        var rest = s[s.index(after: slash)...]
        var params = Substring("")
        if let semi = rest.firstIndex(of: ";") { params = rest[rest.index(after: semi)...]; rest = rest[..<semi] }
        if s.contains(";") && params.isEmpty { return false }
        return !type.isEmpty && type.allSatisfy(word) && !rest.isEmpty
            && rest.allSatisfy { word($0) || $0 == "-" || $0 == "+" || $0 == "." }
            && !s.contains(where: { $0 == "\n" || $0 == "\r" })
    }
}

/// A whole response body fetched into memory.
public struct BufferedContent: Sendable {
    public var data: Data
    public var mediaType: String?
    /// Base64 MD5 of `data` as received.
    public var digestMD5: String
    /// True when the server sent a `Digest` header and it matched.
    public var digestVerified: Bool
    public var traceRequest: String?
    public var headers: [(name: String, value: String)]
}
