import TidepoolAPI

/// A full view shown over the panes.
public enum Overlay: Sendable, Hashable {
    case help(scroll: Int)
    case blobDetail(Blob)
    case logChunkDetail(DeviceLogsMetadata)
    case preview(PreviewState)
    case logEntries(LogEntriesState)
    case errorDetails(BrowserError)
}

/// One blob of a delete batch, with the revision that was on screen.
public struct DeleteItem: Sendable, Hashable {
    public var id: String
    public var revision: Int
    public var size: Int64?
    public var mediaType: String
    public var digestMD5: String?
    public init(id: String, revision: Int, size: Int64?, mediaType: String, digestMD5: String? = nil) {
        self.id = id; self.revision = revision; self.size = size; self.mediaType = mediaType; self.digestMD5 = digestMD5
    }
}

/// What a confirmation does when confirmed.
public enum ConfirmAction: Sendable, Hashable {
    case deleteBlobs(userId: String, items: [DeleteItem])
    case overwriteDownloads([DownloadRequest])
    case quit
}

/// A modal yes/no question. The safe answer is the default; the confirm key differs from the key that asked.
public struct ConfirmDialog: Sendable, Hashable {
    public var title: String
    public var lines: [String]
    public var confirmLabel: String
    public var cancelLabel: String
    /// The key that confirms (`y`); `n` and Esc always cancel; Enter activates the focused button.
    public var confirmKey: Character
    /// True when the confirm button has the focus (starts false: default is No).
    public var confirmFocused: Bool
    public var destructive: Bool
    public var action: ConfirmAction

    public init(title: String, lines: [String], confirmLabel: String = "Yes", cancelLabel: String = "No",
                confirmKey: Character = "y", destructive: Bool = false, action: ConfirmAction) {
        self.title = title; self.lines = lines; self.confirmLabel = confirmLabel; self.cancelLabel = cancelLabel
        self.confirmKey = confirmKey; self.confirmFocused = false; self.destructive = destructive; self.action = action
    }
}

/// What a line of typed text is for.
public enum InputPurpose: Sendable, Hashable {
    case command
    case filterUsers
    case filterBlobs
    case filterLogEntries
    case mediaTypeFilter
    case userId
    case logWindow
    case downloadDirectory([DownloadSource])
    case uploadPath(userId: String)
    case deleteAllConfirm(userId: String)

    /// Filters apply as you type.
    public var isLiveFilter: Bool {
        switch self { case .filterUsers, .filterBlobs, .filterLogEntries: return true; default: return false }
    }
    /// Tab completes paths.
    public var completesPaths: Bool {
        switch self { case .downloadDirectory, .uploadPath: return true; default: return false }
    }
}

/// The bottom input line (command line, filter, prompts).
public struct InputLine: Sendable, Hashable {
    public var purpose: InputPurpose
    public var prompt: String
    public var text: String
    /// Cursor position in characters.
    public var cursor: Int
    /// Shown under/after the prompt: completion candidates or a hint.
    public var hint: String?
    /// The value before editing (a live filter restores it on Esc).
    public var original: String

    public init(purpose: InputPurpose, prompt: String, text: String = "", hint: String? = nil) {
        self.purpose = purpose; self.prompt = prompt; self.text = text; self.cursor = text.count; self.hint = hint
        self.original = text
    }

    public mutating func insert(_ c: Character) {
        var chars = Array(text)
        chars.insert(c, at: min(cursor, chars.count))
        text = String(chars); cursor += 1
    }
    public mutating func backspace() {
        guard cursor > 0 else { return }
        var chars = Array(text)
        chars.remove(at: cursor - 1)
        text = String(chars); cursor -= 1
    }
    public mutating func deleteForward() {
        var chars = Array(text)
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
        text = String(chars)
    }
}

/// A transient message in the status line.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var text: String
    public var kind: Kind
    public init(_ text: String, kind: Kind = .info) { self.text = text; self.kind = kind }
}
