/// Mouse: a click focuses a pane and selects the row under it; the wheel scrolls.
extension Update {
    mutating func handleMouse(_ m: MouseEvent) {
        if s.dialog != nil || s.inputLine != nil { return }
        if s.overlay != nil {
            switch m.kind {
            case .wheelUp: overlayAction(.up); overlayAction(.up); overlayAction(.up)
            case .wheelDown: overlayAction(.down); overlayAction(.down); overlayAction(.down)
            case .click: break
            }
            return
        }
        let layout = s.layout
        guard let pane = Pane.allCases.first(where: { layout.frame(of: $0)?.contains(row: m.row, column: m.column) ?? false }),
              let frame = layout.frame(of: pane) else { return }
        switch m.kind {
        case .wheelUp, .wheelDown:
            let old = s.focus
            s.focus = pane
            moveCursor(by: m.kind == .wheelUp ? -3 : 3)
            s.focus = old
        case .click:
            s.focus = pane
            let header = (pane == .blobs || pane == .logs) ? 1 : (pane == .transfers ? 1 : 0)
            let rowInList = m.row - frame.row - 1 - header
            guard rowInList >= 0 else { return }
            let offset: Int
            switch pane {
            case .users: offset = s.users.cursor.offset
            case .blobs: offset = s.blobs.cursor.offset
            case .logs: offset = s.logs.cursor.offset
            case .transfers: offset = s.transfers.cursor.offset
            }
            moveCursor(to: offset + rowInList)
        }
    }
}
