import BlobBrowser

/// What the terminal loop drives. All methods are called on the UI thread (the thread running
/// `TerminalLoop.run()` or the test calling `HeadlessDriver`), one at a time.
///
/// Background work must not touch the application directly: it stores its results somewhere thread-safe and calls
/// `UIWaker.wake()`; the loop then calls `processPosted()` on the UI thread. Note that while `run()` blocks the main
/// thread, main-actor / main-queue jobs do not run: do not rely on `@MainActor` hops during the loop.
public protocol TerminalApplication: AnyObject {
    /// A key, mouse event, resize (also sent once at start with the initial size) or tick.
    func handle(_ event: InputEvent)
    /// Apply results posted by background work (called after a wake, and at most once per loop iteration).
    func processPosted()
    /// Draw the whole frame. `grid` arrives cleared, sized to the terminal, `ascii` set for non-UTF-8 locales.
    func render(into grid: inout CellGrid)
    /// While true, the loop sends `.tick` about every `tickInterval` (≤ 10 Hz), e.g. while transfers run.
    var wantsTicks: Bool { get }
    /// The loop returns after the event that made this true.
    var isFinished: Bool { get }
    /// The theme used to show the roles (read every frame; changing it takes effect on the next frame).
    var theme: Theme { get }
}

extension TerminalApplication {
    /// Default: the built-in theme (`themes/dark.toml`).
    public var theme: Theme { Theme.default }
}
