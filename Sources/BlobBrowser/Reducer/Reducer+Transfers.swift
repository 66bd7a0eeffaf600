import Foundation
import TidepoolAPI

/// Downloads and uploads.
extension Update {
    mutating func requestDownload(detailBlob: Blob?) {
        var sources: [DownloadSource] = []
        if let blob = detailBlob {
            sources = [.blob(id: blob.id, mediaType: blob.mediaType, size: blob.size)]
        } else if s.focus == .logs {
            let chunks = s.logs.marks.isEmpty ? (s.logs.current.map { [$0] } ?? []) : s.logs.items.filter { s.logs.marks.contains($0.id) }
            sources = chunks.map { .deviceLogs(id: $0.id, size: $0.size) }
        } else if s.focus == .blobs {
            let blobs = s.blobs.marks.isEmpty ? (s.blobs.current.map { [$0] } ?? []) : s.blobs.markedBlobs
            sources = blobs.filter { $0.status == .available }.map { .blob(id: $0.id, mediaType: $0.mediaType, size: $0.size) }
            if sources.isEmpty, !blobs.isEmpty { warn("nothing to download: blobs in status 'created' have no content"); return }
        }
        guard !sources.isEmpty else { return }
        let total = sources.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
        s.inputLine = InputLine(purpose: .downloadDirectory(sources),
                                prompt: "download \(Formatters.count(sources.count, "item")) (\(Formatters.size(total))) to: ",
                                text: s.downloadDirectory, hint: "Tab completes")
    }

    mutating func submitDownload(_ sources: [DownloadSource], directory text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let dirText = trimmed.isEmpty ? ctx.files.currentDirectory : trimmed
        let dir = PathCompletion.expandTilde(dirText, home: ctx.files.homeDirectory)
        if ctx.files.fileExists(dir), !ctx.files.isDirectory(dir) { warn("\(dir) is a file, not a directory"); return }
        s.downloadDirectory = dirText
        let base = URL(fileURLWithPath: dir, isDirectory: true)
        let requests = sources.map {
            DownloadRequest(source: $0, destination: base.appendingPathComponent($0.fileName), overwrite: false)
        }
        let existing = requests.filter { ctx.files.fileExists($0.destination.path) }
        if existing.isEmpty { startDownloads(requests); return }
        var lines = ["\(Formatters.count(existing.count, "file")) already \(existing.count == 1 ? "exists" : "exist") in \(dir):"]
        lines += existing.prefix(5).map { "  " + $0.destination.lastPathComponent }
        if existing.count > 5 { lines.append("  … and \(existing.count - 5) more") }
        lines.append("Overwrite?")
        s.dialog = ConfirmDialog(title: "Overwrite files", lines: lines, confirmLabel: "Overwrite", cancelLabel: "No",
                                 confirmKey: "y", destructive: true,
                                 action: .overwriteDownloads(requests.map { var r = $0; r.overwrite = true; return r }))
    }

    mutating func startDownloads(_ requests: [DownloadRequest]) {
        for request in requests {
            let id = s.transfers.nextId
            s.transfers.nextId += 1
            s.transfers.items.append(TransferItem(id: id, direction: .download, label: request.source.id,
                                                  target: request.destination.path, totalBytes: request.source.size,
                                                  startedAt: ctx.now))
            effects.append(.download(transferId: id, request))
        }
        if let first = requests.first {
            info("downloading \(Formatters.count(requests.count, "item")) to \(first.destination.deletingLastPathComponent().path)")
        }
    }

    mutating func requestUpload() {
        if s.readOnly { warn("read-only: upload is disabled (started with --read-only)"); return }
        guard let userId = s.users.selectedUserId else { warn("select a user first (Enter in the users pane)"); return }
        let cwd = ctx.files.currentDirectory
        s.inputLine = InputLine(purpose: .uploadPath(userId: userId), prompt: "upload file to \(userId): ",
                                text: cwd.hasSuffix("/") ? cwd : cwd + "/", hint: "Tab completes")
    }

    mutating func submitUpload(userId: String, path text: String) {
        let path = PathCompletion.expandTilde(text.trimmingCharacters(in: .whitespaces), home: ctx.files.homeDirectory)
        guard ctx.files.fileExists(path) else { warn("no such file: \(path)"); return }
        guard !ctx.files.isDirectory(path) else { warn("\(path) is a directory; pick a file"); return }
        let id = s.transfers.nextId
        s.transfers.nextId += 1
        let url = URL(fileURLWithPath: path)
        s.transfers.items.append(TransferItem(id: id, direction: .upload, label: url.lastPathComponent, target: userId,
                                              totalBytes: nil, startedAt: ctx.now))
        effects.append(.upload(transferId: id, UploadRequest(userId: userId, file: url, mediaType: FileNames.mediaTypeFor(path: path))))
        info("uploading \(url.lastPathComponent) to \(userId)")
    }

    mutating func transferProgress(_ samples: [Int: TransferSample]) {
        for (id, sample) in samples {
            let now = ctx.now
            s.transfers.update(id) { if $0.phase == .running { $0.apply(sample, at: now) } }
        }
    }

    mutating func transferFinished(_ id: Int, _ r: Result<Int64, BrowserError>) {
        guard let item = s.transfers.items.first(where: { $0.id == id }) else { return }
        switch r {
        case .success(let bytes):
            let now = ctx.now
            s.transfers.update(id) {
                $0.bytesDone = bytes
                if $0.totalBytes == nil { $0.totalBytes = bytes }
                $0.phase = .done
                $0.finishedAt = now
            }
            s.message = StatusMessage("downloaded \(item.label) (\(Formatters.size(bytes)))", kind: .success)
        case .failure(let e):
            finishFailed(id, e, what: "download of \(item.label)")
        }
    }

    mutating func uploadFinished(_ id: Int, _ userId: String, _ r: Result<Blob, BrowserError>) {
        switch r {
        case .success(let blob):
            let now = ctx.now
            s.transfers.update(id) {
                $0.bytesDone = blob.size ?? $0.bytesDone
                $0.totalBytes = blob.size ?? $0.totalBytes
                $0.phase = .done
                $0.finishedAt = now
            }
            s.message = StatusMessage("uploaded as blob \(blob.id) (\(Formatters.size(blob.size)))", kind: .success)
            if s.blobs.userId == userId, !s.blobs.items.contains(where: { $0.id == blob.id }) { s.blobs.items.insert(blob, at: 0) }
        case .failure(let e):
            finishFailed(id, e, what: "upload")
        }
    }

    private mutating func finishFailed(_ id: Int, _ e: BrowserError, what: String) {
        let now = ctx.now
        s.transfers.update(id) {
            $0.phase = e.isCancelled ? .cancelled : .failed(e.message)
            $0.finishedAt = now
        }
        if e.isCancelled { info("\(what) cancelled") } else { fail(e, context: what) }
    }

    mutating func cancelSelectedTransfer() {
        guard let t = s.transfers.current else { return }
        guard t.phase == .running else { info("transfer \(t.id) is not running"); return }
        effects.append(.cancelTransfer(transferId: t.id))
        info("cancelling \(t.label)…")
    }
}
