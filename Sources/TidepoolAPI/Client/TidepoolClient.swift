import Foundation
import Logging
import Synchronization

/// The one API client shared by the CLI and the TUI. Thread-safe; every call runs one request through libcurl
/// with the session token, a fresh `X-Tidepool-Trace-Request`, the session's `X-Tidepool-Trace-Session`, and a
/// single refresh-and-retry on 401. Endpoint methods live in extensions (`TidepoolClient+Blobs.swift`, …).
public final class TidepoolClient: Sendable {
    public let environment: Environment
    public let configuration: ClientConfiguration
    let pool = CurlHandlePool()
    let state: Mutex<Session?>
    let onSessionChange: (@Sendable (Session?) -> Void)?
    let logger: Logger

    /// - Parameter onSessionChange: called after a login, refresh or logout changed the session (persist it).
    public init(environment: Environment, session: Session? = nil, configuration: ClientConfiguration = ClientConfiguration(),
                logger: Logger = ClientLog.silent(),
                onSessionChange: (@Sendable (Session?) -> Void)? = nil) throws {
        if environment.baseURL.scheme == "http", !environment.isLoopback, !configuration.allowInsecureHTTP {
            throw APIError(.invalidArgument("refusing plain http:// to \(environment.baseURL.host ?? "?"); use https or --insecure-http"))
        }
        self.environment = environment
        self.configuration = configuration
        self.state = Mutex(session)
        self.onSessionChange = onSessionChange
        self.logger = logger
    }

    public var session: Session? { state.withLock { $0 } }

    public func setSession(_ session: Session?) {
        state.withLock { $0 = session }
        onSessionChange?(session)
    }

    // MARK: Buffered requests

    /// Sends a request and returns the response when its status is 2xx; otherwise throws `APIError`.
    /// Cancelling the calling task aborts the transfer.
    public func send(_ request: APIRequest) async throws -> APIResponse {
        let flag = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<APIResponse, Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try self.sendBlocking(request, cancel: flag) })
                }
            }
        } onCancel: { flag.cancel() }
    }

    /// Sends a request and decodes a 2xx JSON body as `T`. A body that does not decode is `.malformedResponse`.
    public func send<T: Decodable>(_ request: APIRequest, decoding type: T.Type) async throws -> T {
        let response = try await send(request)
        return try decode(type, from: response, request: request)
    }

    func decode<T: Decodable>(_ type: T.Type, from response: APIResponse, request: APIRequest) throws -> T {
        do {
            return try TidepoolJSON.decoder().decode(T.self, from: response.body)
        } catch {
            throw APIError(.malformedResponse(Self.describe(decodingError: error, bodyBytes: response.body.count)),
                           method: request.method, path: request.path, traceRequest: response.traceRequest)
        }
    }

    /// The same as `send`, on the calling thread.
    ///
    /// Refreshes (`GET /auth/login`) before sending when the session's `expiresAt` has passed, and once after a 401;
    /// also once after a 403 from a service-only endpoint when the session is a service session (the blob service
    /// answers 403, not 401, for an expired token there).
    public func sendBlocking(_ request: APIRequest, cancel: CancelFlag? = nil) throws -> APIResponse {
        if request.authenticated, let current = session, let expiry = current.expiresAt, expiry <= Date() {
            _ = try? refreshBlocking(cancel: cancel, expiredToken: current.token)
        }
        let tokenUsed = session?.token
        var response = try perform(request, cancel: cancel)
        var refreshRefused = false
        if request.authenticated, let current = session, shouldRefresh(after: response.status, request: request, session: current) {
            if try refreshBlocking(cancel: cancel, expiredToken: tokenUsed) {
                response = try perform(request, cancel: cancel)
            } else {
                refreshRefused = true
            }
        }
        guard (200..<300).contains(response.status) else {
            throw httpError(request: request, status: response.status, headers: response.headers, body: response.body,
                            refreshRefused: refreshRefused)
        }
        return response
    }

    /// A 401 anywhere; a 403 from a service-only endpoint while signed in with a service session; a 403 from an
    /// upload (the blob service answers an expired token there with 403, like a missing upload right: the refresh
    /// tells them apart).
    func shouldRefresh(after status: Int, request: APIRequest, session: Session) -> Bool {
        if status == 401 { return true }
        guard status == 403 else { return false }
        let operation = APIOperation.classify(method: request.method, path: request.path)
        if operation == .createBlob || operation == .uploadDeviceLogs { return true }
        return session.isService == true && operation.isServiceOnly
    }

    /// Said when a 403 came back and the server refused to renew the session.
    static let refreshRefusedHint = "the session expired and the server refused to renew it; run `tideblob login`"

    /// One attempt, no retry. Throws only for transport failures and cancellation.
    func perform(_ request: APIRequest, cancel: CancelFlag?) throws -> APIResponse {
        let traced = makeCurlRequest(request, bodyLength: request.body.map { Int64($0.count) })
        var curlRequest = traced.curl
        curlRequest.totalTimeoutSeconds = configuration.requestTimeoutSeconds
        let started = Date()
        var body = Data()
        var overflow = false
        let limit = configuration.maxBufferedResponseBytes
        let upload = request.body ?? Data()
        var offset = 0
        let result = pool.withHandle { easy in
            easy.perform(curlRequest, source: request.body == nil ? nil : { buffer in
                let n = min(buffer.count, upload.count - offset)
                if n > 0 {
                    upload.withUnsafeBytes { src in
                        buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
                    }
                    offset += n
                }
                return n
            }, sink: { chunk in
                if body.count + chunk.count > limit { overflow = true; return false }
                body.append(contentsOf: chunk)
                return true
            }, progress: { _, _, _, _ in !(cancel?.isCancelled ?? false) })
        }
        let trace = result.header(TraceHeaders.request) ?? traced.traceID
        logRequest(request, status: result.status, bytes: result.bytesReceived, started: started, trace: trace, curl: result)
        if cancel?.isCancelled == true {
            throw APIError(.cancelled, method: request.method, path: request.path, traceRequest: trace)
        }
        if overflow {
            throw APIError(.malformedResponse("response body larger than \(limit) bytes"),
                           method: request.method, path: request.path, traceRequest: trace)
        }
        guard result.ok else {
            if result.curlCode == Self.curlPartialFile, (200..<300).contains(result.status) {
                // The head announced more than arrived: a cut-off answer, not a connection that never worked.
                let expected = result.header("Content-Length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                var error = APIError(.truncated(expectedBytes: expected, receivedBytes: result.bytesReceived),
                                     method: request.method, path: request.path, traceRequest: trace)
                error.hint = ErrorHints.transportHint(curlCode: result.curlCode, message: result.curlMessage)
                logger.error("\(error.description)")
                throw error
            }
            throw transportError(result, request: request, trace: trace)
        }
        return APIResponse(status: result.status, headers: result.headers.map { (name: $0.0, value: $0.1) }, body: body)
    }

    /// CURLE_PARTIAL_FILE: the connection ended before the announced body length.
    static let curlPartialFile: Int32 = 18

    // MARK: Pieces shared with streaming transfers

    /// A libcurl request with the environment URL, session, trace and standard headers.
    public func makeCurlRequest(_ request: APIRequest, bodyLength: Int64?) -> TracedCurlRequest {
        let url = environment.baseURL.absoluteString + request.target
        let traceID = TraceHeaders.newRequestID()
        var headers = ["Accept: application/json", "\(TraceHeaders.request): \(traceID)"]
        let current = session
        if let current {
            headers.append("\(TraceHeaders.session): \(current.traceSession)")
            if request.authenticated { headers.append("\(TraceHeaders.sessionToken): \(current.token)") }
        }
        for h in request.headers { headers.append("\(h.name): \(h.value)") }
        var curl = CurlEasy.Request(method: request.method, url: url, headers: headers, bodyLength: bodyLength,
                                    userAgent: configuration.userAgent)
        curl.connectTimeoutSeconds = configuration.connectTimeoutSeconds
        curl.lowSpeedBytes = 1
        curl.lowSpeedSeconds = configuration.stallTimeoutSeconds
        curl.verifyTLS = configuration.verifyTLS
        curl.caInfoPath = configuration.caInfoPath
        return TracedCurlRequest(curl: curl, traceID: traceID)
    }

    /// Runs `body` with a pooled easy handle (streaming transfers use this to keep connections warm).
    public func withCurlHandle<T>(_ body: (CurlEasy) throws -> T) rethrows -> T {
        try pool.withHandle(body)
    }

    /// The typed error for a non-2xx response, with the server's error objects, trace id and a hint.
    /// `refreshRefused`: the answer came after a refresh the server refused (a 403's hint then says to sign in again).
    public func httpError(request: APIRequest, status: Int, headers: [(name: String, value: String)], body: Data,
                          refreshRefused: Bool = false) -> APIError {
        let parsed = ServerErrorBody.parse(body)
        let trace = headers.last(where: { $0.name.caseInsensitiveCompare(TraceHeaders.request) == .orderedSame })?.value
        var error = APIError(.http(status: status), method: request.method, path: request.path,
                             serverErrors: parsed.objects, bodyExcerpt: parsed.excerpt, traceRequest: trace)
        // After a refused refresh a 403 means "expired", not "no rights" (a 401's own hint already says so).
        error.hint = refreshRefused && status == 403 ? Self.refreshRefusedHint : ErrorHints.hint(for: error, session: session)
        logger.error("\(error.description)")
        return error
    }

    /// The typed error for a libcurl failure.
    public func transportError(_ result: CurlEasy.Result, request: APIRequest, trace: String?) -> APIError {
        var error = APIError(.transport(curlCode: result.curlCode, message: result.curlMessage),
                             method: request.method, path: request.path, traceRequest: trace)
        error.hint = ErrorHints.hint(for: error, session: session)
        logger.error("\(error.description)")
        return error
    }

    func logRequest(_ request: APIRequest, status: Int, bytes: Int64, started: Date, trace: String, curl: CurlEasy.Result) {
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        // The path only: query strings are left out of the log (see ClientLog / LogRedactor).
        logger.info("\(request.method) \(request.path) \(status) \(bytes)B \(ms)ms trace=\(trace)\(curl.ok ? "" : " curl=\(curl.curlCode)")")
    }

    static func describe(decodingError error: Error, bodyBytes: Int) -> String {
        if bodyBytes == 0 { return "empty body where JSON was expected" }
        switch error as? DecodingError {
        case .dataCorrupted(let ctx)?: return "not valid JSON or bad value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .keyNotFound(let key, let ctx)?: return "missing field \(path(ctx.codingPath + [key]))"
        case .typeMismatch(let type, let ctx)?: return "field \(path(ctx.codingPath)) is not \(type)"
        case .valueNotFound(let type, let ctx)?: return "field \(path(ctx.codingPath)) is null, expected \(type)"
        default: return "\(error)"
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "(top level)" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A libcurl request plus the trace id it carries.
public struct TracedCurlRequest: Sendable {
    public var curl: CurlEasy.Request
    public var traceID: String
}
