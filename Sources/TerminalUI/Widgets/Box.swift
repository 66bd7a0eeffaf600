import SafeText

/// Characters for frames: Unicode box drawing, or ASCII for non-UTF-8 locales.
public struct BoxChars: Sendable, Equatable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String

    public static let unicode = BoxChars(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                                         horizontal: "─", vertical: "│")
    public static let ascii = BoxChars(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                                       horizontal: "-", vertical: "|")

    public static func `for`(_ grid: CellGrid) -> BoxChars { grid.ascii ? .ascii : .unicode }
}

/// A pane frame with a title (top-left), an optional label on the top right and bottom right (e.g. "k/N"), and
/// focus (border role `.borderFocused`, title role `.title`).
public struct Box: Sendable {
    public var title: String?
    public var topRightLabel: String?
    public var bottomRightLabel: String?
    public var focused: Bool
    /// Role used to clear the inside (nil = leave the inside alone).
    public var fillRole: StyleRole?

    public init(title: String? = nil, topRightLabel: String? = nil, bottomRightLabel: String? = nil,
                focused: Bool = false, fillRole: StyleRole? = .normal) {
        self.title = title; self.topRightLabel = topRightLabel; self.bottomRightLabel = bottomRightLabel
        self.focused = focused; self.fillRole = fillRole
    }

    /// The inside of a frame drawn in `rect`.
    public static func inner(_ rect: Rect) -> Rect {
        Rect(row: rect.row + 1, column: rect.column + 1, height: rect.height - 2, width: rect.width - 2)
    }

    /// Draws the frame and returns the inner rectangle. Rects smaller than 2×2 draw nothing.
    @discardableResult
    public func draw(into grid: inout CellGrid, rect: Rect) -> Rect {
        let inside = Box.inner(rect)
        guard rect.height >= 2, rect.width >= 2 else { return inside }
        let c = BoxChars.for(grid)
        let border: StyleRole = focused ? .borderFocused : .border
        if let fillRole { grid.fill(inside, role: fillRole) }
        let top = rect.row, bottom = rect.bottom - 1, left = rect.column, right = rect.right - 1
        grid.fill(Rect(row: top, column: left + 1, height: 1, width: rect.width - 2), role: border, text: c.horizontal)
        grid.fill(Rect(row: bottom, column: left + 1, height: 1, width: rect.width - 2), role: border, text: c.horizontal)
        grid.fill(Rect(row: top + 1, column: left, height: rect.height - 2, width: 1), role: border, text: c.vertical)
        grid.fill(Rect(row: top + 1, column: right, height: rect.height - 2, width: 1), role: border, text: c.vertical)
        grid.put(c.topLeft, row: top, column: left, role: border)
        grid.put(c.topRight, row: top, column: right, role: border)
        grid.put(c.bottomLeft, row: bottom, column: left, role: border)
        grid.put(c.bottomRight, row: bottom, column: right, role: border)

        // Labels: " title " at column 2, right labels end two columns before the corner.
        var rightUsed = 0
        if let label = topRightLabel, !label.isEmpty, rect.width >= 8 {
            rightUsed = putRight(" " + label + " ", into: &grid, row: top, rect: rect, maxWidth: rect.width / 2,
                                 role: border)
        }
        if let title, !title.isEmpty, rect.width >= 5 {
            let room = rect.width - 4 - (rightUsed > 0 ? rightUsed + 1 : 0)
            if room >= 3 {
                grid.putFitted(" " + title + " ", row: top, column: left + 2, width: room, role: .title)
            }
        }
        if let label = bottomRightLabel, !label.isEmpty, rect.width >= 8 {
            _ = putRight(" " + label + " ", into: &grid, row: bottom, rect: rect, maxWidth: rect.width - 4, role: border)
        }
        return inside
    }

    private func putRight(_ text: String, into grid: inout CellGrid, row: Int, rect: Rect, maxWidth: Int,
                          role: StyleRole) -> Int {
        let w = min(maxWidth, SafeText.width(SafeText.line(text, ascii: grid.ascii)))
        return grid.putFitted(text, row: row, column: rect.right - 2 - w, width: w, role: role)
    }
}
