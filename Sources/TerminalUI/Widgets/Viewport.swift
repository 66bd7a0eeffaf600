/// Scrolling arithmetic shared by lists and tables: which rows are visible so that the cursor row is.
public enum Viewport {
    /// The first visible index: `previousOffset` adjusted minimally so `cursor` is inside the window of
    /// `visibleRows`, and never scrolled past the end.
    public static func offset(cursor: Int?, previousOffset: Int, visibleRows: Int, count: Int) -> Int {
        guard visibleRows > 0, count > 0 else { return 0 }
        var offset = max(0, min(previousOffset, count - visibleRows))
        if let c = cursor.map({ max(0, min($0, count - 1)) }) {
            if c < offset { offset = c }
            if c >= offset + visibleRows { offset = c - visibleRows + 1 }
        }
        return max(0, min(offset, max(0, count - visibleRows)))
    }

    /// "k/N" (1-based cursor), "0/0" when empty, "–/N" (ASCII "-/N") when there is no cursor.
    public static func positionText(cursor: Int?, count: Int, ascii: Bool = false) -> String {
        guard count > 0 else { return "0/0" }
        guard let c = cursor else { return (ascii ? "-" : "–") + "/\(count)" }
        return "\(max(0, min(c, count - 1)) + 1)/\(count)"
    }
}
