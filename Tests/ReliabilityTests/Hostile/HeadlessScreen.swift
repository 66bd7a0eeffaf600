import BlobBrowser
import Foundation
import TidepoolAPI
@testable import TerminalUI

/// A `BrowserApp` driven without a terminal, like `HeadlessDriver` but keeping no frames (the corpus walk renders
/// thousands): events go to the app, posted results are processed, and `problems()` renders the app's own drawing
/// at the current size and checks it with `GridCheck`.
final class HeadlessScreen {
    let app: BrowserApp
    let waker = UIWaker()
    private(set) var rows = 40
    private(set) var columns = 120

    init(client: TidepoolClient, temp: URL) {
        app = BrowserApp(state: BrowserState(environmentName: "sandbox", downloadDirectory: temp.path),
                         backend: LiveBackend(client: client, journal: nil),
                         files: RealLocalFiles(stateDirectory: temp), waker: waker)
    }

    var state: BrowserState { app.store.state }

    /// The initial resize and load, then waits until every effect finished.
    func start() async {
        app.handle(.resize(rows: rows, columns: columns))
        app.start()
        await settle()
    }

    func send(_ event: InputEvent) {
        if case .resize(let r, let c) = event { rows = r; columns = c }
        app.handle(event)
        waker.drain()
        app.processPosted()
    }

    func press(_ keys: Key...) { for k in keys { send(.key(k)) } }
    func type(_ text: String) { for c in text { send(.key(.char(c))) } }

    /// Waits for background work and processes what it posted.
    func settle() async {
        await app.store.waitUntilIdle()
        waker.drain()
        app.processPosted()
    }

    func render() -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns)
        app.render(into: &grid)
        return grid
    }

    /// Problems of the current screen at the current size.
    func problems() -> [String] { GridCheck.problems(render()) }

    /// Problems of the current screen at each size (prefixed with it); ends at the first size.
    func problems(sizes: [(rows: Int, columns: Int)]) async -> [String] {
        var out: [String] = []
        for size in sizes {
            if size.rows != rows || size.columns != columns {
                send(.resize(rows: size.rows, columns: size.columns))
                await settle()
            }
            out += problems().map { "\(size.columns)x\(size.rows): \($0)" }
        }
        if let first = sizes.first, first.rows != rows || first.columns != columns {
            send(.resize(rows: first.rows, columns: first.columns))
            await settle()
        }
        return out
    }
}
