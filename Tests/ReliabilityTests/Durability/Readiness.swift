import Foundation

/// Waiting for a condition that another process or thread makes true (a file appears, a counter is reached, a
/// socket closes): re-checks it every few milliseconds until it holds or the deadline passes. Never a blind sleep.
enum Readiness {
    /// True once `condition` held; false when `seconds` passed first.
    static func wait(seconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            if condition() { return true }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
