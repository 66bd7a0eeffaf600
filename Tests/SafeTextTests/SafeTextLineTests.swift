import Testing
@testable import SafeText

@Suite struct SafeTextLineTests {
    @Test(arguments: HostileCorpus.strings)
    func hostileCorpusLeavesNoForbiddenScalar(_ input: String) {
        for ascii in [false, true] {
            let out = SafeText.line(input, ascii: ascii)
            #expect(HostileCorpus.forbiddenScalars(in: out).isEmpty, "\(out.debugDescription)")
            #expect(!out.utf8.contains(0x1B))
            #expect(SafeText.line(out, ascii: ascii) == out, "idempotent")
            if ascii { #expect(out.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) }
        }
    }

    @Test func controlsBecomeVisibleEscapes() {
        #expect(SafeText.line("A\u{1B}]0;PWNED\u{07}B") == "A\\x1b]0;PWNED\\x07B")
        #expect(SafeText.line("safe-name\rEVIL") == "safe-name\\rEVIL")
        #expect(SafeText.line("abc\u{08}X") == "abc\\x08X")
        #expect(SafeText.line("line1\nline2") == "line1\\nline2")
        #expect(SafeText.line("x\ty") == "x\\ty")
        #expect(SafeText.line("del\u{7F}") == "del\\x7f")
        #expect(SafeText.line("lone\u{1B}") == "lone\\x1b")
        #expect(SafeText.line("\r\n") == "\\r\\n")
    }

    @Test func c1AndInvisibleScalarsBecomeCodePointMarkers() {
        #expect(SafeText.line("E\u{9B}31mF") == "E<U+009B>31mF")
        #expect(SafeText.line("file\u{202E}txt.exe") == "file<U+202E>txt.exe")
        #expect(SafeText.line("a\u{200B}b\u{200D}c\u{FEFF}") == "a<U+200B>b<U+200D>c<U+FEFF>")
        #expect(SafeText.line("\u{2066}x\u{2069}") == "<U+2066>x<U+2069>")
        #expect(SafeText.line("sep\u{2028}x") == "sep<U+2028>x")
        #expect(SafeText.line("p\u{E000}") == "p<U+E000>")
        #expect(SafeText.line("\u{0301}x") == "<U+0301>x")
    }

    @Test func printableTextIsUnchanged() {
        for s in ["hello", "naïve café", "日本語のファイル.txt", "Zoë 🎉", "e\u{0301}", "a\\x1b literal", "µg ✓"] {
            #expect(SafeText.line(s) == s)
        }
    }

    @Test func segmentsFlagEscapes() {
        let segs = SafeText.segments("ab\u{1B}[2Jc")
        #expect(segs == [
            .init(text: "ab", isEscape: false), .init(text: "\\x1b", isEscape: true), .init(text: "[2Jc", isEscape: false),
        ])
        #expect(SafeText.segments("plain") == [.init(text: "plain", isEscape: false)])
        #expect(SafeText.segments("") == [])
    }

    @Test func asciiModeReplacesNonASCIIWithQuestionMarks() {
        #expect(SafeText.line("Zoë", ascii: true) == "Zo?")
        #expect(SafeText.line("e\u{0301}x", ascii: true) == "?x")
        #expect(SafeText.line("日本", ascii: true) == "??")
        #expect(SafeText.line("a\u{202E}b", ascii: true) == "a<U+202E>b")
        #expect(SafeText.segments("é", ascii: true) == [.init(text: "?", isEscape: true)])
        #expect(SafeText.ellipsis(ascii: true) == "...")
    }

    @Test func bytesDecodeValidUTF8AndEscapeInvalidBytes() {
        #expect(SafeText.line(bytes: Array("bad".utf8) + [0xFF, 0xFE] + Array("utf8".utf8)) == "bad\\xff\\xfeutf8")
        #expect(SafeText.line(bytes: Array("ok ✓".utf8)) == "ok ✓")
        #expect(SafeText.line(bytes: [0xC3]) == "\\xc3")                      // truncated sequence
        #expect(SafeText.line(bytes: [0xC0, 0xAF]) == "\\xc0\\xaf")           // overlong
        #expect(SafeText.line(bytes: [0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80") // surrogate
        #expect(SafeText.line(bytes: [0x1B, 0x5B, 0x32, 0x4A]) == "\\x1b[2J")
        let segs = SafeText.segments(bytes: [0x61, 0xFF, 0x62])
        #expect(segs.map(\.isEscape) == [false, true, false])
    }
}
