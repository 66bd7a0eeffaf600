#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Listeners that fail at the transport level, for fault tests.
public enum FaultListener {
    /// Accepts every connection and closes it at once, before reading or answering anything.
    public static func acceptAndClose() throws -> RunningFaultListener {
        let server = try LoopbackSocketServer { fd, owner in owner.closeConnection(fd) }
        return RunningFaultListener(server: server)
    }

    /// Accepts every connection, reads the request, and never answers (the connection stays open until
    /// `stop()`).
    public static func neverAnswer() throws -> RunningFaultListener {
        let server = try LoopbackSocketServer { fd, owner in
            _ = LoopbackSocketServer.readRequest(fd, timeout: 3600)
            // Parked: `stop()` closes the connection.
            while !owner.isStopped { Thread.sleep(forTimeInterval: 0.1) }
        }
        return RunningFaultListener(server: server)
    }
}

/// A running `FaultListener`.
public final class RunningFaultListener: Sendable {
    private let server: LoopbackSocketServer
    public let port: Int
    public let baseURL: URL

    init(server: LoopbackSocketServer) {
        self.server = server
        port = server.port
        baseURL = URL(string: "http://127.0.0.1:\(server.port)")!
    }

    public func stop() { server.stop() }
}

/// An HTTPS listener on 127.0.0.1 with a throw-away self-signed certificate (`openssl s_server`): a client that
/// verifies certificates must refuse it. The certificate and key live in a temporary directory removed by `stop()`.
public final class SelfSignedTLSListener: Sendable {
    public let port: Int
    public let baseURL: URL
    /// The PEM certificate (a client can be told to trust it).
    public let certificate: URL
    private let directory: URL
    private let process: Process

    private init(port: Int, certificate: URL, directory: URL, process: Process) {
        self.port = port
        self.certificate = certificate
        self.directory = directory
        self.process = process
        baseURL = URL(string: "https://127.0.0.1:\(port)")!
    }

    /// Makes the certificate, starts `openssl s_server` on a free port and returns once it accepts connections.
    public static func start(openssl: String = "/usr/bin/openssl") async throws -> SelfSignedTLSListener {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try startBlocking(openssl: openssl) }) }.start()
        }
    }

    private static func startBlocking(openssl: String) throws -> SelfSignedTLSListener {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tideblob-tls-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let cert = directory.appendingPathComponent("cert.pem"), key = directory.appendingPathComponent("key.pem")
        do {
            let make = try runTool(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                             "-nodes", "-keyout", key.path, "-out", cert.path, "-days", "1",
                                             "-subj", "/CN=localhost"])
            guard make == 0 else { throw LoopbackSocketError("openssl req failed with status \(make)") }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", cert.path, "-key", key.path, "-www"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            process.standardInput = Pipe()
            try process.run()
            guard let port = readAcceptPort(output.fileHandleForReading) else {
                process.terminate()
                process.waitUntilExit()
                throw LoopbackSocketError("openssl s_server did not report its port")
            }
            // Keep draining its output so it never blocks on a full pipe.
            let reader = output.fileHandleForReading
            Thread { while !reader.availableData.isEmpty {} }.start()
            return SelfSignedTLSListener(port: port, certificate: cert, directory: directory, process: process)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// `s_server` prints `ACCEPT 127.0.0.1:PORT` once it listens.
    private static func readAcceptPort(_ handle: FileHandle) -> Int? {
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            text += String(decoding: chunk, as: UTF8.self)
            if let range = text.range(of: #"ACCEPT 127\.0\.0\.1:(\d+)\n"#, options: .regularExpression) {
                return Int(text[range].dropLast().split(separator: ":").last ?? "")
            }
        }
        return nil
    }

    private static func runTool(_ path: String, _ args: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    public func stop() {
        if process.isRunning {
            // s_server does not always stop on SIGTERM while a handshake is pending: kill it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
