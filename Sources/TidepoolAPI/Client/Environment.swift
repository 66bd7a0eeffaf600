import Foundation

/// A Tidepool deployment the client talks to.
public struct Environment: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Short name used on the command line and as the key of persisted sessions: `production`, `qa1`, `sandbox`,
    /// or the URL's host:port for `--url`.
    public var name: String
    /// Base URL without a trailing slash: `https://api.tidepool.org`.
    public var baseURL: URL

    public init(name: String, baseURL: URL) {
        self.name = name
        var s = baseURL.absoluteString
        while s.hasSuffix("/") { s.removeLast() }
        self.baseURL = URL(string: s) ?? baseURL
    }

    public var description: String { "\(name) (\(baseURL.absoluteString))" }

    /// True when the host is a loopback address (plain http is allowed there).
    public var isLoopback: Bool {
        guard let host = baseURL.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The deployments named in the Blob API spec's `servers`.
    public static let known: [Environment] = [
        Environment(name: "production", baseURL: URL(string: "https://api.tidepool.org")!),
        Environment(name: "integration", baseURL: URL(string: "https://external.integration.tidepool.org")!),
        Environment(name: "dev1", baseURL: URL(string: "https://dev1.dev.tidepool.org")!),
        Environment(name: "qa1", baseURL: URL(string: "https://qa1.development.tidepool.org")!),
        Environment(name: "qa2", baseURL: URL(string: "https://qa2.development.tidepool.org")!),
    ]
}

/// A signed-in session. The token is a secret: it is never printed, logged or put in an error.
public struct Session: Codable, Hashable, Sendable {
    public var token: String
    public var userId: String
    public var username: String?
    /// True when the token has service rights (learned from a refresh's TokenData, or from the login flow).
    public var isService: Bool?
    /// Sent as `X-Tidepool-Trace-Session` on every request of this session.
    public var traceSession: String
    public var createdAt: Date
    /// Unix expiry of the access token when known (from `expires_at`).
    public var expiresAt: Date?

    public init(token: String, userId: String, username: String? = nil, isService: Bool? = nil,
                traceSession: String = UUID().uuidString.lowercased(), createdAt: Date = Date(), expiresAt: Date? = nil) {
        self.token = token; self.userId = userId; self.username = username; self.isService = isService
        self.traceSession = traceSession; self.createdAt = createdAt; self.expiresAt = expiresAt
    }
}

/// Transport settings.
public struct ClientConfiguration: Sendable {
    public var userAgent: String = "tideblob/\(TideblobVersion.string)"
    public var verifyTLS: Bool = true
    /// Extra CA bundle (PEM) to trust, e.g. a test's self-signed loopback certificate.
    public var caInfoPath: String? = nil
    /// Allow plain http:// to a non-loopback host (`--insecure-http`).
    public var allowInsecureHTTP: Bool = false
    public var connectTimeoutSeconds: Int = 15
    /// A transfer with less than 1 byte/s for this long fails as stalled.
    public var stallTimeoutSeconds: Int = 60
    /// Cap on a whole buffered (non-streaming) request.
    public var requestTimeoutSeconds: Int = 120
    /// Largest buffered response body accepted (lists, metadata); bigger is a malformed response.
    public var maxBufferedResponseBytes: Int = 64 << 20
    public init() {}
}

public enum TideblobVersion {
    public static let string = "0.1.0"
}
