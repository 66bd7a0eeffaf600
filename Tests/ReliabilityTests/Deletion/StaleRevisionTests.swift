import BlobBrowser
import Foundation
import Testing
import TidepoolAPI

extension Reliability {
    /// A delete that carries a revision the server no longer has is refused (404 "revision n of resource … not
    /// found", per the research notes), reported, journaled as not deleted, and sent exactly once.
    @Suite struct StaleRevisionDelete {
        @Test func cliSendsOneConditionalDeleteAndKeepsTheBlob() async throws {
            try await DeletionFixture.with { f in
                let blob = try #require(try await f.blobs(of: f.zoe).first { $0.status == .available })
                let info = try await f.cli.run(["blobs", "info", blob.id, "--json"])
                let seen = try TidepoolJSON.decoder().decode(Blob.self, from: info.stdoutData)
                try f.bumpRevision(blob.id)

                let mark = f.recorder.mark
                let result = try await f.cli.run(["blobs", "delete", blob.id, "--revision", String(seen.revision), "--yes"])
                let deletes = SandboxRequestRecorder.deletes(f.recorder.since(mark))
                f.check(result.status == 1, "CLI stale revision: exit 1", "\(result)")
                f.check(result.stderr.contains("404") && result.stderr.contains("revision \(seen.revision)"),
                        "CLI stale revision: the refusal is reported", result.stderr)
                f.check(deletes.count == 1, "CLI stale revision: exactly one DELETE", deletes.joined(separator: "\n"))
                let kept = await f.serverBlob(blob.id)
                f.check(kept?.revision == seen.revision + 1, "CLI stale revision: the blob still exists")
                let record = try f.journal().last { $0.blobId == blob.id }
                f.check(record != nil && record?.result != DeletionRecord.deleted && record?.revision == seen.revision,
                        "CLI stale revision: journaled as not deleted, with the revision sent", "\(String(describing: record))")
            }
        }

        @Test func uiSendsOneConditionalDeleteAndKeepsTheBlob() async throws {
            try await DeletionFixture.with { f in
                let ui = try await f.openUI(readOnly: false)
                let shown = try #require(ui.state.blobs.current, "no blob selected in the UI")
                try f.bumpRevision(shown.id)

                let mark = f.recorder.mark
                await ui.keys([.char("D")])
                f.check(ui.state.dialog != nil, "UI stale revision: a confirmation dialog opens")
                await ui.keys([.char("y")])
                let deletes = SandboxRequestRecorder.deletes(f.recorder.since(mark))
                f.check(deletes.count == 1, "UI stale revision: exactly one DELETE", deletes.joined(separator: "\n"))
                let message = ui.state.message?.text ?? ""
                f.check(message.contains("deleted 0 of 1") && message.contains("failed"), "UI stale revision: the failure is reported", message)
                f.check(ui.screen.contains("deleted 0 of 1"), "UI stale revision: the failure is on screen", ui.screen)
                f.check(await f.serverBlob(shown.id) != nil, "UI stale revision: the blob still exists")
                f.check(ui.state.blobs.items.contains { $0.id == shown.id }, "UI stale revision: the blob is still listed")
                let record = try f.journal().last { $0.blobId == shown.id }
                f.check(record != nil && record?.result != DeletionRecord.deleted && record?.revision == shown.revision,
                        "UI stale revision: journaled as not deleted, with the revision sent", "\(String(describing: record))")
            }
        }
    }
}
