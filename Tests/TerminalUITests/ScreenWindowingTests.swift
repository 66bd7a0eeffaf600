import BlobBrowser
import Foundation
import Testing
import TidepoolAPI
@testable import TerminalUI

/// Large lists build table rows only for the window shown; the frame must be the same as with every row built.
@Suite struct ScreenWindowingTests {
    static func rows(_ count: Int) -> [TableRow] {
        (0..<count).map { TableRow(["\($0 % 3 == 0 ? "*" : " ")", "row \($0)", "\($0 * 7)"], style: $0 % 5 == 0 ? .marked : .normal) }
    }

    @Test func windowedTableDrawsLikeTheFullTable() {
        let columns = [TableColumn("", width: .fixed(1)), TableColumn("Name"), TableColumn("N", width: .fixed(6), alignment: .right)]
        let rect = Rect(row: 1, column: 2, height: 12, width: 40)
        for count in [0, 1, 5, 11, 12, 300] {
            let all = Self.rows(count)
            for (cursor, previous) in [(0, 0), (3, 0), (count / 2, 0), (count / 2, count / 2 + 3), (count - 1, 0), (count + 4, 2)] {
                let c: Int? = count == 0 ? nil : cursor
                var full = CellGrid(rows: 16, columns: 50)
                let fullLayout = TableView(columns: columns, rows: all, cursor: c, scrollOffset: previous, sortColumn: 1,
                                           emptyMessage: "none").draw(into: &full, rect: rect)
                let window = TableView.window(cursor: c, scrollOffset: previous, count: count, rect: rect)
                var windowed = CellGrid(rows: 16, columns: 50)
                let layout = TableView(columns: columns, rows: Array(all[window]), cursor: c, scrollOffset: previous, sortColumn: 1,
                                       emptyMessage: "none", rowOffset: window.lowerBound, totalRows: count)
                    .draw(into: &windowed, rect: rect)
                #expect(windowed.lines() == full.lines(), "count \(count) cursor \(cursor) previous \(previous)")
                #expect(layout == fullLayout)
                #expect(window == fullLayout.visibleRows)
            }
        }
    }

    @Test func manyBlobsShowTheCursorWindowAndFullCount() {
        var s = ScreenFixtures.mainState()
        s.blobs.items = (1...2_000).map { ScreenFixtures.blob($0, size: Int64($0) * 1000) }
        s.blobs.marks = []
        s.blobs.cursor = ListCursor(index: 1_234, offset: 0)
        let lines = ScreenFixtures.render(s).lines()
        #expect(lines.contains { $0.contains("1235/2000") })
        // Default sort: created descending, so row 1234 is blob 1235 (its id starts with the hex of 1235).
        #expect(lines.contains { $0.contains(String(format: "%08x", 1_235)) })
        #expect(!lines.contains { $0.contains(String(format: "%08x", 1)) })
    }
}
