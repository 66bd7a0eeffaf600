extension SafeText {
    /// Terminal columns of `s` (meant for already-sanitized text): per grapheme the widest scalar per `wcwidth`
    /// (wide CJK and emoji 2, combining marks 0). Scalars `wcwidth` cannot measure (controls) count 0.
    /// Works without the caller calling `setlocale`.
    public static func width(_ s: String) -> Int {
        var total = 0
        for ch in s { total += width(of: ch) }
        return total
    }

    /// Terminal columns of one grapheme: 0, 1 or 2.
    public static func width(of ch: Character) -> Int {
        if ch.isASCII {
            // "\r\n" is one ASCII grapheme; printable ASCII is always 1 column.
            guard let v = ch.asciiValue else { return 0 }
            return (0x20...0x7E).contains(v) ? 1 : 0
        }
        let scalars = ch.unicodeScalars
        // A flag (pair of regional indicators) is one wide glyph although wcwidth counts each indicator as 1.
        if scalars.count >= 2, let first = scalars.first, (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
        var w = 0
        for s in scalars {
            let sw = ScalarPolicy.wcwidth(s.value)
            if sw > w { w = sw }
        }
        return min(w, 2)
    }

    /// Cuts `s` to at most `toWidth` columns, ending with `ellipsis` when something was cut. Never splits a grapheme;
    /// a wide character that does not fit is left out (the result may be one column short). When even the
    /// ellipsis does not fit, the text is cut without it.
    public static func truncate(_ s: String, toWidth: Int, ellipsis: String = "…") -> String {
        let limit = max(0, toWidth)
        if width(s) <= limit { return s }
        let ew = width(ellipsis)
        let room = ew <= limit ? limit - ew : limit
        let head = prefix(s, width: room)
        return ew <= limit ? head + ellipsis : head
    }

    /// Cuts the middle of `s` (for long ids): `0a1b2c…9f8e`, at most `toWidth` columns.
    public static func truncateMiddle(_ s: String, toWidth: Int, ellipsis: String = "…") -> String {
        let limit = max(0, toWidth)
        if width(s) <= limit { return s }
        let ew = width(ellipsis)
        guard ew < limit else { return truncate(s, toWidth: limit, ellipsis: ellipsis) }
        let room = limit - ew
        let headWidth = (room + 1) / 2
        let head = prefix(s, width: headWidth)
        let tail = suffix(s, width: room - width(head))
        return head + ellipsis + tail
    }

    /// `s` padded with spaces to exactly `toWidth` columns (truncated with an ellipsis first when longer).
    public static func padded(_ s: String, toWidth: Int, alignRight: Bool = false) -> String {
        let limit = max(0, toWidth)
        let t = truncate(s, toWidth: limit)
        let pad = String(repeating: " ", count: max(0, limit - width(t)))
        return alignRight ? pad + t : t + pad
    }

    /// The longest prefix of whole graphemes that fits in `width` columns.
    static func prefix(_ s: String, width limit: Int) -> String {
        var used = 0
        var end = s.startIndex
        for i in s.indices {
            let w = width(of: s[i])
            if used + w > limit { break }
            used += w
            end = s.index(after: i)
        }
        return String(s[s.startIndex..<end])
    }

    /// The longest suffix of whole graphemes that fits in `width` columns.
    static func suffix(_ s: String, width limit: Int) -> String {
        var used = 0
        var start = s.endIndex
        var i = s.endIndex
        while i > s.startIndex {
            let prev = s.index(before: i)
            let w = width(of: s[prev])
            if used + w > limit { break }
            used += w
            start = prev
            i = prev
        }
        return String(s[start..<s.endIndex])
    }
}

extension SafeText {
    /// The width (1 or 2) of `ch` when it may be shown as one terminal cell as is — every scalar printable, not
    /// starting with a combining mark, ASCII-only when `ascii` — or nil when it must not. Cheap; for per-cell checks.
    public static func cellWidth(of ch: Character, ascii: Bool = false) -> Int? {
        if let v = ch.asciiValue { return (0x20...0x7E).contains(v) ? 1 : nil }
        if ascii { return nil }
        var first = true
        for s in ch.unicodeScalars {
            guard case .printable(let w) = ScalarPolicy.classify(s) else { return nil }
            if first && w == 0 { return nil }
            first = false
        }
        let w = width(of: ch)
        return w > 0 ? w : nil
    }
}
