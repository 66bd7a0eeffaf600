/// Options for `TerminalLoop`.
public struct TerminalOptions: Sendable, Equatable {
    /// Enable mouse reporting (click and wheel → `MouseEvent`). Off by default: it hinders terminal copy/paste.
    public var mouse: Bool
    /// Draw ASCII only (also forced when the locale is not UTF-8).
    public var forceASCII: Bool
    /// No colours at all (`NO_COLOR`); attributes stay (see `Theme.withoutColors`).
    public var noColor: Bool
    /// Below this size the loop shows `TooSmallNotice` instead of the application.
    public var minimumRows: Int
    public var minimumColumns: Int
    /// Seconds between ticks while `wantsTicks` (clamped to ≥ 0.1).
    public var tickInterval: Double
    /// Frames per second at most (redraws are coalesced).
    public var maxFramesPerSecond: Double

    public init(mouse: Bool = false, forceASCII: Bool = false, noColor: Bool = false, minimumRows: Int = 15,
                minimumColumns: Int = 60, tickInterval: Double = 0.1, maxFramesPerSecond: Double = 30) {
        self.mouse = mouse; self.forceASCII = forceASCII; self.noColor = noColor
        self.minimumRows = minimumRows; self.minimumColumns = minimumColumns
        self.tickInterval = max(0.1, tickInterval); self.maxFramesPerSecond = max(1, maxFramesPerSecond)
    }

    /// `noColor` from the environment: `NO_COLOR` set and non-empty.
    public static func noColorFromEnvironment(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }
}
