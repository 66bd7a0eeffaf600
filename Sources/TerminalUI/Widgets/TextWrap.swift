import SafeText

/// Word wrapping by display width (for dialogs and notices). Each `\n`-separated paragraph is sanitized with
/// `SafeText.line` first; words longer than the width are cut.
public enum TextWrap {
    public static func wrap(_ text: String, width: Int, ascii: Bool = false) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for rawParagraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let paragraph = SafeText.line(String(rawParagraph), ascii: ascii)
            var current = ""
            var currentWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = Widths.width(w)
                while ww > width {   // hard-cut long words
                    if !current.isEmpty { lines.append(current); current = ""; currentWidth = 0 }
                    let head = Widths.prefix(w, width: width)
                    lines.append(head)
                    w = String(w.dropFirst(head.count))
                    ww = Widths.width(w)
                }
                if current.isEmpty {
                    current = w; currentWidth = ww
                } else if currentWidth + 1 + ww <= width {
                    current += " " + w; currentWidth += 1 + ww
                } else {
                    lines.append(current); current = w; currentWidth = ww
                }
            }
            lines.append(current)
        }
        return lines
    }
}
