import Foundation
import TidepoolAPI

/// Applying results of loads.
extension Update {
    mutating func start() {
        let remembered = ctx.files.rememberedUserIds(environment: s.environmentName)
        s.rememberedUserIds = remembered
        s.users.merge(remembered.map { UserEntry(userId: $0, name: $0, kind: .typed, detail: "typed id") })
        s.users.loading = true
        effects.append(.loadAccount)
        effects.append(.loadUsers)
        info("signing in to \(s.environmentName)…")
    }

    mutating func accountLoaded(_ r: Result<AccountInfo, BrowserError>) {
        switch r {
        case .success(let account):
            s.account = account
            let kind = account.isService == true ? "service account" : (account.isService == false ? "user session" : "signed in")
            s.users.merge([UserEntry(userId: account.userId, name: account.displayName, kind: .me, permissions: ["root"],
                                     detail: kind)])
            s.users.loading = false
            if s.users.selectedUserId == nil { selectUser(account.userId) }
            info("signed in as \(account.displayName) (\(kind))")
        case .failure(let e):
            s.users.loading = false
            s.users.error = e
            fail(e, context: "sign-in")
        }
    }

    mutating func usersLoaded(_ r: Result<[UserEntry], BrowserError>, source: UserEntry.Kind) {
        switch r {
        case .success(let entries): s.users.merge(entries)
        case .failure(let e):
            // Not being a clinician is normal: a 403/404 from the clinics service is not an error to show.
            if source == .patient, e.status == 403 || e.status == 404 { return }
            s.lastError = e
            if s.users.error == nil { s.users.error = e }
        }
    }

    mutating func blobsPageLoaded(_ userId: String, _ generation: Int, _ page: Int, _ r: Result<[Blob], BrowserError>) {
        guard userId == s.blobs.userId, generation == s.blobs.generation else { return }   // stale
        s.blobs.loading = false
        switch r {
        case .success(let blobs):
            if page == 0 {
                let keepId = s.blobs.current?.id
                s.blobs.items = blobs
                if let keepId, let i = s.blobs.visible.firstIndex(where: { $0.id == keepId }) { s.blobs.cursor.index = i }
            } else {
                let known = Set(s.blobs.items.map(\.id))
                s.blobs.items += blobs.filter { !known.contains($0.id) }
            }
            s.blobs.loadedPages = page + 1
            s.blobs.hasMore = blobs.count >= BlobsPaneState.pageSize
            s.blobs.error = nil
            let present = Set(s.blobs.items.map(\.id))
            if page == 0, !s.blobs.hasMore { s.blobs.marks.formIntersection(present) }
            s.blobs.cursor.clamp(count: s.blobs.visible.count)
            // A filter may hide most of a page: keep loading while the cursor is near the end.
            if s.focus == .blobs { loadMoreIfNeeded() }
        case .failure(let e):
            if page == 0 { s.blobs.items = [] }
            s.blobs.error = e
            s.lastError = e
        }
    }

    mutating func logsLoaded(_ userId: String, _ generation: Int, _ r: Result<[DeviceLogsMetadata], BrowserError>) {
        guard userId == s.logs.userId, generation == s.logs.generation else { return }
        s.logs.loading = false
        switch r {
        case .success(let items):
            let keepId = s.logs.current?.id
            s.logs.items = items.sorted { $0.startAtTime > $1.startAtTime }
            s.logs.error = nil
            if let keepId, let i = s.logs.items.firstIndex(where: { $0.id == keepId }) { s.logs.cursor.index = i }
            s.logs.marks.formIntersection(Set(s.logs.items.map(\.id)))
            s.logs.cursor.clamp(count: s.logs.items.count)
        case .failure(let e):
            s.logs.items = []
            s.logs.error = e
            s.lastError = e
        }
    }

    mutating func logEntriesLoaded(_ chunkId: String, _ r: Result<[DeviceLogEntry], BrowserError>) {
        guard case .logEntries(var e) = s.overlay, e.chunk.id == chunkId else { return }
        e.loading = false
        switch r {
        case .success(let entries): e.entries = entries.sorted { $0.timestamp < $1.timestamp }
        case .failure(let err): e.error = err; s.lastError = err
        }
        s.overlay = .logEntries(e)
    }

    mutating func previewLoaded(_ blobId: String, _ r: Result<PreviewContent, BrowserError>) {
        guard case .preview(var p) = s.overlay, p.blobId == blobId else { return }
        p.loading = false
        switch r {
        case .success(let content): p.content = content
        case .failure(let e): p.error = e; s.lastError = e
        }
        s.overlay = .preview(p)
    }
}
