import Foundation
import Synchronization

/// Collects the sandbox's request log (`logSink`: `METHOD /path STATUS BYTESB MSms trace=…`), so a test can count
/// what really reached the server.
final class SandboxRequestRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }

    var all: [String] { lines.withLock { $0 } }

    /// Lines logged from now on are those after `mark`.
    var mark: Int { lines.withLock { $0.count } }

    func since(_ mark: Int) -> [String] { Array(all.dropFirst(mark)) }

    /// Requests that change data: POST/PUT/DELETE/PATCH outside `/auth/` and `/_sandbox/`.
    static func writes(_ lines: [String]) -> [String] {
        lines.filter { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count >= 2 else { return false }
            let method = parts[0], path = parts[1]
            return ["POST", "PUT", "DELETE", "PATCH"].contains(String(method))
                && !path.hasPrefix("/auth/") && !path.hasPrefix("/_sandbox/")
        }
    }

    static func deletes(_ lines: [String]) -> [String] { lines.filter { $0.hasPrefix("DELETE ") } }
}
