import Foundation
import TidepoolAPI

/// `BrowserBackend` over the shared `TidepoolClient` (and the deletion journal).
public final class LiveBackend: BrowserBackend {
    public let client: TidepoolClient
    public let journal: DeletionJournal?
    /// How often transfer progress is sampled from the client's `TransferHandle`.
    let sampleInterval: Duration

    public init(client: TidepoolClient, journal: DeletionJournal?, sampleInterval: Duration = .milliseconds(100)) {
        self.client = client; self.journal = journal; self.sampleInterval = sampleInterval
    }

    var myUserId: String { get throws {
        guard let id = client.session?.userId else { throw APIError(.notSignedIn) }
        return id
    } }

    public func account() async throws -> AccountInfo {
        let user = try await client.currentUser()
        let session = client.session
        return AccountInfo(userId: user.userid, username: user.username ?? user.emails?.first ?? session?.username,
                           fullName: nil, isService: session?.isService)
    }

    public func sharedUsers() async throws -> [UserEntry] {
        let me = try myUserId
        var entries: [String: UserEntry] = [:]
        for user in try await client.sharedUsers(userId: me) {
            guard let granted = user.trustorPermissions, !granted.permissions.isEmpty else { continue }
            let name = user.profile?.fullName ?? user.username ?? user.emails?.first ?? user.userid
            entries[user.userid] = UserEntry(userId: user.userid, name: name, kind: .shared,
                                             permissions: granted.sorted.map(\.rawValue), detail: user.username)
        }
        // Access groups can name sharers the metadata service does not know; keep them by id.
        if let groups = try? await client.accessGroups(userId: me) {
            for (sharer, set) in groups where sharer != me && entries[sharer] == nil {
                entries[sharer] = UserEntry(userId: sharer, name: sharer, kind: .shared, permissions: set.sorted.map(\.rawValue))
            }
        }
        return entries.values.sorted { $0.name < $1.name }
    }

    public func clinicPatients() async throws -> [UserEntry] {
        let me = try myUserId
        var out: [UserEntry] = []
        for try await page in client.clinicPages(userId: me) {
            for entry in page {
                for try await patients in client.patientPages(clinicId: entry.clinic.id) {
                    for p in patients {
                        out.append(UserEntry(userId: p.id, name: p.fullName, kind: .patient,
                                             permissions: p.permissions?.sorted.map(\.rawValue) ?? [], detail: entry.clinic.name))
                    }
                }
            }
        }
        return out
    }

    public func listBlobs(userId: String, query: BlobQuery) async throws -> [Blob] {
        try await client.listBlobs(userId: userId, statuses: query.statuses, mediaTypes: query.mediaTypes,
                                   page: query.page, size: query.size)
    }

    public func deleteBlob(id: String, revision: Int?) async throws -> String? {
        try await client.deleteBlob(id: id, revision: revision)
    }

    public func deleteAllBlobs(userId: String) async throws {
        _ = try await client.deleteAllBlobs(userId: userId)
    }

    public func listDeviceLogs(userId: String, start: Date, end: Date) async throws -> [DeviceLogsMetadata] {
        var all: [DeviceLogsMetadata] = []
        let size = TidepoolClient.maxPageSize
        for page in 0..<20 {
            let items = try await client.listDeviceLogs(userId: userId, start: start, end: end, page: page, size: size)
            all += items
            if items.count < size { break }
        }
        return all
    }

    public func deviceLogEntries(id: String) async throws -> [DeviceLogEntry] {
        try await client.deviceLogEntries(id: id)
    }

    public func contentPrefix(blobId: String, maxBytes: Int) async throws -> Data {
        try await client.fetchContentPrefix(blobId: blobId, maxBytes: maxBytes).data
    }

    public func deviceLogsPrefix(id: String, maxBytes: Int) async throws -> Data {
        try await client.fetchDeviceLogsPrefix(id: id, maxBytes: maxBytes).data
    }

    public func recordDeletion(_ a: DeletionAttempt) async {
        guard let journal else { return }
        let blobId: String?, revision: Int?
        switch a.scope {
        case .blob(let id, let rev): blobId = id; revision = rev
        case .allBlobs: blobId = nil; revision = nil
        }
        let result = a.succeeded ? DeletionRecord.deleted : (a.error.map { "failed: " + $0 } ?? "failed")
        let record = DeletionRecord(time: a.at, environment: client.environment.name, actor: client.session?.userId,
                                    user: a.userId, blobId: blobId, digestMD5: a.digestMD5, size: a.size, mediaType: a.mediaType, revision: revision,
                                    result: result, operation: blobId == nil ? "delete-all" : "delete", traceId: a.traceId)
        try? journal.append(record)
    }

    public func download(_ request: DownloadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Int64 {
        let handle = TransferHandle(label: request.source.id, kind: .download, bytesTotal: request.source.size)
        let directory = request.destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw APIError(.localIO("cannot create \(directory.path): \(error.localizedDescription)"))
        }
        let client = self.client
        let result = try await sampling(handle, progress) {
            switch request.source {
            case .blob(let id, _, _):
                return try await client.downloadBlob(id: id, to: request.destination, overwrite: request.overwrite, progress: handle)
            case .deviceLogs(let id, _):
                return try await client.downloadDeviceLogs(id: id, to: request.destination, overwrite: request.overwrite, progress: handle)
            }
        }
        return result.bytes
    }

    public func upload(_ request: UploadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Blob {
        let handle = TransferHandle(label: request.file.lastPathComponent, kind: .upload)
        let client = self.client
        return try await sampling(handle, progress) {
            try await client.uploadBlob(userId: request.userId, file: request.file, mediaType: request.mediaType, progress: handle)
        }
    }

    /// Runs a transfer while a side task copies the handle's progress into `progress`; cancelling the calling task
    /// cancels the handle.
    private func sampling<T: Sendable>(_ handle: TransferHandle, _ progress: @escaping @Sendable (TransferSample) -> Void,
                                       _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let interval = sampleInterval
        let sampler = Task.detached {
            while !Task.isCancelled {
                let snap = handle.snapshot
                progress(TransferSample(bytesDone: snap.bytesDone, totalBytes: snap.bytesTotal))
                try? await Task.sleep(for: interval)
            }
        }
        defer { sampler.cancel() }
        return try await withTaskCancellationHandler {
            let value = try await body()
            let snap = handle.snapshot
            progress(TransferSample(bytesDone: snap.bytesDone, totalBytes: snap.bytesTotal))
            return value
        } onCancel: {
            handle.cancel()
        }
    }
}
