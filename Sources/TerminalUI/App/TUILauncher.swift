import BlobBrowser
import Foundation
import SafeText
import TidepoolAPI

/// Sets up and runs the browser on the real terminal for a signed-in client.
public enum TUILauncher {
    public struct Options: Sendable {
        public var themeName: String?
        public var readOnly: Bool
        public var mouse: Bool
        /// Shown in the status line instead of the client's environment name (e.g. "demo").
        public var environmentLabel: String?
        public init(themeName: String? = nil, readOnly: Bool = false, mouse: Bool = true, environmentLabel: String? = nil) {
            self.themeName = themeName; self.readOnly = readOnly; self.mouse = mouse; self.environmentLabel = environmentLabel
        }
    }

    /// The default download directory: `~/Downloads/tideblob` when `~/Downloads` exists, else the current directory.
    public static func defaultDownloadDirectory(files: LocalFiles) -> String {
        files.isDirectory(files.homeDirectory + "/Downloads") ? "~/Downloads/tideblob" : files.currentDirectory
    }

    /// Builds the app (no terminal needed; tests use it with `HeadlessDriver`).
    public static func makeApp(client: TidepoolClient, options: Options, waker: UIWaker,
                               paths: XDGPaths = XDGPaths(), environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (app: BrowserApp, notice: String?) {
        let files = RealLocalFiles(stateDirectory: paths.stateDirectory)
        let loader = ThemeLoader(environment: environment)
        let loaded = loader.load(options.themeName)
        let envName = client.environment.name
        let state = BrowserState(environmentName: options.environmentLabel ?? envName, readOnly: options.readOnly,
                                 themeName: options.themeName ?? Theme.defaultName,
                                 downloadDirectory: defaultDownloadDirectory(files: files),
                                 ascii: !SafeText.isUTF8Locale)
        let backend = LiveBackend(client: client, journal: DeletionJournal(paths: paths))
        let app = BrowserApp(state: state, backend: backend, files: files, waker: waker, theme: loaded.theme,
                             themeResolver: { name in
                                 let r = loader.load(name)
                                 return (r.theme, r.notice?.message)
                             })
        return (app, loaded.notice?.message)
    }

    /// Runs the UI until the user quits. Throws when stdin/stdout is not a terminal.
    public static func run(client: TidepoolClient, options: Options) throws {
        SafeText.prepareLocale()
        let waker = UIWaker()
        let (app, notice) = makeApp(client: client, options: options, waker: waker)
        app.start()
        if let notice { app.store.send(.notice(notice, .warning)) }
        let termOptions = TerminalOptions(mouse: options.mouse, forceASCII: !SafeText.isUTF8Locale,
                                          noColor: TerminalOptions.noColorFromEnvironment(ProcessInfo.processInfo.environment))
        try TerminalLoop(application: app, waker: waker, options: termOptions).run()
    }
}
