/// One list line: untrusted text and a style.
public struct ListItem: Sendable, Hashable {
    public var text: String
    public var style: RowStyle
    public init(_ text: String, style: RowStyle = .normal) { self.text = text; self.style = style }
}

/// A single-column scrolling list with a cursor (a table without header and columns).
public struct ListView: Sendable {
    public var items: [ListItem]
    public var cursor: Int?
    public var focused: Bool
    public var scrollOffset: Int
    public var emptyMessage: String
    public var truncation: Truncation

    public init(items: [ListItem], cursor: Int? = nil, focused: Bool = true, scrollOffset: Int = 0,
                emptyMessage: String = "", truncation: Truncation = .end) {
        self.items = items; self.cursor = cursor; self.focused = focused; self.scrollOffset = scrollOffset
        self.emptyMessage = emptyMessage; self.truncation = truncation
    }

    @discardableResult
    public func draw(into grid: inout CellGrid, rect: Rect) -> TableLayout {
        let table = TableView(
            columns: [TableColumn("", width: .flexible(weight: 1, min: 0), truncation: truncation)],
            rows: items.map { TableRow([$0.text], style: $0.style) }, cursor: cursor, focused: focused,
            scrollOffset: scrollOffset, showHeader: false, emptyMessage: emptyMessage)
        return table.draw(into: &grid, rect: rect)
    }
}
