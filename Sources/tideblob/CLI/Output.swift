import Foundation
import SafeText
import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

/// Everything the CLI prints goes through here: results to stdout, messages to stderr, all server text sanitized.
enum Output {
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }

    /// Width of the terminal on stderr (80 when unknown).
    static var terminalColumns: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// One message line to stdout, sanitized (server text may be part of it).
    static func line(_ s: String) { raw(SafeText.line(s)) }
    /// A line that is already safe (table rows from SafeText, JSON text).
    static func raw(_ s: String) { write(STDOUT_FILENO, s + "\n") }
    static func stderr(_ s: String) { write(STDERR_FILENO, s + "\n") }
    static func error(_ s: String) { stderr("error: " + SafeText.line(s)) }
    static func warn(_ s: String) { stderr("warning: " + SafeText.line(s)) }
    static func note(_ s: String) { stderr(SafeText.line(s)) }
    static func flush() { fflush(nil) }

    static func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// JSON for scripts: sorted keys, pretty-printed, times as RFC 3339 UTC. Strings are JSON-escaped — C0 by the
    /// encoder, DEL, C1, bidi, zero-width and other invisible characters as `\uXXXX` by `TerminalSafeJSON` — so no
    /// control character from the server reaches a terminal raw, and the data stays exactly the same.
    static func json<T: Encodable>(_ value: T) throws {
        let data: Data
        do { data = try TidepoolJSON.encoder(pretty: true).encode(value) } catch {
            throw APIError(.localIO("cannot encode JSON output: \(error)"))
        }
        raw(TerminalSafeJSON.escape(String(decoding: data, as: UTF8.self)))
    }

    /// An aligned table (cells sanitized by SafeText).
    static func table(headers: [String], rows: [[String]], maxWidths: [Int?] = [], alignRight: [Bool] = []) {
        for l in SafeText.table(rows: rows, headers: headers, maxWidths: maxWidths, alignRight: alignRight) { raw(l) }
    }

    // MARK: formatting

    /// "1.5 MiB", "512 B".
    static func bytes(_ n: Int64?) -> String {
        guard let n else { return "-" }
        if n < 1024 { return "\(n) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(n) / 1024
        var i = 0
        while value >= 1024, i < units.count - 1 { value /= 1024; i += 1 }
        return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[i])
    }

    /// "2024-06-03 13:00:05Z" (UTC, second precision).
    static func time(_ date: Date?) -> String {
        guard let date else { return "-" }
        let text = TidepoolTime.format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        return text.replacingOccurrences(of: "T", with: " ")
    }
}
