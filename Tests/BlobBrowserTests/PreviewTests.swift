import Foundation
import Testing
@testable import BlobBrowser

@Suite struct PreviewTests {
    @Test func sniffsByBytesNotMediaType() {
        #expect(ContentSniffer.sniff(Data()) == .empty)
        #expect(ContentSniffer.sniff(Data("hello\nworld\n".utf8)) == .text)
        #expect(ContentSniffer.sniff(Data(#"  {"a": [1, 2, {"b": "c"}]}"#.utf8)) == .json)
        #expect(ContentSniffer.sniff(Data("a,b,c\n1,2,3\n4,5,6\n".utf8)) == .csv)
        #expect(ContentSniffer.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])) == .hex)
        #expect(ContentSniffer.sniff(Data([0x66, 0xFF, 0xFE, 0x66])) == .hex)   // invalid UTF-8
        #expect(ContentSniffer.sniff(Data("{not json".utf8)) == .json)          // truncated-looking JSON still reads as JSON
        #expect(ContentSniffer.sniff(Data("} nope".utf8)) == .text)
    }

    @Test func jsonIsPrettyPrintedKeepingKeyOrder() {
        let p = PreviewBuilder.build(Data(#"{"z":1,"a":[true,null],"s":"x,y:{"}"#.utf8))
        #expect(p.kind == .json)
        #expect(p.lines == ["{", "  \"z\": 1,", "  \"a\": [", "    true,", "    null", "  ],", "  \"s\": \"x,y:{\"", "}"])
    }

    @Test func csvBecomesAnAlignedTable() {
        let p = PreviewBuilder.build(Data("name,size\nalpha,1\n\"b,c\",22\n".utf8))
        #expect(p.kind == .csv)
        #expect(p.lines == ["name   size", "alpha  1", "b,c    22"])
    }

    @Test func binaryBecomesAHexDumpWithDots() {
        let bytes: [UInt8] = [0x1B, 0x5B, 0x32, 0x4A, 0x00, 0x41, 0x9B, 0xFF] + Array("Hello, world!!".utf8)
        let p = PreviewBuilder.build(Data(bytes))
        #expect(p.kind == .hex)
        #expect(p.lines[0] == "00000000  1b 5b 32 4a 00 41 9b ff  48 65 6c 6c 6f 2c 20 77  |.[2J.A..Hello, w|")
        #expect(p.lines[1].hasPrefix("00000010  6f 72 6c 64 21 21"))
        #expect(p.lines[1].hasSuffix("|orld!!|"))
    }

    @Test func textIsSanitized() {
        let p = PreviewBuilder.build(Data("evil\u{1B}]0;title\u{07} \u{202E}txt\u{200B}\n".utf8))
        #expect(p.kind == .text)
        for line in p.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        }
        #expect(p.lines[0].contains("\\x1b"))
        #expect(p.lines[0].contains("<U+202E>"))
    }

    @Test func onlyTheFirst256KiBAreUsed() async {
        let big = Data(repeating: 0x61, count: 300 * 1024)
        #expect(PreviewBuilder.build(big).byteCount == 256 * 1024)
        #expect(PreviewBuilder.build(big).truncated)

        // The store asks for at most 256 KiB and caps what a backend returns anyway.
        let backend = FakeBackend {
            $0.blobs["0123456789"] = [Fixtures.blob(1, size: 300 * 1024)]
            $0.content = big
        }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        store.send(.char("p"))
        await store.waitUntilIdle()
        #expect(backend.recorded.contains(.contentPrefix(blobId: Fixtures.blobId(1), maxBytes: 262_144)))
        guard case .preview(let preview)? = store.state.overlay else { Issue.record("no preview"); return }
        #expect(preview.content?.byteCount == 262_144)
        #expect(preview.content?.truncated == true)
        #expect(preview.content?.kind == .text)
        #expect(preview.content?.lines.first?.hasSuffix("…(line cut at 8192 characters)") == true)
    }

    @Test func truncatedMultibyteTailStaysText() {
        var bytes = Array(repeating: UInt8(0x61), count: 10)
        bytes += [0xE2, 0x82]   // first two bytes of "€"
        #expect(ContentSniffer.sniff(Data(bytes), truncated: true) == .text)
        #expect(ContentSniffer.sniff(Data(bytes), truncated: false) == .hex)
    }

    @Test func enterThenPOpensPreviewFromDetail() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = [Fixtures.blob(1)]; $0.content = Data("[1,2]".utf8) }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        store.send(.enter)
        guard case .blobDetail? = store.state.overlay else { Issue.record("no detail"); return }
        store.send(.char("p"))
        await store.waitUntilIdle()
        guard case .preview(let p)? = store.state.overlay else { Issue.record("no preview"); return }
        #expect(p.content?.kind == .json)
        store.send(.char("q"))
        #expect(store.state.overlay == nil)
    }
}

extension PreviewTests {
    @Test func pOnADeviceLogsChunkPreviewsItsContent() async {
        let backend = FakeBackend { $0.logs = [Fixtures.chunk(1)] }
        let store = await Fixtures.started(backend)
        store.send(.tab); store.send(.tab)
        store.send(.char("p"))
        await store.waitUntilIdle()
        #expect(backend.recorded.contains(.contentPrefix(blobId: "logs:" + Fixtures.chunk(1).id, maxBytes: 262_144)))
        guard case .preview(let p)? = store.state.overlay else { Issue.record("no preview"); return }
        #expect(p.content?.kind == .json)
    }

    @Test func aCreatedBlobIsNotFetchedAndSaysWhy() async {
        let backend = FakeBackend { $0.blobs["0123456789"] = [Fixtures.blob(1, size: nil, status: .created)] }
        let store = await Fixtures.started(backend)
        store.send(.tab)
        store.send(.char("p"))
        await store.waitUntilIdle()
        #expect(!backend.recorded.contains { if case .contentPrefix = $0 { return true } else { return false } })
        #expect(store.state.overlay == nil)
        #expect(store.state.message?.text.contains("no content yet (status created)") == true)
    }
}
