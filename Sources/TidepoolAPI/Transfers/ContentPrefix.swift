import Foundation

/// The first bytes of a blob's or device-logs' content (for previews): the download stops after `maxBytes`.
public struct ContentPrefix: Sendable, Equatable {
    /// At most `maxBytes` bytes from the start of the content (raw: sanitize before display).
    public var data: Data
    /// `Content-Type` of the response.
    public var mediaType: String?
    /// The raw `Digest` header (`MD5=…`), if any.
    public var digestHeader: String?
    /// The total size from `Content-Length`, when the server sent one.
    public var totalBytes: Int64?
    /// True when the content is longer than `data` (the transfer was stopped early).
    public var truncated: Bool
    public var traceId: String?

    public init(data: Data, mediaType: String?, digestHeader: String?, totalBytes: Int64?, truncated: Bool, traceId: String?) {
        self.data = data; self.mediaType = mediaType; self.digestHeader = digestHeader
        self.totalBytes = totalBytes; self.truncated = truncated; self.traceId = traceId
    }

    /// The MD5 (base64) named by `digestHeader`.
    public var digestMD5: String? { MD5Digest.fromDigestHeader(digestHeader) }
}

extension TidepoolClient {
    /// GETs `request` and keeps the first `maxBytes` bytes of a 2xx body, then aborts the transfer.
    func fetchPrefixBlocking(_ request: APIRequest, maxBytes: Int, cancel: CancelFlag) throws -> ContentPrefix {
        let limit = max(0, maxBytes)
        let tokenUsed = session?.token
        var attempt = 0
        while true {
            attempt += 1
            let traced = makeCurlRequest(request, bodyLength: nil)
            var curl = traced.curl
            curl.acceptEncoding = nil
            curl.totalTimeoutSeconds = configuration.requestTimeoutSeconds
            var data = Data()
            var errorBody = Data()
            var more = false
            let started = Date()
            let result = withCurlHandle { easy in
                easy.perform(curl, sink: { chunk in
                    guard (200..<300).contains(easy.currentStatus) else {
                        if errorBody.count < 64 << 10 { errorBody.append(contentsOf: chunk.prefix((64 << 10) - errorBody.count)) }
                        return true
                    }
                    let room = limit - data.count
                    if chunk.count > room {
                        data.append(contentsOf: chunk.prefix(room))
                        more = true
                        return false   // enough: stop the download
                    }
                    data.append(contentsOf: chunk)
                    return true
                }, progress: { _, _, _, _ in !cancel.isCancelled })
            }
            let trace = result.header(TraceHeaders.request) ?? traced.traceID
            logRequest(request, status: result.status, bytes: result.bytesReceived, started: started, trace: trace, curl: result)
            if cancel.isCancelled {
                throw APIError(.cancelled, method: request.method, path: request.path, traceRequest: trace)
            }
            let headers = result.headers.map { (name: $0.0, value: $0.1) }
            if result.status == 401, request.authenticated, attempt == 1, session != nil,
               try refreshBlocking(cancel: cancel, expiredToken: tokenUsed) {
                continue
            }
            if result.status != 0, !(200..<300).contains(result.status) {
                throw httpError(request: request, status: result.status, headers: headers, body: errorBody)
            }
            if !result.ok, !more {
                if (200..<300).contains(result.status), !data.isEmpty, data.count >= limit {
                    more = true   // cut after we had all we wanted
                } else {
                    throw transportError(result, request: request, trace: trace)
                }
            }
            let total = result.header("Content-Length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            if let total, total > Int64(data.count) { more = true }
            return ContentPrefix(data: data, mediaType: result.header("Content-Type"), digestHeader: result.header("Digest"),
                                 totalBytes: total, truncated: more, traceId: trace)
        }
    }
}
