import Testing

extension Reliability {
    @Suite struct LedgerFormat {
        @Test func summaryNamesEveryFigure() {
            let ledger = ReliabilityLedger()
            ledger.count(tried: .faultsInjected, passed: .faultsSurvived, held: true)
            ledger.count(tried: .faultsInjected, passed: .faultsSurvived, held: false)
            let text = ledger.summary()
            #expect(text.contains("faults injected / survived"))
            #expect(text.contains("2 / 1"))
            #expect(text.contains("fuzz cases run / traps"))
            #expect(text.contains("kill -9 / blobs acknowledged / lost / half listed"))
        }
    }
}
