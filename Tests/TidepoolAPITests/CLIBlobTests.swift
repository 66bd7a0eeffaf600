import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("CLI: blobs")
struct CLIBlobTests {
    @Test func userSessionGets403WithHint() async throws {
        try await CLIFixture.with { f in
            try await f.login("patient")
            let me = f.fixture.account("patient").userId
            let list = try await f.run(["blobs", "list", me])
            #expect(list.status == 1)
            #expect(list.errorLines.count == 1)
            let line = try #require(list.errorLines.first)
            #expect(line.hasPrefix("error: GET /v1/users/\(me)/blobs: HTTP 403 unauthorized"))
            #expect(line.contains("— listing blobs needs a service account; this session is a user session (trace "))
            #expect(list.stdout.isEmpty)
        }
    }

    @Test func listInfoJSONAndTables() async throws {
        try await CLIFixture.with { f in
            let service = try await f.fixture.client("service")
            let owner = f.fixture.account("patient").userId
            var created: [Blob] = []
            for i in 0..<3 {
                created.append(try await service.createBlob(userId: owner, data: Data("b\(i)".utf8), mediaType: "text/plain"))
            }
            try await f.login("service")
            let json = try await f.run(["blobs", "list", owner, "--json"])
            #expect(json.status == 0, "\(json)")
            let blobs = try f.decode([Blob].self, json)
            #expect(Set(blobs.map(\.id)) == Set(created.map(\.id)))
            #expect(blobs.first { $0.id == created[0].id } == created[0])

            let paged = try await f.run(["blobs", "list", owner, "--size", "2"])
            #expect(paged.status == 0)
            #expect(paged.stderr.contains("more may exist"))
            let all = try await f.run(["blobs", "list", owner, "--all-pages", "--status", "available", "--status", "created"])
            #expect(all.status == 0, "\(all)")
            #expect(all.stdout.hasPrefix("ID"))
            for blob in created { #expect(all.stdout.contains(blob.id)) }

            let info = try await f.run(["blobs", "info", created[1].id, "--json"])
            #expect(info.status == 0)
            #expect(try f.decode(Blob.self, info) == created[1])
            let missing = try await f.run(["blobs", "info", String(repeating: "0", count: 32)])
            #expect(missing.status == 1)
            #expect(missing.errorLines.first?.contains("no such blob (it may have been deleted)") == true)
            let bad = try await f.run(["blobs", "info", "not-a-blob"])
            #expect(bad.status == 2)
            #expect(bad.errorLines.first?.contains("is not a valid blob id") == true)
        }
    }

    @Test func deleteNeedsConfirmationAndJournals() async throws {
        try await CLIFixture.with { f in
            let service = try await f.fixture.client("service")
            let owner = f.fixture.account("patient").userId
            let a = try await service.createBlob(userId: owner, data: Data("aaa".utf8), mediaType: "text/plain")
            let b = try await service.createBlob(userId: owner, data: Data("bbbb".utf8), mediaType: "text/plain")
            try await f.login("service")

            // Not a terminal and no --yes: refused, nothing deleted or journaled.
            let refused = try await f.run(["blobs", "delete", a.id])
            #expect(refused.status == 2, "\(refused)")
            #expect(refused.stderr.contains("pass --yes"))
            #expect(try f.journal().isEmpty)
            // --read-only refuses every write.
            let readOnly = try await f.run(["blobs", "delete", a.id, "--yes", "--read-only"])
            #expect(readOnly.status == 1)
            #expect(readOnly.errorLines.first?.contains("read-only") == true)
            #expect(try await service.getBlob(id: a.id).id == a.id)

            let deleted = try await f.run(["blobs", "delete", a.id, b.id, "--yes", "--json"])
            #expect(deleted.status == 0, "\(deleted)")
            let reports = try JSONSerialization.jsonObject(with: deleted.stdoutData) as? [[String: Any]]
            #expect(reports?.map { $0["result"] as? String } == ["deleted", "deleted"])
            #expect(reports?.first?["traceId"] as? String != nil)
            let journal = try f.journal()
            #expect(journal.map(\.blobId) == [a.id, b.id])
            #expect(journal.allSatisfy { $0.result == "deleted" && $0.environment == f.environmentName && $0.traceId != nil })
            #expect(journal.first?.size == 3 && journal.first?.digestMD5 == a.digestMD5)

            // Already gone: exit 1, journaled as not-found.
            let again = try await f.run(["blobs", "delete", a.id, "--yes"])
            #expect(again.status == 1, "\(again)")
            #expect(try f.journal().last?.result == "not-found")
            #expect(try f.journal().count == 3)
        }
    }

    @Test func deleteAllNeedsConfirmUser() async throws {
        try await CLIFixture.with { f in
            let service = try await f.fixture.client("service")
            let owner = f.fixture.account("patient").userId
            for i in 0..<2 { _ = try await service.createBlob(userId: owner, data: Data([UInt8(i)]), mediaType: "text/plain") }
            try await f.login("service")
            let mismatch = try await f.run(["blobs", "delete-all", owner, "--confirm", "0123456789", "--yes"])
            #expect(mismatch.status == 2)
            let noYes = try await f.run(["blobs", "delete-all", owner, "--confirm", owner])
            #expect(noYes.status == 2)
            let done = try await f.run(["blobs", "delete-all", owner, "--confirm", owner, "--yes", "--json"])
            #expect(done.status == 0, "\(done)")
            let report = try JSONSerialization.jsonObject(with: done.stdoutData) as? [String: Any]
            #expect(report?["count"] as? Int == 2)
            #expect(try await service.listBlobs(userId: owner).isEmpty)
            let journal = try f.journal()
            #expect(journal.count == 2 && journal.allSatisfy { $0.operation == "delete-all" && $0.user == owner })
        }
    }

    @Test func uploadAndDownload() async throws {
        try await CLIFixture.with { f in
            try await f.login("service")
            let owner = f.fixture.account("patient").userId
            let file = f.cli.root.appendingPathComponent("notes.txt")
            try Data("upload me\n".utf8).write(to: file)
            let up = try await f.run(["blobs", "upload", owner, file.path, "--json"])
            #expect(up.status == 0, "\(up)")
            let blob = try f.decode(Blob.self, up)
            #expect(blob.size == 10 && blob.mediaType.hasPrefix("text/plain"))

            let dir = f.cli.root.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let down = try await f.run(["blobs", "download", blob.id, "-o", dir.path, "--json"])
            #expect(down.status == 0, "\(down)")
            let report = try JSONSerialization.jsonObject(with: down.stdoutData) as? [String: Any]
            let path = try #require(report?["path"] as? String)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("upload me\n".utf8))
            #expect(report?["digestMD5"] as? String == blob.digestMD5)
            // Existing file: refused without --force.
            let again = try await f.run(["blobs", "download", blob.id, "-o", path])
            #expect(again.status == 1, "\(again)")
            let forced = try await f.run(["blobs", "download", blob.id, "-o", path, "--force"])
            #expect(forced.status == 0, "\(forced)")
            let readOnly = try await f.run(["blobs", "upload", owner, file.path, "--read-only"])
            #expect(readOnly.status == 1)
        }
    }
}

@Suite("CLI: Ctrl-C")
struct CLIInterruptTests {
    @Test func ctrlCCancelsADownload() async throws {
        try await CLIFixture.with { f in
            let service = try await f.fixture.client("service")
            let owner = f.fixture.account("patient").userId
            let blob = try await service.createBlob(userId: owner, data: Data(count: 4096), mediaType: "application/octet-stream")
            try await f.login("service")
            // Every response is held back 20 s, so the download is still waiting when Ctrl-C arrives.
            try f.sandbox.faults.update { $0.delayMilliseconds = 20_000 }
            let target = f.cli.root.appendingPathComponent("never.bin")
            let started = Date()
            let result = try await f.cli.run(["blobs", "download", blob.id, "-o", target.path], interruptAfter: 3)
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("cancelled"))
            #expect(Date().timeIntervalSince(started) < 15)
            #expect(!FileManager.default.fileExists(atPath: target.path))
            try f.sandbox.faults.update { $0.delayMilliseconds = 0 }
        }
    }
}
