/// At most `limit` transfers move at once; the rest wait in order (a bulk download of 200 blobs must not open
/// 200 connections). Cancelling a waiting task removes it from the queue.
actor TransferSlots {
    private let limit: Int
    private var active = 0
    private var waiting: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextTicket = 0

    init(limit: Int) { self.limit = max(1, limit) }

    /// Runs `body` once a slot is free. Throws `CancellationError` when cancelled while waiting.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        if active < limit { active += 1; return }
        nextTicket += 1
        let ticket = nextTicket
        let granted = await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in waiting.append((ticket, c)) }
        } onCancel: {
            Task { await self.cancelWaiting(ticket) }
        }
        if !granted { throw CancellationError() }
    }

    private func release() {
        if waiting.isEmpty { active -= 1; return }
        waiting.removeFirst().continuation.resume(returning: true)   // the slot passes on
    }

    private func cancelWaiting(_ ticket: Int) {
        guard let i = waiting.firstIndex(where: { $0.id == ticket }) else { return }
        waiting.remove(at: i).continuation.resume(returning: false)
    }
}
