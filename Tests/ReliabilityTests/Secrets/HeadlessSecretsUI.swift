import BlobBrowser
import Foundation
import TerminalUI
import TidepoolAPI

/// A short UI session on the real stack (TUILauncher.makeApp → LiveBackend → TidepoolClient) without a terminal:
/// open Zoë, detail, preview, delete one blob (journaled), open an unknown user, reload into a server error
/// (`injectError` arms it) and show its details.
/// Returns every rendered frame as text.
enum HeadlessSecretsUI {
    static func run(client: TidepoolClient, paths: XDGPaths, userId: String,
                    injectError: () throws -> Void) async throws -> [String] {
        let waker = UIWaker()
        let options = TUILauncher.Options(themeName: nil, readOnly: false, mouse: false, environmentLabel: nil)
        let (app, _) = TUILauncher.makeApp(client: client, options: options, waker: waker, paths: paths, environment: [:])
        let driver = HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker)
        var frames: [String] = []
        func step(_ keys: [Key], typing text: String? = nil) async {
            if !keys.isEmpty { for key in keys { _ = driver.press(key) } }
            if let text { _ = driver.type(text) }
            await app.store.waitUntilIdle()
            frames.append(driver.render().lines().joined(separator: "\n"))
        }
        _ = driver.start()
        app.start()
        await step([])
        await step([.char("/")], typing: "Zo")
        await step([.enter, .enter])
        await step([.enter])                      // blob detail
        await step([.escape, .char("p")])         // preview
        await step([.escape, .char("D"), .char("y")])
        await step([.char(":")], typing: "user 0000000000")
        await step([.enter])
        try injectError()
        await step([.char("r")])                  // reload → a server error
        await step([.char("E")])                  // error details (trace id)
        await step([.escape, .char("q")])
        return frames
    }
}
