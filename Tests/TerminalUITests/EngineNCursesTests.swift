import Testing
@testable import TerminalUI

/// The real ncurses path without a tty: blit grids, read the screen back from `curscr`.
/// One test only: ncurses state is process-global.
@Suite struct EngineNCursesTests {
    @Test func blitRoundTripsThroughRealNCurses() throws {
        let terminal = NCursesTerminal(options: TerminalOptions())
        try terminal.startHeadless(rows: 6, columns: 24)
        defer { terminal.stop() }
        #expect(terminal.rows == 6 && terminal.columns == 24)

        var grid = CellGrid(rows: 6, columns: 24)
        Box(title: "日本", focused: true).draw(into: &grid, rect: Rect(row: 0, column: 0, height: 4, width: 24))
        grid.put("e\u{0301} ✓ 🎉 \u{1B}[2J", row: 1, column: 1, role: .normal)
        grid.put("selected", row: 2, column: 1, role: .selection)
        grid.put("file\u{202E}txt", row: 4, column: 0, role: .normal)
        grid = grid.sanitized()
        terminal.blit(grid, theme: Theme.default)
        #expect(terminal.screenLines() == grid.lines())

        let sel = terminal.screenCellStyle(row: 2, column: 1)
        if terminal.colors >= 8 {
            #expect(sel.pair != 0)
            let colors = terminal.pairColors(sel.pair)
            #expect(colors.fg == 0 && colors.bg == 6)   // dark: black on cyan
        }
        let title = terminal.screenCellStyle(row: 0, column: 3)
        #expect(title.bold)

        // A second frame changing one cell: the screen follows, and only that cell was in the diff.
        var next = grid
        next.put("X", row: 4, column: 0, role: .normal)
        #expect(BlitDiff.cellCount(BlitDiff.runs(from: grid, to: next)) == 1)
        terminal.blit(next, theme: Theme.default)
        #expect(terminal.screenLines() == next.lines())

        // NO_COLOR theme: the selection stays visible through reverse video.
        terminal.blit(next, theme: Theme.default.withoutColors())
        #expect(terminal.screenCellStyle(row: 2, column: 1).reverse)
    }
}
