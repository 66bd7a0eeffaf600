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

    /// Makes SIGWINCH also write a byte to `wakeFD` after ncurses' own handler ran, so `poll` on the UI thread
    /// returns even when the signal was delivered to another thread. Call after `newterm`.
    static func installResizeWake(fd: Int32) {
        guard fd >= 0 else { return }
        cn_install_winch_wake(fd)
    }

    static func uninstallResizeWake() { cn_uninstall_winch_wake() }

    /// Normal exit: restore the saved termios (after `endwin`) and put the previous handlers back.
    static func uninstall() {
        cn_restore_termios()
        cn_uninstall_restore_handlers()
    }
}
