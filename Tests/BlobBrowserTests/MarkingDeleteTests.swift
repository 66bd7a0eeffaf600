import Foundation
import Testing
import TidepoolAPI
@testable import BlobBrowser

@Suite struct MarkingDeleteTests {
    func storeWithBlobs(_ n: Int = 5, configure: (inout FakeBackend.Config) -> Void = { _ in }) async -> (BrowserStore, FakeBackend) {
        let backend = FakeBackend {
            $0.blobs["0123456789"] = Fixtures.blobs(n)
            configure(&$0)
        }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        return (store, backend)
    }

    @Test func spaceMarksAndMovesDown() async {
        let (store, _) = await storeWithBlobs()
        store.send(.char(" "))
        store.send(.char(" "))
        #expect(store.state.blobs.marks == [Fixtures.blobId(1), Fixtures.blobId(2)])
        #expect(store.state.blobs.cursor.index == 2)
        store.send(.up)
        store.send(.char(" "))
        #expect(store.state.blobs.marks == [Fixtures.blobId(1)])
    }

    @Test func rangeInvertAndClear() async {
        let (store, _) = await storeWithBlobs()
        store.send(.down)
        store.send(.char("v"))
        store.send(.down); store.send(.down)
        #expect(store.state.blobs.rangeIds.count == 3)
        store.send(.char("v"))
        #expect(store.state.blobs.marks == Set([2, 3, 4].map(Fixtures.blobId)))
        store.send(.char("*"))
        #expect(store.state.blobs.marks == Set([1, 5].map(Fixtures.blobId)))
        store.send(.escape)
        #expect(store.state.blobs.marks.isEmpty)
    }

    @Test func deleteAsksWithDefaultNoAndCancels() async {
        let (store, backend) = await storeWithBlobs()
        store.send(.char(" ")); store.send(.char(" "))
        store.send(.char("D"))
        let dialog = try! #require(store.state.dialog)
        #expect(dialog.confirmFocused == false)
        #expect(dialog.confirmKey == "y")
        #expect(dialog.lines.first == "Delete 2 blobs (3.0 KiB) of Support Person?")
        store.send(.enter)   // default is No
        await store.waitUntilIdle()
        #expect(store.state.dialog == nil)
        #expect(!backend.recorded.contains { if case .deleteBlob = $0 { return true } else { return false } })
        #expect(store.state.blobs.marks.count == 2)
        // D again (the trigger) does not confirm.
        store.send(.char("D"))
        store.send(.char("D"))
        #expect(store.state.dialog != nil)
        store.send(.escape)
        #expect(store.state.dialog == nil)
    }

    @Test func deleteMentionsMarksHiddenByTheFilter() async {
        let (store, _) = await storeWithBlobs()
        store.send(.char(" ")); store.send(.char(" "))
        store.send(.char("/")); store.type(Fixtures.blobId(2)); store.send(.enter)
        store.send(.char("D"))
        #expect(store.state.dialog?.lines.contains("1 marked item is hidden by the filter.") == true)
    }

    @Test func confirmedDeleteSendsRevisionsContinuesPastErrorsAndSummarises() async {
        let (store, backend) = await storeWithBlobs(4) { c in
            c.blobs["0123456789"]![1].revision = 7
            c.failDeleteIds = [Fixtures.blobId(3)]
        }
        store.send(.char("v")); store.send(.char("G")); store.send(.char("v"))
        #expect(store.state.blobs.marks.count == 4)
        store.send(.char("D"))
        store.send(.char("y"))
        await store.waitUntilIdle()
        let deletes = backend.recorded.compactMap { if case .deleteBlob(let id, let rev) = $0 { return "\(id.suffix(1))@\(rev ?? -1)" } else { return nil } }
        #expect(deletes == ["1@1", "2@7", "3@1", "4@1"])
        #expect(store.state.blobs.items.map(\.id) == [Fixtures.blobId(3)])
        #expect(store.state.blobs.marks == [Fixtures.blobId(3)])   // failed stays marked
        #expect(store.state.message?.text.hasPrefix("deleted 3 of 4, 1 failed: HTTP 404 resource-not-found") == true)
        #expect(store.state.lastError?.traceId == "trace-0000")
        let journal = backend.recorded.filter { if case .recordDeletion = $0 { return true } else { return false } }
        #expect(journal.count == 4)
        #expect(journal.contains(.recordDeletion(id: Fixtures.blobId(3), succeeded: false)))
    }

    @Test func tabThenEnterConfirms() async {
        let (store, backend) = await storeWithBlobs(2)
        store.send(.char("D"))
        store.send(.tab)
        #expect(store.state.dialog?.confirmFocused == true)
        store.send(.enter)
        await store.waitUntilIdle()
        #expect(backend.recorded.contains(.deleteBlob(id: Fixtures.blobId(1), revision: 1)))
        #expect(store.state.message?.text == "deleted 1 of 1")
    }

    @Test func readOnlyRefusesWrites() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(2) }
        let store = await Fixtures.started(backend, readOnly: true)
        store.send(.tab)
        store.send(.char("D"))
        #expect(store.state.dialog == nil)
        #expect(store.state.message?.text.contains("read-only") == true)
        store.send(.char("u"))
        #expect(store.state.inputLine == nil)
        store.send(.command("delete-all"))
        #expect(store.state.inputLine == nil)
        #expect(store.state.message?.text.contains("read-only") == true)
    }

    @Test func deleteAllNeedsTheTypedUserId() async {
        let (store, backend) = await storeWithBlobs(3)
        store.send(.char(":")); store.type("delete-all"); store.send(.enter)
        #expect(store.state.inputLine?.purpose == .deleteAllConfirm(userId: "0123456789"))
        store.type("012345678"); store.send(.enter)
        await store.waitUntilIdle()
        #expect(!backend.recorded.contains(.deleteAll(userId: "0123456789")))
        store.send(.command("delete-all"))
        store.type("0123456789"); store.send(.enter)
        await store.waitUntilIdle()
        #expect(backend.recorded.contains(.deleteAll(userId: "0123456789")))
        #expect(backend.recorded.contains(.recordDeletion(id: nil, succeeded: true)))
        #expect(store.state.blobs.items.isEmpty)
    }
}
