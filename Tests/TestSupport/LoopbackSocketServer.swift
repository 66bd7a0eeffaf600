#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A TCP listener on 127.0.0.1 (free port) that hands every accepted connection to `handle` on its own thread.
/// The accept loop and the handlers are plain threads, never the Swift concurrency pool. `stop()` closes the
/// listener and every connection still open (so a handler that parks forever is released too).
final class LoopbackSocketServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var stopped = false
    private var open: Set<Int32> = []
    private let handle: @Sendable (Int32, LoopbackSocketServer) -> Void
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    init(handle: @escaping @Sendable (Int32, LoopbackSocketServer) -> Void) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LoopbackSocketError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw LoopbackSocketError("bind/listen on 127.0.0.1 failed: errno \(errno)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        self.handle = handle
        Thread { [self] in acceptLoop() }.start()
    }

    var isStopped: Bool { lock.withLock { stopped } }

    /// Closes the listener and all open connections; returns once the accept loop has ended.
    func stop() {
        let fds: Set<Int32> = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            let all = open
            open = []
            return all
        }
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
        _ = acceptLoopDone.wait(timeout: .now() + 5)
    }

    /// Closes one connection (once; later calls and `stop()` skip it).
    func closeConnection(_ fd: Int32) {
        let mine: Bool = lock.withLock { open.remove(fd) != nil }
        if mine { close(fd) }
    }

    private func acceptLoop() {
        defer { close(listener); acceptLoopDone.signal() }
        while !isStopped {
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready <= 0 { continue }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            let accepted: Bool = lock.withLock {
                guard !stopped else { return false }
                open.insert(client)
                return true
            }
            guard accepted else { close(client); break }
            Thread { [self] in handle(client, self) }.start()
        }
    }

    // MARK: - Blocking I/O helpers for handlers

    /// Reads one HTTP request (head, and a body announced by Content-Length or chunked, unless the client waits
    /// for `100 Continue`). Returns nil when the peer closed or `timeout` passed first.
    static func readRequest(_ fd: Int32, timeout: TimeInterval = 10) -> ScriptedRequest? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let deadline = Date().addingTimeInterval(timeout)
        var head: ScriptedRequest?
        var bodyStart = 0
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return head }
            data.append(contentsOf: buffer[0..<n])
            if head == nil, let end = headerEnd(data) {
                head = ScriptedRequest(head: Array(data[0..<end]))
                bodyStart = end + 4
            }
            guard let request = head else { continue }
            let body = data.count - bodyStart
            if request.expectsContinue { return request }
            if let length = request.contentLength { if body >= length { return request } else { continue } }
            if request.isChunked {
                if data.count >= 5 && Array(data.suffix(5)) == Array("0\r\n\r\n".utf8) { return request }
                continue
            }
            return request
        }
        return head
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
            }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    /// After answering: stop sending, then read (and drop) whatever the client still sends until it closes, so
    /// closing does not turn into a reset that could swallow the response on the client side.
    static func finish(_ fd: Int32, drainFor seconds: TimeInterval = 2) {
        shutdown(fd, Int32(SHUT_WR))
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 100) <= 0 { continue }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
        }
    }

    private static func headerEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i
        }
        return nil
    }
}

struct LoopbackSocketError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
