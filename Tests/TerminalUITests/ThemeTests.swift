import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    static let repoThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes")

    func parse(_ text: String, file: String = "t.toml") -> Result<Theme, ThemeFileError> {
        ThemeFile.parse(text, fileName: file) { Theme.builtIn($0) }
    }

    @Test func builtInThemesParse() {
        for name in Theme.builtInNames {
            let theme = Theme.builtIn(name)
            #expect(theme != nil, "\(name)")
            #expect(theme?.name == name)
        }
        #expect(Theme.default.name == "dark")
        #expect(Theme.default[.selection].bg == .ansi(6))
        #expect(Theme.builtIn("monochrome")?.isColorless == false)   // explicit "default" colours
        #expect(Theme.builtIn("monochrome")?[.selection].reverse == true)
    }

    @Test(arguments: Theme.builtInNames)
    func embeddedCopiesEqualTheFiles(_ name: String) throws {
        let file = try String(contentsOf: Self.repoThemes.appendingPathComponent(name + ".toml"), encoding: .utf8)
        #expect(EmbeddedThemes.files[name].map { $0 + "\n" } == file)
    }

    @Test func shippedFilesParseStandalone() throws {
        for name in Theme.builtInNames {
            let text = try String(contentsOf: Self.repoThemes.appendingPathComponent(name + ".toml"), encoding: .utf8)
            #expect(throws: Never.self) { try parse(text, file: name + ".toml").get() }
        }
    }

    @Test func partialOverlayKeepsTheRest() throws {
        let t = try parse("""
            # only the selection changes
            [roles.selection]
            bg = "#ff0000"
            bold = true
            [header]
            underline = false
            """).get()
        #expect(t[.selection].bg == .rgb(255, 0, 0))
        #expect(t[.selection].fg == Theme.default[.selection].fg)
        #expect(t[.selection].bold)
        #expect(t[.header].underline == false)
        #expect(t[.header].bold == Theme.default[.header].bold)
        #expect(t[.error] == Theme.default[.error])
        #expect(t.name == "t")
    }

    @Test func inlineTablesAndExtends() throws {
        let t = try parse("""
            name = "mine"
            extends = "light"
            [roles]
            border-focused = { fg = "color202", dim = true }  # kebab-case works
            """).get()
        #expect(t.name == "mine")
        #expect(t[.borderFocused].fg == .indexed(202))
        #expect(t[.borderFocused].dim)
        #expect(t[.selection] == Theme.builtIn("light")![.selection])
    }

    @Test func errorsCarryFileAndLine() {
        let cases: [(String, Int, String)] = [
            ("[selection]\nfg = \"purpel\"", 2, "unknown colour 'purpel'"),
            ("[roles.nope]\nbold = true", 1, "unknown role 'nope'"),
            ("\n\n[selection\n", 3, "expected ']' after table name"),
            ("[selection]\nbold = yes", 2, "invalid value 'yes' (strings need quotes)"),
            ("[selection]\nbold = \"true\"", 2, "'bold' must be true or false, not a string"),
            ("[selection]\nblink = true", 2, "unknown key 'blink' (expected fg, bg, bold, reverse, underline, dim)"),
            ("colour = 1", 1, "unknown key 'colour' (expected name, extends, description)"),
            ("extends = \"nosuch\"", 1, "extends unknown theme 'nosuch'"),
            ("[a]\n[a]", 2, "table [a] defined twice"),
            ("[selection]\nfg = \"red\"\nfg = \"blue\"", 3, "duplicate key 'fg'"),
            ("name = \"unterminated", 1, "unterminated string"),
        ]
        for (text, line, message) in cases {
            guard case .failure(let e) = parse(text, file: "x.toml") else {
                Issue.record("expected failure for \(text.debugDescription)"); continue
            }
            #expect(e.line == line, "\(text.debugDescription)")
            #expect(e.message == message)
            #expect(e.description.hasPrefix("theme 'x.toml'"))
        }
    }

    @Test func colourParsingAndMapping() {
        #expect(ThemeColor(parsing: "default") == .default)
        #expect(ThemeColor(parsing: "Bright-Red") == .ansi(9))
        #expect(ThemeColor(parsing: "color255") == .indexed(255))
        #expect(ThemeColor(parsing: "color256") == nil)
        #expect(ThemeColor(parsing: "#1E90ff") == .rgb(0x1E, 0x90, 0xFF))
        #expect(ThemeColor(parsing: "#12345") == nil)
        #expect(ThemeColor(parsing: "purpel") == nil)
        #expect(ThemeColor.rgb(255, 0, 0).terminalColor(colors: 256) == 196)
        #expect(ThemeColor.rgb(255, 0, 0).terminalColor(colors: 8) == 1)
        #expect(ThemeColor.rgb(250, 250, 250).terminalColor(colors: 16) == 15)
        #expect(ThemeColor.indexed(196).terminalColor(colors: 8) == 1)
        #expect(ThemeColor.ansi(9).terminalColor(colors: 8) == 1)
        #expect(ThemeColor.ansi(9).terminalColor(colors: 256) == 9)
        #expect(ThemeColor.default.terminalColor(colors: 256) == -1)
        #expect(ThemeColor.indexed(236).name == "color236")
        #expect(ThemeColor.rgb(1, 2, 255).name == "#0102ff")
    }

    @Test func noColorKeepsTheCursorVisible() {
        for name in Theme.builtInNames {
            let t = Theme.builtIn(name)!.withoutColors()
            #expect(t.isColorless)
            #expect(t[.selection].reverse, "\(name)")
            #expect(t[.markedSelection].reverse && t[.markedSelection].bold)
            #expect(t[.marked].bold)
            #expect(t[.header].bold)
            #expect(t[.header].underline)
        }
        let ts = TerminalStyle(Theme.default[.selection], colors: 256, noColor: true)
        #expect(ts.fg == -1 && ts.bg == -1)
    }
}

@Suite struct ThemeLoaderTests {
    func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("tideblob/themes"),
                                                withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: URL) throws {
        try text.write(to: dir.appendingPathComponent("tideblob/themes/\(name).toml"), atomically: true, encoding: .utf8)
    }

    @Test func searchOrderUserThenShippedThenEmbedded() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": dir.path], executablePath: nil)
        #expect(loader.userDirectory == dir.path + "/tideblob/themes")
        #expect(loader.candidatePaths(for: "x").first == dir.path + "/tideblob/themes/x.toml")

        var r = loader.load("light")   // shipped / embedded
        #expect(r.notice == nil)
        #expect(r.theme == Theme.builtIn("light"))

        try write("[selection]\nbg = \"red\"\n", "light", in: dir)   // user file shadows the shipped one
        r = loader.load("light")
        #expect(r.notice == nil)
        #expect(r.theme[.selection].bg == .ansi(1))
        #expect(r.source.hasSuffix("tideblob/themes/light.toml"))

        try write("extends = \"light\"\n[title]\nbold = false\n", "mine", in: dir)
        r = loader.load("mine")
        #expect(r.theme[.selection].bg == .ansi(1))     // via the user's light.toml
        #expect(r.theme[.title].bold == false)
    }

    @Test func brokenFileFallsBackWithVisibleNotice() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("# comment\n\n[roles]\n\n\n\nselection = { fg = \"purpel\" }\n", "x", in: dir)
        let loader = ThemeLoader(environment: ["XDG_CONFIG_HOME": dir.path], executablePath: nil)
        let r = loader.load("x")
        #expect(r.theme == Theme.default)
        #expect(r.notice?.message == "theme 'x.toml' line 7: unknown colour 'purpel'; using built-in 'dark'")

        let missing = loader.load("nosuch")
        #expect(missing.theme == Theme.default)
        #expect(missing.notice?.message.hasPrefix("theme 'nosuch': not found (looked in ") == true)

        try write("extends = \"y\"\n", "x", in: dir)
        try write("extends = \"x\"\n", "y", in: dir)
        #expect(loader.load("x").notice?.message.contains("cycle") == true)
    }

    @Test func noColorEnvironmentStripsColours() {
        let loader = ThemeLoader(environment: ["NO_COLOR": "1", "HOME": "/nonexistent"], executablePath: nil)
        #expect(loader.noColor)
        let r = loader.load(nil)
        #expect(r.theme.isColorless)
        #expect(r.theme[.selection].reverse)
        #expect(ThemeLoader(environment: ["NO_COLOR": ""], executablePath: nil).noColor == false)
        #expect(TerminalOptions.noColorFromEnvironment(["NO_COLOR": "x"]))
    }

    @Test func explicitPathLoads() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("[selection]\nbold = true\n", "p", in: dir)
        let loader = ThemeLoader(userDirectory: nil, shippedDirectories: [], noColor: false)
        let r = loader.load(dir.path + "/tideblob/themes/p.toml")
        #expect(r.notice == nil)
        #expect(r.theme[.selection].bold)
    }
}
