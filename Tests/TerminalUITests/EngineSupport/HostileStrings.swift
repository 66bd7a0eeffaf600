import BlobBrowser
import TerminalUI

/// Hostile inputs for the grid safety tests (see SafeTextTests for the sanitizer's own corpus).
enum HostileStrings {
    static let all: [String] = [
        "clip\u{1B}]52;c;ZXZpbA==\u{07}board", "\u{1B}]8;;https://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "A\u{1B}]0;PWNED\u{07}B", "C\u{1B}[2J\u{1B}[1AD", "report\u{1B}[6n", "\u{1B}P+q544e\u{1B}\\dcs", "reset\u{1B}c",
        "lone\u{1B}", "E\u{9B}31mF", "safe-name\rEVIL", "abc\u{08}X", "line1\nline2", "x\ty", "file\u{202E}txt.exe",
        "a\u{2066}b\u{2069}c", "z\u{200B}w\u{200D}j\u{FEFF}", "\u{0301}mark", "日本語🎉e\u{0301}",
        String(repeating: "\u{1B}[31mred", count: 100),
    ]

    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            || (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF || v == 0x2028 || v == 0x2029
    }

    /// Every forbidden scalar found in any cell.
    static func forbidden(in grid: CellGrid) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for y in 0..<grid.rows {
            for x in 0..<grid.columns { found += grid[row: y, column: x].text.unicodeScalars.filter(isForbidden) }
        }
        return found
    }
}

/// A scriptable application for engine tests.
final class ScriptedApp: TerminalApplication {
    var events: [InputEvent] = []
    var posted: [String] = []
    var inbox: [String] = []
    var wantsTicks = false
    var isFinished = false
    var theme = Theme.default
    var renderCount = 0

    func handle(_ event: InputEvent) {
        events.append(event)
        if case .key(.char("q")) = event { isFinished = true }
    }

    func processPosted() {
        posted += inbox
        inbox = []
    }

    func render(into grid: inout CellGrid) {
        renderCount += 1
        grid.put("events: \(events.count)", row: 0, column: 0, role: .normal)
        grid.put("posted: \(posted.joined(separator: ","))", row: 1, column: 0, role: .normal)
        if case .key(let k)? = events.last { grid.put("last: \(k.label)", row: 2, column: 0, role: .normal) }
    }
}
