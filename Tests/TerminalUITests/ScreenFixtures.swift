import BlobBrowser
import Foundation
import Testing
import TidepoolAPI
@testable import TerminalUI

/// Fixed states and a golden-file check for the screen render tests.
enum ScreenFixtures {
    static let now = Date(timeIntervalSince1970: 1_717_243_205)   // 2024-06-01T12:00:05Z
    static let hostileName = "Mallory \u{1B}]0;pwned\u{07}\u{1B}[31mRed\u{9B}2J\r\u{202E}evil\u{200B}"

    static func blob(_ n: Int, mediaType: String = "application/json", size: Int64? = 1536, status: BlobStatus = .available) -> Blob {
        Blob(id: String(format: "%08x", n) + "4ee77e51ac0b3f89dd55fbc5", userId: "20e0a1b2c3", digestMD5: "XrY7u+Ae7tCTyyK7j1rNww==",
             mediaType: mediaType, size: size, status: status, createdTime: now.addingTimeInterval(Double(-n) * 3600),
             modifiedTime: status == .available ? now.addingTimeInterval(Double(-n) * 3600 + 5) : nil, revision: n)
    }

    static func chunk(_ n: Int) -> DeviceLogsMetadata {
        DeviceLogsMetadata(id: String(format: "%08x", 0xde5f00 + n) + "7c0000000000001c3c35a90a", userId: "20e0a1b2c3", digestMD5: "x",
                           mediaType: "application/json", size: 2048 + Int64(n) * 100, createdTime: now.addingTimeInterval(Double(-n) * 3600 + 180),
                           startAtTime: now.addingTimeInterval(Double(-n - 1) * 3600), endAtTime: now.addingTimeInterval(Double(-n) * 3600))
    }

    /// Support account looking at Zoë: users, 6 blobs (2 marked), 3 log chunks.
    static func mainState(rows: Int = 40, columns: Int = 120) -> BrowserState {
        var s = BrowserState(environmentName: "demo", themeName: "dark", downloadDirectory: "~/Downloads/tideblob")
        s.rows = rows; s.columns = columns
        s.account = AccountInfo(userId: "5e7c0de000", username: "support@tideblob.demo", isService: true)
        s.users.merge([
            UserEntry(userId: "5e7c0de000", name: "support@tideblob.demo", kind: .me, permissions: ["root"]),
            UserEntry(userId: "20e0a1b2c3", name: "Zoë Ångström", kind: .shared, permissions: ["view"]),
            UserEntry(userId: "3a11025bad", name: hostileName, kind: .shared, permissions: ["view", "upload"]),
            UserEntry(userId: "1ee0b7c4d5", name: "李小龍", kind: .patient, detail: "Demo Clinic"),
            UserEntry(userId: "abcdef0123", name: "abcdef0123", kind: .typed),
        ])
        s.users.selectedUserId = "20e0a1b2c3"
        s.users.cursor.index = 1
        s.focus = .blobs
        s.blobs.userId = "20e0a1b2c3"
        s.blobs.items = [blob(1), blob(2, mediaType: "text/csv", size: 1_400_000), blob(3, mediaType: "image/png", size: 24 << 20),
                         blob(4, mediaType: "text/plain; charset=utf-8", size: 86), blob(5, size: nil, status: .created),
                         blob(6, mediaType: "application/octet-stream", size: 4096)]
        s.blobs.loadedPages = 1
        s.blobs.marks = [blob(2).id, blob(3).id]
        s.blobs.cursor.index = 1
        s.logs.userId = "20e0a1b2c3"
        s.logs.window = .days(2)
        s.logs.requestedRange = now.addingTimeInterval(-2 * 86_400)...now
        s.logs.items = [chunk(0), chunk(1), chunk(2)]
        s.message = StatusMessage("signed in as support@tideblob.demo (service account)")
        return s
    }

    static func render(_ s: BrowserState, rows: Int = 40, columns: Int = 120, ascii: Bool = false) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns, ascii: ascii)
        BrowserScreen.render(s, now: now, into: &grid)
        return grid
    }

    /// No cell may contain a control, C1, bidi or zero-width scalar.
    static func expectDisplaySafe(_ grid: CellGrid, sourceLocation: SourceLocation = #_sourceLocation) {
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                for u in grid[row: r, column: c].text.unicodeScalars {
                    let v = u.value
                    let bad = v < 0x20 || (0x7F...0x9F).contains(v) || (0x200B...0x200F).contains(v)
                        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF || v == 0x061C
                    if bad {
                        Issue.record("unsafe scalar U+\(String(v, radix: 16)) at row \(r) column \(c)", sourceLocation: sourceLocation)
                        return
                    }
                }
            }
        }
    }

    /// Compares with `ScreenSnapshots/<name>.txt`; rewrites it only when `UPDATE_SNAPSHOTS=1`; a missing file fails.
    static func expectSnapshot(_ grid: CellGrid, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = grid.lines().map { line -> String in
            var l = line
            while l.hasSuffix(" ") { l.removeLast() }
            return l
        }.joined(separator: "\n") + "\n"
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("ScreenSnapshots/\(name).txt")
        let update = ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1"
        if update {
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("snapshot \(name) is missing; run with UPDATE_SNAPSHOTS=1 to create it:\n\(text)",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("snapshot \(name) differs at line \(first?.offset ?? min(e.count, a.count)):\n- \(first.map { String($0.element.0) } ?? "")\n+ \(first.map { String($0.element.1) } ?? "")\n\(text)",
                         sourceLocation: sourceLocation)
        }
    }
}
