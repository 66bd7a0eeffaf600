import Foundation
import TidepoolAPI

/// Moving around: cursors, panes, opening things, overlays.
extension Update {
    mutating func moveCursor(by delta: Int) {
        switch s.focus {
        case .users: s.users.cursor.move(by: delta, count: s.users.visible.count)
        case .blobs:
            s.blobs.cursor.move(by: delta, count: s.blobs.visible.count)
            loadMoreIfNeeded()
        case .logs: s.logs.cursor.move(by: delta, count: s.logs.items.count)
        case .transfers: s.transfers.cursor.move(by: delta, count: s.transfers.items.count)
        }
    }

    mutating func moveCursor(to index: Int) {
        switch s.focus {
        case .users: s.users.cursor.moveTo(index, count: s.users.visible.count)
        case .blobs:
            s.blobs.cursor.moveTo(index, count: s.blobs.visible.count)
            loadMoreIfNeeded()
        case .logs: s.logs.cursor.moveTo(index, count: s.logs.items.count)
        case .transfers: s.transfers.cursor.moveTo(index, count: s.transfers.items.count)
        }
    }

    mutating func cycleFocus(forward: Bool) {
        var panes: [Pane] = [.users, .blobs, .logs]
        if s.hasTransfers { panes.append(.transfers) }
        let i = panes.firstIndex(of: s.focus) ?? 0
        s.focus = panes[(i + (forward ? 1 : panes.count - 1)) % panes.count]
    }

    mutating func open() {
        switch s.focus {
        case .users:
            guard let user = s.users.current else { return }
            selectUser(user.userId)
            s.focus = .blobs
        case .blobs:
            if let blob = s.blobs.current { s.overlay = .blobDetail(blob) }
        case .logs:
            guard let chunk = s.logs.current else { return }
            s.overlay = .logEntries(LogEntriesState(chunk: chunk))
            effects.append(.loadLogEntries(chunkId: chunk.id))
        case .transfers: break
        }
    }

    mutating func openPreview(of blob: Blob?) {
        guard let blob else { return }
        guard blob.status != .created else {
            // A `created` blob has no content yet: the server would answer 404, which reads like "deleted".
            s.message = StatusMessage("blob \(blob.id) has no content yet (status created): nothing to preview", kind: .info)
            return
        }
        s.overlay = .preview(PreviewState(blobId: blob.id, title: blob.id + "  " + blob.mediaType, totalSize: blob.size))
        effects.append(.loadPreview(.blob(blob.id), maxBytes: ContentSniffer.previewLimit, totalSize: blob.size, ascii: s.ascii))
    }

    mutating func openPreview(of chunk: DeviceLogsMetadata?) {
        guard let chunk else { return }
        s.overlay = .preview(PreviewState(blobId: chunk.id, title: "device logs " + chunk.id, totalSize: chunk.size))
        effects.append(.loadPreview(.deviceLogs(chunk.id), maxBytes: ContentSniffer.previewLimit, totalSize: chunk.size, ascii: s.ascii))
    }

    mutating func refresh() {
        switch s.focus {
        case .users:
            effects.append(.loadUsers)
            info("reloading users")
        case .blobs: reloadBlobs()
        case .logs: reloadLogs()
        case .transfers: break
        }
    }

    mutating func requestQuit() {
        let running = s.transfers.running.count
        if running > 0 {
            s.dialog = ConfirmDialog(
                title: "Quit?",
                lines: ["\(Formatters.count(running, "transfer")) still running.", "Quit and cancel them?"],
                confirmLabel: "Quit", cancelLabel: "Stay", destructive: true, action: .quit)
        } else {
            s.isFinished = true
        }
    }

    // MARK: Selecting a user and loading

    mutating func selectUser(_ userId: String) {
        s.users.selectedUserId = userId
        if let i = s.users.visible.firstIndex(where: { $0.userId == userId }) { s.users.cursor.index = i }
        reloadBlobs(resetFor: userId)
        reloadLogs(resetFor: userId)
    }

    /// Reloads the blobs of the selected user from page 0 (marks survive a reload of the same user).
    mutating func reloadBlobs(resetFor userId: String? = nil) {
        guard let user = userId ?? s.blobs.userId ?? s.users.selectedUserId else { return }
        let sameUser = s.blobs.userId == user
        s.blobs.userId = user
        s.blobs.generation += 1
        s.blobs.items = sameUser ? s.blobs.items : []
        if !sameUser {
            s.blobs.marks = []; s.blobs.rangeAnchor = nil; s.blobs.cursor = ListCursor(); s.blobs.textFilter = ""
        }
        s.blobs.loadedPages = 0
        s.blobs.hasMore = false
        s.blobs.loading = true
        s.blobs.error = nil
        effects.append(.loadBlobsPage(userId: user, generation: s.blobs.generation, query: s.blobs.query))
    }

    mutating func loadMoreIfNeeded() {
        let b = s.blobs
        guard let user = b.userId, b.hasMore, !b.loading,
              b.cursor.index >= b.visible.count - BlobsPaneState.prefetchDistance else { return }
        s.blobs.loading = true
        effects.append(.loadBlobsPage(userId: user, generation: b.generation, query: s.blobs.query))
    }

    mutating func reloadLogs(resetFor userId: String? = nil) {
        guard let user = userId ?? s.logs.userId ?? s.users.selectedUserId else { return }
        if s.logs.userId != user { s.logs.marks = []; s.logs.cursor = ListCursor(); s.logs.items = [] }
        s.logs.userId = user
        s.logs.generation += 1
        s.logs.loading = true
        s.logs.error = nil
        let range = s.logs.window.range(now: ctx.now)
        s.logs.requestedRange = range.start...max(range.start, range.end)
        effects.append(.loadLogs(userId: user, generation: s.logs.generation, start: range.start, end: range.end))
    }

    mutating func cycleSort() {
        let all = BlobColumn.allCases
        let next = all[(all.firstIndex(of: s.blobs.sort.column)! + 1) % all.count]
        // Times and sizes read best newest/largest first; text columns A→Z.
        s.blobs.sort = BlobSort(column: next, ascending: !(next == .created || next == .modified || next == .size))
        info("sorted by \(next.title) \(s.blobs.sort.ascending ? "ascending" : "descending")")
    }

    // MARK: Overlays

    mutating func overlayAction(_ action: Action) {
        guard let overlay = s.overlay else { return }
        let page = max(1, s.layout.overlay.height - 4)
        func scrolled(_ v: Int) -> Int {
            switch action {
            case .up: return max(0, v - 1)
            case .down: return v + 1
            case .pageUp: return max(0, v - page)
            case .pageDown: return v + page
            case .top: return 0
            case .bottom: return Int.max / 4
            default: return v
            }
        }
        switch action {
        case .back:
            s.overlay = nil
            return
        case .help:
            if case .help = overlay { s.overlay = nil } else { s.overlay = .help(scroll: 0) }
            return
        default: break
        }
        switch overlay {
        case .help(let scroll):
            let total = ctx.keymap.helpLines(readOnly: s.readOnly).count + 2
            s.overlay = .help(scroll: min(scrolled(scroll), max(0, total - (s.layout.overlay.height - 2))))
        case .preview(var p):
            let frame = s.layout.overlay
            let count = p.content.map { PreviewFolding.fold($0.lines, width: frame.width - 4, ascii: s.ascii).count } ?? 0
            p.scroll = min(scrolled(p.scroll), max(0, count - (frame.height - 2)))
            s.overlay = .preview(p)
        case .blobDetail(let blob):
            switch action {
            case .preview: openPreview(of: blob)
            case .download: requestDownload(detailBlob: blob)
            case .delete: requestDelete(only: blob)
            default: break
            }
        case .logEntries(var e):
            switch action {
            case .up: e.cursor.move(by: -1, count: e.visible.count)
            case .down: e.cursor.move(by: 1, count: e.visible.count)
            case .pageUp: e.cursor.move(by: -page, count: e.visible.count)
            case .pageDown: e.cursor.move(by: page, count: e.visible.count)
            case .top: e.cursor.moveTo(0, count: e.visible.count)
            case .bottom: e.cursor.moveTo(e.visible.count - 1, count: e.visible.count)
            case .open: e.showsEntry.toggle()
            case .typeFilter:
                e.cycleTypeFilter()
                info("entry type: \(e.typeFilter?.rawValue ?? "all")")
            case .filter:
                s.inputLine = InputLine(purpose: .filterLogEntries, prompt: "filter entries: ", text: e.textFilter)
            default: break
            }
            s.overlay = .logEntries(e)
        case .logChunkDetail, .errorDetails:
            break
        }
    }
}
