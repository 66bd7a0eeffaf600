import Foundation
import Synchronization

/// Runs transfers with bounded concurrency (default 3). `enqueue` returns the transfer's handle at once
/// (phase `queued`); sample handles or `overall` for progress, cancel single handles or everything.
public final class TransferQueue: Sendable {
    public let maxConcurrent: Int

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
        var handles: [TransferHandle] = []
        /// Jobs enqueued and not yet ended.
        var pending = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init(maxConcurrent: Int = 3) {
        self.maxConcurrent = max(1, maxConcurrent)
    }

    /// Queues `operation`, which must report into the handle it is given (the client's transfer calls do).
    /// A failure thrown by `operation` ends the handle as failed if it is not already finished.
    @discardableResult
    public func enqueue(label: String, kind: TransferHandle.Kind, bytesTotal: Int64? = nil,
                        operation: @escaping @Sendable (TransferHandle) async throws -> Void) -> TransferHandle {
        let handle = TransferHandle(label: label, kind: kind, bytesTotal: bytesTotal)
        state.withLock { s in
            s.handles.append(handle)
            s.pending += 1
        }
        Task { [self] in
            await acquire()
            defer { release() }
            if handle.isCancelled { handle.fail(APIError(.cancelled)); return }
            do {
                try await operation(handle)
                if !handle.snapshot.phase.isTerminal { handle.finish(bytes: handle.snapshot.bytesDone) }
            } catch let error as APIError {
                handle.fail(error)
            } catch {
                handle.fail(APIError(.localIO("\(error)")))
            }
        }
        return handle
    }

    /// Queues a blob upload.
    @discardableResult
    public func enqueueUpload(client: TidepoolClient, userId: String, file: URL, mediaType: String? = nil) -> TransferHandle {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value
        return enqueue(label: file.lastPathComponent, kind: .upload, bytesTotal: size) { handle in
            _ = try await client.uploadBlob(userId: userId, file: file, mediaType: mediaType, progress: handle)
        }
    }

    /// Queues a blob download.
    @discardableResult
    public func enqueueDownload(client: TidepoolClient, blobId: String, to destination: URL, overwrite: Bool,
                                bytesTotal: Int64? = nil) -> TransferHandle {
        enqueue(label: blobId, kind: .download, bytesTotal: bytesTotal) { handle in
            _ = try await client.downloadBlob(id: blobId, to: destination, overwrite: overwrite, progress: handle)
        }
    }

    /// Every handle enqueued so far, in order.
    public var handles: [TransferHandle] { state.withLock { $0.handles } }

    /// Forgets finished, failed and cancelled handles.
    public func removeCompleted() {
        state.withLock { $0.handles.removeAll { $0.snapshot.phase.isTerminal } }
    }

    public func cancelAll() {
        for h in handles { h.cancel() }
    }

    /// Overall progress by bytes over all handles.
    public var overall: QueueProgress {
        var q = QueueProgress()
        var totalKnown = true
        for h in handles {
            let p = h.snapshot
            switch p.phase {
            case .queued: q.queued += 1
            case .finished: q.finished += 1
            case .failed: q.failed += 1
            case .cancelled: q.cancelled += 1
            default: q.active += 1
            }
            guard p.phase != .failed, p.phase != .cancelled else { continue }
            q.bytesDone += p.bytesDone
            if let t = p.bytesTotal { q.bytesTotal += t } else { totalKnown = false }
            if p.phase.isActive { q.bytesPerSecond += p.bytesPerSecond }
        }
        if !totalKnown { q.bytesTotalKnown = false }
        return q
    }

    /// Waits until nothing is queued or running.
    public func waitUntilIdle() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { s -> Bool in
                if s.pending == 0 { return true }
                s.idleWaiters.append(c)
                return false
            }
            if idle { c.resume() }
        }
    }

    private func acquire() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let go = state.withLock { s -> Bool in
                if s.running < maxConcurrent { s.running += 1; return true }
                s.waiting.append(c)
                return false
            }
            if go { c.resume() }
        }
    }

    private func release() {
        let (next, idle): (CheckedContinuation<Void, Never>?, [CheckedContinuation<Void, Never>]) = state.withLock { s in
            s.pending -= 1
            if !s.waiting.isEmpty { return (s.waiting.removeFirst(), []) }   // the slot passes on
            s.running -= 1
            guard s.pending == 0 else { return (nil, []) }
            defer { s.idleWaiters = [] }
            return (nil, s.idleWaiters)
        }
        next?.resume()
        for w in idle { w.resume() }
    }
}

/// Sum over a queue's transfers (failed and cancelled ones excluded from the byte counts).
public struct QueueProgress: Sendable, Equatable {
    public var queued = 0
    public var active = 0
    public var finished = 0
    public var failed = 0
    public var cancelled = 0
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64 = 0
    /// False when some transfer's size is still unknown (then `fraction` is a lower bound's guess).
    public var bytesTotalKnown = true
    public var bytesPerSecond: Double = 0

    public init() {}

    public var fraction: Double? {
        guard bytesTotal > 0 else { return (queued + active) == 0 && finished > 0 ? 1 : nil }
        return min(1, Double(bytesDone) / Double(bytesTotal))
    }

    public var isIdle: Bool { queued == 0 && active == 0 }
}
