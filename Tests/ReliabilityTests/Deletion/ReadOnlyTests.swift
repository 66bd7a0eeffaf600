import BlobBrowser
import Foundation
import Testing
import TidepoolAPI

extension Reliability {
    /// `--read-only` (and `TIDEBLOB_READ_ONLY=1`) refuses every write: each CLI write command exits 1 with a
    /// read-only error, each write key of the keymap registry (in every context it is bound in) and `:delete-all`
    /// show a read-only message in the UI; no write request reaches the sandbox.
    @Suite struct ReadOnly {
        @Test func cliRefusesEveryWrite() async throws {
            try await DeletionFixture.with { f in
                let blob = try #require(try await f.blobs(of: f.zoe).first)
                let before = try await f.blobs(of: f.zoe).count
                let file = f.cli.root.appendingPathComponent("home/upload.txt")
                try Data("[]".utf8).write(to: file)
                let writes: [(String, [String])] = [
                    ("blobs upload", ["blobs", "upload", f.zoe, file.path]),
                    ("blobs upload --media-type", ["blobs", "upload", f.zoe, file.path, "--media-type", "text/plain"]),
                    ("blobs delete", ["blobs", "delete", blob.id, "--yes"]),
                    ("blobs delete --revision", ["blobs", "delete", blob.id, "--revision", String(blob.revision), "--yes"]),
                    ("blobs delete-all", ["blobs", "delete-all", f.zoe, "--confirm", f.zoe, "--yes"]),
                    ("logs upload", ["logs", "upload", f.zoe, file.path, "--start", "3h", "--end", "2h"]),
                ]
                for (name, args) in writes {
                    for (how, extraArgs, env) in [("--read-only", ["--read-only"], [String: String]()),
                                                  ("TIDEBLOB_READ_ONLY=1", [], ["TIDEBLOB_READ_ONLY": "1"])] {
                        let mark = f.recorder.mark
                        let result = try await f.cli.run(args + extraArgs, extraEnvironment: env)
                        let sent = SandboxRequestRecorder.writes(f.recorder.since(mark))
                        f.check(result.status == 1, "CLI \(name) with \(how): exit 1", "\(result)")
                        f.check(result.stderr.contains("read-only"), "CLI \(name) with \(how): says read-only", result.stderr)
                        f.check(sent.isEmpty, "CLI \(name) with \(how): no write request", sent.joined(separator: "\n"))
                    }
                }
                f.check(try await f.blobs(of: f.zoe).count == before, "CLI read-only: the blobs are unchanged")
                f.check(try f.journal().isEmpty, "CLI read-only: nothing journaled")
            }
        }

        @Test func uiRefusesEveryWriteKeyAndCommand() async throws {
            try await DeletionFixture.with { f in
                let before = try await f.blobs(of: f.zoe).count
                let ui = try await f.openUI(readOnly: true)
                let writeBindings = Keymap.default.bindings.filter(\.writes)
                #expect(writeBindings.count >= 2, "the keymap registry lists no write keys")
                for binding in writeBindings {
                    for context in binding.contexts.sorted(by: { $0.rawValue < $1.rawValue }) {
                        for key in binding.keys {
                            let name = "UI \(binding.action) key \(key.label) in \(context.rawValue)"
                            guard await Self.reach(context, ui) else {
                                Issue.record("\(name): cannot reach the context (now \(ui.state.keyContext))")
                                continue
                            }
                            let mark = f.recorder.mark
                            await ui.keys([key])
                            let sent = SandboxRequestRecorder.writes(f.recorder.since(mark))
                            f.check(ui.state.dialog == nil && ui.state.inputLine == nil, "\(name): no dialog or prompt opens")
                            f.check(ui.screen.contains("read-only"), "\(name): a read-only message is visible", ui.screen)
                            f.check(sent.isEmpty, "\(name): no write request", sent.joined(separator: "\n"))
                        }
                    }
                }
                _ = await Self.reach(.blobs, ui)
                let mark = f.recorder.mark
                await ui.keys([.char(":")], typing: "delete-all")
                await ui.keys([.enter])
                if ui.state.inputLine != nil { await ui.keys([], typing: f.zoe); await ui.keys([.enter]) }
                let sent = SandboxRequestRecorder.writes(f.recorder.since(mark))
                f.check(ui.screen.contains("read-only"), "UI :delete-all: a read-only message is visible", ui.screen)
                f.check(sent.isEmpty, "UI :delete-all: no write request", sent.joined(separator: "\n"))
                f.check(try await f.blobs(of: f.zoe).count == before, "UI read-only: the blobs are unchanged")
            }
        }

        /// Moves the UI to `context` (closing overlays, switching panes, opening the blob detail).
        static func reach(_ context: KeyContext, _ ui: HeadlessUI) async -> Bool {
            for _ in 0..<3 where ui.state.overlay != nil || ui.state.inputLine != nil || ui.state.dialog != nil {
                await ui.keys([.escape])
            }
            switch context {
            case .users:
                if ui.state.keyContext != .users { await ui.keys([.left]) }
            case .blobs, .detail:
                for _ in 0..<5 where ui.state.keyContext != .blobs { await ui.keys([.tab]) }
                if context == .detail { await ui.keys([.enter]) }
            default:
                for _ in 0..<5 where ui.state.keyContext != context { await ui.keys([.tab]) }
            }
            return ui.state.keyContext == context
        }
    }
}
