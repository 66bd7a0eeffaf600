import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sessions per environment name in `$XDG_STATE_HOME/tideblob/sessions.json`:
/// `{"version":1,"sessions":{"production":{…Session…},"127.0.0.1:8009":{…}}}`.
///
/// The file holds secrets: it is written whole to a temporary file created with mode 0600 (`O_EXCL`), fsynced and
/// renamed over the old one, so it never exists with a looser mode or half-written. A file found with a looser mode
/// on load is repaired to 0600 and reported through `warn`. Read-modify-write is serialized with `flock` on a
/// `sessions.json.lock` file next to it, so two tideblob processes do not lose each other's sessions.
public final class SessionStore: Sendable {
    public let fileURL: URL
    private let warn: @Sendable (String) -> Void
    private let lock = Mutex<Void>(())

    struct FileContents: Codable {
        var version: Int = 1
        var sessions: [String: Session] = [:]
    }

    public init(fileURL: URL, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.fileURL = fileURL
        self.warn = warn
    }

    public convenience init(paths: XDGPaths = XDGPaths(), warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(fileURL: paths.sessionsFile, warn: warn)
    }

    /// The stored session of one environment, or nil.
    public func session(for environment: String) throws -> Session? {
        try withFileLock { try read().sessions[environment] }
    }

    /// Every stored session, keyed by environment name.
    public func allSessions() throws -> [String: Session] {
        try withFileLock { try read().sessions }
    }

    /// Stores (or with nil, removes) the session of one environment.
    public func save(_ session: Session?, for environment: String) throws {
        try withFileLock {
            var contents = try read()
            if let session { contents.sessions[environment] = session } else { contents.sessions.removeValue(forKey: environment) }
            try write(contents)
        }
    }

    public func remove(environment: String) throws { try save(nil, for: environment) }

    // MARK: file handling

    private func read() throws -> FileContents {
        let path = fileURL.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return FileContents() }
            throw ioError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            if chmod(path, 0o600) == 0 {
                warn("\(path) was readable by others (mode \(String(mode, radix: 8))); changed it to 0600")
            } else {
                warn("\(path) is readable by others (mode \(String(mode, radix: 8))) and could not be changed: \(String(cString: strerror(errno)))")
            }
        }
        let data: Data
        do { data = try Data(contentsOf: fileURL) } catch {
            throw ioError("cannot read \(path): \(error.localizedDescription)")
        }
        if data.isEmpty { return FileContents() }
        do {
            return try TidepoolJSON.decoder().decode(FileContents.self, from: data)
        } catch {
            warn("\(path) is not a valid sessions file; ignoring it (sign in again)")
            return FileContents()
        }
    }

    private func write(_ contents: FileContents) throws {
        try XDGPaths.ensureDirectory(fileURL.deletingLastPathComponent())
        let data: Data
        do { data = try TidepoolJSON.encoder(pretty: true).encode(contents) } catch {
            throw ioError("cannot encode sessions: \(error)")
        }
        let tmp = fileURL.path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ioError("cannot create \(tmp): \(String(cString: strerror(errno)))") }
        var ok = fchmod(fd, 0o600) == 0
        ok = ok && data.withUnsafeBytes { FileIO.writeAll(fd, $0) }
        ok = ok && fsync(fd) == 0
        let savedErrno = errno
        close(fd)
        guard ok, rename(tmp, fileURL.path) == 0 else {
            let reason = String(cString: strerror(ok ? errno : savedErrno))
            unlink(tmp)
            throw ioError("cannot write \(fileURL.path): \(reason)")
        }
        FileIO.fsyncDirectory(fileURL.deletingLastPathComponent().path)
    }

    private func withFileLock<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock { _ in
            try XDGPaths.ensureDirectory(fileURL.deletingLastPathComponent())
            let lockPath = fileURL.path + ".lock"
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw ioError("cannot open \(lockPath): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
            defer { flock(fd, LOCK_UN) }
            return try body()
        }
    }

    private func ioError(_ message: String) -> APIError { APIError(.localIO(message)) }
}

/// Small POSIX helpers shared by the session store and the journal.
enum FileIO {
    /// Writes every byte, retrying on partial writes and EINTR.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    static func fsyncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }
}
