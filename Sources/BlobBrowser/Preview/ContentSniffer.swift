import Foundation

/// What a preview shows, decided from the bytes themselves (the media type is not trusted).
public enum PreviewKind: String, Sendable, Hashable {
    case empty, text, json, csv, hex
}

/// Content sniffing for previews: NUL bytes or invalid UTF-8 → binary (hex); otherwise JSON when it starts like JSON
/// and its brackets nest, CSV when the first lines have the same number (≥ 1) of commas, else text.
public enum ContentSniffer {
    /// Previews fetch and show only this many bytes.
    public static let previewLimit = 256 * 1024

    public static func sniff(_ data: Data, truncated: Bool = false) -> PreviewKind {
        if data.isEmpty { return .empty }
        guard let text = decodeText(data, truncated: truncated) else { return .hex }
        if looksLikeJSON(text) { return .json }
        if looksLikeCSV(text) { return .csv }
        return .text
    }

    /// The bytes as UTF-8 text, or nil when they look binary. A multi-byte character cut by the prefix limit at the
    /// very end is tolerated when `truncated`.
    public static func decodeText(_ data: Data, truncated: Bool) -> String? {
        var bytes = [UInt8](data)
        if bytes.contains(0) { return nil }
        if truncated {
            // Drop up to 3 bytes of an incomplete trailing sequence.
            var drop = 0
            while drop < 3, drop < bytes.count, (bytes[bytes.count - 1 - drop] & 0xC0) == 0x80 { drop += 1 }
            if drop < bytes.count, bytes[bytes.count - 1 - drop] >= 0xC0 {
                let lead = bytes[bytes.count - 1 - drop]
                let need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                if drop + 1 < need { bytes.removeLast(drop + 1) }
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        // Many C0 controls other than whitespace means binary.
        var controls = 0
        var total = 0
        for s in text.unicodeScalars {
            total += 1
            if s.value < 0x20, s != "\n", s != "\r", s != "\t", s.value != 0x0C, s.value != 0x1B { controls += 1 }
        }
        if total > 0, controls * 10 > total { return nil }
        return text
    }

    static func looksLikeJSON(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first(where: { !$0.properties.isWhitespace }), first == "{" || first == "[" else {
            return false
        }
        return JSONPretty.isPlausible(text)
    }

    static func looksLikeCSV(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", maxSplits: 20, omittingEmptySubsequences: true).prefix(20)
        guard lines.count >= 2 else { return false }
        let counts = lines.dropLast(lines.count > 2 ? 1 : 0).map { CSVParser.parseLine(String($0)).count }
        guard let first = counts.first, first >= 2 else { return false }
        return counts.allSatisfy { $0 == first }
    }
}
