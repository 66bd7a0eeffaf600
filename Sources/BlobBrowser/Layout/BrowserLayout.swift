/// A rectangle of the screen, in cells (the view-model's own type; the screens convert it).
public struct Frame: Sendable, Hashable {
    public var row: Int, column: Int, height: Int, width: Int
    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row; self.column = column; self.height = max(0, height); self.width = max(0, width)
    }
    public func contains(row r: Int, column c: Int) -> Bool {
        r >= row && r < row + height && c >= column && c < column + width
    }
    /// Rows available for list items inside a bordered pane with `headerRows` header lines.
    public func listHeight(headerRows: Int = 0) -> Int { max(1, height - 2 - headerRows) }
}

/// Where everything goes: users pane left (~28 columns), blobs and device logs stacked on the right, transfers
/// panel at the bottom when there are transfers, then the status line and the footer.
public struct BrowserLayout: Sendable, Hashable {
    public static let minimumRows = 15
    public static let minimumColumns = 60

    public var users: Frame
    public var blobs: Frame
    public var logs: Frame
    public var transfers: Frame?
    public var status: Frame
    public var footer: Frame
    public var tooSmall: Bool

    public init(rows: Int, columns: Int, transferCount: Int) {
        tooSmall = rows < Self.minimumRows || columns < Self.minimumColumns
        footer = Frame(row: rows - 1, column: 0, height: 1, width: columns)
        status = Frame(row: rows - 2, column: 0, height: 1, width: columns)
        var bottom = rows - 2
        if transferCount > 0 {
            // Border (2) + overall bar (1) + one row per transfer, at most a third of the screen.
            let h = min(max(4, transferCount + 3), max(4, rows / 3))
            transfers = Frame(row: bottom - h, column: 0, height: h, width: columns)
            bottom -= h
        } else {
            transfers = nil
        }
        let usersWidth = min(28, max(20, columns / 4))
        users = Frame(row: 0, column: 0, height: bottom, width: usersWidth)
        let rightWidth = columns - usersWidth
        let blobsHeight = max(5, (bottom * 3 + 2) / 5)
        blobs = Frame(row: 0, column: usersWidth, height: blobsHeight, width: rightWidth)
        logs = Frame(row: blobsHeight, column: usersWidth, height: max(0, bottom - blobsHeight), width: rightWidth)
    }

    /// Overlay area (detail, preview, help, log entries): the pane area with a small margin.
    public var overlay: Frame {
        let top = users
        let width = users.width + blobs.width
        let h = transfers.map { $0.row + $0.height } ?? (top.row + top.height)
        return Frame(row: 1, column: 1, height: max(3, h - 2), width: max(10, width - 2))
    }

    public func frame(of pane: Pane) -> Frame? {
        switch pane {
        case .users: return users
        case .blobs: return blobs
        case .logs: return logs
        case .transfers: return transfers
        }
    }

    /// Rows of list content per pane (tables have a header row).
    public func listHeight(_ pane: Pane) -> Int {
        switch pane {
        case .users: return users.listHeight()
        case .blobs: return blobs.listHeight(headerRows: 1)
        case .logs: return logs.listHeight(headerRows: 1)
        case .transfers: return max(1, (transfers?.height ?? 4) - 3)
        }
    }
}
