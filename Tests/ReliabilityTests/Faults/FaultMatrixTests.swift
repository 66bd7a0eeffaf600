import Foundation
import Testing
import TestSupport

extension Reliability {
    /// Issue 6's fault matrix: every applicable (operation × fault) pair through the CLI and the TUI must end in a
    /// typed error with a clear message and a trace id, exit status 1 / a visible error line, no crash, no partial
    /// file, no half-made blob and no journal entry claiming success. Excluded pairs: `FaultApplicability`.
    @Suite struct FaultMatrix {
        /// Cases in flight at once (each has its own sandbox; stalls and silent servers mostly wait).
        static let parallelism = 10

        @Test func everyFaultEndsInATypedErrorOnBothFrontEnds() async throws {
            Self.progress("fault matrix: starting listeners")
            let transport = try await TransportTargets.start()
            Self.progress("fault matrix: listeners up")
            defer { transport.stop() }
            let started = Date()
            var runs: [@Sendable () async -> FaultCaseOutcome] = []
            // Slow cases first, so they overlap with the quick ones.
            let slow: (InjectedFault) -> Bool = { fault in
                if case .route(.drip) = fault { return true }
                return fault == .neverAnswer
            }
            let cli = FaultApplicability.cases(tui: false).map { CLIFaultCase(op: $0.0, fault: $0.1, transport: transport) }
            let tui = FaultApplicability.cases(tui: true).map { TUIFaultCase(op: $0.0, fault: $0.1, transport: transport) }
            // TIDEBLOB_FAULT_FILTER=text runs only the cases whose name contains it (e.g. "tui", "cli download").
            let filter = ProcessInfo.processInfo.environment["TIDEBLOB_FAULT_FILTER"] ?? ""
            let wanted: (String) -> Bool = { filter.isEmpty || $0.contains(filter) }
            for c in cli where slow(c.fault) && wanted(c.name) { runs.append { await c.run() } }
            for c in tui where slow(c.fault) && wanted(c.name) { runs.append { await c.run() } }
            for c in cli where !slow(c.fault) && wanted(c.name) { runs.append { await c.run() } }
            for c in tui where !slow(c.fault) && wanted(c.name) { runs.append { await c.run() } }

            let outcomes = await Self.runAll(runs, parallelism: Self.parallelism)
            for outcome in outcomes {
                ReliabilityLedger.shared.count(tried: .faultsInjected, passed: .faultsSurvived, held: outcome.held)
                if !outcome.held {
                    let details = outcome.failures.joined(separator: "\n  ")
                    Issue.record("\(outcome.name) did not hold:\n  \(details)")
                }
            }
            #expect(outcomes.count == runs.count)
            let wall = Date().timeIntervalSince(started)
            let slowest = outcomes.max { $0.seconds < $1.seconds }
            let held = outcomes.filter(\.held).count
            let slowName = slowest?.name ?? "-"
            let slowSeconds = String(format: "%.1f", slowest?.seconds ?? 0)
            print("fault matrix: \(runs.count) of \(cli.count) CLI + \(tui.count) TUI cases, \(held) held, \(String(format: "%.1f", wall)) s wall; slowest \(slowName) \(slowSeconds) s")
        }

        /// With TIDEBLOB_FAULT_VERBOSE set: one line on stderr (unbuffered) per step.
        static func progress(_ line: String) {
            guard ProcessInfo.processInfo.environment["TIDEBLOB_FAULT_VERBOSE"] != nil else { return }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }

        /// Runs the closures with at most `parallelism` in flight; outcomes in completion order.
        static func runAll(_ runs: [@Sendable () async -> FaultCaseOutcome], parallelism: Int) async -> [FaultCaseOutcome] {
            await withTaskGroup(of: FaultCaseOutcome.self) { group in
                var pending = runs[...]
                var outcomes: [FaultCaseOutcome] = []
                for _ in 0..<min(parallelism, pending.count) {
                    let next = pending.removeFirst()
                    group.addTask { await next() }
                }
                for await outcome in group {
                    outcomes.append(outcome)
                    progress("fault case \(outcome.name): \(outcome.held ? "held" : "FAILED") in \(String(format: "%.1f", outcome.seconds)) s")
                    if let next = pending.popFirst() { group.addTask { await next() } }
                }
                return outcomes
            }
        }
    }
}
