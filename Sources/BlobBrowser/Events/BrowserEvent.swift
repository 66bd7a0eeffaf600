import Foundation
import TidepoolAPI

/// Everything that changes the state: input, and the results of effects (posted back by the runner).
public enum BrowserEvent: Sendable {
    case input(InputEvent)
    /// First event: load the account and users.
    case start
    /// A `:` command typed or sent programmatically (tests, scripts).
    case command(String)
    /// A message for the status line from outside the reducer (theme fallback notices, launcher warnings).
    case notice(String, StatusMessage.Kind)

    case accountLoaded(Result<AccountInfo, BrowserError>)
    case usersLoaded(Result<[UserEntry], BrowserError>, source: UserEntry.Kind)
    case blobsPageLoaded(userId: String, generation: Int, page: Int, Result<[Blob], BrowserError>)
    case logsLoaded(userId: String, generation: Int, Result<[DeviceLogsMetadata], BrowserError>)
    case logEntriesLoaded(chunkId: String, Result<[DeviceLogEntry], BrowserError>)
    /// A preview, already sniffed and formatted off the UI thread.
    case previewLoaded(blobId: String, Result<PreviewContent, BrowserError>)
    /// One blob of a delete batch finished.
    case deleteFinished(id: String, Result<Void, BrowserError>)
    /// The whole batch finished (after every `deleteFinished`).
    case deleteBatchFinished(userId: String)
    case deleteAllFinished(userId: String, Result<Void, BrowserError>)
    case transferFinished(id: Int, Result<Int64, BrowserError>)
    case uploadFinished(id: Int, userId: String, Result<Blob, BrowserError>)
    /// Latest progress samples of running transfers (sampled on ticks).
    case transferProgress([Int: TransferSample])
}
