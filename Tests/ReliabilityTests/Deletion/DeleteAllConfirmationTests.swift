import BlobBrowser
import Foundation
import Testing
import TidepoolAPI

extension Reliability {
    /// Delete-all never runs without the user id typed again: not from the CLI (wrong/missing --confirm, no --yes
    /// without a terminal), not from the UI (`:delete-all` with a wrong or empty id, or cancelled).
    @Suite struct DeleteAllConfirmation {
        @Test func cliRefusesWithoutTheTypedUserId() async throws {
            try await DeletionFixture.with { f in
                let before = try await f.blobs(of: f.zoe).count
                let other = f.sandbox.account(role: "clinician").userId
                let attempts: [(String, [String], Int32)] = [
                    ("wrong id", ["blobs", "delete-all", f.zoe, "--confirm", other, "--yes"], 2),
                    ("id with a typo", ["blobs", "delete-all", f.zoe, "--confirm", String(f.zoe.dropLast()) + "x", "--yes"], 2),
                    ("upper-cased id", ["blobs", "delete-all", f.zoe, "--confirm", f.zoe.uppercased(), "--yes"], 2),
                    ("empty id", ["blobs", "delete-all", f.zoe, "--confirm", "", "--yes"], 2),
                    ("no --confirm", ["blobs", "delete-all", f.zoe, "--yes"], 2),
                    ("no --yes without a terminal", ["blobs", "delete-all", f.zoe, "--confirm", f.zoe], 2),
                    ("no --yes, 'y' on stdin", ["blobs", "delete-all", f.zoe, "--confirm", f.zoe], 2),
                ]
                for (name, args, status) in attempts {
                    let mark = f.recorder.mark
                    let result = try await f.cli.run(args, stdin: name.contains("stdin") ? "y\n" : "")
                    let deletes = SandboxRequestRecorder.deletes(f.recorder.since(mark))
                    f.check(result.status == status, "CLI delete-all, \(name): exit \(status)", "\(result)")
                    f.check(result.stderr.lowercased().contains("error"), "CLI delete-all, \(name): says why", result.stderr)
                    f.check(deletes.isEmpty, "CLI delete-all, \(name): no DELETE", deletes.joined(separator: "\n"))
                }
                f.check(try await f.blobs(of: f.zoe).count == before, "CLI delete-all: every blob remains")
            }
        }

        @Test func uiRefusesWithoutTheTypedUserId() async throws {
            try await DeletionFixture.with { f in
                let before = try await f.blobs(of: f.zoe).count
                let ui = try await f.openUI(readOnly: false)
                let attempts: [(String, String?, Key)] = [
                    ("wrong id", "0123456789", .enter),
                    ("empty id", nil, .enter),
                    ("id with a typo", String(f.zoe.dropLast()) + "x", .enter),
                    ("right id, cancelled with Esc", f.zoe, .escape),
                    ("right id, cancelled with Ctrl-C", f.zoe, .ctrl("c")),
                ]
                for (name, typed, finish) in attempts {
                    let mark = f.recorder.mark
                    await ui.keys([.char(":")], typing: "delete-all")
                    await ui.keys([.enter])
                    f.check(ui.screen.contains("type the user id to confirm"), "UI delete-all, \(name): asks for the id", ui.screen)
                    if let typed { await ui.keys([], typing: typed) }
                    await ui.keys([finish])
                    let deletes = SandboxRequestRecorder.deletes(f.recorder.since(mark))
                    f.check(deletes.isEmpty, "UI delete-all, \(name): no DELETE", deletes.joined(separator: "\n"))
                    if finish == .enter {
                        let message = ui.state.message?.text ?? ""
                        f.check(message.contains("nothing deleted") && ui.screen.contains("does not match"),
                                "UI delete-all, \(name): says nothing was deleted", message + "\n" + ui.screen)
                    }
                }
                f.check(try await f.blobs(of: f.zoe).count == before, "UI delete-all: every blob remains")
            }
        }
    }
}
