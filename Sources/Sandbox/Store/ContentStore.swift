#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Content files under `<data>/content/{blobs,logs}/<userId>/<id>`; uploads go to `<data>/tmp`
/// first and are fsynced and renamed into place before their metadata is committed.
struct ContentStore: Sendable {
    let root: URL
    let temporaryDirectory: URL

    init(dataDirectory: URL) throws {
        root = dataDirectory.appendingPathComponent("content", isDirectory: true)
        temporaryDirectory = dataDirectory.appendingPathComponent("tmp", isDirectory: true)
        for dir in [root.appendingPathComponent("blobs"), root.appendingPathComponent("logs"), temporaryDirectory] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
    }

    func path(_ kind: ContentKind, userId: String, id: String) -> String {
        root.appendingPathComponent(kind.rawValue).appendingPathComponent(userId).appendingPathComponent(id).path
    }

    func userDirectory(_ kind: ContentKind, userId: String) -> String {
        root.appendingPathComponent(kind.rawValue).appendingPathComponent(userId).path
    }

    func makeUpload() throws -> UploadFile {
        let path = temporaryDirectory.appendingPathComponent("upload-" + Identifiers.randomHex(bytes: 12)).path
        return try UploadFile(path: path)
    }

    /// Moves a finished upload into its final place and makes the rename durable.
    func install(_ upload: UploadFile, _ kind: ContentKind, userId: String, id: String) throws {
        let dir = userDirectory(kind, userId: userId)
        if !FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            Self.syncDirectory(root.appendingPathComponent(kind.rawValue).path)   // the new directory's entry
        }
        guard rename(upload.path, path(kind, userId: userId, id: id)) == 0 else {
            throw SandboxError.storage("rename failed: \(String(cString: strerror(errno)))")
        }
        Self.syncDirectory(dir)
    }

    /// Writes seed content directly (no fsync; seeding happens before the server listens).
    func writeSeed(_ kind: ContentKind, userId: String, id: String, write: (Int32) throws -> Void) throws {
        let dir = userDirectory(kind, userId: userId)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fd = open(path(kind, userId: userId, id: id), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SandboxError.storage("cannot create seed file") }
        defer { close(fd) }
        try write(fd)
    }

    func remove(_ kind: ContentKind, userId: String, id: String) {
        unlink(path(kind, userId: userId, id: id))
    }

    /// Start-up clean-up: drop temp files from interrupted uploads and content files whose
    /// metadata was never committed.
    func removeOrphans(keeping ids: Set<String>) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: temporaryDirectory.path)) ?? [] {
            try? fm.removeItem(at: temporaryDirectory.appendingPathComponent(name))
        }
        for kind in [ContentKind.blobs, .logs] {
            let kindDir = root.appendingPathComponent(kind.rawValue)
            for user in (try? fm.contentsOfDirectory(atPath: kindDir.path)) ?? [] {
                let userDir = kindDir.appendingPathComponent(user)
                for file in (try? fm.contentsOfDirectory(atPath: userDir.path)) ?? [] where !ids.contains(file) {
                    try? fm.removeItem(at: userDir.appendingPathComponent(file))
                }
            }
        }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Writes all bytes, retrying short writes.
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SandboxError.storage("write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }
}
