import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends whole lines to one log file from any thread, with size-capped rotation.
///
/// The file is opened `O_APPEND` with mode 0600 (a looser mode found on an existing file is tightened), its
/// directory is created 0700 when missing. When a line would push the file past `maxBytes`, the file is renamed to
/// `<name>.1` (replacing an older `.1`) and a fresh file is started. Write failures are swallowed: logging must never
/// break a command.
public final class LogFileWriter: Sendable {
    public let fileURL: URL
    public let maxBytes: Int
    private let state = Mutex<(fd: Int32, size: Int)>((fd: -1, size: 0))

    public init(fileURL: URL, maxBytes: Int = 1 << 20) {
        self.fileURL = fileURL
        self.maxBytes = max(maxBytes, 1024)
    }

    deinit {
        state.withLock { if $0.fd >= 0 { close($0.fd) } }
    }

    /// `fileURL` with `.1` appended: where the previous file goes on rotation.
    public var rotatedURL: URL { URL(fileURLWithPath: fileURL.path + ".1") }

    /// Appends `line` plus a newline (the caller makes it one line).
    public func append(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        state.withLock { s in
            if s.fd < 0 { open(into: &s) }
            guard s.fd >= 0 else { return }
            if s.size > 0, s.size + bytes.count > maxBytes { rotate(&s) }
            guard s.fd >= 0 else { return }
            let written = bytes.withUnsafeBytes { write(s.fd, $0.baseAddress, $0.count) }
            if written > 0 { s.size += written }
        }
    }

    private func open(into s: inout (fd: Int32, size: Int)) {
        try? FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let fd = openAppending(fileURL.path)
        guard fd >= 0 else { return }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o600) }
            s.size = Int(info.st_size)
        }
        s.fd = fd
    }

    private func rotate(_ s: inout (fd: Int32, size: Int)) {
        close(s.fd)
        s.fd = -1
        s.size = 0
        _ = rename(fileURL.path, rotatedURL.path)
        open(into: &s)
    }

    private func openAppending(_ path: String) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        #else
        return Darwin.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        #endif
    }
}
