import SafeText

extension CellGrid {
    /// The final safety pass: a grid in which no cell holds a control, ESC, C1, bidi or zero-width scalar (or
    /// non-ASCII when `ascii`), every cell holds exactly one grapheme of width 1 (or 2 followed by a continuation
    /// cell), whatever a caller did. Offending cells become `?` with role `.escaped`. The blitter always applies it.
    public func sanitized() -> CellGrid {
        var out = self
        var cells = storage
        for y in 0..<rows {
            let base = y * columns
            var x = 0
            while x < columns {
                let cell = cells[base + x]
                if cell.isContinuation {
                    // A continuation without a wide character before it.
                    cells[base + x] = Cell(text: " ", role: cell.role)
                    x += 1
                    continue
                }
                let nextIsContinuation = x + 1 < columns && cells[base + x + 1].isContinuation
                // Fast path: one printable ASCII byte (most cells).
                let utf8 = cell.text.utf8
                if utf8.count == 1, let b = utf8.first, b >= 0x20, b < 0x7F, !nextIsContinuation {
                    x += 1
                    continue
                }
                let w: Int
                if cell.text.count == 1, let ch = cell.text.first, let cw = SafeText.cellWidth(of: ch, ascii: ascii) {
                    w = cw
                } else {
                    w = -1
                }
                let ok = w > 0
                if ok && w == 2 && nextIsContinuation {
                    x += 2
                    continue
                }
                if ok && w == 1 {
                    x += 1
                    continue
                }
                if ok && w == 2 {
                    // Wide character without room or continuation: it would spill over its neighbour.
                    cells[base + x] = Cell(text: " ", role: cell.role)
                } else {
                    cells[base + x] = Cell(text: "?", role: .escaped)
                }
                x += 1
            }
        }
        out.storage = cells
        return out
    }

    /// True when `sanitized()` would change nothing.
    public var isSanitized: Bool { sanitized() == self }
}
