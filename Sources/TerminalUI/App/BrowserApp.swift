import BlobBrowser
import Foundation

/// The browser as a `TerminalApplication`: owns the store, feeds it input, applies posted results, renders.
public final class BrowserApp: TerminalApplication {
    public let store: BrowserStore
    public private(set) var theme: Theme
    /// Loads a theme by name for `:theme NAME`; returns the theme and a notice when it fell back.
    private let themeResolver: (String) -> (Theme, String?)
    private var loadedThemeName: String
    private let clock: @Sendable () -> Date

    /// - Parameter waker: woken whenever an effect posts a result (pass the loop's waker).
    public init(state: BrowserState, backend: any BrowserBackend, files: any LocalFiles, waker: UIWaker,
                theme: Theme = .default, keymap: Keymap = .default, clock: @escaping @Sendable () -> Date = { Date() },
                themeResolver: @escaping (String) -> (Theme, String?) = { name in
                    if let t = Theme.builtIn(name) { return (t, nil) }
                    return (.default, "unknown theme \(name); using \(Theme.defaultName)")
                }) {
        self.store = BrowserStore(state: state, backend: backend, files: files, keymap: keymap, clock: clock,
                                  onPost: { waker.wake() })
        self.theme = theme
        self.themeResolver = themeResolver
        self.loadedThemeName = state.themeName
        self.clock = clock
    }

    /// Sends `.start` (load account and users). Call once before running the loop.
    public func start() { store.send(.start) }

    public func handle(_ event: InputEvent) {
        store.send(.input(event))
        applyThemeChange()
    }

    public func processPosted() { store.processPosted() }

    public func render(into grid: inout CellGrid) {
        BrowserScreen.render(store.state, keymap: store.keymap, now: clock(), into: &grid)
    }

    public var wantsTicks: Bool {
        store.busy > 0 || !store.state.transfers.running.isEmpty || store.state.deleteBatch != nil
    }

    public var isFinished: Bool { store.state.isFinished }

    private func applyThemeChange() {
        let wanted = store.state.themeName
        guard wanted != loadedThemeName else { return }
        loadedThemeName = wanted
        let (t, notice) = themeResolver(wanted)
        theme = t
        if let notice { store.send(.notice(notice, .warning)) }
    }
}
