/// Hostile inputs (tui-anchors.md §4): escape-sequence injection, spoofing controls, invisible characters.
enum HostileCorpus {
    static let strings: [String] = [
        "clip\u{1B}]52;c;ZXZpbA==\u{07}board",             // OSC 52 clipboard write
        "\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\",  // OSC 8 hyperlink
        "A\u{1B}]0;PWNED\u{07}B",                         // OSC 0 title
        "C\u{1B}[2J\u{1B}[1AD",                           // CSI clear screen, cursor up
        "report\u{1B}[6n",                                // CSI 6n (device status report → reply into stdin)
        "\u{1B}P+q544e\u{1B}\\dcs",                       // DCS
        "reset\u{1B}c",                                   // ESC c (RIS)
        "lone escape at end\u{1B}",
        "E\u{9B}31mF",                                    // 8-bit C1 CSI
        "\u{90}dcs8\u{9C}",                               // 8-bit DCS / ST
        "safe-name\rEVIL",                                // \r overwrite
        "abc\u{08}X",                                     // backspace
        "line1\nline2-overflow",                          // newline inside a field
        "x\ty",                                           // tab
        "bell\u{07}null\u{00}del\u{7F}",
        "file\u{202E}txt.exe",                            // RLO
        "a\u{2066}isolate\u{2069}b\u{200E}\u{200F}\u{061C}",
        "zero\u{200B}width\u{200C}joiner\u{200D}word\u{2060}bom\u{FEFF}",
        "\u{FEFF}leading BOM",
        "sep\u{2028}line\u{2029}para",
        "private\u{E000}use",
        "unassigned\u{0378}",
        "\u{0301}leading combining",
        "\u{1B}\u{0301}escape then combining",
        "soft\u{00AD}hyphen",
        "👨\u{200D}👩\u{200D}👧 family",
        String(repeating: "long\u{1B}[31m", count: 2000),
    ]

    /// Every scalar that must never reach a terminal.
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            || v == 0x061C { return true }
        if (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF { return true }
        if v == 0x2028 || v == 0x2029 { return true }
        return false
    }

    static func forbiddenScalars(in s: String) -> [Unicode.Scalar] { s.unicodeScalars.filter(isForbidden) }
}
