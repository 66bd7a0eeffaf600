import Foundation
import Testing
@testable import TidepoolAPI

@Suite("Transfer units")
struct TransferUnitTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    struct MediaCase: Sendable, CustomTestStringConvertible {
        let name: String
        let head: Data
        let expected: String
        init(_ name: String, _ head: Data, _ expected: String) { self.name = name; self.head = head; self.expected = expected }
        var testDescription: String { "\(name) → \(expected)" }
    }

    static let mediaCases: [MediaCase] = {
        var c: [MediaCase] = []
        c.append(MediaCase("photo.png", png, "image/png"))
        c.append(MediaCase("photo.dat", png, "image/png"))
        c.append(MediaCase("wrong.json", png, "image/png"))
        c.append(MediaCase("report.pdf", Data("%PDF-1.7\n".utf8), "application/pdf"))
        c.append(MediaCase("noext", Data("%PDF-1.4".utf8), "application/pdf"))
        c.append(MediaCase("archive", Data([0x50, 0x4B, 0x03, 0x04, 1, 2]), "application/zip"))
        c.append(MediaCase("sheet.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 1, 2]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        c.append(MediaCase("logs.gz", Data([0x1F, 0x8B, 8, 0]), "application/gzip"))
        c.append(MediaCase("x", Data([0x1F, 0x8B, 8, 0]), "application/gzip"))
        c.append(MediaCase("pic", Data([0xFF, 0xD8, 0xFF, 0xE0]), "image/jpeg"))
        c.append(MediaCase("PIC.JPG", Data(), "image/jpeg"))
        c.append(MediaCase("data.json", Data("not really".utf8), "application/json"))
        c.append(MediaCase("data", Data(#" {"a": [1, 2]}"#.utf8), "application/json"))
        c.append(MediaCase("list", Data("[1,2,3]".utf8), "application/json"))
        c.append(MediaCase("table", Data("a,b,c\n1,2,3\n4,5,6\n".utf8), "text/csv"))
        c.append(MediaCase("table.csv", Data(), "text/csv"))
        c.append(MediaCase("notes", Data("hello world\nsecond line\n".utf8), "text/plain; charset=utf-8"))
        c.append(MediaCase("notes.txt", Data([0, 1, 2]), "text/plain"))
        c.append(MediaCase("bytes", Data([0, 1, 2, 3, 0xFE]), "application/octet-stream"))
        c.append(MediaCase("empty", Data(), "application/octet-stream"))
        c.append(MediaCase("brace", Data("{ not json".utf8), "text/plain; charset=utf-8"))
        c.append(MediaCase("bad-utf8", Data([0x68, 0x69, 0xC3, 0x28]), "application/octet-stream"))
        return c
    }()

    @Test("media type guess: extension table and magic bytes", arguments: mediaCases)
    func mediaTypes(_ c: MediaCase) {
        #expect(MediaTypeGuess.guess(fileName: c.name, head: c.head) == c.expected)
    }

    @Test func extensionsForMediaTypes() {
        #expect(MediaTypeGuess.fileExtension(forMediaType: "application/json; charset=utf-8") == "json")
        #expect(MediaTypeGuess.fileExtension(forMediaType: "Image/PNG") == "png")
        #expect(MediaTypeGuess.fileExtension(forMediaType: "application/vnd.api+json") == "json")
        #expect(MediaTypeGuess.fileExtension(forMediaType: "application/octet-stream") == "bin")
        #expect(MediaTypeGuess.fileExtension(forMediaType: "x-unknown/thing") == "bin")
        #expect(MediaTypeGuess.fileExtension(forMediaType: nil) == "bin")
        #expect(MediaTypeGuess.fileExtension(forMediaType: "text/csv") == "csv")
    }

    @Test func digestHeaderParsing() {
        #expect(MD5Digest.fromDigestHeader("MD5=1B2M2Y8AsgTpgAmY7PhCfg==") == "1B2M2Y8AsgTpgAmY7PhCfg==")
        #expect(MD5Digest.fromDigestHeader("md5=1B2M2Y8AsgTpgAmY7PhCfg==") == "1B2M2Y8AsgTpgAmY7PhCfg==")
        #expect(MD5Digest.fromDigestHeader("SHA-256=abc=, MD5=xyz==") == "xyz==")
        #expect(MD5Digest.fromDigestHeader("SHA-256=abc=") == nil)
        #expect(MD5Digest.fromDigestHeader(nil) == nil)
        #expect(MD5Digest.hex(base64: "1B2M2Y8AsgTpgAmY7PhCfg==") == "d41d8cd98f00b204e9800998ecf8427e")
    }

    @Test func meterSmoothsAndEstimates() {
        let s: UInt64 = 1_000_000_000
        var m = ProgressMeter(now: 0)
        m.record(1_000_000, now: s)              // 1 MB/s first sample
        #expect(abs(m.rate - 1_000_000) < 1)
        m.record(3_000_000, now: 2 * s)          // 2 MB/s instant → EWMA between
        #expect(m.rate > 1_000_000 && m.rate < 2_000_000)
        #expect(m.eta(total: 3_000_000, at: 2 * s) == 0)
        #expect(m.eta(total: nil, at: 2 * s) == nil)
        let eta = m.eta(total: 10_000_000, at: 2 * s)!
        #expect(eta > 3.5 && eta < 7)
        #expect(m.secondsSinceLastByte(at: 7 * s) == 5)
        #expect(m.rate(at: 12 * s) < m.rate / 10)  // decays when nothing arrives
    }

    @Test func stalledAndFraction() {
        var p = TransferProgress(phase: .downloading, bytesDone: 50, bytesTotal: 200, secondsSinceLastByte: 5)
        #expect(p.isStalled)
        #expect(p.fraction == 0.25)
        p.secondsSinceLastByte = 4.9
        #expect(!p.isStalled)
        p.phase = .finished
        p.secondsSinceLastByte = 100
        #expect(!p.isStalled)
        #expect(TransferProgress(phase: .finished, bytesDone: 0, bytesTotal: 0).fraction == 1)
        #expect(TransferProgress(phase: .downloading, bytesDone: 10).fraction == nil)
        #expect(TransferProgress(phase: .hashing, bytesTotal: 100, hashedBytes: 40).fraction == 0.4)
    }

    @Test func handleLifecycle() async {
        let h = TransferHandle(label: "x", kind: .download)
        #expect(h.snapshot.phase == .queued)
        h.begin(.downloading, total: 100)
        h.record(bytesDone: 40)
        h.record(bytesDone: 30)   // ignored: never backwards
        #expect(h.snapshot.bytesDone == 40)
        #expect(h.snapshot.fraction == 0.4)
        h.finish(bytes: 100)
        let done = await h.waitUntilDone()
        #expect(done.phase == .finished)
        #expect(done.fraction == 1)
        h.cancel()   // after the end: no change
        #expect(h.snapshot.phase == .finished)
    }

    @Test func progressLine() {
        let p = TransferProgress(phase: .uploading, bytesDone: 45_000_000, bytesTotal: 100_000_000,
                                 bytesPerSecond: 12_300_000, eta: 4.5)
        let line = ProgressLine.render(p, width: 80, label: "report.pdf")
        #expect(line.count <= 80)
        #expect(line.hasPrefix("report.pdf ["))
        #expect(line.contains(" 45%"))
        #expect(line.contains("12 MB/s"))
        #expect(line.contains("ETA 0:05"))
        let stalled = TransferProgress(phase: .downloading, bytesDone: 1, bytesTotal: 2, secondsSinceLastByte: 7)
        #expect(ProgressLine.render(stalled, width: 60).contains("stalled 7s"))
        let narrow = ProgressLine.render(p, width: 20, label: "a-very-long-file-name.bin")
        #expect(narrow.count <= 20)
        #expect(ProgressLine.bytes(999) == "999 B")
        #expect(ProgressLine.bytes(1_500_000) == "1.5 MB")
    }
}
