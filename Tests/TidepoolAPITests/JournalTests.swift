import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

@Suite("Deletion journal")
struct JournalTests {
    @Test func appendsOneLinePerAttempt() async throws {
        let dir = try SessionStoreTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = DeletionJournal(fileURL: dir.appendingPathComponent("state/tideblob/deletions.jsonl"))
        try await Fixture.with { f in
            let service = try await f.client("service")
            let owner = f.account("patient").userId
            let blob = try await service.createBlob(userId: owner, data: Data("doomed".utf8), mediaType: "text/plain")

            // Success.
            let trace = try await service.deleteBlob(id: blob.id, known: blob, journal: journal)
            // Not found (already gone).
            let e404 = await expectAPIError { try await service.deleteBlob(id: blob.id, journal: journal) }
            #expect(e404?.status == 404)
            // Failure: a user session may not delete.
            let other = try await service.createBlob(userId: owner, data: Data("kept".utf8), mediaType: "text/plain")
            let user = try await f.client("patient")
            let e403 = await expectAPIError { try await user.deleteBlob(id: other.id, known: other, journal: journal) }
            #expect(e403?.status == 403)
            // Invalid ids never reach the server and are not journaled.
            _ = await expectAPIError { try await service.deleteBlob(id: "bad", journal: journal) }

            let records = try journal.records()
            #expect(records.count == 3)
            #expect(records[0].result == "deleted")
            #expect(records[0].blobId == blob.id && records[0].user == owner)
            #expect(records[0].digestMD5 == blob.digestMD5 && records[0].size == 6 && records[0].mediaType == "text/plain")
            #expect(records[0].revision == 1)
            #expect(records[0].traceId == trace && trace != nil)
            #expect(records[0].environment == "sandbox-test")
            #expect(records[0].actor == f.account("service").userId)
            #expect(records[1].result == "not-found")
            #expect(records[1].traceId == e404?.traceRequest)
            #expect(records[2].result.hasPrefix("failed: HTTP 403 unauthorized"))
            #expect(records[2].traceId != nil)

            // delete-all: one line per known blob.
            let more = [try await service.createBlob(userId: owner, data: Data("a".utf8), mediaType: "text/plain"), other]
            try await service.deleteAllBlobs(userId: owner, known: more, journal: journal)
            let after = try journal.records()
            #expect(after.count == 5)
            #expect(after.suffix(2).allSatisfy { $0.operation == "delete-all" && $0.result == "deleted" })
        }
        let text = try String(contentsOf: journal.fileURL, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 5)
        #expect(text.hasSuffix("\n"))
        var info = stat()
        _ = stat(journal.fileURL.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func concurrentAppendsDoNotInterleave() async throws {
        let dir = try SessionStoreTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = DeletionJournal(fileURL: dir.appendingPathComponent("deletions.jsonl"))
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<50 {
                group.addTask {
                    try? journal.append(DeletionRecord(environment: "e", user: "20e0a1b2c3", blobId: String(repeating: "a", count: 31) + "\(i % 10)",
                                                       result: "deleted", traceId: "t\(i)"))
                }
            }
        }
        #expect(try journal.records().count == 50)
    }

    @Test func staleRevisionIsAFailureNotAGoneBlob() {
        let stale = APIError(.http(status: 404), method: "DELETE", path: "/v1/blobs/abc",
                             serverErrors: [ServerErrorObject(code: "resource-not-found",
                                                              detail: "revision 1 of resource with id \"abc\" not found")])
        let gone = APIError(.http(status: 404), method: "DELETE", path: "/v1/blobs/abc",
                            serverErrors: [ServerErrorObject(code: "resource-not-found",
                                                             detail: "resource with id \"abc\" not found")])
        #expect(DeletionRecord.result(for: gone) == "not-found")
        let result = DeletionRecord.result(for: stale)
        #expect(result.hasPrefix("failed: HTTP 404"))
        #expect(result.contains("revision 1"))
    }

    @Test func errorExcerptNeverSplitsACharacter() {
        // 511 ASCII bytes, then a 3-byte CJK character straddling the 512-byte limit.
        let body = Data(String(repeating: "x", count: 511).utf8) + Data("\u{6F22}\u{5B57}".utf8)
        let excerpt = ServerErrorBody.parse(body).excerpt ?? ""
        #expect(!excerpt.contains("\u{FFFD}"))
        #expect(excerpt.hasSuffix("x…"))
        let exact = Data(String(repeating: "y", count: 509).utf8) + Data("\u{6F22}".utf8)   // 512 bytes: kept whole
        #expect(ServerErrorBody.parse(exact).excerpt == String(repeating: "y", count: 509) + "\u{6F22}")
    }
}
