import BlobBrowser
import Foundation

extension Frame {
    var rect: Rect { Rect(row: row, column: column, height: height, width: width) }
}

/// The whole browser frame as a pure function of the state: panes, transfers panel, status line, footer or input
/// line, overlays and the modal dialog on top.
public enum BrowserScreen {
    public static func render(_ s: BrowserState, keymap: Keymap = .default, now: Date = Date(), into grid: inout CellGrid) {
        let layout = BrowserLayout(rows: grid.rows, columns: grid.columns, transferCount: s.transfers.items.count)
        if layout.tooSmall {
            TooSmallNotice.draw(into: &grid, needRows: BrowserLayout.minimumRows, needColumns: BrowserLayout.minimumColumns)
            return
        }
        UsersPaneView.draw(s, rect: layout.users.rect, into: &grid)
        BlobsPaneView.draw(s, rect: layout.blobs.rect, into: &grid)
        LogsPaneView.draw(s, rect: layout.logs.rect, into: &grid)
        if let t = layout.transfers { TransfersPanelView.draw(s, now: now, rect: t.rect, into: &grid) }
        if s.overlay != nil { OverlayView.draw(s, keymap: keymap, rect: layout.overlay.rect, into: &grid) }
        StatusLineView.draw(s, rect: layout.status.rect, into: &grid)
        if let line = s.inputLine {
            TextPrompt(prefix: line.prompt, text: line.text, cursor: line.cursor).draw(into: &grid, rect: layout.footer.rect)
        } else {
            FooterView.draw(s, keymap: keymap, rect: layout.footer.rect, into: &grid)
        }
        if let dialog = s.dialog { DialogView.draw(dialog, rect: grid.bounds, into: &grid) }
    }

    /// The rendered lines (tests, README captures).
    public static func lines(_ s: BrowserState, rows: Int, columns: Int, ascii: Bool = false, now: Date = Date()) -> [String] {
        var grid = CellGrid(rows: rows, columns: columns, ascii: ascii)
        render(s, now: now, into: &grid)
        return grid.lines()
    }
}

/// A one-pane message (loading, empty, error explanation) drawn inside a pane.
enum PaneMessage {
    static func draw(_ lines: [(String, StyleRole)], rect: Rect, into grid: inout CellGrid) {
        var row = rect.row
        for (text, role) in lines {
            for part in TextWrap.wrap(text, width: max(1, rect.width - 2), ascii: grid.ascii) {
                guard row < rect.bottom else { return }
                grid.putFitted(part, row: row, column: rect.column + 1, width: rect.width - 2, role: role)
                row += 1
            }
        }
    }

    /// Lines for an error shown in place of content: the explanation first, then the technical line with trace.
    static func error(_ e: BrowserError, what: String) -> [(String, StyleRole)] {
        var lines: [(String, StyleRole)] = [("Cannot \(what): \(e.explanation)", e.isForbidden ? .warning : .error)]
        if e.hint != nil { lines.append((e.message, .dim)) }
        if let trace = e.traceId { lines.append(("trace \(trace)  (E: error details)", .dim)) }
        return lines
    }
}
