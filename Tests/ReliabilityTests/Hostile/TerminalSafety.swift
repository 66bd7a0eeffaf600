import SafeText

/// The one policy every hostile-corpus sink is held to: what may reach a terminal.
///
/// Forbidden in output (bytes as written, or cell text):
/// - ESC (0x1B) and every other C0 control and DEL, except `\n` between lines (and `\t` only where a caller allows
///   it; no sink here does);
/// - C1 controls U+0080–U+009F as scalars, and any byte that is not part of well-formed UTF-8 (that covers raw
///   0x80–0x9F bytes, which a terminal may take as 8-bit C1);
/// - bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C);
/// - zero-width and other invisible characters, *everywhere*: every format character (general category Cf — ZWSP,
///   ZWNJ, ZWJ, word joiner, BOM, soft hyphen, invisible operators, tag characters…, including ZWJ inside emoji
///   sequences, which the sanitizer shows as `<U+200D>`), line/paragraph separators, private-use, unassigned and
///   surrogate code points (their width is unknown), and a combining mark at the start of a line (it would combine
///   with whatever is on screen before it).
/// Widths are measured with `SafeText.width` — the same `wcwidth` the renderer uses.
enum TerminalSafety {
    /// Problems in bytes bound for a terminal; empty when safe.
    static func problems(bytes: some Collection<UInt8>, allowNewline: Bool = true, allowTab: Bool = false) -> [String] {
        let a = Array(bytes)
        var out: [String] = []
        var i = 0
        var lineStart = true
        while i < a.count, out.count < 8 {
            let n = sequenceLength(a, at: i)
            if n == 0 {
                out.append("byte 0x\(hex(UInt32(a[i]), 2)) at offset \(i) is not well-formed UTF-8")
                i += 1
                lineStart = false
                continue
            }
            let scalar = decode(a[i..<(i + n)])
            if let why = forbidden(scalar, allowNewline: allowNewline, allowTab: allowTab, atLineStart: lineStart) {
                out.append("\(why) at offset \(i)")
            }
            lineStart = scalar == "\n"
            i += n
        }
        return out
    }

    static func problems(text: String, allowNewline: Bool = true, allowTab: Bool = false) -> [String] {
        problems(bytes: Array(text.utf8), allowNewline: allowNewline, allowTab: allowTab)
    }

    /// Why this scalar must not reach a terminal, or nil.
    static func forbidden(_ s: Unicode.Scalar, allowNewline: Bool, allowTab: Bool, atLineStart: Bool) -> String? {
        let v = s.value
        if v == 0x1B { return "ESC" }
        if v == 0x0A { return allowNewline ? nil : "newline" }
        if v == 0x09 { return allowTab ? nil : "tab" }
        if v < 0x20 || v == 0x7F { return "C0 control U+\(hex(v, 4))" }
        if (0x80...0x9F).contains(v) { return "C1 control U+\(hex(v, 4))" }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C {
            return "bidi control U+\(hex(v, 4))"
        }
        switch s.properties.generalCategory {
        case .format: return "invisible format character U+\(hex(v, 4))"
        case .lineSeparator, .paragraphSeparator: return "line/paragraph separator U+\(hex(v, 4))"
        case .privateUse, .unassigned, .surrogate: return "unmeasurable code point U+\(hex(v, 4))"
        case .nonspacingMark, .enclosingMark: return atLineStart ? "combining mark U+\(hex(v, 4)) at line start" : nil
        default: return nil
        }
    }

    /// Display width as the renderer measures it.
    static func width(_ s: String) -> Int { SafeText.width(s) }

    static func hex(_ v: UInt32, _ digits: Int) -> String {
        var h = String(v, radix: 16, uppercase: true)
        while h.count < digits { h = "0" + h }
        return h
    }

    /// Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0.
    private static func sequenceLength(_ a: [UInt8], at i: Int) -> Int {
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool { i + k < a.count && (lo...hi).contains(a[i + k]) }
        switch a[i] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>) -> Unicode.Scalar {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }
}
