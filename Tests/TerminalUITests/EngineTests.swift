import BlobBrowser
import Testing
@testable import TerminalUI

@Suite struct EngineTests {
    @Test func keyDecodingTable() {
        let table: [(RawInput, Key?)] = [
            (.character(13), .enter), (.character(10), .enter), (.functionKey(NCursesKeyCode.enter), .enter),
            (.character(127), .backspace), (.character(8), .backspace),
            (.functionKey(NCursesKeyCode.backspace), .backspace),
            (.character(9), .tab), (.functionKey(NCursesKeyCode.backTab), .backTab),
            (.character(27), .escape),
            (.character(3), .ctrl("c")), (.character(1), .ctrl("a")), (.character(26), .ctrl("z")),
            (.character(4), .ctrl("d")), (.character(21), .ctrl("u")),
            (.character(0x6A), .char("j")), (.character(0x20), .char(" ")), (.character(0xE9), .char("é")),
            (.character(0x65E5), .char("日")), (.character(0x1F389), .char("🎉")),
            (.character(0x9B), nil), (.character(0x202E), nil), (.character(28), nil),
            (.functionKey(NCursesKeyCode.up), .up), (.functionKey(NCursesKeyCode.down), .down),
            (.functionKey(NCursesKeyCode.left), .left), (.functionKey(NCursesKeyCode.right), .right),
            (.functionKey(NCursesKeyCode.home), .home), (.functionKey(NCursesKeyCode.end), .end),
            (.functionKey(NCursesKeyCode.previousPage), .pageUp), (.functionKey(NCursesKeyCode.nextPage), .pageDown),
            (.functionKey(NCursesKeyCode.deleteChar), .delete), (.functionKey(NCursesKeyCode.insertChar), .insert),
            (.functionKey(NCursesKeyCode.f0 + 1), .function(1)), (.functionKey(NCursesKeyCode.f0 + 12), .function(12)),
            (.functionKey(NCursesKeyCode.f0 + 13), nil), (.functionKey(NCursesKeyCode.resize), nil),
        ]
        for (raw, expected) in table {
            #expect(KeyDecoder.decode(raw) == expected, "\(raw)")
        }
    }

    @Test func ncursesKeyCodesMatchCurses() {
        // The standard curses.h values (octal); NCursesTerminal also asserts them against the C constants.
        #expect(NCursesKeyCode.down == 258 && NCursesKeyCode.resize == 410 && NCursesKeyCode.mouse == 409)
        #expect(NCursesKeyCode.backTab == 353 && NCursesKeyCode.end == 360 && NCursesKeyCode.enter == 343)
    }

    @Test func mouseDecoding() {
        let masks = MouseMasks(clicked: 0x4, pressed: 0x2, wheelUp: 0x10000, wheelDown: 0x200000)
        #expect(MouseDecoder.decode(state: 0x4, row: 3, column: 7, masks: masks) == MouseEvent(kind: .click, row: 3, column: 7))
        #expect(MouseDecoder.decode(state: 0x10000, row: 0, column: 0, masks: masks)?.kind == .wheelUp)
        #expect(MouseDecoder.decode(state: 0x200000, row: 0, column: 0, masks: masks)?.kind == .wheelDown)
        #expect(MouseDecoder.decode(state: 0x1, row: 0, column: 0, masks: masks) == nil)
    }

    @Test func headlessDriverFeedsEventsAndRenders() {
        let app = ScriptedApp()
        let driver = HeadlessDriver(application: app, rows: 15, columns: 60)
        let first = driver.start()
        #expect(app.events == [.resize(rows: 15, columns: 60)])
        #expect(first.line(0).hasPrefix("events: 1"))
        let frames = driver.send([.key(.down), .key(.char("x"))])
        #expect(frames.count == 2)
        #expect(frames[1].line(2).hasPrefix("last: x"))
        app.inbox = ["done"]
        driver.waker.wake()
        #expect(driver.pump().line(1).hasPrefix("posted: done"))
        driver.press(.char("q"))
        #expect(app.isFinished)
        #expect(driver.frames.count == 5)
    }

    @Test func tooSmallShowsNoticeButAppGetsResize() {
        let app = ScriptedApp()
        let driver = HeadlessDriver(application: app, rows: 24, columns: 80)
        driver.start()
        let small = driver.resize(rows: 10, columns: 59)
        #expect(app.events.last == .resize(rows: 10, columns: 59))
        #expect(small.lines().joined().contains("terminal too small: need 60×15, have 59×10"))
        #expect(small.rows == 10 && small.columns == 59)
        let back = driver.resize(rows: 15, columns: 60)
        #expect(back.line(0).hasPrefix("events: 3"))
    }

    @Test func headlessFramesAreSanitized() {
        final class EvilApp: TerminalApplication {
            func handle(_ event: InputEvent) {}
            func processPosted() {}
            func render(into grid: inout CellGrid) {
                for (i, s) in HostileStrings.all.enumerated() where i < grid.rows {
                    grid.put(s, row: i, column: 0, role: .normal)
                }
            }
            var wantsTicks: Bool { false }
            var isFinished: Bool { false }
            var theme: Theme { .default }
        }
        let driver = HeadlessDriver(application: EvilApp(), rows: 24, columns: 80)
        let frame = driver.start()
        #expect(HostileStrings.forbidden(in: frame).isEmpty)
        #expect(frame.isSanitized)
    }

    @Test func wakerCoalescesWakes() {
        let waker = UIWaker()
        #expect(waker.drain() == false)
        for _ in 0..<1000 { waker.wake() }
        #expect(waker.drain() == true)
        #expect(waker.drain() == false)
    }

    @Test func pollTimeouts() {
        #expect(LoopTiming.milliseconds(nil) == -1)
        #expect(LoopTiming.milliseconds(.zero) == 0)
        #expect(LoopTiming.milliseconds(.milliseconds(-5)) == 0)
        #expect(LoopTiming.milliseconds(.microseconds(1500)) == 2)
        #expect(LoopTiming.milliseconds(.seconds(1)) == 1000)
    }
}
