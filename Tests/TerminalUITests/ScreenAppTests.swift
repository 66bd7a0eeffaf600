import BlobBrowser
import Foundation
import Testing
import TidepoolAPI
@testable import TerminalUI

/// A backend with one user and a few blobs, for app-level tests without a server.
final class ScreenStubBackend: BrowserBackend {
    func account() async throws -> AccountInfo { AccountInfo(userId: "5e7c0de000", username: "support@tideblob.demo", isService: true) }
    func sharedUsers() async throws -> [UserEntry] { [UserEntry(userId: "20e0a1b2c3", name: ScreenFixtures.hostileName, kind: .shared, permissions: ["view"])] }
    func clinicPatients() async throws -> [UserEntry] { [] }
    func listBlobs(userId: String, query: BlobQuery) async throws -> [Blob] { query.page == 0 ? [ScreenFixtures.blob(1), ScreenFixtures.blob(2)] : [] }
    func deleteBlob(id: String, revision: Int?) async throws -> String? { nil }
    func deleteAllBlobs(userId: String) async throws {}
    func listDeviceLogs(userId: String, start: Date, end: Date) async throws -> [DeviceLogsMetadata] { [ScreenFixtures.chunk(0)] }
    func deviceLogEntries(id: String) async throws -> [DeviceLogEntry] { [] }
    func contentPrefix(blobId: String, maxBytes: Int) async throws -> Data { Data([0, 1, 2, 0x1B, 0x9B]) }
    func deviceLogsPrefix(id: String, maxBytes: Int) async throws -> Data { Data("[]".utf8) }
    func recordDeletion(_ record: DeletionAttempt) async {}
    func download(_ request: DownloadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Int64 { 0 }
    func upload(_ request: UploadRequest, progress: @escaping @Sendable (TransferSample) -> Void) async throws -> Blob { ScreenFixtures.blob(9) }
}

struct NoFiles: LocalFiles {
    func fileExists(_ path: String) -> Bool { false }
    func isDirectory(_ path: String) -> Bool { false }
    func contents(ofDirectory directory: String) -> [String] { [] }
    var homeDirectory: String { "/nonexistent" }
    var currentDirectory: String { "/nonexistent" }
    func rememberedUserIds(environment: String) -> [String] { [] }
    func saveRememberedUserIds(_ ids: [String], environment: String) {}
}

@Suite struct ScreenAppTests {
    func makeApp() -> (BrowserApp, HeadlessDriver) {
        let waker = UIWaker()
        let app = BrowserApp(state: BrowserState(environmentName: "test", themeName: "dark"), backend: ScreenStubBackend(),
                             files: NoFiles(), waker: waker, clock: { ScreenFixtures.now })
        return (app, HeadlessDriver(application: app, rows: 40, columns: 120, waker: waker))
    }

    @Test func headlessBrowseWithHostileNameAndBinaryPreview() async {
        let (app, driver) = makeApp()
        driver.start()
        app.start()
        #expect(app.wantsTicks)   // busy while loading
        await app.store.waitUntilIdle()
        #expect(!app.wantsTicks)
        driver.press(.down, .enter)
        await app.store.waitUntilIdle()
        driver.press(.char("p"))
        await app.store.waitUntilIdle()
        let grid = driver.render()
        ScreenFixtures.expectDisplaySafe(grid)
        #expect(grid.lines()[2].contains("00000000  00 01 02 1b 9b"))
        #expect(grid.lines().joined().contains("Blobs of Mallory \\x1b]0;pwned"))
        driver.press(.char("q"))   // closes the preview
        #expect(!app.isFinished)
        driver.press(.char("q"))
        #expect(app.isFinished)
    }

    @Test func themeCommandSwitchesTheTheme() {
        let (app, driver) = makeApp()
        driver.start()
        #expect(app.theme.name == Theme.default.name)
        driver.press(.char(":"))
        driver.type("theme light")
        driver.press(.enter)
        #expect(app.theme.name == "light")
        driver.press(.char(":"))
        driver.type("theme nope")
        driver.press(.enter)
        #expect(app.store.state.message?.text.contains("unknown theme") == true)
    }
}
