import BlobBrowser

/// Drives a `TerminalApplication` without a terminal, for tests: feeds scripted events and returns the rendered
/// (sanitized) grids. Mirrors `TerminalLoop`: an initial `.resize`, `processPosted()` after every event, the
/// too-small notice below the minimum size, and `.resize` when `resize` is called.
public final class HeadlessDriver {
    public let application: TerminalApplication
    public private(set) var rows: Int
    public private(set) var columns: Int
    public var ascii: Bool
    public var options: TerminalOptions
    /// Every frame rendered so far.
    public private(set) var frames: [CellGrid] = []
    public var lastFrame: CellGrid? { frames.last }
    /// Wakes posted by background work; `pump()` / `send` notice them.
    public let waker: UIWaker

    public init(application: TerminalApplication, rows: Int = 24, columns: Int = 80, ascii: Bool = false,
                options: TerminalOptions = TerminalOptions(), waker: UIWaker = UIWaker()) {
        self.application = application; self.rows = rows; self.columns = columns; self.ascii = ascii
        self.options = options; self.waker = waker
    }

    /// Sends the initial `.resize` and renders the first frame.
    @discardableResult
    public func start() -> CellGrid {
        application.handle(.resize(rows: rows, columns: columns))
        application.processPosted()
        return render()
    }

    /// Handles one event (a `.resize` also changes the driver's size), processes posted results, renders.
    @discardableResult
    public func send(_ event: InputEvent) -> CellGrid {
        if case .resize(let r, let c) = event { rows = r; columns = c }
        application.handle(event)
        waker.drain()
        application.processPosted()
        return render()
    }

    /// Sends each event in order; returns one frame per event.
    @discardableResult
    public func send(_ events: [InputEvent]) -> [CellGrid] { events.map { send($0) } }

    /// Convenience: keys as events.
    @discardableResult
    public func press(_ keys: Key...) -> CellGrid {
        var last = lastFrame ?? render()
        for k in keys { last = send(.key(k)) }
        return last
    }

    /// Types printable characters as `.key(.char(c))`.
    @discardableResult
    public func type(_ text: String) -> CellGrid {
        var last = lastFrame ?? render()
        for c in text { last = send(.key(.char(c))) }
        return last
    }

    @discardableResult
    public func resize(rows: Int, columns: Int) -> CellGrid { send(.resize(rows: rows, columns: columns)) }

    /// Processes results posted by background work (as the loop does after a wake) and renders.
    @discardableResult
    public func pump() -> CellGrid {
        waker.drain()
        application.processPosted()
        return render()
    }

    /// Renders the current state without sending anything.
    @discardableResult
    public func render() -> CellGrid {
        let grid = FrameRenderer.render(application, rows: rows, columns: columns, ascii: ascii, options: options)
        frames.append(grid)
        return grid
    }

    /// Convenience: the last frame's lines.
    public var lines: [String] { lastFrame?.lines() ?? [] }
}
