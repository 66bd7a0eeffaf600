import Foundation
import Sandbox
import TestSupport
import Testing
@testable import TidepoolAPI

/// Sandbox faults and local failures: the right typed error, nothing at the target, an existing target untouched.
@Suite("Transfer faults")
struct TransferFaultTests {
    static let size = 3 << 20
    static let keep = Data("previous content\n".utf8)

    /// Uploads a 3 MiB blob; returns its id and digest.
    static func seedBlob(_ fx: TransferFixture) async throws -> (id: String, digest: String) {
        let source = fx.file("source.bin")
        let digest = try TestFiles.write(source, size: size, seed: 42)
        let blob = try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                  mediaType: "application/json", progress: nil)
        try FileManager.default.removeItem(at: source)
        return (blob.id, digest)
    }

    /// Downloads twice while the fault is on: to a new name (nothing must appear) and over an existing file with
    /// overwrite (it must stay as it was). Returns both errors.
    static func failingDownloads(_ fx: TransferFixture, id: String) async throws -> [APIError] {
        let fresh = fx.file("fresh.json")
        let existing = fx.file("existing.json")
        try keep.write(to: existing)
        var errors: [APIError] = []
        if let e = await apiError({ try await fx.client.downloadBlob(id: id, to: fresh, overwrite: false, progress: nil) }) {
            errors.append(e)
        }
        let handle = TransferHandle(label: id, kind: .download)
        if let e = await apiError({ try await fx.client.downloadBlob(id: id, to: existing, overwrite: true, progress: handle) }) {
            errors.append(e)
        }
        #expect(handle.snapshot.phase == .failed)
        #expect(handle.snapshot.message?.isEmpty == false)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try Data(contentsOf: existing) == keep)
        #expect(try fx.listing() == ["existing.json"])   // no temporary files
        return errors
    }

    @Test func wrongDigest() async throws {
        try await TransferFixture.with { fx in
            let (id, digest) = try await Self.seedBlob(fx)
            try fx.sandbox.faults.update { $0.wrongDigest = true }
            let errors = try await Self.failingDownloads(fx, id: id)
            #expect(errors.count == 2)
            for e in errors {
                #expect(e.kind.isDigestMismatch)
                if case .digestMismatch(let expected, let actual) = e.kind {
                    #expect(actual == digest)
                    #expect(expected != digest)
                }
                #expect(e.traceRequest?.isEmpty == false)
                #expect(e.description.contains("trace"))
            }
        }
    }

    @Test func cutConnection() async throws {
        try await TransferFixture.with { fx in
            let (id, _) = try await Self.seedBlob(fx)
            try fx.sandbox.faults.update { $0.cutContentAfterBytes = 1_500_000 }
            let errors = try await Self.failingDownloads(fx, id: id)
            #expect(errors.count == 2)
            for e in errors {
                #expect(e.kind.isTruncated, "\(e)")
                if case .truncated(let expected, let received) = e.kind {
                    #expect(expected == Int64(Self.size))
                    #expect(received <= 1_500_000)
                }
                #expect(e.traceRequest?.isEmpty == false)
            }
        }
    }

    @Test func serverErrors() async throws {
        try await TransferFixture.with { fx in
            let (id, _) = try await Self.seedBlob(fx)
            try fx.sandbox.faults.update { $0.failNextResponses = 2 }
            let errors = try await Self.failingDownloads(fx, id: id)
            #expect(errors.count == 2)
            for e in errors {
                #expect(e.kind == .http(status: 500))
                #expect(e.bodyExcerpt?.contains("upstream exploded") == true)
                #expect(e.traceRequest?.isEmpty == false)
            }
            // An upload answered with 500 leaves no blob either.
            let source = fx.file("up.bin")
            try TestFiles.write(source, size: 2 << 20, seed: 3)
            let before = try await fx.blobs().count
            try fx.sandbox.faults.update { $0.failNextResponses = 1 }
            let e = await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: source,
                                                                   mediaType: nil, progress: nil) }
            #expect(e?.kind == .http(status: 500))
            #expect(try await fx.blobs().count == before)
        }
    }

    @Test("a response slower than the stall timeout fails as a transport error")
    func slowResponse() async throws {
        var configuration = ClientConfiguration()
        // 3 s, not 1: the seeding upload must not stall on a busy machine; the 8 s delay is well past it.
        configuration.stallTimeoutSeconds = 3
        try await TransferFixture.with(configuration: configuration) { fx in
            let (id, _) = try await Self.seedBlob(fx)
            try fx.sandbox.faults.update { $0.delayMilliseconds = 8000 }
            let errors = try await Self.failingDownloads(fx, id: id)
            #expect(errors.count == 2)
            for e in errors {
                #expect(e.kind.isTransport, "\(e)")
                if case .transport(let code, _) = e.kind { #expect(code == 28) }   // CURLE_OPERATION_TIMEDOUT
            }
            try fx.sandbox.faults.update { $0.delayMilliseconds = 0 }
        }
    }

    @Test("a slow response is still stoppable: cancel() returns within a second")
    func cancelWhileWaiting() async throws {
        try await TransferFixture.with { fx in
            let (id, _) = try await Self.seedBlob(fx)
            try fx.sandbox.faults.update { $0.delayMilliseconds = 8000 }
            let handle = TransferHandle(label: id, kind: .download)
            let target = fx.file("slow.json")
            let task = Task { try await fx.client.downloadBlob(id: id, to: target, overwrite: false, progress: handle) }
            try await fx.waitFor(handle, phases: [.downloading])
            let cancelled = ContinuousClock.now
            handle.cancel()
            let e = await apiError { try await task.value }
            // Typically ~0.1 s; the cap leaves room for a busy 2-core CI machine (the transfer bench reports figures).
            #expect(ContinuousClock.now - cancelled < .milliseconds(3000))
            #expect(e?.kind == .cancelled)
            #expect(handle.snapshot.phase == .cancelled)
            #expect(try fx.listing().isEmpty)
            try fx.sandbox.faults.update { $0.delayMilliseconds = 0 }
        }
    }

    @Test("a full disk (ENOSPC) removes the partial file and leaves the target alone")
    func diskFull() async throws {
        try await TransferFixture.with { fx in
            let (id, _) = try await Self.seedBlob(fx)
            let hooks = TransferTestHooks(downloadWriteFault: { offset in offset >= 1 << 20 ? ENOSPC : nil })
            try await TransferTestHooks.$current.withValue(hooks) {
                let errors = try await Self.failingDownloads(fx, id: id)
                #expect(errors.count == 2)
                for e in errors {
                    #expect(e.kind.isLocalIO)
                    #expect(e.description.contains("ENOSPC"))
                    #expect(e.traceRequest?.isEmpty == false)
                }
            }
        }
    }

    @Test("a body over 104,857,600 bytes is refused before anything is sent")
    func tooLarge() async throws {
        try await TransferFixture.with { fx in
            let sparse = fx.file("huge.bin")
            _ = FileManager.default.createFile(atPath: sparse.path, contents: nil)
            let handle = try FileHandle(forWritingTo: sparse)
            try handle.truncate(atOffset: UInt64(TransferLimits.maximumBodyBytes + 1))   // sparse: no disk used
            try handle.close()
            let before = fx.requestLog.count
            let e = await apiError { try await fx.client.uploadBlob(userId: TransferFixture.patientId, file: sparse,
                                                                   mediaType: nil, progress: nil) }
            #expect(e?.kind == .tooLarge(size: TransferLimits.maximumBodyBytes + 1, limit: TransferLimits.maximumBodyBytes))
            #expect(e?.description.contains("104857600") == true)
            let logs = await apiError { try await fx.client.uploadDeviceLogs(userId: TransferFixture.patientId, file: sparse,
                                                                            start: Date(), end: Date(), mediaType: nil, progress: nil) }
            #expect(logs?.kind.isTooLarge == true)
            #expect(fx.requestLog.count == before)
        }
    }

    @Test("an error response body never reaches the file")
    func notFound() async throws {
        try await TransferFixture.with { fx in
            let missing = String(repeating: "0", count: 32)
            let target = fx.file("missing.bin")
            let e = await apiError { try await fx.client.downloadBlob(id: missing, to: target, overwrite: false, progress: nil) }
            #expect(e?.kind == .http(status: 404))
            #expect(e?.serverCode == "resource-not-found")
            let left = try fx.listing()
            #expect(left.isEmpty)
            let p = await apiError { try await fx.client.fetchContentPrefix(blobId: missing, maxBytes: 10) }
            #expect(p?.kind == .http(status: 404))
            let bad = await apiError { try await fx.client.downloadBlob(id: "../etc", to: target, overwrite: false, progress: nil) }
            #expect(bad?.kind == .invalidArgument("\"../etc\" is not a blob or device-logs id (32 lower-case letters or digits)"))
        }
    }
}
