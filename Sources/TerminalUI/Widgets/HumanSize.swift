/// Byte sizes for humans: `512 B`, `1.0 KiB`, `12.3 MiB`, `1.5 GiB` (binary units, one decimal).
public enum HumanSize {
    public static func format(_ bytes: Int64) -> String {
        if bytes < 0 { return "-" + format(bytes == Int64.min ? Int64.max : -bytes) }
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1023.95, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return oneDecimal(value) + " " + units[unit]
    }

    public static func format(_ bytes: Int) -> String { format(Int64(bytes)) }

    /// `12.3 MiB/s`.
    public static func rate(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond >= 0 else { return "-- B/s" }
        return format(Int64(min(bytesPerSecond, Double(Int64.max / 2)))) + "/s"
    }

    static func oneDecimal(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
