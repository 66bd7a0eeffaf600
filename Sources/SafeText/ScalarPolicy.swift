import CWCWidth

/// How one Unicode scalar may be shown on a terminal. Internal building block of `SafeText`.
enum ScalarClass: Equatable {
    /// Printable; `width` terminal columns (0 for combining marks and variation selectors).
    case printable(width: Int)
    /// Must never reach a terminal; shown as the given visible escape instead.
    case escape(String)
}

enum ScalarPolicy {
    /// Bidi controls: embeddings/overrides, isolates, marks, Arabic letter mark.
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Zero-width characters that hide content: ZWSP, ZWNJ, ZWJ, word joiner, BOM / ZWNBSP.
    static func isZeroWidthControl(_ v: UInt32) -> Bool {
        (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF
    }

    /// `<U+202E>` style marker.
    static func codePointMarker(_ v: UInt32) -> String {
        var hex = String(v, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "<U+" + hex + ">"
    }

    /// `\x1b` style escape for a byte (C0, DEL, invalid UTF-8).
    static func byteEscape(_ b: UInt8) -> String {
        let hex = String(b, radix: 16)
        return "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }

    /// The terminal width of a scalar as wcwidth sees it (−1 for non-printable). Needs a UTF-8 LC_CTYPE,
    /// which `LocaleSetup.ensure()` provides.
    static func wcwidth(_ v: UInt32) -> Int {
        LocaleSetup.ensure()
        return Int(cw_wcwidth(v))
    }

    /// The display policy for one scalar (independent of ASCII mode).
    static func classify(_ s: Unicode.Scalar) -> ScalarClass {
        let v = s.value
        switch v {
        case 0x0A: return .escape("\\n")
        case 0x0D: return .escape("\\r")
        case 0x09: return .escape("\\t")
        case 0x00...0x1F, 0x7F: return .escape(byteEscape(UInt8(v)))
        case 0x20...0x7E: return .printable(width: 1)
        case 0x80...0x9F: return .escape(codePointMarker(v))
        default: break
        }
        if isBidiControl(v) || isZeroWidthControl(v) { return .escape(codePointMarker(v)) }
        switch s.properties.generalCategory {
        case .format, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator, .surrogate, .control:
            return .escape(codePointMarker(v))
        default: break
        }
        let w = wcwidth(v)
        if w < 0 { return .escape(codePointMarker(v)) }   // glibc does not know it: width unknown, show it
        return .printable(width: min(w, 2))
    }

    /// True when the scalar is printable and may be sent to a terminal.
    static func isSafe(_ s: Unicode.Scalar) -> Bool {
        if case .printable = classify(s) { return true }
        return false
    }
}
