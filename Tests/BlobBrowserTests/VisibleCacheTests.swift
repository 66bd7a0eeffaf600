import Foundation
import Testing
import TidepoolAPI
@testable import BlobBrowser

/// `BlobsPaneState.visible` and `LogEntriesState.visible` are cached (recomputed only when their inputs change):
/// the cache must follow every change of items, sort and filters.
@Suite struct VisibleCacheTests {
    @Test func blobsVisibleFollowsSortFilterAndNewItems() {
        var b = BlobsPaneState()
        #expect(b.visible.isEmpty)
        // Fixtures.blob(n) is created n minutes before t0: the default sort (created, descending) is 1, 2, 3.
        b.items = [Fixtures.blob(3, size: 10), Fixtures.blob(1, size: 30), Fixtures.blob(2, size: 20)]
        #expect(b.visible.map(\.id) == [1, 2, 3].map(Fixtures.blobId))
        #expect(b.current?.id == Fixtures.blobId(1))

        b.sort.ascending = true
        #expect(b.visible.map(\.id) == [3, 2, 1].map(Fixtures.blobId))
        b.sort = BlobSort(column: .size, ascending: false)
        #expect(b.visible.map(\.id) == [1, 2, 3].map(Fixtures.blobId))

        // New items (a next page, an upload inserted at the top) and removals.
        b.items += [Fixtures.blob(4, mediaType: "text/csv", size: 25)]
        #expect(b.visible.map(\.id) == [1, 4, 2, 3].map(Fixtures.blobId))
        b.items.insert(Fixtures.blob(5, size: 40), at: 0)
        #expect(b.visible.map(\.id) == [5, 1, 4, 2, 3].map(Fixtures.blobId))
        b.items.removeAll { $0.id == Fixtures.blobId(1) }
        #expect(b.visible.map(\.id) == [5, 4, 2, 3].map(Fixtures.blobId))

        // Text filter, then new items while it is on, then cleared.
        b.textFilter = "CSV"
        #expect(b.visible.map(\.id) == [Fixtures.blobId(4)])
        b.items.append(Fixtures.blob(6, mediaType: "text/csv", size: 50))
        #expect(b.visible.map(\.id) == [6, 4].map(Fixtures.blobId))
        b.textFilter = ""
        #expect(b.visible.map(\.id) == [6, 5, 4, 2, 3].map(Fixtures.blobId))
        b.cursor.index = 1
        #expect(b.current?.id == Fixtures.blobId(5))

        // A whole new list (reload) replaces the cache.
        b.items = [Fixtures.blob(7)]
        #expect(b.visible.map(\.id) == [Fixtures.blobId(7)])
        b.items = []
        #expect(b.visible.isEmpty)
    }

    @Test func blobsVisibleFollowsKeys() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(3) }
        let store = await Fixtures.started(backend)
        #expect(store.state.blobs.visible.map(\.id) == [1, 2, 3].map(Fixtures.blobId))
        store.send(.tab)
        store.send(.char("O"))   // reverse the sort
        #expect(store.state.blobs.visible.map(\.id) == [3, 2, 1].map(Fixtures.blobId))
        store.send(.char("/")); store.type(String(Fixtures.blobId(2).suffix(3)))
        #expect(store.state.blobs.visible.map(\.id) == [Fixtures.blobId(2)])
        #expect(store.state.blobs.current?.id == Fixtures.blobId(2))
    }

    @Test func logEntriesVisibleFollowsFiltersAndEntries() {
        func entry(_ type: DeviceLogType, _ message: String) -> DeviceLogEntry {
            DeviceLogEntry(type: type, managerIdentifier: "mgr", deviceIdentifier: "pump-1", timestamp: Fixtures.t0, message: message)
        }
        var e = LogEntriesState(chunk: Fixtures.chunk(0))
        #expect(e.visible.isEmpty)
        e.entries = [entry(.send, "bolus 1.0"), entry(.receive, "ack")]
        #expect(e.visible.map(\.message) == ["bolus 1.0", "ack"])
        e.typeFilter = .send
        #expect(e.visible.map(\.message) == ["bolus 1.0"])
        e.entries.append(entry(.send, "bolus 2.0"))
        #expect(e.visible.map(\.message) == ["bolus 1.0", "bolus 2.0"])
        e.textFilter = "2.0"
        #expect(e.visible.map(\.message) == ["bolus 2.0"])
        e.typeFilter = nil
        e.textFilter = ""
        #expect(e.visible.map(\.message) == ["bolus 1.0", "ack", "bolus 2.0"])
    }
}
