import Foundation
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Routing, trace headers, framework errors")
    struct RoutingTests {
        @Test func unknownPathIs404AndWrongMethodIs405() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let missing = try await HTTP.get(sandbox, "/v1/nothing/here")
            #expect(missing.status == 404)
            #expect(missing.text == Bodies.notFound)
            #expect(missing.header("Content-Type") == "application/json; charset=utf-8")
            let trailing = try await HTTP.get(sandbox, "/v1/blobs/")
            #expect(trailing.status == 404)
            let wrong = try await HTTP.call(sandbox, "PUT", "/v1/users/\(Fixtures.owner)/blobs")
            #expect(wrong.status == 405)
            #expect(wrong.text == Bodies.methodNotAllowed)
            let wrongContent = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(String(repeating: "a", count: 32))/content")
            #expect(wrongContent.status == 405)
            let postLogs = try await HTTP.call(sandbox, "DELETE", "/v1/users/\(Fixtures.owner)/device_logs")
            #expect(postLogs.status == 405)
        }

        @Test func traceRequestIsEchoedTruncatedOrGenerated() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let generated = try await HTTP.get(sandbox, "/v1/nothing")
            let id = try #require(generated.header("X-Tidepool-Trace-Request"))
            #expect(id.count == 32)
            #expect(id.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(generated.header("X-Tidepool-Trace-Session") == nil)

            let long = String(repeating: "t", count: 80)
            let echoed = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/blobs",
                                            headers: ["X-Tidepool-Trace-Request": long, "X-Tidepool-Trace-Session": "session-1"])
            #expect(echoed.status == 403)
            #expect(echoed.header("X-Tidepool-Trace-Request") == String(repeating: "t", count: 64))
            #expect(echoed.header("X-Tidepool-Trace-Session") == "session-1")

            let short = try await HTTP.get(sandbox, "/auth/user", headers: ["X-Tidepool-Trace-Request": "abc"])
            #expect(short.status == 401)
            #expect(short.header("X-Tidepool-Trace-Request") == "abc")
        }

        @Test func duplicatedSessionTokenHeaderIs403() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let response = try await SandboxRawHTTP.send(
                port: sandbox.port, method: "GET", path: "/v1/users/\(Fixtures.owner)/blobs",
                headers: [("X-Tidepool-Session-Token", token), ("X-Tidepool-Session-Token", token)])
            #expect(response.status == 403)
            #expect(response.text == Bodies.unauthorized)
            #expect(response.header("X-Tidepool-Trace-Request")?.count == 32)
            let single = try await SandboxRawHTTP.send(port: sandbox.port, method: "GET", path: "/v1/users/\(Fixtures.owner)/blobs",
                                                       headers: [("X-Tidepool-Session-Token", token)])
            #expect(single.status == 200)
            #expect(single.text == "[]\n")
            let badAuthorization = try await SandboxRawHTTP.send(port: sandbox.port, method: "GET", path: "/v1/users/\(Fixtures.owner)/blobs",
                                                                 headers: [("Authorization", "garbage")])
            #expect(badAuthorization.status == 403)
            let bearer = try await SandboxRawHTTP.send(port: sandbox.port, method: "GET", path: "/v1/users/\(Fixtures.owner)/blobs",
                                                       headers: [("Authorization", "Bearer \(token)")])
            #expect(bearer.status == 200)
        }

        @Test func invalidPathIdsAre400() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            for path in ["/v1/users/NOTANID/blobs", "/v1/users/a00000000/blobs", "/v1/users/A000000001/device_logs"] {
                let result = try await HTTP.get(sandbox, path, token: token)
                #expect(result.status == 400, "\(path)")
                #expect(result.text == Bodies.parameterInvalid("userId"), "\(path)")
            }
            for path in ["/v1/blobs/abc", "/v1/blobs/\(String(repeating: "A", count: 32))/content", "/v1/device_logs/xyz"] {
                let result = try await HTTP.get(sandbox, path, token: token)
                #expect(result.status == 400, "\(path)")
                #expect(result.text == Bodies.parameterInvalid("id"), "\(path)")
            }
            // Upper-case hex is fine in UUID-style user ids.
            let uuid = try await HTTP.get(sandbox, "/v1/users/0F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B/blobs", token: token)
            #expect(uuid.status == 200)
        }
    }
}
