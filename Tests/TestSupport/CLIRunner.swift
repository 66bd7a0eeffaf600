import Foundation

/// Runs the built `tideblob` binary as a subprocess, with its own temporary XDG directories and no terminal on stdin,
/// and captures stdout, stderr and the exit status.
public struct CLIRunner: Sendable {
    public struct Result: Sendable, CustomStringConvertible {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutData: Data
        /// stderr exactly as written (the `stderr` string replaces invalid UTF-8 with U+FFFD).
        public var stderrData: Data = Data()
        public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// Root of the temporary home; `state`, `config`, `data` and `home` live under it.
    public let root: URL
    public var binary: URL
    /// Extra variables for every run (e.g. `TIDEBLOB_URL`).
    public var environment: [String: String]

    public var stateHome: URL { root.appendingPathComponent("state") }
    public var sessionsFile: URL { stateHome.appendingPathComponent("tideblob/sessions.json") }
    public var journalFile: URL { stateHome.appendingPathComponent("tideblob/deletions.jsonl") }

    public init(environment: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-cli-\(UUID().uuidString)")
        for sub in ["state", "config", "data", "home"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        binary = try Self.locateBinary()
        self.environment = environment
    }

    /// `tideblob` next to the test bundle (`.build/<scratch>/debug/tideblob`), or `$TIDEBLOB_BINARY`.
    public static func locateBinary() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["TIDEBLOB_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        if let procExe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: procExe).deletingLastPathComponent())
        }
        for dir in candidates {
            var d = dir
            for _ in 0..<3 {
                let candidate = d.appendingPathComponent("tideblob")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                d = d.deletingLastPathComponent()
            }
        }
        throw CLIRunnerError.binaryNotFound(candidates.map(\.path))
    }

    /// Runs `tideblob args…` and returns when it exits. The waiting happens on a dedicated thread, so an
    /// in-process sandbox keeps the Swift concurrency pool to itself while the subprocess talks to it.
    /// `interruptAfter`: send SIGINT (as Ctrl-C would) that many seconds after the start.
    public func run(_ args: [String], stdin: String = "", extraEnvironment: [String: String] = [:],
                    timeout: TimeInterval = 60, interruptAfter: TimeInterval? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, Error>) in
            let thread = Thread {
                continuation.resume(with: Swift.Result {
                    try self.runBlocking(args, stdin: stdin, extraEnvironment: extraEnvironment, timeout: timeout,
                                         interruptAfter: interruptAfter)
                })
            }
            thread.start()
        }
    }

    /// Runs `tideblob args…` with `stdin` bytes (empty = immediate EOF) and blocks until it exits.
    /// Do not call this from a Swift concurrency task while an in-process server must answer the child.
    public func runBlocking(_ args: [String], stdin: String = "", extraEnvironment: [String: String] = [:],
                            timeout: TimeInterval = 60, interruptAfter: TimeInterval? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": root.appendingPathComponent("home").path,
            "XDG_STATE_HOME": stateHome.path,
            "XDG_CONFIG_HOME": root.appendingPathComponent("config").path,
            "XDG_DATA_HOME": root.appendingPathComponent("data").path,
            "LANG": "C.UTF-8",
            "TERM": "dumb",
        ]
        for (k, v) in environment { env[k] = v }
        for (k, v) in extraEnvironment { env[k] = v }
        process.environment = env
        process.currentDirectoryURL = root
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let outBox = DataBox(), errBox = DataBox()
        let group = DispatchGroup()
        for (handle, box) in [(output.fileHandleForReading, outBox), (errors.fileHandleForReading, errBox)] {
            group.enter()
            Thread { box.set(handle.readDataToEndOfFile()); group.leave() }.start()
        }
        if !stdin.isEmpty { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        if let interruptAfter, done.wait(timeout: .now() + interruptAfter) == .timedOut {
            kill(process.processIdentifier, SIGINT)
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            throw CLIRunnerError.timedOut(args)
        }
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self), stdoutData: outBox.data, stderrData: errBox.data)
    }

    /// Deletes the temporary directories.
    public func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

public enum CLIRunnerError: Error, CustomStringConvertible {
    case binaryNotFound([String])
    case timedOut([String])
    public var description: String {
        switch self {
        case .binaryNotFound(let dirs): return "tideblob binary not found near: \(dirs.joined(separator: ", ")) (build it, or set TIDEBLOB_BINARY)"
        case .timedOut(let args): return "tideblob \(args.joined(separator: " ")) did not finish in time"
        }
    }
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Data()
    func set(_ d: Data) { lock.lock(); value = d; lock.unlock() }
    var data: Data { lock.lock(); defer { lock.unlock() }; return value }
}
