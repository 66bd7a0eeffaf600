import Foundation
import Testing
@testable import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

@Suite("Session store")
struct SessionStoreTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test func savesPerEnvironmentWithMode0600() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = XDGPaths(environment: ["HOME": dir.path, "XDG_STATE_HOME": dir.appendingPathComponent("state").path])
        #expect(paths.sessionsFile.path == dir.path + "/state/tideblob/sessions.json")
        let store = SessionStore(paths: paths)
        #expect(try store.session(for: "production") == nil)
        let a = Session(token: "kc:a:b", userId: "20e0a1b2c3", username: "zoe@x", isService: false,
                        expiresAt: Date(timeIntervalSince1970: 1_800_000_000))
        let b = Session(token: "kc:c:d", userId: "5e7c0de000", isService: true)
        try store.save(a, for: "production")
        try store.save(b, for: "127.0.0.1:8009")
        #expect(Self.mode(paths.sessionsFile.path) == 0o600)
        let again = SessionStore(paths: paths)
        #expect(try again.session(for: "production")?.token == "kc:a:b")
        #expect(try again.session(for: "production")?.expiresAt == a.expiresAt)
        #expect(try again.session(for: "127.0.0.1:8009")?.isService == true)
        try again.remove(environment: "production")
        #expect(try store.session(for: "production") == nil)
        #expect(try store.allSessions().keys.sorted() == ["127.0.0.1:8009"])
        #expect(Self.mode(paths.sessionsFile.path) == 0o600)
        // No temp files left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: paths.stateDirectory.path).sorted()
        #expect(names == ["sessions.json", "sessions.json.lock"])
    }

    @Test func loosePermissionsAreRepairedWithAWarning() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sessions.json")
        let warnings = Warnings()
        let store = SessionStore(fileURL: file, warn: { warnings.add($0) })
        try store.save(Session(token: "kc:x:y", userId: "20e0a1b2c3"), for: "qa1")
        #expect(warnings.all.isEmpty)
        chmod(file.path, 0o644)
        #expect(try store.session(for: "qa1")?.token == "kc:x:y")
        #expect(Self.mode(file.path) == 0o600)
        #expect(warnings.all.count == 1)
        #expect(warnings.all.first?.contains("mode 644") == true)
        #expect(warnings.all.first?.contains("kc:x:y") == false)
    }

    @Test func corruptFileIsIgnoredWithAWarning() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sessions.json")
        let fd = open(file.path, O_WRONLY | O_CREAT, 0o600)
        _ = write(fd, "{not json", 9)
        close(fd)
        let warnings = Warnings()
        let store = SessionStore(fileURL: file, warn: { warnings.add($0) })
        #expect(try store.session(for: "qa1") == nil)
        #expect(warnings.all.count == 1)
        try store.save(Session(token: "kc:1:2", userId: "20e0a1b2c3"), for: "qa1")
        #expect(try store.session(for: "qa1")?.token == "kc:1:2")
    }
}

final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
