import Synchronization

/// A thread-safe "stop now" flag checked by transfer callbacks (libcurl aborts within one callback round).
public final class CancelFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .releasing) }
    public var isCancelled: Bool { flag.load(ordering: .acquiring) }
}
