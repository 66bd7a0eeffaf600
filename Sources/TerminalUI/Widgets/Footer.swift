import SafeText

/// One footer hint: `key` (role `.footerKey`) and `label` (role `.footer`).
public struct FooterHint: Sendable, Hashable {
    public var key: String
    public var label: String
    public init(key: String, label: String) { self.key = key; self.label = label }
    public init(_ key: String, _ label: String) { self.init(key: key, label: label) }
}

/// The bottom hint line: ` q quit  / filter  ? help`. Hints are kept in order while they fit; the rest are dropped.
public struct Footer: Sendable {
    public var hints: [FooterHint]
    public init(hints: [FooterHint]) { self.hints = hints }

    /// How many hints (from the front) fit in `width` columns.
    public static func fittingCount(_ hints: [FooterHint], width: Int, ascii: Bool = false) -> Int {
        var used = 0
        for (i, h) in hints.enumerated() {
            let w = hintWidth(h, ascii: ascii) + (i > 0 ? 2 : 1)
            if used + w > width { return i }
            used += w
        }
        return hints.count
    }

    static func hintWidth(_ h: FooterHint, ascii: Bool) -> Int {
        SafeText.width(SafeText.line(h.key, ascii: ascii)) + 1 + SafeText.width(SafeText.line(h.label, ascii: ascii))
    }

    public func draw(into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let row = rect.row
        grid.fill(Rect(row: row, column: rect.column, height: 1, width: rect.width), role: .footer)
        let n = Footer.fittingCount(hints, width: rect.width, ascii: grid.ascii)
        var x = rect.column + 1
        for h in hints.prefix(n) {
            x += grid.put(h.key, row: row, column: x, maxWidth: rect.right - x, role: .footerKey) + 1
            x += grid.put(h.label, row: row, column: x, maxWidth: rect.right - x, role: .footer) + 2
        }
    }
}
