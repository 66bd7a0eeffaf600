import CNCursesW
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// Test hooks: the real ncurses library without a tty (`newterm` on /dev/null, `resizeterm`), reading the composed
/// screen back from `curscr` (tui-anchors.md §6 "ncurses headless"). Not for production use.
extension NCursesTerminal {
    /// Starts ncurses writing to /dev/null with a fixed size. No signal handlers, no termios changes.
    func startHeadless(rows: Int, columns: Int, term: String = "xterm-256color", ascii: Bool = false) throws {
        SafeText.prepareLocale()
        guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            throw TerminalError.initializationFailed("cannot open /dev/null")
        }
        guard let scr = newterm(term, out, input) else {
            throw TerminalError.initializationFailed("unknown terminal type \(term)")
        }
        adoptHeadless(screen: scr, rows: rows, columns: columns, ascii: ascii)
    }

    /// The text of each screen row as ncurses last sent it (`mvwinnwstr` on `curscr`).
    func screenLines() -> [String] {
        (0..<rows).map { row in
            var buffer = [wchar_t](repeating: 0, count: columns + 1)
            _ = mvwinnwstr(cn_curscr(), Int32(row), 0, &buffer, Int32(columns))
            var s = ""
            for w in buffer.prefix(while: { $0 != 0 }) {
                if let u = Unicode.Scalar(UInt32(bitPattern: w)) { s.unicodeScalars.append(u) }
            }
            return s
        }
    }

    /// Attributes of one screen cell as ncurses holds it.
    func screenCellStyle(row: Int, column: Int) -> (bold: Bool, reverse: Bool, underline: Bool, pair: Int16) {
        var cc = cchar_t()
        _ = mvwin_wch(cn_curscr(), Int32(row), Int32(column), &cc)
        var wide = [wchar_t](repeating: 0, count: 8)
        var attr: attr_t = 0
        var pair: Int16 = 0
        _ = getcchar(&cc, &wide, &attr, &pair, nil)
        return (attr & cn_a_bold() != 0, attr & cn_a_reverse() != 0, attr & cn_a_underline() != 0, pair)
    }

    /// The colours of a pair number.
    func pairColors(_ pair: Int16) -> (fg: Int, bg: Int) {
        var fg: Int16 = 0, bg: Int16 = 0
        _ = pair_content(pair, &fg, &bg)
        return (Int(fg), Int(bg))
    }
}
