import SafeText

/// Makes JSON text safe to print on a terminal without changing what it means. JSONEncoder escapes C0 controls but
/// leaves DEL, C1 controls (U+0080–U+009F), bidi controls, zero-width and other invisible characters raw. Outside
/// strings JSON text is ASCII, so each such scalar can only sit inside a string, where `\uXXXX` (a surrogate pair
/// above U+FFFF) stands for it exactly: decoding gives the same data back.
enum TerminalSafeJSON {
    static func escape(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for s in json.unicodeScalars {
            let v = s.value
            if v < 0x7F || (v > 0x9F && SafeText.isDisplaySafe(s)) {
                out.append(s)
                continue
            }
            if v > 0xFFFF {
                let u = v - 0x10000
                append(0xD800 + (u >> 10), to: &out)
                append(0xDC00 + (u & 0x3FF), to: &out)
            } else {
                append(v, to: &out)
            }
        }
        return String(out)
    }

    private static func append(_ unit: UInt32, to out: inout String.UnicodeScalarView) {
        var hex = String(unit, radix: 16)
        while hex.count < 4 { hex = "0" + hex }
        out.append(contentsOf: ("\\u" + hex).unicodeScalars)
    }
}
