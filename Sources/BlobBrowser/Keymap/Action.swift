/// Everything a key can do. Declared once in `Keymap.default` with keys, description and contexts.
public enum Action: String, CaseIterable, Sendable, Hashable {
    // Movement
    case up, down, pageUp, pageDown, top, bottom, left
    case nextPane, previousPane
    // Opening and closing
    case open, back, help, commandLine, quit, refresh, showError
    // Users
    case filter, addUser
    // Blobs
    case preview, sortNext, sortReverse, statusFilter, mediaTypeFilter
    case mark, rangeMark, invertMarks, clearMarks
    case delete, download, upload
    // Logs
    case window, customWindow, typeFilter
    // Transfers
    case cancelTransfer, clearFinished
}

/// Where a binding applies. `pane` contexts share the global bindings; overlays have their own.
public enum KeyContext: String, CaseIterable, Sendable, Hashable {
    case global
    case users, blobs, logs, transfers
    case detail, preview, logEntries, help, errorDetails

    public var isPane: Bool {
        switch self { case .users, .blobs, .logs, .transfers: return true; default: return false }
    }

    public var title: String {
        switch self {
        case .global: return "Everywhere"
        case .users: return "Users pane"
        case .blobs: return "Blobs pane"
        case .logs: return "Device logs pane"
        case .transfers: return "Transfers panel"
        case .detail: return "Detail view"
        case .preview: return "Preview"
        case .logEntries: return "Log entries"
        case .help: return "Help"
        case .errorDetails: return "Error details"
        }
    }
}
