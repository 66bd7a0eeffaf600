import Foundation

/// The sandbox's data directory as start-up clean-up must leave it: `tmp/` empty, and under `content/blobs/<user>/`
/// exactly the files of the blobs that are listed as available (a file of any other name is an orphan).
struct DataDirectoryScan: Sendable {
    let dataDirectory: URL

    func leftovers(expecting ids: Set<String>) -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        let temp = dataDirectory.appendingPathComponent("tmp")
        for name in (try? fm.contentsOfDirectory(atPath: temp.path)) ?? [] { found.append("tmp/" + name) }
        let blobs = dataDirectory.appendingPathComponent("content/blobs")
        for user in (try? fm.contentsOfDirectory(atPath: blobs.path)) ?? [] {
            for name in (try? fm.contentsOfDirectory(atPath: blobs.appendingPathComponent(user).path)) ?? []
            where !ids.contains(name) {
                found.append("content/blobs/\(user)/\(name)")
            }
        }
        return found.sorted()
    }
}
