import Foundation

/// Looks for secrets in text and files, in every form they could leak in: plain, percent-encoded, base64 (alone
/// and as the `email:password` of a Basic header).
struct SecretScanner {
    struct Finding: CustomStringConvertible {
        var place: String
        /// Which secret and form (never the secret itself).
        var secret: String
        var description: String { "\(secret) in \(place)" }
    }

    /// (label, needle) pairs.
    private(set) var needles: [(label: String, needle: String)] = []
    private(set) var placesSearched = 0
    private(set) var findings: [Finding] = []

    mutating func add(secret: String, label: String, email: String? = nil) {
        guard !secret.isEmpty else { return }
        var forms: [(String, String)] = [("plain", secret)]
        let strict = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: strict), percent != secret {
            forms.append(("percent-encoded", percent))
        }
        if let form = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed), form != secret, form != forms.last?.1 {
            forms.append(("query-encoded", form))
        }
        forms.append(("base64", Self.base64Core(secret)))
        if let email { forms.append(("basic-auth base64", Data("\(email):\(secret)".utf8).base64EncodedString())) }
        for (form, needle) in forms where !needles.contains(where: { $0.needle == needle }) {
            needles.append(("\(label) \(form)", needle))
        }
    }

    /// The base64 of `s` without trailing padding (so it also matches inside a longer base64 run that starts with it).
    static func base64Core(_ s: String) -> String {
        var b = Data(s.utf8).base64EncodedString()
        while b.hasSuffix("=") { b.removeLast() }
        // The last character may depend on what follows; drop it to match any continuation.
        return b.count > 4 ? String(b.dropLast()) : b
    }

    /// Searches `text` (one place); returns the number of occurrences found.
    @discardableResult
    mutating func search(_ text: String, place: String) -> Int {
        placesSearched += 1
        var found = 0
        for (label, needle) in needles {
            var range = text.startIndex..<text.endIndex
            while let hit = text.range(of: needle, range: range) {
                findings.append(Finding(place: place, secret: label))
                found += 1
                range = hit.upperBound..<text.endIndex
            }
        }
        return found
    }

    /// Searches every regular file under `directory` (recursively) except `excluding`.
    mutating func searchFiles(under directory: URL, excluding: Set<String>) {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  !excluding.contains(url.standardizedFileURL.path) else { continue }
            let data = (try? Data(contentsOf: url)) ?? Data()
            search(String(decoding: data, as: UTF8.self), place: url.path)
        }
    }
}
