import Synchronization

/// Thread-safe queue of events posted by effects. Posting wakes the UI loop (`onPost`) and any awaiting test.
public final class EventInbox: Sendable {
    public struct Posted: Sendable {
        public var event: BrowserEvent
        /// True when applying this event ends one unit of busy work.
        public var completesWork: Bool
    }

    private struct Inner {
        var queue: [Posted] = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let inner = Mutex(Inner())
    private let onPost: @Sendable () -> Void

    public init(onPost: @escaping @Sendable () -> Void = {}) { self.onPost = onPost }

    public func post(_ event: BrowserEvent, completesWork: Bool) {
        let waiters = inner.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.queue.append(Posted(event: event, completesWork: completesWork))
            let w = s.waiters
            s.waiters = []
            return w
        }
        for w in waiters { w.resume() }
        onPost()
    }

    public func drain() -> [Posted] {
        inner.withLock { s in
            let q = s.queue
            s.queue = []
            return q
        }
    }

    public var isEmpty: Bool { inner.withLock { $0.queue.isEmpty } }

    /// Returns when at least one event is queued.
    public func waitForEvents() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let ready = inner.withLock { s -> Bool in
                if !s.queue.isEmpty { return true }
                s.waiters.append(c)
                return false
            }
            if ready { c.resume() }
        }
    }
}
