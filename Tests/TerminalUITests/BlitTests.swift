import Testing
@testable import TerminalUI

@Suite struct BlitTests {
    @Test func firstFrameWritesEverything() {
        var g = CellGrid(rows: 2, columns: 3)
        g.put("ab", row: 0, column: 0, role: .normal)
        let runs = BlitDiff.runs(from: nil, to: g)
        #expect(runs.count == 2)
        #expect(BlitDiff.cellCount(runs) == 6)
    }

    @Test func identicalFramesWriteNothing() {
        var g = CellGrid(rows: 2, columns: 3)
        g.put("ab", row: 0, column: 0, role: .normal)
        #expect(BlitDiff.runs(from: g, to: g).isEmpty)
    }

    @Test func onlyChangedCellsInRuns() {
        var a = CellGrid(rows: 2, columns: 6)
        a.put("hello", row: 0, column: 0, role: .normal)
        var b = a
        b.put("J", row: 0, column: 0, role: .normal)
        b.put("Y", row: 0, column: 4, role: .normal)
        b.restyle(Rect(row: 1, column: 2, height: 1, width: 2), role: .selection)
        let runs = BlitDiff.runs(from: a, to: b)
        #expect(runs.map { [$0.row, $0.column, $0.cells.count] } == [[0, 0, 1], [0, 4, 1], [1, 2, 2]])
    }

    @Test func wideCharactersTravelWithTheirContinuation() {
        var a = CellGrid(rows: 1, columns: 4)
        a.put("ab日", row: 0, column: 0, role: .normal)
        var b = a
        b.restyle(Rect(row: 0, column: 3, height: 1, width: 1), role: .selection)   // only the continuation cell
        let runs = BlitDiff.runs(from: a, to: b)
        #expect(runs.count == 1)
        #expect(runs[0].column == 2)
        #expect(runs[0].cells.map(\.text) == ["日", ""])
    }

    @Test func sizeChangeRewritesAll() {
        let a = CellGrid(rows: 2, columns: 3)
        let b = CellGrid(rows: 3, columns: 3)
        #expect(BlitDiff.cellCount(BlitDiff.runs(from: a, to: b)) == 9)
    }

    @Test func terminalStyleMapping() {
        let s = Style(fg: .rgb(255, 0, 0), bg: .default, bold: true)
        let t256 = TerminalStyle(s, colors: 256)
        #expect(t256.fg == 196 && t256.bg == -1 && t256.bold)
        let t8 = TerminalStyle(s, colors: 8)
        #expect(t8.fg == 1)
        let none = TerminalStyle(s, colors: 0)
        #expect(none.fg == -1 && none.bold)
    }

    @Test func colorPairsAreCachedAndBounded() {
        var table = ColorPairTable(limit: 3)
        #expect(table.pair(fg: -1, bg: -1) == (0, false))
        #expect(table.pair(fg: 1, bg: -1) == (1, true))
        #expect(table.pair(fg: 1, bg: -1) == (1, false))
        #expect(table.pair(fg: 2, bg: 4) == (2, true))
        #expect(table.pair(fg: 3, bg: 4) == (0, false))   // full → default pair
    }
}
