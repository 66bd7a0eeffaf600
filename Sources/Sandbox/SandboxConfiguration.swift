import Foundation

/// Which data a fresh data directory is filled with.
public enum SandboxSeed: String, Sendable, CaseIterable {
    /// Demo accounts, blobs and device logs (applied only when the data directory is new).
    case demo
    /// No blobs or logs.
    case empty
}

public enum SandboxError: Error, CustomStringConvertible, Sendable {
    case invalidAccountsFile(String)
    case faultsRequireLoopback(String)
    case remoteHostRefused(String)
    case storage(String)
    case notStarted

    public var description: String {
        switch self {
        case .invalidAccountsFile(let why): return "invalid accounts file: \(why)"
        case .faultsRequireLoopback(let host): return "fault switches need a loopback address, but the sandbox binds \(host)"
        case .remoteHostRefused(let host): return "refusing to bind non-loopback host \(host) (use --allow-remote)"
        case .storage(let why): return "sandbox storage: \(why)"
        case .notStarted: return "the sandbox is not running"
        }
    }
}

public struct SandboxConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port; `start()` returns the bound one.
    public var port: Int
    public var dataDirectory: URL
    public var seed: SandboxSeed
    /// Replaces the demo accounts when set (see `AccountsFile` for the format).
    public var accountsFile: URL?
    /// Faults switched on from the start (only allowed on a loopback host).
    public var faults: SandboxFaults
    /// Receives one sanitized line per request (method, path, status, bytes, ms, trace id).
    public var logSink: (@Sendable (String) -> Void)?
    /// Lifetime of the access part of session tokens.
    public var tokenLifetime: TimeInterval
    /// Lifetime of the refresh part of session tokens (`GET /auth/login`).
    public var refreshLifetime: TimeInterval
    /// Let a non-loopback host be bound (fault switches and the admin route stay off there).
    public var allowRemote: Bool

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        dataDirectory: URL,
        seed: SandboxSeed = .demo,
        accountsFile: URL? = nil,
        faults: SandboxFaults = SandboxFaults(),
        logSink: (@Sendable (String) -> Void)? = nil,
        tokenLifetime: TimeInterval = 3600,
        refreshLifetime: TimeInterval = 7 * 86_400,
        allowRemote: Bool = false
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.seed = seed
        self.accountsFile = accountsFile
        self.faults = faults
        self.logSink = logSink
        self.tokenLifetime = tokenLifetime
        self.refreshLifetime = refreshLifetime
        self.allowRemote = allowRemote
    }

    /// `$XDG_DATA_HOME/tideblob/sandbox`, else `~/.local/share/tideblob/sandbox`.
    public static var defaultDataDirectory: URL {
        let env = ProcessInfo.processInfo.environment
        let base: URL
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = env["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share", isDirectory: true)
        }
        return base.appendingPathComponent("tideblob/sandbox", isDirectory: true)
    }

    /// True for `localhost`, `127.0.0.0/8` and `::1`.
    public static func isLoopback(host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h == "[::1]"
    }
}
