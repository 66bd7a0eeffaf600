import BlobBrowser
import Foundation
import Testing
import TestSupport
import TidepoolAPI
@testable import TerminalUI

/// The real stack without a terminal: in-process sandbox → TidepoolClient → LiveBackend → BrowserApp → HeadlessDriver.
@Suite struct ScreenLiveSandboxTests {
    @Test func browsesToAUserAndSeesItsBlobsAndLogs() async throws {
        let sandbox = try await SandboxHarness.start()
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            let support = sandbox.account(role: "service")
            let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL))
            try await client.login(email: support.email, password: support.password)
            let waker = UIWaker()
            let app = BrowserApp(state: BrowserState(environmentName: "sandbox", downloadDirectory: temp.path),
                                 backend: LiveBackend(client: client, journal: DeletionJournal(fileURL: temp.appendingPathComponent("j.jsonl"))),
                                 files: RealLocalFiles(stateDirectory: temp), waker: waker)
            let driver = HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker)
            driver.start()
            app.start()
            await app.store.waitUntilIdle()
            var lines = driver.render().lines()
            #expect(lines.contains { $0.contains("Zoë Ångström") })
            #expect(lines[38].contains("(service)"))
            ScreenFixtures.expectDisplaySafe(driver.lastFrame!)   // the demo seed has a hostile name

            // Filter to Zoë, open her.
            driver.press(.char("/"))
            driver.type("Zo")
            driver.press(.enter, .enter)
            await app.store.waitUntilIdle()
            lines = driver.render().lines()
            #expect(lines[0].contains("Blobs of Zoë Ångström"))
            #expect(lines.contains { $0.contains("application/json") && $0.contains("available") })
            #expect(app.store.state.logs.error == nil)
            #expect(app.store.state.focus == .blobs)

            // Preview the first available JSON blob: fetched through fetchContentPrefix, sniffed as JSON.
            let idx = app.store.state.blobs.visible.firstIndex { $0.mediaType == "application/json" && $0.status == .available }!
            driver.press(.home)
            for _ in 0..<idx { driver.press(.down) }
            driver.press(.char("p"))
            await app.store.waitUntilIdle()
            lines = driver.render().lines()
            guard case .preview(let p)? = app.store.state.overlay else { Issue.record("no preview"); await sandbox.stop(); return }
            #expect(p.error == nil)
            #expect(p.content?.kind == .json)
            #expect(lines[1].contains("· json ·"))
            driver.press(.escape)

            // Delete it (y confirms), journaled.
            let doomed = app.store.state.blobs.current!
            driver.press(.char("D"), .char("y"))
            await app.store.waitUntilIdle()
            #expect(!app.store.state.blobs.items.contains { $0.id == doomed.id })
            #expect(app.store.state.message?.text == "deleted 1 of 1")
            let journal = try DeletionJournal(fileURL: temp.appendingPathComponent("j.jsonl")).records()
            #expect(journal.map(\.blobId) == [doomed.id])
            #expect(journal.first?.revision == doomed.revision)
        } catch {
            Issue.record("\(error)")
        }
        await sandbox.stop()
    }

    @Test func userSessionExplainsTheForbiddenBlobListButListsDeviceLogs() async throws {
        let sandbox = try await SandboxHarness.start()
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        do {
            let zoe = sandbox.account(email: "zoe@tideblob.demo")
            let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL))
            try await client.login(email: zoe.email, password: zoe.password)
            let waker = UIWaker()
            let app = BrowserApp(state: BrowserState(environmentName: "sandbox", downloadDirectory: temp.path),
                                 backend: LiveBackend(client: client, journal: nil),
                                 files: RealLocalFiles(stateDirectory: temp), waker: waker)
            let driver = HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker)
            driver.start()
            app.start()
            await app.store.waitUntilIdle()
            let lines = driver.render().lines()
            let state = app.store.state
            #expect(state.account?.isService == false)
            #expect(state.blobs.error?.status == 403)
            #expect(state.blobs.error?.hint?.contains("needs a service account; this session is a user session") == true)
            #expect(lines[1].contains("Cannot list blobs:"))
            #expect(lines.joined().contains("this session is a user"))
            #expect(state.logs.error == nil)
            #expect(!state.logs.items.isEmpty)
            #expect(lines[38].contains("(user)"))
        } catch {
            Issue.record("\(error)")
        }
        await sandbox.stop()
    }
}
