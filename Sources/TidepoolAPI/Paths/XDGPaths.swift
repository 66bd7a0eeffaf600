import Foundation

/// Where tideblob keeps its files, following the XDG base-directory spec: `$XDG_STATE_HOME/tideblob`
/// (default `~/.local/state/tideblob`) for sessions and the deletion journal, and the config/data homes likewise.
/// Relative XDG values are ignored, as the spec requires.
public struct XDGPaths: Sendable, Hashable {
    public var stateHome: URL
    public var configHome: URL
    public var dataHome: URL

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()
        func base(_ key: String, _ fallback: String) -> URL {
            if let v = environment[key], v.hasPrefix("/") { return URL(fileURLWithPath: v, isDirectory: true) }
            return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(fallback, isDirectory: true)
        }
        stateHome = base("XDG_STATE_HOME", ".local/state")
        configHome = base("XDG_CONFIG_HOME", ".config")
        dataHome = base("XDG_DATA_HOME", ".local/share")
    }

    /// `$XDG_STATE_HOME/tideblob`.
    public var stateDirectory: URL { stateHome.appendingPathComponent("tideblob", isDirectory: true) }
    /// `$XDG_CONFIG_HOME/tideblob`.
    public var configDirectory: URL { configHome.appendingPathComponent("tideblob", isDirectory: true) }
    /// `$XDG_DATA_HOME/tideblob`.
    public var dataDirectory: URL { dataHome.appendingPathComponent("tideblob", isDirectory: true) }

    /// `$XDG_STATE_HOME/tideblob/sessions.json`.
    public var sessionsFile: URL { stateDirectory.appendingPathComponent("sessions.json") }
    /// `$XDG_STATE_HOME/tideblob/deletions.jsonl`.
    public var deletionJournalFile: URL { stateDirectory.appendingPathComponent("deletions.jsonl") }

    /// Creates `directory` (and parents) with mode 0700 when missing.
    public static func ensureDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw APIError(.localIO("cannot create \(directory.path): \(error.localizedDescription)"))
        }
    }
}
