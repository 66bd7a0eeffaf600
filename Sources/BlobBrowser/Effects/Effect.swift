import Foundation
import TidepoolAPI

/// What a preview shows: a blob or a device-logs chunk (both by id).
public enum PreviewSource: Sendable, Hashable {
    case blob(String)
    case deviceLogs(String)
    public var id: String { switch self { case .blob(let id), .deviceLogs(let id): return id } }
}

/// Work the reducer asks for. The runner performs it off the UI thread and posts the result as an event.
public enum Effect: Sendable, Hashable {
    case loadAccount
    case loadUsers
    case loadBlobsPage(userId: String, generation: Int, query: BlobQuery)
    case loadLogs(userId: String, generation: Int, start: Date, end: Date)
    case loadLogEntries(chunkId: String)
    /// Fetch at most `maxBytes` and build the preview (sniffing and formatting happen off the UI thread too).
    case loadPreview(PreviewSource, maxBytes: Int, totalSize: Int64?, ascii: Bool)
    case deleteBlobs(userId: String, items: [DeleteItem])
    case deleteAll(userId: String)
    case download(transferId: Int, DownloadRequest)
    case upload(transferId: Int, UploadRequest)
    case cancelTransfer(transferId: Int)
    case cancelAllTransfers
    case rememberUserIds(environment: String, ids: [String])
}
