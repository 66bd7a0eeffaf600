import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The demo sandbox's private data directory, `$TMPDIR/tideblob-demo-XXXXXX`, with an `owner.pid` naming the demo's
/// process. A normal exit removes it; a demo killed by a signal cannot, so every new demo first removes the
/// directories of this user whose owner process is gone (and, without an `owner.pid`, those untouched for a day).
enum DemoDataDirectory {
    static let prefix = "tideblob-demo-"
    static let ownerFile = "owner.pid"

    /// Sweeps abandoned demo directories, then makes a fresh one owned by this process.
    static func create(in temporary: URL = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)) throws -> URL {
        sweepAbandoned(in: temporary)
        var template = Array(temporary.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw UsageError("cannot create a temporary directory for the demo in \(temporary.path)")
        }
        let directory = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        try Data("\(getpid())\n".utf8).write(to: directory.appendingPathComponent(ownerFile))
        return directory
    }

    /// Removes this user's demo directories whose owner process no longer runs; returns what it removed.
    @discardableResult
    static func sweepAbandoned(in temporary: URL, now: Date = Date()) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        var removed: [URL] = []
        for name in names where name.hasPrefix(prefix) {
            let directory = temporary.appendingPathComponent(name, isDirectory: true)
            guard isOwnDirectory(directory), isAbandoned(directory, now: now) else { continue }
            if (try? FileManager.default.removeItem(at: directory)) != nil { removed.append(directory) }
        }
        return removed
    }

    static func isOwnDirectory(_ directory: URL) -> Bool {
        var info = stat()
        guard lstat(directory.path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == getuid()
    }

    static func isAbandoned(_ directory: URL, now: Date) -> Bool {
        let ownerURL = directory.appendingPathComponent(ownerFile)
        guard let text = try? String(contentsOf: ownerURL, encoding: .utf8) else {
            // No owner yet (being created) or an older tideblob's directory: only when clearly stale.
            let modified = (try? FileManager.default.attributesOfItem(atPath: directory.path)[.modificationDate]) as? Date
            return modified.map { now.timeIntervalSince($0) > 86_400 } ?? false
        }
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return false }
        if pid == getpid() { return false }
        // Alive (or someone else's live process reusing the pid): keep. Only "no such process" means abandoned.
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
