import SafeText
import Testing
@testable import TerminalUI

extension Reliability {
    /// The checkers the corpus sinks rely on must themselves catch what they are meant to catch (not counted in the
    /// ledger: these are not corpus inputs).
    @Suite struct HostileCheckers {
        @Test(arguments: [
            ("ESC", [0x61, 0x1B, 0x5B, 0x32, 0x4A]), ("raw C1 byte", [0x61, 0x9B, 0x62]), ("C1 scalar", [0xC2, 0x9B]),
            ("bidi RLO", [0xE2, 0x80, 0xAE]), ("ZWSP", [0xE2, 0x80, 0x8B]), ("BOM", [0xEF, 0xBB, 0xBF]),
            ("BEL", [0x07]), ("CR", [0x0D]), ("DEL", [0x7F]), ("overlong ESC", [0xC0, 0x9B]), ("tab", [0x09]),
            ("private use", [0xEE, 0x80, 0x80]), ("leading combining mark", [0xCC, 0x81, 0x61]),
        ] as [(String, [UInt8])])
        func terminalSafetyCatches(_ label: String, _ bytes: [UInt8]) {
            #expect(!TerminalSafety.problems(bytes: bytes).isEmpty, "\(label) not caught")
        }

        @Test func terminalSafetyPassesSafeText() {
            for s in ["plain", "李小龍 🎉", "e\u{301}", "two\nlines", "<U+202E> \\x1b[31m"] {
                #expect(TerminalSafety.problems(text: s).isEmpty, "\(s.debugDescription) flagged")
            }
            #expect(!TerminalSafety.problems(text: "a\nb", allowNewline: false).isEmpty)
        }

        @Test func tableLayoutCatchesAnOverflowingCell() throws {
            let header = "ID    NAME      LAST"
            let layout = try #require(TableLayout(header: header, names: ["ID", "NAME", "LAST"], caps: [4, 8, nil]))
            #expect(layout.problems(row: "ab    abcdefgh  x").isEmpty)
            #expect(!layout.problems(row: "ab    abcdefghijx").isEmpty)       // ran into the separator
            #expect(!layout.problems(row: "ab    abcdefgh長x").isEmpty)       // wide character over the boundary
            let wide = try #require(TableLayout(header: "ID          NAME", names: ["ID", "NAME"], caps: [4, nil]))
            #expect(!wide.problems(row: "abcdefghij  x").isEmpty)           // column wider than its cap
        }

        @Test func gridCheckCatchesUnsafeCells() {
            var grid = CellGrid(rows: 2, columns: 4)
            grid.put("ok", row: 0, column: 0, role: .normal)
            #expect(GridCheck.problems(grid).isEmpty)
            grid.setCell(Cell(text: "\u{1B}"), width: 1, row: 1, column: 0)
            #expect(!GridCheck.problems(grid).isEmpty)
            var wide = CellGrid(rows: 1, columns: 2)
            wide.setCell(Cell(text: "長"), width: 1, row: 0, column: 1)
            #expect(!GridCheck.problems(wide).isEmpty)
        }

        @Test func jsonSplitFindsElements() throws {
            let text = #"[ {"a": "x}]\"{"}, {"b": [1, {"c": 2}]} ]"#
            let parts = try #require(JSONArraySplit.elements(Array(text.utf8)))
            #expect(parts.map { String(decoding: $0, as: UTF8.self) } == [#"{"a": "x}]\"{"}"#, #"{"b": [1, {"c": 2}]}"#])
        }
    }
}
