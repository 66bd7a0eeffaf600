#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wakes the UI thread from any thread (or a signal handler): writes one byte to a non-blocking pipe the loop
/// polls. Many wakes before the loop runs coalesce into one `processPosted()` call.
public final class UIWaker: Sendable {
    /// Read end (polled by the loop), write end. -1 if the pipe could not be created (then the loop polls every
    /// 100 ms instead).
    let readFD: Int32
    let writeFD: Int32

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            readFD = fds[0]; writeFD = fds[1]
        } else {
            readFD = -1; writeFD = -1
        }
    }

    deinit {
        if readFD >= 0 { close(readFD) }
        if writeFD >= 0 { close(writeFD) }
    }

    /// Thread-safe and async-signal-safe (one `write(2)`; a full pipe already means "wake pending").
    public func wake() {
        guard writeFD >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe; true when at least one wake was pending.
    @discardableResult
    func drain() -> Bool {
        guard readFD >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 256)
        var any = false
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n > 0 { any = true; continue }
            if n < 0 && errno == EINTR { continue }
            return any
        }
    }
}
