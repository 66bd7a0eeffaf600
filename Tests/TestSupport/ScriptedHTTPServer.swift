import Foundation

/// What `ScriptedHTTPServer` answers to every request: status, header lines and body bytes exactly as given.
public struct ScriptedResponse: Sendable {
    public var status: Int
    /// The reason phrase on the status line.
    public var reason: String
    /// Header lines in order, sent as given (duplicates and odd values included).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Adds `Content-Length: <body size>` unless `headers` already has one (any case). Turn off to send a body
    /// that ends only when the connection closes.
    public var addContentLength: Bool

    public init(status: Int, reason: String = "Scripted", headers: [(name: String, value: String)] = [],
                body: [UInt8] = [], addContentLength: Bool = true) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.addContentLength = addContentLength
    }

    public init(status: Int, reason: String = "Scripted", headers: [(name: String, value: String)] = [],
                body: String, addContentLength: Bool = true) {
        self.init(status: status, reason: reason, headers: headers, body: Array(body.utf8),
                  addContentLength: addContentLength)
    }

    /// The bytes on the wire: status line, header lines, `Connection: close`, blank line, body.
    var wireBytes: [UInt8] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if addContentLength && !headers.contains(where: { $0.name.lowercased() == "content-length" }) {
            head += "Content-Length: \(body.count)\r\n"
        }
        if !headers.contains(where: { $0.name.lowercased() == "connection" }) { head += "Connection: close\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }
}

/// The head of a request that a test listener received.
public struct ScriptedRequest: Sendable {
    public var method: String
    /// Path and query as sent.
    public var target: String
    public var headers: [(name: String, value: String)]

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var contentLength: Int? { header("Content-Length").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    var isChunked: Bool { header("Transfer-Encoding")?.lowercased().contains("chunked") ?? false }
    var expectsContinue: Bool { header("Expect")?.lowercased() == "100-continue" }

    init(head: [UInt8]) {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        method = parts.count > 0 ? String(parts[0]) : ""
        target = parts.count > 1 ? String(parts[1]) : ""
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }
}

/// A plain-HTTP server on 127.0.0.1 (free port) that answers every request — any method, any path — with the same
/// scripted response, then closes the connection. For feeding clients bodies and headers no real server would
/// send.
///
/// ```swift
/// let server = try await ScriptedHTTPServer.start(response: ScriptedResponse(status: 500, body: "boom"))
/// defer { server.stop() }
/// // point the client at server.baseURL
/// ```
public final class ScriptedHTTPServer: Sendable {
    public let baseURL: URL
    public let port: Int
    private let server: LoopbackSocketServer
    private let log: RequestLog

    private init(server: LoopbackSocketServer, log: RequestLog) {
        self.server = server
        self.log = log
        port = server.port
        baseURL = URL(string: "http://127.0.0.1:\(server.port)")!
    }

    /// Starts listening; the server accepts connections as soon as this returns.
    public static func start(response: ScriptedResponse) async throws -> ScriptedHTTPServer {
        let log = RequestLog()
        let bytes = response.wireBytes
        let server = try LoopbackSocketServer { fd, owner in
            if let request = LoopbackSocketServer.readRequest(fd) {
                log.append(request)
                if LoopbackSocketServer.writeAll(fd, bytes) { LoopbackSocketServer.finish(fd) }
            }
            owner.closeConnection(fd)
        }
        return ScriptedHTTPServer(server: server, log: log)
    }

    /// The requests received so far (heads only), oldest first.
    public var requests: [ScriptedRequest] { log.all }

    /// Stops listening and closes open connections. Safe to call more than once.
    public func stop() { server.stop() }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ScriptedRequest] = []
    func append(_ request: ScriptedRequest) { lock.withLock { items.append(request) } }
    var all: [ScriptedRequest] { lock.withLock { items } }
}
