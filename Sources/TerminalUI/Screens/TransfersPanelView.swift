import BlobBrowser
import Foundation

/// Transfers: an overall bar by bytes, then one row per transfer with its own bar, bytes, %, rate, ETA or stall.
enum TransfersPanelView {
    static func draw(_ s: BrowserState, now: Date, rect: Rect, into grid: inout CellGrid) {
        let t = s.transfers
        let focused = s.focus == .transfers && s.overlay == nil
        let running = t.running.count
        let failed = t.items.filter { if case .failed = $0.phase { return true } else { return false } }.count
        var title = "Transfers · \(running) running"
        if failed > 0 { title += " · \(failed) failed" }
        let box = Box(title: title, topRightLabel: focused ? "x cancel" : "Tab: focus",
                      bottomRightLabel: Viewport.positionText(cursor: t.items.isEmpty ? nil : t.cursor.index,
                                                              count: t.items.count, ascii: grid.ascii),
                      focused: focused)
        let inner = box.draw(into: &grid, rect: rect)
        guard inner.height > 0, inner.width > 10 else { return }

        // Overall bar.
        let overall = t.overall
        let labelWidth = min(34, inner.width / 3)
        grid.putFitted("All: \(Formatters.size(overall.done)) of \(Formatters.size(overall.total))", row: inner.row,
                       column: inner.column, width: labelWidth, role: .title)
        let fraction = overall.total > 0 ? Double(overall.done) / Double(overall.total) : nil
        ProgressBar(fraction: fraction, label: ProgressBar.label(fraction: fraction,
                                                                 bytesPerSecond: running > 0 ? t.overallRate : nil))
            .draw(into: &grid, rect: Rect(row: inner.row, column: inner.column + labelWidth + 1, height: 1,
                                          width: inner.width - labelWidth - 1))

        // Per-transfer rows.
        let listRect = Rect(row: inner.row + 1, column: inner.column, height: inner.height - 1, width: inner.width)
        guard listRect.height > 0 else { return }
        let offset = Viewport.offset(cursor: t.cursor.index, previousOffset: t.cursor.offset, visibleRows: listRect.height,
                                     count: t.items.count)
        for (i, item) in t.items.enumerated().dropFirst(offset).prefix(listRect.height) {
            let row = listRect.row + (i - offset)
            let isCursor = i == t.cursor.index
            let role: StyleRole = isCursor ? (focused ? .selection : .selectionInactive) : .normal
            grid.fill(Rect(row: row, column: listRect.column, height: 1, width: listRect.width), role: role)
            let arrow = item.direction == .download ? (grid.ascii ? "v" : "↓") : (grid.ascii ? "^" : "↑")
            let what = "\(arrow) \(item.label) → \(item.target)"
            grid.putFitted(what, row: row, column: listRect.column, width: labelWidth, role: role, truncation: .middle)
            let barRect = Rect(row: row, column: listRect.column + labelWidth + 1, height: 1, width: listRect.width - labelWidth - 1)
            switch item.phase {
            case .running where !item.hasStarted:
                grid.putFitted("queued · \(Formatters.size(item.totalBytes))", row: row, column: barRect.column,
                               width: barRect.width, role: isCursor ? role : .dim)
            case .running:
                // Narrow panels drop the byte counts first, keeping %, rate and ETA.
                var label = barRect.width >= 60 ? "\(Formatters.size(item.bytesDone))/\(Formatters.size(item.totalBytes)) " : ""
                label += ProgressBar.label(fraction: item.fraction, bytesPerSecond: item.rate > 0 ? item.rate : nil,
                                           etaSeconds: item.eta)
                if let stalled = item.stalledSeconds(now: now) { label += " stalled \(stalled)s" }
                ProgressBar(fraction: item.fraction, label: label).draw(into: &grid, rect: barRect)
            case .done:
                let secs = (item.finishedAt ?? now).timeIntervalSince(item.startedAt)
                grid.putFitted("done · \(Formatters.size(item.bytesDone)) in \(Formatters.duration(secs))", row: row,
                               column: barRect.column, width: barRect.width, role: isCursor ? role : .success)
            case .cancelled:
                grid.putFitted("cancelled at \(Formatters.size(item.bytesDone))", row: row, column: barRect.column,
                               width: barRect.width, role: isCursor ? role : .warning)
            case .failed(let message):
                grid.putFitted("failed: \(message)", row: row, column: barRect.column, width: barRect.width,
                               role: isCursor ? role : .error)
            }
        }
    }
}
