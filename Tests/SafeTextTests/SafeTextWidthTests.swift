import Testing
@testable import SafeText

@Suite struct SafeTextWidthTests {
    @Test func widths() {
        #expect(SafeText.width("abc") == 3)
        #expect(SafeText.width("日本語") == 6)
        #expect(SafeText.width("🎉") == 2)
        #expect(SafeText.width("e\u{0301}") == 1)
        #expect(SafeText.width("naïve") == 5)
        #expect(SafeText.width("") == 0)
        #expect(SafeText.width("한국어") == 6)
        #expect(SafeText.width("\u{1B}") == 0)
        #expect(SafeText.width("🇩🇪") == 2)
    }

    @Test func truncateEnd() {
        #expect(SafeText.truncate("hello world", toWidth: 8) == "hello w…")
        #expect(SafeText.truncate("hello", toWidth: 5) == "hello")
        #expect(SafeText.truncate("hello", toWidth: 0) == "")
        #expect(SafeText.truncate("日本語テキスト", toWidth: 6) == "日本…")   // 4 + 1, a wide char does not fit in 1
        #expect(SafeText.width(SafeText.truncate("日本語テキスト", toWidth: 6)) <= 6)
        #expect(SafeText.truncate("hello world", toWidth: 8, ellipsis: "...") == "hello...")
        #expect(SafeText.truncate("hello", toWidth: 2, ellipsis: "...") == "he")
    }

    @Test func truncateMiddleForIds() {
        let id = "0123456789abcdef0123456789abcdef"
        let t = SafeText.truncateMiddle(id, toWidth: 11)
        #expect(t == "01234…bcdef")
        #expect(SafeText.width(t) == 11)
        #expect(SafeText.truncateMiddle("short", toWidth: 10) == "short")
        #expect(SafeText.truncateMiddle(id, toWidth: 11, ellipsis: "...") == "0123...cdef")
    }

    @Test func padded() {
        #expect(SafeText.padded("ab", toWidth: 4) == "ab  ")
        #expect(SafeText.padded("ab", toWidth: 4, alignRight: true) == "  ab")
        #expect(SafeText.padded("日本", toWidth: 5) == "日本 ")
        #expect(SafeText.padded("abcdef", toWidth: 4) == "abc…")
    }

    @Test func tableAlignsByDisplayWidth() {
        let lines = SafeText.table(
            rows: [["日本", "1.0 KiB"], ["evil\u{1B}[2J", "12 B"], ["0123456789abcdef", "3"]],
            headers: ["NAME", "SIZE"], maxWidths: [10, nil], alignRight: [false, true])
        #expect(lines == [
            "NAME           SIZE",
            "日本        1.0 KiB",
            "evil\\x1b[…     12 B",
            "012345678…        3",
        ])
    }

    @Test func hostileWidthIsConsistentAfterSanitizing() {
        for s in HostileCorpus.strings {
            let clean = SafeText.line(s)
            let sum = clean.reduce(0) { $0 + SafeText.width(of: $1) }
            #expect(SafeText.width(clean) == sum)
            #expect(SafeText.width(SafeText.truncate(clean, toWidth: 20)) <= 20)
            #expect(SafeText.width(SafeText.truncateMiddle(clean, toWidth: 20)) <= 20)
        }
    }

    @Test func localeIsUsable() {
        SafeText.prepareLocale()
        #expect(SafeText.width("日") == 2)   // wcwidth works even though the test never called setlocale
        _ = SafeText.isUTF8Locale
    }
}
