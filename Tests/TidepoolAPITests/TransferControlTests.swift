import Foundation
import Sandbox
import Synchronization
import TestSupport
import Testing
@testable import TidepoolAPI

/// Cancel, file changes, overwrite rules, directory destinations, the queue.
@Suite("Transfer control")
struct TransferControlTests {
    @Test("cancel mid-upload: .cancelled and no blob left")
    func cancelUpload() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("up.bin")
            try TestFiles.write(source, size: 20 << 20, seed: 8)
            let handle = TransferHandle(label: "up.bin", kind: .upload)
            let hooks = TransferTestHooks(beforeUploadRead: { sent in if sent >= 4 << 20 { handle.cancel() } })
            let e = await TransferTestHooks.$current.withValue(hooks) {
                await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                               mediaType: nil, progress: handle) }
            }
            #expect(e?.kind == .cancelled)
            #expect(handle.snapshot.phase == .cancelled)
            #expect(handle.snapshot.bytesDone < 20 << 20)
            #expect(try await fx.blobs().isEmpty)
        }
    }

    @Test("task cancellation mid-download: .cancelled and no temporary file")
    func cancelDownloadTask() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("src.bin")
            try TestFiles.write(source, size: 30 << 20, seed: 9)
            let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source, mediaType: nil, progress: nil)
            try FileManager.default.removeItem(at: source)
            let target = fx.directory.appendingPathComponent("out", isDirectory: true)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let handle = TransferHandle(label: blob.id, kind: .download)
            let started = Mutex<Task<DownloadResult, Error>?>(nil)
            // Cancel the task from inside the transfer once 2 MiB are written (no timing guesses).
            let hooks = TransferTestHooks(downloadWriteFault: { offset in
                if offset >= 2 << 20 { started.withLock { $0 }?.cancel() }
                return nil
            })
            let task = TransferTestHooks.$current.withValue(hooks) {
                Task { try await fx.client.downloadBlob(id: blob.id, to: target, overwrite: false, progress: handle) }
            }
            started.withLock { $0 = task }
            let e = await apiError { try await task.value }
            #expect(e?.kind == .cancelled)
            #expect(handle.snapshot.phase == .cancelled)
            #expect(try fx.listing(target).isEmpty)
        }
    }

    @Test("a file changed between hashing and sending is not sent")
    func changedAfterHashing() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("grow.bin")
            try TestFiles.write(source, size: 1 << 20, seed: 1)
            let grow = TransferTestHooks(afterHashing: { url in
                let h = try! FileHandle(forWritingTo: url)
                _ = try! h.seekToEnd()
                try! h.write(contentsOf: Data("more".utf8))
                try! h.close()
            })
            let before = fx.requestLog.count
            let e = await TransferTestHooks.$current.withValue(grow) {
                await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                               mediaType: nil, progress: nil) }
            }
            #expect(e?.kind.isFileChanged == true)
            #expect(fx.requestLog.count == before)

            // Same size, new modification time.
            try TestFiles.write(source, size: 1 << 20, seed: 1)
            let touch = TransferTestHooks(afterHashing: { url in
                try! FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)],
                                                       ofItemAtPath: url.path)
            })
            let t = await TransferTestHooks.$current.withValue(touch) {
                await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                               mediaType: nil, progress: nil) }
            }
            #expect(t?.kind.isFileChanged == true)
            #expect(try await fx.blobs().isEmpty)
        }
    }

    @Test("a file cut short while sending stops the upload (short read) and leaves no blob")
    func shrinksWhileSending() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("shrink.bin")
            try TestFiles.write(source, size: 8 << 20, seed: 2)
            let hooks = TransferTestHooks(beforeUploadRead: { sent in
                if sent >= 2 << 20, sent < 3 << 20 { truncate(source.path, 3 << 20) }
            })
            let e = await TransferTestHooks.$current.withValue(hooks) {
                await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                               mediaType: nil, progress: nil) }
            }
            #expect(e?.kind.isFileChanged == true, "\(String(describing: e))")
            #expect(try await fx.blobs().isEmpty)
        }
    }

    @Test("an existing target is never replaced without overwrite; a directory gets <id>.<ext>")
    func overwriteAndDirectory() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("data.json")
            try Data(#"{"a":1}"#.utf8).write(to: source)
            let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source, mediaType: nil, progress: nil)
            #expect(blob.mediaType == "application/json")

            let existing = fx.file("existing.txt")
            try Data("keep".utf8).write(to: existing)
            let before = fx.requestLog.count
            let refused = await apiError { try await fx.client.downloadBlob(id: blob.id, to: existing, overwrite: false, progress: nil) }
            #expect(refused?.kind.isLocalIO == true)
            #expect(refused?.description.contains("already exists") == true)
            #expect(fx.requestLog.count == before)   // refused before any request
            #expect(try Data(contentsOf: existing) == Data("keep".utf8))

            let replaced = try await fx.client.downloadBlob(id: blob.id, to: existing, overwrite: true, progress: nil)
            #expect(replaced.path == existing)
            #expect(try Data(contentsOf: existing) == Data(#"{"a":1}"#.utf8))

            let dir = fx.directory.appendingPathComponent("into", isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let first = try await fx.client.downloadBlob(id: blob.id, to: dir, overwrite: false, progress: nil)
            #expect(first.path == dir.appendingPathComponent("\(blob.id).json"))
            let again = await apiError { try await fx.client.downloadBlob(id: blob.id, to: dir, overwrite: false, progress: nil) }
            #expect(again?.kind.isLocalIO == true)
            #expect(try fx.listing(dir) == ["\(blob.id).json"])
            _ = try await fx.client.downloadBlob(id: blob.id, to: dir, overwrite: true, progress: nil)
            #expect(try fx.listing(dir) == ["\(blob.id).json"])

            let nowhere = fx.directory.appendingPathComponent("no/such/dir/file.json")
            let missingDir = await apiError { try await fx.client.downloadBlob(id: blob.id, to: nowhere, overwrite: false, progress: nil) }
            #expect(missingDir?.kind.isLocalIO == true)
        }
    }

    @Test("the queue runs at most N at once and sums progress by bytes")
    func queue() async throws {
        try await TransferFixture.with { fx in
            var files: [URL] = []
            for i in 0..<5 {
                let f = fx.file("q\(i).bin")
                try TestFiles.write(f, size: (i + 1) * 300_000, seed: UInt64(i))
                files.append(f)
            }
            let queue = TransferQueue(maxConcurrent: 2)
            let peak = Mutex((now: 0, max: 0))
            var handles: [TransferHandle] = []
            for f in files {
                handles.append(queue.enqueue(label: f.lastPathComponent, kind: .upload, bytesTotal: TestFiles.size(f)) { handle in
                    peak.withLock { $0.now += 1; $0.max = max($0.max, $0.now) }
                    defer { peak.withLock { $0.now -= 1 } }
                    _ = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: f, mediaType: nil, progress: handle)
                })
            }
            let cancelled = queue.enqueueUpload(client: fx.client, userId: TransferFixture.patientId, file: files[0])
            cancelled.cancel()
            #expect(cancelled.snapshot.phase == .cancelled)
            await queue.waitUntilIdle()
            #expect(peak.withLock { $0.max } <= 2)
            for h in handles { #expect(h.snapshot.phase == .finished) }
            let overall = queue.overall
            #expect(overall.finished == 5)
            #expect(overall.cancelled == 1)
            #expect(overall.isIdle)
            #expect(overall.bytesDone == overall.bytesTotal)
            let expectedBytes: Int64 = 15 * 300_000
            #expect(overall.bytesDone == expectedBytes)
            #expect(overall.fraction == 1)
            #expect(try await fx.blobs().count == 5)
            let done = await handles[0].waitUntilDone()
            #expect(done.phase == .finished)
        }
    }
}
