import SafeText

/// Folding long preview lines to the view width (shared by the reducer, for scrolling limits, and the screen).
public enum PreviewFolding {
    /// Splits lines wider than `width` into several (wrapped continuation lines start with `↪ `/`> `).
    public static func fold(_ lines: [String], width: Int, ascii: Bool) -> [String] {
        guard width > 4 else { return lines }
        var out: [String] = []
        let mark = ascii ? "> " : "↪ "
        for line in lines {
            if line.utf8.count <= width { out.append(line); continue }   // bytes ≥ columns for sanitized text
            if line.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII fast path (hex dumps, JSON, logs): one column per byte.
                let bytes = Array(line.utf8)
                var start = 0
                while start < bytes.count {
                    let limit = start == 0 ? width : width - 2
                    let end = min(bytes.count, start + limit)
                    let piece = String(decoding: bytes[start..<end], as: UTF8.self)
                    out.append(start == 0 ? piece : mark + piece)
                    start = end
                }
                continue
            }
            if SafeText.width(line) <= width { out.append(line); continue }
            var current = ""
            var used = 0
            var first = true
            for ch in line {
                let w = SafeText.width(of: ch)
                let limit = first ? width : width - 2
                if used + w > limit {
                    out.append(first ? current : mark + current)
                    first = false
                    current = ""
                    used = 0
                }
                current.append(ch)
                used += w
            }
            if !current.isEmpty { out.append(first ? current : mark + current) }
        }
        return out
    }
}
