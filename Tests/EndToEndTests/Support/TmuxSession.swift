import Foundation

/// Drives a real terminal program inside a detached tmux session: type keys, read the screen, resize.
/// Waiting is done by polling the screen for an expected text (a readiness signal), never by fixed sleeps.
final class TmuxSession {
    let name: String
    private(set) var isAlive = true

    /// Starts `command` (run by `bash -c`) in a new detached session of the given size, with `environment` exported.
    init(command: String, columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        name = "tideblob-e2e-\(UInt32.random(in: 0...UInt32.max))"
        let exports = environment.map { "export \($0.key)=\(Self.shellQuote($0.value))" }.joined(separator: "; ")
        let script = exports.isEmpty ? command : exports + "; " + command
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", "bash", "-c", script])
        try Self.tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { if isAlive { kill() } }

    func kill() {
        _ = try? Self.tmux(["kill-session", "-t", name])
        isAlive = false
    }

    /// Sends tmux key names (`Down`, `Enter`, `Escape`, `C-c`, `Space`) or literal text with `literal: true`.
    func send(_ keys: String..., literal: Bool = false) throws {
        try Self.tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func type(_ text: String) throws { try Self.tmux(["send-keys", "-t", name, "-l", text]) }

    /// The visible screen as text lines (`escapes: true` keeps colour/attribute escapes).
    func capture(escapes: Bool = false) throws -> String {
        try Self.tmux(["capture-pane", "-p", "-t", name] + (escapes ? ["-e"] : []))
    }

    func resize(columns: Int, rows: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the screen until `predicate` holds; throws with the last screen after `timeout`.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 30, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            usleep(50_000)   // polling interval of the readiness check
        }
        throw E2EError.timeout("waiting for \(what)", screen: screen)
    }

    @discardableResult
    func waitFor(text: String, timeout: TimeInterval = 30) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// True once the program in the pane has exited (remain-on-exit keeps the pane).
    func paneIsDead() throws -> Bool {
        try Self.tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["tmux"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw E2EError.tmux(arguments.joined(separator: " "), String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    static var isAvailable: Bool {
        (try? tmux(["-V"])) != nil
    }

    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(String, screen: String)
    case tmux(String, String)
    case setup(String)

    var description: String {
        switch self {
        case .timeout(let what, let screen): return "timed out \(what); last screen:\n\(screen)"
        case .tmux(let args, let err): return "tmux \(args) failed: \(err)"
        case .setup(let what): return what
        }
    }
}
