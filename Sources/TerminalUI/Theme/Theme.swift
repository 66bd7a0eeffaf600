/// Role → style. Renderers only name roles (`StyleRole`); the terminal layer looks them up here.
public struct Theme: Sendable, Equatable {
    public var name: String
    private var styles: [StyleRole: Style]

    /// Roles missing from `styles` look like `.normal`'s style (or plain when that is missing too).
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        let normal = styles[.normal] ?? .plain
        var full: [StyleRole: Style] = [:]
        for role in StyleRole.allCases { full[role] = styles[role] ?? normal }
        self.styles = full
    }

    public subscript(role: StyleRole) -> Style {
        get { styles[role] ?? .plain }
        set { styles[role] = newValue }
    }

    public func style(for role: StyleRole) -> Style { self[role] }

    /// The names of the themes shipped in `themes/` and embedded in the binary.
    public static let builtInNames = ["dark", "light", "high-contrast", "monochrome"]
    public static let defaultName = "dark"

    /// A shipped theme, parsed from its embedded copy.
    public static func builtIn(_ name: String) -> Theme? { BuiltInThemes.all[name] }

    /// The default theme (`themes/dark.toml`).
    public static var `default`: Theme { BuiltInThemes.all[defaultName] ?? BuiltInThemes.emergency }

    /// For `NO_COLOR`: no colours at all, but every role keeps its attributes and gains those of the `monochrome`
    /// theme, so the cursor row (reverse), marks and headers (bold/underline) stay visible.
    public func withoutColors() -> Theme {
        let mono = Theme.builtIn("monochrome") ?? BuiltInThemes.emergency
        var t = self
        for role in StyleRole.allCases {
            var s = self[role].withoutColors
            let m = mono[role]
            s.bold = s.bold || m.bold
            s.reverse = s.reverse || m.reverse
            s.underline = s.underline || m.underline
            s.dim = s.dim || m.dim
            t[role] = s
        }
        return t
    }

    /// True when no role uses a colour.
    public var isColorless: Bool { StyleRole.allCases.allSatisfy { self[$0].fg == nil && self[$0].bg == nil } }
}

/// The shipped themes, parsed once from `EmbeddedThemes`.
enum BuiltInThemes {
    static let all: [String: Theme] = {
        var result: [String: Theme] = [:]
        // Parse in dependency order: a file may extend an earlier one.
        for name in Theme.builtInNames {
            guard let text = EmbeddedThemes.files[name] else { continue }
            let parsed = ThemeFile.parse(text, fileName: name + ".toml") { result[$0] ?? emergency }
            if case .success(let theme) = parsed { result[name] = theme }
        }
        return result
    }()

    /// Used only if an embedded theme failed to parse (a test guards against that): attributes only.
    static let emergency: Theme = {
        var s: [StyleRole: Style] = [:]
        s[.selection] = Style(reverse: true)
        s[.markedSelection] = Style(bold: true, reverse: true)
        s[.marked] = Style(bold: true)
        s[.header] = Style(bold: true, underline: true)
        s[.statusBar] = Style(reverse: true)
        s[.progressDone] = Style(reverse: true)
        s[.error] = Style(bold: true)
        s[.escaped] = Style(reverse: true)
        return Theme(name: "emergency", styles: s)
    }()
}
