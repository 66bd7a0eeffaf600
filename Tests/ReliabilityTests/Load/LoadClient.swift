import Foundation
import Sandbox
@testable import TidepoolAPI

/// One client session of the load test: its own `TidepoolClient` (own libcurl handles and connections), running
/// its plan one request at a time and checking every answer. The client is released when `run` returns, which
/// closes its connections.
struct LoadClient: Sendable {
    struct Outcome: Sendable {
        var latenciesMs: [Double] = []
        var operations: [LoadOperation] = []
        var failures: [String] = []
    }

    let name: String
    let baseURL: URL
    let account: SandboxAccount
    /// Whose blobs and device logs it works on (its own account for a user session).
    let target: String
    let scratch: URL

    private struct Stored {
        var id: String
        var digest: String
        var size: Int64
    }

    /// What the session created and has not deleted yet.
    private final class Memory {
        var blobs: [Stored] = []
        var logs: [(id: String, messages: [String])] = []
        var counter = 0
    }

    private struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    func run(_ plan: [LoadOperation]) async -> Outcome {
        var result = Outcome()
        let client: TidepoolClient
        do {
            client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: baseURL))
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            result.failures.append("\(name): setup failed: \(error)")
            return result
        }
        let memory = Memory()
        for (index, operation) in plan.enumerated() {
            let started = ContinuousClock.now
            do {
                try await perform(operation, client: client, memory: memory)
            } catch {
                result.failures.append("\(name) request \(index + 1) \(operation.rawValue): \(error)")
            }
            let elapsed = ContinuousClock.now - started
            result.operations.append(operation)
            result.latenciesMs.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        return result
    }

    private func perform(_ operation: LoadOperation, client: TidepoolClient, memory: Memory) async throws {
        memory.counter += 1
        let n = memory.counter
        switch operation {
        case .login:
            let user = try await client.login(email: account.email, password: account.password)
            try check(user.userid == account.userId, "logged in as \(user.userid)")
        case .refresh:
            let before = client.session?.token
            let renewed = try await Self.onWorkerThread { try client.refreshBlocking(cancel: nil) }
            try check(renewed && client.session?.token != nil && client.session?.token != before, "refresh did not renew the token")
        case .whoami:
            let user = try await client.currentUser()
            try check(user.userid == account.userId, "whoami says \(user.userid)")
        case .uploadBlob:
            let data = Self.bytes(count: 1 + (n * 997) % 8192, seed: n &* 31 &+ name.utf8.reduce(0) { $0 &* 131 &+ Int($1) })
            let blob = try await client.createBlob(userId: target, data: data, mediaType: "application/octet-stream")
            let digest = TidepoolClient.md5Base64(data)
            try check(blob.digestMD5 == digest && blob.size == Int64(data.count) && blob.status == .available, "stored \(blob)")
            memory.blobs.append(Stored(id: blob.id, digest: digest, size: Int64(data.count)))
        case .uploadBlobFile:
            let data = Self.bytes(count: 20_000 + n, seed: n)
            let file = scratch.appendingPathComponent("upload-\(n).txt")
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let blob = try await client.uploadBlob(userId: target, file: file, mediaType: "text/plain", progress: nil)
            let digest = TidepoolClient.md5Base64(data)
            try check(blob.digestMD5 == digest && blob.size == Int64(data.count), "stored \(blob)")
            memory.blobs.append(Stored(id: blob.id, digest: digest, size: Int64(data.count)))
        case .blobInfo:
            let stored = try newest(memory)
            let blob = try await client.getBlob(id: stored.id)
            try check(blob.digestMD5 == stored.digest && blob.size == stored.size && blob.userId == target, "info \(blob)")
        case .downloadBlob:
            let stored = try newest(memory)
            let content = try await client.blobContent(id: stored.id)
            try check(content.digestVerified && content.digestMD5 == stored.digest && Int64(content.data.count) == stored.size,
                      "downloaded \(content.data.count) bytes, MD5 \(content.digestMD5)")
        case .downloadBlobFile:
            let stored = try newest(memory)
            let file = scratch.appendingPathComponent("download-\(n).bin")
            defer { try? FileManager.default.removeItem(at: file) }
            let result = try await client.downloadBlob(id: stored.id, to: file, overwrite: false, progress: nil)
            let written = try Data(contentsOf: file)
            try check(result.digestMD5 == stored.digest && TidepoolClient.md5Base64(written) == stored.digest
                      && result.bytes == stored.size, "downloaded file MD5 \(TidepoolClient.md5Base64(written))")
        case .listBlobs:
            let listed = Set(try await client.listBlobs(userId: target, size: TidepoolClient.maxPageSize).map(\.id))
            let missing = memory.blobs.map(\.id).filter { !listed.contains($0) }
            try check(missing.isEmpty, "list lacks \(missing)")
        case .deleteBlob:
            guard !memory.blobs.isEmpty else { throw Failed(description: "nothing to delete") }
            let stored = memory.blobs.removeFirst()
            try await client.deleteBlob(id: stored.id, revision: n % 2 == 0 ? 1 : nil)
        case .uploadLog:
            let start = Date(timeIntervalSince1970: 1_780_000_000 + Double(n) * 3600)
            let messages = (0..<3).map { "\(name) chunk \(n) entry \($0)" }
            let entries = messages.enumerated().map { offset, message in
                DeviceLogEntry(type: .send, managerIdentifier: "load", deviceIdentifier: name,
                               timestamp: start.addingTimeInterval(Double(offset)), message: message)
            }
            let logs = try await client.createDeviceLogs(userId: target, entries: entries, start: start,
                                                         end: start.addingTimeInterval(3599))
            try check(logs.userId == target && logs.size > 0, "stored \(logs)")
            memory.logs.append((logs.id, messages))
        case .listLogs:
            let listed = Set(try await client.listDeviceLogs(userId: target, size: TidepoolClient.maxPageSize).map(\.id))
            let missing = memory.logs.map(\.id).filter { !listed.contains($0) }
            try check(missing.isEmpty, "device-log list lacks \(missing)")
        case .showLog:
            guard let log = memory.logs.last else { throw Failed(description: "no device log to show") }
            let entries = try await client.deviceLogEntries(id: log.id)
            try check(entries.map(\.message) == log.messages, "entries \(entries.map(\.message))")
        case .forbiddenList:
            try await expect403 { _ = try await client.listBlobs(userId: target) }
        case .forbiddenInfo:
            let stored = try newest(memory)
            try await expect403 { _ = try await client.getBlob(id: stored.id) }
        }
    }

    private func newest(_ memory: Memory) throws -> Stored {
        guard let stored = memory.blobs.last else { throw Failed(description: "no blob uploaded yet") }
        return stored
    }

    private func check(_ condition: Bool, _ what: @autoclosure () -> String) throws {
        if !condition { throw Failed(description: what()) }
    }

    private func expect403(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as APIError where error.status == 403 {
            return
        }
        throw Failed(description: "expected 403, got a success")
    }

    private static func onWorkerThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func bytes(count: Int, seed: Int) -> Data {
        var state = UInt64(bitPattern: Int64(seed)) | 1
        return Data((0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        })
    }
}
