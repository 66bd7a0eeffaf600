#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A response read off the wire by `SandboxRawHTTP`.
public struct SandboxRawResponse: Sendable {
    public var status: Int
    /// Header lines in order, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

/// A tiny HTTP/1.1 client on a plain socket, for what URLSession cannot do: duplicated header
/// lines, no `Content-Type`, raw bytes, and bodies streamed from a generator with a
/// `Content-Length` (no `Expect: 100-continue`). Blocking I/O runs on a Dispatch thread, never
/// on the Swift concurrency pool (which the in-process sandbox needs).
public enum SandboxRawHTTP {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends one request with an optional fixed body.
    public static func send(port: Int, method: String, path: String, headers: [(String, String)] = [],
                            body: [UInt8]? = nil) async throws -> SandboxRawResponse {
        var chunks = body.map { [$0] } ?? []
        return try await send(port: port, method: method, path: path, headers: headers,
                              contentLength: body?.count) { chunks.isEmpty ? nil : chunks.removeFirst() }
    }

    /// Sends one request whose body comes from `next()` (nil = end). With `contentLength` the body
    /// is sent as is; without it, chunked. Returns once the response is complete.
    public static func send(port: Int, method: String, path: String, headers: [(String, String)],
                            contentLength: Int?, timeout: TimeInterval = 60,
                            next: @escaping () -> [UInt8]?) async throws -> SandboxRawResponse {
        let work = UnsafeSendableBox(next)
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try blockingSend(port: port, method: method, path: path, headers: headers,
                                     contentLength: contentLength, timeout: timeout, next: work.value)
                })
            }
        }
    }

    private final class UnsafeSendableBox<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    static func blockingSend(port: Int, method: String, path: String, headers: [(String, String)],
                             contentLength: Int?, timeout: TimeInterval,
                             next: () -> [UInt8]?) throws -> SandboxRawResponse {
        let fd = try connectLoopback(port: port, timeout: timeout)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let contentLength { head += "Content-Length: \(contentLength)\r\n" } else if method == "POST" || method == "PUT" {
            head += "Transfer-Encoding: chunked\r\n"
        }
        head += "\r\n"
        var writeFailed = false
        writeFailed = !writeAll(fd, Array(head.utf8))
        let chunked = contentLength == nil && (method == "POST" || method == "PUT")
        while !writeFailed, let chunk = next() {
            if chunked {
                if chunk.isEmpty { continue }
                writeFailed = !writeAll(fd, Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + [13, 10])
            } else {
                writeFailed = !writeAll(fd, chunk)
            }
        }
        if chunked && !writeFailed { _ = writeAll(fd, Array("0\r\n\r\n".utf8)) }
        return try readResponse(fd, method: method)
    }

    private static func connectLoopback(port: Int, timeout: TimeInterval) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var nosigpipe: Int32 = 1
        #if canImport(Darwin)
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &nosigpipe, socklen_t(MemoryLayout<Int32>.size))
        #else
        _ = nosigpipe
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw Failure(description: "connect to 127.0.0.1:\(port) failed") }
        return fd
    }

    /// false when the peer stopped reading (e.g. it answered early and closed).
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool { LoopbackSocketServer.writeAll(fd, bytes) }

    private static func readResponse(_ fd: Int32, method: String) throws -> SandboxRawResponse {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var response: SandboxRawResponse?
        var bodyStart = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n > 0 { data.append(contentsOf: buffer[0..<n]) }
            if headerEnd == nil, let end = findHeaderEnd(data) {
                headerEnd = end
                response = try parseHead(Array(data[0..<end]))
                bodyStart = end + 4
            }
            if let head = response {
                let body = Array(data[bodyStart...])
                if method == "HEAD" || head.status == 204 || head.status == 304 { return head }
                if let length = head.header("Content-Length").flatMap(Int.init), body.count >= length {
                    var complete = head
                    complete.body = Array(body.prefix(length))
                    return complete
                }
                if head.header("Transfer-Encoding")?.lowercased() == "chunked", let decoded = decodeChunked(body) {
                    var complete = head
                    complete.body = decoded
                    return complete
                }
            }
            if n <= 0 {
                guard var head = response else { throw Failure(description: "connection closed before a response") }
                if head.header("Content-Length") != nil || head.header("Transfer-Encoding") != nil {
                    throw Failure(description: "connection closed mid-body (\(data.count - bodyStart) body bytes)")
                }
                head.body = Array(data[bodyStart...])
                return head
            }
        }
    }

    private static func findHeaderEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i
        }
        return nil
    }

    private static func parseHead(_ bytes: [UInt8]) throws -> SandboxRawResponse {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return SandboxRawResponse(status: status, headers: headers, body: [])
    }

    private static func decodeChunked(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while true {
            guard let lineEnd = (i..<max(i, body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }) else { return nil }
            guard let size = Int(String(decoding: body[i..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) else { return nil }
            i = lineEnd + 2
            if size == 0 { return out }
            guard i + size + 2 <= body.count else { return nil }
            out += body[i..<(i + size)]
            i += size + 2
        }
    }
}
