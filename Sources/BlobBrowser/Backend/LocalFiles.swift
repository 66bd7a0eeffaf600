import Foundation

/// The local file system as the browser needs it (existence checks, Tab completion, remembered user ids).
/// Synchronous and cheap; tests use an in-memory fake.
public protocol LocalFiles: Sendable {
    func fileExists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
    /// Entries of `directory` (names only), or [] when unreadable.
    func contents(ofDirectory directory: String) -> [String]
    var homeDirectory: String { get }
    var currentDirectory: String { get }
    /// User ids typed with `:user`, for an environment.
    func rememberedUserIds(environment: String) -> [String]
    func saveRememberedUserIds(_ ids: [String], environment: String)
}

/// `LocalFiles` over `FileManager`; remembered users in `<stateDirectory>/users-<env>.json`.
public struct RealLocalFiles: LocalFiles {
    public var stateDirectory: URL
    public init(stateDirectory: URL) { self.stateDirectory = stateDirectory }

    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    public func isDirectory(_ path: String) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &dir) && dir.boolValue
    }
    public func contents(ofDirectory directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }
    public var homeDirectory: String { NSHomeDirectory() }
    public var currentDirectory: String { FileManager.default.currentDirectoryPath }

    func usersFile(_ environment: String) -> URL {
        let safe = String(environment.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        return stateDirectory.appendingPathComponent("users-\(safe).json")
    }
    public func rememberedUserIds(environment: String) -> [String] {
        guard let data = try? Data(contentsOf: usersFile(environment)),
              let ids = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return ids
    }
    public func saveRememberedUserIds(_ ids: [String], environment: String) {
        try? FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if let data = try? JSONEncoder().encode(ids) { try? data.write(to: usersFile(environment), options: .atomic) }
    }
}

/// Tab completion of a path prefix: the common extension of all matching entries (directories get a `/`).
public enum PathCompletion {
    public static func complete(_ input: String, files: LocalFiles) -> (text: String, candidates: [String]) {
        let expanded = expandTilde(input, home: files.homeDirectory)
        let (dir, partial): (String, String)
        if expanded.hasSuffix("/") { (dir, partial) = (expanded, "") } else {
            let ns = expanded as NSString
            let parent = ns.deletingLastPathComponent
            dir = parent.isEmpty ? files.currentDirectory : parent
            partial = ns.lastPathComponent
        }
        let names = files.contents(ofDirectory: dir).filter { $0.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.hasPrefix(".")) }
        guard !names.isEmpty else { return (input, []) }
        var common = names[0]
        for n in names.dropFirst() { common = String(common.commonPrefix(with: n)) }
        let base = expanded.hasSuffix("/") ? expanded : {
            let parent = (expanded as NSString).deletingLastPathComponent
            return parent.isEmpty ? "" : (parent.hasSuffix("/") ? parent : parent + "/")
        }()
        var completed = base + common
        if names.count == 1, files.isDirectory(dir.hasSuffix("/") ? dir + common : dir + "/" + common) { completed += "/" }
        return (completed, names.count > 1 ? names : [])
    }

    public static func expandTilde(_ path: String, home: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return home + String(path.dropFirst(1)) }
        return path
    }
}
