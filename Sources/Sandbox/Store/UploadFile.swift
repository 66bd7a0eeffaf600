#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import Foundation
import NIOCore

/// A temp file receiving an upload, hashing (MD5) and counting bytes as they arrive.
final class UploadFile {
    let path: String
    private var fd: Int32
    private var hasher = Insecure.MD5()
    private(set) var size: Int64 = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw SandboxError.storage("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { raw in
            hasher.update(bufferPointer: raw)
            try ContentStore.writeAll(fd, raw)
        }
        size += Int64(buffer.readableBytes)
    }

    /// fsyncs and closes the file; returns the base64 MD5.
    func finish() throws -> String {
        guard fsync(fd) == 0 else { throw SandboxError.storage("fsync failed: \(String(cString: strerror(errno)))") }
        close(fd)
        fd = -1
        return Data(hasher.finalize()).base64EncodedString()
    }

    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(path)
    }

    enum Outcome {
        case complete
        case tooLarge
    }

    /// Streams `body` into the file; stops as soon as more than `limit` bytes arrived (the
    /// server framework drains the rest of the request after the response).
    func receive<Body: AsyncSequence>(_ body: Body, limit: Int64) async throws -> Outcome where Body.Element == ByteBuffer {
        for try await buffer in body {
            if size + Int64(buffer.readableBytes) > limit { return .tooLarge }
            try append(buffer)
        }
        return .complete
    }
}
