import Foundation
import Testing

/// End-to-end: the real `tideblob --demo` binary in a real terminal (tmux, 120×40), driven by keys and read back
/// with `capture-pane`. Serial: each test starts its own demo (own sandbox, own XDG directories, own tmux server)
/// and kills it at the end, also on failure. Readiness is always "the expected text is on the screen".
@Suite("tideblob --demo in tmux", .serialized, .timeLimit(.minutes(2)))
struct TUIEndToEndTests {
    /// Runs `body` with a fresh demo session and always closes it.
    static func withDemo<T>(columns: Int = 120, rows: Int = 40, wrap: ((String) -> String)? = nil,
                            _ body: (DemoSession) throws -> T) throws -> T {
        let demo = try wrap.map { try DemoSession(columns: columns, rows: rows, wrap: $0) }
            ?? DemoSession(columns: columns, rows: rows)
        defer { demo.close() }
        return try body(demo)
    }
}
