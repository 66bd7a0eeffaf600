import Foundation
import Synchronization

/// A live transfer: its latest progress (thread-safe, cheap to read) and a way to stop it.
///
/// Create one and pass it to `uploadBlob`/`downloadBlob`/… (or get one from `TransferQueue.enqueue`), then
/// sample `snapshot` from any thread. One handle describes one transfer; do not reuse it for a second one.
public final class TransferHandle: Sendable, Identifiable {
    public enum Kind: String, Sendable, Equatable {
        case upload, download
    }

    public let id = UUID()
    public let label: String
    public let kind: Kind
    let cancelFlag = CancelFlag()

    private struct State {
        var progress: TransferProgress
        var meter = ProgressMeter()
        var failure: APIError?
        var waiters: [CheckedContinuation<TransferProgress, Never>] = []
    }

    private let state: Mutex<State>

    public init(label: String, kind: Kind, bytesTotal: Int64? = nil) {
        self.label = label
        self.kind = kind
        state = Mutex(State(progress: TransferProgress(phase: .queued, bytesTotal: bytesTotal)))
    }

    /// The latest progress. Rate, ETA and time since the last byte are evaluated now.
    public var snapshot: TransferProgress {
        let now = MonotonicClock.nanoseconds()
        return state.withLock { s in
            var p = s.progress
            if p.phase.isActive {
                p.bytesPerSecond = s.meter.rate(at: now)
                p.secondsSinceLastByte = s.meter.secondsSinceLastByte(at: now)
                p.eta = p.phase == .hashing ? nil : s.meter.eta(total: p.bytesTotal, at: now)
            }
            return p
        }
    }

    /// Stops the transfer within about a second: no partial file is left, an interrupted upload leaves no blob.
    /// A transfer still waiting in a queue is marked cancelled at once.
    public func cancel() {
        cancelFlag.cancel()
        let waiters: [CheckedContinuation<TransferProgress, Never>] = state.withLock { s in
            guard s.progress.phase == .queued else { return [] }
            s.progress.phase = .cancelled
            defer { s.waiters = [] }
            return s.waiters
        }
        let final = snapshot
        for w in waiters { w.resume(returning: final) }
    }

    public var isCancelled: Bool { cancelFlag.isCancelled }

    /// The error of a failed (or cancelled) transfer.
    public var error: APIError? { state.withLock { $0.failure } }

    /// Waits until the transfer finished, failed or was cancelled, and returns the final snapshot.
    public func waitUntilDone() async -> TransferProgress {
        await withCheckedContinuation { (c: CheckedContinuation<TransferProgress, Never>) in
            let done: TransferProgress? = state.withLock { s in
                if s.progress.phase.isTerminal { return s.progress }
                s.waiters.append(c)
                return nil
            }
            if let done { c.resume(returning: done) }
        }
    }

    // MARK: Updates from the engines

    /// Enters `phase`; the rate meter restarts. `bytesDone` keeps its value (it never decreases).
    func begin(_ phase: TransferProgress.Phase, total: Int64? = nil) {
        state.withLock { s in
            guard !s.progress.phase.isTerminal else { return }
            s.progress.phase = phase
            if let total { s.progress.bytesTotal = total }
            let base = phase == .hashing ? s.progress.hashedBytes : s.progress.bytesDone
            s.meter = ProgressMeter(bytes: base)
        }
    }

    /// Payload bytes moved so far (values lower than the current count are ignored).
    func record(bytesDone: Int64, total: Int64? = nil) {
        state.withLock { s in
            if let total, total > 0, s.progress.bytesTotal == nil { s.progress.bytesTotal = total }
            if bytesDone > s.progress.bytesDone { s.progress.bytesDone = bytesDone }
            s.meter.record(s.progress.bytesDone)
        }
    }

    func record(hashed: Int64) {
        state.withLock { s in
            if hashed > s.progress.hashedBytes { s.progress.hashedBytes = hashed }
            s.meter.record(s.progress.hashedBytes)
        }
    }

    func finish(bytes: Int64) {
        complete { p in
            p.phase = .finished
            p.bytesDone = max(p.bytesDone, bytes)
            p.bytesTotal = p.bytesDone
        }
    }

    func fail(_ error: APIError) {
        state.withLock { $0.failure = error }
        complete { p in
            p.phase = error.kind == .cancelled ? .cancelled : .failed
            p.message = error.kind == .cancelled ? nil : error.description
        }
    }

    private func complete(_ change: (inout TransferProgress) -> Void) {
        let now = MonotonicClock.nanoseconds()
        let (waiters, final): ([CheckedContinuation<TransferProgress, Never>], TransferProgress) = state.withLock { s in
            if !s.progress.phase.isTerminal {
                s.progress.secondsSinceLastByte = s.meter.secondsSinceLastByte(at: now)
                change(&s.progress)
                s.progress.bytesPerSecond = 0
                s.progress.eta = nil
            }
            defer { s.waiters = [] }
            return (s.waiters, s.progress)
        }
        for w in waiters { w.resume(returning: final) }
    }
}
