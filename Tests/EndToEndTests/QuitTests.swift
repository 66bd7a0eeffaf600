import Foundation
import Testing
import TestSupport

extension TUIEndToEndTests {
    /// tideblob under a shell that reports its exit status and the terminal modes afterwards.
    static func reportingWrapper(_ command: String) -> String {
        "\(command); echo \"EXIT=$?\"; stty -a; sleep 30"
    }

    @Test("q and Ctrl-C quit with status 0 and leave the terminal as they found it", arguments: ["q", "C-c"])
    func quitRestoresTerminal(key: String) throws {
        try Self.withDemo(wrap: Self.reportingWrapper) { demo in
            try demo.waitForMainScreen()
            let alternate = try demo.tmux.display("#{alternate_on}")
            #expect(alternate == "1", "the UI runs on the alternate screen")
            try demo.tmux.send(key)
            // q quits at once when nothing runs; it asks first while transfers run (confirm with y then).
            let next = try demo.tmux.waitFor("the exit report or the quit question", timeout: 20, allowExit: true) {
                ($0.contains("EXIT=") && $0.contains("icanon")) || $0.contains("Quit?")
            }
            if !next.contains("EXIT=") { try demo.tmux.send("y") }
            let after = try demo.tmux.waitFor("the exit report", timeout: 20, allowExit: true) {
                $0.contains("EXIT=") && $0.contains("icanon")
            }
            #expect(after.contains("EXIT=0"), "exit status 0:\n\(after)")
            try Self.expectRestored(demo, screen: after)
            #expect(demo.demoDataDirectories().isEmpty, "the demo removed its data directory on quit")
            let keypad = try demo.tmux.display("#{keypad_cursor_flag}")
            #expect(keypad == "0", "cursor keys back in normal mode (rmkx)")
        }
    }

    @Test("SIGTERM also restores the terminal (exit 143)")
    func sigtermRestoresTerminal() throws {
        try Self.withDemo(wrap: Self.reportingWrapper) { demo in
            try demo.waitForMainScreen()
            let pid = try demo.tideblobPid()
            #expect(kill(pid, SIGTERM) == 0)
            let after = try demo.tmux.waitFor("the exit report", timeout: 20, allowExit: true) {
                $0.contains("EXIT=") && $0.contains("icanon")
            }
            #expect(after.contains("EXIT=143"), "killed by SIGTERM: 128+15:\n\(after)")
            try Self.expectRestored(demo, screen: after)
            // A killed demo cannot clean up; the next demo removes the directory of the dead one. (Without a
            // terminal the second demo stops with a usage error once its own sandbox is up.)
            let left = demo.demoDataDirectories()
            #expect(left.count == 1, "the killed demo's data directory is still there: \(left)")
            let runner = try CLIRunner(environment: ["TMPDIR": demo.temporaryDirectory.path])
            defer { runner.cleanUp() }
            let next = try runner.runBlocking(["--demo"], timeout: 60)
            #expect(next.status == 2, "\(next)")
            #expect(next.stderr.contains("interactive terminal"), "\(next)")
            #expect(demo.demoDataDirectories().isEmpty, "the next demo removed the abandoned directory: \(demo.demoDataDirectories())")
            // The signal path's restore sequence (CNCursesW/shim.h) also sends rmkx (`ESC[?1l ESC>`).
            let keypad = try demo.tmux.display("#{keypad_cursor_flag}")
            #expect(keypad == "0", "cursor keys back in normal mode (rmkx)")
        }
    }

    /// Cooked mode with echo, main screen, visible cursor, no mouse reporting, and nothing of the UI left.
    static func expectRestored(_ demo: DemoSession, screen: String) throws {
        let lines = screen.components(separatedBy: "\n")
        let exitLine = try #require(lines.firstIndex { $0.hasPrefix("EXIT=") }, "\(screen)")
        let report = lines[exitLine...].joined(separator: "\n")
        let words = Screen.words(report)
        for flag in ["icanon", "echo", "isig", "icrnl", "opost"] {
            #expect(words.contains(flag) && !words.contains("-" + flag), "stty shows \(flag) on:\n\(report)")
        }
        // Nothing of the UI on the main screen: no frame, panes or status line.
        for remnant in ["┌─", "└─", "Blobs of", "Users", " idle", "q quit"] {
            #expect(!screen.contains(remnant), "UI remnant \(remnant.debugDescription) after exit:\n\(screen)")
        }
        let alternate = try demo.tmux.display("#{alternate_on}")
        #expect(alternate == "0", "left the alternate screen")
        let cursor = try demo.tmux.display("#{cursor_flag}")
        #expect(cursor == "1", "cursor visible")
        let mouse = try demo.tmux.display("#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}")
        #expect(mouse == "0000", "mouse reporting off (any/button/standard/sgr = \(mouse))")
    }
}
