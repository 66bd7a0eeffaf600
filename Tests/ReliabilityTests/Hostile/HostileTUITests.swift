import BlobBrowser
import Foundation
import SafeText
import Testing
import TestSupport
import TidepoolAPI
@testable import TerminalUI

extension Reliability {
    /// Sink (f): the TUI rendered headless against a sandbox seeded with the corpus (users pane names, blob media
    /// types, previews of hostile contents, device-log entries) at 120×40 and 40×12, plus error details from a
    /// scripted server and hostile text the sandbox cannot store (ids, any media type) in a rendered state.
    @Suite struct HostileTUI {
        static let sizes = [(rows: 40, columns: 120), (rows: 12, columns: 40)]

        static func temporaryDirectory() -> URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-hostile-\(UUID().uuidString)")
        }

        @Test func liveSandbox() async throws {
            let world = try await HostileWorld.start(withContent: true)
            let temp = Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: temp) }
            do {
                let screen = HeadlessScreen(client: try await HostileWorld.supportClient(world.sandbox), temp: temp)
                await screen.start()
                await users(screen, world)
                await blobs(screen, world)
                await logs(screen, world)
            } catch {
                Issue.record(Comment(rawValue: SafeText.line("\(error)")))
            }
            await world.stop()
        }

        func users(_ screen: HeadlessScreen, _ world: HostileWorld) async {
            let byId = Dictionary(uniqueKeysWithValues: world.inputs.map { (HostileWorld.userId($0.index), $0) })
            var seen = Set<String>()
            screen.press(.home)
            for _ in 0..<(screen.state.users.visible.count + 1) {
                if let id = screen.state.users.current?.userId, let input = byId[id], seen.insert(id).inserted {
                    HostileLedger.record(input, sink: "TUI users pane", problems: await screen.problems(sizes: Self.sizes))
                }
                screen.press(.down)
            }
            #expect(seen.count == world.inputs.count, "users pane showed \(seen.count) of \(world.inputs.count) hostile accounts")
        }

        func blobs(_ screen: HeadlessScreen, _ world: HostileWorld) async {
            screen.press(.char("/"))
            screen.type("Target")
            screen.press(.enter, .enter)
            await screen.settle()
            #expect(screen.state.blobs.userId == HostileWorld.targetId)
            #expect(screen.state.focus == .blobs)
            var seen = Set<String>()
            var stuck = 0
            while stuck < 3 {
                guard let blob = screen.state.blobs.current else { break }
                if seen.insert(blob.id).inserted {
                    stuck = 0
                    if let input = world.mediaTypeBlobs[blob.id] {
                        HostileLedger.record(input, sink: "TUI blobs pane (media type)",
                                             problems: await screen.problems(sizes: Self.sizes))
                    }
                    if let (input, kind) = world.contentBlobs[blob.id] {
                        screen.press(.char("p"))
                        await screen.settle()
                        var problems: [String] = []
                        if case .preview(let p)? = screen.state.overlay {
                            if let error = p.error { problems.append("preview failed: \(SafeText.line(error.message))") }
                        } else {
                            problems.append("no preview overlay")
                        }
                        problems += await screen.problems(sizes: Self.sizes)
                        HostileLedger.record(input, sink: "TUI preview (\(kind.rawValue))", problems: problems)
                        screen.press(.escape)
                    }
                } else {
                    stuck += 1
                }
                screen.press(.down)
                await screen.settle()
            }
            #expect(seen.isSuperset(of: Set(world.contentBlobs.keys)), "only \(seen.count) blobs were visited")
        }

        func logs(_ screen: HeadlessScreen, _ world: HostileWorld) async {
            screen.press(.tab)
            #expect(screen.state.focus == .logs)
            screen.press(.home)
            var seen = Set<String>()
            for _ in 0..<(screen.state.logs.items.count + 1) {
                if let chunk = screen.state.logs.current, let input = world.logChunks[chunk.id], seen.insert(chunk.id).inserted {
                    var problems = await screen.problems(sizes: Self.sizes)
                    screen.press(.enter)
                    await screen.settle()
                    if case .logEntries(let e)? = screen.state.overlay {
                        if e.entries.count != 1 { problems.append("the chunk shows \(e.entries.count) entries") }
                    } else {
                        problems.append("no log entries overlay")
                    }
                    problems += await screen.problems(sizes: Self.sizes)
                    screen.press(.enter)   // the whole entry
                    problems += await screen.problems(sizes: Self.sizes)
                    HostileLedger.record(input, sink: "TUI device-log entries", problems: problems)
                    screen.press(.escape)
                    if screen.state.overlay != nil { screen.press(.escape) }
                }
                screen.press(.down)
            }
            #expect(seen.count == world.inputs.count, "logs pane showed \(seen.count) of \(world.inputs.count) chunks")
        }

        /// Error details (status line, error pane text, `E` overlay) from a scripted server's hostile error body.
        @Test func errorDetailsFromServer() async throws {
            let temp = Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: temp) }
            for input in try HostileCorpus.all() {
                let server = try await ScriptedHTTPServer.start(response: try HostileServerText.errorResponse(input, json: input.index % 2 == 0))
                defer { server.stop() }
                let client = try TidepoolClient(environment: Environment(name: "scripted", baseURL: server.baseURL),
                                                session: Session(token: ScriptedCLI.token, userId: HostileWorld.supportId, isService: true))
                let screen = HeadlessScreen(client: client, temp: temp)
                await screen.start()
                var problems: [String] = []
                if screen.state.lastError == nil && screen.state.users.error == nil { problems.append("no error shown") }
                problems += screen.problems()   // status line and error pane; the overlay below at every size
                var text = screen.render().lines().joined()
                screen.press(.char("E"))
                if case .errorDetails? = screen.state.overlay {} else { problems.append("E did not open the error details") }
                problems += await screen.problems(sizes: Self.sizes)
                text += screen.render().lines().joined()
                if text.contains(ScriptedCLI.token) { problems.append("the session token is on screen") }
                HostileLedger.record(input, sink: "TUI error details", problems: problems)
            }
        }

        /// Text the sandbox would not store (any media type, hostile ids, status messages) in a rendered state.
        @Test func renderedStateWithHostileFields() throws {
            for input in try HostileCorpus.all() {
                let t = input.text
                var problems: [String] = []
                for size in Self.sizes {
                    var s = BrowserState(environmentName: t, themeName: "dark", downloadDirectory: t)
                    s.rows = size.rows; s.columns = size.columns
                    s.account = AccountInfo(userId: HostileWorld.supportId, username: t, isService: true)
                    s.users.merge([UserEntry(userId: HostileWorld.targetId, name: t, kind: .patient, permissions: [t], detail: t)])
                    s.users.selectedUserId = HostileWorld.targetId
                    s.focus = .blobs
                    s.blobs.userId = HostileWorld.targetId
                    let now = Date(timeIntervalSince1970: 1_780_000_000)
                    let blob = Blob(id: t, userId: t, digestMD5: t, mediaType: t, size: 12, status: .available,
                                    createdTime: now, modifiedTime: now, revision: 1)
                    s.blobs.items = [blob]
                    s.blobs.loadedPages = 1
                    s.message = StatusMessage(t, kind: .error)
                    s.lastError = BrowserError(message: t, status: 400, serverCode: t, hint: t, traceId: t)
                    let overlays: [(String, Overlay?)] = [("main", nil), ("detail", .blobDetail(blob)),
                                                          ("error", .errorDetails(s.lastError!))]
                    for (label, overlay) in overlays {
                        s.overlay = overlay
                        var grid = CellGrid(rows: size.rows, columns: size.columns)
                        BrowserScreen.render(s, now: now, into: &grid)
                        problems += GridCheck.problems(grid).map { "\(size.columns)x\(size.rows) \(label): \($0)" }
                    }
                }
                HostileLedger.record(input, sink: "TUI rendered state (ids, media type, messages)", problems: problems)
            }
        }
    }
}
