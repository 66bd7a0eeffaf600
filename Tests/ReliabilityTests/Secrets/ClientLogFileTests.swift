import Foundation
import Logging
import Testing
import TestSupport
import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// The client log file (`$XDG_STATE_HOME/tideblob/tideblob.log`): format, mode, rotation, level, redaction.
    @Suite struct ClientLogFile {
        @Test func requestLinesGoToA0600FileWithoutSecrets() async throws {
            let root = try SafetyScratch()
            defer { root.remove() }
            let paths = XDGPaths(environment: ["HOME": root.url.path, "XDG_STATE_HOME": root.url.appendingPathComponent("state").path])
            let sandbox = try await SandboxHarness.start(seed: .demo)
            do { try await check(sandbox, paths) } catch { await sandbox.stop(); throw error }
            await sandbox.stop()
        }

        private func check(_ sandbox: SandboxHarness, _ paths: XDGPaths) async throws {
            let account = sandbox.account(role: "service")
            let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL),
                                            logger: ClientLog.logger(paths: paths, variables: [:]))
            _ = try await client.login(email: account.email, password: account.password)
            let token = try #require(client.session?.token)
            let patient = sandbox.account(role: "patient")
            _ = try await client.listBlobs(userId: patient.userId, statuses: [.available])
            await #expect(throws: APIError.self) { _ = try await client.getBlob(id: String(repeating: "0", count: 32)) }

            let file = ClientLog.fileURL(paths: paths)
            #expect(SafetyFileMode.of(file) == 0o600)
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            // time, level, method, path, status, bytes, ms, trace id
            let request = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z info GET /v1/users/[0-9a-f]+/blobs 200 \d+B \d+ms trace=[0-9a-f]+$/#
            #expect(lines.contains { $0.wholeMatch(of: request) != nil }, "no request line in:\n\(text)")
            #expect(lines.contains { $0.contains(" error GET /v1/blobs/") && $0.contains("HTTP 404") && $0.contains("(trace ") },
                    "no error line in:\n\(text)")
            #expect(!text.contains("status=available"), "query strings are not logged")
            for secret in [token, account.password] {
                #expect(!text.contains(secret), "secret in the client log")
            }
            if let failure = await client.logout() { Issue.record("logout: \(failure)") }
        }

        @Test func formatIsOneSanitizedRedactedLine() {
            let line = FileLogHandler.format(
                time: Date(timeIntervalSince1970: 0), level: .error,
                message: "GET /v1/x?token=abc123&b=2 X-Tidepool-Session-Token: kc:secret1 Authorization: Basic c2VjcmV0Mg== end\n\u{1b}]0;pwn\u{7}",
                metadata: ["password": "hunter2", "body": "{\"token\":\"kc:secret3\"}"])
            #expect(line.hasPrefix("1970-01-01T00:00:00.000Z error GET /v1/x?[redacted]"))
            #expect(!line.contains("\n") && !line.contains("\u{1b}") && !line.contains("\u{7}"))
            for secret in ["abc123", "kc:secret1", "c2VjcmV0Mg==", "kc:secret3"] {
                #expect(!line.contains(secret), "\(secret) survived: \(line)")
            }
            #expect(line.contains("\\x1b]0;pwn"))
        }

        @Test func rotatesAtTheCap() throws {
            let root = try SafetyScratch()
            defer { root.remove() }
            let file = root.url.appendingPathComponent("new/dir/tideblob.log")
            let writer = LogFileWriter(fileURL: file, maxBytes: 4096)
            let line = String(repeating: "x", count: 99)
            for _ in 0..<100 { writer.append(line) }   // 10,000 bytes
            let current = try Data(contentsOf: file)
            let previous = try Data(contentsOf: writer.rotatedURL)
            #expect(current.count <= 4096 && previous.count <= 4096 && previous.count >= 4000)
            #expect(current.count % 100 == 0 && previous.count % 100 == 0, "only whole lines")
            #expect(SafetyFileMode.of(file) == 0o600)
            #expect(SafetyFileMode.of(file.deletingLastPathComponent()) == 0o700)
        }

        @Test func levelComesFromTheVariable() throws {
            #expect(ClientLog.level(variables: [:]) == .info)
            #expect(ClientLog.level(variables: ["TIDEBLOB_LOG_LEVEL": "DEBUG"]) == .debug)
            #expect(ClientLog.level(variables: ["TIDEBLOB_LOG_LEVEL": "warn"]) == .warning)
            #expect(ClientLog.level(variables: ["TIDEBLOB_LOG_LEVEL": "off"]) == nil)
            let root = try SafetyScratch()
            defer { root.remove() }
            let paths = XDGPaths(environment: ["HOME": root.url.path, "XDG_STATE_HOME": root.url.path])
            let quiet = ClientLog.logger(paths: paths, variables: ["TIDEBLOB_LOG_LEVEL": "error"])
            quiet.info("dropped")
            quiet.error("kept")
            let text = try String(contentsOf: ClientLog.fileURL(paths: paths), encoding: .utf8)
            #expect(!text.contains("dropped") && text.contains(" error kept"))
            let off = ClientLog.logger(paths: paths, variables: ["TIDEBLOB_LOG_LEVEL": "off"])
            off.critical("never")
            #expect(try !String(contentsOf: ClientLog.fileURL(paths: paths), encoding: .utf8).contains("never"))
        }
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct SafetyScratch {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-rel-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

enum SafetyFileMode {
    /// Permission bits of the file at `url`, or nil when it does not exist.
    static func of(_ url: URL) -> mode_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}
