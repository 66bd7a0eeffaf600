import Foundation

/// Small display formatters shared by the view-models and the screens.
public enum Formatters {
    /// Human size in binary units: "0 B", "999 B", "1.0 KiB", "12.3 MiB", "1.2 GiB".
    public static func size(_ bytes: Int64?) -> String {
        guard let bytes else { return "—" }
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return value >= 100 ? String(format: "%.0f %@", value, units[unit]) : String(format: "%.1f %@", value, units[unit])
    }

    /// Rate: "1.2 MiB/s".
    public static func rate(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond > 0 else { return "—/s" }
        return size(Int64(bytesPerSecond)) + "/s"
    }

    /// Duration for ETAs and stalls: "42s", "3m05s", "1h02m".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return String(format: "%dm%02ds", s / 60, s % 60) }
        return String(format: "%dh%02dm", s / 3600, (s % 3600) / 60)
    }

    /// Table time, UTC: "2024-06-03 13:00:05".
    public static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return timeFormatter.format(date)
    }

    /// Full time for detail views: RFC 3339 with milliseconds.
    public static func fullTime(_ date: Date?) -> String {
        guard let date else { return "—" }
        return date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Short day: "2024-06-03".
    public static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    private static let timeFormatter = Date.VerbatimFormatStyle(
        format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)",
        timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian))

    /// Plural helper: "1 blob", "3 blobs".
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }
}
