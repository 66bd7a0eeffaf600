import Crypto
import Foundation
import Synchronization

/// Writes a download into a hidden temporary file beside its target, hashing (MD5) what it writes, and puts it
/// in place only on `commit`: fsync, then rename (or link, when an existing file must not be replaced).
/// Anything not committed is removed (`discard`, or at deinit), so a failed download leaves nothing behind.
///
/// The receiving thread only copies bytes into one of `bufferCount` fixed buffers; MD5 and `write()` run behind
/// it on a serial queue (`WriteBehind`), so hashing overlaps the network. Memory is those buffers, whatever the
/// file size. Not thread-safe itself (used on the thread that runs the transfer).
final class AtomicFileWriter {
    let directory: URL
    let tempURL: URL
    private var fd: Int32
    private let backend: WriteBehind
    private let buffers: [UnsafeMutableRawBufferPointer]
    private var current = 0
    private var filled = 0
    /// Bytes handed to the backend.
    private var submitted: Int64 = 0
    private var finished = false

    static let bufferCount = 4
    static let bufferBytes = TransferLimits.chunkBytes / 2

    /// Test hook: given the file offset of a write, an errno to fail it with.
    var writeFault: (@Sendable (Int64) -> Int32?)? {
        get { backend.writeFault }
        set { backend.writeFault = newValue }
    }

    /// Bytes accepted so far.
    var count: Int64 { submitted + Int64(filled) }

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
        buffers = (0..<Self.bufferCount).map { _ in
            UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferBytes, alignment: 64)
        }
        backend = WriteBehind(fd: fd, slots: Self.bufferCount)
        backend.acquire()   // the slot of the buffer being filled
    }

    deinit {
        discard()
        for b in buffers { b.deallocate() }
    }

    /// Appends bytes; returns an errno when a write failed (the writer is then unusable but still discardable).
    func append(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let buffer = buffers[current]
            let n = min(bytes.count - offset, buffer.count - filled)
            (buffer.baseAddress! + filled).copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
            filled += n
            offset += n
            if filled == buffer.count, let err = submit() { return err }
        }
        return nil
    }

    /// Hands the current buffer to the backend and takes the next one (waiting while all are in flight).
    private func submit() -> Int32? {
        if let err = backend.failure { return err }
        guard filled > 0 else { return nil }
        backend.enqueue(WriteBehind.Chunk(buffer: buffers[current], count: filled))
        submitted += Int64(filled)
        filled = 0
        current = (current + 1) % buffers.count
        backend.acquire()
        return backend.failure
    }

    /// Submits what is buffered and waits until it is hashed and written. Returns an errno on failure.
    func flush() -> Int32? {
        if let err = submit() { return err }
        backend.drain()
        return backend.failure
    }

    /// Empties the file for another attempt.
    func reset() throws {
        _ = flush()
        filled = 0
        submitted = 0
        guard backend.reset() else {
            throw APIError(.localIO("cannot truncate \(tempURL.path): \(Self.describe(errno))"))
        }
    }

    /// Flushes and returns the base64 MD5 of everything written.
    func digest() throws -> String {
        if let err = flush() { throw writeError(err) }
        return backend.digest()
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
        backend.drain()
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

/// The hashing and writing half of `AtomicFileWriter`, on its own serial queue. `hasher`, `written` and
/// `syncedTo` are only touched on `queue`; `failure` is locked; `slots` bounds the buffers in flight.
private final class WriteBehind: @unchecked Sendable {
    struct Chunk: @unchecked Sendable {   // a buffer owned by the backend until its slot is released
        let buffer: UnsafeMutableRawBufferPointer
        let count: Int
    }

    private let fd: Int32
    private let queue = DispatchQueue(label: "tideblob.download.write-behind")
    private let slots: DispatchSemaphore
    private let error = Mutex<Int32?>(nil)
    private var hasher = Insecure.MD5()
    private var written: Int64 = 0
    private var syncedTo: Int64 = 0
    private let fault = Mutex<(@Sendable (Int64) -> Int32?)?>(nil)

    /// Start write-back of every this many bytes, so the final fsync has little left to do.
    static let writebackStride: Int64 = 8 << 20

    init(fd: Int32, slots: Int) {
        self.fd = fd
        // Start from 0 and signal up: libdispatch traps when a semaphore is freed below its initial value,
        // and the writer always holds one slot (the buffer being filled).
        self.slots = DispatchSemaphore(value: 0)
        for _ in 0..<slots { self.slots.signal() }
    }

    var failure: Int32? { error.withLock { $0 } }
    var writeFault: (@Sendable (Int64) -> Int32?)? {
        get { fault.withLock { $0 } }
        set { fault.withLock { $0 = newValue } }
    }

    func acquire() { slots.wait() }

    func enqueue(_ chunk: Chunk) {
        queue.async { [self] in
            defer { slots.signal() }
            guard error.withLock({ $0 }) == nil else { return }
            let bytes = UnsafeRawBufferPointer(rebasing: chunk.buffer[0..<chunk.count])
            hasher.update(bufferPointer: bytes)
            if let injected = fault.withLock({ $0 })?(written) {
                error.withLock { $0 = injected }
                return
            }
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    let e = errno
                    error.withLock { $0 = e }
                    return
                }
                if n == 0 { error.withLock { $0 = EIO }; return }
                done += n
            }
            written += Int64(done)
            if written - syncedTo >= Self.writebackStride {
                Writeback.start(fd: fd, offset: syncedTo, length: written - syncedTo)
                syncedTo = written
            }
        }
    }

    /// Waits until every enqueued chunk is processed.
    func drain() { queue.sync {} }

    func digest() -> String { queue.sync { MD5Digest.base64(hasher.finalize()) } }

    func reset() -> Bool {
        queue.sync {
            hasher = Insecure.MD5()
            written = 0
            syncedTo = 0
            error.withLock { $0 = nil }
            return ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0
        }
    }
}

/// `sync_file_range(SYNC_FILE_RANGE_WRITE)` where the C library has it (Linux; not exported by Swift's Glibc
/// module, so looked up once): starts write-back without waiting. Elsewhere a no-op.
enum Writeback {
    private typealias Function = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private struct Symbol: @unchecked Sendable { let function: Function? }
    private static let symbol: Symbol = {
        #if os(Linux)
        if let raw = dlsym(nil, "sync_file_range") { return Symbol(function: unsafeBitCast(raw, to: Function.self)) }
        #endif
        return Symbol(function: nil)
    }()

    static func start(fd: Int32, offset: Int64, length: Int64) {
        _ = symbol.function?(fd, offset, length, 2 /* SYNC_FILE_RANGE_WRITE */)
    }
}
