import Foundation

/// A request to a Tidepool service, relative to the environment's base URL.
public struct APIRequest: Sendable {
    public var method: String
    /// Path with a leading slash, each dynamic segment already validated (ids are hex): `/v1/blobs/<id>`.
    public var path: String
    /// Query items in order; repeated names allowed (`status=a&status=b`). Values are percent-encoded strictly
    /// (everything but RFC 3986 unreserved characters), so `+` in a time offset goes out as `%2B`.
    public var query: [(name: String, value: String)]
    /// Extra request headers (name, value). The client adds session, trace, user-agent and accept headers.
    public var headers: [(name: String, value: String)]
    /// A small body sent whole (JSON, etc.). Large bodies go through the streaming entry point.
    public var body: Data?
    /// Send the session token (and refresh on 401). False for login.
    public var authenticated: Bool

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = [], body: Data? = nil, authenticated: Bool = true) {
        self.method = method; self.path = path; self.query = query; self.headers = headers
        self.body = body; self.authenticated = authenticated
    }

    /// `path?query` as sent (for messages and logs; contains no secrets).
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    /// Percent-encodes everything but unreserved characters.
    public static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }
}

/// A complete (buffered) response.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    public init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status; self.headers = headers; self.body = body
    }
    public func header(_ name: String) -> String? {
        headers.last(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
    }
    public var traceRequest: String? { header(TraceHeaders.request) }
}

public enum TraceHeaders {
    public static let request = "X-Tidepool-Trace-Request"
    public static let session = "X-Tidepool-Trace-Session"
    public static let sessionToken = "X-Tidepool-Session-Token"

    /// A fresh 32-hex request id.
    public static func newRequestID() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
}
