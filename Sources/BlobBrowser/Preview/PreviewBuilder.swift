import Foundation
import SafeText

/// Display-ready preview content: sanitized lines (wrapping long lines is the screen's job).
public struct PreviewContent: Sendable, Hashable {
    public var kind: PreviewKind
    public var lines: [String]
    /// Bytes previewed, and whether the blob is larger than that.
    public var byteCount: Int
    public var truncated: Bool
    public init(kind: PreviewKind, lines: [String], byteCount: Int, truncated: Bool) {
        self.kind = kind; self.lines = lines; self.byteCount = byteCount; self.truncated = truncated
    }
}

public enum PreviewBuilder {
    /// Builds the preview of the first bytes of some content. Only the first `ContentSniffer.previewLimit` bytes
    /// are considered even if more were passed. `totalSize` (when known) marks truncation.
    public static func build(_ data: Data, totalSize: Int64? = nil, ascii: Bool = false) -> PreviewContent {
        let capped = data.count > ContentSniffer.previewLimit ? data.prefix(ContentSniffer.previewLimit) : data
        let truncated = data.count > capped.count || (totalSize.map { $0 > Int64(capped.count) } ?? false)
        let kind = ContentSniffer.sniff(Data(capped), truncated: truncated)
        let lines: [String]
        switch kind {
        case .empty:
            lines = []
        case .hex:
            lines = HexDump.lines(Data(capped))
        case .json:
            let text = ContentSniffer.decodeText(Data(capped), truncated: truncated) ?? ""
            lines = SafeText.lines(capLines(JSONPretty.format(text)), ascii: ascii)
        case .csv:
            let text = ContentSniffer.decodeText(Data(capped), truncated: truncated) ?? ""
            let rows = CSVParser.parse(text)
            let header = rows.first ?? []
            lines = SafeText.table(rows: Array(rows.dropFirst()), headers: header,
                                   maxWidths: Array(repeating: 40, count: header.count), ascii: ascii)
        case .text:
            let text = ContentSniffer.decodeText(Data(capped), truncated: truncated) ?? ""
            lines = SafeText.lines(capLines(text), ascii: ascii)
        }
        return PreviewContent(kind: kind, lines: lines, byteCount: capped.count, truncated: truncated)
    }

    /// Longest line kept (in characters); the rest of a longer line is replaced by a note. Keeps minified or
    /// single-line content from costing seconds to sanitize and fold.
    public static let maxLineLength = 8192

    static func capLines(_ text: String) -> String {
        guard text.utf8.count > maxLineLength else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            if line.utf8.count > maxLineLength, line.count > maxLineLength {
                out += line.prefix(maxLineLength) + " …(line cut at \(maxLineLength) characters)"
            } else {
                out += line
            }
        }
        return out
    }
}
