import Testing

/// Applied to the `Reliability` suite: after every test nested in it has run, prints the ledger's summary.
struct ReliabilitySummaryTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(for test: Test, testCase: Test.Case?,
                      performing function: @Sendable () async throws -> Void) async throws {
        defer {
            if testCase == nil {
                print(ReliabilityLedger.shared.summary())
            }
        }
        try await function()
    }
}

extension Trait where Self == ReliabilitySummaryTrait {
    /// Prints the reliability figures once the suite finishes.
    static var reliabilitySummary: Self { ReliabilitySummaryTrait() }
}
