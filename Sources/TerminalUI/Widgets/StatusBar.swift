import SafeText

/// A text piece of the status bar with its role.
public struct StatusSegment: Sendable, Hashable {
    public var text: String
    public var role: StyleRole
    /// Kept whole on the left: earlier left segments are cut shorter to leave room for it (a trace id).
    public var keep: Bool
    public init(_ text: String, role: StyleRole = .statusBar, keep: Bool = false) {
        self.text = text; self.role = role; self.keep = keep
    }
}

/// The status line: left segments (cut with an ellipsis when they collide, except that room is reserved for later
/// `keep` segments) and right segments (kept whole when possible), on a `.statusBar` background.
public struct StatusBar: Sendable {
    public var left: [StatusSegment]
    public var right: [StatusSegment]
    public init(left: [StatusSegment], right: [StatusSegment] = []) { self.left = left; self.right = right }

    public func draw(into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let row = rect.row
        grid.fill(Rect(row: row, column: rect.column, height: 1, width: rect.width), role: .statusBar)
        let rightText = right.map { SafeText.line($0.text, ascii: grid.ascii) }
        let rightWidth = min(rect.width / 2, rightText.reduce(0) { $0 + SafeText.width($1) + 1 })
        var x = rect.right - rightWidth
        for (i, seg) in right.enumerated() {
            let w = min(SafeText.width(rightText[i]), rect.right - 1 - x)
            guard w > 0 else { break }
            grid.putFitted(rightText[i], row: row, column: x, width: w, role: seg.role)
            x += w + 1
        }
        x = rect.column + 1
        let leftLimit = rect.right - rightWidth - 1
        let ascii = grid.ascii
        let keptWidths = left.map { $0.keep ? SafeText.width(SafeText.line($0.text, ascii: ascii)) + 1 : 0 }
        for (i, seg) in left.enumerated() {
            let reserved = seg.keep ? 0 : keptWidths[(i + 1)...].reduce(0, +)
            let room = leftLimit - x - reserved
            guard room > 0 else { continue }
            x += grid.putFitted(seg.text, row: row, column: x, width: room, role: seg.role) + 1
        }
    }
}
