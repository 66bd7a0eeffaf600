import BlobBrowser
import Foundation
import SafeText
import Testing
import TidepoolAPI
@testable import TerminalUI

@Suite struct ScreenMainTests {
    @Test func mainScreenAt120x40() {
        let grid = ScreenFixtures.render(ScreenFixtures.mainState())
        ScreenFixtures.expectSnapshot(grid, "main-120x40")
        ScreenFixtures.expectDisplaySafe(grid)
        let lines = grid.lines()
        #expect(lines[0].contains("Blobs of Zoë Ångström · 2 marked (25.3 MiB)"))
        #expect(lines.contains { $0.contains("Mallory \\x1b]0;") })
        #expect(lines[38].contains("demo") && lines[38].contains("support@tideblob.demo (service)") && lines[38].contains(" idle"))
        #expect(lines[39].contains("D delete") && lines[39].contains("? help"))
        // Sort indicator on the Created column.
        #expect(lines[1].contains("Created▼"))
    }

    @Test func mainScreenAt60x15() {
        let grid = ScreenFixtures.render(ScreenFixtures.mainState(rows: 15, columns: 60), rows: 15, columns: 60)
        ScreenFixtures.expectSnapshot(grid, "main-60x15")
        ScreenFixtures.expectDisplaySafe(grid)
        #expect(grid.lines().allSatisfy { SafeText.width($0) == 60 })
    }

    @Test func tooSmallShowsTheNotice() {
        let grid = ScreenFixtures.render(ScreenFixtures.mainState(rows: 14, columns: 59), rows: 14, columns: 59)
        #expect(grid.lines().contains { $0.contains("terminal too small: need 60×15, have 59×14") })
    }

    @Test func asciiLocaleDrawsAsciiOnly() {
        let grid = ScreenFixtures.render(ScreenFixtures.mainState(), ascii: true)
        for line in grid.lines() { #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)") }
    }

    @Test func forbiddenBlobListShowsTheExplanation() {
        var s = ScreenFixtures.mainState()
        s.blobs.items = []
        s.blobs.marks = []
        s.blobs.error = BrowserError(message: "HTTP 403 unauthorized: authentication token is not authorized for requested action",
                                     status: 403, hint: "listing blobs needs a service account; this session is a user session",
                                     traceId: "0f3c2b1a")
        let lines = ScreenFixtures.render(s).lines()
        #expect(lines[1].contains("Cannot list blobs: listing blobs needs a service account; this session is a user session"))
        #expect(lines.contains { $0.contains("trace 0f3c2b1a") })
        // The device-logs pane still lists its chunks.
        #expect(lines.contains { $0.contains("2024-06-01 11:00:05") })
    }

    @Test func filterPromptReplacesTheFooter() {
        var s = ScreenFixtures.mainState()
        s.inputLine = InputLine(purpose: .filterBlobs, prompt: "filter blobs: ", text: "csv")
        s.blobs.textFilter = "csv"
        let lines = ScreenFixtures.render(s).lines()
        #expect(lines[39].hasPrefix("filter blobs: csv"))
        #expect(lines[0].contains("/csv"))
    }
}

