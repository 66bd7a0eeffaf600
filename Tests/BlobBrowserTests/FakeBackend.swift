import Foundation
import Synchronization
import TidepoolAPI
@testable import BlobBrowser

/// A deterministic in-memory backend. Every call is recorded.
final class FakeBackend: BrowserBackend {
    struct Config: Sendable {
        var account = AccountInfo(userId: "0123456789", username: "support@example.org", fullName: "Support Person", isService: true)
        var shared: [UserEntry] = [UserEntry(userId: "aaaaaaaaaa", name: "Alice Shared", kind: .shared, permissions: ["view"])]
        var patients: Result<[UserEntry], BrowserError> = .failure(BrowserError(message: "HTTP 403", status: 403))
        var blobs: [String: [Blob]] = [:]
        var blobsError: BrowserError?
        var logs: [DeviceLogsMetadata] = []
        var entries: [DeviceLogEntry] = []
        var content: Data = Data("hello\n".utf8)
        var failDeleteIds: Set<String> = []
        /// Downloads report half their bytes, then wait until cancelled.
        var holdDownloads = false
    }
    enum Call: Sendable, Hashable {
        case listBlobs(userId: String, page: Int, size: Int, statuses: [String], mediaTypes: [String])
        case deleteBlob(id: String, revision: Int?)
        case deleteAll(userId: String)
        case listLogs(userId: String, start: Date, end: Date)
        case contentPrefix(blobId: String, maxBytes: Int)
        case recordDeletion(id: String?, succeeded: Bool)
        case download(id: String, path: String, overwrite: Bool)
        case upload(userId: String, path: String)
        case entries(String)
    }

    let config: Mutex<Config>
    let calls = Mutex<[Call]>([])

    init(_ configure: (inout Config) -> Void = { _ in }) {
        var c = Config()
        configure(&c)
        config = Mutex(c)
    }

    var recorded: [Call] { calls.withLock { $0 } }
    private func record(_ c: Call) { calls.withLock { $0.append(c) } }

    func account() async throws -> AccountInfo { config.withLock { $0.account } }
    func sharedUsers() async throws -> [UserEntry] { config.withLock { $0.shared } }
    func clinicPatients() async throws -> [UserEntry] { try config.withLock { $0.patients }.get() }

    func listBlobs(userId: String, query: BlobQuery) async throws -> [Blob] {
        record(.listBlobs(userId: userId, page: query.page, size: query.size, statuses: query.statuses.map(\.rawValue),
                          mediaTypes: query.mediaTypes))
        let (all, error) = config.withLock { ($0.blobs[userId] ?? [], $0.blobsError) }
        if let error { throw error }
        let filtered = all.filter { query.statuses.isEmpty || query.statuses.contains($0.status) }
            .filter { query.mediaTypes.isEmpty || query.mediaTypes.contains($0.mediaType) }
        let start = query.page * query.size
        guard start < filtered.count else { return [] }
        return Array(filtered[start..<min(filtered.count, start + query.size)])
    }

    func deleteBlob(id: String, revision: Int?) async throws -> String? {
        record(.deleteBlob(id: id, revision: revision))
        if config.withLock({ $0.failDeleteIds.contains(id) }) {
            throw BrowserError(message: "HTTP 404 resource-not-found", status: 404, traceId: "trace-\(id.prefix(4))")
        }
        config.withLock { c in for k in c.blobs.keys { c.blobs[k]?.removeAll { $0.id == id } } }
        return "trace-ok-\(id.prefix(4))"
    }

    func deleteAllBlobs(userId: String) async throws {
        record(.deleteAll(userId: userId))
        config.withLock { $0.blobs[userId] = [] }
    }

    func listDeviceLogs(userId: String, start: Date, end: Date) async throws -> [DeviceLogsMetadata] {
        record(.listLogs(userId: userId, start: start, end: end))
        return config.withLock { $0.logs }
    }

    func deviceLogEntries(id: String) async throws -> [DeviceLogEntry] {
        record(.entries(id))
        return config.withLock { $0.entries }
    }

    func contentPrefix(blobId: String, maxBytes: Int) async throws -> Data {
        record(.contentPrefix(blobId: blobId, maxBytes: maxBytes))
        return config.withLock { $0.content }   // deliberately not capped: the runner must cap
    }

    func deviceLogsPrefix(id: String, maxBytes: Int) async throws -> Data {
        record(.contentPrefix(blobId: "logs:" + id, maxBytes: maxBytes))
        return Data(#"[{"type":"send"}]"#.utf8)
    }

    func recordDeletion(_ r: DeletionAttempt) async {
        if case .blob(let id, _) = r.scope { record(.recordDeletion(id: id, succeeded: r.succeeded)) } else {
            record(.recordDeletion(id: nil, succeeded: r.succeeded))
        }
    }

    func download(_ request: DownloadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Int64 {
        record(.download(id: request.source.id, path: request.destination.path, overwrite: request.overwrite))
        let size = request.source.size ?? 10
        progress(TransferSample(bytesDone: size / 2, totalBytes: size))
        if config.withLock({ $0.holdDownloads }) {
            // Parks until the task is cancelled (no timing involved: cancellation ends it at once).
            try await withTaskCancellationHandler {
                try await Task.sleep(for: .seconds(86_400))
            } onCancel: {}
            throw BrowserError(message: "cancelled", isCancelled: true)
        }
        return size
    }

    func upload(_ request: UploadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Blob {
        record(.upload(userId: request.userId, path: request.file.path))
        return Fixtures.blob(9999, user: request.userId)
    }
}

/// In-memory file system.
final class FakeFiles: LocalFiles {
    let files = Mutex<Set<String>>([])
    let directories = Mutex<Set<String>>(["/home/support", "/home/support/Downloads", "/work"])
    let remembered = Mutex<[String: [String]]>([:])
    init(files: [String] = [], directories: [String] = []) {
        self.files.withLock { $0.formUnion(files) }
        self.directories.withLock { $0.formUnion(directories) }
    }
    func fileExists(_ path: String) -> Bool { files.withLock { $0.contains(path) } || isDirectory(path) }
    func isDirectory(_ path: String) -> Bool {
        let p = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return directories.withLock { $0.contains(p) }
    }
    func contents(ofDirectory directory: String) -> [String] {
        let d = directory.hasSuffix("/") ? directory : directory + "/"
        let all = files.withLock { Array($0) } + directories.withLock { Array($0) }
        return all.filter { $0.hasPrefix(d) && !$0.dropFirst(d.count).contains("/") && $0.count > d.count }
            .map { String($0.dropFirst(d.count)) }.sorted()
    }
    var homeDirectory: String { "/home/support" }
    var currentDirectory: String { "/work" }
    func rememberedUserIds(environment: String) -> [String] { remembered.withLock { $0[environment] ?? [] } }
    func saveRememberedUserIds(_ ids: [String], environment: String) { remembered.withLock { $0[environment] = ids } }
}

enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_717_200_000)   // 2024-06-01T00:00:00Z

    static func blobId(_ n: Int) -> String { String(format: "%032x", n) }

    static func blob(_ n: Int, user: String = "0123456789", mediaType: String = "application/json", size: Int64? = 1024,
                     status: BlobStatus = .available, revision: Int = 1) -> Blob {
        Blob(id: blobId(n), userId: user, digestMD5: "XrY7u+Ae7tCTyyK7j1rNww==", mediaType: mediaType, size: size,
             status: status, createdTime: t0.addingTimeInterval(Double(-n) * 60), modifiedTime: t0, revision: revision)
    }

    static func blobs(_ count: Int, user: String = "0123456789") -> [Blob] {
        (1...max(1, count)).prefix(count).map { blob($0, user: user, size: Int64($0) * 1024) }
    }

    static func chunk(_ n: Int, user: String = "0123456789") -> DeviceLogsMetadata {
        DeviceLogsMetadata(id: String(format: "%032x", 0xabc000 + n), userId: user, digestMD5: "x", mediaType: "application/json",
                           size: 2048, createdTime: t0, startAtTime: t0.addingTimeInterval(Double(n) * 3600),
                           endAtTime: t0.addingTimeInterval(Double(n) * 3600 + 1800))
    }

    /// A store with a fake backend, started and idle.
    static func started(_ backend: FakeBackend, files: FakeFiles = FakeFiles(), readOnly: Bool = false,
                        now: Date = t0) async -> BrowserStore {
        let store = BrowserStore(state: BrowserState(environmentName: "sandbox", readOnly: readOnly,
                                                     downloadDirectory: "~/Downloads/tideblob"),
                                 backend: backend, files: files, clock: { now })
        store.send(.input(.resize(rows: 40, columns: 120)))
        store.send(.start)
        await store.waitUntilIdle()
        return store
    }
}
