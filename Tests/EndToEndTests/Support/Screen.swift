import Foundation

/// Reading captured screens: blob ids (full or middle-truncated), marked rows, control characters, escapes.
enum Screen {
    /// True when `blobId` is on the screen in full, or middle-truncated as the table shows it (`3fb928b2…96ed9c83`,
    /// at least 4 characters each side).
    static func shows(blobId: String, in screen: String) -> Bool {
        if screen.contains(blobId) { return true }
        return screen.split(separator: "\n").contains { line in rowShows(blobId: blobId, line: Substring(line)) }
    }

    static func rowShows(blobId: String, line: Substring) -> Bool {
        if line.contains(blobId) { return true }
        for token in line.split(whereSeparator: { $0 == " " || $0 == "│" }) where token.contains("…") {
            let parts = token.split(separator: "…", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            var head = parts[0]
            if head.hasPrefix("●") || head.hasPrefix("*") { head = head.dropFirst() }
            let tail = parts[1]
            if head.count >= 4, tail.count >= 4, blobId.hasPrefix(head), blobId.hasSuffix(tail) { return true }
        }
        return false
    }

    /// The screen rows that carry the mark sign (`●`) in front of a blob id.
    static func markedRows(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.contains("││●") || $0.contains("│●") }
    }

    /// Control characters that must never reach the terminal from data: C0 (but newline), DEL, C1, and the bidi
    /// embedding/override/isolate controls. Returns the offending scalars.
    static func rawControls(in screen: String) -> [Unicode.Scalar] {
        screen.unicodeScalars.filter { s in
            let v = s.value
            if v == 0x0A { return false }
            return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
        }
    }

    /// Escape sequences in a `capture-pane -e` screen that are not plain SGR (`ESC [ params m`): tmux writes only
    /// SGR for colours and attributes, so anything else came from the data.
    static func nonSGREscapes(in escaped: String) -> [String] {
        var found: [String] = []
        let scalars = Array(escaped.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "\u{1B}" else { i += 1; continue }
            var j = i + 1
            var ok = false
            if j < scalars.count, scalars[j] == "[" {
                j += 1
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" || scalars[j] == ":" { j += 1 }
                ok = j < scalars.count && scalars[j] == "m"
            }
            if !ok {
                let end = min(scalars.count, i + 12)
                found.append(String(String.UnicodeScalarView(scalars[i..<end])).debugDescription)
            }
            i = max(j, i + 1)
        }
        return found
    }

    /// Whitespace-separated words of the screen (for `stty -a` flags: ` icanon` vs `-icanon`).
    static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
    }
}
