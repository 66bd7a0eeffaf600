import Foundation
import TestSupport

/// Demo data the tests rely on (`Sources/Sandbox/Seed/DemoAccounts.swift`, `DemoSeed.swift`).
enum Demo {
    static let supportEmail = "support@tideblob.demo"
    static let supportPassword = "demo-support"
    static let zoeId = "20e0a1b2c3"
    static let zoeName = "Zoë Ångström"
    static let malloryId = "3a11025bad"
    /// The visible start of Mallory's hostile name (the rest is escape sequences and bidi controls).
    static let malloryPrefix = "Mallory"
}

/// One blob as `tideblob blobs list/info --json` prints it.
struct CLIBlob: Equatable, CustomStringConvertible {
    var id: String
    var mediaType: String
    var size: Int64?
    var status: String
    var digestMD5: String?

    init?(_ object: Any) {
        guard let o = object as? [String: Any], let id = o["id"] as? String else { return nil }
        self.id = id
        mediaType = o["mediaType"] as? String ?? ""
        size = (o["size"] as? NSNumber)?.int64Value
        status = o["status"] as? String ?? ""
        digestMD5 = o["digestMD5"] as? String
    }

    var description: String { "\(id) \(mediaType) \(size.map(String.init) ?? "-") \(status)" }
}

/// `tideblob --demo` running in its own tmux server (120×40 by default) with its own HOME and XDG directories,
/// plus a signed-in CLI against the same demo sandbox for checks from outside the UI.
final class DemoSession {
    let root: URL
    let binary: URL
    let tmux: TmuxSession
    private var cliRunner: CLIRunner?
    private var cachedURL: URL?

    var stateHome: URL { root.appendingPathComponent("state") }
    var downloads: URL { root.appendingPathComponent("downloads") }
    /// The demo's `$TMPDIR`, where its private sandbox data directory lives.
    var temporaryDirectory: URL { root.appendingPathComponent("tmp") }

    /// Names of the `tideblob-demo-*` data directories in the demo's `$TMPDIR`.
    func demoDataDirectories() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory.path)) ?? [])
            .filter { $0.hasPrefix("tideblob-demo-") }.sorted()
    }

    /// - Parameter wrap: turns the tideblob command line into the pane's shell command (default: `exec` it, so the
    ///   pane's pid is tideblob's).
    init(columns: Int = 120, rows: Int = 40, wrap: (String) -> String = { "exec " + $0 }) throws {
        try TmuxSession.requireTmux()
        binary = try ProductPaths.requireTideblob()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-e2e-\(UUID().uuidString)")
        for sub in ["state", "config", "data", "home", "downloads", "tmp"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let environment = [
            "HOME": root.appendingPathComponent("home").path,
            "XDG_STATE_HOME": root.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_DATA_HOME": root.appendingPathComponent("data").path,
            "TMPDIR": root.appendingPathComponent("tmp").path,
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        ]
        let command = "cd \(TmuxSession.shellQuote(root.path)) && " + wrap(TmuxSession.shellQuote(binary.path) + " --demo")
        do {
            tmux = try TmuxSession(command: command, columns: columns, rows: rows, environment: environment,
                                   unset: ["LC_ALL", "LC_CTYPE", "LC_MESSAGES", "NO_COLOR", "TIDEBLOB_URL", "TIDEBLOB_ENV",
                                           "TIDEBLOB_READ_ONLY", "TIDEBLOB_THEME", "COLORTERM"])
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    deinit { close() }

    /// Kills the tmux server (and tideblob with it) and removes the temporary directories. Idempotent.
    func close() {
        if tmux.isAlive { tmux.kill() }
        cliRunner?.cleanUp()
        cliRunner = nil
        try? FileManager.default.removeItem(at: root)
    }

    // MARK: Process and sandbox

    /// tideblob's pid: the pane's process when it was `exec`ed, else the pane shell's tideblob child.
    func tideblobPid(timeout: TimeInterval = 10) throws -> pid_t {
        let pane = try tmux.panePid()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if Self.isTideblob(pane) { return pane }
            if let child = ProcFS.children(of: pane).first(where: Self.isTideblob) { return child }
            if Date() >= deadline { throw E2EError.setup("no tideblob process under the pane (pid \(pane))") }
            usleep(30_000)
        }
    }

    private static func isTideblob(_ pid: pid_t) -> Bool {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
        return URL(fileURLWithPath: exe).lastPathComponent == "tideblob"
    }

    /// The demo sandbox's base URL, found from the loopback port the tideblob process listens on.
    func sandboxURL(timeout: TimeInterval = 15) throws -> URL {
        if let cachedURL { return cachedURL }
        let pid = try tideblobPid()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let ports = ProcFS.listeningLoopbackPorts(of: pid)
            if ports.count == 1, let url = URL(string: "http://127.0.0.1:\(ports[0])") {
                cachedURL = url
                return url
            }
            if Date() >= deadline {
                throw E2EError.setup("cannot find the demo sandbox port of pid \(pid) (listening: \(ports); "
                                     + "\(ProcFS.socketInodes(of: pid).count) sockets open)")
            }
            usleep(50_000)
        }
    }

    // MARK: CLI against the demo sandbox

    /// A CLI with its own XDG directories, signed in as the demo support account.
    func cli() throws -> CLIRunner {
        if let cliRunner { return cliRunner }
        let url = try sandboxURL().absoluteString
        let runner = try CLIRunner(environment: ["TIDEBLOB_URL": url])
        let login = try runner.runBlocking(["login", "--url", url, "--email", Demo.supportEmail, "--password-stdin"],
                                           stdin: Demo.supportPassword + "\n", timeout: 30)
        guard login.status == 0 else {
            runner.cleanUp()
            throw E2EError.setup("tideblob login against the demo sandbox failed: \(login)")
        }
        cliRunner = runner
        return runner
    }

    func runCLI(_ args: [String]) throws -> CLIRunner.Result {
        try cli().runBlocking(args + ["--url", try sandboxURL().absoluteString], timeout: 30)
    }

    /// `tideblob blobs list USER --status created --status available --json`: every blob, as the UI lists them
    /// (without --status the server lists only `available` ones). One page of 100; the demo users have fewer.
    func listBlobs(_ userId: String) throws -> [CLIBlob] {
        let r = try runCLI(["blobs", "list", userId, "--status", "created", "--status", "available", "--json"])
        guard r.status == 0, let array = try? JSONSerialization.jsonObject(with: r.stdoutData) as? [Any] else {
            throw E2EError.setup("tideblob blobs list \(userId) --json failed: \(r)")
        }
        return array.compactMap(CLIBlob.init)
    }

    /// `tideblob blobs info ID --json`: the blob, or nil with the failed result.
    func blobInfo(_ id: String) throws -> (CLIBlob?, CLIRunner.Result) {
        let r = try runCLI(["blobs", "info", id, "--json"])
        guard r.status == 0, let object = try? JSONSerialization.jsonObject(with: r.stdoutData) else { return (nil, r) }
        return (CLIBlob(object), r)
    }

    // MARK: Driving the UI

    /// Waits for the main screen: the users pane lists the demo patients and the status line is idle.
    @discardableResult
    func waitForMainScreen(timeout: TimeInterval = 40) throws -> String {
        try tmux.waitFor("the main screen with the demo users", timeout: timeout) {
            $0.contains(Demo.zoeName) && $0.contains(Demo.malloryPrefix) && $0.contains(Demo.supportEmail)
        }
    }

    /// Focuses the users pane, filters it to `filter` and opens the (only) match; waits for its blobs pane title.
    func openUser(filter: String, title: String) throws {
        // Escape closes an overlay (or clears marks); h moves from the blobs/logs pane back to the users pane and
        // does nothing there. Keys are handled in order, so the prompt below proves the users pane has the focus.
        try tmux.send("Escape")
        try tmux.send("h")
        try tmux.send("/")
        try tmux.waitFor(text: "filter users:")
        try tmux.send("C-u")
        try tmux.type(filter)
        try tmux.send("Enter")
        try tmux.waitUntilGone("filter users:")
        try tmux.send("Enter")
        try tmux.waitFor(text: "Blobs of " + title)
    }

    /// Waits until every blob in `ids` is listed in the blobs pane (and the list has stopped loading).
    @discardableResult
    func waitForBlobs(_ ids: [String], timeout: TimeInterval = 20) throws -> String {
        try tmux.waitFor("blobs \(ids.map { String($0.prefix(8)) }) in the table", timeout: timeout) { screen in
            ids.allSatisfy { Screen.shows(blobId: $0, in: screen) } && !screen.contains("loading…")
        }
    }

    /// Sets the blobs pane's text filter (live, matches ids and media types); empty clears it.
    func filterBlobs(_ text: String) throws {
        try tmux.send("/")
        try tmux.waitFor(text: "filter blobs:")
        try tmux.send("C-u")
        if !text.isEmpty { try tmux.type(text) }
        try tmux.send("Enter")
        try tmux.waitUntilGone("filter blobs:")
    }

    /// Filters the blobs pane down to exactly `id` (of `all`) and waits until it is the only row.
    func showOnly(_ id: String, of all: [CLIBlob]) throws {
        try filterBlobs(id)
        try tmux.waitFor("only blob \(id.prefix(8)) listed") { screen in
            Screen.shows(blobId: id, in: screen) && all.filter { $0.id != id }.allSatisfy { !Screen.shows(blobId: $0.id, in: screen) }
        }
    }
}
