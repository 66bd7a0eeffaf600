import Foundation
import Sandbox
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Fault switches")
    struct FaultTests {
        @Test func wrongDigestCutConnectionAndFailures() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let body = String(repeating: "0123456789", count: 20_000)
            let blob = try await Fixtures.createBlob(sandbox, token: token, body: body)
            let id = blob["id"] as! String

            try sandbox.faults.update { $0.wrongDigest = true }
            let wrong = try await HTTP.get(sandbox, "/v1/blobs/\(id)/content", token: token)
            #expect(wrong.status == 200)
            #expect(wrong.body == Data(body.utf8))
            let digest = try #require(wrong.header("Digest"))
            #expect(digest.hasPrefix("MD5=") && digest != "MD5=" + Fixtures.md5(Data(body.utf8)))
            #expect(Data(base64Encoded: String(digest.dropFirst(4)))?.count == 16)

            try sandbox.faults.set(SandboxFaults(cutContentAfterBytes: 1000))
            let cut = await #expect(throws: (any Error).self) {
                try await SandboxRawHTTP.send(port: sandbox.port, method: "GET", path: "/v1/blobs/\(id)/content",
                                              headers: [("X-Tidepool-Session-Token", token)])
            }
            #expect("\(String(describing: cut))".contains("mid-body"))

            try sandbox.faults.set(SandboxFaults(failNextResponses: 2))
            for _ in 0..<2 {
                let failed = try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: token)
                #expect(failed.status == 500)
                #expect(failed.text == "upstream exploded")
                #expect(failed.header("X-Tidepool-Trace-Request") != nil)
            }
            #expect(try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: token).status == 200)
            #expect(sandbox.faults.current.failNextResponses == 0)

            try sandbox.faults.set(SandboxFaults(malformedListJSON: true))
            let malformed = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/blobs", token: token)
            #expect(malformed.status == 200)
            #expect(malformed.json == nil)
            let malformedLogs = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: token)
            #expect(malformedLogs.json == nil)

            try sandbox.faults.set(SandboxFaults(delayMilliseconds: 150))
            let started = ContinuousClock.now
            _ = try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: token)
            #expect(ContinuousClock.now - started >= .milliseconds(150))
            sandbox.faults.reset()
            #expect(sandbox.faults.current == SandboxFaults())
        }

        @Test func adminRouteSetsFaults() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let put = try await HTTP.call(sandbox, "PUT", "/_sandbox/faults", headers: ["Content-Type": "application/json"],
                                          body: Data(#"{"failNextResponses":1,"wrongDigest":true,"expireToken":"\#(token)"}"#.utf8))
            #expect(put.status == 200)
            #expect(put.object["failNextResponses"] as? Int == 1)
            #expect(sandbox.faults.current.wrongDigest)
            #expect(try await HTTP.get(sandbox, "/auth/user", token: token).status == 500)
            #expect(try await HTTP.get(sandbox, "/auth/user", token: token).status == 401, "token expired by the admin route")
            let read = try await HTTP.get(sandbox, "/_sandbox/faults")
            #expect(read.text == #"{"wrongDigest":true,"cutContentAfterBytes":null,"failNextResponses":0,"malformedListJSON":false,"delayMilliseconds":0}"# + "\n")
            let reset = try await HTTP.call(sandbox, "PUT", "/_sandbox/faults", body: Data(#"{"reset":true}"#.utf8))
            #expect(reset.status == 200)
            #expect(sandbox.faults.current == SandboxFaults())
            let bad = try await HTTP.call(sandbox, "PUT", "/_sandbox/faults", body: Data("nope".utf8))
            #expect(bad.status == 400)
            #expect(try await HTTP.call(sandbox, "DELETE", "/_sandbox/faults").status == 405)
        }

        @Test func touchBlobMakesTheShownRevisionStale() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let owner = try await Fixtures.login(sandbox, Fixtures.owner)
            let service = try await Fixtures.login(sandbox, Fixtures.service)
            let blob = try await Fixtures.createBlob(sandbox, token: owner, body: "kept")
            let id = try #require(blob["id"] as? String)
            #expect(blob["revision"] as? Int == 1)

            let touch = try await HTTP.call(sandbox, "PUT", "/_sandbox/faults", body: Data(#"{"touchBlob":"\#(id)"}"#.utf8))
            #expect(touch.status == 200)
            #expect(try sandbox.server.touchBlob(id: id) == 3, "the in-process switch bumps it again")
            let info = try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: service)
            #expect(info.object["revision"] as? Int == 3)

            let stale = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?revision=1", token: service)
            #expect(stale.status == 404)
            #expect(stale.text.contains("revision 1 of resource with id"), "\(stale)")
            #expect(try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: service).status == 200, "the blob is still there")
            #expect(try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?revision=3", token: service).status == 204)

            let unknown = try await HTTP.call(sandbox, "PUT", "/_sandbox/faults", body: Data(#"{"touchBlob":"0123456789abcdef0123456789abcdef"}"#.utf8))
            #expect(unknown.status == 404)
            #expect(try sandbox.server.touchBlob(id: "0123456789abcdef0123456789abcdef") == nil)
        }

        @Test func faultsNeedLoopback() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-remote-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            #expect(throws: SandboxError.self) {
                _ = try SandboxServer(configuration: SandboxConfiguration(host: "0.0.0.0", dataDirectory: directory, seed: .empty))
            }
            let remote = try SandboxServer(configuration: SandboxConfiguration(host: "0.0.0.0", dataDirectory: directory,
                                                                               seed: .empty, allowRemote: true))
            #expect(throws: SandboxError.self) { try remote.faults.update { $0.wrongDigest = true } }
            #expect(throws: SandboxError.self) { try remote.faults.expireAllTokens() }
            #expect(throws: SandboxError.self) { _ = try remote.touchBlob(id: "0123456789abcdef0123456789abcdef") }
            #expect(throws: SandboxError.self) {
                _ = try SandboxServer(configuration: SandboxConfiguration(host: "0.0.0.0", dataDirectory: directory, seed: .empty,
                                                                          faults: SandboxFaults(wrongDigest: true), allowRemote: true))
            }
        }
    }
}
