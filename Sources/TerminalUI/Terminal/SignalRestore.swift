import CNCursesW

/// Terminal restore on every exit path. The handlers live in C (`CNCursesW/shim.h`) so they are async-signal-safe:
/// they restore the termios saved at start, leave the alternate screen, show the cursor, reset attributes and mouse
/// reporting; INT/TERM/HUP/QUIT then `_exit(128+sig)`, crash signals (SEGV/BUS/ILL/TRAP/ABRT/FPE — Swift traps
/// are ILL/TRAP) re-raise with the previous handler. This is the only Swift file that may call these shims (their
/// state is `static` in the header).
enum SignalRestore {
    /// Saves the current termios and installs the handlers. Call before ncurses changes the terminal modes.
    static func install() {
        _ = cn_save_termios()
        cn_install_restore_handlers()
    }

    /// Normal exit: restore the saved termios (after `endwin`) and put the previous handlers back.
    static func uninstall() {
        cn_restore_termios()
        cn_uninstall_restore_handlers()
    }
}
