#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The built `tideblob sandbox` binary as a subprocess (for end-to-end and memory tests).
/// `start` returns once the first stdout line `sandbox listening on http://127.0.0.1:PORT` arrived.
public final class SandboxProcess: @unchecked Sendable {
    public let process: Process
    public let port: Int
    public let dataDirectory: URL
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    /// Everything the process wrote to stdout after the first line, and to stderr (read on `stop`).
    private let stdoutPipe: Pipe
    private let stderrPipe: Pipe
    public private(set) var firstLine: String

    private init(process: Process, port: Int, dataDirectory: URL, stdout: Pipe, stderr: Pipe, firstLine: String) {
        self.process = process
        self.port = port
        self.dataDirectory = dataDirectory
        self.stdoutPipe = stdout
        self.stderrPipe = stderr
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
        let handle = out.fileHandleForReading
        let line: String = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                var bytes: [UInt8] = []
                while true {
                    var byte: UInt8 = 0
                    let n = read(handle.fileDescriptor, &byte, 1)
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
        let prefix = "sandbox listening on http://127.0.0.1:"
        guard line.hasPrefix(prefix), let port = Int(line.dropFirst(prefix.count)) else {
            process.terminate()
            throw SandboxHarnessError.processFailed("unexpected first line: \(line)")
        }
        return SandboxProcess(process: process, port: port, dataDirectory: directory, stdout: out, stderr: err,
                              firstLine: line)
    }

    /// A `/proc/PID/status` field in KiB (e.g. `VmHWM`, `VmRSS`); nil when unavailable.
    public func memoryKiB(_ field: String = "VmHWM") -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
        return nil
    }

    /// Sends SIGINT (or SIGTERM), waits for exit; returns the exit status and the rest of stdout/stderr.
    public func stop(signal: Int32 = SIGINT, removeData: Bool = true) async -> (status: Int32, stdout: String, stderr: String) {
        kill(process.processIdentifier, signal)
        let process = self.process
        let outHandle = stdoutPipe.fileHandleForReading, errHandle = stderrPipe.fileHandleForReading
        let result: (Int32, String, String) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let errData = errHandle.readDataToEndOfFile()
                let outData = outHandle.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                                                String(decoding: errData, as: UTF8.self)))
            }
        }
        if removeData { try? FileManager.default.removeItem(at: dataDirectory) }
        return result
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
