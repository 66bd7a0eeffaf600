import Synchronization

/// Keeps idle easy handles so sequential requests reuse their connections (keep-alive, TLS sessions).
final class CurlHandlePool: Sendable {
    private let idle = Mutex<[CurlEasy]>([])
    private let limit: Int

    init(limit: Int = 8) { self.limit = limit }

    func withHandle<T>(_ body: (CurlEasy) throws -> T) rethrows -> T {
        let handle = idle.withLock { $0.popLast() } ?? CurlEasy()
        defer { idle.withLock { if $0.count < limit { $0.append(handle) } } }
        return try body(handle)
    }
}
