import SafeText

/// A rows × columns screen of `Cell`s that renderers draw into; the terminal layer blits it. Pure value, no ncurses.
///
/// Invariants kept by every mutating method: each cell holds one grapheme of width 1, or a grapheme of width 2
/// followed by a continuation cell (`text == ""`); text only enters through `SafeText` (escapes get `.escaped`).
/// `sanitized()` re-establishes them whatever happened, and the blitter always applies it.
public struct CellGrid: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// When true, `put` sanitizes with `ascii: true` and widgets draw ASCII box characters (`+-|`).
    public var ascii: Bool
    private var cells: [Cell]

    public init(rows: Int, columns: Int, ascii: Bool = false) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.ascii = ascii
        self.cells = Array(repeating: .blank, count: self.rows * self.columns)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(row: 0, column: 0, height: rows, width: columns) }

    /// The cell at a position; out-of-range positions read as a blank cell.
    public subscript(row row: Int, column column: Int) -> Cell {
        guard contains(row: row, column: column) else { return .blank }
        return cells[row * columns + column]
    }

    public func role(row: Int, column: Int) -> StyleRole { self[row: row, column: column].role }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < rows && column >= 0 && column < columns
    }

    /// The ellipsis matching `ascii`.
    public var ellipsis: String { SafeText.ellipsis(ascii: ascii) }

    // MARK: Drawing

    /// Writes untrusted `text` at (row, column): sanitized via `SafeText.segments` (escape parts get `.escaped`),
    /// clipped to `maxWidth` columns and to the grid; a wide character that would not fit entirely is left out.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, maxWidth: Int? = nil, role: StyleRole) -> Int {
        putSegments(SafeText.segments(text, ascii: ascii), row: row, column: column, maxWidth: maxWidth, role: role)
    }

    /// Like `put`, for text already split into segments (e.g. `SafeText.lineSegments` of a preview).
    @discardableResult
    public mutating func putSegments(
        _ segments: [SafeText.Segment], row: Int, column: Int, maxWidth: Int? = nil, role: StyleRole
    ) -> Int {
        guard row >= 0, row < rows else { return 0 }
        let limit = min(columns, maxWidth.map { column + max(0, $0) } ?? columns)
        var col = column
        outer: for seg in segments {
            // Re-check segments given to us: never trust that they came from SafeText.
            let safe = SafeText.isDisplaySafe(seg.text, ascii: ascii) ? seg.text : SafeText.line(seg.text, ascii: ascii)
            let segRole: StyleRole = seg.isEscape ? .escaped : role
            for ch in safe {
                let w = SafeText.width(of: ch)
                if w == 0 { continue }
                if col + w > limit { break outer }
                if col >= 0 { setCell(Cell(text: String(ch), role: segRole), width: w, row: row, column: col) }
                col += w
            }
        }
        return max(0, col - max(column, 0))
    }

    /// Fills `rect` (clipped to the grid) with `text` (its first single-column character; space otherwise).
    public mutating func fill(_ rect: Rect, role: StyleRole, text: String = " ") {
        let clean = SafeText.line(text, ascii: ascii)
        let ch = clean.first.flatMap { SafeText.width(of: $0) == 1 ? String($0) : nil } ?? " "
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.column..<r.right { setCell(Cell(text: ch, role: role), width: 1, row: y, column: x) }
        }
    }

    /// Changes the role of every cell in `rect` (clipped), keeping the text. Whole wide characters are restyled.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let r = clip(rect)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.column..<r.right { cells[y * columns + x].role = role }
            if r.column > 0, cells[y * columns + r.column].isContinuation {
                cells[y * columns + r.column - 1].role = role
            }
            if r.right < columns, cells[y * columns + r.right].isContinuation {
                cells[y * columns + r.right].role = role
            }
        }
    }

    /// Copies `other` onto this grid with its top-left at (row, column), clipped.
    public mutating func draw(_ other: CellGrid, row: Int, column: Int) {
        for y in 0..<other.rows {
            var x = 0
            while x < other.columns {
                let cell = other[row: y, column: x]
                let wide = x + 1 < other.columns && other[row: y, column: x + 1].isContinuation && !cell.isContinuation
                let w = wide ? 2 : 1
                let ty = row + y, tx = column + x
                if !cell.isContinuation, contains(row: ty, column: tx), tx + w <= columns {
                    setCell(cell, width: w, row: ty, column: tx)
                }
                x += w
            }
        }
    }

    /// Clears the whole grid to blanks with `role`.
    public mutating func clear(role: StyleRole = .normal) { fill(bounds, role: role) }

    /// `rect` intersected with the grid.
    public func clip(_ rect: Rect) -> Rect {
        let top = max(0, rect.row), left = max(0, rect.column)
        let bottom = min(rows, rect.bottom), right = min(columns, rect.right)
        return Rect(row: top, column: left, height: bottom - top, width: right - left)
    }

    // MARK: Reading (tests)

    /// Each row's text (continuation cells contribute nothing, so a row's display width is `columns`).
    public func lines() -> [String] { (0..<rows).map { line($0) } }

    public func line(_ row: Int) -> String {
        guard row >= 0, row < rows else { return "" }
        var s = ""
        for x in 0..<columns { s += cells[row * columns + x].text }
        return s
    }

    // MARK: Internals

    /// Stores a cell of width 1 or 2 at (row, column), repairing wide characters it partly overwrites.
    mutating func setCell(_ cell: Cell, width: Int, row: Int, column: Int) {
        let base = row * columns
        // Overwriting the continuation of a wide character: blank its first half.
        if cells[base + column].isContinuation, column > 0 {
            cells[base + column - 1] = Cell(text: " ", role: cells[base + column - 1].role)
        }
        let end = column + width   // first column after the new character
        // The cell after us is the continuation of a wide character we (partly) overwrite: blank it.
        if end < columns, cells[base + end].isContinuation {
            cells[base + end] = Cell(text: " ", role: cells[base + end].role)
        }
        cells[base + column] = cell
        if width == 2 {
            cells[base + column + 1] = Cell(text: "", role: cell.role)
        }
    }

    /// Raw storage access for the safety pass.
    var storage: [Cell] {
        get { cells }
        set { cells = newValue }
    }
}
