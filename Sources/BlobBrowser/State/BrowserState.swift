import Foundation

/// Which pane has the focus.
public enum Pane: String, CaseIterable, Sendable, Hashable {
    case users, blobs, logs, transfers
}

/// Everything the screen shows. Mutated only by the reducer on the UI thread; rendered as a pure function.
public struct BrowserState: Sendable, Hashable {
    // Session
    public var environmentName: String
    public var account: AccountInfo?
    public var readOnly: Bool
    public var themeName: String
    /// Default target directory for downloads.
    public var downloadDirectory: String
    /// Non-UTF-8 terminal: the screens draw ASCII only.
    public var ascii: Bool

    // Panes
    public var focus: Pane = .users
    public var users = UsersPaneState()
    public var blobs = BlobsPaneState()
    public var logs = LogsPaneState()
    public var transfers = TransfersState()

    // Overlays, top to bottom: dialog, input line, overlay.
    public var overlay: Overlay?
    public var dialog: ConfirmDialog?
    public var inputLine: InputLine?

    // Status
    public var message: StatusMessage?
    public var lastError: BrowserError?
    /// Effects started and not yet applied (mirrors the runner's counter for the status line).
    public var busy = 0
    /// Spinner frame, advanced by ticks while busy.
    public var spinnerFrame = 0
    /// A delete batch in flight.
    public var deleteBatch: DeleteBatch?

    // Screen
    public var rows = 40
    public var columns = 120
    public var isFinished = false
    /// Typed user ids remembered for this environment.
    public var rememberedUserIds: [String] = []

    public init(environmentName: String, readOnly: Bool = false, themeName: String = "default",
                downloadDirectory: String = "~/Downloads/tideblob", ascii: Bool = false) {
        self.environmentName = environmentName; self.readOnly = readOnly; self.themeName = themeName
        self.downloadDirectory = downloadDirectory; self.ascii = ascii
    }

    /// The keymap context of what has the focus (dialogs and the input line take keys before it).
    public var keyContext: KeyContext {
        switch overlay {
        case .help?: return .help
        case .blobDetail?, .logChunkDetail?: return .detail
        case .preview?: return .preview
        case .logEntries?: return .logEntries
        case .errorDetails?: return .errorDetails
        case nil:
            switch focus {
            case .users: return .users
            case .blobs: return .blobs
            case .logs: return .logs
            case .transfers: return .transfers
            }
        }
    }

    public var hasTransfers: Bool { !transfers.items.isEmpty }
    public var layout: BrowserLayout { BrowserLayout(rows: rows, columns: columns, transferCount: transfers.items.count) }
}

/// Progress of a running delete batch.
public struct DeleteBatch: Sendable, Hashable {
    public var userId: String
    public var total: Int
    public var done = 0
    public var succeeded = 0
    public var failures: [String: BrowserError] = [:]
    public init(userId: String, total: Int) { self.userId = userId; self.total = total }
}
