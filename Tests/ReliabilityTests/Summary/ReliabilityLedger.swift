import Foundation

/// Counters that the reliability suites add to while they run; `ReliabilitySummaryTrait` prints them once the
/// whole `Reliability` suite is done. Each suite still asserts its own invariants: the ledger only reports.
public enum ReliabilityCounter: String, CaseIterable, Sendable {
    // Fault matrix: one "injected" per (operation × fault × front end) case; "survived" when every check held.
    case faultsInjected, faultsSurvived
    // Hostile corpus: one "tried" per (input × sink); "escaped" when nothing unsafe reached the sink's output.
    case hostileTried, hostileEscaped
    // Decoder fuzzing: inputs fed to a decoder or error parser; traps would kill the runner, so a printed
    // summary means 0 — decoders that *returned* something impossible count as traps too.
    case fuzzCases, fuzzTraps
    // Secrets: output streams and files searched after a full session; token/password occurrences found.
    case secretPlacesSearched, secretsFound
    // Deletion safety: scenario checks run / checks that held.
    case deletionChecks, deletionHeld
    // Durability: kill -9 count, blobs the sandbox acknowledged before a kill, of those lost or corrupt after
    // restart, and half-written blobs listed after restart.
    case durabilityKills, blobsAcknowledged, blobsLost, halfBlobsListed
    // Load: requests sent, requests that failed, file handles the sandbox held beyond its idle count.
    case loadRequests, loadErrors, leakedFileHandles
}

public final class ReliabilityLedger: @unchecked Sendable {
    public static let shared = ReliabilityLedger()
    private let lock = NSLock()
    private var counts: [ReliabilityCounter: Int] = [:]

    public func add(_ counter: ReliabilityCounter, _ amount: Int = 1) {
        lock.lock(); defer { lock.unlock() }
        counts[counter, default: 0] += amount
    }

    /// Adds one to `tried` and, when `held`, one to `passed`.
    public func count(tried: ReliabilityCounter, passed: ReliabilityCounter, held: Bool) {
        add(tried)
        if held { add(passed) }
    }

    public subscript(_ counter: ReliabilityCounter) -> Int {
        lock.lock(); defer { lock.unlock() }
        return counts[counter, default: 0]
    }

    /// The table printed at the end of the run (and copied into README.md).
    public func summary() -> String {
        let s = self
        let rows: [(String, String)] = [
            ("faults injected / survived", "\(s[.faultsInjected]) / \(s[.faultsSurvived])"),
            ("hostile inputs tried / escaped", "\(s[.hostileTried]) / \(s[.hostileEscaped])"),
            ("fuzz cases run / traps", "\(s[.fuzzCases]) / \(s[.fuzzTraps])"),
            ("secret places searched / secrets found", "\(s[.secretPlacesSearched]) / \(s[.secretsFound])"),
            ("deletion-safety checks / held", "\(s[.deletionChecks]) / \(s[.deletionHeld])"),
            ("kill -9 / blobs acknowledged / lost / half listed",
             "\(s[.durabilityKills]) / \(s[.blobsAcknowledged]) / \(s[.blobsLost]) / \(s[.halfBlobsListed])"),
            ("load requests / errors / leaked file handles",
             "\(s[.loadRequests]) / \(s[.loadErrors]) / \(s[.leakedFileHandles])"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        var lines = ["reliability summary"]
        for (label, value) in rows {
            lines.append("  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
        return lines.joined(separator: "\n")
    }
}
