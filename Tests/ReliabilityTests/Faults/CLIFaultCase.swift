import Foundation
import Sandbox
import TestSupport
import TidepoolAPI

/// Runs one (operation × fault) case through the real `tideblob` binary and checks what it left behind.
struct CLIFaultCase: Sendable {
    let op: FaultOperation
    let fault: InjectedFault
    let transport: TransportTargets

    /// A small stall limit where the fault is a stall (drip, silent server), so those end in seconds; elsewhere a
    /// roomy one, so a loaded machine cannot turn another fault into a stall.
    static let stallSeconds = 2
    static let roomyStallSeconds = 20

    static func stallSeconds(for fault: InjectedFault) -> Int {
        if case .route(.drip) = fault { return stallSeconds }
        return fault == .neverAnswer ? stallSeconds : roomyStallSeconds
    }

    var timeouts: [String: String] {
        ["TIDEBLOB_CONNECT_TIMEOUT": "5", "TIDEBLOB_STALL_TIMEOUT": "\(Self.stallSeconds(for: fault))",
         "TIDEBLOB_REQUEST_TIMEOUT": "40"]
    }

    var name: String { "cli \(op.rawValue) × \(fault)" }

    func run() async -> FaultCaseOutcome {
        var outcome = FaultCaseOutcome(name: name)
        Reliability.FaultMatrix.progress("start \(name)")
        var world: FaultWorld?
        let started = Date()
        do {
            let target = try await transport.target(for: fault)
            world = target.world
            try await check(url: target.url, world: world, into: &outcome)
        } catch {
            outcome.failures.append("setup or run failed: \(error)")
        }
        outcome.seconds = Date().timeIntervalSince(started)
        await world?.stop()
        return outcome
    }

    private func check(url: URL, world: FaultWorld?, into outcome: inout FaultCaseOutcome) async throws {
        let cli = try CLIRunner(environment: timeouts.merging(["TIDEBLOB_URL": url.absoluteString]) { a, _ in a })
        defer { cli.cleanUp() }
        var token: String?
        if op != .login {
            token = try await world?.serviceToken() ?? "kc:fault-matrix:not-a-real-token"
            let environment = try EnvironmentResolver.resolve(envFlag: nil, urlFlag: url.absoluteString, variables: [:])
            let store = SessionStore(paths: XDGPaths(environment: ["XDG_STATE_HOME": cli.stateHome.path, "HOME": cli.root.path]))
            try store.save(Session(token: token!, userId: world?.supportId ?? FaultExpectation.transportUserId,
                                   username: "support@tideblob.demo", isService: true), for: environment.name)
        }
        let files = cli.root.appendingPathComponent("files", isDirectory: true)
        let downloads = cli.root.appendingPathComponent("downloads", isDirectory: true)
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let existing = downloads.appendingPathComponent("existing.bin")
        let existingBytes = Data("an earlier download that must survive\n".utf8)
        try existingBytes.write(to: existing)
        let uploadFile = files.appendingPathComponent("upload.bin")
        try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: uploadFile)
        let logsFile = files.appendingPathComponent("logs.json")
        try TidepoolJSON.encoder().encode(FaultWorld.entries(Date())).write(to: logsFile)
        let blobsBefore = world == nil ? [] : try await world!.service.blobPages(userId: world!.zoeId, statuses: [.available, .created]).collect()
        if case .route(let kind) = fault, let world { try world.inject(kind, into: op.sandboxOperation) }

        let zoe = world?.zoeId ?? FaultExpectation.transportUserId
        let blobId = world?.blob.id ?? FaultExpectation.transportBlobId
        var stdin = ""
        let args: [String]
        switch op {
        case .list: args = ["blobs", "list", zoe]
        case .info: args = ["blobs", "info", blobId]
        case .upload: args = ["blobs", "upload", zoe, uploadFile.path]
        case .download: args = ["blobs", "download", blobId, "-o", existing.path, "--force"]
        case .delete: args = ["blobs", "delete", world?.victim.id ?? FaultExpectation.transportBlobId, "--yes"]
        case .logsUpload: args = ["logs", "upload", zoe, logsFile.path, "--start", "2026-01-01T00:00:00Z", "--end", "2026-01-01T01:00:00Z"]
        case .logsList: args = ["logs", "list", zoe]
        case .logsShow: args = ["logs", "show", world?.log.id ?? FaultExpectation.transportBlobId]
        case .login:
            args = ["login", "--email", "support@tideblob.demo", "--password-stdin"]
            stdin = "demo-support\n"
        }
        let began = Date()
        let result = try await cli.run(args, stdin: stdin, timeout: 45)
        let elapsed = Date().timeIntervalSince(began)

        // Exit status 1, one clear typed message with a trace id, no crash, no secret.
        outcome.check(result.status == 1, "exit status \(result.status), expected 1\n\(result)")
        let errorLine = result.stderr.split(separator: "\n").first { $0.hasPrefix("error: ") }.map(String.init)
        outcome.check(errorLine != nil, "no `error:` line\n\(result)")
        let message = errorLine ?? ""
        let phrases = FaultExpectation.phrases(op, fault)
        outcome.check(phrases.contains { message.contains($0) }, "message lacks any of \(phrases): \(message)")
        outcome.check(FaultExpectation.traceId(in: message) != nil, "message has no trace id: \(message)")
        for crash in ["Fatal error", "fatalError", "Segmentation", "Illegal instruction", "stack dump"] {
            outcome.check(!result.stderr.contains(crash), "crash text `\(crash)` in stderr")
        }
        if let token { outcome.check(!result.stderr.contains(token) && !result.stdout.contains(token), "session token in the output") }
        outcome.check(!result.stderr.contains("demo-support"), "password in the output")
        if case .route(.refreshFails) = fault { outcome.check(message.contains("tideblob login"), "no sign-in hint: \(message)") }
        if case .route(.drip) = fault {
            // Stalled after the stall time, not long after it (process start and the refresh-free path included).
            outcome.check(elapsed >= Double(Self.stallSeconds) && elapsed < Double(Self.stallSeconds) + 8,
                          "stall detected after \(String(format: "%.1f", elapsed)) s with a \(Self.stallSeconds) s stall limit")
        }

        // Nothing half-done left behind.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: downloads.path)) ?? []
        outcome.check(left == ["existing.bin"], "download directory holds \(left)")
        outcome.check((try? Data(contentsOf: existing)) == existingBytes, "the existing target file was changed")
        if let journal = try? String(contentsOf: cli.journalFile, encoding: .utf8) {
            for line in journal.split(separator: "\n") {
                let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                outcome.check(record?["result"] as? String != DeletionRecord.deleted, "journal claims success: \(line)")
            }
        }
        if op == .upload, let world {
            let after = try await world.blobsAfterwards()
            let fresh = after.filter { blob in !blobsBefore.contains { $0.id == blob.id } }
            outcome.check(fresh.count <= 1, "\(fresh.count) new blobs after one failed upload")
            for blob in fresh {
                outcome.check(blob.status == .available && blob.size == 3000,
                              "half-made blob listed: \(blob.id) \(blob.status) \(String(describing: blob.size))")
            }
        }
    }
}
