import Foundation
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Device logs: upload, list window, get, content")
    struct DeviceLogTests {
        @Test func uploadReturnsMetadataAndContentHasHeaders() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let body = #"[{"deviceIdentifier":"PDM-1","managerIdentifier":"Omnipod-Dash","message":"hi","timestamp":"2025-03-01T12:10:00.5Z","type":"send"}]"#
            let created = try await HTTP.call(sandbox, "POST", "/v1/users/\(Fixtures.owner)/device_logs", token: token, headers: [
                "Content-Type": "application/json; charset=utf-8", "Digest": "MD5=" + Fixtures.md5(Data(body.utf8)),
                "X-Logs-Start-At-Time": "2025-03-01T12:00:00.000Z", "X-Logs-End-At-Time": "2025-03-01T14:00:00+01:00",
            ], body: Data(body.utf8))
            #expect(created.status == 201)
            let log = created.object
            let id = try #require(log["id"] as? String)
            #expect(log["userId"] as? String == Fixtures.owner)
            #expect(log["mediaType"] as? String == "application/json; charset=utf-8")
            #expect(log["startAtTime"] as? String == "2025-03-01T12:00:00Z")
            #expect(log["endAtTime"] as? String == "2025-03-01T13:00:00Z")
            #expect(log["revision"] as? Int == 1)
            #expect(log["size"] as? Int == body.utf8.count)
            #expect(log["status"] == nil && log["modifiedTime"] == nil)
            let order = ["id", "userId", "digestMD5", "mediaType", "size", "createdTime", "startAtTime", "endAtTime", "revision"]
                .map { created.text.range(of: "\"\($0)\"")!.lowerBound }
            #expect(order == order.sorted())

            let get = try await HTTP.get(sandbox, "/v1/device_logs/\(id)", token: token)
            #expect(get.text == created.text)
            let content = try await HTTP.get(sandbox, "/v1/device_logs/\(id)/content", token: token)
            #expect(content.text == body)
            #expect(content.header("Content-Type") == "application/json; charset=utf-8")
            #expect(content.header("Digest") == "MD5=" + Fixtures.md5(Data(body.utf8)))
            #expect(content.header("Start-At") == "2025-03-01T12:00:00Z")
            #expect(content.header("End-At") == "2025-03-01T13:00:00Z")
        }

        @Test func uploadHeaderErrors() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let digest = "MD5=" + Fixtures.md5(Data("[]".utf8))
            func post(_ headers: [(String, String)]) async throws -> SandboxRawResponse {
                try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: "/v1/users/\(Fixtures.owner)/device_logs",
                                              headers: [("X-Tidepool-Session-Token", token)] + headers, body: Array("[]".utf8))
            }
            let times = [("X-Logs-Start-At-Time", "2025-03-01T12:00:00Z"), ("X-Logs-End-At-Time", "2025-03-01T13:00:00Z")]
            #expect(try await post([("Content-Type", "application/json")] + times).text == Bodies.headerMissing("Digest"))
            #expect(try await post([("Digest", "MD5=xyz"), ("Content-Type", "application/json")] + times).text == Bodies.headerInvalid("Digest"))
            #expect(try await post([("Digest", digest)] + times).text == Bodies.headerMissing("Content-Type"))
            #expect(try await post([("Digest", digest), ("Content-Type", "application/json")]).text == Bodies.headerMissing("X-Logs-Start-At-Time"))
            #expect(try await post([("Digest", digest), ("Content-Type", "application/json"), ("X-Logs-Start-At-Time", "yesterday")]).text
                    == Bodies.headerInvalid("X-Logs-Start-At-Time"))
            #expect(try await post([("Digest", digest), ("Content-Type", "application/json"), times[0]]).text
                    == Bodies.headerMissing("X-Logs-End-At-Time"))
            #expect(try await post([("Digest", digest), ("Content-Type", "application/json"), times[0],
                                    ("X-Logs-End-At-Time", "2025-03-01 13:00:00")]).text == Bodies.headerInvalid("X-Logs-End-At-Time"))
            // Any valid media type is accepted; the body is never parsed.
            let anyType = try await post([("Digest", digest), ("Content-Type", "text/plain")] + times)
            #expect(anyType.status == 201)
            let mismatch = try await post([("Digest", "MD5=" + Fixtures.md5(Data("{}".utf8))), ("Content-Type", "application/json")] + times)
            #expect(mismatch.status == 400)
            #expect(mismatch.text.contains(#""code":"digests-not-equal""#))
            #expect(mismatch.text.hasSuffix(#""source":{"pointer":"/digestMD5"}}"# + "\n"))
        }

        @Test func listWindowOrderAndNull() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let base = "/v1/users/\(Fixtures.owner)/device_logs"
            let empty = try await HTTP.get(sandbox, base, token: token)
            #expect(empty.status == 200)
            #expect(empty.text == "null\n")
            var ids: [String] = []
            for hour in 10..<14 {
                let log = try await Fixtures.createLog(sandbox, token: token, start: "2025-04-01T\(hour):00:00Z", end: "2025-04-01T\(hour + 1):00:00Z")
                ids.append(log["id"] as! String)
            }
            let all = try await HTTP.get(sandbox, base, token: token)
            #expect(all.array.map { $0["id"] as! String } == ids.reversed(), "newest created first")
            // startAtTime >= start and endAtTime < end (strictly).
            let window = try await HTTP.get(sandbox, base + "?startAtTime=2025-04-01T11:00:00Z&endAtTime=2025-04-01T13:00:00Z", token: token)
            #expect(window.array.map { $0["id"] as! String } == [ids[1]])
            let inclusive = try await HTTP.get(sandbox, base + "?startAtTime=2025-04-01T11:00:00Z&endAtTime=2025-04-01T13:00:00.001Z", token: token)
            #expect(inclusive.array.map { $0["id"] as! String } == [ids[2], ids[1]])
            let onlyStart = try await HTTP.get(sandbox, base + "?startAtTime=2025-04-01T12:30:00Z", token: token)
            #expect(onlyStart.array.map { $0["id"] as! String } == [ids[3]])
            let offset = try await HTTP.get(sandbox, base + "?endAtTime=2025-04-01T13:00:00%2B02:00", token: token)
            #expect(offset.text == "null\n")
            let paged = try await HTTP.get(sandbox, base + "?size=1&page=2", token: token)
            #expect(paged.array.map { $0["id"] as! String } == [ids[1]])
            let none = try await HTTP.get(sandbox, base + "?startAtTime=2030-01-01T00:00:00Z", token: token)
            #expect(none.text == "null\n")
            let bad = try await HTTP.get(sandbox, base + "?startAtTime=tomorrow", token: token)
            #expect(bad.status == 400)
            #expect(bad.text == #"{"code":"value-not-parsable","title":"value is not a parsable time","detail":"value \"tomorrow\" is not a parsable time of format \"2006-01-02T15:04:05.999999999Z07:00\"","source":{"parameter":"startAtTime"}}"# + "\n")
            let unknown = try await HTTP.get(sandbox, base + "?limit=3", token: token)
            #expect(unknown.text == Bodies.notParsed("limit") + "\n")
            let size = try await HTTP.get(sandbox, base + "?size=5000", token: token)
            #expect(size.text.contains("value 5000 is not between 1 and 1000"))
        }
    }
}
