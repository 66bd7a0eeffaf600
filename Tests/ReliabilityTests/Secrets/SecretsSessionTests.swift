import BlobBrowser
import Foundation
import Sandbox
import Testing
import TestSupport
import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

extension Reliability {
    /// A whole support session through the real CLI binary (and a headless TUI session on the same XDG dirs), then
    /// every output stream and file is searched for the session tokens and the passwords.
    @Suite struct Secrets {
        @Test func noTokenOrPasswordLeaksFromAFullSession() async throws {
            let recorder = SandboxRequestRecorder()
            let sandbox = try await SandboxHarness.start(seed: .demo, logSink: recorder.sink)
            let cli = try CLIRunner(environment: ["TIDEBLOB_URL": sandbox.baseURL.absoluteString, "TIDEBLOB_LOG_LEVEL": "trace"])
            defer { cli.cleanUp() }
            do {
                var session = SecretSession(sandbox: sandbox, cli: cli)
                try await session.runCLI()
                try await session.runTUI()
                session.scan(sandboxLog: recorder.all)
            } catch {
                Issue.record("session failed: \(error)")
            }
            await sandbox.stop()
        }

        @Test func scannerFindsEveryForm() {
            var scanner = SecretScanner()
            scanner.add(secret: "kc:abc:def", label: "token")
            scanner.add(secret: "pass word", label: "password", email: "a@b.c")
            let basic = Data("a@b.c:pass word".utf8).base64EncodedString()
            let text = "x kc:abc:def y kc%3Aabc%3Adef z \(Data("kc:abc:def".utf8).base64EncodedString()) pass%20word \(basic)"
            // 6: "a@b.c:" is 6 bytes, so the password's own base64 also shows inside the Basic header's.
            #expect(scanner.search(text, place: "canary") == 6, "\(scanner.findings)")
            #expect(scanner.search("kc:abc:de pass-word", place: "clean") == 0)
        }
    }
}

/// The scripted session of `Reliability.Secrets`.
struct SecretSession {
    let sandbox: SandboxHarness
    let cli: CLIRunner
    var results: [(label: String, result: CLIRunner.Result)] = []
    var tokens: [String] = []
    var frames: [String] = []
    var scanner = SecretScanner()

    init(sandbox: SandboxHarness, cli: CLIRunner) {
        self.sandbox = sandbox
        self.cli = cli
    }

    private var support: SandboxAccount { sandbox.account(role: "service") }
    private var patient: SandboxAccount { sandbox.account(role: "patient") }

    @discardableResult
    private mutating func run(_ args: [String], stdin: String = "", env: [String: String] = [:], expect status: Int32 = 0) async throws -> CLIRunner.Result {
        let result = try await cli.run(args, stdin: stdin, extraEnvironment: env)
        results.append((args.joined(separator: " "), result))
        if result.status != status { Issue.record("tideblob \(args.joined(separator: " ")): expected exit \(status)\n\(result)") }
        return result
    }

    private func storedToken() throws -> String? {
        try SessionStore(fileURL: cli.sessionsFile).allSessions().values.first?.token
    }

    mutating func runCLI() async throws {
        try await run(["login", "--email", support.email, "--password-stdin"], stdin: support.password + "\n")
        let first = try #require(try storedToken())
        tokens.append(first)
        #expect(SafetyFileMode.of(cli.sessionsFile) == 0o600)
        try await run(["whoami"])
        try await run(["whoami", "--json"])
        try await run(["users"])
        try await run(["users", "--json"])
        let zoe = patient.userId
        let list = try await run(["blobs", "list", zoe, "--json"])
        let blobs = try TidepoolJSON.decoder().decode([Blob].self, from: list.stdoutData)
        let existing = try #require(blobs.first)
        try await run(["blobs", "list", zoe])
        try await run(["blobs", "info", existing.id])
        try await run(["blobs", "info", existing.id, "--json"])

        let file = cli.root.appendingPathComponent("home/upload.txt")
        try Data("secret-free upload\n".utf8).write(to: file)
        let up = try await run(["blobs", "upload", zoe, file.path, "--json"])
        let uploaded = try TidepoolJSON.decoder().decode(Blob.self, from: up.stdoutData)
        let out = cli.root.appendingPathComponent("home/out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try await run(["blobs", "download", uploaded.id, "-o", out.path])
        try await run(["blobs", "delete", uploaded.id, "--revision", String(uploaded.revision), "--yes"])

        let logs = try await run(["logs", "list", zoe, "--since", "30d", "--json"])
        let chunks = try TidepoolJSON.decoder().decode([DeviceLogsMetadata].self, from: logs.stdoutData)
        if let chunk = chunks.first { try await run(["logs", "show", chunk.id]) } else { Issue.record("the demo seed has no device logs") }
        let entries = cli.root.appendingPathComponent("home/entries.json")
        let sample = [DeviceLogEntry(type: .send, managerIdentifier: "M", deviceIdentifier: "D", timestamp: Date(), message: "hello")]
        try TidepoolJSON.encoder().encode(sample).write(to: entries)
        try await run(["logs", "upload", zoe, entries.path, "--start", "3h", "--end", "2h"])

        // Forced expiry: the next command refreshes and stores a new token.
        #expect(try sandbox.faults.expireToken(first))
        try await run(["blobs", "list", zoe])
        let second = try #require(try storedToken())
        #expect(second != first, "the token was not refreshed")
        tokens.append(second)

        // Errors: 404 from the stored session; 403 with a patient token from the environment.
        try await run(["blobs", "info", String(repeating: "0", count: 32)], expect: 1)
        let patientToken = try await sandbox.login(patient)
        tokens.append(patientToken)
        try await run(["blobs", "list", zoe], env: ["TIDEPOOL_SESSION_TOKEN": patientToken], expect: 1)
        try await run(["login", "--email", patient.email, "--password-stdin"], stdin: "not-\(patient.password)\n", expect: 1)

        // A loose session file is repaired, with a warning.
        chmod(cli.sessionsFile.path, 0o644)
        let repaired = try await run(["whoami"])
        #expect(SafetyFileMode.of(cli.sessionsFile) == 0o600, "session file not repaired to 0600")
        #expect(repaired.stderr.contains("warning:") && repaired.stderr.contains("0600"), "no warning: \(repaired.stderr)")
        try await run(["logout"])
    }

    /// The UI's stack headlessly: TidepoolClient with the client log in the same state dir → LiveBackend → BrowserStore.
    mutating func runTUI() async throws {
        let paths = XDGPaths(environment: ["HOME": cli.root.appendingPathComponent("home").path, "XDG_STATE_HOME": cli.stateHome.path])
        let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL),
                                        logger: ClientLog.logger(paths: paths, variables: ["TIDEBLOB_LOG_LEVEL": "trace"]))
        try await client.login(email: support.email, password: support.password)
        tokens.append(try #require(client.session?.token))
        let faults = sandbox.faults
        let frames = try await HeadlessSecretsUI.run(client: client, paths: paths, userId: patient.userId) {
            try faults.update { $0.failNextResponses = 1 }
        }
        self.frames = frames
        #expect(frames.contains { $0.contains("Blobs of Zoë") }, "the UI session never opened Zoë")
        #expect(frames.contains { $0.contains("deleted 1 of 1") }, "the UI session deleted nothing")
        #expect(frames.contains { $0.contains("trace") }, "the UI session showed no error details")
        if let failure = await client.logout() { Issue.record("TUI logout: \(failure)") }
    }

    mutating func scan(sandboxLog: [String]) {
        for (i, token) in tokens.enumerated() { scanner.add(secret: token, label: "token #\(i + 1)") }
        for account in [support, patient] { scanner.add(secret: account.password, label: "password of \(account.email)", email: account.email) }
        for (label, result) in results {
            // Log lines go to the log file only, never to the terminal (the run uses TIDEBLOB_LOG_LEVEL=trace).
            #expect(!(result.stdout + result.stderr).contains(" trace="), "request log lines on the terminal: \(label)")
            scanner.search(result.stdout, place: "stdout of tideblob \(label)")
            scanner.search(result.stderr, place: "stderr of tideblob \(label)")
        }
        for (i, frame) in frames.enumerated() { scanner.search(frame, place: "TUI frame \(i + 1)") }
        scanner.search(sandboxLog.joined(separator: "\n"), place: "sandbox request log")
        let sessions = cli.sessionsFile.standardizedFileURL.path
        scanner.searchFiles(under: cli.root, excluding: [sessions])

        let logFile = cli.stateHome.appendingPathComponent("tideblob/tideblob.log")
        let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        #expect(SafetyFileMode.of(logFile) == 0o600, "the client log is not 0600")
        #expect(log.contains(" info POST /auth/login 200 ") && log.contains(" info DELETE /v1/blobs/"),
                "the client log misses the CLI's requests")
        #expect(log.contains(" error GET /v1/blobs/0000") && log.contains("HTTP 404"), "the client log misses the 404")
        #expect(FileManager.default.fileExists(atPath: cli.journalFile.path), "no deletion journal was written")
        #expect(!sandboxLog.isEmpty)
        ReliabilityLedger.shared.add(.secretPlacesSearched, scanner.placesSearched)
        ReliabilityLedger.shared.add(.secretsFound, scanner.findings.count)
        #expect(scanner.placesSearched >= 50, "searched only \(scanner.placesSearched) places")
        for finding in scanner.findings { Issue.record("secret leaked: \(finding)") }
    }
}
