import Crypto
import Foundation
import Sandbox
import Synchronization
import TestSupport
import Testing
@testable import TidepoolAPI

/// One in-process sandbox (empty seed, a service account and a patient) with a client signed in as the
/// service account, a scratch directory, and a count of the requests the sandbox answered.
final class TransferFixture: Sendable {
    static let accountsJSON = """
    {"accounts":[
      {"email":"support@example.org","password":"support-pw","userId":"5a5a5a5a5a","fullName":"Support Service","service":true},
      {"email":"patient@example.org","password":"patient-pw","userId":"0123456789","fullName":"Pat Ient"}
    ]}
    """
    static let patientId = "0123456789"

    let sandbox: SandboxHarness
    let client: TidepoolClient
    let token: String
    let directory: URL
    private let requests: LogBox

    private init(sandbox: SandboxHarness, client: TidepoolClient, token: String, directory: URL, requests: LogBox) {
        self.sandbox = sandbox; self.client = client; self.token = token; self.directory = directory; self.requests = requests
    }

    static func start(configuration: ClientConfiguration = ClientConfiguration()) async throws -> TransferFixture {
        let log = LogBox()
        let sandbox = try await SandboxHarness.start(seed: .empty, accountsJSON: accountsJSON, logSink: { log.append($0) })
        let service = sandbox.account(role: "service")
        let token = try await sandbox.login(service)
        let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL),
                                        session: Session(token: token, userId: service.userId, isService: true),
                                        configuration: configuration)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tideblob-transfer-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return TransferFixture(sandbox: sandbox, client: client, token: token, directory: directory, requests: log)
    }

    /// Starts a fixture, runs `body`, and always stops it.
    static func with<T>(configuration: ClientConfiguration = ClientConfiguration(),
                        _ body: (TransferFixture) async throws -> T) async throws -> T {
        let fx = try await start(configuration: configuration)
        do {
            let value = try await body(fx)
            await fx.stop()
            return value
        } catch {
            await fx.stop()
            throw error
        }
    }

    func stop() async {
        await sandbox.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Request lines the sandbox logged so far (`METHOD /path status …`).
    var requestLog: [String] { requests.lines.withLock { $0 } }

    func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Non-hidden and hidden entries of the scratch directory.
    func listing(_ dir: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (dir ?? directory).path).sorted()
    }

    /// Blobs of the patient, in any status.
    func blobs() async throws -> [Blob] {
        let request = APIRequest(method: "GET", path: "/v1/users/\(Self.patientId)/blobs",
                                 query: [(name: "status", value: "available"), (name: "status", value: "created")])
        return try await client.send(request, decoding: [Blob].self)
    }

    /// Waits (polling, the engines publish no event) until the handle reaches `phase` or later.
    func waitFor(_ handle: TransferHandle, bytes: Int64 = 0, phases: Set<TransferProgress.Phase>) async throws {
        for _ in 0..<2000 {
            let p = handle.snapshot
            if phases.contains(p.phase) && p.bytesDone >= bytes { return }
            if p.phase.isTerminal { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

private final class LogBox: Sendable {
    let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// Deterministic test files written in 1 MiB blocks (never held whole in memory).
enum TestFiles {
    /// Writes `size` pseudo-random bytes (seeded) to `url`; returns their base64 MD5.
    @discardableResult
    static func write(_ url: URL, size: Int, seed: UInt64 = 1) throws -> String {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var hasher = Insecure.MD5()
        var block = [UInt8](repeating: 0, count: 1 << 20)
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        for i in stride(from: 0, to: block.count, by: 8) {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            withUnsafeBytes(of: state.littleEndian) { block.replaceSubrange(i..<(i + 8), with: $0) }
        }
        var left = size
        var index: UInt64 = 0
        while left > 0 {
            withUnsafeBytes(of: (index ^ seed).littleEndian) { block.replaceSubrange(0..<8, with: $0) }   // blocks differ
            let n = min(left, block.count)
            let chunk = Data(block[0..<n])
            hasher.update(data: chunk)
            try handle.write(contentsOf: chunk)
            left -= n
            index += 1
        }
        return Data(hasher.finalize()).base64EncodedString()
    }

    /// Base64 MD5 of a file, read in chunks.
    static func md5(_ url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = Insecure.MD5()
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        return Data(hasher.finalize()).base64EncodedString()
    }

    static func size(_ url: URL) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }
}

/// Samples a handle's snapshots while a transfer runs (for monotonic-progress checks).
final class ProgressRecorder: Sendable {
    private let samples = Mutex<[TransferProgress]>([])
    private let stopped = Atomic<Bool>(false)
    let handle: TransferHandle

    init(_ handle: TransferHandle) { self.handle = handle }

    func run() async {
        while !stopped.load(ordering: .relaxed) {
            let p = handle.snapshot
            samples.withLock { $0.append(p) }
            if p.phase.isTerminal { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    func stop() -> [TransferProgress] {
        stopped.store(true, ordering: .relaxed)
        samples.withLock { $0.append(handle.snapshot) }
        return samples.withLock { $0 }
    }

    /// bytesDone never decreases; phases only move forward.
    static func checkMonotonic(_ samples: [TransferProgress]) {
        let order: [TransferProgress.Phase] = [.queued, .hashing, .uploading, .downloading, .verifying, .finished]
        var last: Int64 = 0
        var lastPhase = 0
        for p in samples {
            #expect(p.bytesDone >= last, "bytesDone went back from \(last) to \(p.bytesDone)")
            last = p.bytesDone
            if let i = order.firstIndex(of: p.phase) {
                #expect(i >= lastPhase, "phase went back to \(p.phase)")
                lastPhase = i
            }
            if let f = p.fraction { #expect(f >= 0 && f <= 1) }
        }
    }
}

extension APIError.Kind {
    var isTooLarge: Bool { if case .tooLarge = self { return true } else { return false } }
    var isFileChanged: Bool { if case .fileChanged = self { return true } else { return false } }
    var isDigestMismatch: Bool { if case .digestMismatch = self { return true } else { return false } }
    var isTruncated: Bool { if case .truncated = self { return true } else { return false } }
    var isLocalIO: Bool { if case .localIO = self { return true } else { return false } }
    var isTransport: Bool { if case .transport = self { return true } else { return false } }
}

/// Runs `body` and returns the APIError it throws (records an issue when it throws nothing else).
func apiError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> APIError? {
    do {
        _ = try await body()
        Issue.record("expected an APIError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite("Transfer support")
struct TransferSupportTests {
    @Test func deterministicFilesRepeat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try TestFiles.write(dir.appendingPathComponent("a"), size: 3_000_000, seed: 7)
        let b = try TestFiles.write(dir.appendingPathComponent("b"), size: 3_000_000, seed: 7)
        #expect(a == b)
        #expect(try TestFiles.md5(dir.appendingPathComponent("a")) == a)
        #expect(TestFiles.size(dir.appendingPathComponent("a")) == 3_000_000)
    }
}
