import SafeText

/// Display-width helpers for widgets.
enum Widths {
    static func width(_ s: String) -> Int { SafeText.width(s) }

    static func prefix(_ s: String, width limit: Int) -> String {
        var used = 0
        var out = ""
        for ch in s {
            let w = SafeText.width(of: ch)
            if used + w > limit { break }
            used += w
            out.append(ch)
        }
        return out
    }
}
