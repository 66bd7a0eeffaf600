import Foundation

/// Picks a `Content-Type` for an upload from the file name and its first bytes, and a file extension for a
/// downloaded media type.
///
/// Order: a binary signature in the content (PNG, PDF, ZIP, GZIP, JPEG) wins over a contradicting extension;
/// then the extension table; then text sniffing (JSON, CSV, plain UTF-8 text); else `application/octet-stream`.
public enum MediaTypeGuess {
    public static let fallback = "application/octet-stream"

    /// Extension (lower-case, no dot) → media type.
    public static let extensionTable: [String: String] = [
        "json": "application/json", "csv": "text/csv", "tsv": "text/tab-separated-values",
        "txt": "text/plain", "log": "text/plain", "text": "text/plain", "md": "text/markdown",
        "xml": "application/xml", "html": "text/html", "htm": "text/html",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip", "gzip": "application/gzip",
        "tgz": "application/gzip", "tar": "application/x-tar",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "bin": fallback,
    ]

    /// Media type (without parameters) → extension for saving a download.
    static let extensionForType: [String: String] = [
        "application/json": "json", "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "txt",
        "text/markdown": "md", "application/xml": "xml", "text/xml": "xml", "text/html": "html",
        "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
        "application/pdf": "pdf", "application/zip": "zip", "application/gzip": "gz", "application/x-gzip": "gz",
        "application/x-tar": "tar", "application/octet-stream": "bin",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    ]

    /// How many bytes of the head `guess` looks at (pass at least this many when available).
    public static let sniffBytes = 4096

    public static func guess(fileName: String, head: Data) -> String {
        let ext = fileExtension(of: fileName)
        let byExtension = ext.flatMap { extensionTable[$0] }
        if let signature = signatureType(head) {
            // ZIP containers (docx, xlsx…) keep their more precise extension type.
            if signature == "application/zip", let byExtension, byExtension.contains("openxmlformats") {
                return byExtension
            }
            return signature
        }
        if let byExtension { return byExtension }
        if head.isEmpty { return fallback }
        return sniffText(head) ?? fallback
    }

    /// The file extension for a media type, e.g. `application/json; charset=utf-8` → `json`; unknown → `bin`.
    public static func fileExtension(forMediaType mediaType: String?) -> String {
        guard let mediaType else { return "bin" }
        let bare = mediaType.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if let ext = extensionForType[bare] { return ext }
        if bare.hasSuffix("+json") { return "json" }
        if bare.hasSuffix("+xml") { return "xml" }
        return "bin"
    }

    static func fileExtension(of fileName: String) -> String? {
        let name = (fileName as NSString).lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        return ext.isEmpty ? nil : ext
    }

    static func signatureType(_ head: Data) -> String? {
        let b = [UInt8](head.prefix(8))
        func starts(_ sig: [UInt8]) -> Bool { b.count >= sig.count && Array(b[0..<sig.count]) == sig }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) {
            return "application/zip"
        }
        if starts([0x1F, 0x8B]) { return "application/gzip" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// JSON, CSV or plain text for valid UTF-8 without control bytes; nil for binary.
    static func sniffText(_ head: Data) -> String? {
        let complete = head.count < sniffBytes   // else the head may be a prefix of a longer file
        var bytes = [UInt8](head.prefix(sniffBytes))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // A multi-byte character cut at the end of the head is fine: drop up to 3 trailing continuation bytes.
        var text: String? = nil
        for cut in 0...min(3, bytes.count) {
            if let s = String(validating: bytes[0..<(bytes.count - cut)], as: UTF8.self) { text = s; break }
            if complete { break }   // the whole file: no cut character possible
        }
        guard let text else { return nil }
        for u in text.unicodeScalars where u.value < 0x20 && u != "\n" && u != "\r" && u != "\t" && u != "\u{0C}" {
            return nil
        }
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.first == "{" || trimmed.first == "[" {
            if looksLikeJSON(head: bytes, complete: complete) { return "application/json" }
        }
        if looksLikeCSV(text, complete: complete) { return "text/csv" }
        return "text/plain; charset=utf-8"
    }

    private static func looksLikeJSON(head: [UInt8], complete: Bool) -> Bool {
        if complete { return (try? JSONSerialization.jsonObject(with: Data(head), options: [.fragmentsAllowed])) != nil }
        // A prefix of a longer file: accept when it starts like an object/array of JSON values.
        let s = String(decoding: head.prefix(256), as: UTF8.self).drop(while: { $0.isWhitespace })
        let rest = s.dropFirst().drop(while: { $0.isWhitespace })
        guard let c = rest.first else { return true }
        return c == "\"" || c == "{" || c == "[" || c == "}" || c == "]" || c == "-" || c.isNumber
            || rest.hasPrefix("true") || rest.hasPrefix("false") || rest.hasPrefix("null")
    }

    /// At least two lines with the same number (≥ 2) of comma-separated fields.
    private static func looksLikeCSV(_ text: String, complete isWhole: Bool) -> Bool {
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let complete = (isWhole || text.hasSuffix("\n")) ? lines[...] : lines.dropLast()
        let sample = complete.prefix(20)
        guard sample.count >= 2 else { return false }
        let counts = sample.map { $0.reduce(0) { $1 == "," ? $0 + 1 : $0 } }
        guard let first = counts.first, first >= 1 else { return false }
        return counts.allSatisfy { $0 == first }
    }
}
