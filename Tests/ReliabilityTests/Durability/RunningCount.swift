import Synchronization

/// How many concurrent workers are still running (each calls `finishOne` when it ends).
final class RunningCount: Sendable {
    private let left: Mutex<Int>

    init(_ count: Int) { left = Mutex(count) }

    func finishOne() { left.withLock { $0 -= 1 } }

    var anyLeft: Bool { left.withLock { $0 > 0 } }
}
