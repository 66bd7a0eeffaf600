import Foundation
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Blobs: create, list, get, content, delete")
    struct BlobTests {
        @Test func createReturnsMetadataAndContentRoundTrips() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let body = Data("hello, blob\n".utf8)
            let created = try await HTTP.call(sandbox, "POST", "/v1/users/\(Fixtures.owner)/blobs", token: token,
                                              headers: ["Content-Type": "Text/Plain; Charset=UTF-8; a=\"x y\"",
                                                        "Digest": "md5=" + Fixtures.md5(body)], body: body)
            #expect(created.status == 201)
            #expect(created.header("Content-Type") == "application/json; charset=utf-8")
            #expect(created.text.hasSuffix("}\n"))
            let blob = created.object
            let id = try #require(blob["id"] as? String)
            #expect(id.count == 32 && id.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(blob["userId"] as? String == Fixtures.owner)
            #expect(blob["mediaType"] as? String == "text/plain; a=\"x y\"; charset=UTF-8")
            #expect(blob["digestMD5"] as? String == Fixtures.md5(body))
            #expect(blob["size"] as? Int == body.count)
            #expect(blob["status"] as? String == "available")
            #expect(blob["revision"] as? Int == 1)
            let createdTime = try #require(blob["createdTime"] as? String)
            #expect(createdTime.hasSuffix("Z"))
            #expect(blob["modifiedTime"] is String)
            // Key order of blob.Blob.
            let keys = ["\"id\"", "\"userId\"", "\"digestMD5\"", "\"mediaType\"", "\"size\"", "\"status\"", "\"createdTime\"",
                        "\"modifiedTime\"", "\"revision\""].map { created.text.range(of: $0)!.lowerBound }
            #expect(keys == keys.sorted())

            let fetched = try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: token)
            #expect(fetched.status == 200)
            #expect(fetched.text == created.text)

            let content = try await HTTP.get(sandbox, "/v1/blobs/\(id)/content", token: token)
            #expect(content.status == 200)
            #expect(content.body == body)
            #expect(content.header("Content-Type") == "text/plain; a=\"x y\"; charset=UTF-8")
            #expect(content.header("Digest") == "MD5=" + Fixtures.md5(body))
        }

        @Test func createWithoutDigestAndEmptyBody() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let result = try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: "/v1/users/\(Fixtures.owner)/blobs",
                                                       headers: [("X-Tidepool-Session-Token", token), ("Content-Type", "application/octet-stream")],
                                                       body: [])
            #expect(result.status == 201)
            #expect(result.text.contains(#""digestMD5":"1B2M2Y8AsgTpgAmY7PhCfg==""#))
            #expect(result.text.contains(#""size":0"#))
        }

        @Test func createHeaderErrorsInPlatformOrder() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let path = "/v1/users/\(Fixtures.owner)/blobs"
            func post(_ headers: [(String, String)]) async throws -> SandboxRawResponse {
                try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: path,
                                              headers: [("X-Tidepool-Session-Token", token)] + headers, body: Array("abc".utf8))
            }
            let noType = try await post([])
            #expect(noType.status == 400)
            #expect(noType.text == Bodies.headerMissing("Content-Type"))
            #expect(noType.header("Content-Type") == "application/json; charset=utf-8")
            let badType = try await post([("Content-Type", "not a media type")])
            #expect(badType.text == Bodies.headerInvalid("Content-Type"))
            let twoTypes = try await post([("Content-Type", "text/plain"), ("Content-Type", "text/csv")])
            #expect(twoTypes.text == Bodies.headerInvalid("Content-Type"))
            // Digest is checked before Content-Type.
            let badDigest = try await post([("Digest", "SHA=abc")])
            #expect(badDigest.status == 400)
            #expect(badDigest.text == Bodies.headerInvalid("Digest"))
            let shortDigest = try await post([("Digest", "MD5=AAAA"), ("Content-Type", "text/plain")])
            #expect(shortDigest.text == Bodies.headerInvalid("Digest"))
            let twoDigests = try await post([("Digest", "MD5=kAFQmDzST7DWlj99KOF/cg=="), ("Digest", "MD5=kAFQmDzST7DWlj99KOF/cg=="),
                                             ("Content-Type", "text/plain")])
            #expect(twoDigests.text == Bodies.headerInvalid("Digest"))
            // Headers are checked before authorization.
            let anonymous = try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: path, headers: [], body: [1])
            #expect(anonymous.text == Bodies.headerMissing("Content-Type"))
            let anonymousTyped = try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: path,
                                                               headers: [("Content-Type", "text/plain")], body: [1])
            #expect(anonymousTyped.status == 403)
            #expect(anonymousTyped.text == Bodies.unauthorized)
        }

        @Test func digestMismatchIs400AndStoresNothing() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let sent = Fixtures.md5(Data("other".utf8))
            let body = Data("actual".utf8)
            let result = try await HTTP.call(sandbox, "POST", "/v1/users/\(Fixtures.owner)/blobs", token: token,
                                             headers: ["Content-Type": "text/plain", "Digest": "MD5=" + sent], body: body)
            #expect(result.status == 400)
            #expect(result.text == #"{"code":"digests-not-equal","title":"digests not equal","detail":"digest \"\#(sent)\" does not equal calculated digest \"\#(Fixtures.md5(body))\"","source":{"pointer":"/digestMD5"}}"# + "\n")
            let list = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/blobs?status=available,created", token: token)
            #expect(list.text == "[]\n")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.dataDirectory.appendingPathComponent("tmp").path)
            #expect(leftovers.isEmpty)
        }

        @Test func listDefaultsOrderPaginationAndFilters() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            var ids: [String] = []
            for (index, type) in ["text/plain", "text/csv", "application/json", "text/plain"].enumerated() {
                let blob = try await Fixtures.createBlob(sandbox, token: token, body: "blob \(index)", mediaType: type)
                ids.append(blob["id"] as! String)
            }
            let base = "/v1/users/\(Fixtures.owner)/blobs"
            let all = try await HTTP.get(sandbox, base, token: token)
            #expect(all.status == 200)
            #expect(all.array.map { $0["id"] as! String } == ids.reversed())
            let page = try await HTTP.get(sandbox, base + "?size=2&page=1", token: token)
            #expect(page.array.map { $0["id"] as! String } == [ids[1], ids[0]])
            let beyond = try await HTTP.get(sandbox, base + "?size=2&page=5", token: token)
            #expect(beyond.text == "[]\n")
            let plain = try await HTTP.get(sandbox, base + "?mediaType=text/plain", token: token)
            #expect(plain.array.map { $0["id"] as! String } == [ids[3], ids[0]])
            let two = try await HTTP.get(sandbox, base + "?mediaType=text/csv&mediaType=application/json", token: token)
            #expect(two.array.count == 2)
            let comma = try await HTTP.get(sandbox, base + "?mediaType=text/csv,application/json", token: token)
            #expect(comma.array.count == 2)
            let created = try await HTTP.get(sandbox, base + "?status=created", token: token)
            #expect(created.text == "[]\n")
            let both = try await HTTP.get(sandbox, base + "?status=created,available", token: token)
            #expect(both.array.count == 4)
        }

        @Test func listQueryErrors() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let base = "/v1/users/\(Fixtures.owner)/blobs"
            let unknown = try await HTTP.get(sandbox, base + "?colour=blue", token: token)
            #expect(unknown.status == 400)
            #expect(unknown.text == Bodies.notParsed("colour") + "\n")
            let notInt = try await HTTP.get(sandbox, base + "?page=x", token: token)
            #expect(notInt.text == #"{"code":"type-not-int","title":"type is not int","detail":"type is not int, but string","source":{"parameter":"page"}}"# + "\n")
            let range = try await HTTP.get(sandbox, base + "?size=0", token: token)
            #expect(range.text == #"{"code":"value-out-of-range","title":"value is out of range","detail":"value 0 is not between 1 and 1000","source":{"parameter":"size"}}"# + "\n")
            let big = try await HTTP.get(sandbox, base + "?size=1001", token: token)
            #expect(big.text.contains("value 1001 is not between 1 and 1000"))
            let negative = try await HTTP.get(sandbox, base + "?page=-1", token: token)
            #expect(negative.text.contains("value -1 is not greater than or equal to 0"))
            let status = try await HTTP.get(sandbox, base + "?status=invalid", token: token)
            #expect(status.text == #"{"code":"value-not-allowed","title":"value is not one of the allowed values","detail":"value \"invalid\" is not one of [\"available\", \"created\"]","source":{"parameter":"status"}}"# + "\n")
            let duplicate = try await HTTP.get(sandbox, base + "?status=created&status=created", token: token)
            #expect(duplicate.text == #"{"code":"value-duplicate","title":"value is a duplicate","detail":"value is a duplicate","source":{"parameter":"status"}}"# + "\n")
            let badType = try await HTTP.get(sandbox, base + "?mediaType=nope/", token: token)
            #expect(badType.status == 400)
            #expect(badType.object["code"] as? String == "media-type-not-valid")
            let several = try await HTTP.get(sandbox, base + "?alpha=1&beta=2", token: token)
            #expect(several.text == #"{"errors":["# + Bodies.notParsed("alpha") + "," + Bodies.notParsed("beta") + "]}\n")
            // Query errors come before the service-only check.
            let anonymous = try await HTTP.get(sandbox, base + "?colour=blue")
            #expect(anonymous.status == 400)
        }

        @Test func conditionalDeleteAndDeleteAll() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            let first = try await Fixtures.createBlob(sandbox, token: token, body: "one")
            let id = first["id"] as! String
            let wrongRevision = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?revision=7", token: token)
            #expect(wrongRevision.status == 404)
            #expect(wrongRevision.text == #"{"code":"resource-not-found","title":"resource not found","detail":"revision 7 of resource with id \"\#(id)\" not found"}"# + "\n")
            let negative = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?revision=-1", token: token)
            #expect(negative.text == #"{"code":"value-out-of-range","title":"value is out of range","detail":"value -1 is not greater than or equal to 0","source":{"parameter":"revision"}}"# + "\n")
            let unknownParam = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?force=true", token: token)
            #expect(unknownParam.text == Bodies.notParsed("force") + "\n")
            let deleted = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)?revision=1", token: token)
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            let gone = try await HTTP.get(sandbox, "/v1/blobs/\(id)", token: token)
            #expect(gone.status == 404)
            #expect(gone.text == Bodies.resourceNotFound(id))
            let goneContent = try await HTTP.get(sandbox, "/v1/blobs/\(id)/content", token: token)
            #expect(goneContent.text == Bodies.resourceNotFound(id))
            let again = try await HTTP.call(sandbox, "DELETE", "/v1/blobs/\(id)", token: token)
            #expect(again.text == Bodies.resourceNotFound(id))

            try await Fixtures.createBlob(sandbox, token: token, body: "two")
            try await Fixtures.createBlob(sandbox, token: token, body: "three")
            try await Fixtures.createLog(sandbox, token: token, start: "2025-01-01T00:00:00Z", end: "2025-01-01T01:00:00Z")
            let all = try await HTTP.call(sandbox, "DELETE", "/v1/users/\(Fixtures.owner)/blobs", token: token)
            #expect(all.status == 204)
            let list = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/blobs", token: token)
            #expect(list.text == "[]\n")
            let logs = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: token)
            #expect(logs.array.count == 1, "device logs are not touched by DeleteAll")
            let none = try await HTTP.call(sandbox, "DELETE", "/v1/users/\(Fixtures.stranger)/blobs", token: token)
            #expect(none.status == 204)
        }
    }
}
