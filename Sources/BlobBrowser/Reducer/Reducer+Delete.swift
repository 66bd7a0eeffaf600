import TidepoolAPI

/// Delete: ask (default No, confirm key `y`), run in the background, continue past errors, summarise.
extension Update {
    mutating func requestDelete(only blob: Blob? = nil) {
        if s.readOnly { warn("read-only: delete is disabled (started with --read-only)"); return }
        if s.deleteBatch != nil { warn("a delete is already running"); return }
        guard let userId = s.blobs.userId else { return }
        let targets: [Blob]
        if let blob { targets = [blob] } else if !s.blobs.marks.isEmpty { targets = s.blobs.markedBlobs } else if let c = s.blobs.current {
            targets = [c]
        } else { return }
        guard !targets.isEmpty else { return }
        let total = targets.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
        let hidden = blob == nil && !s.blobs.marks.isEmpty ? s.blobs.hiddenMarkedCount : 0
        let userName = s.users.entries.first { $0.userId == userId }?.name ?? userId
        var lines = ["Delete \(Formatters.count(targets.count, "blob")) (\(Formatters.size(total))) of \(userName)?"]
        if userName != userId { lines.append("User id: \(userId)") }
        if hidden > 0 {
            lines.append("\(hidden) marked \(hidden == 1 ? "item is" : "items are") hidden by the filter.")
        }
        if targets.count == 1, let t = targets.first { lines.append("Blob \(t.id), revision \(t.revision)") }
        lines.append("This cannot be undone.")
        let items = targets.map { DeleteItem(id: $0.id, revision: $0.revision, size: $0.size, mediaType: $0.mediaType,
                                                digestMD5: $0.digestMD5) }
        s.dialog = ConfirmDialog(title: "Delete blobs", lines: lines, confirmLabel: "Delete", cancelLabel: "No",
                                 confirmKey: "y", destructive: true, action: .deleteBlobs(userId: userId, items: items))
    }

    mutating func startDelete(userId: String, items: [DeleteItem]) {
        s.deleteBatch = DeleteBatch(userId: userId, total: items.count)
        if case .blobDetail = s.overlay { s.overlay = nil }
        effects.append(.deleteBlobs(userId: userId, items: items))
        info("deleting \(Formatters.count(items.count, "blob"))…")
    }

    mutating func deleteFinished(_ id: String, _ r: Result<Void, BrowserError>) {
        s.deleteBatch?.done += 1
        switch r {
        case .success:
            s.deleteBatch?.succeeded += 1
            s.blobs.items.removeAll { $0.id == id }
            s.blobs.marks.remove(id)
        case .failure(let e):
            s.deleteBatch?.failures[id] = e
            if s.blobs.items.contains(where: { $0.id == id }) { s.blobs.marks.insert(id) }
        }
        s.blobs.cursor.clamp(count: s.blobs.visible.count)
    }

    mutating func deleteBatchFinished(_ userId: String) {
        guard let batch = s.deleteBatch else { return }
        s.deleteBatch = nil
        let failed = batch.failures.count
        if failed == 0 {
            s.message = StatusMessage("deleted \(batch.succeeded) of \(batch.total)", kind: .success)
        } else {
            let first = batch.failures.sorted { $0.key < $1.key }.first!
            s.lastError = first.value
            s.message = StatusMessage(
                "deleted \(batch.succeeded) of \(batch.total), \(failed) failed: \(first.value.message) (kept marked)",
                kind: .error)
        }
    }

    mutating func requestDeleteAll() {
        if s.readOnly { warn("read-only: delete-all is disabled (started with --read-only)"); return }
        guard let userId = s.users.selectedUserId else { warn("select a user first"); return }
        s.inputLine = InputLine(purpose: .deleteAllConfirm(userId: userId),
                                prompt: "delete ALL blobs of \(userId)? type the user id to confirm: ",
                                hint: "Esc cancels; device logs are not touched")
    }

    mutating func deleteAllFinished(_ userId: String, _ r: Result<Void, BrowserError>) {
        switch r {
        case .success:
            s.message = StatusMessage("deleted all blobs of \(userId)", kind: .success)
            if s.blobs.userId == userId { reloadBlobs() }
        case .failure(let e):
            fail(e, context: "delete-all")
        }
    }
}
