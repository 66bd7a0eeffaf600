/// Makes client-controlled text safe for a terminal: every control, format (bidi, zero-width),
/// non-printable or non-ASCII scalar is written as an escape (`\xNN`, `\u{NNNN}`), so no raw bytes
/// from clients reach the terminal. Output is capped at `limit` characters.
enum LogSanitizer {
    static func escape(_ text: String, limit: Int = 512) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if out.count >= limit { out += "…"; break }
            let v = scalar.value
            switch v {
            case 0x5C: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(scalar)
            case 0x00...0xFF: out += "\\x" + String(v, radix: 16).leftPadded(2)
            default: out += "\\u{" + String(v, radix: 16) + "}"
            }
        }
        return out
    }
}
