import BlobBrowser
#if canImport(Glibc)
import Glibc
#endif

/// Runs a `TerminalApplication` on the real terminal (ncurses): one UI thread that owns ncurses and loops on
/// `poll([stdin, wake pipe])`. Input is drained with `get_wch` until empty; ncurses owns SIGWINCH (its handler
/// flags the resize and the next `get_wch` returns `KEY_RESIZE` → `.resize`); a chained handler also writes to the
/// wake pipe, because the signal may land on another thread and then would not interrupt `poll`. Redraws are coalesced (one render per
/// batch of events, at most `maxFramesPerSecond`); ticks are sent only while the app `wantsTicks`. Below the minimum
/// size the too-small notice is shown instead of the app. The terminal is restored on every exit path (return,
/// throw, signals, crashes).
///
/// Wiring example (e.g. for `tideblob ui --engine-demo`):
/// ```swift
/// let waker = UIWaker()
/// let app = MyApp(waker: waker)            // background work calls waker.wake() after posting results
/// try TerminalLoop(application: app, waker: waker, options: TerminalOptions(mouse: false)).run()
/// ```
public final class TerminalLoop {
    public let application: TerminalApplication
    public let waker: UIWaker
    public let options: TerminalOptions
    /// Frames blitted so far (for diagnostics).
    public private(set) var frameCount = 0

    public init(application: TerminalApplication, waker: UIWaker, options: TerminalOptions = TerminalOptions()) {
        self.application = application
        self.waker = waker
        self.options = options
    }

    /// Blocks until the application `isFinished`. Throws `TerminalError` when stdin/stdout is not a terminal or
    /// ncurses cannot start.
    public func run() throws {
        let terminal = NCursesTerminal(options: options)
        try terminal.start()
        defer { terminal.stop() }
        terminal.wakeOnResize(fd: waker.writeFD)
        let app = application
        app.handle(.resize(rows: terminal.rows, columns: terminal.columns))
        waker.drain()
        app.processPosted()

        let clock = ContinuousClock()
        let frameInterval = Duration.seconds(1.0 / options.maxFramesPerSecond)
        let tickInterval = Duration.seconds(options.tickInterval)
        var lastFrame = clock.now - frameInterval
        var nextTick: ContinuousClock.Instant?
        var dirty = true

        while !app.isFinished {
            var now = clock.now
            if dirty, now - lastFrame >= frameInterval {
                draw(on: terminal)
                lastFrame = now
                dirty = false
            }
            // How long to sleep: until the next allowed frame, the next tick, or forever.
            var timeout: Duration?
            if dirty { timeout = lastFrame + frameInterval - now }
            if app.wantsTicks {
                let t = nextTick ?? (now + tickInterval)
                nextTick = t
                timeout = min(timeout ?? (t - now), t - now)
            } else {
                nextTick = nil
            }
            if waker.readFD < 0 { timeout = min(timeout ?? .milliseconds(100), .milliseconds(100)) }
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: waker.readFD, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, nfds_t(waker.readFD >= 0 ? 2 : 1), LoopTiming.milliseconds(timeout))

            // Input: always drain (cheap in nodelay mode; covers EINTR from SIGWINCH and ncurses' own buffer).
            for event in terminal.readEvents() {
                if case .key(.ctrl("l")) = event { terminal.invalidate() }
                app.handle(event)
                dirty = true
                if app.isFinished { return }
            }
            if waker.drain() || waker.readFD < 0 {
                app.processPosted()
                dirty = true
            }
            now = clock.now
            if let t = nextTick, now >= t, app.wantsTicks {
                app.handle(.tick)
                dirty = true
                nextTick = (now - t > tickInterval) ? now + tickInterval : t + tickInterval
            }
        }
    }

    private func draw(on terminal: NCursesTerminal) {
        let theme = options.noColor || terminal.colors < 8 ? application.theme.withoutColors() : application.theme
        let grid = FrameRenderer.render(application, rows: terminal.rows, columns: terminal.columns,
                                        ascii: terminal.ascii, options: options)
        terminal.blit(grid, theme: theme)
        frameCount += 1
    }
}

/// Poll timeout arithmetic.
enum LoopTiming {
    /// Milliseconds for `poll` (rounded up, ≥ 0), or -1 (wait forever) for nil.
    static func milliseconds(_ d: Duration?) -> Int32 {
        guard let d else { return -1 }
        let (seconds, attoseconds) = d.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(ms, Int64(Int32.max)))
    }
}
