import BlobBrowser
import CNCursesW
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// Why the terminal could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case initializationFailed(String)

    public var description: String {
        switch self {
        case .notATerminal: return "standard input and output must be a terminal"
        case .initializationFailed(let why): return "cannot initialise the terminal: \(why)"
        }
    }
}

/// The only code that calls ncurses: setup and teardown, input decoding, and blitting `CellGrid`s. Used from one
/// thread (the UI thread of `TerminalLoop`).
final class NCursesTerminal {
    private let options: TerminalOptions
    private(set) var rows = 0
    private(set) var columns = 0
    private(set) var ascii = false
    private(set) var colors = 0
    private var started = false
    private var signalsInstalled = false
    private var resizeWakeInstalled = false
    private var screen: OpaquePointer?
    private var previous: CellGrid?
    private var pairs = ColorPairTable(limit: 256)
    private var cachedTheme: Theme?
    private var roleAttributes: [StyleRole: (attr: attr_t, pair: Int16)] = [:]
    private var mouseMasks = MouseMasks(clicked: 0, pressed: 0, wheelUp: 0, wheelDown: 0)

    init(options: TerminalOptions) { self.options = options }

    func start() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        _ = setlocale(LC_ALL, "")
        SafeText.prepareLocale()          // keeps a UTF-8 LC_CTYPE for wcwidth (C.UTF-8 fallback)
        ascii = options.forceASCII || !SafeText.isUTF8Locale
        setenv("ESCDELAY", "25", 0)
        checkKeyCodes()

        SignalRestore.install()
        signalsInstalled = true
        guard let out = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            uninstallSignals()
            throw TerminalError.initializationFailed("fdopen failed")
        }
        guard let scr = newterm(nil, out, input) else {
            uninstallSignals()
            throw TerminalError.initializationFailed("unknown terminal type (TERM)")
        }
        screen = scr
        started = true
        let win = cn_stdscr()
        _ = set_escdelay(25)
        _ = raw()                         // Ctrl-C / Ctrl-Z / Ctrl-S arrive as keys; the app decides
        _ = noecho()
        _ = nonl()
        _ = keypad(win, true)
        _ = nodelay(win, true)
        _ = intrflush(win, false)
        _ = curs_set(0)
        if has_colors() && !options.noColor {
            _ = start_color()
            _ = use_default_colors()
            colors = Int(cn_colors())
            pairs = ColorPairTable(limit: min(Int(cn_color_pairs()), 256))
        }
        if options.mouse {
            _ = mousemask(cn_all_mouse_events(), nil)
            mouseMasks = MouseMasks(clicked: UInt(cn_button1_clicked_only()), pressed: UInt(cn_button1_pressed_only()),
                                    wheelUp: UInt(cn_button4_pressed()), wheelDown: UInt(cn_button5_pressed()))
        }
        updateSize()
    }

    /// After `start`: SIGWINCH also wakes the loop through `fd` (the `UIWaker` pipe).
    func wakeOnResize(fd: Int32) {
        guard started, !resizeWakeInstalled, fd >= 0 else { return }
        SignalRestore.installResizeWake(fd: fd)
        resizeWakeInstalled = true
    }

    func stop() {
        guard started else { return }
        started = false
        if resizeWakeInstalled {
            SignalRestore.uninstallResizeWake()
            resizeWakeInstalled = false
        }
        if options.mouse { _ = mousemask(0, nil) }
        _ = curs_set(1)
        _ = endwin()
        if let screen { delscreen(screen) }
        screen = nil
        uninstallSignals()
    }

    private func uninstallSignals() {
        guard signalsInstalled else { return }
        signalsInstalled = false
        SignalRestore.uninstall()
    }

    deinit { stop() }

    /// For `startHeadless` (tests): take over a screen created on /dev/null and give it a size.
    func adoptHeadless(screen scr: OpaquePointer, rows: Int, columns: Int, ascii: Bool) {
        screen = scr
        started = true
        self.ascii = ascii
        _ = resizeterm(Int32(rows), Int32(columns))
        if has_colors() && !options.noColor {
            _ = start_color()
            _ = use_default_colors()
            colors = Int(cn_colors())
            pairs = ColorPairTable(limit: min(Int(cn_color_pairs()), 256))
        }
        updateSize()
    }

    private func checkKeyCodes() {
        assert(KEY_DOWN == NCursesKeyCode.down && KEY_RESIZE == NCursesKeyCode.resize
               && KEY_MOUSE == NCursesKeyCode.mouse && KEY_BTAB == NCursesKeyCode.backTab
               && KEY_END == NCursesKeyCode.end && KEY_DC == NCursesKeyCode.deleteChar, "ncurses key codes differ")
    }

    private func updateSize() {
        let win = cn_stdscr()
        rows = Int(getmaxy(win))
        columns = Int(getmaxx(win))
        previous = nil
    }

    /// Forces the next blit to rewrite every cell (after Ctrl-L or anything that may have garbled the screen).
    func invalidate() {
        previous = nil
        _ = clearok(cn_curscr(), true)
    }

    // MARK: Input

    /// Everything ncurses has buffered, decoded (reads until `ERR`; never blocks beyond the ESC delay).
    func readEvents() -> [InputEvent] {
        var events: [InputEvent] = []
        while true {
            var ch: wint_t = 0
            let status = get_wch(&ch)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                let code = Int32(truncatingIfNeeded: ch)
                if code == KEY_RESIZE {
                    updateSize()
                    events.append(.resize(rows: rows, columns: columns))
                } else if code == KEY_MOUSE {
                    if let m = readMouse() { events.append(.mouse(m)) }
                } else if let key = KeyDecoder.decode(.functionKey(code)) {
                    events.append(.key(key))
                }
            } else if let key = KeyDecoder.decode(.character(UInt32(ch))) {
                events.append(.key(key))
            }
        }
        return events
    }

    private func readMouse() -> MouseEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return MouseDecoder.decode(state: UInt(event.bstate), row: Int(event.y), column: Int(event.x),
                                   masks: mouseMasks)
    }

    // MARK: Output

    /// Writes the cells that differ from the previous frame and refreshes. `grid` must be sanitized.
    func blit(_ grid: CellGrid, theme: Theme) {
        if cachedTheme != theme { prepare(theme) }
        let runs = BlitDiff.runs(from: previous, to: grid)
        for run in runs {
            for (i, cell) in run.cells.enumerated() where !cell.isContinuation {
                put(cell, row: run.row, column: run.column + i)
            }
        }
        _ = refresh()
        previous = grid
    }

    private func put(_ cell: Cell, row: Int, column: Int) {
        guard row < rows, column < columns else { return }
        let style = roleAttributes[cell.role] ?? (cn_a_normal(), 0)
        var wide: [wchar_t] = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        if wide.isEmpty { wide = [32] }
        wide.append(0)
        var cc = cchar_t()
        _ = setcchar(&cc, &wide, style.attr, style.pair, nil)
        _ = mvadd_wch(Int32(row), Int32(column), &cc)   // ERR for the bottom-right cell is expected; it is drawn
    }

    private func prepare(_ theme: Theme) {
        cachedTheme = theme
        roleAttributes = [:]
        for role in StyleRole.allCases {
            let ts = TerminalStyle(theme[role], colors: colors, noColor: options.noColor)
            var attr = cn_a_normal()
            if ts.bold { attr |= cn_a_bold() }
            if ts.reverse { attr |= cn_a_reverse() }
            if ts.underline { attr |= cn_a_underline() }
            if ts.dim { attr |= cn_a_dim() }
            var pair: Int16 = 0
            if colors > 0 {
                let p = pairs.pair(fg: ts.fg, bg: ts.bg)
                if p.isNew { _ = init_pair(p.number, Int16(ts.fg), Int16(ts.bg)) }
                pair = p.number
            }
            roleAttributes[role] = (attr, pair)
        }
        previous = nil   // every cell's look may have changed
    }
}
