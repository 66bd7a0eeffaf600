import BlobBrowser
import Testing
@testable import TerminalUI

@Suite struct SafeGridTests {
    @Test func putWritesAndClips() {
        var g = CellGrid(rows: 2, columns: 8)
        #expect(g.put("hello world", row: 0, column: 2, role: .title) == 6)
        #expect(g.lines() == ["  hello ", "        "])
        #expect(g.role(row: 0, column: 2) == .title)
        #expect(g.role(row: 0, column: 1) == .normal)
        #expect(g.put("abcdef", row: 1, column: 0, maxWidth: 3, role: .normal) == 3)
        #expect(g.line(1) == "abc     ")
        #expect(g.put("x", row: 5, column: 0, role: .normal) == 0)   // off-grid row
        #expect(g.put("xyz", row: 1, column: -1, role: .normal) == 2)
        #expect(g.line(1) == "yzc     ")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverHalf() {
        var g = CellGrid(rows: 1, columns: 5)
        #expect(g.put("日本語", row: 0, column: 0, role: .normal) == 4)   // the third does not fit in 1 cell
        #expect(g[row: 0, column: 0].text == "日")
        #expect(g[row: 0, column: 1].isContinuation)
        #expect(g[row: 0, column: 4].text == " ")
        #expect(g.line(0) == "日本 ")
        // Overwriting half of a wide char blanks the other half.
        g.put("x", row: 0, column: 1, role: .normal)
        #expect(g.line(0) == " x本 ")
        g.put("y", row: 0, column: 2, role: .normal)
        #expect(g.line(0) == " xy  ")
        #expect(g.isSanitized)
    }

    @Test func combiningMarksStayWithTheirBase() {
        var g = CellGrid(rows: 1, columns: 4)
        #expect(g.put("e\u{0301}x", row: 0, column: 0, role: .normal) == 2)
        #expect(g[row: 0, column: 0].text == "e\u{0301}")
        #expect(g.line(0) == "e\u{0301}x  ")
    }

    @Test func escapesGetTheEscapedRole() {
        var g = CellGrid(rows: 1, columns: 12)
        g.put("a\u{1B}[2J", row: 0, column: 0, role: .normal)
        #expect(g.line(0) == "a\\x1b[2J    ")
        #expect(g.role(row: 0, column: 0) == .normal)
        #expect(g.role(row: 0, column: 1) == .escaped)
        #expect(g.role(row: 0, column: 4) == .escaped)
        #expect(g.role(row: 0, column: 5) == .normal)
    }

    @Test func asciiGridUsesASCIIOnly() {
        var g = CellGrid(rows: 1, columns: 10, ascii: true)
        g.put("Zoë 日本", row: 0, column: 0, role: .normal)
        #expect(g.line(0) == "Zo? ??    ")
        #expect(g.ellipsis == "...")
        g.putFitted("abcdefghijkl", row: 0, column: 0, width: 10, role: .normal)
        #expect(g.line(0) == "abcdefg...")
    }

    @Test func fillAndRestyle() {
        var g = CellGrid(rows: 3, columns: 4)
        g.fill(Rect(row: 1, column: 1, height: 5, width: 2), role: .border, text: "─")
        #expect(g.lines() == ["    ", " ── ", " ── "])
        g.restyle(Rect(row: 0, column: 0, height: 1, width: 4), role: .selection)
        #expect(g.role(row: 0, column: 3) == .selection)
        g.fill(g.bounds, role: .normal, text: "\u{1B}")   // control fill text → first char of its escape
        #expect(g.line(0) == "\\\\\\\\")
    }

    @Test func putFittedTruncatesAndAligns() {
        var g = CellGrid(rows: 3, columns: 10)
        g.putFitted("0123456789abcdef", row: 0, column: 0, width: 9, role: .normal, truncation: .middle)
        #expect(g.line(0) == "0123…cdef ")
        g.putFitted("42", row: 1, column: 0, width: 6, role: .normal, alignment: .right)
        #expect(g.line(1) == "    42    ")
        g.putFitted("日本語", row: 2, column: 0, width: 4, role: .normal)
        #expect(g.line(2) == "日…       ")
    }

    @Test func drawCopiesAnotherGrid() {
        var small = CellGrid(rows: 1, columns: 3)
        small.put("日x", row: 0, column: 0, role: .title)
        var g = CellGrid(rows: 2, columns: 4)
        g.draw(small, row: 1, column: 2)
        #expect(g.lines() == ["    ", "  日"])
    }

    @Test(arguments: HostileStrings.all)
    func hostileTextNeverReachesACell(_ text: String) {
        for ascii in [false, true] {
            var g = CellGrid(rows: 3, columns: 30, ascii: ascii)
            g.put(text, row: 0, column: 0, role: .normal)
            g.putFitted(text, row: 1, column: 3, width: 20, role: .normal, truncation: .middle)
            g.fill(Rect(row: 2, column: 0, height: 1, width: 30), role: .normal, text: text)
            #expect(HostileStrings.forbidden(in: g).isEmpty)
            #expect(!g.lines().joined().utf8.contains(0x1B))
            #expect(g.isSanitized)
        }
    }

    @Test func safetyPassRepairsAnything() {
        // Build a broken grid through the internal storage, as a buggy caller might.
        var g = CellGrid(rows: 1, columns: 8)
        var cells = g.storage
        cells[0] = Cell(text: "\u{1B}", role: .normal)          // ESC
        cells[1] = Cell(text: "\u{9B}", role: .normal)          // C1
        cells[2] = Cell(text: "\u{202E}", role: .normal)        // RLO
        cells[3] = Cell(text: "", role: .normal)                // stray continuation
        cells[4] = Cell(text: "ab", role: .normal)              // two graphemes in one cell
        cells[5] = Cell(text: "日", role: .normal)              // wide without continuation
        cells[6] = Cell(text: "x", role: .normal)
        cells[7] = Cell(text: "日", role: .normal)              // wide at the edge
        g.storage = cells
        let s = g.sanitized()
        #expect(s.lines() == ["??? ? x "])
        #expect(s.role(row: 0, column: 0) == .escaped)
        #expect(HostileStrings.forbidden(in: s).isEmpty)
        #expect(s.isSanitized)
    }
}

@Suite struct SafeGridPerformanceTests {
    @Test func fullFrameSanitizeAndDiffAreCheap() {
        var g = CellGrid(rows: 40, columns: 120)
        for y in 0..<40 { g.put(String(repeating: "abc日本語 ✓ ", count: 12), row: y, column: 0, role: .normal) }
        let clock = ContinuousClock()
        let start = clock.now
        var next = g
        for i in 0..<30 {
            next.put("frame \(i)", row: 0, column: 0, role: .title)
            let s = next.sanitized()
            _ = BlitDiff.runs(from: g, to: s)
        }
        let perFrame = (clock.now - start) / 30
        #expect(perFrame < .milliseconds(200), "\(perFrame) per frame")
    }
}
