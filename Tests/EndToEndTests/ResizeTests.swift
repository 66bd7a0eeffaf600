import Foundation
import Testing

extension TUIEndToEndTests {
    @Test("resize 120×40 → 80×24 reflows, → 50×12 says too small, → 120×40 is normal again")
    func resizeReflows() throws {
        try Self.withDemo { demo in
            try demo.waitForMainScreen()
            let blobs = try demo.listBlobs(Demo.zoeId)
            try demo.openUser(filter: "Zo", title: Demo.zoeName)
            try demo.waitForBlobs(blobs.map(\.id))
            try Self.expectNormalLayout(demo, columns: 120, rows: 40)

            try demo.tmux.resize(columns: 80, rows: 24)
            try demo.tmux.waitFor("the 80×24 layout") { Self.isNormalLayout($0, columns: 80, rows: 24) }
            try Self.expectNormalLayout(demo, columns: 80, rows: 24)

            try demo.tmux.resize(columns: 50, rows: 12)
            let small = try demo.tmux.waitFor(text: "too small")
            #expect(!small.contains("Blobs of"), "no panes drawn below the minimum:\n\(small)")
            #expect(small.split(separator: "\n").allSatisfy { $0.count <= 50 })

            try demo.tmux.resize(columns: 120, rows: 40)
            try demo.tmux.waitFor("the 120×40 layout again") { Self.isNormalLayout($0, columns: 120, rows: 40) }
            try Self.expectNormalLayout(demo, columns: 120, rows: 40)
            // Still usable: the cursor moves and the app answers.
            try demo.tmux.send("j")
            try demo.tmux.waitFor(text: "2/\(blobs.count)")
        }
    }

    /// Frame fills the window: panes on the first row, the table header, the status line on the second-to-last
    /// row (environment "demo"), and no row wider than the window.
    static func isNormalLayout(_ screen: String, columns: Int, rows: Int) -> Bool {
        var lines = screen.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard lines.count == rows, lines.allSatisfy({ $0.count <= columns }) else { return false }
        return lines[0].hasPrefix("┌─ Users") && lines[0].count == columns && lines[0].hasSuffix("┐")
            && screen.contains("Blobs of " + Demo.zoeName) && screen.contains("Size") && screen.contains("Status")
            && lines[rows - 2].contains(" demo ") && !screen.contains("too small")
    }

    static func expectNormalLayout(_ demo: DemoSession, columns: Int, rows: Int) throws {
        let screen = try demo.tmux.capture()
        #expect(isNormalLayout(screen, columns: columns, rows: rows), "layout at \(columns)×\(rows):\n\(screen)")
    }
}
