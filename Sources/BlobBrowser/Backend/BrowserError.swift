import SafeText
import TidepoolAPI

/// An error as the browser shows it: a sanitized one-line message plus what support needs (status, code, hint,
/// trace id). Built from `APIError` or any other error.
public struct BrowserError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var status: Int?
    public var serverCode: String?
    public var hint: String?
    public var traceId: String?
    public var isCancelled: Bool

    public init(message: String, status: Int? = nil, serverCode: String? = nil, hint: String? = nil,
                traceId: String? = nil, isCancelled: Bool = false) {
        self.message = SafeText.line(message); self.status = status; self.serverCode = serverCode
        self.hint = hint.map { SafeText.line($0) }; self.traceId = traceId.map { SafeText.line($0) }
        self.isCancelled = isCancelled
    }

    public init(_ error: any Error) {
        if let b = error as? BrowserError { self = b; return }
        if let api = error as? APIError {
            self.init(message: api.headline, status: api.status, serverCode: api.serverCode, hint: api.hint,
                      traceId: api.traceRequest, isCancelled: api.kind == .cancelled)
            if !api.method.isEmpty { requestLine = SafeText.line("\(api.method) \(api.path)") }
            return
        }
        if error is CancellationError { self.init(message: "cancelled", isCancelled: true); return }
        self.init(message: String(describing: error))
    }

    /// "GET /v1/…" when known.
    public var requestLine: String?

    /// The explanation to show in place of content: the hint when there is one, else the message.
    public var explanation: String { hint ?? message }

    /// One line: "message — hint (trace …)".
    public var description: String {
        var s = message
        if let hint { s += " — " + hint }
        if let traceId { s += " (trace \(traceId))" }
        return s
    }

    /// True for "this session may not do that" (403).
    public var isForbidden: Bool { status == 403 }
}
