import Foundation
import Testing
@testable import TidepoolAPI

/// A one-shot HTTP server on 127.0.0.1 that answers every connection with a fixed response (the sandbox
/// always sends a Digest; this covers a server that does not).
final class FixedResponseServer: @unchecked Sendable {   // fd written once in init, then only read
    let port: Int
    private let fd: Int32

    init(response: String) throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, len) } }
        guard bound == 0, listen(sock, 4) == 0 else { throw APIError(.localIO("cannot listen")) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        fd = sock
        let listener = sock
        let bytes = Array(response.utf8)
        Thread.detachNewThread {
            while true {
                let conn = accept(listener, nil, nil)
                if conn < 0 { return }
                var buffer = [UInt8](repeating: 0, count: 4096)
                var seen: [UInt8] = []
                while !seen.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
                    let n = read(conn, &buffer, buffer.count)
                    if n <= 0 { break }
                    seen += buffer[0..<n]
                }
                _ = bytes.withUnsafeBytes { write(conn, $0.baseAddress, $0.count) }
                close(conn)
            }
        }
    }

    func stop() { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
}

@Suite("Transfer without a Digest header")
struct TransferNoDigestTests {
    @Test("a download without a Digest fails verification and saves nothing")
    func noDigest() async throws {
        let server = try FixedResponseServer(response:
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nX-Tidepool-Trace-Request: t-123\r\nConnection: close\r\n\r\nhello")
        defer { server.stop() }
        let client = try TidepoolClient(environment: Environment(name: "fixed", baseURL: URL(string: "http://127.0.0.1:\(server.port)")!),
                                        session: Session(token: "token", userId: "0123456789", isService: true))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-nodigest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let id = String(repeating: "a", count: 32)
        let e = await apiError { try await client.downloadBlob(id: id, to: dir, overwrite: false, progress: nil) }
        #expect(e?.kind.isDigestMismatch == true)
        #expect(e?.description.contains("no Digest header") == true)
        #expect(e?.traceRequest == "t-123")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)

        let prefix = try await client.fetchContentPrefix(blobId: id, maxBytes: 3)
        #expect(prefix.data == Data("hel".utf8))
        #expect(prefix.truncated)
        #expect(prefix.digestHeader == nil)
    }
}
