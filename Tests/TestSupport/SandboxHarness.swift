import Foundation
import Sandbox

/// Starts an in-process sandbox on 127.0.0.1 (free port) with a temporary data directory, waits
/// until it really listens, and stops it again.
///
/// ```swift
/// let sandbox = try await SandboxHarness.start()               // demo seed + demo accounts
/// let support = sandbox.account(role: "service")
/// let token = try await sandbox.login(support)
/// ...
/// await sandbox.stop()
/// ```
public final class SandboxHarness: Sendable {
    public let server: SandboxServer
    public let baseURL: URL
    public let port: Int
    public let dataDirectory: URL
    /// The accounts the server accepts (demo accounts unless an accounts file was given).
    public let accounts: [SandboxAccount]
    private let removeDataOnStop: Bool

    public var faults: SandboxFaultSwitches { server.faults }

    private init(server: SandboxServer, port: Int, dataDirectory: URL, removeDataOnStop: Bool) {
        self.server = server
        self.port = port
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!
        self.dataDirectory = dataDirectory
        self.accounts = server.accounts
        self.removeDataOnStop = removeDataOnStop
    }

    /// - Parameters:
    ///   - seed: `.demo` (default) or `.empty`; applies only when the data directory is new.
    ///   - accountsJSON: accounts-file JSON to use instead of the demo accounts (written to a temp file).
    ///   - accountsFile: an existing accounts file (wins over `accountsJSON`).
    ///   - dataDirectory: reuse a directory (e.g. to restart on the same data); default a new temp dir,
    ///     removed again by `stop()`.
    public static func start(
        seed: SandboxSeed = .demo,
        accountsJSON: String? = nil,
        accountsFile: URL? = nil,
        dataDirectory: URL? = nil,
        tokenLifetime: TimeInterval = 3600,
        faults: SandboxFaults = SandboxFaults(),
        logSink: (@Sendable (String) -> Void)? = nil
    ) async throws -> SandboxHarness {
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("tideblob-sandbox-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var accounts = accountsFile
        if accounts == nil, let accountsJSON {
            let file = directory.appendingPathComponent("accounts.json")
            try Data(accountsJSON.utf8).write(to: file)
            accounts = file
        }
        let configuration = SandboxConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: directory, seed: seed, accountsFile: accounts,
            faults: faults, logSink: logSink, tokenLifetime: tokenLifetime)
        let server: SandboxServer
        let port: Int
        do {
            // Opening and seeding is synchronous disk work: keep it off the Swift concurrency pool.
            server = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try SandboxServer(configuration: configuration) })
                }
            }
            port = try await server.start()
        } catch {
            if dataDirectory == nil { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
        return SandboxHarness(server: server, port: port, dataDirectory: directory,
                              removeDataOnStop: dataDirectory == nil)
    }

    /// Stops the server; removes the data directory if the harness created it (unless `keepData`).
    public func stop(keepData: Bool = false) async {
        await server.stop()
        if removeDataOnStop && !keepData { try? FileManager.default.removeItem(at: dataDirectory) }
    }

    /// The first account with this role (`service`, `clinician`, `patient`, `custodian`, `viewer`, `user`).
    public func account(role: String) -> SandboxAccount {
        guard let account = accounts.first(where: { $0.role == role }) else { fatalError("no sandbox account with role \(role)") }
        return account
    }

    public func account(email: String) -> SandboxAccount {
        guard let account = accounts.first(where: { $0.email == email }) else { fatalError("no sandbox account \(email)") }
        return account
    }

    public func url(_ pathAndQuery: String) -> URL { URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")! }

    /// `POST /auth/login` with Basic auth; returns the session token.
    public func login(_ account: SandboxAccount) async throws -> String {
        try await login(email: account.email, password: account.password)
    }

    public func login(email: String, password: String) async throws -> String {
        let auth = Data("\(email):\(password)".utf8).base64EncodedString()
        let response = try await SandboxRawHTTP.send(port: port, method: "POST", path: "/auth/login",
                                                     headers: [("Authorization", "Basic \(auth)")])
        guard response.status == 200, let token = response.header("X-Tidepool-Session-Token") else {
            throw SandboxHarnessError.loginFailed(email, response.status, response.text)
        }
        return token
    }
}

public enum SandboxHarnessError: Error, CustomStringConvertible {
    case loginFailed(String, Int, String)
    case binaryNotFound([String])
    case processFailed(String)

    public var description: String {
        switch self {
        case .loginFailed(let email, let status, let body): return "login as \(email) failed: \(status) \(body)"
        case .binaryNotFound(let places): return "tideblob binary not found in \(places)"
        case .processFailed(let why): return "sandbox process: \(why)"
        }
    }
}
