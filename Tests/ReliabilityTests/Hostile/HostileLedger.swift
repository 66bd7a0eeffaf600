import Testing

/// Counts (input × sink) checks in the reliability ledger and fails the test for every one that did not hold.
enum HostileLedger {
    /// One executed and checked (input × sink): `tried`, and `escaped` only when `problems` is empty; otherwise an
    /// issue naming the input and the sink.
    static func record(_ input: HostileInput, sink: String, problems: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) {
        ReliabilityLedger.shared.count(tried: .hostileTried, passed: .hostileEscaped, held: problems.isEmpty)
        if !problems.isEmpty {
            Issue.record("hostile input \(input) → \(sink): \(problems.prefix(6).joined(separator: "; "))",
                         sourceLocation: sourceLocation)
        }
    }
}
