import SafeText
@testable import TerminalUI

/// Checks of a rendered screen: every cell one safe grapheme of width 1, or 2 followed by a continuation cell,
/// rows exactly as wide as the terminal — measured with the renderer's `wcwidth` — and nothing for the final
/// safety pass to fix (the widgets drew safely on their own; the pass is a net, not the mechanism).
enum GridCheck {
    static func problems(_ grid: CellGrid, requireSanitized: Bool = true) -> [String] {
        var out: [String] = []
        for r in 0..<grid.rows {
            var used = 0
            var c = 0
            while c < grid.columns {
                let cell = grid[row: r, column: c]
                let utf8 = cell.text.utf8
                if utf8.count == 1, let b = utf8.first, b >= 0x20, b < 0x7F {   // printable ASCII: most cells
                    used += 1; c += 1; continue
                }
                if cell.isContinuation {
                    out.append("row \(r) column \(c): continuation cell without a wide character"); c += 1; continue
                }
                let bad = TerminalSafety.problems(text: cell.text, allowNewline: false)
                if !bad.isEmpty { out.append("row \(r) column \(c): \(bad[0])") }
                if cell.text.count != 1 { out.append("row \(r) column \(c): \(cell.text.count) graphemes in one cell") }
                let w = SafeText.width(cell.text)
                if w == 2 {
                    if !(c + 1 < grid.columns && grid[row: r, column: c + 1].isContinuation) {
                        out.append("row \(r) column \(c): wide character without its continuation cell")
                    }
                    c += 2
                } else {
                    if w != 1 { out.append("row \(r) column \(c): cell of width \(w)") }
                    c += 1
                }
                used += max(w, 1)
            }
            if used > grid.columns { out.append("row \(r) is \(used) columns wide in a \(grid.columns)-column terminal") }
            if out.count > 8 { break }
        }
        if requireSanitized && grid.sanitized() != grid { out.append("the final safety pass had to fix cells") }
        return out
    }
}
