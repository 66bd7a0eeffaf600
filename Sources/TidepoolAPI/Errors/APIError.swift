import Foundation
import SafeText

/// The one error type of the client. Carries what a support person needs to act and to report:
/// what was asked (method, path), what came back (status, the server's error objects, the trace id), and a hint.
/// `description` is sanitized and never contains the session token.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered with a non-success status.
        case http(status: Int)
        /// libcurl failed: connection refused/reset, DNS, TLS, timeout, stalled… (`curlCode` is CURLcode).
        case transport(curlCode: Int32, message: String)
        /// A success response whose body is not what the API promises (malformed JSON, wrong types, empty).
        case malformedResponse(String)
        /// Downloaded/uploaded bytes do not match the digest.
        case digestMismatch(expected: String, actual: String)
        /// The response ended before the announced length.
        case truncated(expectedBytes: Int64?, receivedBytes: Int64)
        /// A file over the service's 104,857,600-byte limit.
        case tooLarge(size: Int64, limit: Int64)
        /// The local file changed between hashing and sending.
        case fileChanged(String)
        /// Local file-system trouble (cannot read, cannot write, disk full…).
        case localIO(String)
        /// The operation was cancelled by the user.
        case cancelled
        /// No session for this environment.
        case notSignedIn
        /// A usage problem the server would reject anyway (bad id, bad time…).
        case invalidArgument(String)
        /// Refused because tideblob runs with --read-only.
        case readOnly
    }

    public var kind: Kind
    public var method: String
    public var path: String
    public var serverErrors: [ServerErrorObject]
    /// A short, raw excerpt of a non-JSON error body (sanitize before display).
    public var bodyExcerpt: String?
    /// `X-Tidepool-Trace-Request` of the response (or of the request when no response came).
    public var traceRequest: String?
    /// Words for a support person: why it happened and what to do.
    public var hint: String?

    public init(_ kind: Kind, method: String = "", path: String = "", serverErrors: [ServerErrorObject] = [],
                bodyExcerpt: String? = nil, traceRequest: String? = nil, hint: String? = nil) {
        self.kind = kind; self.method = method; self.path = path; self.serverErrors = serverErrors
        self.bodyExcerpt = bodyExcerpt; self.traceRequest = traceRequest; self.hint = hint
    }

    public var status: Int? { if case .http(let s) = kind { return s } else { return nil } }

    /// The first server error code (`resource-not-found`, `unauthorized`…), if any.
    public var serverCode: String? { serverErrors.first?.code }

    /// Headline without the trace id: "HTTP 404 resource-not-found: resource with id "…" not found".
    public var headline: String {
        switch kind {
        case .http(let status):
            // shoreline's numeric code repeats the status ("HTTP 401 401: …"): leave it out.
            let detail = serverErrors.map { object -> String in
                guard object.code == String(status) else { return object.summary }
                var plain = object
                plain.code = nil
                return plain.summary
            }.joined(separator: "; ")
            if !detail.isEmpty { return "HTTP \(status) \(detail)" }
            if let ex = bodyExcerpt, !ex.isEmpty { return "HTTP \(status): \(ex)" }
            return "HTTP \(status) \(HTTPStatusText.text(for: status))"
        case .transport(let code, let message): return "connection failed: \(message) (curl \(code))"
        case .malformedResponse(let what): return "malformed response: \(what)"
        case .digestMismatch(let e, let a): return "digest mismatch: expected MD5 \(e), got \(a)"
        case .truncated(let expected, let got):
            if let expected { return "transfer cut short: got \(got) of \(expected) bytes" }
            return "transfer cut short after \(got) bytes"
        case .tooLarge(let size, let limit): return "file is \(size) bytes; the service accepts at most \(limit) bytes"
        case .fileChanged(let what): return "file changed while sending: \(what)"
        case .localIO(let what): return what
        case .cancelled: return "cancelled"
        case .notSignedIn: return "not signed in"
        case .invalidArgument(let what): return what
        case .readOnly: return "refused: tideblob runs with --read-only"
        }
    }

    /// Full one-line message, sanitized: "GET /v1/blobs/…: HTTP 403 unauthorized: … — hint (trace abc…)".
    public var description: String {
        var s = ""
        if !method.isEmpty { s += "\(method) \(path): " }
        s += headline
        if let hint { s += " — \(hint)" }
        if let traceRequest { s += " (trace \(traceRequest))" }
        return SafeText.line(s)
    }
}

enum HTTPStatusText {
    static func text(for status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "error"
        }
    }
}
