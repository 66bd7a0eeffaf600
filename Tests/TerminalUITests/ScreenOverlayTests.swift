import BlobBrowser
import Foundation
import SafeText
import Testing
import TidepoolAPI
@testable import TerminalUI

@Suite struct ScreenOverlayTests {
    @Test func blobDetailShowsEveryField() {
        var s = ScreenFixtures.mainState()
        s.overlay = .blobDetail(ScreenFixtures.blob(2, mediaType: "text/csv", size: 1_400_000))
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectSnapshot(grid, "detail-120x40")
        let text = grid.lines().joined(separator: "\n")
        for needle in ["Digest MD5", "XrY7u+Ae7tCTyyK7j1rNww==", "Revision", "1.3 MiB (1400000 bytes)", "Modified", "Marked"] {
            #expect(text.contains(needle), "\(needle)")
        }
    }

    @Test func hexPreviewOfBinaryContent() {
        var s = ScreenFixtures.mainState()
        var bytes: [UInt8] = [0x1B, 0x5B, 0x32, 0x4A, 0x1B, 0x5D, 0x30, 0x3B, 0x07, 0x9B, 0x00, 0xFF, 0xE2, 0x80, 0xAE]
        bytes += Array(0..<64)
        var p = PreviewState(blobId: ScreenFixtures.blob(6).id, title: "binary", totalSize: Int64(bytes.count))
        p.loading = false
        p.content = PreviewBuilder.build(Data(bytes), totalSize: Int64(bytes.count))
        s.overlay = .preview(p)
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectSnapshot(grid, "preview-hex-120x40")
        ScreenFixtures.expectDisplaySafe(grid)
        #expect(grid.lines()[2].contains("00000000  1b 5b 32 4a 1b 5d 30 3b  07 9b 00 ff e2 80 ae 00  |.[2J.]0;........|"))
    }

    @Test func textPreviewWithEscapesIsSanitizedAndFolded() {
        var s = ScreenFixtures.mainState(rows: 15, columns: 60)
        let text = "line one \u{1B}[2J\u{1B}]8;;http://x\u{07}link \u{202E}gnp.exe\n" + String(repeating: "long ", count: 40) + "\n"
        var p = PreviewState(blobId: "x", title: "text", totalSize: nil)
        p.loading = false
        p.content = PreviewBuilder.build(Data(text.utf8))
        s.overlay = .preview(p)
        let grid = ScreenFixtures.render(s, rows: 15, columns: 60)
        ScreenFixtures.expectDisplaySafe(grid)
        let lines = grid.lines()
        #expect(lines.contains { $0.contains("\\x1b[2J") && $0.contains("<U+202E>") } || lines.contains { $0.contains("\\x1b[2J") })
        #expect(lines.contains { $0.contains("↪ ") })
    }

    @Test func deleteDialogDefaultsToNo() {
        var s = ScreenFixtures.mainState()
        s.dialog = ConfirmDialog(title: "Delete blobs",
                                 lines: ["Delete 2 blobs (25.3 MiB) of \(ScreenFixtures.hostileName)?", "1 marked item is hidden by the filter.",
                                         "This cannot be undone."],
                                 confirmLabel: "Delete", cancelLabel: "No", confirmKey: "y", destructive: true,
                                 action: .deleteBlobs(userId: "20e0a1b2c3", items: []))
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectSnapshot(grid, "delete-dialog-120x40")
        ScreenFixtures.expectDisplaySafe(grid)
        let lines = grid.lines()
        #expect(lines.contains { $0.contains("[ Delete ]  [ No ]") })
        #expect(lines.contains { $0.contains("Press y to delete, n or Esc to cancel.") })
        #expect(lines[39].contains("y delete") && lines[39].contains("n/Esc no"))
        // The focused (default) button is No.
        let row = lines.firstIndex { $0.contains("[ No ]") }!
        let col = SafeTextColumns.column(of: "[ No ]", in: lines[row])
        #expect(grid.role(row: row, column: col + 2) == .selection)

        let small = ScreenFixtures.render({ var t = s; t.rows = 15; t.columns = 60; return t }(), rows: 15, columns: 60)
        ScreenFixtures.expectSnapshot(small, "delete-dialog-60x15")
        ScreenFixtures.expectDisplaySafe(small)
    }

    @Test func transfersPanelShowsBarsRateEtaAndStall() {
        var s = ScreenFixtures.mainState()
        let start = ScreenFixtures.now.addingTimeInterval(-10)
        var a = TransferItem(id: 1, direction: .download, label: ScreenFixtures.blob(3).id, target: "/home/support/Downloads/tideblob/x.png",
                             totalBytes: 24 << 20, startedAt: start)
        a.bytesDone = 6 << 20; a.rate = 1_048_576; a.lastProgressAt = ScreenFixtures.now; a.hasStarted = true
        var b = TransferItem(id: 2, direction: .upload, label: "report.json", target: "20e0a1b2c3", totalBytes: 4 << 20, startedAt: start)
        b.bytesDone = 1 << 20; b.rate = 0; b.hasStarted = true; b.lastProgressAt = ScreenFixtures.now.addingTimeInterval(-12)
        var c = TransferItem(id: 3, direction: .download, label: "devicelogs", target: "/tmp/d.json", totalBytes: 2048, startedAt: start)
        c.bytesDone = 2048; c.phase = .done; c.finishedAt = ScreenFixtures.now
        var d = TransferItem(id: 4, direction: .download, label: "gone", target: "/tmp/g.bin", totalBytes: 10, startedAt: start)
        d.phase = .failed("HTTP 404 resource-not-found")
        s.transfers.items = [a, b, c, d]
        s.busy = 2
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectSnapshot(grid, "transfers-120x40")
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("Transfers · 2 running · 1 failed"))
        #expect(text.contains("6.0 MiB/24.0 MiB 25% 1.0 MiB/s ETA 0:18"))
        #expect(text.contains("stalled 12s"))
        #expect(text.contains("done · 2.0 KiB in 10s"))
        #expect(text.contains("failed: HTTP 404 resource-not-found"))
        #expect(text.contains("All: 7.0 MiB of 28.0 MiB"))
        #expect(text.contains("busy 2"))
        ScreenFixtures.expectSnapshot(ScreenFixtures.render({ var t = s; t.rows = 15; t.columns = 60; return t }(), rows: 15, columns: 60),
                                      "transfers-60x15")
    }

    @Test func helpOverlayComesFromTheKeymap() {
        var s = ScreenFixtures.mainState()
        s.overlay = .help(scroll: 0)
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectSnapshot(grid, "help-120x40")
        let text = grid.lines().joined(separator: "\n")
        for b in Keymap.default.bindings.prefix(12) {
            #expect(text.contains(b.description), "\(b.description)")
        }
    }

    @Test func logEntriesTable() {
        var s = ScreenFixtures.mainState()
        var e = LogEntriesState(chunk: ScreenFixtures.chunk(0))
        e.loading = false
        e.entries = [
            DeviceLogEntry(type: .send, managerIdentifier: "Omnipod", deviceIdentifier: "pod-1", timestamp: ScreenFixtures.now, message: "bolus 1.5 U"),
            DeviceLogEntry(type: .error, managerIdentifier: "Omnipod", deviceIdentifier: "pod-1", timestamp: ScreenFixtures.now,
                           message: "occlusion \u{1B}[31mred\u{1B}[0m"),
        ]
        s.overlay = .logEntries(e)
        let grid = ScreenFixtures.render(s)
        ScreenFixtures.expectDisplaySafe(grid)
        let text = grid.lines().joined(separator: "\n")
        #expect(text.contains("2 of 2 entries"))
        #expect(text.contains("bolus 1.5 U"))
        #expect(text.contains("occlusion \\x1b[31mred"))

        e.cursor.index = 1
        e.entries[1].message = "occlusion detected; " + String(repeating: "very long message ", count: 12) + "END"
        e.showsEntry = true
        s.overlay = .logEntries(e)
        let detail = ScreenFixtures.render(s)
        ScreenFixtures.expectDisplaySafe(detail)
        #expect(detail.lines().contains { $0.contains("message END") })
    }
}

enum SafeTextColumns {
    /// Display column where `needle` starts in `line` (counting each Character's width).
    static func column(of needle: String, in line: String) -> Int {
        guard let r = line.range(of: needle) else { return -1 }
        return SafeText.width(String(line[..<r.lowerBound]))
    }
}
