#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The built `tideblob sandbox` binary as a subprocess (for end-to-end, memory, durability and load tests).
/// `start` returns once the first stdout line `sandbox listening on http://127.0.0.1:PORT` arrived. From then on
/// stdout and stderr are drained by background threads (the request log would otherwise fill the pipe and block
/// the server), and handed back by `stop`.
public final class SandboxProcess: @unchecked Sendable {
    public let process: Process
    public let port: Int
    public let dataDirectory: URL
    /// The arguments after `--data DIR` it was started with (reused by `restart`).
    public let extraArguments: [String]
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    public var pid: Int32 { process.processIdentifier }
    private let stdoutDrain: PipeDrain
    private let stderrDrain: PipeDrain
    public let firstLine: String

    private init(process: Process, port: Int, dataDirectory: URL, extraArguments: [String], stdout: PipeDrain,
                 stderr: PipeDrain, firstLine: String) {
        self.process = process
        self.port = port
        self.dataDirectory = dataDirectory
        self.extraArguments = extraArguments
        self.stdoutDrain = stdout
        self.stderrDrain = stderr
        self.firstLine = firstLine
    }

    /// Starts `tideblob sandbox --port 0 --data DIR <extra>`.
    public static func start(arguments extra: [String] = [], dataDirectory: URL? = nil,
                             binary: URL? = nil) async throws -> SandboxProcess {
        let executable = try binary ?? locateBinary()
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("tideblob-sandbox-proc-\(UUID().uuidString)", isDirectory: true)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["sandbox", "--port", "0", "--data", directory.path] + extra
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderrDrain = PipeDrain(err.fileHandleForReading)
        let handle = out.fileHandleForReading
        let line: String = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    var byte: UInt8 = 0
                    let n = read(handle.fileDescriptor, &byte, 1)
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 {
                        continuation.resume(throwing: SandboxHarnessError.processFailed("exited before listening: \(String(decoding: bytes, as: UTF8.self))"))
                        return
                    }
                    if byte == 10 { break }
                    bytes.append(byte)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        let stdoutDrain = PipeDrain(handle)
        let prefix = "sandbox listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
            process.terminate()
            throw SandboxHarnessError.processFailed("unexpected first line: \(line)")
        }
        return SandboxProcess(process: process, port: port, dataDirectory: directory, extraArguments: extra,
                              stdout: stdoutDrain, stderr: stderrDrain, firstLine: line)
    }

    /// A `/proc/PID/status` field in KiB (e.g. `VmHWM`, `VmRSS`); nil when unavailable.
    public func memoryKiB(_ field: String = "VmHWM") -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
        return nil
    }

    /// What each open file descriptor of the process points at (`/proc/PID/fd/N` link targets, e.g.
    /// `socket:[123]`, `/data/sandbox.sqlite`), keyed by descriptor number. Empty once the process is gone.
    public func openFileDescriptors() -> [Int32: String] {
        Self.openFileDescriptors(ofProcess: "\(process.processIdentifier)")
    }

    /// The same for any `/proc` entry (`"self"` or a pid).
    public static func openFileDescriptors(ofProcess proc: String) -> [Int32: String] {
        let directory = "/proc/\(proc)/fd"
        var result: [Int32: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let fd = Int32(name),
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + name) else { continue }
            result[fd] = target
        }
        return result
    }

    /// Sends SIGINT (or SIGTERM), waits for exit; returns the exit status and the rest of stdout/stderr.
    public func stop(signal: Int32 = SIGINT, removeData: Bool = true) async -> (status: Int32, stdout: String, stderr: String) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let process = self.process
        let outDrain = stdoutDrain, errDrain = stderrDrain
        let result: (Int32, String, String) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let errData = errDrain.waitForEnd()
                let outData = outDrain.waitForEnd()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                                                String(decoding: errData, as: UTF8.self)))
            }
        }
        if removeData { try? FileManager.default.removeItem(at: dataDirectory) }
        return result
    }

    /// `kill -9`: no clean-up runs in the sandbox. Returns once the process is gone (reaped); keeps the data.
    /// True when it really died of SIGKILL.
    @discardableResult
    public func killNine() async -> Bool {
        _ = await stop(signal: SIGKILL, removeData: false)
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// A new sandbox process on the same data directory with the same arguments (a new port).
    public func restart() async throws -> SandboxProcess {
        try await Self.start(arguments: extraArguments, dataDirectory: dataDirectory)
    }

    /// `tideblob` next to the test bundle (`.build/<scratch>/debug/tideblob`), or `$TIDEBLOB_BINARY`.
    public static func locateBinary() throws -> URL {
        if let explicit = ProcessInfo.processInfo.environment["TIDEBLOB_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        var candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        for start in candidates {
            var dir = start
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("tideblob")
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        throw SandboxHarnessError.binaryNotFound(candidates.map(\.path))
    }
}

/// Reads a pipe to its end on a background thread, so the writer never blocks on a full pipe.
final class PipeDrain: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    /// Kept so the descriptor stays open (and is not reused) while the thread reads it.
    private let handle: FileHandle

    init(_ handle: FileHandle) {
        self.handle = handle
        let fd = handle.fileDescriptor
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                lock.lock(); data.append(contentsOf: buffer[0..<n]); lock.unlock()
            }
            done.signal()
        }
    }

    /// Blocks until the writer closed its end; returns everything read.
    func waitForEnd() -> Data {
        done.wait()
        done.signal()
        lock.lock(); defer { lock.unlock() }
        return data
    }
}
