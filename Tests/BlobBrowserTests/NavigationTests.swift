import Foundation
import Testing
import TidepoolAPI
@testable import BlobBrowser

@Suite struct NavigationTests {
    @Test func startLoadsAccountUsersAndSelectsMe() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(3) }
        let store = await Fixtures.started(backend)
        #expect(store.busy == 0)
        #expect(store.state.account?.userId == "0123456789")
        #expect(store.state.users.entries.map(\.kind) == [.me, .shared])
        #expect(store.state.users.selectedUserId == "0123456789")
        #expect(store.state.blobs.items.count == 3)
        // A 403 from the clinics service is normal for non-clinicians: no error shown.
        #expect(store.state.users.error == nil)
    }

    @Test func enterOnUserLoadsItsBlobsAndFocusesBlobs() async {
        let backend = FakeBackend { $0.blobs["aaaaaaaaaa"] = Fixtures.blobs(2, user: "aaaaaaaaaa") }
        let store = await Fixtures.started(backend)
        store.send(.down)
        store.send(.enter)
        await store.waitUntilIdle()
        #expect(store.state.focus == .blobs)
        #expect(store.state.blobs.userId == "aaaaaaaaaa")
        #expect(store.state.blobs.items.count == 2)
        #expect(store.state.logs.userId == "aaaaaaaaaa")
    }

    @Test func tabCyclesPanesAndVimKeysMove() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(5) }
        let store = await Fixtures.started(backend)
        #expect(store.state.focus == .users)
        store.send(.tab)
        #expect(store.state.focus == .blobs)
        store.send(.char("j")); store.send(.char("j"))
        #expect(store.state.blobs.cursor.index == 2)
        store.send(.char("G"))
        #expect(store.state.blobs.cursor.index == 4)
        store.send(.char("g"))
        #expect(store.state.blobs.cursor.index == 0)
        store.send(.tab)
        #expect(store.state.focus == .logs)
        store.send(.backTab)
        #expect(store.state.focus == .blobs)
        store.send(.char("h"))
        #expect(store.state.focus == .users)
    }

    @Test func filterUsersAsYouType() async {
        let backend = FakeBackend()
        let store = await Fixtures.started(backend)
        store.send(.char("/"))
        store.type("ali")
        #expect(store.state.users.visible.map(\.name) == ["Alice Shared"])
        store.send(.enter)
        #expect(store.state.inputLine == nil)
        #expect(store.state.users.filter == "ali")
        store.send(.char("/"))
        store.type("zz")
        #expect(store.state.users.visible.isEmpty)
        store.send(.escape)   // restores the filter from before this edit
        #expect(store.state.users.filter == "ali")
    }

    @Test func typedUserIdIsAddedRememberedAndSelected() async {
        let files = FakeFiles()
        let backend = FakeBackend { $0.blobs["bbbbbbbbbb"] = Fixtures.blobs(1, user: "bbbbbbbbbb") }
        let store = await Fixtures.started(backend, files: files)
        store.send(.command("user bbbbbbbbbb"))
        await store.waitUntilIdle()
        #expect(store.state.users.selectedUserId == "bbbbbbbbbb")
        #expect(store.state.users.entries.contains { $0.userId == "bbbbbbbbbb" && $0.kind == .typed })
        #expect(files.rememberedUserIds(environment: "sandbox") == ["bbbbbbbbbb"])
        store.send(.command("user not-an-id"))
        #expect(store.state.message?.kind == .warning)

        // Remembered ids come back on the next start.
        let again = await Fixtures.started(FakeBackend(), files: files)
        #expect(again.state.users.entries.contains { $0.userId == "bbbbbbbbbb" })
    }

    @Test func sortCyclesColumnsAndFlips() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(3) }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        #expect(store.state.blobs.sort.column == .created)
        #expect(store.state.blobs.visible.first?.id == Fixtures.blobId(1))   // newest first
        store.send(.char("o"))   // modified
        store.send(.char("o"))   // id
        #expect(store.state.blobs.sort.column == .id)
        #expect(store.state.blobs.visible.map(\.id) == [1, 2, 3].map(Fixtures.blobId))
        store.send(.char("O"))
        #expect(store.state.blobs.visible.map(\.id) == [3, 2, 1].map(Fixtures.blobId))
        store.send(.char("o"))   // media type
        store.send(.char("o"))   // size: largest first
        #expect(store.state.blobs.sort.column == .size)
        #expect(store.state.blobs.visible.map(\.size) == [3072, 2048, 1024])
    }

    @Test func textFilterIsLocalAndServerFiltersAreSent() async {
        let backend = FakeBackend {
            $0.blobs["0123456789"] = [Fixtures.blob(1, mediaType: "text/plain"), Fixtures.blob(2), Fixtures.blob(3, status: .created)]
        }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        store.send(.char("/")); store.type("text"); store.send(.enter)
        #expect(store.state.blobs.visible.map(\.id) == [Fixtures.blobId(1)])
        store.send(.char("S"))   // all → available
        await store.waitUntilIdle()
        store.send(.char("M")); store.type("application/json"); store.send(.enter)
        await store.waitUntilIdle()
        let last = backend.recorded.last { if case .listBlobs = $0 { return true } else { return false } }
        #expect(last == .listBlobs(userId: "0123456789", page: 0, size: 100, statuses: ["available"], mediaTypes: ["application/json"]))
    }

    @Test func pagesLoadWhenScrollingNearTheEnd() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(250) }
        let store = await Fixtures.started(backend)
        #expect(store.state.blobs.items.count == 100)
        #expect(store.state.blobs.hasMore)
        store.send(.tab)
        store.send(.pageDown)
        await store.waitUntilIdle()
        #expect(store.state.blobs.items.count == 100)   // not near the end yet
        for _ in 0..<85 { store.send(.down) }
        await store.waitUntilIdle()
        #expect(store.state.blobs.items.count == 200)
        store.send(.char("G"))
        await store.waitUntilIdle()
        #expect(store.state.blobs.items.count == 250)
        #expect(!store.state.blobs.hasMore)
        let pages = backend.recorded.compactMap { if case .listBlobs(_, let p, _, _, _) = $0 { return p } else { return nil } }
        #expect(pages == [0, 1, 2])
    }

    @Test func forbiddenListShowsTheExplanation() async {
        let hint = "listing blobs needs a service account; this session is a user session"
        let backend = FakeBackend {
            $0.account.isService = false
            $0.blobsError = BrowserError(message: "HTTP 403 unauthorized", status: 403, hint: hint, traceId: "t-1")
            $0.logs = [Fixtures.chunk(1)]
        }
        let store = await Fixtures.started(backend)
        #expect(store.state.blobs.items.isEmpty)
        #expect(store.state.blobs.error?.explanation == hint)
        #expect(store.state.blobs.error?.isForbidden == true)
        // The device-logs pane still works.
        #expect(store.state.logs.items.count == 1)
        #expect(store.state.lastError?.traceId == "t-1")
    }

    @Test func quitAsksOnlyWhileTransfersRun() async {
        let store = await Fixtures.started(FakeBackend())
        store.send(.char("q"))
        #expect(store.state.isFinished)
    }

    @Test func ctrlCCancelsAPromptThenQuits() async {
        let store = await Fixtures.started(FakeBackend())
        store.send(.char(":"))
        #expect(store.state.inputLine != nil)
        store.send(.ctrl("c"))
        #expect(store.state.inputLine == nil)
        #expect(!store.state.isFinished)
        store.send(.char("?"))
        store.send(.ctrl("c"))
        #expect(store.state.isFinished)
    }

    @Test func helpOverlayOpensAndCloses() async {
        let store = await Fixtures.started(FakeBackend())
        store.send(.char("?"))
        #expect(store.state.overlay == .help(scroll: 0))
        store.send(.char("j"))
        #expect(store.state.overlay == .help(scroll: 1))
        store.send(.escape)
        #expect(store.state.overlay == nil)
    }

    @Test func mouseClickFocusesPaneAndSelectsRow() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(5) }
        let store = await Fixtures.started(backend)
        let frame = store.state.layout.blobs
        // Border row + header row, then rows: click the third row.
        store.send(.input(.mouse(MouseEvent(kind: .click, row: frame.row + 2 + 2, column: frame.column + 5))))
        #expect(store.state.focus == .blobs)
        #expect(store.state.blobs.cursor.index == 2)
        store.send(.input(.mouse(MouseEvent(kind: .wheelDown, row: frame.row + 3, column: frame.column + 5))))
        #expect(store.state.blobs.cursor.index == 4)
    }
}

extension BrowserStore {
    func send(_ key: Key, times: Int) { for _ in 0..<times { send(key) } }
}

extension NavigationTests {
    @Test func questionMarkTogglesHelpAndCommandLineRuns() async {
        let store = await Fixtures.started(FakeBackend())
        store.send(.char("?"))
        store.send(.char("?"))
        #expect(store.state.overlay == nil)
        store.send(.char(":")); store.type("window 3d"); store.send(.enter)
        #expect(store.state.logs.window == .days(3))
        store.send(.char(":")); store.type("bogus"); store.send(.enter)
        #expect(store.state.message?.text.hasPrefix("unknown command :bogus") == true)
        store.send(.char(":")); store.send(.backspace)
        #expect(store.state.inputLine == nil)
        store.send(.char(":")); store.type("q"); store.send(.enter)
        #expect(store.state.isFinished)
    }
}
