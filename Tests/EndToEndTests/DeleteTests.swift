import Foundation
import Testing

extension TUIEndToEndTests {
    @Test("mark two blobs, refuse once (default No), then delete them; the CLI no longer finds them")
    func markTwoAndDelete() throws {
        try Self.withDemo { demo in
            try demo.waitForMainScreen()
            let before = try demo.listBlobs(Demo.zoeId)
            let available = before.filter { $0.status == "available" }
            let first = try #require(available.first { $0.mediaType == "image/png" } ?? available.first, "\(before)")
            let second = try #require(available.first { $0.mediaType == "application/pdf" && $0.id != first.id }
                                          ?? available.first { $0.id != first.id }, "\(before)")
            let targets = [first.id, second.id]

            try demo.openUser(filter: "Zo", title: Demo.zoeName)
            try demo.waitForBlobs(before.map(\.id))

            // Mark each target (filtered down to it), then clear the filter: both rows carry the mark.
            for id in targets {
                try demo.showOnly(id, of: before)
                try demo.tmux.send("Space")
                try demo.tmux.waitFor("blob \(id.prefix(8)) marked") { screen in
                    Screen.markedRows(screen).contains { Screen.rowShows(blobId: id, line: Substring($0)) }
                }
            }
            try demo.filterBlobs("")
            let marked = try demo.waitForBlobs(before.map(\.id))
            #expect(marked.contains("2 marked"), "title counts the marks:\n\(marked)")
            let markedRows = Screen.markedRows(marked)
            #expect(markedRows.count == 2, "two marked rows:\n\(markedRows.joined(separator: "\n"))")
            for id in targets {
                #expect(markedRows.contains { Screen.rowShows(blobId: id, line: Substring($0)) }, "\(id) marked")
            }

            // First attempt: Enter takes the default button, No. Nothing is deleted.
            try demo.tmux.send("D")
            let dialog = try demo.tmux.waitFor(text: "Delete 2 blobs")
            #expect(dialog.contains("[ No ]") || dialog.contains("No"), "dialog has a No button:\n\(dialog)")
            #expect(dialog.contains("Press y"), "the dialog names its confirm key:\n\(dialog)")
            try demo.tmux.send("Enter")
            try demo.tmux.waitUntilGone("Delete 2 blobs")
            try demo.tmux.waitFor(text: "cancelled")
            let stillThere = try demo.listBlobs(Demo.zoeId).map(\.id)
            #expect(targets.allSatisfy(stillThere.contains), "Enter (default No) deleted nothing")

            // n also cancels.
            try demo.tmux.send("D")
            try demo.tmux.waitFor(text: "Delete 2 blobs")
            try demo.tmux.send("n")
            try demo.tmux.waitUntilGone("Delete 2 blobs")
            let stillThereAfterN = try demo.listBlobs(Demo.zoeId).map(\.id)
            #expect(targets.allSatisfy(stillThereAfterN.contains), "n deleted nothing")

            // Second attempt: confirm with y.
            try demo.tmux.send("D")
            try demo.tmux.waitFor(text: "Delete 2 blobs")
            try demo.tmux.send("y")
            let summary = try demo.tmux.waitFor(text: "deleted 2 of 2")
            for id in targets {
                #expect(!Screen.shows(blobId: id, in: summary), "\(id) left the table:\n\(summary)")
            }

            // Through the CLI: gone from the list, and `blobs info` fails with 404.
            let after = try demo.listBlobs(Demo.zoeId)
            #expect(after.count == before.count - 2, "before \(before.count), after \(after.count)")
            #expect(Set(after.map(\.id)).isDisjoint(with: targets))
            for id in targets {
                let (blob, result) = try demo.blobInfo(id)
                #expect(blob == nil && result.status == 1, "blobs info \(id): \(result)")
                let output = (result.stderr + result.stdout).lowercased()
                #expect(output.contains("404") || output.contains("not found"), "blobs info \(id) says 404: \(result)")
            }
        }
    }
}
