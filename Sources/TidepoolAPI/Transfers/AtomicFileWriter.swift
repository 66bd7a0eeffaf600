import Crypto
import Foundation

/// Writes a download into a hidden temporary file beside its target, hashing (MD5) what it writes, and puts it
/// in place only on `commit`: fsync, then rename (or link, when an existing file must not be replaced).
/// Anything not committed is removed (`discard`, or at deinit), so a failed download leaves nothing behind.
///
/// Writes go through one `TransferLimits.chunkBytes` buffer: memory stays bounded whatever the file size.
/// Not thread-safe (used on the thread that runs the transfer).
final class AtomicFileWriter {
    let directory: URL
    let tempURL: URL
    private var fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    /// Bytes flushed to the file.
    private var flushed: Int64 = 0
    private var hasher = Insecure.MD5()
    private var finished = false
    /// Test hook: given the file offset of a write, an errno to fail it with.
    var writeFault: (@Sendable (Int64) -> Int32?)?

    /// Bytes accepted so far (flushed or buffered).
    var count: Int64 { flushed + Int64(buffered) }

    static let tempPrefix = ".tideblob-"
    static let tempSuffix = ".partial"

    init(directory: URL) throws {
        self.directory = directory
        var name = ""
        var fd: Int32 = -1
        for _ in 0..<8 {
            name = Self.tempPrefix + TraceHeaders.newRequestID().prefix(16) + Self.tempSuffix
            fd = open(directory.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw APIError(.localIO("cannot create a temporary file in \(directory.path): \(Self.describe(errno))"))
        }
        self.fd = fd
        tempURL = directory.appendingPathComponent(name)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: TransferLimits.chunkBytes, alignment: 16)
    }

    deinit {
        discard()
        buffer.deallocate()
    }

    /// Appends bytes; returns an errno when a write failed (the writer is then unusable but still discardable).
    func append(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, buffer.count - buffered)
            (buffer.baseAddress! + buffered).copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
            buffered += n
            offset += n
            if buffered == buffer.count, let err = flush() { return err }
        }
        return nil
    }

    /// Writes the buffer out. Returns an errno on failure.
    func flush() -> Int32? {
        guard buffered > 0 else { return nil }
        let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<buffered])
        hasher.update(bufferPointer: chunk)
        if let fault = writeFault?(flushed) { return fault }
        var done = 0
        while done < chunk.count {
            let n = write(fd, chunk.baseAddress! + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        flushed += Int64(done)
        buffered = 0
        return nil
    }

    /// Empties the file for another attempt.
    func reset() throws {
        buffered = 0
        flushed = 0
        hasher = Insecure.MD5()
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            throw APIError(.localIO("cannot truncate \(tempURL.path): \(Self.describe(errno))"))
        }
    }

    /// Flushes and returns the base64 MD5 of everything written.
    func digest() throws -> String {
        if let err = flush() { throw writeError(err) }
        return MD5Digest.base64(hasher.finalize())
    }

    func writeError(_ err: Int32) -> APIError {
        APIError(.localIO("cannot write \(tempURL.path): \(Self.describe(err))"))
    }

    /// fsyncs, closes and moves the file onto `target`. Without `overwrite` an existing target is never replaced.
    func commit(to target: URL, overwrite: Bool) throws {
        if let err = flush() { throw writeError(err) }
        if fsync(fd) != 0 { throw writeError(errno) }
        let closed = close(fd)
        fd = -1
        if closed != 0 { throw writeError(errno) }
        let from = tempURL.path, to = target.path
        if overwrite {
            guard rename(from, to) == 0 else {
                throw APIError(.localIO("cannot move the download to \(to): \(Self.describe(errno))"))
            }
        } else if link(from, to) == 0 {
            unlink(from)
        } else {
            let err = errno
            if err == EEXIST { throw Self.exists(target) }
            // No hard links on this file system: check, then rename (a small race, but never a silent replace
            // of a file that existed before the check).
            guard err == EPERM || err == ENOTSUP || err == EOPNOTSUPP || err == EMLINK || err == EXDEV else {
                throw APIError(.localIO("cannot move the download to \(to): \(Self.describe(err))"))
            }
            if access(to, F_OK) == 0 { throw Self.exists(target) }
            guard rename(from, to) == 0 else {
                throw APIError(.localIO("cannot move the download to \(to): \(Self.describe(errno))"))
            }
        }
        finished = true
        let dirfd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 { _ = fsync(dirfd); close(dirfd) }
    }

    /// Closes and removes the temporary file (no-op after a commit).
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        if !finished {
            unlink(tempURL.path)
            finished = true
        }
    }

    static func exists(_ target: URL) -> APIError {
        APIError(.localIO("\(target.path) already exists; nothing was written (allow overwriting to replace it)"))
    }

    static func describe(_ err: Int32) -> String {
        let text = String(cString: strerror(err))
        switch err {
        case ENOSPC: return "\(text) (ENOSPC: the disk is full)"
        case EDQUOT: return "\(text) (EDQUOT: disk quota exceeded)"
        case EACCES, EPERM: return "\(text) (no permission)"
        case EROFS: return "\(text) (read-only file system)"
        default: return text
        }
    }
}
