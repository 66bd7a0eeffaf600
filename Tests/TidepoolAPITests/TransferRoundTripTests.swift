import Foundation
import Sandbox
import TestSupport
import Testing
@testable import TidepoolAPI

@Suite("Transfer round trips")
struct TransferRoundTripTests {
    static let chunk = TransferLimits.chunkBytes

    @Test("blob upload + download keeps every byte", arguments: [0, 1, chunk - 1, chunk, chunk + 1])
    func blobRoundTrip(size: Int) async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("source.bin")
            let digest = try TestFiles.write(source, size: size, seed: UInt64(size) + 3)

            let up = TransferHandle(label: "source.bin", kind: .upload)
            let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                      mediaType: "application/octet-stream", progress: up)
            #expect(blob.digestMD5 == digest)
            #expect(blob.size == Int64(size))
            #expect(blob.status == .available)
            #expect(up.snapshot.phase == .finished)
            #expect(up.snapshot.fraction == 1)
            #expect(up.snapshot.bytesDone == Int64(size))

            let target = fx.file("copy.bin")
            let down = TransferHandle(label: blob.id, kind: .download)
            let result = try await fx.client.downloadBlob(id: blob.id, to: target, overwrite: false, progress: down)
            #expect(result.path == target)
            #expect(result.bytes == Int64(size))
            #expect(result.digestMD5 == digest)
            #expect(result.traceId?.isEmpty == false)
            #expect(result.mediaType == "application/octet-stream")
            #expect(try TestFiles.md5(target) == digest)
            #expect(down.snapshot.phase == .finished)
            #expect(down.snapshot.fraction == 1)
            #expect(try fx.listing() == ["copy.bin", "source.bin"])   // no temporary file left
        }
    }

    @Test("100 MiB round trip streams, progress is monotonic and ends at 100 %")
    func hundredMiB() async throws {
        try await TransferFixture.with { fx in
            let size = Int(TransferLimits.maximumBodyBytes)
            let source = fx.file("big.bin")
            let digest = try TestFiles.write(source, size: size, seed: 99)

            let up = TransferHandle(label: "big.bin", kind: .upload)
            let upRecorder = ProgressRecorder(up)
            async let upSamples: Void = upRecorder.run()
            let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source, mediaType: nil, progress: up)
            await upSamples
            let upSeen = upRecorder.stop()
            #expect(blob.digestMD5 == digest)
            #expect(blob.size == Int64(size))
            #expect(blob.mediaType == "application/octet-stream")
            ProgressRecorder.checkMonotonic(upSeen)
            #expect(upSeen.contains { $0.phase == .hashing } || upSeen.contains { $0.phase == .uploading })
            #expect(upSeen.last?.phase == .finished)
            #expect(upSeen.last?.fraction == 1)
            #expect(upSeen.last?.bytesDone == Int64(size))

            let down = TransferHandle(label: blob.id, kind: .download)
            let downRecorder = ProgressRecorder(down)
            async let downSamples: Void = downRecorder.run()
            let result = try await fx.client.downloadBlob(id: blob.id, to: fx.directory, overwrite: false, progress: down)
            await downSamples
            let downSeen = downRecorder.stop()
            #expect(result.path == fx.directory.appendingPathComponent("\(blob.id).bin"))
            #expect(result.bytes == Int64(size))
            #expect(result.digestMD5 == digest)
            #expect(try TestFiles.md5(result.path) == digest)
            ProgressRecorder.checkMonotonic(downSeen)
            #expect(downSeen.contains { $0.phase == .downloading && $0.bytesTotal == Int64(size) })
            #expect(downSeen.last?.phase == .finished)
            #expect(downSeen.last?.fraction == 1)
            try FileManager.default.removeItem(at: result.path)
            try FileManager.default.removeItem(at: source)
        }
    }

    @Test("device logs upload + download, with times and media type")
    func deviceLogsRoundTrip() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("logs.json")
            let json = #"[{"type":"send","managerIdentifier":"m","deviceIdentifier":"d","timestamp":"2024-06-03T12:00:01Z","message":"hi"}]"#
            try Data(json.utf8).write(to: source)
            let start = Date(timeIntervalSince1970: 1_717_416_000)
            let end = start.addingTimeInterval(3600)
            let logs = try await fx.client.uploadDeviceLogs(userId: TransferFixture.patientId, file: source, start: start, end: end,
                                                            mediaType: nil, progress: nil)
            #expect(logs.size == Int64(json.utf8.count))
            #expect(logs.mediaType.hasPrefix("application/json"))
            #expect(logs.startAtTime == start)
            #expect(logs.endAtTime == end)

            let result = try await fx.client.downloadDeviceLogs(id: logs.id, to: fx.directory, overwrite: false, progress: nil)
            #expect(result.path.lastPathComponent == "\(logs.id).json")
            #expect(try Data(contentsOf: result.path) == Data(json.utf8))
            #expect(result.digestMD5 == logs.digestMD5)

            let prefix = try await fx.client.fetchDeviceLogsPrefix(id: logs.id, maxBytes: 10)
            #expect(prefix.data == Data(json.utf8.prefix(10)))
            #expect(prefix.truncated)
        }
    }

    @Test("content prefix stops after maxBytes; a short body is whole")
    func contentPrefix() async throws {
        try await TransferFixture.with { fx in
            let big = fx.file("big.txt")
            let bigDigest = try TestFiles.write(big, size: 3 << 20, seed: 5)
            let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: big, mediaType: "text/plain", progress: nil)
            let prefix = try await fx.client.fetchContentPrefix(blobId: blob.id, maxBytes: 100)
            let head = try FileHandle(forReadingFrom: big).read(upToCount: 100)
            #expect(prefix.data == head)
            #expect(prefix.truncated)
            #expect(prefix.totalBytes == 3 << 20)
            #expect(prefix.mediaType == "text/plain")
            #expect(prefix.digestMD5 == bigDigest)
            #expect(prefix.traceId?.isEmpty == false)

            let small = fx.file("small.txt")
            try Data("hello, world\n".utf8).write(to: small)
            let smallBlob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: small, mediaType: nil, progress: nil)
            #expect(smallBlob.mediaType == "text/plain")
            let whole = try await fx.client.fetchContentPrefix(blobId: smallBlob.id, maxBytes: 100)
            #expect(whole.data == Data("hello, world\n".utf8))
            #expect(!whole.truncated)
            let exact = try await fx.client.fetchContentPrefix(blobId: smallBlob.id, maxBytes: 13)
            #expect(exact.data.count == 13)
            #expect(!exact.truncated)
        }
    }

    @Test("an expired session is refreshed and the upload re-opens the file")
    func refreshOn401() async throws {
        try await TransferFixture.with { fx in
            let source = fx.file("logs.bin")
            let digest = try TestFiles.write(source, size: 700_000, seed: 11)
            try fx.sandbox.faults.expireToken(fx.token)
            // Device-logs upload answers 401 to an expired token (blob endpoints say 403).
            let logs = try await fx.client.uploadDeviceLogs(userId: TransferFixture.patientId, file: source, start: Date(),
                                                            end: Date(), mediaType: nil, progress: nil)
            #expect(logs.digestMD5 == digest)
            #expect(fx.client.session?.token != fx.token)
            let posts = fx.requestLog.filter { $0.hasPrefix("POST /v1/users/") }
            #expect(posts.count == 2)
            #expect(posts.first?.contains(" 401 ") == true)
        }
    }
}
