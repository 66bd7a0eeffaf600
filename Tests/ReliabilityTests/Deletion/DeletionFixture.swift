import BlobBrowser
import Foundation
import Sandbox
import Testing
import TerminalUI
import TestSupport
import TidepoolAPI

/// A demo sandbox whose request log is recorded, the CLI signed in as the support (service) account, and an
/// in-process client for looking at the server's state.
struct DeletionFixture {
    let sandbox: SandboxHarness
    let recorder: SandboxRequestRecorder
    let cli: CLIRunner
    let client: TidepoolClient

    var zoe: String { sandbox.account(role: "patient").userId }
    var paths: XDGPaths {
        XDGPaths(environment: ["HOME": cli.root.appendingPathComponent("home").path, "XDG_STATE_HOME": cli.stateHome.path])
    }

    static func with(_ body: (DeletionFixture) async throws -> Void) async throws {
        let recorder = SandboxRequestRecorder()
        let sandbox = try await SandboxHarness.start(seed: .demo, logSink: recorder.sink)
        let cli = try CLIRunner(environment: ["TIDEBLOB_URL": sandbox.baseURL.absoluteString])
        defer { cli.cleanUp() }
        do {
            let support = sandbox.account(role: "service")
            let login = try await cli.run(["login", "--email", support.email, "--password-stdin"], stdin: support.password + "\n")
            try #require(login.status == 0, "\(login)")
            let client = try TidepoolClient(environment: Environment(name: "check", baseURL: sandbox.baseURL))
            try await client.login(email: support.email, password: support.password)
            try await body(DeletionFixture(sandbox: sandbox, recorder: recorder, cli: cli, client: client))
        } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    /// Records one deletion-safety check in the ledger, and an issue naming it when it did not hold.
    func check(_ held: Bool, _ name: String, _ detail: @autoclosure () -> String = "",
               sourceLocation: SourceLocation = #_sourceLocation) {
        ReliabilityLedger.shared.count(tried: .deletionChecks, passed: .deletionHeld, held: held)
        if !held { Issue.record("deletion safety: \(name) did not hold. \(detail())", sourceLocation: sourceLocation) }
    }

    /// Every blob of `userId`, both statuses, as the server has them now.
    func blobs(of userId: String) async throws -> [Blob] {
        try await client.listBlobs(userId: userId, statuses: [.available, .created])
    }

    /// The blob as the server has it now, or nil when it is gone.
    func serverBlob(_ id: String) async -> Blob? { try? await client.getBlob(id: id) }

    /// Another actor changes the blob behind our back: its revision goes up by one. The real service bumps the
    /// revision on every metadata update (`$inc`), which only service-side actions perform; the sandbox's
    /// `touchBlob` test switch does the same.
    func bumpRevision(_ id: String) throws {
        guard try sandbox.server.touchBlob(id: id) != nil else { throw DeletionFixtureError.noSuchBlob(id) }
    }

    func journal() throws -> [DeletionRecord] {
        FileManager.default.fileExists(atPath: cli.journalFile.path) ? try DeletionJournal(fileURL: cli.journalFile).records() : []
    }

    /// The UI on the real stack, headless, wired as `TUILauncher` wires it (journal in the CLI's state dir), with
    /// Zoë opened and the blobs pane focused.
    func openUI(readOnly: Bool) async throws -> HeadlessUI {
        let support = sandbox.account(role: "service")
        let uiClient = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL))
        try await uiClient.login(email: support.email, password: support.password)
        let ui = HeadlessUI(client: uiClient, paths: paths, readOnly: readOnly)
        await ui.start()
        await ui.keys([.char("/")], typing: "Zo")
        await ui.keys([.enter, .enter])
        return ui
    }
}

enum DeletionFixtureError: Error { case noSuchBlob(String) }

/// `TUILauncher.makeApp` + `HeadlessDriver`: keys in, the rendered screen and the store's state out.
final class HeadlessUI {
    let app: BrowserApp
    let driver: HeadlessDriver

    init(client: TidepoolClient, paths: XDGPaths, readOnly: Bool) {
        let waker = UIWaker()
        let options = TUILauncher.Options(themeName: nil, readOnly: readOnly, mouse: false, environmentLabel: nil)
        app = TUILauncher.makeApp(client: client, options: options, waker: waker, paths: paths, environment: [:]).app
        driver = HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker)
    }

    func start() async {
        _ = driver.start()
        app.start()
        await app.store.waitUntilIdle()
    }

    func keys(_ keys: [Key], typing text: String? = nil) async {
        for key in keys { _ = driver.press(key) }
        if let text { _ = driver.type(text) }
        await app.store.waitUntilIdle()
    }

    var screen: String { driver.render().lines().joined(separator: "\n") }
    var state: BrowserState { app.store.state }
}
