import Foundation
import TidepoolAPI

/// The time window of the device-logs pane, sent as `startAtTime`/`endAtTime`.
public enum LogWindow: Sendable, Hashable {
    case today
    case days(Int)
    case hours(Int)
    case custom(start: Date, end: Date)

    public var label: String {
        switch self {
        case .today: return "today"
        case .days(let n): return "\(n) days"
        case .hours(let n): return "\(n) hours"
        case .custom(let s, let e): return Formatters.time(s) + " – " + Formatters.time(e)
        }
    }

    /// The window as absolute times at `now` (today = since 00:00 UTC).
    public func range(now: Date, calendar: Calendar = LogWindow.utcCalendar) -> (start: Date, end: Date) {
        switch self {
        case .today: return (calendar.startOfDay(for: now), now)
        case .days(let n): return (now.addingTimeInterval(-Double(n) * 86_400), now)
        case .hours(let n): return (now.addingTimeInterval(-Double(n) * 3_600), now)
        case .custom(let s, let e): return (s, e)
        }
    }

    /// Cycles the presets: today → 2 days → 7 days → today (custom → today).
    public var next: LogWindow {
        switch self {
        case .today: return .days(2)
        case .days(2): return .days(7)
        default: return .today
        }
    }

    /// Parses "today", "2d", "12h", "7 days", or "START..END" (RFC 3339 or YYYY-MM-DD, UTC).
    public static func parse(_ text: String) -> LogWindow? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "today" { return .today }
        if let range = t.range(of: "..") {
            guard let s = parseTime(String(t[..<range.lowerBound])), var e = parseTime(String(t[range.upperBound...])) else { return nil }
            if !t[range.upperBound...].contains("t") { e = e.addingTimeInterval(86_400) }   // a whole end day
            return e > s ? .custom(start: s, end: e) : nil
        }
        let digits = t.prefix { $0.isNumber }
        guard let n = Int(digits), n > 0 else { return nil }
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "d", "day", "days": return .days(n)
        case "h", "hour", "hours": return .hours(n)
        case "w", "week", "weeks": return .days(7 * n)
        default: return nil
        }
    }

    static func parseTime(_ s: String) -> Date? {
        let trimmed = s.trimmingCharacters(in: .whitespaces).uppercased()
        if let d = TidepoolTime.parse(trimmed) { return d }
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return utcCalendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    public static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()
}

/// The device-logs pane of the selected user.
public struct LogsPaneState: Sendable, Hashable {
    public var userId: String?
    public var generation = 0
    public var window: LogWindow = .days(7)
    /// The absolute range last requested.
    public var requestedRange: ClosedRange<Date>?
    public var items: [DeviceLogsMetadata] = []
    public var loading = false
    public var error: BrowserError?
    public var marks: Set<String> = []
    public var cursor = ListCursor()
    public init() {}

    public var current: DeviceLogsMetadata? { items.indices.contains(cursor.index) ? items[cursor.index] : nil }
}

/// A device-logs chunk opened as a table of entries.
public struct LogEntriesState: Sendable, Hashable {
    public var chunk: DeviceLogsMetadata
    public var entries: [DeviceLogEntry] = [] { didSet { refreshVisible() } }
    public var loading = true
    public var error: BrowserError?
    public var typeFilter: DeviceLogType? { didSet { if typeFilter != oldValue { refreshVisible() } } }
    public var textFilter = "" { didSet { if textFilter != oldValue { refreshVisible() } } }
    public var cursor = ListCursor()
    /// Shows the whole entry under the cursor (long messages) below the table.
    public var showsEntry = false
    public init(chunk: DeviceLogsMetadata) { self.chunk = chunk }

    public var current: DeviceLogEntry? {
        let v = visible
        return v.indices.contains(cursor.index) ? v[cursor.index] : nil
    }

    /// Entries matching the type and text filters. Cached: recomputed when `entries`, `typeFilter` or `textFilter`
    /// change.
    public private(set) var visible: [DeviceLogEntry] = []

    private mutating func refreshVisible() {
        let f = textFilter.lowercased()
        let type = typeFilter
        visible = entries.filter { e in
            (type == nil || e.type == type!)
                && (f.isEmpty || e.message.lowercased().contains(f) || e.deviceIdentifier.lowercased().contains(f)
                    || e.managerIdentifier.lowercased().contains(f) || e.type.rawValue.lowercased().contains(f))
        }
    }

    /// Cycles the type filter through all, then each type present (known types first).
    public mutating func cycleTypeFilter() {
        var types = DeviceLogType.known.filter { t in entries.contains { $0.type == t } }
        for e in entries where !types.contains(e.type) { types.append(e.type) }
        guard !types.isEmpty else { typeFilter = nil; return }
        if let current = typeFilter, let i = types.firstIndex(of: current) {
            typeFilter = i + 1 < types.count ? types[i + 1] : nil
        } else { typeFilter = types[0] }
        cursor = ListCursor()
    }
}
