import Foundation
import Sandbox
import TestSupport
import TidepoolAPI

/// An in-process sandbox seeded with the hostile corpus where the server stores text: account full names and
/// emails (one account per input), clinic names, device-log entries (one chunk per input: type, manager, device
/// and message), device-log and blob media types (only where the sandbox accepts them, as the real service would) and — when asked — blob
/// contents (per input: raw bytes as text/plain, plus in turn a JSON document, a CSV file or octet-stream).
struct HostileWorld: Sendable {
    static let supportId = "5e7c0de000"
    static let targetId = "7a26e70000"
    static let supportEmail = "support@hostile.test"
    static let supportPassword = "pw-support-hostile"
    static func userId(_ i: Int) -> String { "ba5eba5e" + hex2(i) }
    static func clinicId(_ i: Int) -> String { String(repeating: "c1", count: 11) + hex2(i) }
    /// Hostile accounts' emails carry the input too (they never sign in).
    static func email(_ input: HostileInput) -> String { "h\(input.index)+" + input.text + "@hostile.test" }
    static func hex2(_ i: Int) -> String { let h = String(i, radix: 16); return h.count == 1 ? "0" + h : h }

    enum ContentKind: String, CaseIterable, Sendable {
        case text = "text/plain", json = "application/json", csv = "text/csv", binary = "application/octet-stream"
    }

    let sandbox: SandboxHarness
    let inputs: [HostileInput]
    /// Device-log chunk id → the input in its entry (and in its media type when the sandbox accepted it).
    let logChunks: [String: HostileInput]
    /// Chunks whose media type carries the input.
    let typedChunks: Set<String>
    /// One chunk holding one entry per input, entry `i` at `combinedStart + i` seconds.
    let combinedChunk: String
    let combinedStart: Date
    /// Blob id (owned by `targetId`) → the input in its content.
    let contentBlobs: [String: (input: HostileInput, kind: ContentKind)]
    /// Blob id → the input in its media type (only the ones the sandbox accepted).
    let mediaTypeBlobs: [String: HostileInput]
    /// Inputs whose media type the sandbox refused (400), as the real service does for unparsable types.
    let refusedMediaTypes: [String]

    static func accountsJSON(_ inputs: [HostileInput]) throws -> String {
        var accounts: [[String: Any]] = []
        var shares: [String: [String]] = [targetId: ["view", "upload"]]
        for input in inputs { shares[userId(input.index)] = ["view"] }
        accounts.append(["email": supportEmail, "password": supportPassword, "userId": supportId,
                         "fullName": "Support", "service": true, "shares": shares])
        accounts.append(["email": "target@hostile.test", "password": "pw-target", "userId": targetId, "fullName": "Target"])
        for input in inputs {
            accounts.append(["email": email(input), "password": "pw-\(input.index)",
                             "userId": userId(input.index), "fullName": input.text])
        }
        let clinics: [[String: Any]] = inputs.map {
            ["id": clinicId($0.index), "name": $0.text, "clinicians": [supportId], "patients": [userId($0.index)]]
        }
        let data = try JSONSerialization.data(withJSONObject: ["accounts": accounts, "clinics": clinics])
        return String(decoding: data, as: UTF8.self)
    }

    static func start(withContent: Bool, logSink: (@Sendable (String) -> Void)? = nil) async throws -> HostileWorld {
        let inputs = try HostileCorpus.all()
        let sandbox = try await SandboxHarness.start(seed: .empty, accountsJSON: try accountsJSON(inputs), logSink: logSink)
        do {
            let client = try await supportClient(sandbox)
            let now = Date()
            let combinedStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 - 7200).rounded(.down))
            let all = inputs.map { input in
                DeviceLogEntry(type: DeviceLogType(rawValue: input.text), managerIdentifier: input.text,
                               deviceIdentifier: input.text, timestamp: combinedStart.addingTimeInterval(Double(input.index)),
                               message: input.text)
            }
            let combined = try await client.createDeviceLogs(userId: targetId, entries: all, start: combinedStart,
                                                             end: combinedStart.addingTimeInterval(600))
            var chunks: [String: HostileInput] = [:]
            var typedChunks = Set<String>()
            var typed: [String: HostileInput] = [:]
            var refused: [String] = []
            var content: [String: (HostileInput, ContentKind)] = [:]
            // A few inputs at a time: the sandbox makes every upload durable, one by one would be slow.
            for batchStart in stride(from: 0, to: inputs.count, by: 6) {
                let batch = inputs[batchStart..<min(inputs.count, batchStart + 6)]
                let seeded = try await withThrowingTaskGroup(of: Seeded.self) { group in
                    for input in batch {
                        group.addTask { try await seed(input, client: client, now: now, withContent: withContent) }
                    }
                    return try await group.reduce(into: [Seeded]()) { $0.append($1) }
                }
                for s in seeded {
                    chunks[s.chunk] = s.input
                    if s.typedChunk { typedChunks.insert(s.chunk) }
                    if let id = s.typedBlob { typed[id] = s.input } else { refused.append(s.input.name) }
                    for (id, kind) in s.content { content[id] = (s.input, kind) }
                }
            }
            return HostileWorld(sandbox: sandbox, inputs: inputs, logChunks: chunks, typedChunks: typedChunks,
                                combinedChunk: combined.id,
                                combinedStart: combinedStart,
                                contentBlobs: content.mapValues { (input: $0.0, kind: $0.1) },
                                mediaTypeBlobs: typed, refusedMediaTypes: refused)
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    private struct Seeded: Sendable {
        var input: HostileInput
        var chunk: String
        var typedChunk: Bool
        var typedBlob: String?
        var content: [(String, ContentKind)]
    }

    /// One input's device-log chunk, media-type blob (nil when refused) and content blobs.
    private static func seed(_ input: HostileInput, client: TidepoolClient, now: Date, withContent: Bool) async throws -> Seeded {
        let t = input.text
        let start = now.addingTimeInterval(Double(-3600 - 60 * input.index))
        let entry = DeviceLogEntry(type: DeviceLogType(rawValue: t), managerIdentifier: t, deviceIdentifier: t,
                                   timestamp: start.addingTimeInterval(1), message: t)
        let quoted = input.headerSafeText.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        let data = try TidepoolJSON.encoder().encode([entry])
        var chunk: String
        var typedChunk = true
        do {
            chunk = try await client.createDeviceLogs(userId: targetId, data: data, start: start, end: start.addingTimeInterval(30),
                                                      mediaType: "application/json; name=\"\(quoted)\"").id
        } catch is APIError {
            typedChunk = false
            chunk = try await client.createDeviceLogs(userId: targetId, data: data, start: start, end: start.addingTimeInterval(30)).id
        }
        var seeded = Seeded(input: input, chunk: chunk, typedChunk: typedChunk, typedBlob: nil, content: [])
        do {
            seeded.typedBlob = try await client.createBlob(userId: targetId, data: Data("m".utf8),
                                                           mediaType: "text/plain; name=\"\(quoted)\"").id
        } catch is APIError {
            // Refused: by the client's own media-type check or with 400 by the sandbox, as the real service would.
        }
        guard withContent else { return seeded }
        // Every input as raw text; and in turn as JSON, CSV or binary (hex dump), so each preview renderer sees
        // a third of the corpus.
        let extra: [ContentKind] = [.json, .csv, .binary]
        for kind in [ContentKind.text, extra[input.index % extra.count]] {
            let blob = try await client.createBlob(userId: targetId, data: body(input, kind), mediaType: kind.rawValue)
            seeded.content.append((blob.id, kind))
        }
        return seeded
    }

    static func body(_ input: HostileInput, _ kind: ContentKind) throws -> Data {
        switch kind {
        case .text, .binary: return Data(input.bytes)
        case .json:
            return try JSONSerialization.data(withJSONObject: ["note": input.text, "list": [input.text, 1]], options: [.sortedKeys])
        case .csv: return Data("name,value\n".utf8) + Data(input.bytes) + Data(",1\n\"q\",\"".utf8) + Data(input.bytes) + Data("\"\n".utf8)
        }
    }

    static func supportClient(_ sandbox: SandboxHarness) async throws -> TidepoolClient {
        let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL))
        _ = try await client.login(email: supportEmail, password: supportPassword)
        return client
    }

    func stop() async { await sandbox.stop() }
}
