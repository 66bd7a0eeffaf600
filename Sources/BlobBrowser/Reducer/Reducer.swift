import Foundation

/// What the reducer may consult besides the state: the clock, the local file system (existence checks, Tab
/// completion, remembered ids) and the keymap.
public struct ReduceContext {
    public var now: Date
    public var files: any LocalFiles
    public var keymap: Keymap
    public init(now: Date, files: any LocalFiles, keymap: Keymap = .default) {
        self.now = now; self.files = files; self.keymap = keymap
    }
}

/// `Event → reduce(State) → [Effect]`. Split by concern across `Reducer+*.swift` files.
public enum Reducer {
    public static func reduce(_ state: inout BrowserState, _ event: BrowserEvent, _ context: ReduceContext) -> [Effect] {
        var update = Update(s: state, ctx: context)
        update.handle(event)
        update.fitViewports()
        state = update.s
        return update.effects
    }
}

/// One reduction in progress: the state being changed and the effects asked for.
struct Update {
    var s: BrowserState
    let ctx: ReduceContext
    var effects: [Effect] = []

    init(s: BrowserState, ctx: ReduceContext) { self.s = s; self.ctx = ctx }

    mutating func handle(_ event: BrowserEvent) {
        switch event {
        case .input(let input): handleInput(input)
        case .start: start()
        case .command(let text): runCommand(text)
        case .notice(let text, let kind): s.message = StatusMessage(text, kind: kind)
        case .accountLoaded(let r): accountLoaded(r)
        case .usersLoaded(let r, let source): usersLoaded(r, source: source)
        case .blobsPageLoaded(let userId, let generation, let page, let r): blobsPageLoaded(userId, generation, page, r)
        case .logsLoaded(let userId, let generation, let r): logsLoaded(userId, generation, r)
        case .logEntriesLoaded(let chunkId, let r): logEntriesLoaded(chunkId, r)
        case .previewLoaded(let blobId, let r): previewLoaded(blobId, r)
        case .deleteFinished(let id, let r): deleteFinished(id, r)
        case .deleteBatchFinished(let userId): deleteBatchFinished(userId)
        case .deleteAllFinished(let userId, let r): deleteAllFinished(userId, r)
        case .transferFinished(let id, let r): transferFinished(id, r)
        case .uploadFinished(let id, let userId, let r): uploadFinished(id, userId, r)
        case .transferProgress(let samples): transferProgress(samples)
        }
    }

    mutating func handleInput(_ input: InputEvent) {
        switch input {
        case .key(let key): handleKey(key)
        case .mouse(let m): handleMouse(m)
        case .resize(let rows, let columns): s.rows = rows; s.columns = columns
        case .tick: if s.busy > 0 || !s.transfers.running.isEmpty { s.spinnerFrame &+= 1 }
        }
    }

    mutating func info(_ text: String) { s.message = StatusMessage(text, kind: .info) }
    mutating func warn(_ text: String) { s.message = StatusMessage(text, kind: .warning) }
    mutating func fail(_ error: BrowserError, context: String? = nil) {
        s.lastError = error
        s.message = StatusMessage((context.map { $0 + ": " } ?? "") + error.explanation, kind: .error)
    }

    /// Keeps every cursor inside its viewport for the current layout.
    mutating func fitViewports() {
        let layout = s.layout
        s.users.cursor.ensureVisible(height: layout.listHeight(.users), count: s.users.visible.count)
        s.blobs.cursor.ensureVisible(height: layout.listHeight(.blobs), count: s.blobs.visible.count)
        s.logs.cursor.ensureVisible(height: layout.listHeight(.logs), count: s.logs.items.count)
        s.transfers.cursor.ensureVisible(height: layout.listHeight(.transfers), count: s.transfers.items.count)
        if case .logEntries(var e) = s.overlay {
            e.cursor.ensureVisible(height: max(1, layout.overlay.height - 4), count: e.visible.count)
            s.overlay = .logEntries(e)
        }
        if s.focus == .transfers, s.transfers.items.isEmpty { s.focus = .blobs }
    }

    var keyContext: KeyContext { s.keyContext }
}
