import Testing
@testable import SafeText

@Suite struct SafeTextLinesTests {
    @Test func splitsOnNewlinesAndCRLF() {
        #expect(SafeText.lines("a\nb\r\nc") == ["a", "b", "c"])
        #expect(SafeText.lines("a\n") == ["a"])
        #expect(SafeText.lines("a\n\nb") == ["a", "", "b"])
        #expect(SafeText.lines("") == [])
        #expect(SafeText.lines("x\ry") == ["x\\ry"])
    }

    @Test func expandsTabsToStopsOfEight() {
        #expect(SafeText.lines("x\ty") == ["x       y"])
        #expect(SafeText.lines("\tz") == ["        z"])
        #expect(SafeText.lines("12345678\tz") == ["12345678        z"])
        #expect(SafeText.lines("日本\tz") == ["日本    z"])
    }

    @Test func escapesControlsInsideLines() {
        #expect(SafeText.lines("ok\n\u{1B}[2Jbad\u{07}") == ["ok", "\\x1b[2Jbad\\x07"])
        let segs = SafeText.lineSegments("a\u{1B}b\nc")
        #expect(segs.count == 2)
        #expect(segs[0].map(\.isEscape) == [false, true, false])
    }

    @Test func bytesLines() {
        #expect(SafeText.lines(bytes: Array("one\r\ntwo\t|\n".utf8) + [0xFF]) == ["one", "two     |", "\\xff"])
        #expect(SafeText.lines(bytes: [UInt8]()) == [])
    }

    @Test(arguments: HostileCorpus.strings)
    func hostileLinesAreClean(_ input: String) {
        for line in SafeText.lines(input) + SafeText.lines(bytes: Array(input.utf8)) {
            #expect(HostileCorpus.forbiddenScalars(in: line).isEmpty)
        }
    }
}
