import BlobBrowser
import Foundation
import Sandbox
import TerminalUI
import TestSupport
import TidepoolAPI

/// Runs one (operation × fault) case through the TUI stack without a terminal — TidepoolClient → LiveBackend →
/// BrowserApp → HeadlessDriver at 120×40 — and checks the rendered screen.
struct TUIFaultCase: Sendable {
    let op: FaultOperation
    let fault: InjectedFault
    let transport: TransportTargets

    var name: String { "tui \(op.rawValue) × \(fault)" }

    func run() async -> FaultCaseOutcome {
        var outcome = FaultCaseOutcome(name: name)
        var world: FaultWorld?
        let started = Date()
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-tui-fault-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
            let target = try await transport.target(for: fault)
            world = target.world
            try await check(url: target.url, world: world, temp: temp, into: &outcome)
        } catch {
            outcome.failures.append("setup or run failed: \(error)")
        }
        outcome.seconds = Date().timeIntervalSince(started)
        await world?.stop()
        try? FileManager.default.removeItem(at: temp)
        return outcome
    }

    private func check(url: URL, world: FaultWorld?, temp: URL, into outcome: inout FaultCaseOutcome) async throws {
        var configuration = ClientConfiguration()
        configuration.connectTimeoutSeconds = 5
        configuration.stallTimeoutSeconds = CLIFaultCase.stallSeconds(for: fault)
        configuration.requestTimeoutSeconds = 40
        let token = try await world?.serviceToken() ?? "kc:fault-matrix:not-a-real-token"
        let session = Session(token: token, userId: world?.supportId ?? FaultExpectation.transportUserId,
                              username: "support@tideblob.demo", isService: true)
        let client = try TidepoolClient(environment: Environment(name: "fault", baseURL: url), session: session,
                                        configuration: configuration)
        let downloads = temp.appendingPathComponent("downloads", isDirectory: true)
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let journalURL = temp.appendingPathComponent("deletions.jsonl")
        let waker = UIWaker()
        let app = BrowserApp(state: BrowserState(environmentName: "fault", downloadDirectory: downloads.path),
                             backend: LiveBackend(client: client, journal: DeletionJournal(fileURL: journalURL)),
                             files: RealLocalFiles(stateDirectory: temp), waker: waker)
        let driver = HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker)
        driver.start()
        app.start()
        await app.store.waitUntilIdle()

        // Only the operation under test breaks: everything before it works.
        if case .route(let kind) = fault, let world, op != .list, op != .logsList {
            driver.press(.char(":")); driver.type("user \(world.zoeId)"); driver.press(.enter)
            await app.store.waitUntilIdle()
            try world.inject(kind, into: op.sandboxOperation)
        } else {
            if case .route(let kind) = fault, let world { try world.inject(kind, into: op.sandboxOperation) }
            driver.press(.char(":")); driver.type("user \(world?.zoeId ?? FaultExpectation.transportUserId)"); driver.press(.enter)
            await app.store.waitUntilIdle()
        }

        var error: BrowserError?
        switch op {
        case .list:
            error = app.store.state.blobs.error
        case .logsList:
            error = app.store.state.logs.error
        case .download, .delete:
            let target = op == .download ? world!.blob.id : world!.victim.id
            guard let index = app.store.state.blobs.visible.firstIndex(where: { $0.id == target }) else {
                outcome.failures.append("blob \(target) not listed before the fault")
                return
            }
            driver.press(.home)
            for _ in 0..<index { driver.press(.down) }
            if op == .download {
                driver.press(.char("d"), .enter)
            } else {
                driver.press(.char("D"), .char("y"))
            }
            await app.store.waitUntilIdle()
            error = app.store.state.lastError
        case .upload:
            let file = temp.appendingPathComponent("upload.bin")
            try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: file)
            driver.press(.char("u"), .ctrl("u"))
            driver.type(file.path)
            driver.press(.enter)
            await app.store.waitUntilIdle()
            error = app.store.state.lastError
        case .logsShow:
            driver.press(.tab)
            if app.store.state.focus != .logs { driver.press(.tab) }
            driver.press(.home, .enter)
            await app.store.waitUntilIdle()
            if case .logEntries(let entries)? = app.store.state.overlay { error = entries.error }
        case .info, .logsUpload, .login:
            outcome.failures.append("not a TUI case")
            return
        }
        let screen = driver.render().lines()
        let text = screen.joined(separator: "\n")
        guard let error else {
            outcome.failures.append("no error in the state\n\(text)")
            return
        }
        let phrases = FaultExpectation.phrases(op, fault)
        outcome.check(phrases.contains { error.description.contains($0) }, "error lacks any of \(phrases): \(error.description)")
        outcome.check(error.traceId != nil, "error has no trace id: \(error.description)")
        // A visible error line: a pane's "Cannot …" or the status line's error message.
        let state = app.store.state
        let statusLine = screen.count > 38 ? screen[38] : ""
        let visible = screen.contains { $0.contains("Cannot ") }
            || (state.message?.kind == .error && statusLine.contains(String(state.message!.text.prefix(16))))
        outcome.check(visible, "no visible error line\n\(text)")
        // The trace id on the screen, or (when the status line is too narrow) in the `E` error details.
        if let trace = error.traceId, !text.contains(trace) {
            driver.press(.char("E"))
            let details = driver.render().lines().joined(separator: "\n")
            outcome.check(details.contains(trace), "trace id \(trace) neither on the screen nor in the E details\n\(details)")
        }
        outcome.check(!text.contains(token), "session token on the screen")

        let left = (try? FileManager.default.contentsOfDirectory(atPath: downloads.path)) ?? []
        outcome.check(left.isEmpty, "download directory holds \(left)")
        let journal = (try? DeletionJournal(fileURL: journalURL).records()) ?? []
        outcome.check(!journal.contains { $0.result == DeletionRecord.deleted }, "journal claims a deletion succeeded")
        if op == .upload, let world {
            let after = try await world.blobsAfterwards()
            outcome.check(!after.contains { $0.status != .available }, "a half-made blob is listed")
        }
    }
}
