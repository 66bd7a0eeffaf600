import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("Client: blobs")
struct ClientBlobTests {
    @Test func createGetContentListDelete() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let owner = f.account("patient").userId
            let body = Data("hello tidepool\n".utf8)
            let blob = try await service.createBlob(userId: owner, data: body, mediaType: "text/plain; charset=utf-8")
            #expect(TidepoolID.isBlobID(blob.id))
            #expect(blob.userId == owner && blob.status == .available && blob.size == Int64(body.count))
            #expect(blob.digestMD5 == TidepoolClient.md5Base64(body))
            #expect(blob.revision == 1)

            #expect(try await service.getBlob(id: blob.id) == blob)
            let content = try await service.blobContent(id: blob.id)
            #expect(content.data == body && content.digestVerified)
            #expect(content.mediaType == "text/plain; charset=utf-8")

            let listed = try await service.listBlobs(userId: owner)
            #expect(listed.map(\.id) == [blob.id])
            #expect(try await service.listBlobs(userId: owner, mediaTypes: ["image/png"]).isEmpty)
            #expect(try await service.listBlobs(userId: owner, statuses: [.created]).isEmpty)

            // Wrong revision: 404 with the revision hint; right revision deletes.
            let stale = await expectAPIError { try await service.deleteBlob(id: blob.id, revision: 7) }
            #expect(stale?.status == 404)
            #expect(stale?.hint == "no blob with that id at that revision (it was changed or deleted)")
            let trace = try await service.deleteBlob(id: blob.id, revision: 1)
            #expect(trace?.isEmpty == false)
            let gone = await expectAPIError { try await service.getBlob(id: blob.id) }
            #expect(gone?.status == 404)
            #expect(gone?.serverCode == "resource-not-found")
            #expect(gone?.hint == "no such blob (it may have been deleted)")
            #expect(gone?.description.contains("(trace ") == true)
        }
    }

    @Test func deleteAll() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let owner = f.account("patient").userId
            for i in 0..<3 { _ = try await service.createBlob(userId: owner, data: Data([UInt8(i)]), mediaType: "application/octet-stream") }
            #expect(try await service.listBlobs(userId: owner).count == 3)
            try await service.deleteAllBlobs(userId: owner)
            #expect(try await service.listBlobs(userId: owner).isEmpty)
            try await service.deleteAllBlobs(userId: owner)   // 204 with nothing left
        }
    }

    @Test func userSessionsGet403WithHints() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let me = f.account("patient").userId
            let blob = try await service.createBlob(userId: me, data: Data("x".utf8), mediaType: "text/plain")
            let user = try await f.client("patient")
            // Creating in your own account works with a user session…
            let own = try await user.createBlob(userId: me, data: Data("mine".utf8), mediaType: "text/plain")
            #expect(own.userId == me)
            // …everything else is service-only.
            let cases: [(String, () async throws -> Any)] = [
                ("listing blobs", { try await user.listBlobs(userId: me) }),
                ("getting blob details", { try await user.getBlob(id: blob.id) }),
                ("downloading a blob", { try await user.blobContent(id: blob.id) }),
                ("deleting a blob", { try await user.deleteBlob(id: blob.id) as Any }),
                ("deleting all blobs of a user", { try await user.deleteAllBlobs(userId: me) as Any }),
            ]
            for (words, call) in cases {
                let e = await expectAPIError { try await call() }
                #expect(e?.status == 403, "\(words)")
                #expect(e?.serverCode == "unauthorized", "\(words)")
                #expect(e?.hint == "\(words) needs a service account; this session is a user session")
                #expect(e?.description.contains("\(words) needs a service account") == true)
            }
            // A stranger may not upload into someone else's account.
            let stranger = try await f.client("viewer")
            let e = await expectAPIError { try await stranger.createBlob(userId: me, data: Data("x".utf8), mediaType: "text/plain") }
            #expect(e?.status == 403)
            #expect(e?.hint?.contains("may not upload") == true)
        }
    }

    @Test func badRequestsNameTheParameter() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let me = f.account("patient").userId
            let e = await expectAPIError {
                try await service.send(APIRequest(method: "GET", path: "/v1/users/\(me)/blobs", query: [(name: "size", value: "0")]))
            }
            #expect(e?.status == 400)
            #expect(e?.serverErrors.first?.sourceParameter == "size")
            #expect(e?.serverCode == "value-out-of-range")
            #expect(e?.hint == "the server rejected the \"size\" parameter")
            let unknown = await expectAPIError {
                try await service.send(APIRequest(method: "GET", path: "/v1/users/\(me)/blobs", query: [(name: "colour", value: "red")]))
            }
            #expect(unknown?.serverCode == "not-parsed")
            #expect(unknown?.serverErrors.first?.sourceParameter == "colour")
        }
    }

    @Test func methodNotAllowedAndUnknownRoute() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let e405 = await expectAPIError { try await service.send(APIRequest(method: "PUT", path: "/v1/blobs/\(String(repeating: "a", count: 32))")) }
            #expect(e405?.status == 405)
            #expect(e405?.description.contains("Method not allowed") == true)
            #expect(e405?.hint?.contains("does not allow PUT") == true)
            let e404 = await expectAPIError { try await service.send(APIRequest(method: "GET", path: "/v2/nothing")) }
            #expect(e404?.status == 404)
            #expect(e404?.hint == "this server has no such endpoint (wrong --url or --env?)")
        }
    }

    @Test func tooLargeUpload() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let me = f.account("patient").userId
            // Client-side: refused before sending.
            let big = Data(count: 104_857_601)
            let local = await expectAPIError { try await service.createBlob(userId: me, data: big, mediaType: "application/octet-stream") }
            #expect(local?.kind == .tooLarge(size: 104_857_601, limit: 104_857_600))
            // Server-side 413 when sent anyway.
            let request = APIRequest(method: "POST", path: "/v1/users/\(me)/blobs",
                                     headers: [(name: "Content-Type", value: "application/octet-stream")], body: big)
            let e = await expectAPIError { try await service.send(request) }
            #expect(e?.status == 413)
            #expect(e?.serverCode == "resource-too-large")
            #expect(e?.hint?.contains("104857600 bytes") == true)
        }
    }

    @Test func serverFaults() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let me = f.account("patient").userId
            let blob = try await service.createBlob(userId: me, data: Data("abc".utf8), mediaType: "text/plain")

            try f.sandbox.faults.update { $0.failNextResponses = 1 }
            let e500 = await expectAPIError { try await service.getBlob(id: blob.id) }
            #expect(e500?.status == 500)
            #expect(e500?.serverErrors.isEmpty == true)
            #expect(e500?.bodyExcerpt?.contains("upstream exploded") == true)
            #expect(e500?.hint?.contains("server failed") == true)

            try f.sandbox.faults.update { $0.malformedListJSON = true }
            let bad = await expectAPIError { try await service.listBlobs(userId: me) }
            if case .malformedResponse = bad?.kind {} else { Issue.record("expected malformedResponse, got \(String(describing: bad))") }
            #expect(bad?.path == "/v1/users/\(me)/blobs")
            try f.sandbox.faults.update { $0.malformedListJSON = false; $0.wrongDigest = true }

            let mismatch = await expectAPIError { try await service.blobContent(id: blob.id) }
            if case .digestMismatch = mismatch?.kind {} else { Issue.record("expected digestMismatch, got \(String(describing: mismatch))") }
        }
    }

    @Test func pagingPast1000() async throws {
        try await Fixture.with { f in
            let service = try await f.client("service")
            let me = f.account("patient").userId
            // Six workers, each reusing its pooled keep-alive connection; the sandbox fsyncs every blob, so
            // overlapping requests keeps the setup short.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        for i in stride(from: worker, to: 1050, by: 6) {
                            _ = try await service.createBlob(userId: me, data: Data("blob \(i)".utf8), mediaType: "text/plain")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let first = try await service.listBlobs(userId: me, page: 0, size: 1000)
            #expect(first.count == 1000)
            let pages = service.blobPages(userId: me)
            var sizes: [Int] = []
            var ids = Set<String>()
            for try await page in pages { sizes.append(page.count); ids.formUnion(page.map(\.id)) }
            #expect(sizes == [1000, 50])
            #expect(ids.count == 1050)
            let small = try await service.blobPages(userId: me, size: 400).collect()
            #expect(small.count == 1050)
            // Newest first.
            #expect(small.first!.createdTime >= small.last!.createdTime)
        }
    }
}
