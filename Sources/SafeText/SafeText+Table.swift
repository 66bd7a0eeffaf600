extension SafeText {
    /// Aligned CLI table: every cell (and header) sanitized as `line`, columns sized by display width, each capped by
    /// `maxWidths[i]` (nil = no cap; ids are cut in the middle when `middleTruncate[i]`), separated by two spaces.
    /// The first line is the header. Trailing spaces are trimmed.
    public static func table(
        rows: [[String]], headers: [String], maxWidths: [Int?] = [], alignRight: [Bool] = [],
        middleTruncate: [Bool] = [], ascii: Bool = false
    ) -> [String] {
        let columnCount = max(headers.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        let ell = ellipsis(ascii: ascii)
        func cap(_ i: Int) -> Int? { i < maxWidths.count ? maxWidths[i].map { max(1, $0) } : nil }
        func cut(_ s: String, _ i: Int) -> String {
            let clean = line(s, ascii: ascii)
            guard let c = cap(i) else { return clean }
            let middle = i < middleTruncate.count && middleTruncate[i]
            return middle ? truncateMiddle(clean, toWidth: c, ellipsis: ell) : truncate(clean, toWidth: c, ellipsis: ell)
        }
        let all: [[String]] = ([headers] + rows).map { row in
            (0..<columnCount).map { i in i < row.count ? cut(row[i], i) : "" }
        }
        var widths = [Int](repeating: 0, count: columnCount)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) } }
        return all.map { row in
            var parts: [String] = []
            for (i, cell) in row.enumerated() {
                let right = i < alignRight.count && alignRight[i]
                let pad = String(repeating: " ", count: max(0, widths[i] - width(cell)))
                parts.append(right ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
    }
}
