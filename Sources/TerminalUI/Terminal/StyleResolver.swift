/// A style reduced to what a terminal with `colors` colours can show: colour numbers (-1 = default) and attributes.
public struct TerminalStyle: Hashable, Sendable {
    public var fg: Int
    public var bg: Int
    public var bold, reverse, underline, dim: Bool

    /// Pure mapping from a theme style; `colors` 0 (or `noColor`) drops colours.
    public init(_ style: Style, colors: Int, noColor: Bool = false) {
        let useColor = colors >= 8 && !noColor
        fg = useColor ? (style.fg?.terminalColor(colors: colors) ?? -1) : -1
        bg = useColor ? (style.bg?.terminalColor(colors: colors) ?? -1) : -1
        bold = style.bold; reverse = style.reverse; underline = style.underline; dim = style.dim
    }
}

/// Assigns colour-pair numbers to (fg, bg) combinations on demand. Pure bookkeeping; the terminal calls
/// `init_pair` for each new pair it returns.
struct ColorPairTable {
    private(set) var pairs: [PairKey: Int16] = [:]
    let limit: Int

    struct PairKey: Hashable { var fg: Int; var bg: Int }

    init(limit: Int) { self.limit = max(1, min(limit, 32_767)) }

    /// The pair for (fg, bg) and whether it is new (needs `init_pair`). Pair 0 is the terminal default (-1, -1).
    /// When the table is full, pair 0 is returned.
    mutating func pair(fg: Int, bg: Int) -> (number: Int16, isNew: Bool) {
        if fg == -1 && bg == -1 { return (0, false) }
        let key = PairKey(fg: fg, bg: bg)
        if let n = pairs[key] { return (n, false) }
        let next = pairs.count + 1
        guard next < limit else { return (0, false) }
        pairs[key] = Int16(next)
        return (Int16(next), true)
    }

    mutating func reset() { pairs = [:] }
}
