import Testing
@testable import TerminalUI

@Suite struct WidgetTests {
    @Test func boxWithTitleAndLabels() {
        var g = CellGrid(rows: 4, columns: 20)
        let inner = Box(title: "Blobs", bottomRightLabel: "3/10", focused: true).draw(into: &g, rect: g.bounds)
        #expect(inner == Rect(row: 1, column: 1, height: 2, width: 18))
        #expect(g.lines() == [
            "┌─ Blobs ──────────┐",
            "│                  │",
            "│                  │",
            "└─────────── 3/10 ─┘",
        ])
        #expect(g.role(row: 0, column: 0) == .borderFocused)
        #expect(g.role(row: 0, column: 3) == .title)
        var a = CellGrid(rows: 3, columns: 10, ascii: true)
        Box(title: "Users\u{1B}").draw(into: &a, rect: a.bounds)
        #expect(a.lines() == ["+- Us...-+", "|        |", "+--------+"])
        #expect(a.role(row: 0, column: 0) == .border)
    }

    @Test func columnWidthsShareTheRest() {
        let cols = [TableColumn("ID", width: .fixed(6)), TableColumn("Name", width: .flexible(weight: 2, min: 4)),
                    TableColumn("Type", width: .flexible(weight: 1, min: 4))]
        #expect(TableView.columnWidths(cols, totalWidth: 30) == [6, 13, 9])
        #expect(TableView.columnWidths(cols, totalWidth: 12) == [6, 4, 0])
        #expect(TableView.columnWidths(cols, totalWidth: 0) == [0, 0, 0])
    }

    func sampleTable(cursor: Int?, offset: Int = 0, focused: Bool = true) -> TableView {
        let rows = (0..<10).map { i in
            TableRow(["id\(i)0123456789", "name \(i)", "\(i * 100)"], style: i == 2 || i == 6 ? .marked : .normal)
        }
        return TableView(
            columns: [TableColumn("ID", width: .fixed(7), truncation: .middle), TableColumn("Name"),
                      TableColumn("Size", width: .fixed(4), alignment: .right)],
            rows: rows, cursor: cursor, focused: focused, scrollOffset: offset, sortColumn: 1, sortAscending: true)
    }

    @Test func tableScrollsToKeepTheCursorVisible() {
        var g = CellGrid(rows: 4, columns: 22)
        let layout = sampleTable(cursor: 6).draw(into: &g, rect: g.bounds)
        #expect(layout.scrollOffset == 4)
        #expect(layout.visibleRows == 4..<7)
        #expect(layout.positionText == "7/10")
        #expect(g.lines() == [
            "ID      Name▲     Size",
            "id4…789 name 4     400",
            "id5…789 name 5     500",
            "id6…789 name 6     600",
        ])
        #expect(g.role(row: 0, column: 0) == .header)
        #expect(g.role(row: 3, column: 0) == .markedSelection)
        #expect(g.role(row: 3, column: 21) == .markedSelection)
        #expect(g.role(row: 1, column: 0) == .normal)
        #expect(layout.rowIndex(atScreenRow: 2) == 5)
        #expect(layout.rowIndex(atScreenRow: 0) == nil)

        // Scrolling back up keeps the offset until the cursor leaves the window.
        var g2 = CellGrid(rows: 4, columns: 22)
        #expect(sampleTable(cursor: 5, offset: 4).draw(into: &g2, rect: g2.bounds).scrollOffset == 4)
        #expect(sampleTable(cursor: 1, offset: 4).draw(into: &g2, rect: g2.bounds).scrollOffset == 1)
        #expect(g2.role(row: 1, column: 0) == .selection)
        #expect(g2.role(row: 2, column: 0) == .marked)
        // Unfocused pane: inactive selection.
        sampleTable(cursor: 1, offset: 0, focused: false).draw(into: &g2, rect: g2.bounds)
        #expect(g2.role(row: 2, column: 3) == .selectionInactive)
    }

    @Test func viewportAndPosition() {
        #expect(Viewport.offset(cursor: 0, previousOffset: 0, visibleRows: 5, count: 3) == 0)
        #expect(Viewport.offset(cursor: 9, previousOffset: 0, visibleRows: 5, count: 10) == 5)
        #expect(Viewport.offset(cursor: nil, previousOffset: 8, visibleRows: 5, count: 10) == 5)
        #expect(Viewport.offset(cursor: 3, previousOffset: 0, visibleRows: 0, count: 10) == 0)
        #expect(Viewport.positionText(cursor: 0, count: 0) == "0/0")
        #expect(Viewport.positionText(cursor: 41, count: 100) == "42/100")
        #expect(RowStyle.resolve(marked: true, cursor: true, focused: true) == .markedSelection)
        #expect(RowStyle.resolve(marked: false, cursor: false, focused: true) == .normal)
    }

    @Test func emptyTableShowsMessage() {
        var g = CellGrid(rows: 3, columns: 16)
        TableView(columns: [TableColumn("Name")], rows: [], cursor: nil, emptyMessage: "no blobs")
            .draw(into: &g, rect: g.bounds)
        #expect(g.lines() == ["Name            ", " no blobs       ", "                "])
        #expect(g.role(row: 1, column: 1) == .dim)
    }

    @Test func listView() {
        var g = CellGrid(rows: 2, columns: 8)
        let layout = ListView(items: ["a", "b\u{1B}", "c"].map { ListItem($0) }, cursor: 2).draw(into: &g, rect: g.bounds)
        #expect(layout.scrollOffset == 1)
        #expect(g.lines() == ["b\\x1b   ", "c       "])
        #expect(g.role(row: 1, column: 5) == .selection)
    }

    @Test func progressBar() {
        var g = CellGrid(rows: 1, columns: 30)
        let label = ProgressBar.label(fraction: 0.42, bytesPerSecond: 12.3 * 1_048_576, etaSeconds: 7)
        #expect(label == "42% 12.3 MiB/s ETA 0:07")
        ProgressBar(fraction: 0.5, label: "50%").draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == "█████████████░░░░░░░░░░░░░ 50%")
        #expect(g.role(row: 0, column: 0) == .progressDone)
        #expect(g.role(row: 0, column: 13) == .progressTodo)
        var a = CellGrid(rows: 1, columns: 10, ascii: true)
        ProgressBar(fraction: 0.25, label: "").draw(into: &a, rect: a.bounds)
        #expect(a.line(0) == "##--------")
        var i = CellGrid(rows: 1, columns: 10)
        ProgressBar(fraction: 0.5, label: "50%", placement: .inside).draw(into: &i, rect: i.bounds)
        #expect(i.line(0) == "███50%░░░░")
        #expect(i.role(row: 0, column: 3) == .progressDone)
        #expect(i.role(row: 0, column: 5) == .progressTodo)
        #expect(ProgressBar.doneCells(fraction: 1.5, width: 10) == 10)
        #expect(ProgressBar.doneCells(fraction: nil, width: 10) == 0)
    }

    @Test func humanSizesAndDurations() {
        #expect(HumanSize.format(0) == "0 B")
        #expect(HumanSize.format(1023) == "1023 B")
        #expect(HumanSize.format(1024) == "1.0 KiB")
        #expect(HumanSize.format(1536) == "1.5 KiB")
        #expect(HumanSize.format(12_897_485) == "12.3 MiB")
        #expect(HumanSize.format(1_048_575) == "1.0 MiB")
        #expect(HumanSize.format(Int64(1.5 * 1_073_741_824)) == "1.5 GiB")
        #expect(HumanSize.rate(1024) == "1.0 KiB/s")
        #expect(DurationFormat.eta(7) == "0:07")
        #expect(DurationFormat.eta(62.2) == "1:03")
        #expect(DurationFormat.eta(3723) == "1:02:03")
        #expect(DurationFormat.eta(nil) == "--:--")
        #expect(DurationFormat.eta(.infinity) == "--:--")
    }

    @Test func dialogDefaultsToNo() {
        var g = CellGrid(rows: 9, columns: 40)
        let d = Dialog(title: "Delete", message: ["Delete 3 marked blobs?"], buttons: ["Yes", "No"], focusedButton: 1,
                       minWidth: 30)
        let layout = d.draw(into: &g, in: g.bounds)
        #expect(layout.frame == Rect(row: 1, column: 5, height: 6, width: 30))
        #expect(g.lines() == [
            "                                        ",
            "     ┌─ Delete ───────────────────┐     ",
            "     │                            │     ",
            "     │ Delete 3 marked blobs?     │     ",
            "     │                            │     ",
            "     │      [ Yes ]  [ No ]       │     ",
            "     └────────────────────────────┘     ",
            "                                        ",
            "                                        ",
        ])
        #expect(g.role(row: 1, column: 8) == .overlayTitle)
        #expect(g.role(row: 3, column: 7) == .overlay)
        #expect(layout.buttonRects.count == 2)
        let no = layout.buttonRects[1]
        #expect(g.role(row: no.row, column: no.column) == .selection)
        let yes = layout.buttonRects[0]
        #expect(g.role(row: yes.row, column: yes.column) == .overlay)
        #expect(layout.button(atRow: no.row, column: no.column + 2) == 1)
        #expect(layout.button(atRow: 0, column: 0) == nil)
    }

    @Test func textPromptShowsCursorAndScrolls() {
        var g = CellGrid(rows: 1, columns: 10)
        TextPrompt(prefix: "/", text: "abc", cursor: 1).draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == "/abc      ")
        #expect(g.role(row: 0, column: 2) == .selection)
        #expect(g.role(row: 0, column: 1) == .input)
        TextPrompt(prefix: ":", text: "0123456789abc").draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == ":56789abc ")
        #expect(g.role(row: 0, column: 9) == .selection)
        TextPrompt(prefix: ":", text: "", placeholder: "command").draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == ": command ")
        #expect(g.role(row: 0, column: 1) == .selection)
        #expect(g.role(row: 0, column: 2) == .dim)
        TextPrompt(prefix: "> ", text: "a\u{1B}b", cursor: 3).draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == "> a\\x1bb  ")
        #expect(g.role(row: 0, column: 3) == .escaped)
    }

    @Test func footerDropsWhatDoesNotFit() {
        let hints = [FooterHint("q", "quit"), FooterHint("/", "filter"), FooterHint("?", "help")]
        #expect(Footer.fittingCount(hints, width: 100) == 3)
        #expect(Footer.fittingCount(hints, width: 16) == 1)
        #expect(Footer.fittingCount(hints, width: 17) == 2)
        var g = CellGrid(rows: 1, columns: 18)
        Footer(hints: hints).draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == " q quit  / filter ")
        #expect(g.role(row: 0, column: 1) == .footerKey)
        #expect(g.role(row: 0, column: 3) == .footer)
    }

    @Test func statusBar() {
        var g = CellGrid(rows: 1, columns: 30)
        StatusBar(left: [StatusSegment("user@example.org"), StatusSegment("ERR", role: .error)],
                  right: [StatusSegment("3 marked")]).draw(into: &g, rect: g.bounds)
        #expect(g.line(0) == " user@example.org E… 3 marked ")
        #expect(g.role(row: 0, column: 18) == .error)
        #expect(g.role(row: 0, column: 21) == .statusBar)
        #expect(g.role(row: 0, column: 0) == .statusBar)
    }

    @Test func statusBarKeepsAPinnedSegmentWhole() {
        var g = CellGrid(rows: 1, columns: 40)
        StatusBar(left: [StatusSegment(" deleted 0 of 1, 1 failed: HTTP 403 unauthorized", role: .error),
                         StatusSegment("(trace 0123abcd)", role: .error, keep: true)],
                  right: [StatusSegment("idle")]).draw(into: &g, rect: g.bounds)
        let line = g.line(0)
        #expect(line.contains("(trace 0123abcd)"))
        #expect(line.contains("…"))
        #expect(line.hasSuffix(" idle "))
    }

    @Test func helpOverlay() {
        var g = CellGrid(rows: 10, columns: 44)
        let help = HelpOverlay(sections: [
            HelpSection(title: "Navigation", entries: [HelpEntry(keys: "j/↓", description: "down"),
                                                       HelpEntry(keys: "k/↑", description: "up")]),
            HelpSection(title: "Blobs", entries: [HelpEntry(keys: "D", description: "delete marked")]),
        ])
        let layout = help.draw(into: &g, in: g.bounds)
        #expect(layout.totalLines == 6)
        #expect(layout.frame.height == 8)
        #expect(g.lines()[1] == "  ┌─ Help ───────────────────────────────┐  ")
        #expect(g.lines()[3].contains("j/↓  down"))
        #expect(g.lines()[7].contains("D    delete marked"))
    }

    @Test func tooSmallNotice() {
        var g = CellGrid(rows: 5, columns: 50)
        TooSmallNotice.draw(into: &g)
        #expect(g.lines()[2] == "terminal too small: need 60×15, have 50×5".padding(50))
        var narrow = CellGrid(rows: 5, columns: 20, ascii: true)
        TooSmallNotice.draw(into: &narrow)
        #expect(narrow.lines().joined().contains("need 60x15"))
    }
}

extension String {
    /// Centred in `width` columns, like the notice.
    func padding(_ width: Int) -> String {
        let left = (width - count) / 2
        return String(repeating: " ", count: left) + self + String(repeating: " ", count: width - count - left)
    }
}
