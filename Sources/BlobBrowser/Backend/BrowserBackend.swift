import Foundation
import TidepoolAPI

/// The signed-in account.
public struct AccountInfo: Sendable, Hashable {
    public var userId: String
    public var username: String?
    public var fullName: String?
    /// True for a service (support) session, false for a user session, nil when unknown.
    public var isService: Bool?
    public init(userId: String, username: String? = nil, fullName: String? = nil, isService: Bool? = nil) {
        self.userId = userId; self.username = username; self.fullName = fullName; self.isService = isService
    }
    public var displayName: String { fullName ?? username ?? userId }
}

/// One row of the users pane.
public struct UserEntry: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Hashable { case me, shared, patient, typed }
    public var userId: String
    public var name: String
    public var kind: Kind
    /// Permissions the signed-in account has on this user ("view", "upload"…), sorted.
    public var permissions: [String]
    /// Extra context, e.g. the clinic name for a patient.
    public var detail: String?
    public var id: String { userId }
    public init(userId: String, name: String, kind: Kind, permissions: [String] = [], detail: String? = nil) {
        self.userId = userId; self.name = name; self.kind = kind; self.permissions = permissions; self.detail = detail
    }
}

/// Server-side filters and paging of a blob list.
public struct BlobQuery: Sendable, Hashable {
    public var statuses: [BlobStatus]
    public var mediaTypes: [String]
    public var page: Int
    public var size: Int
    public init(statuses: [BlobStatus] = [], mediaTypes: [String] = [], page: Int = 0, size: Int = 100) {
        self.statuses = statuses; self.mediaTypes = mediaTypes; self.page = page; self.size = size
    }
}

/// A deletion attempt, for the deletion journal.
public struct DeletionAttempt: Sendable, Hashable {
    public enum Scope: Sendable, Hashable { case blob(id: String, revision: Int?), allBlobs }
    public var userId: String
    public var scope: Scope
    public var size: Int64?
    public var mediaType: String?
    public var digestMD5: String?
    public var succeeded: Bool
    public var error: String?
    public var traceId: String?
    public var at: Date
    public init(userId: String, scope: Scope, size: Int64? = nil, mediaType: String? = nil, digestMD5: String? = nil,
                succeeded: Bool, error: String? = nil, traceId: String? = nil, at: Date = Date()) {
        self.userId = userId; self.scope = scope; self.size = size; self.mediaType = mediaType; self.digestMD5 = digestMD5
        self.succeeded = succeeded; self.error = error; self.traceId = traceId; self.at = at
    }
}

/// What to download.
public enum DownloadSource: Sendable, Hashable {
    case blob(id: String, mediaType: String, size: Int64?)
    case deviceLogs(id: String, size: Int64?)

    public var id: String {
        switch self { case .blob(let id, _, _), .deviceLogs(let id, _): return id }
    }
    public var size: Int64? {
        switch self { case .blob(_, _, let s), .deviceLogs(_, let s): return s }
    }
    /// File name used in the target directory.
    public var fileName: String {
        switch self {
        case .blob(let id, let mediaType, _): return id + FileNames.extensionFor(mediaType: mediaType)
        case .deviceLogs(let id, _): return "devicelogs-" + id + ".json"
        }
    }
}

public struct DownloadRequest: Sendable, Hashable {
    public var source: DownloadSource
    public var destination: URL
    public var overwrite: Bool
    public init(source: DownloadSource, destination: URL, overwrite: Bool) {
        self.source = source; self.destination = destination; self.overwrite = overwrite
    }
}

public struct UploadRequest: Sendable, Hashable {
    public var userId: String
    public var file: URL
    public var mediaType: String
    public init(userId: String, file: URL, mediaType: String) { self.userId = userId; self.file = file; self.mediaType = mediaType }
}

/// The latest progress of a transfer, as the producer reports it.
public struct TransferSample: Sendable, Hashable {
    public var bytesDone: Int64
    public var totalBytes: Int64?
    public init(bytesDone: Int64, totalBytes: Int64?) { self.bytesDone = bytesDone; self.totalBytes = totalBytes }
}

/// The API operations the browser needs. `LiveBackend` adapts `TidepoolClient`; tests use a fake.
/// Every method may be called from any thread; cancellation of the calling task must abort the operation.
public protocol BrowserBackend: Sendable {
    func account() async throws -> AccountInfo
    /// Accounts that shared their data with the signed-in one.
    func sharedUsers() async throws -> [UserEntry]
    /// Patients of the clinics the signed-in account works at.
    func clinicPatients() async throws -> [UserEntry]
    func listBlobs(userId: String, query: BlobQuery) async throws -> [Blob]
    /// Deletes one blob (conditional on `revision`); returns the response's trace id.
    func deleteBlob(id: String, revision: Int?) async throws -> String?
    func deleteAllBlobs(userId: String) async throws
    func listDeviceLogs(userId: String, start: Date, end: Date) async throws -> [DeviceLogsMetadata]
    func deviceLogEntries(id: String) async throws -> [DeviceLogEntry]
    /// At most `maxBytes` of a blob's content.
    func contentPrefix(blobId: String, maxBytes: Int) async throws -> Data
    /// At most `maxBytes` of a device-logs chunk's content.
    func deviceLogsPrefix(id: String, maxBytes: Int) async throws -> Data
    /// Appends to the deletion journal (never throws: journal trouble must not stop a delete).
    func recordDeletion(_ record: DeletionAttempt) async
    /// Downloads to `request.destination`, reporting progress; returns the bytes written.
    func download(_ request: DownloadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Int64
    /// Uploads a file as a new blob of `request.userId`.
    func upload(_ request: UploadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Blob
}

public enum FileNames {
    public static func extensionFor(mediaType: String) -> String {
        let base = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/json": return ".json"
        case "text/plain": return ".txt"
        case "text/csv": return ".csv"
        case "image/png": return ".png"
        case "image/jpeg": return ".jpg"
        case "application/pdf": return ".pdf"
        case "application/zip": return ".zip"
        case "application/gzip", "application/x-gzip": return ".gz"
        default: return ".bin"
        }
    }

    public static func mediaTypeFor(path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "json": return "application/json"
        case "txt", "log": return "text/plain"
        case "csv": return "text/csv"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "pdf": return "application/pdf"
        case "zip": return "application/zip"
        case "gz": return "application/gzip"
        default: return "application/octet-stream"
        }
    }
}
