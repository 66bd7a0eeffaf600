import SafeText

/// Checks the layout of a `SafeText.table` / CLI table: columns found from the header line; in every row the two
/// display columns before each column start are the separator spaces (so no cell ran into its neighbour and no
/// wide character straddles a boundary), and no column is wider than its cap.
struct TableLayout {
    let starts: [Int]
    let caps: [Int?]

    /// Nil when the header names are not found in order. A right-aligned column's header sits at the column's
    /// end, so `rightAligned` gives such columns' widths (index → width; the tests know those cells).
    init?(header: String, names: [String], caps: [Int?], rightAligned: [Int: Int] = [:]) {
        var starts: [Int] = []
        var from = header.startIndex
        for (i, name) in names.enumerated() {
            guard let r = header.range(of: name, range: from..<header.endIndex) else { return nil }
            let at = SafeText.width(String(header[header.startIndex..<r.lowerBound]))
            if let w = rightAligned[i] { starts.append(at + SafeText.width(name) - max(w, SafeText.width(name))) } else { starts.append(at) }
            from = r.upperBound
        }
        self.starts = starts
        self.caps = caps
    }

    /// The character (or nil for a continuation column) at each display column of `row`.
    static func columns(of row: String) -> [Character?] {
        var out: [Character?] = []
        for ch in row {
            let w = SafeText.width(of: ch)
            if w == 0 { continue }
            out.append(ch)
            if w == 2 { out.append(nil) }
        }
        return out
    }

    func problems(row: String) -> [String] {
        var out: [String] = []
        let cols = Self.columns(of: row)
        for (i, start) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1] - 2 : cols.count
            if i + 1 < starts.count {
                for c in [starts[i + 1] - 2, starts[i + 1] - 1] where c < cols.count && cols[c] != " " {
                    out.append("column \(i) runs into the separator at display column \(c)")
                    break
                }
            }
            if i < caps.count, let cap = caps[i], end - start > cap {
                out.append("column \(i) is \(end - start) wide, cap \(cap)")
            }
        }
        return out
    }
}
