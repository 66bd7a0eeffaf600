/// One table column.
public struct TableColumn: Sendable, Hashable {
    public enum Width: Sendable, Hashable {
        /// Exactly this many columns.
        case fixed(Int)
        /// A share of the remaining width by `weight`, at least `min` columns.
        case flexible(weight: Int = 1, min: Int = 4)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment
    public var truncation: Truncation

    public init(_ title: String, width: Width = .flexible(), alignment: Alignment = .left,
                truncation: Truncation = .end) {
        self.title = title; self.width = width; self.alignment = alignment; self.truncation = truncation
    }
}

/// One table row: untrusted cell texts (sanitized when drawn) and a style.
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    public var style: RowStyle
    public init(_ cells: [String], style: RowStyle = .normal) { self.cells = cells; self.style = style }
}

/// What `TableView.draw` laid out; keep `scrollOffset` for the next frame, use the rest for mouse hit-testing.
public struct TableLayout: Sendable, Equatable {
    public var scrollOffset: Int
    /// Indexes of the rows shown, top to bottom.
    public var visibleRows: Range<Int>
    /// Screen row of the first data row.
    public var firstDataRow: Int
    /// Column widths used.
    public var columnWidths: [Int]
    /// "k/N", for the pane frame (`Box.bottomRightLabel`).
    public var positionText: String

    /// The data row index at a screen row, if any.
    public func rowIndex(atScreenRow row: Int) -> Int? {
        let i = visibleRows.lowerBound + (row - firstDataRow)
        return row >= firstDataRow && visibleRows.contains(i) ? i : nil
    }
}

/// A table with a header row (sort indicator on the sorted column), per-row styles, a cursor kept visible by
/// scrolling, and per-column alignment / truncation (middle for ids). Draws inside a rect; no frame.
public struct TableView: Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    /// Cursor row index (nil = no cursor). The cursor row is drawn with `.selection` (or `.selectionInactive` when
    /// not focused; `.markedSelection` when the row is `.marked`).
    public var cursor: Int?
    public var focused: Bool
    /// The first visible row from the previous frame (pass `TableLayout.scrollOffset` back in).
    public var scrollOffset: Int
    public var sortColumn: Int?
    public var sortAscending: Bool
    public var showHeader: Bool
    /// Shown (dimmed) when there are no rows.
    public var emptyMessage: String
    /// Columns between cells.
    public var spacing: Int
    /// Windowed tables: `rows` holds only the rows `rowOffset ..< rowOffset + rows.count` of `totalRows` (nil = all
    /// rows are given, `rows.count`). `cursor`, `scrollOffset` and the layout stay in whole-table indexes; build the
    /// window with `TableView.window(...)` so it covers the rows shown.
    public var rowOffset: Int
    public var totalRows: Int?

    public init(columns: [TableColumn], rows: [TableRow], cursor: Int? = nil, focused: Bool = true,
                scrollOffset: Int = 0, sortColumn: Int? = nil, sortAscending: Bool = true, showHeader: Bool = true,
                emptyMessage: String = "", spacing: Int = 1, rowOffset: Int = 0, totalRows: Int? = nil) {
        self.columns = columns; self.rows = rows; self.cursor = cursor; self.focused = focused
        self.scrollOffset = scrollOffset; self.sortColumn = sortColumn; self.sortAscending = sortAscending
        self.showHeader = showHeader; self.emptyMessage = emptyMessage; self.spacing = spacing
        self.rowOffset = rowOffset; self.totalRows = totalRows
    }

    /// Row count of the whole table.
    public var rowCount: Int { totalRows ?? rows.count }

    /// The whole-table indexes `draw` will show in `rect` for `count` rows: build only these rows and pass them with
    /// `rowOffset: window.lowerBound, totalRows: count`.
    public static func window(cursor: Int?, scrollOffset: Int, count: Int, rect: Rect, showHeader: Bool = true) -> Range<Int> {
        guard !rect.isEmpty else { return 0..<0 }
        let visible = max(0, rect.height - (showHeader ? 1 : 0))
        let offset = Viewport.offset(cursor: cursor, previousOffset: scrollOffset, visibleRows: visible, count: count)
        return offset..<max(offset, min(count, offset + visible))
    }

    /// Column widths for `totalWidth`: fixed columns first, the rest shared by weight (at least each `min`); when
    /// there is not enough room the last columns are cut (width 0).
    public static func columnWidths(_ columns: [TableColumn], totalWidth: Int, spacing: Int = 1) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let available = max(0, totalWidth - spacing * (columns.count - 1))
        var widths = columns.map { col -> Int in
            switch col.width {
            case .fixed(let w): return max(0, w)
            case .flexible(_, let m): return max(0, m)
            }
        }
        let weights = columns.map { col -> Int in
            if case .flexible(let w, _) = col.width { return max(1, w) }
            return 0
        }
        var spare = available - widths.reduce(0, +)
        let totalWeight = weights.reduce(0, +)
        if spare > 0, totalWeight > 0 {
            var given = 0
            var lastFlexible = 0
            for i in columns.indices where weights[i] > 0 {
                let extra = spare * weights[i] / totalWeight
                widths[i] += extra
                given += extra
                lastFlexible = i
            }
            widths[lastFlexible] += spare - given   // rounding leftovers
            spare = 0
        }
        // Not enough room: shrink from the right.
        var over = widths.reduce(0, +) - available
        var i = columns.count - 1
        while over > 0, i >= 0 {
            let cut = min(over, widths[i])
            widths[i] -= cut
            over -= cut
            i -= 1
        }
        return widths
    }

    @discardableResult
    public func draw(into grid: inout CellGrid, rect: Rect) -> TableLayout {
        let widths = TableView.columnWidths(columns, totalWidth: rect.width, spacing: spacing)
        let count = rowCount
        let position = Viewport.positionText(cursor: cursor, count: count, ascii: grid.ascii)
        guard !rect.isEmpty else {
            return TableLayout(scrollOffset: 0, visibleRows: 0..<0, firstDataRow: rect.row, columnWidths: widths,
                               positionText: position)
        }
        grid.fill(rect, role: .normal)
        var y = rect.row
        if showHeader {
            grid.fill(Rect(row: y, column: rect.column, height: 1, width: rect.width), role: .header)
            var x = rect.column
            for (i, col) in columns.enumerated() where widths[i] > 0 {
                var title = col.title
                if sortColumn == i {
                    let arrow = grid.ascii ? (sortAscending ? "^" : "v") : (sortAscending ? "▲" : "▼")
                    title = col.alignment == .right ? arrow + title : title + arrow
                }
                grid.putFitted(title, row: y, column: x, width: widths[i], role: .header, alignment: col.alignment)
                x += widths[i] + spacing
            }
            y += 1
        }
        let visible = max(0, rect.bottom - y)
        let offset = Viewport.offset(cursor: cursor, previousOffset: scrollOffset, visibleRows: visible,
                                     count: count)
        let end = min(count, offset + visible)
        if count == 0, !emptyMessage.isEmpty, visible > 0 {
            grid.putFitted(emptyMessage, row: y, column: rect.column + 1, width: rect.width - 1, role: .dim)
        }
        for (screenRow, index) in (offset..<end).enumerated() {
            guard rows.indices.contains(index - rowOffset) else { continue }
            let row = rows[index - rowOffset]
            let isCursor = cursor == index
            let style = isCursor
                ? RowStyle.resolve(marked: row.style == .marked, cursor: true, focused: focused) : row.style
            let role = style.role
            let ry = y + screenRow
            grid.fill(Rect(row: ry, column: rect.column, height: 1, width: rect.width), role: role)
            var x = rect.column
            for (i, col) in columns.enumerated() where widths[i] > 0 {
                let text = i < row.cells.count ? row.cells[i] : ""
                grid.putFitted(text, row: ry, column: x, width: widths[i], role: role,
                               truncation: col.truncation, alignment: col.alignment)
                x += widths[i] + spacing
            }
        }
        return TableLayout(scrollOffset: offset, visibleRows: offset..<end, firstDataRow: y, columnWidths: widths,
                           positionText: position)
    }
}
