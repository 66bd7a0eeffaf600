import Foundation

/// Drives a real terminal program inside a detached tmux session: type keys, read the screen, resize.
/// Waiting is done by polling the screen for an expected text (a readiness signal), never by fixed sleeps.
///
/// Every session runs on its own tmux server (`-L <unique socket>`, `-f <our config>`), so the user's tmux and
/// `~/.tmux.conf` are never touched and `remain-on-exit` is on before the program starts. `kill()` ends the server.
final class TmuxSession {
    let name: String
    /// The private server's socket name (`tmux -L`).
    let socket: String
    private(set) var isAlive = true
    private let configFile: URL
    /// The server's socket file (tmux 3.3 leaves it behind after `kill-server`).
    private var socketPath: String?

    /// Starts `command` (run by `bash -c`) in a new detached session of the given size, with `environment` exported
    /// and the variables in `unset` removed first.
    init(command: String, columns: Int = 120, rows: Int = 40, environment: [String: String] = [:],
         unset: [String] = []) throws {
        try Self.requireTmux()
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        name = "tideblob-e2e"
        socket = "tideblob-e2e-\(tag)"
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-e2e-\(tag).tmux.conf")
        let config = """
            set -g remain-on-exit on
            set -g status off
            set -g history-limit 2000
            set -g default-terminal xterm-256color
            set -g escape-time 0
            """
        try Data((config + "\n").utf8).write(to: configFile)
        var lines: [String] = []
        if !unset.isEmpty { lines.append("unset " + unset.joined(separator: " ")) }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { lines.append("export \(key)=\(Self.shellQuote(value))") }
        lines.append(command)
        let script = lines.joined(separator: "; ")
        do {
            try tmux(["-f", configFile.path, "new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)",
                      "bash", "-c", script])
        } catch {
            isAlive = false
            try? FileManager.default.removeItem(at: configFile)
            throw error
        }
        socketPath = try? display("#{socket_path}")
    }

    deinit { if isAlive { kill() } }

    /// Ends the session and its private server (also any program still running in the pane).
    func kill() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: configFile)
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
        isAlive = false
    }

    /// Sends tmux key names (`Down`, `Enter`, `Escape`, `C-c`, `Space`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    /// The visible screen as text lines (`escapes: true` keeps colour/attribute escapes).
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    /// The visible screen, one string per row.
    func lines() throws -> [String] {
        var rows = try capture().components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// A tmux format evaluated for the pane (`#{pane_pid}`, `#{alternate_on}`, …).
    func display(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the pane's process (`bash -c`, or the program itself when the command `exec`s it).
    func panePid() throws -> pid_t {
        guard let pid = pid_t(try display("#{pane_pid}")) else { throw E2EError.setup("tmux gave no pane pid") }
        return pid
    }

    /// Polls the screen until `predicate` holds; throws with the last screen after `timeout`, or as soon as the
    /// program in the pane has exited (unless `allowExit`).
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 30, allowExit: Bool = false,
                 _ predicate: (String) throws -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try capture()
            if try predicate(screen) { return screen }
            if !allowExit, try paneIsDead() {
                screen = try capture()
                if try predicate(screen) { return screen }
                throw E2EError.exited("while waiting for \(what)", status: try? display("#{pane_dead_status}"), screen: screen)
            }
            if Date() >= deadline { break }
            usleep(30_000)   // polling interval of the readiness check
        }
        throw E2EError.timeout("waiting for \(what)", screen: screen)
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 30, allowExit: Bool = false) throws -> String {
        try waitFor("'\(text)'", timeout: timeout, allowExit: allowExit) { $0.contains(text) }
    }

    /// Waits until `text` is no longer on the screen.
    @discardableResult
    func waitUntilGone(_ text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor("'\(text)' to disappear", timeout: timeout) { !$0.contains(text) }
    }

    /// True once the program in the pane has exited (remain-on-exit keeps the pane).
    func paneIsDead() throws -> Bool {
        try display("#{pane_dead}") == "1"
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.tmux(["-L", socket] + arguments)
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-e2e-tmux-\(UUID().uuidString)")
        let outPath = base.path + ".out", errPath = base.path + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        let status = try ChildProcess.run(["tmux"] + arguments, stdoutPath: outPath, stderrPath: errPath,
                                          removingEnvironment: ["TMUX"])
        let data = FileManager.default.contents(atPath: outPath) ?? Data()
        let errData = FileManager.default.contents(atPath: errPath) ?? Data()
        guard status == 0 else {
            throw E2EError.tmux(arguments.joined(separator: " "), String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    static var isAvailable: Bool {
        (try? tmux(["-V"])) != nil
    }

    /// Fails with a clear message when tmux is not installed (CI installs it: `apt-get install tmux`).
    static func requireTmux() throws {
        guard isAvailable else {
            throw E2EError.setup("tmux is not installed or not on PATH: the end-to-end tests drive tideblob inside tmux "
                                 + "(install it, e.g. `apt-get install -y tmux`)")
        }
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(String, screen: String)
    case exited(String, status: String?, screen: String)
    case tmux(String, String)
    case setup(String)

    var description: String {
        switch self {
        case .timeout(let what, let screen): return "timed out \(what); last screen:\n\(screen)"
        case .exited(let what, let status, let screen):
            return "the program exited (status \(status ?? "?")) \(what); last screen:\n\(screen)"
        case .tmux(let args, let err): return "tmux \(args) failed: \(err)"
        case .setup(let what): return what
        }
    }
}
