import Foundation

/// Monotonic nanoseconds (not wall time: never jumps).
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

/// Rate, ETA and stall bookkeeping for one phase of a transfer.
///
/// The rate is an exponentially weighted moving average of the instantaneous rate, sampled at most every
/// `sampleInterval`, with a time constant `tau` (so irregular callback timing does not skew it).
struct ProgressMeter: Sendable {
    var tau: Double = 2.0
    var sampleInterval: UInt64 = 100_000_000   // 100 ms

    private(set) var rate: Double = 0
    private var hasRate = false
    private var sampleTime: UInt64
    private var sampleBytes: Int64
    private(set) var lastByteTime: UInt64
    private(set) var bytes: Int64

    init(now: UInt64 = MonotonicClock.nanoseconds(), bytes: Int64 = 0) {
        sampleTime = now; sampleBytes = bytes; lastByteTime = now; self.bytes = bytes
    }

    /// Records the cumulative byte count `total` at `now`.
    mutating func record(_ total: Int64, now: UInt64 = MonotonicClock.nanoseconds()) {
        if total > bytes { bytes = total; lastByteTime = now }
        guard now >= sampleTime &+ sampleInterval else { return }
        let dt = Double(now - sampleTime) / 1e9
        let instant = Double(bytes - sampleBytes) / dt
        if hasRate {
            let alpha = 1 - exp(-dt / tau)
            rate += alpha * (instant - rate)
        } else {
            rate = instant
            hasRate = true
        }
        sampleTime = now
        sampleBytes = bytes
    }

    /// Rate as seen at `now`: decays towards 0 when no callback came for a while.
    func rate(at now: UInt64) -> Double {
        let idle = now > sampleTime ? Double(now - sampleTime) / 1e9 : 0
        guard idle > 1 else { return max(0, rate) }
        return max(0, rate * exp(-(idle - 1) / tau))
    }

    func secondsSinceLastByte(at now: UInt64) -> TimeInterval {
        now > lastByteTime ? Double(now - lastByteTime) / 1e9 : 0
    }

    /// Seconds left for `total` bytes at the current rate.
    func eta(total: Int64?, at now: UInt64) -> TimeInterval? {
        guard let total else { return nil }
        let left = total - bytes
        if left <= 0 { return 0 }
        let r = rate(at: now)
        guard r > 1 else { return nil }
        return Double(left) / r
    }
}
