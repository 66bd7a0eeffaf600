import Dispatch
import Synchronization
@testable import TidepoolAPI

/// Holds one streaming upload still once libcurl has sent `threshold` bytes of its body, so a kill is known
/// to land mid-body. The upload engine calls the hook on its worker thread before each read of the body.
final class UploadPause: Sendable {
    let threshold: Int64
    private let reached = Mutex(false)
    private let gate = DispatchSemaphore(value: 0)

    init(threshold: Int64) { self.threshold = threshold }

    var hooks: TransferTestHooks {
        TransferTestHooks(beforeUploadRead: { [self] sent in
            guard sent >= threshold else { return }
            let first = reached.withLock { value -> Bool in
                defer { value = true }
                return !value
            }
            if first { gate.wait() }
        })
    }

    /// True while the upload is held at the threshold.
    var isHolding: Bool { reached.withLock { $0 } }

    /// Lets the held upload go on (into a dead socket, after the kill).
    func release() { gate.signal() }
}
