import BlobBrowser

/// Device-log chunks of the selected user in the time window.
enum LogsPaneView {
    static let columns: [TableColumn] = [
        TableColumn("", width: .fixed(1)),
        TableColumn("Start", width: .fixed(19)),
        TableColumn("End", width: .fixed(19)),
        TableColumn("Size", width: .fixed(9), alignment: .right),
        TableColumn("Created", width: .fixed(16)),
        TableColumn("ID", width: .flexible(weight: 1, min: 8), truncation: .middle),
    ]

    static func draw(_ s: BrowserState, rect: Rect, into grid: inout CellGrid) {
        let l = s.logs
        let focused = s.focus == .logs && s.overlay == nil
        var title = "Device logs · \(l.window.label)"
        if l.loading { title += " …" }
        if !l.marks.isEmpty { title += " · \(l.marks.count) marked" }
        let box = Box(title: title, topRightLabel: l.requestedRange.map {
            String(Formatters.time($0.lowerBound).prefix(16)) + " → " + String(Formatters.time($0.upperBound).prefix(16))
        }, bottomRightLabel: Viewport.positionText(cursor: l.items.isEmpty ? nil : l.cursor.index, count: l.items.count,
                                                  ascii: grid.ascii), focused: focused)
        let inner = box.draw(into: &grid, rect: rect)
        guard l.userId != nil else { return }
        if let e = l.error, l.items.isEmpty {
            PaneMessage.draw(PaneMessage.error(e, what: "list device logs"), rect: inner, into: &grid)
            return
        }
        let markChar = grid.ascii ? "*" : "●"
        let cursor = l.items.isEmpty ? nil : l.cursor.index
        let window = TableView.window(cursor: cursor, scrollOffset: l.cursor.offset, count: l.items.count, rect: inner)
        let rows = l.items[window].map { c -> TableRow in
            let marked = l.marks.contains(c.id)
            return TableRow([marked ? markChar : " ", Formatters.time(c.startAtTime), Formatters.time(c.endAtTime),
                             Formatters.size(c.size), String(Formatters.time(c.createdTime).prefix(16)), c.id],
                            style: marked ? .marked : .normal)
        }
        TableView(columns: columns, rows: rows, cursor: cursor, focused: focused,
                  scrollOffset: l.cursor.offset,
                  emptyMessage: l.loading ? "loading…" : "no device logs in \(l.window.label) (w: change window)",
                  rowOffset: window.lowerBound, totalRows: l.items.count)
            .draw(into: &grid, rect: inner)
    }
}
