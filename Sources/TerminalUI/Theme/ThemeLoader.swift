import Foundation

/// A problem with the requested theme, shown visibly by the app (status line / notice), never a crash.
public struct ThemeNotice: Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What `ThemeLoader.load` produced: always a usable theme, plus a notice when the requested one could not be used.
public struct ThemeLoadResult: Sendable, Equatable {
    public var theme: Theme
    public var notice: ThemeNotice?
    /// The file the theme came from, or `built-in:NAME`.
    public var source: String
}

/// Finds and loads `--theme NAME` (or a path to a `.toml` file).
///
/// Search order for NAME: `$XDG_CONFIG_HOME/tideblob/themes/NAME.toml` (default `~/.config/tideblob/themes`), then
/// the shipped `themes/` directories, then the copies embedded in the binary. A broken file falls back to the
/// built-in default with a `ThemeNotice` such as
/// "theme 'x.toml' line 7: unknown colour 'purpel'; using built-in 'dark'". `NO_COLOR` (set, non-empty) strips all
/// colours but keeps attributes (`Theme.withoutColors`).
public struct ThemeLoader: Sendable {
    public var userDirectory: String?
    public var shippedDirectories: [String]
    public var noColor: Bool

    public init(userDirectory: String?, shippedDirectories: [String], noColor: Bool) {
        self.userDirectory = userDirectory
        self.shippedDirectories = shippedDirectories
        self.noColor = noColor
    }

    /// Directories from the environment (`XDG_CONFIG_HOME`, `HOME`, `NO_COLOR`) and the executable's location.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executablePath: String? = CommandLine.arguments.first) {
        var user: String?
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            user = xdg + "/tideblob/themes"
        } else if let home = environment["HOME"], !home.isEmpty {
            user = home + "/.config/tideblob/themes"
        }
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        self.init(userDirectory: user, shippedDirectories: ThemeLoader.shippedDirectories(executablePath: executablePath),
                  noColor: noColor)
    }

    /// Where shipped themes may live: `<prefix>/share/tideblob/themes` next to an installed binary, `themes/` beside
    /// the executable, `themes/` in a package root above it (`.build/debug/tideblob`), and the source checkout this
    /// file was compiled from.
    public static func shippedDirectories(executablePath: String?) -> [String] {
        var dirs: [String] = []
        if let exe = executablePath, exe.contains("/") {
            let url = URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent()
            dirs.append(url.deletingLastPathComponent().appendingPathComponent("share/tideblob/themes").path)
            dirs.append(url.appendingPathComponent("themes").path)
            var dir = url
            for _ in 0..<6 {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                    dirs.append(dir.appendingPathComponent("themes").path)
                    break
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        // Sources/TerminalUI/Theme/ThemeLoader.swift → package root.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(source.appendingPathComponent("themes").path)
        var seen = Set<String>()
        return dirs.filter { seen.insert($0).inserted }
    }

    /// The files tried for `name`, in order.
    public func candidatePaths(for name: String) -> [String] {
        ([userDirectory].compactMap { $0 } + shippedDirectories).map { $0 + "/" + name + ".toml" }
    }

    /// Loads `nameOrPath` (nil = the default theme). Never throws; problems come back as `notice`.
    public func load(_ nameOrPath: String?) -> ThemeLoadResult {
        var result = loadColored(nameOrPath)
        if noColor { result.theme = result.theme.withoutColors() }
        return result
    }

    private func loadColored(_ nameOrPath: String?) -> ThemeLoadResult {
        let fallback = Theme.default
        let fallbackNote = "; using built-in '\(Theme.defaultName)'"
        guard let request = nameOrPath, !request.isEmpty else {
            return ThemeLoadResult(theme: fallback, notice: nil, source: "built-in:\(Theme.defaultName)")
        }
        var visiting: Set<String> = []
        switch resolve(request, visiting: &visiting) {
        case .success(let (theme, source)):
            return ThemeLoadResult(theme: theme, notice: nil, source: source)
        case .failure(let error):
            return ThemeLoadResult(theme: fallback, notice: ThemeNotice(error.description + fallbackNote),
                                   source: "built-in:\(Theme.defaultName)")
        }
    }

    private func isPath(_ s: String) -> Bool { s.contains("/") || s.hasSuffix(".toml") }

    private func resolve(_ request: String, visiting: inout Set<String>) -> Result<(Theme, String), ThemeFileError> {
        guard visiting.insert(request).inserted, visiting.count <= 8 else {
            return .failure(ThemeFileError(fileName: request, line: 0, message: "themes extend each other in a cycle"))
        }
        defer { visiting.remove(request) }
        let paths = isPath(request) ? [request] : candidatePaths(for: request)
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let fileName = (path as NSString).lastPathComponent
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(ThemeFileError(fileName: fileName, line: 0, message: "cannot read \(path)"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(ThemeFileError(fileName: fileName, line: 0, message: "not valid UTF-8"))
            }
            var nested: ThemeFileError?
            var inner = visiting
            let parsed = ThemeFile.parse(text, fileName: fileName) { base in
                if base == request, !isPath(request), let builtIn = Theme.builtIn(base) { return builtIn }
                switch resolve(base, visiting: &inner) {
                case .success(let (t, _)): return t
                case .failure(let e): nested = e; return nil
                }
            }
            switch parsed {
            case .success(let theme): return .success((theme, path))
            case .failure(let e):
                // An error inside the base file (or a cycle) is more useful than "extends unknown theme".
                if let n = nested, !n.message.hasPrefix("not found") { return .failure(n) }
                return .failure(e)
            }
        }
        if !isPath(request), let builtIn = Theme.builtIn(request) {
            return .success((builtIn, "built-in:\(request)"))
        }
        let searched = isPath(request) ? request : paths.map { ($0 as NSString).deletingLastPathComponent }
            .joined(separator: ", ")
        return .failure(ThemeFileError(fileName: request, line: 0, message: "not found (looked in \(searched))"))
    }
}
