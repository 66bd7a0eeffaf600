import BlobBrowser
import Foundation
import SafeText
import TidepoolAPI

/// Full views over the panes: help, blob detail, preview, log entries, error details.
enum OverlayView {
    static func draw(_ s: BrowserState, keymap: Keymap, rect: Rect, into grid: inout CellGrid) {
        switch s.overlay {
        case .help(let scroll)?:
            let sections = keymap.helpSections(readOnly: s.readOnly).map {
                HelpSection(title: $0.title, entries: $0.rows.map { HelpEntry(keys: $0.keys, description: $0.description) })
            } + [HelpSection(title: "Commands (after :)", entries: BrowserCommand.help.map { HelpEntry(keys: $0.0, description: $0.1) })]
            HelpOverlay(title: "Help — keys (Esc closes)", sections: sections, scrollOffset: scroll).draw(into: &grid, in: rect)
        case .blobDetail(let blob)?:
            drawLines(title: "Blob \(blob.id)", lines: blobDetailLines(blob, s), scroll: 0,
                      footer: "p preview · d download · D delete · Esc close", rect: rect, into: &grid)
        case .logChunkDetail(let c)?:
            drawLines(title: "Device logs \(c.id)", lines: chunkLines(c), scroll: 0, footer: "Esc close", rect: rect, into: &grid)
        case .preview(let p)?:
            PreviewView.draw(p, rect: rect, into: &grid)
        case .logEntries(let e)?:
            LogEntriesView.draw(e, focused: s.inputLine == nil, rect: rect, into: &grid)
        case .errorDetails(let e)?:
            drawLines(title: "Last error", lines: errorLines(e), scroll: 0, footer: "Esc close", rect: rect, into: &grid)
        case nil:
            break
        }
    }

    static func blobDetailLines(_ b: Blob, _ s: BrowserState) -> [(String, String)] {
        let owner = s.users.entries.first { $0.userId == b.userId }?.name
        return [
            ("ID", b.id),
            ("User", b.userId + (owner.map { "  (\($0))" } ?? "")),
            ("Media type", b.mediaType),
            ("Size", b.size.map { "\(Formatters.size($0))  (\($0) bytes)" } ?? "— (no content yet)"),
            ("Status", b.status.rawValue),
            ("Digest MD5", b.digestMD5 ?? "—"),
            ("Revision", String(b.revision)),
            ("Created", Formatters.fullTime(b.createdTime)),
            ("Modified", Formatters.fullTime(b.modifiedTime)),
            ("Deleted", Formatters.fullTime(b.deletedTime)),
            ("Marked", s.blobs.marks.contains(b.id) ? "yes" : "no"),
        ]
    }

    static func chunkLines(_ c: DeviceLogsMetadata) -> [(String, String)] {
        [("ID", c.id), ("User", c.userId), ("Media type", c.mediaType), ("Size", "\(Formatters.size(c.size))  (\(c.size) bytes)"),
         ("Digest MD5", c.digestMD5), ("Start", Formatters.fullTime(c.startAtTime)), ("End", Formatters.fullTime(c.endAtTime)),
         ("Created", Formatters.fullTime(c.createdTime)), ("Revision", c.revision.map(String.init) ?? "—")]
    }

    static func errorLines(_ e: BrowserError) -> [(String, String)] {
        var lines: [(String, String)] = [("Message", e.message)]
        if let r = e.requestLine { lines.append(("Request", r)) }
        if let st = e.status { lines.append(("HTTP status", String(st))) }
        if let c = e.serverCode { lines.append(("Server code", c)) }
        if let h = e.hint { lines.append(("What to do", h)) }
        lines.append(("Trace id", e.traceId ?? "—"))
        return lines
    }

    /// A boxed list of "Label: value" lines.
    static func drawLines(title: String, lines: [(String, String)], scroll: Int, footer: String, rect: Rect,
                          into grid: inout CellGrid) {
        let inner = Box(title: title, bottomRightLabel: footer, focused: true, fillRole: .overlay).draw(into: &grid, rect: rect)
        let labelWidth = (lines.map { $0.0.count }.max() ?? 0) + 2
        var row = inner.row
        for (label, value) in lines.dropFirst(scroll) {
            guard row < inner.bottom else { break }
            grid.putFitted(label, row: row, column: inner.column + 1, width: labelWidth, role: .overlayTitle)
            let wrapped = TextWrap.wrap(value, width: max(1, inner.width - labelWidth - 2), ascii: grid.ascii)
            for part in wrapped.isEmpty ? [""] : wrapped {
                guard row < inner.bottom else { break }
                grid.putFitted(part, row: row, column: inner.column + 1 + labelWidth, width: inner.width - labelWidth - 2,
                               role: .overlay)
                row += 1
            }
        }
    }
}

/// Preview of the first 256 KiB: long lines folded, scrollable.
enum PreviewView {
    static func draw(_ p: PreviewState, rect: Rect, into grid: inout CellGrid) {
        var title = "Preview " + p.title
        if let c = p.content {
            title += " · \(c.kind.rawValue) · \(Formatters.size(Int64(c.byteCount)))"
            if c.truncated { title += " of \(Formatters.size(p.totalSize)) (first 256 KiB)" }
        }
        let box = Box(title: title, bottomRightLabel: nil, focused: true, fillRole: .overlay)
        let inner = box.draw(into: &grid, rect: rect)
        guard inner.width > 2, inner.height > 0 else { return }
        if p.loading {
            PaneMessage.draw([("loading the first 256 KiB…", .dim)], rect: inner, into: &grid)
            return
        }
        if let e = p.error {
            PaneMessage.draw(PaneMessage.error(e, what: "preview"), rect: inner, into: &grid)
            return
        }
        guard let content = p.content else { return }
        if content.lines.isEmpty {
            PaneMessage.draw([("(empty)", .dim)], rect: inner, into: &grid)
            return
        }
        let width = inner.width - 2
        let folded = PreviewFolding.fold(content.lines, width: width, ascii: grid.ascii)
        let maxScroll = max(0, folded.count - inner.height)
        let scroll = min(p.scroll, maxScroll)
        for (i, line) in folded.dropFirst(scroll).prefix(inner.height).enumerated() {
            grid.put(line, row: inner.row + i, column: inner.column + 1, maxWidth: width, role: .overlay)
        }
        let pos = "\(min(folded.count, scroll + 1))-\(min(folded.count, scroll + inner.height))/\(folded.count)"
        Box(title: title, bottomRightLabel: pos + " · Esc close", focused: true, fillRole: nil).draw(into: &grid, rect: rect)
    }
}

/// A device-logs chunk as a table of entries.
enum LogEntriesView {
    static func draw(_ e: LogEntriesState, focused: Bool, rect: Rect, into grid: inout CellGrid) {
        let visible = e.visible
        var title = "Device logs \(e.chunk.id) · \(visible.count) of \(e.entries.count) entries"
        if let t = e.typeFilter { title += " · type: \(t.rawValue)" }
        if !e.textFilter.isEmpty { title += " · /\(e.textFilter)" }
        let inner = Box(title: title, bottomRightLabel: Viewport.positionText(cursor: visible.isEmpty ? nil : e.cursor.index,
                                                                           count: visible.count, ascii: grid.ascii) + " · t type · / filter · Esc close",
                        focused: true, fillRole: .overlay).draw(into: &grid, rect: rect)
        if e.loading { PaneMessage.draw([("loading entries…", .dim)], rect: inner, into: &grid); return }
        if let err = e.error { PaneMessage.draw(PaneMessage.error(err, what: "read the device logs"), rect: inner, into: &grid); return }
        var tableRect = inner
        if e.showsEntry, let entry = e.current, inner.height > 8 {
            let detailHeight = min(6, inner.height / 3)
            tableRect.height -= detailHeight
            let detail = Rect(row: tableRect.bottom, column: inner.column, height: detailHeight, width: inner.width)
            grid.fill(Rect(row: detail.row, column: detail.column, height: 1, width: detail.width), role: .border,
                      text: grid.ascii ? "-" : "─")
            let text = "\(Formatters.fullTime(entry.timestamp))  \(entry.type.rawValue)  \(entry.deviceIdentifier)  \(entry.managerIdentifier): \(entry.message)"
            for (i, part) in TextWrap.wrap(text, width: max(1, detail.width - 2), ascii: grid.ascii).prefix(detailHeight - 1).enumerated() {
                grid.putFitted(part, row: detail.row + 1 + i, column: detail.column + 1, width: detail.width - 2, role: .overlay)
            }
        }
        let cursor = visible.isEmpty ? nil : e.cursor.index
        let window = TableView.window(cursor: cursor, scrollOffset: e.cursor.offset, count: visible.count, rect: tableRect)
        let rows = visible[window].map { entry -> TableRow in
            let style: RowStyle = entry.type == .error ? .error : .normal
            return TableRow([Formatters.fullTime(entry.timestamp), entry.type.rawValue, entry.deviceIdentifier,
                             entry.managerIdentifier, entry.message], style: style)
        }
        TableView(columns: [TableColumn("Timestamp", width: .fixed(24)), TableColumn("Type", width: .fixed(16)),
                            TableColumn("Device", width: .flexible(weight: 1, min: 6)),
                            TableColumn("Manager", width: .flexible(weight: 1, min: 6)),
                            TableColumn("Message", width: .flexible(weight: 4, min: 10))],
                  rows: rows, cursor: cursor, focused: focused, scrollOffset: e.cursor.offset,
                  emptyMessage: "no entries match", rowOffset: window.lowerBound, totalRows: visible.count)
            .draw(into: &grid, rect: tableRect)
    }
}
