import Foundation

/// Times given on the command line: RFC 3339 (`2024-06-03T12:00:00Z`, `…+02:00`) or a duration before now:
/// `90s`, `30m`, `6h`, `2d`, `1w` (also combined: `1d12h`).
public enum RelativeTime {
    public static func parse(_ text: String, now: Date = Date()) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let date = TidepoolTime.parse(t) { return date }
        if let seconds = duration(t) { return now.addingTimeInterval(-seconds) }
        throw APIError(.invalidArgument(
            "\"\(t.prefix(64))\" is not a time: use RFC 3339 (2024-06-03T12:00:00Z) or a duration ago (30m, 6h, 2d, 1w)"))
    }

    /// `1d12h` → 129600 seconds; nil when not a duration.
    public static func duration(_ text: String) -> TimeInterval? {
        var total: TimeInterval = 0
        var number = ""
        var sawUnit = false
        for ch in text.lowercased() {
            if ch.isASCII, ch.isNumber { number.append(ch); continue }
            guard !number.isEmpty, number.count <= 9, let n = Double(number) else { return nil }
            switch ch {
            case "s": total += n
            case "m": total += n * 60
            case "h": total += n * 3600
            case "d": total += n * 86_400
            case "w": total += n * 604_800
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { return nil }
        return total
    }
}
