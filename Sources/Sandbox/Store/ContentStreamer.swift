#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import NIOCore

/// Streams a content file as a response body in 64 KiB chunks, never holding it whole.
enum ContentStreamer {
    struct ConnectionCut: Error {}

    /// nil when the file cannot be opened. `cutAfter` writes only that many bytes and then
    /// drops the connection (fault injection). Never sends more than `size` bytes; a file that ends before
    /// `size` drops the connection at once, so a client sees the truncation instead of waiting for bytes
    /// that will never come.
    static func body(path: String, size: Int64, cutAfter: Int?) -> ResponseBody? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        let handle = FileDescriptorBox(fd)
        return ResponseBody(contentLength: Int(size)) { writer in
            defer { handle.close() }
            let allocator = ByteBufferAllocator()
            var sent = 0
            let limit = min(cutAfter ?? Int.max, Int(size))
            while sent < limit {
                var buffer = allocator.buffer(capacity: 65_536)
                let want = min(65_536, limit - sent)
                let count = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { raw in
                    while true {
                        let n = read(handle.fd, raw.baseAddress!, want)
                        if n < 0, errno == EINTR { continue }
                        if n < 0 { throw ConnectionCut() }
                        return n
                    }
                }
                if count == 0 { throw ConnectionCut() }   // the file is shorter than its metadata says
                sent += count
                try await writer.write(buffer)
            }
            if sent < Int(size) { throw ConnectionCut() }
            try await writer.finish(nil)
        }
    }
}

/// Owns a file descriptor for the lifetime of a streamed response.
final class FileDescriptorBox: @unchecked Sendable {
    let fd: Int32
    private let closed = Locked(false)

    init(_ fd: Int32) { self.fd = fd }

    func close() {
        let shouldClose = closed.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        #if canImport(Glibc)
        if shouldClose { _ = Glibc.close(fd) }
        #elseif canImport(Musl)
        if shouldClose { _ = Musl.close(fd) }
        #else
        if shouldClose { _ = Darwin.close(fd) }
        #endif
    }

    deinit { close() }
}
