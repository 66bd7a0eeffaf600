/// Durations for humans: ETA `m:ss` under an hour, `h:mm:ss` from an hour; `--:--` when unknown.
public enum DurationFormat {
    public static func eta(_ seconds: Double?) -> String {
        guard let s = seconds, s.isFinite, s >= 0, s < 360_000_000 else { return "--:--" }
        return clock(Int(s.rounded(.up)))
    }

    public static func clock(_ totalSeconds: Int) -> String {
        let t = max(0, totalSeconds)
        let h = t / 3600, m = t / 60 % 60, s = t % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
