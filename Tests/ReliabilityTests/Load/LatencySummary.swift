/// Percentiles of request latencies in milliseconds (nearest-rank).
struct LatencySummary: Sendable {
    let sorted: [Double]

    init(_ milliseconds: [Double]) { sorted = milliseconds.sorted() }

    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    var maximum: Double { sorted.last ?? 0 }
}
