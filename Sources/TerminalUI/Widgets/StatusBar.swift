import SafeText

/// A text piece of the status bar with its role.
public struct StatusSegment: Sendable, Hashable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, role: StyleRole = .statusBar) { self.text = text; self.role = role }
}

/// The status line: left segments (cut with an ellipsis when they collide) and right segments (kept whole when
/// possible), on a `.statusBar` background.
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
        for seg in left {
            let room = leftLimit - x
            guard room > 0 else { break }
            x += grid.putFitted(seg.text, row: row, column: x, width: room, role: seg.role) + 1
        }
    }
}
