import BlobBrowser
import Foundation

/// The blobs table of the selected user, or the reason it cannot be listed.
enum BlobsPaneView {
    static let columns: [TableColumn] = [
        TableColumn("", width: .fixed(1)),
        TableColumn("ID", width: .flexible(weight: 1, min: 10), truncation: .middle),
        TableColumn("Media type", width: .flexible(weight: 1, min: 8)),
        TableColumn("Size", width: .fixed(9), alignment: .right),
        TableColumn("Status", width: .fixed(9)),
        TableColumn("Created", width: .fixed(16)),
        TableColumn("Modified", width: .fixed(16)),
    ]

    static func draw(_ s: BrowserState, rect: Rect, into grid: inout CellGrid) {
        let b = s.blobs
        let focused = s.focus == .blobs && s.overlay == nil
        let visible = b.visible
        let box = Box(title: title(s), topRightLabel: filterLabel(b),
                      bottomRightLabel: Viewport.positionText(cursor: visible.isEmpty ? nil : b.cursor.index,
                                                              count: visible.count, ascii: grid.ascii) + (b.hasMore ? "+" : ""),
                      focused: focused)
        let inner = box.draw(into: &grid, rect: rect)
        guard b.userId != nil else {
            PaneMessage.draw([("Select a user (Enter in the users pane, or :user ID).", .dim)], rect: inner, into: &grid)
            return
        }
        if let e = b.error, b.items.isEmpty {
            PaneMessage.draw(PaneMessage.error(e, what: "list blobs"), rect: inner, into: &grid)
            return
        }
        let range = b.rangeIds
        let markChar = grid.ascii ? "*" : "●"
        // Rows only for the window shown (the list may hold thousands of blobs).
        let cursor = visible.isEmpty ? nil : b.cursor.index
        let window = TableView.window(cursor: cursor, scrollOffset: b.cursor.offset, count: visible.count, rect: inner)
        let rows = visible[window].map { blob -> TableRow in
            let marked = b.marks.contains(blob.id) || range.contains(blob.id)
            let base: RowStyle = blob.status == .available ? .normal : .warning
            let style = RowStyle.resolve(base: base, marked: marked, cursor: false, focused: focused)
            return TableRow([marked ? markChar : " ", blob.id, blob.mediaType, Formatters.size(blob.size),
                             blob.status.rawValue, shortTime(blob.createdTime), shortTime(blob.modifiedTime)], style: style)
        }
        let sortIndex = BlobColumn.allCases.firstIndex(of: b.sort.column).map { $0 + 1 }
        let empty = b.loading ? "loading…" : (b.textFilter.isEmpty ? "no blobs (status: \(b.statusFilter.rawValue))" : "no match for /\(b.textFilter)")
        TableView(columns: columns, rows: rows, cursor: cursor, focused: focused,
                  scrollOffset: b.cursor.offset, sortColumn: sortIndex, sortAscending: b.sort.ascending,
                  emptyMessage: empty, rowOffset: window.lowerBound, totalRows: visible.count).draw(into: &grid, rect: inner)
    }

    static func title(_ s: BrowserState) -> String {
        let b = s.blobs
        var t = "Blobs"
        if let id = b.userId { t += " of " + (s.users.entries.first { $0.userId == id }?.name ?? id) }
        if b.loading { t += " …" }
        if !b.marks.isEmpty {
            let size = b.items.reduce(Int64(0)) { b.marks.contains($1.id) ? $0 + ($1.size ?? 0) : $0 }
            t += " · \(b.marks.count) marked (\(Formatters.size(size)))"
        }
        if let batch = s.deleteBatch { t += " · deleting \(batch.done)/\(batch.total)" }
        return t
    }

    static func filterLabel(_ b: BlobsPaneState) -> String? {
        var parts = ["status: \(b.statusFilter.rawValue)"]
        if let m = b.mediaTypeFilter { parts.append("type: \(m)") }
        if !b.textFilter.isEmpty { parts.append("/" + b.textFilter) }
        return parts.joined(separator: " ")
    }

    /// "2024-06-03 13:00" in UTC.
    static func shortTime(_ d: Date?) -> String {
        guard d != nil else { return "—" }
        return String(Formatters.time(d).prefix(16))
    }
}
