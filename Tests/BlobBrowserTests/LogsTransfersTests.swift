import Foundation
import Testing
import TidepoolAPI
@testable import BlobBrowser

@Suite struct LogsTransfersTests {
    @Test func windowParametersAreSent() async {
        let now = Fixtures.t0.addingTimeInterval(13 * 3600 + 5)   // 2024-06-01T13:00:05Z
        let backend = FakeBackend { $0.logs = [Fixtures.chunk(1), Fixtures.chunk(2)] }
        let store = await Fixtures.started(backend, now: now)
        func lastWindow() -> (Date, Date)? {
            backend.recorded.compactMap { if case .listLogs(_, let s, let e) = $0 { return (s, e) } else { return nil } }.last
        }
        // Default: 7 days.
        #expect(lastWindow()! == (now.addingTimeInterval(-7 * 86_400), now))
        store.send(.tab); store.send(.tab)
        #expect(store.state.focus == .logs)
        store.send(.char("w"))   // 7 days → today
        await store.waitUntilIdle()
        #expect(lastWindow()! == (Fixtures.t0, now))
        store.send(.char("w"))   // today → 2 days
        await store.waitUntilIdle()
        #expect(lastWindow()! == (now.addingTimeInterval(-2 * 86_400), now))
        store.send(.command("window 2024-05-01..2024-05-03"))
        await store.waitUntilIdle()
        let start = TidepoolTime.parse("2024-05-01T00:00:00Z")!
        let end = TidepoolTime.parse("2024-05-04T00:00:00Z")!
        #expect(lastWindow()! == (start, end))
        store.send(.char("W")); store.type("12h"); store.send(.enter)
        await store.waitUntilIdle()
        #expect(lastWindow()! == (now.addingTimeInterval(-12 * 3600), now))
        #expect(store.state.logs.items.first?.id == Fixtures.chunk(2).id)   // newest first
    }

    @Test func logChunkOpensAsEntriesTableWithFilters() async {
        let e = { (type: DeviceLogType, msg: String, s: Double) in
            DeviceLogEntry(type: type, managerIdentifier: "mgr", deviceIdentifier: "pump-1", timestamp: Fixtures.t0.addingTimeInterval(s), message: msg)
        }
        let backend = FakeBackend {
            $0.logs = [Fixtures.chunk(1)]
            $0.entries = [e(.send, "bolus 1.0", 2), e(.receive, "ack", 3), e(.error, "occlusion", 1)]
        }
        let store = await Fixtures.started(backend)
        store.send(.tab); store.send(.tab)
        store.send(.enter)
        await store.waitUntilIdle()
        guard case .logEntries(let entries)? = store.state.overlay else { Issue.record("no entries"); return }
        #expect(entries.visible.map(\.message) == ["occlusion", "bolus 1.0", "ack"])
        store.send(.char("t"))
        guard case .logEntries(let bySend)? = store.state.overlay else { return }
        #expect(bySend.visible.map(\.message) == ["bolus 1.0"])
        store.send(.char("t")); store.send(.char("t")); store.send(.char("t"))   // receive, error, all
        store.send(.char("/")); store.type("ACK")
        guard case .logEntries(let byText)? = store.state.overlay else { return }
        #expect(byText.visible.map(\.message) == ["ack"])
        store.send(.enter)   // keeps the filter
        store.send(.enter)   // shows the whole entry
        guard case .logEntries(let shown)? = store.state.overlay else { return }
        #expect(shown.showsEntry)
        #expect(shown.current?.message == "ack")
    }

    @Test func downloadPromptsDirectoryAndAsksBeforeOverwriting() async {
        let files = FakeFiles(files: ["/home/support/Downloads/tideblob/\(Fixtures.blobId(1)).json"],
                              directories: ["/home/support/Downloads/tideblob"])
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(2) }
        let store = await Fixtures.started(backend, files: files)
        store.send(.tab)
        store.send(.char(" ")); store.send(.char(" "))
        store.send(.char("d"))
        #expect(store.state.inputLine?.text == "~/Downloads/tideblob")
        store.send(.enter)
        #expect(store.state.dialog?.title == "Overwrite files")
        #expect(store.state.dialog?.confirmFocused == false)
        store.send(.char("y"))
        await store.waitUntilIdle()
        let downloads = backend.recorded.filter { if case .download = $0 { return true } else { return false } }
        #expect(downloads.count == 2)
        #expect(downloads.first == .download(id: Fixtures.blobId(1), path: "/home/support/Downloads/tideblob/\(Fixtures.blobId(1)).json", overwrite: true))
        #expect(store.state.transfers.items.allSatisfy { $0.phase == .done })
        #expect(store.state.transfers.overall == (3072, 3072))
    }

    @Test func uploadPromptCompletesPathsWithTab() async {
        let files = FakeFiles(files: ["/work/report-2024.json", "/work/readme.txt"], directories: ["/work/data"])
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(1) }
        let store = await Fixtures.started(backend, files: files)
        store.send(.tab)
        store.send(.char("u"))
        #expect(store.state.inputLine?.text == "/work/")
        store.type("re")
        store.send(.tab)
        #expect(store.state.inputLine?.text == "/work/re")
        #expect(store.state.inputLine?.hint == "readme.txt  report-2024.json")
        store.type("p")
        store.send(.tab)
        #expect(store.state.inputLine?.text == "/work/report-2024.json")
        store.send(.enter)
        await store.waitUntilIdle()
        #expect(backend.recorded.contains(.upload(userId: "0123456789", path: "/work/report-2024.json")))
        #expect(store.state.blobs.items.first?.id == Fixtures.blobId(9999))
        #expect(store.state.transfers.items.first?.phase == .done)
    }

    @Test func progressSamplesGiveRateEtaAndStall() {
        var t = TransferItem(id: 1, direction: .download, label: "x", target: "/tmp/x", totalBytes: 1000, startedAt: Fixtures.t0)
        t.apply(TransferSample(bytesDone: 100, totalBytes: 1000), at: Fixtures.t0.addingTimeInterval(1))
        #expect(t.rate == 100)
        #expect(t.eta == 9)
        #expect(t.fraction == 0.1)
        #expect(t.stalledSeconds(now: Fixtures.t0.addingTimeInterval(3)) == nil)
        #expect(t.stalledSeconds(now: Fixtures.t0.addingTimeInterval(8)) == 7)
    }

    @Test func keymapDrivesHelpAndFooter() {
        let km = Keymap.default
        #expect(km.action(for: .char("D"), in: .blobs) == .delete)
        #expect(km.action(for: .char("d"), in: .blobs) == .download)
        #expect(km.action(for: .char("j"), in: .users) == .down)
        #expect(km.action(for: .char("D"), in: .users) == nil)
        let help = km.helpLines(readOnly: true)
        #expect(help.contains { $0.contains("D") && $0.contains("delete the marked") && $0.contains("read-only") })
        #expect(help.contains { $0.contains(":delete-all") })
        let footer = km.footerHints(for: .blobs).map(\.description)
        #expect(footer.contains("delete") && footer.contains("help") && footer.contains("quit"))
        // Every action is reachable by some key.
        let bound = Set(km.bindings.map(\.action))
        #expect(Action.allCases.allSatisfy { bound.contains($0) })
    }

    @Test func windowParsing() {
        #expect(LogWindow.parse("2d") == .days(2))
        #expect(LogWindow.parse("12 hours") == .hours(12))
        #expect(LogWindow.parse("today") == .today)
        #expect(LogWindow.parse("1w") == .days(7))
        #expect(LogWindow.parse("soon") == nil)
        #expect(LogWindow.parse("2024-05-03..2024-05-01") == nil)
    }
}

@Suite struct TransferControlTests {
    @Test func quitAsksWhileTransfersRunAndXCancels() async {
        let files = FakeFiles(directories: ["/home/support/Downloads/tideblob"])
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(2); $0.holdDownloads = true }
        let store = await Fixtures.started(backend, files: files)
        store.send(.tab)
        store.send(.char("d"))
        store.send(.enter)
        #expect(store.busy == 1)
        #expect(store.state.transfers.running.count == 1)
        // Progress is sampled on ticks: wait for the producer's first sample, then tick.
        while store.runner.transferSamples().isEmpty { await Task.yield() }
        store.send(.input(.tick))
        #expect(store.state.transfers.items[0].bytesDone == 512)
        #expect(store.state.transfers.items[0].fraction == 0.5)

        store.send(.char("q"))
        #expect(store.state.dialog?.action == .quit)
        #expect(store.state.dialog?.lines.first == "1 transfer still running.")
        store.send(.enter)   // default: stay
        #expect(!store.state.isFinished)

        store.send(.tab); store.send(.tab)
        #expect(store.state.focus == .transfers)
        store.send(.char("x"))
        await store.waitUntilIdle()
        #expect(store.state.transfers.items[0].phase == .cancelled)
        store.send(.char("q"))
        #expect(store.state.isFinished)
    }
}

extension TransferControlTests {
    @Test func clearFinishedRemovesDoneTransfersAndThePanel() async {
        let files = FakeFiles(directories: ["/home/support/Downloads/tideblob"])
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(1) }
        let store = await Fixtures.started(backend, files: files)
        store.send(.tab)
        store.send(.char("d")); store.send(.enter)
        await store.waitUntilIdle()
        #expect(store.state.hasTransfers)
        #expect(store.state.layout.transfers != nil)
        store.send(.tab); store.send(.tab)
        #expect(store.state.focus == .transfers)
        store.send(.char("c"))
        #expect(!store.state.hasTransfers)
        #expect(store.state.focus == .blobs)   // the panel is gone
        #expect(store.state.layout.transfers == nil)
    }
}

extension TransferControlTests {
    @Test func atMostThreeTransfersMoveAtOnce() async {
        let files = FakeFiles(directories: ["/home/support/Downloads/tideblob"])
        let backend = FakeBackend { $0.blobs["0123456789"] = Fixtures.blobs(5); $0.holdDownloads = true }
        let store = await Fixtures.started(backend, files: files)
        store.send(.tab)
        store.send(.char("v")); store.send(.char("G")); store.send(.char("v"))
        store.send(.char("d")); store.send(.enter)
        #expect(store.state.transfers.running.count == 5)
        while backend.recorded.filter({ if case .download = $0 { return true } else { return false } }).count < 3 { await Task.yield() }
        for _ in 0..<50 { await Task.yield() }
        #expect(backend.recorded.filter { if case .download = $0 { return true } else { return false } }.count == 3)
        store.send(.input(.tick))
        #expect(store.state.transfers.items.filter(\.hasStarted).count == 3)
        // Cancel everything (as quitting does): queued ones end too.
        store.send(.command("q!"))
        await store.waitUntilIdle()
        #expect(store.state.transfers.items.allSatisfy { $0.phase == .cancelled })
    }
}
