import Foundation
import Sandbox
@testable import TidepoolAPI

/// The concurrent clients of one kill round: uploaders streaming payloads of every size to the patients'
/// accounts, deleters removing acknowledged blobs, and one large upload held mid-body. Each records what the
/// sandbox acknowledged in the book and returns the failures it did not expect (any failure before the kill).
struct DurabilityWorkload: Sendable {
    let baseURL: URL
    let book: DurabilityBook
    let payloads: DurabilityPayloads
    let users: [String]

    static let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
    /// Deleters leave this many acknowledged blobs alone, so some survive several kills.
    static let liveFloor = 6

    static func supportClient(_ baseURL: URL) async throws -> TidepoolClient {
        let client = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: baseURL))
        try await client.login(email: support.email, password: support.password)
        return client
    }

    /// A failure is expected only once the kill switch is set.
    private func unexpected(_ what: String, _ error: any Error) -> [String] {
        book.isKilled ? [] : ["\(what): \(error)"]
    }

    func uploader(_ index: Int) async -> [String] {
        let client: TidepoolClient
        do { client = try await Self.supportClient(baseURL) } catch { return unexpected("uploader \(index) login", error) }
        var turn = 0
        while !book.isKilled {
            let payload = payloads.ordinary[(index * 5 + turn) % payloads.ordinary.count]
            let user = users[(index + turn) % users.count]
            let inMemory = payload.size <= 65_537 && turn % 2 == 1
            turn += 1
            book.willSend(digest: payload.digestMD5)
            do {
                let blob = inMemory
                    ? try await client.createBlob(userId: user, data: try Data(contentsOf: payload.file), mediaType: payload.mediaType)
                    : try await client.uploadBlob(userId: user, file: payload.file, mediaType: payload.mediaType, progress: nil)
                guard blob.digestMD5 == payload.digestMD5, blob.size == Int64(payload.size), blob.status == .available,
                      blob.userId == user, blob.mediaType == payload.mediaType else {
                    return ["uploader \(index): acknowledgement does not describe the upload: \(blob)"]
                }
                book.acknowledgeUpload(AcknowledgedBlob(id: blob.id, userId: user, digestMD5: payload.digestMD5,
                                                        size: Int64(payload.size), mediaType: payload.mediaType))
                ReliabilityLedger.shared.add(.blobsAcknowledged)
            } catch {
                return unexpected("uploader \(index) upload of \(payload.size) bytes", error)
            }
        }
        return []
    }

    func deleter(_ index: Int) async -> [String] {
        let client: TidepoolClient
        do { client = try await Self.supportClient(baseURL) } catch { return unexpected("deleter \(index) login", error) }
        var turn = 0
        while !book.isKilled {
            guard let blob = book.claimForDelete(keeping: Self.liveFloor) else {
                _ = await Readiness.wait(seconds: 1) {
                    book.isKilled || book.counts.live - book.counts.deletesInFlight > Self.liveFloor
                }
                continue
            }
            turn += 1
            do {
                try await client.deleteBlob(id: blob.id, revision: turn % 2 == 0 ? 1 : nil)
                book.finishDelete(blob, acknowledged: true)
            } catch {
                book.finishDelete(blob, acknowledged: false)
                return unexpected("deleter \(index) delete of \(blob.id)", error)
            }
        }
        return []
    }

    /// Streams the large payload and is held by `pause` part-way; it can only end with the kill.
    func heldLargeUpload(_ pause: UploadPause, progress: TransferHandle) async -> [String] {
        let client: TidepoolClient
        do { client = try await Self.supportClient(baseURL) } catch { return unexpected("large upload login", error) }
        let payload = payloads.large
        book.willSend(digest: payload.digestMD5)
        do {
            let blob = try await TransferTestHooks.$current.withValue(pause.hooks) {
                try await client.uploadBlob(userId: users[0], file: payload.file, mediaType: payload.mediaType, progress: progress)
            }
            return ["the held large upload was acknowledged (\(blob.id)) although the sandbox was killed mid-body"]
        } catch {
            return unexpected("held large upload", error)
        }
    }
}
