import SafeText

/// A one-line input (`:` command line, `/` filter, path prompt): a prefix, the text, and a cursor drawn as a
/// reverse-video cell (the hardware cursor stays hidden). Scrolls horizontally to keep the cursor visible.
/// Editing itself belongs to the view-model; this only draws.
public struct TextPrompt: Sendable {
    public var prefix: String
    public var text: String
    /// Cursor position in `Character`s of `text` (0…count).
    public var cursor: Int
    /// Shown dimmed when `text` is empty.
    public var placeholder: String
    public var showCursor: Bool

    public init(prefix: String, text: String, cursor: Int? = nil, placeholder: String = "", showCursor: Bool = true) {
        self.prefix = prefix; self.text = text; self.cursor = cursor ?? text.count
        self.placeholder = placeholder; self.showCursor = showCursor
    }

    public func draw(into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let row = rect.row
        grid.fill(Rect(row: row, column: rect.column, height: 1, width: rect.width), role: .input)
        let prefixWidth = grid.putFitted(prefix, row: row, column: rect.column, width: rect.width / 2, role: .input)
        let fieldStart = rect.column + prefixWidth
        let fieldWidth = rect.right - fieldStart
        guard fieldWidth > 0 else { return }
        if text.isEmpty, !placeholder.isEmpty {
            grid.putFitted(placeholder, row: row, column: fieldStart + (showCursor ? 1 : 0),
                           width: fieldWidth - (showCursor ? 1 : 0), role: .dim)
        }
        // Each character of the text sanitized on its own, so the cursor index maps to display positions.
        let chars = Array(text)
        let pieces = chars.map { SafeText.line(String($0), ascii: grid.ascii) }
        let widths = pieces.map { SafeText.width($0) }
        let c = max(0, min(cursor, chars.count))
        // Horizontal scroll: the cursor cell (or end) must fit.
        var start = 0
        func span(_ from: Int, _ to: Int) -> Int { widths[from..<to].reduce(0, +) }
        while start < c, span(start, c) + 1 > fieldWidth { start += 1 }
        var x = fieldStart
        for i in start..<chars.count {
            let w = widths[i]
            if x + w > rect.right { break }
            let isEscape = pieces[i] != String(chars[i])
            let role: StyleRole = showCursor && i == c ? .selection : (isEscape ? .escaped : .input)
            grid.putFitted(pieces[i], row: row, column: x, width: w, role: role, truncation: .clip)
            x += w
        }
        if showCursor, c == chars.count, x < rect.right {
            grid.fill(Rect(row: row, column: x, height: 1, width: 1), role: .selection)
        }
    }
}
