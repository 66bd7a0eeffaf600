import Foundation
import Testing

extension TUIEndToEndTests {
    @Test("browse to a user, preview a text and a JSON blob")
    func browseAndPreview() throws {
        try Self.withDemo { demo in
            try demo.waitForMainScreen()
            let blobs = try demo.listBlobs(Demo.zoeId)
            let text = try #require(blobs.first { $0.mediaType.hasPrefix("text/plain") && ($0.size ?? 0) > 0 },
                                    "Zoë has a text blob: \(blobs)")
            let json = try #require(blobs.first { $0.mediaType.hasPrefix("application/json") && ($0.size ?? 0) > 0 },
                                    "Zoë has a JSON blob: \(blobs)")

            try demo.openUser(filter: "Zo", title: Demo.zoeName)
            let table = try demo.waitForBlobs(blobs.map(\.id))
            #expect(table.contains("Media type") && table.contains("Status"), "blobs table header:\n\(table)")
            #expect(table.contains("image/png") && table.contains("application/pdf"))

            // Text preview.
            try demo.showOnly(text.id, of: blobs)
            try demo.tmux.send("p")
            let textPreview = try demo.tmux.waitFor(text: "site change log")
            #expect(textPreview.contains("Preview"))
            #expect(textPreview.contains(text.id), "the preview title shows the full blob id")
            #expect(textPreview.contains("sensor warm-up ✓"))
            try demo.tmux.send("Escape")
            try demo.tmux.waitUntilGone("site change log")

            // JSON preview: pretty-printed.
            try demo.showOnly(json.id, of: blobs)
            try demo.tmux.send("p")
            let jsonPreview = try demo.tmux.waitFor(text: "\"basalRates\"")
            #expect(jsonPreview.contains(json.id))
            #expect(jsonPreview.contains("\"maxBolus\": 10"), "pretty JSON:\n\(jsonPreview)")
            try demo.tmux.send("Escape")
            try demo.tmux.waitUntilGone("\"basalRates\"")
        }
    }

    @Test("a hostile user name and blob content reach the terminal only as visible text")
    func hostileNamesStayText() throws {
        try Self.withDemo { demo in
            try demo.waitForMainScreen()
            let blobs = try demo.listBlobs(Demo.malloryId)
            let notes = try #require(blobs.first { $0.mediaType.hasPrefix("text/") && ($0.size ?? 0) > 0 },
                                     "Mallory has a text blob: \(blobs)")
            try demo.openUser(filter: Demo.malloryPrefix, title: Demo.malloryPrefix)
            try demo.waitForBlobs(blobs.map(\.id))
            try demo.showOnly(notes.id, of: blobs)
            try demo.tmux.send("p")
            let preview = try demo.tmux.waitFor(text: "red alert")

            for screen in [try demo.tmux.capture(), preview] {
                // The name's and content's escape sequences are shown escaped, as text.
                #expect(screen.contains("\\x1b"), "escaped ESC visible:\n\(screen)")
                #expect(Screen.rawControls(in: screen).isEmpty,
                        "raw control characters on screen: \(Screen.rawControls(in: screen).map { String($0.value, radix: 16) })")
            }
            #expect(preview.contains("Blobs of Mallory"), "the frame was not cleared by the data:\n\(preview)")
            #expect(preview.contains("<U+202E>"), "the bidi override is shown as a code point:\n\(preview)")

            let escaped = try demo.tmux.capture(escapes: true)
            #expect(Screen.nonSGREscapes(in: escaped).isEmpty,
                    "escape sequences other than tmux's own SGR: \(Screen.nonSGREscapes(in: escaped).prefix(5))")
            // OSC 0 in the data would have set the pane title.
            let title = try demo.tmux.display("#{pane_title}")
            #expect(!title.contains("pwned") && !title.contains("owned title"), "pane title changed to \(title.debugDescription)")
            try demo.tmux.send("Escape")
            try demo.tmux.waitUntilGone("red alert")
        }
    }
}
