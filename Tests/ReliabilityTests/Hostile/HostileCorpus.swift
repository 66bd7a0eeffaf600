import Foundation

/// One entry of `Fixtures/hostile-corpus.json`.
struct HostileInput: Sendable, CustomStringConvertible {
    let index: Int
    let name: String
    let category: String
    /// The raw bytes (may be invalid UTF-8).
    let bytes: [UInt8]

    /// As text: invalid UTF-8 becomes U+FFFD, which is what a JSON field can carry.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var isValidUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }
    /// The text without CR, LF and NUL (for places such as HTTP header values that cannot carry them).
    var headerSafeText: String { String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init)) }
    var description: String { "\(name) [\(category)]" }
}

/// The hostile input corpus (issue 6), read from `Fixtures/hostile-corpus.json` next to this directory (found via
/// `#filePath`, no resource bundle). Entries hold `text` (a JSON string) or `base64` (raw bytes), and an optional
/// `repeat` count for very long values.
enum HostileCorpus {
    /// Categories the corpus must cover.
    static let requiredCategories: Set<String> = [
        "c0", "c1", "csi", "osc52", "osc8", "osc-title", "dcs", "esc-c", "lone-esc", "overwrite", "bidi",
        "zero-width", "invalid-utf8", "long", "wide",
    ]

    static var fileURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/hostile-corpus.json")
    }

    private struct File: Decodable { var entries: [Entry] }
    private struct Entry: Decodable {
        var name: String
        var category: String
        var text: String?
        var base64: String?
        var `repeat`: Int?
    }

    struct LoadError: Error, CustomStringConvertible { var description: String }

    private static let loaded: Result<[HostileInput], LoadError> = {
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: fileURL))
            var inputs: [HostileInput] = []
            for (i, e) in file.entries.enumerated() {
                var bytes: [UInt8]
                if let text = e.text {
                    bytes = Array(text.utf8)
                } else if let b64 = e.base64, let data = Data(base64Encoded: b64) {
                    bytes = Array(data)
                } else {
                    return .failure(LoadError(description: "entry \(e.name): neither text nor valid base64"))
                }
                if let n = e.repeat { bytes = Array([[UInt8]](repeating: bytes, count: max(1, n)).joined()) }
                inputs.append(HostileInput(index: i, name: e.name, category: e.category, bytes: bytes))
            }
            return .success(inputs)
        } catch {
            return .failure(LoadError(description: "cannot read \(fileURL.path): \(error)"))
        }
    }()

    /// Every entry, in file order.
    static func all() throws -> [HostileInput] { try loaded.get() }

    /// Entries that fit in a JSON string unchanged (valid UTF-8).
    static func textual() throws -> [HostileInput] { try all().filter(\.isValidUTF8) }
}
