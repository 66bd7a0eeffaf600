import ArgumentParser
import Foundation
import Sandbox
import Synchronization
import TerminalUI
import TidepoolAPI

/// `tideblob` / `tideblob ui`: the terminal UI. Wiring only: the browser lives in `BlobBrowser` + `TerminalUI`.
struct UICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal UI (the default command).",
        discussion: """
        Browse the accounts you can see, their blobs and device logs; preview, download, upload and delete. \
        Press ? inside for every key. --demo starts a local sandbox with demo data and signs in as its support account.
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("demo"), help: "Run against an in-process sandbox with demo data (nothing leaves this machine).")
    var demo = false

    @Option(name: .customLong("theme"), help: "Colour theme: dark, light, high-contrast, monochrome, or a theme file/name.")
    var theme: String?

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own copy/paste).")
    var noMouse = false

    func run() async throws {
        if demo {
            try await runDemo()
            return
        }
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let options = TUILauncher.Options(themeName: theme, readOnly: context.readOnly, mouse: !noMouse)
        try await Self.launch(client: context.client, options: options)
    }

    /// Runs the UI on the main thread (the loop blocks it; background work runs on other threads).
    private static func launch(client: TidepoolClient, options: TUILauncher.Options) async throws {
        do {
            try await MainActor.run { try TUILauncher.run(client: client, options: options) }
        } catch let error as TerminalError {
            throw UsageError("\(error) (the UI needs an interactive terminal; the other commands work without one)")
        }
    }

    /// Starts the sandbox on a free loopback port with fresh demo data in a private temporary directory (removed on
    /// exit, or by the next demo when a signal killed this one — see `DemoDataDirectory`; so each demo begins from
    /// the same seed and two demos never share data; its request log goes to
    /// `$XDG_STATE_HOME/tideblob/demo-sandbox.log`, never to the terminal), signs in as the demo support account.
    private func runDemo() async throws {
        let paths = XDGPaths()
        let dataDirectory = try DemoDataDirectory.create()
        try XDGPaths.ensureDirectory(paths.stateDirectory)
        let log = LineLog(url: paths.stateDirectory.appendingPathComponent("demo-sandbox.log"))
        let server = try SandboxServer(configuration: SandboxConfiguration(
            port: 0, dataDirectory: dataDirectory, seed: .demo, logSink: { log.write($0) }))
        let port = try await server.start()
        log.write("sandbox listening on http://127.0.0.1:\(port)")   // where a second terminal's CLI can reach it
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        do {
            guard let support = SandboxServer.demoCredentials.first(where: { $0.role == "service" }) else {
                throw UsageError("the sandbox has no demo support account")
            }
            let environment = Environment(name: "demo", baseURL: URL(string: "http://127.0.0.1:\(port)")!)
            let client = try TidepoolClient(environment: environment, logger: ClientLog.logger(paths: paths))
            try await client.login(email: support.email, password: support.password)
            let options = TUILauncher.Options(themeName: theme, readOnly: global.readOnly, mouse: !noMouse,
                                              environmentLabel: "demo")
            try await Self.launch(client: client, options: options)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

/// Appends lines to a file from any thread (the demo sandbox's request log).
final class LineLog: Sendable {
    private let handle: Mutex<FileHandle?>
    init(url: URL) {
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let h = try? FileHandle(forWritingTo: url)
        _ = try? h?.seekToEnd()
        handle = Mutex(h)
    }
    func write(_ line: String) {
        handle.withLock { h in try? h?.write(contentsOf: Data((line + "\n").utf8)) }
    }
}
