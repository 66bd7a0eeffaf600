/// An error in a theme file, with its 1-based line (0 when not tied to a line).
public struct ThemeFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var fileName: String
    public var line: Int
    public var message: String

    public init(fileName: String, line: Int, message: String) {
        self.fileName = fileName; self.line = line; self.message = message
    }

    public var description: String {
        line > 0 ? "theme '\(fileName)' line \(line): \(message)" : "theme '\(fileName)': \(message)"
    }
}

/// Theme files (`themes/*.toml`):
/// ```toml
/// name = "mine"            # optional, defaults to the file name
/// extends = "light"        # optional base theme (default: the built-in "dark")
/// [roles]
/// selection = { fg = "black", bg = "cyan", bold = true }
/// [roles.header]           # or just [header]
/// fg = "#ffaf00"
/// underline = true
/// ```
/// Role keys: `fg`, `bg` (colours: `default`, `black`…`white`, `bright-*`, `color0`…`color255`, `#rrggbb`) and
/// `bold`, `reverse`, `underline`, `dim` (booleans). Only the keys given change; everything else comes from the base.
/// Role names are the `StyleRole` names (`borderFocused`; `border-focused` and `border_focused` work too).
public enum ThemeFile {
    /// Parses a theme file over its base. `resolveBase` gets the `extends` name (or "dark") and returns the base theme,
    /// or nil when it does not exist.
    public static func parse(
        _ text: String, fileName: String, resolveBase: (String) -> Theme?
    ) -> Result<Theme, ThemeFileError> {
        func fail(_ line: Int, _ message: String) -> Result<Theme, ThemeFileError> {
            .failure(ThemeFileError(fileName: fileName, line: line, message: message))
        }
        let tables: [MiniTOML.Table]
        do { tables = try MiniTOML.parse(text) } catch { return fail(error.line, error.message) }

        var name = fileName.hasSuffix(".toml") ? String(fileName.dropLast(5)) : fileName
        var baseName = Theme.defaultName
        var baseLine = 0
        var overrides: [(role: StyleRole, entries: [MiniTOML.Entry])] = []

        for table in tables {
            switch table.path.count {
            case 0:
                for e in table.entries {
                    switch (e.key, e.value) {
                    case ("name", .string(let s)): name = s
                    case ("extends", .string(let s)): baseName = s; baseLine = e.line
                    case ("description", .string): break
                    case ("name", _), ("extends", _), ("description", _):
                        return fail(e.line, "'\(e.key)' must be a string")
                    default: return fail(e.line, "unknown key '\(e.key)' (expected name, extends, description)")
                    }
                }
            case 1 where table.path[0] == "roles":
                for e in table.entries {
                    guard let role = roleNamed(e.key) else { return fail(e.line, "unknown role '\(e.key)'") }
                    guard case .table(let inner) = e.value else {
                        return fail(e.line, "role '\(e.key)' must be a table like { fg = \"red\", bold = true }")
                    }
                    overrides.append((role, inner))
                }
            case 1, 2:
                if table.path.count == 2 && table.path[0] != "roles" {
                    return fail(table.line, "unknown table [\(table.path.joined(separator: "."))]")
                }
                let roleName = table.path[table.path.count - 1]
                guard let role = roleNamed(roleName) else { return fail(table.line, "unknown role '\(roleName)'") }
                overrides.append((role, table.entries))
            default:
                return fail(table.line, "unknown table [\(table.path.joined(separator: "."))]")
            }
        }

        guard var theme = resolveBase(baseName) else {
            return fail(baseLine, "extends unknown theme '\(baseName)'")
        }
        theme.name = name
        for (role, entries) in overrides {
            var style = theme[role]
            for e in entries {
                switch (e.key, e.value) {
                case ("fg", .string(let c)), ("bg", .string(let c)):
                    guard let color = ThemeColor(parsing: c) else {
                        return fail(e.line, "unknown colour '\(c)'")
                    }
                    if e.key == "fg" { style.fg = color } else { style.bg = color }
                case ("bold", .bool(let b)): style.bold = b
                case ("reverse", .bool(let b)): style.reverse = b
                case ("underline", .bool(let b)): style.underline = b
                case ("dim", .bool(let b)): style.dim = b
                case ("fg", _), ("bg", _): return fail(e.line, "'\(e.key)' must be a colour string, not \(e.value.typeName)")
                case ("bold", _), ("reverse", _), ("underline", _), ("dim", _):
                    return fail(e.line, "'\(e.key)' must be true or false, not \(e.value.typeName)")
                default:
                    return fail(e.line, "unknown key '\(e.key)' (expected fg, bg, bold, reverse, underline, dim)")
                }
            }
            theme[role] = style
        }
        return .success(theme)
    }

    /// `StyleRole` by name, ignoring case, `-` and `_`.
    public static func roleNamed(_ name: String) -> StyleRole? {
        func norm(_ s: String) -> String { String(s.lowercased().filter { $0 != "-" && $0 != "_" }) }
        let n = norm(name)
        return StyleRole.allCases.first { norm($0.rawValue) == n }
    }
}
