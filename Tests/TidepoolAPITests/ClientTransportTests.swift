import Foundation
import Testing
@testable import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

@Suite("Client: transport failures")
struct ClientTransportTests {
    @Test func connectionRefused() async throws {
        let port = try ClosingListener.freePort()
        let client = try TidepoolClient(environment: Environment(name: "x", baseURL: URL(string: "http://127.0.0.1:\(port)")!),
                                        session: Session(token: "t", userId: "20e0a1b2c3"))
        let e = await expectAPIError { try await client.listDeviceLogs(userId: "20e0a1b2c3") }
        guard case .transport(let code, _)? = e?.kind else { Issue.record("got \(String(describing: e))"); return }
        #expect(code == 7)
        #expect(e?.hint?.hasPrefix("connection refused") == true)
        #expect(e?.description.contains("GET /v1/users/20e0a1b2c3/device_logs") == true)
        #expect(e?.description.contains("(trace ") == true)
    }

    @Test func serverClosesWithoutAnswering() async throws {
        let listener = try ClosingListener()
        defer { listener.stop() }
        let client = try TidepoolClient(environment: Environment(name: "x", baseURL: URL(string: "http://127.0.0.1:\(listener.port)")!),
                                        session: Session(token: "secret-token-value", userId: "20e0a1b2c3"))
        let e = await expectAPIError { try await client.currentUser() }
        guard case .transport(let code, _)? = e?.kind else { Issue.record("got \(String(describing: e))"); return }
        #expect(code == 52 || code == 56)
        #expect(e?.hint?.contains("closed the connection") == true || e?.hint?.contains("connection broke") == true)
        #expect(e?.description.contains("secret-token-value") == false)
    }

    @Test func dnsFailure() async throws {
        let client = try TidepoolClient(environment: Environment(name: "x", baseURL: URL(string: "https://nonexistent.invalid")!))
        let e = await expectAPIError { try await client.login(email: "a@b.c", password: "p") }
        guard case .transport(let code, _)? = e?.kind else { Issue.record("got \(String(describing: e))"); return }
        #expect(code == 6)
        #expect(e?.hint?.hasPrefix("DNS lookup failed") == true)
    }
}

/// A TCP listener on 127.0.0.1 that accepts connections and closes them at once without a byte.
final class ClosingListener: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private let thread: Thread

    init() throws {
        let (fd, port) = try Self.bindLoopback()
        guard listen(fd, 16) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        self.fd = fd
        self.port = port
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                close(client)
            }
        }
        thread.start()
    }

    func stop() { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }

    /// A port that was free a moment ago (bound, then closed without listening).
    static func freePort() throws -> Int {
        let (fd, port) = try bindLoopback()
        close(fd)
        return port
    }

    private static func bindLoopback() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        var out = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &out) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return (fd, Int(UInt16(bigEndian: out.sin_port)))
    }
}
