import Foundation
import TestSupport
import TidepoolAPI

/// Shared checks of one `tideblob` run's output: the raw stdout bytes and stderr against `TerminalSafety`, rows
/// of a table against its layout, elements of a `--json` array against the policy and a lossless round trip.
enum CLISinkCheck {
    /// Problems of the whole run: unsafe bytes anywhere in stdout or stderr. For per-input attribution use
    /// `sharedProblems`, which leaves out the stdout parts that belong to single inputs.
    static func streamProblems(_ r: CLIRunner.Result) -> [String] {
        TerminalSafety.problems(bytes: Array(r.stdoutData)).map { "stdout: \($0)" } + stderrProblems(r)
    }

    /// stderr's raw bytes (an invalid UTF-8 byte or a raw C1 byte would be caught here, not hidden by decoding).
    static func stderrProblems(_ r: CLIRunner.Result) -> [String] {
        TerminalSafety.problems(bytes: Array(r.stderrData)).map { "stderr: \($0)" }
    }

    /// Problems no single input can be blamed for: stderr, and the stdout lines not in `rows` (header, notes).
    static func sharedProblems(_ r: CLIRunner.Result, rows: [String?]) -> [String] {
        let owned = Set(rows.compactMap { $0 })
        let rest = lines(r).filter { !owned.contains($0) }.joined(separator: "\n")
        return TerminalSafety.problems(text: rest).map { "stdout: \($0)" } + stderrProblems(r)
    }

    /// For `--json`: stderr, and the stdout bytes outside the array's elements.
    static func sharedJSONProblems(_ r: CLIRunner.Result) -> [String] {
        let bytes = Array(r.stdoutData)
        guard let parts = JSONArraySplit.elements(bytes) else { return ["stdout is not a JSON array"] + stderrProblems(r) }
        var rest: [UInt8] = []
        var at = 0
        for p in parts { rest += bytes[at..<p.startIndex]; at = p.endIndex }
        rest += bytes[at...]
        return TerminalSafety.problems(bytes: rest).map { "stdout: \($0)" } + stderrProblems(r)
    }

    /// Table rows of stdout (header first), without the trailing empty line.
    static func lines(_ r: CLIRunner.Result) -> [String] {
        r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }

    /// Problems of one table row: unsafe characters and cells outside their columns.
    static func rowProblems(_ row: String?, layout: TableLayout?) -> [String] {
        guard let row else { return ["its table row is missing"] }
        guard let layout else { return ["the table header is broken"] }
        return TerminalSafety.problems(text: row, allowNewline: false) + layout.problems(row: row)
    }

    /// The `--json` array's elements, each decoded as `T`, with the problems of its raw bytes.
    static func jsonElements<T: Decodable>(_ r: CLIRunner.Result, as type: T.Type) -> [(value: T?, problems: [String])]? {
        guard let parts = JSONArraySplit.elements(Array(r.stdoutData)) else { return nil }
        return parts.map { bytes in
            let value = try? TidepoolJSON.decoder().decode(T.self, from: Data(bytes))
            var problems = TerminalSafety.problems(bytes: bytes)
            if value == nil { problems.append("element does not decode") }
            return (value, problems)
        }
    }
}
