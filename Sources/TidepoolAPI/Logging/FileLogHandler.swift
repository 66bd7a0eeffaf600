import Foundation
import Logging
import SafeText

/// A swift-log handler that writes one sanitized line per event to a `LogFileWriter`:
///
///     2026-11-29T12:53:19.123Z info GET /v1/users/1a2b/blobs 200 1234B 12ms trace=9f…
///     2026-11-29T12:53:19.456Z error GET /v1/blobs/…: HTTP 404 resource-not-found: … (trace 9f…)
///
/// Message and metadata go through `SafeText.line` (no control characters, one line) and `LogRedactor` (no token,
/// password or header values). Never writes to stdout or stderr, so it is safe under the terminal UI.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let writer: LogFileWriter

    public init(writer: LogFileWriter, level: Logger.Level = .info) {
        self.writer = writer
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard event.level >= logLevel else { return }
        writer.append(Self.format(time: Date(), level: event.level, message: "\(event.message)",
                                  metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    /// One line: ISO 8601 UTC time with milliseconds, level, message, then `key=value` metadata sorted by key.
    public static func format(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata = [:]) -> String {
        var text = message
        for key in metadata.keys.sorted() {
            text += " \(key)=\(metadata[key].map { "\($0)" } ?? "")"
        }
        let stamp = time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        return "\(stamp) \(level.rawValue) " + LogRedactor.redact(SafeText.line(text))
    }
}
