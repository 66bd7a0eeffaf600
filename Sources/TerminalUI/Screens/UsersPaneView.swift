import BlobBrowser

/// The users pane: a list of accounts with a short kind/permission tag; ▶ marks the user being shown.
enum UsersPaneView {
    static func draw(_ s: BrowserState, rect: Rect, into grid: inout CellGrid) {
        let u = s.users
        let visible = u.visible
        var title = "Users"
        if !u.filter.isEmpty { title += " /" + u.filter }
        if u.loading { title += " …" }
        let box = Box(title: title, bottomRightLabel: Viewport.positionText(cursor: visible.isEmpty ? nil : u.cursor.index,
                                                                          count: visible.count, ascii: grid.ascii),
                      focused: s.focus == .users && s.overlay == nil)
        let inner = box.draw(into: &grid, rect: rect)
        if visible.isEmpty, let e = u.error {
            PaneMessage.draw(PaneMessage.error(e, what: "list users"), rect: inner, into: &grid)
            return
        }
        let arrow = grid.ascii ? ">" : "▶"
        let rows = visible.map { e -> TableRow in
            let mark = e.userId == u.selectedUserId ? arrow : " "
            let style: RowStyle = e.kind == .typed ? .dim : .normal
            return TableRow([mark, e.name, tag(e)], style: style)
        }
        let table = TableView(
            columns: [TableColumn("", width: .fixed(1)), TableColumn("Name", width: .flexible(weight: 1, min: 6)),
                      TableColumn("", width: .fixed(7), truncation: .end)],
            rows: rows, cursor: visible.isEmpty ? nil : u.cursor.index, focused: s.focus == .users && s.overlay == nil,
            scrollOffset: u.cursor.offset, showHeader: false,
            emptyMessage: u.loading ? "loading…" : (u.filter.isEmpty ? "no users" : "no match"))
        table.draw(into: &grid, rect: inner)
    }

    static func tag(_ e: UserEntry) -> String {
        switch e.kind {
        case .me: return "me"
        case .typed: return "typed"
        case .patient: return "patient"
        case .shared:
            let p = Set(e.permissions)
            if p.contains("root") { return "owner" }
            if p.contains("custodian") { return "custod" }
            if p.contains("upload") { return "upload" }
            if p.contains("view") { return "view" }
            return p.sorted().first ?? "shared"
        }
    }
}
