#ifndef TIDEBLOB_CNCURSESW_SHIM_H
#define TIDEBLOB_CNCURSESW_SHIM_H
/* NCURSES_WIDECHAR must precede curses.h: SwiftPM drops pkg-config's -D_XOPEN_SOURCE. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

/* Macros Swift cannot import, and C globals that are errors in Swift 6 mode. */
static inline attr_t cn_a_normal(void)    { return A_NORMAL; }
static inline attr_t cn_a_bold(void)      { return A_BOLD; }
static inline attr_t cn_a_reverse(void)   { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_dim(void)       { return A_DIM; }
static inline attr_t cn_a_italic(void)    { return A_ITALIC; }
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline WINDOW *cn_curscr(void) { return curscr; }
static inline int cn_lines(void)  { return LINES; }
static inline int cn_cols(void)   { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }
static inline mmask_t cn_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t cn_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t cn_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cn_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
/* ---- Mouse bits, one by one (tideblob TerminalUI). ---- */
static inline mmask_t cn_button1_pressed_only(void)  { return BUTTON1_PRESSED; }
static inline mmask_t cn_button1_clicked_only(void)  { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_TRIPLE_CLICKED; }
static inline mmask_t cn_button1_released_only(void) { return BUTTON1_RELEASED; }

/* ---- Terminal restore on signals (tideblob TerminalUI). ----
   Async-signal-safe only: tcsetattr, write, sigaction, raise, _exit. The termios saved at start is restored, the
   alternate screen left, the cursor shown, attributes and mouse reporting reset. Exit signals (INT/TERM/HUP) end
   the process with 128+sig; crash signals (SEGV/BUS/ILL/TRAP/ABRT/FPE; Swift traps raise ILL/TRAP) restore, put
   back the previous handler (e.g. Swift's backtracer) and re-raise so the crash is still reported.
   The state below is `static`: call these functions from ONE Swift file only (TerminalUI/Terminal/SignalRestore.swift),
   otherwise each object file could get its own copy of the saved termios. */
#include <termios.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>

/* Storage as function-local statics: Swift's importer does not emit file-scope statics of a header. */
static inline struct termios *cn_saved_termios_ptr(void) { static struct termios t; return &t; }
static inline volatile sig_atomic_t *cn_have_termios_ptr(void) { static volatile sig_atomic_t have = 0; return &have; }
static inline struct sigaction *cn_previous_actions(void) { static struct sigaction a[65]; return a; }

static inline int cn_save_termios(void) {
    if (tcgetattr(STDIN_FILENO, cn_saved_termios_ptr()) == 0) { *cn_have_termios_ptr() = 1; return 0; }
    return -1;
}

static inline void cn_restore_terminal_now(void) {
    static const char seq[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?1l\033>\033[?1049l\033[?25h\r\n";
    if (*cn_have_termios_ptr()) (void)tcsetattr(STDIN_FILENO, TCSANOW, cn_saved_termios_ptr());
    ssize_t ignored = write(STDOUT_FILENO, seq, sizeof seq - 1);
    (void)ignored;
}

static inline void cn_exit_signal_handler(int sig) {
    cn_restore_terminal_now();
    _exit(128 + sig);
}

static inline void cn_crash_signal_handler(int sig) {
    cn_restore_terminal_now();
    if (sig > 0 && sig < 65) (void)sigaction(sig, &cn_previous_actions()[sig], NULL); else (void)signal(sig, SIG_DFL);
    (void)raise(sig);   /* delivered with the previous action once this handler returns */
}

static inline void cn_install_one(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    (void)sigaction(sig, &sa, &cn_previous_actions()[sig]);
}

/* Installs the handlers; call after cn_save_termios(), before initscr/newterm changes the modes. */
static inline void cn_install_restore_handlers(void) {
    int exits[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof exits / sizeof exits[0]; i++) cn_install_one(exits[i], cn_exit_signal_handler);
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) cn_install_one(crashes[i], cn_crash_signal_handler);
}

/* Puts back the handlers that were there before cn_install_restore_handlers(). */
static inline void cn_uninstall_restore_handlers(void) {
    int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) (void)sigaction(sigs[i], &cn_previous_actions()[sigs[i]], NULL);
}

/* Restores the saved termios (normal exit path, after endwin). */
static inline void cn_restore_termios(void) {
    if (*cn_have_termios_ptr()) (void)tcsetattr(STDIN_FILENO, TCSANOW, cn_saved_termios_ptr());
}
/* ---- SIGWINCH → wake the UI thread (tideblob TerminalUI). ----
   ncurses owns SIGWINCH (its handler flags the resize; the next get_wch returns KEY_RESIZE). But the signal may be
   delivered to any thread (HTTP, sandbox server…), and then poll() on the UI thread is not interrupted. This handler
   runs ncurses' handler (installed by newterm) and then writes one byte to the loop's wake pipe. */
#include <errno.h>
static inline volatile int *cn_winch_fd_ptr(void) { static volatile int fd = -1; return &fd; }
static inline struct sigaction *cn_winch_previous(void) { static struct sigaction a; return &a; }

static inline void cn_winch_handler(int sig) {
    int saved = errno;
    struct sigaction *prev = cn_winch_previous();
    if (!(prev->sa_flags & SA_SIGINFO) && prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN
        && prev->sa_handler != NULL) {
        prev->sa_handler(sig);
    }
    int fd = *cn_winch_fd_ptr();
    if (fd >= 0) { char b = 1; ssize_t ignored = write(fd, &b, 1); (void)ignored; }
    errno = saved;
}

/* Call after newterm (so ncurses' handler is the one chained). */
static inline void cn_install_winch_wake(int fd) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cn_winch_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    *cn_winch_fd_ptr() = fd;
    (void)sigaction(SIGWINCH, &sa, cn_winch_previous());
}

static inline void cn_uninstall_winch_wake(void) {
    (void)sigaction(SIGWINCH, cn_winch_previous(), NULL);
    *cn_winch_fd_ptr() = -1;
}
#endif
