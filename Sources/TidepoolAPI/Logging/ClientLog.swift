import Foundation
import Logging

/// The client's log file: `$XDG_STATE_HOME/tideblob/tideblob.log` (mode 0600, rotated to `tideblob.log.1` at 1 MiB),
/// level `info` unless `TIDEBLOB_LOG_LEVEL` says otherwise (`trace`, `debug`, `info`, `notice`, `warning`, `error`,
/// `critical`, or `off`). The CLI and the TUI hand `ClientLog.logger(…)` to `TidepoolClient`.
public enum ClientLog {
    public static let levelVariable = "TIDEBLOB_LOG_LEVEL"
    public static let fileName = "tideblob.log"
    public static let maxBytes = 1 << 20

    /// `$XDG_STATE_HOME/tideblob/tideblob.log`.
    public static func fileURL(paths: XDGPaths) -> URL {
        paths.stateDirectory.appendingPathComponent(fileName)
    }

    /// The level from `TIDEBLOB_LOG_LEVEL`: nil for `off`/`none`, `.info` when unset or unknown.
    public static func level(variables: [String: String]) -> Logger.Level? {
        let raw = variables[levelVariable]?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if raw == "off" || raw == "none" { return nil }
        if raw == "warn" { return .warning }
        return Logger.Level(rawValue: raw) ?? .info
    }

    /// A logger writing to the log file (or discarding everything when the level is `off`).
    public static func logger(paths: XDGPaths, variables: [String: String] = ProcessInfo.processInfo.environment,
                              label: String = "tideblob.client") -> Logger {
        guard let level = level(variables: variables) else { return silent(label: label) }
        let writer = LogFileWriter(fileURL: fileURL(paths: paths), maxBytes: maxBytes)
        return Logger(label: label) { _ in FileLogHandler(writer: writer, level: level) }
    }

    /// A logger that discards everything (the client's default: nothing is printed to a terminal).
    public static func silent(label: String = "tideblob.client") -> Logger {
        Logger(label: label) { _ in SwiftLogNoOpLogHandler() }
    }
}
