import Foundation
import Testing
import TestSupport

/// The 401/403 table of tidepool-api.md §3.2, row by row.
extension AllSandboxTests {
    @Suite("Authorization matrix")
    struct AuthMatrixTests {
        enum Who: String, CaseIterable {
            case anonymous, invalidToken, owner, viewer, uploader, custodian, stranger, service, clinician
        }

        struct Context {
            let sandbox: SandboxHarness
            let tokens: [Who: String]
            let blobId: String
            let logId: String

            func token(_ who: Who) -> String? {
                switch who {
                case .anonymous: return nil
                case .invalidToken: return "kc:not-a-real-token:nope"
                default: return tokens[who]
                }
            }
        }

        static func setUp() async throws -> Context {
            let sandbox = try await Fixtures.sandbox()
            var tokens: [Who: String] = [:]
            let ids: [Who: String] = [.owner: Fixtures.owner, .viewer: Fixtures.viewer, .uploader: Fixtures.uploader,
                                      .custodian: Fixtures.custodian, .stranger: Fixtures.stranger,
                                      .service: Fixtures.service, .clinician: Fixtures.clinician]
            for (who, id) in ids { tokens[who] = try await Fixtures.login(sandbox, id) }
            let blob = try await Fixtures.createBlob(sandbox, token: tokens[.service]!, body: "matrix")
            let log = try await Fixtures.createLog(sandbox, token: tokens[.service]!, body: #"[{"type":"send"}]"#,
                                                   start: "2025-02-01T10:00:00Z", end: "2025-02-01T11:00:00Z")
            return Context(sandbox: sandbox, tokens: tokens, blobId: blob["id"] as! String, logId: log["id"] as! String)
        }

        @Test func blobEndpointsAreServiceOnlyExceptCreate() async throws {
            let c = try await Self.setUp()
            defer { Task { await c.sandbox.stop() } }
            let owner = Fixtures.owner
            for who in Who.allCases {
                let token = c.token(who)
                let expectOK = who == .service
                let list = try await HTTP.get(c.sandbox, "/v1/users/\(owner)/blobs", token: token)
                #expect(list.status == (expectOK ? 200 : 403), "list \(who)")
                if !expectOK { #expect(list.text == Bodies.unauthorized, "list \(who)") }
                let get = try await HTTP.get(c.sandbox, "/v1/blobs/\(c.blobId)", token: token)
                #expect(get.status == (expectOK ? 200 : 403), "get \(who)")
                let content = try await HTTP.get(c.sandbox, "/v1/blobs/\(c.blobId)/content", token: token)
                #expect(content.status == (expectOK ? 200 : 403), "content \(who)")
                if !expectOK {
                    let delete = try await HTTP.call(c.sandbox, "DELETE", "/v1/blobs/\(c.blobId)", token: token)
                    #expect(delete.status == 403, "delete \(who)")
                    #expect(delete.text == Bodies.unauthorized)
                    let deleteAll = try await HTTP.call(c.sandbox, "DELETE", "/v1/users/\(owner)/blobs", token: token)
                    #expect(deleteAll.status == 403, "deleteAll \(who)")
                }
                // Create: self, upload (or root) and service; custodian-only is not enough.
                let mayCreate: Set<Who> = [.owner, .uploader, .service, .clinician]
                let body = Data("x".utf8)
                let create = try await HTTP.call(c.sandbox, "POST", "/v1/users/\(owner)/blobs", token: token,
                                                 headers: ["Content-Type": "text/plain"], body: body)
                #expect(create.status == (mayCreate.contains(who) ? 201 : 403), "create \(who): \(create)")
                if !mayCreate.contains(who) { #expect(create.text == Bodies.unauthorized, "create \(who)") }
            }
        }

        @Test func deviceLogUploadNeedsWritePermission() async throws {
            let c = try await Self.setUp()
            defer { Task { await c.sandbox.stop() } }
            let body = Data("[]".utf8)
            for who in Who.allCases {
                let result = try await HTTP.call(c.sandbox, "POST", "/v1/users/\(Fixtures.owner)/device_logs", token: c.token(who), headers: [
                    "Content-Type": "application/json", "Digest": "MD5=" + Fixtures.md5(body),
                    "X-Logs-Start-At-Time": "2025-02-02T00:00:00Z", "X-Logs-End-At-Time": "2025-02-02T01:00:00Z",
                ], body: body)
                switch who {
                case .anonymous, .invalidToken:
                    #expect(result.status == 401, "\(who)")
                    #expect(result.text == Bodies.unauthenticated, "\(who)")
                case .viewer:
                    #expect(result.status == 403, "\(who)")
                    #expect(result.body.isEmpty, "view/note only → 403 with an empty body")
                    #expect(result.header("Content-Type") == "application/json; charset=utf-8")
                case .stranger:
                    #expect(result.status == 403, "\(who)")
                    #expect(result.text == Bodies.unauthorized)
                case .owner, .uploader, .custodian, .service, .clinician:
                    #expect(result.status == 201, "\(who): \(result)")
                }
            }
            // Authorization comes before the header checks here.
            let anonymous = try await SandboxRawHTTP.send(port: c.sandbox.port, method: "POST",
                                                          path: "/v1/users/\(Fixtures.owner)/device_logs", headers: [], body: [])
            #expect(anonymous.status == 401)
        }

        @Test func deviceLogReadsNeedMembership() async throws {
            let c = try await Self.setUp()
            defer { Task { await c.sandbox.stop() } }
            for who in Who.allCases {
                let token = c.token(who)
                let list = try await HTTP.get(c.sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: token)
                let get = try await HTTP.get(c.sandbox, "/v1/device_logs/\(c.logId)", token: token)
                let content = try await HTTP.get(c.sandbox, "/v1/device_logs/\(c.logId)/content", token: token)
                switch who {
                case .anonymous, .invalidToken:
                    #expect(list.status == 401 && list.text == Bodies.unauthenticated, "list \(who)")
                    #expect(get.status == 403 && get.text == Bodies.unauthorized, "get \(who)")
                    #expect(content.status == 401 && content.text == Bodies.unauthenticated, "content \(who)")
                case .stranger:
                    #expect(list.status == 403 && list.text == Bodies.unauthorized, "list \(who)")
                    #expect(get.status == 500 && get.text == Bodies.internalError, "get \(who)")
                    #expect(content.status == 500 && content.text == Bodies.internalError, "content \(who)")
                default:
                    #expect(list.status == 200 && list.array.count == 1, "list \(who)")
                    #expect(get.status == 200, "get \(who)")
                    #expect(content.status == 200 && content.text == #"[{"type":"send"}]"#, "content \(who)")
                }
            }
        }

        @Test func orderOfChecksOnDeviceLogReads() async throws {
            let c = try await Self.setUp()
            defer { Task { await c.sandbox.stop() } }
            let missing = String(repeating: "0", count: 32)
            // GET /v1/device_logs/{id}: id → 404 → membership, so anonymous sees 400/404 first.
            let badId = try await HTTP.get(c.sandbox, "/v1/device_logs/bad")
            #expect(badId.status == 400)
            let unknown = try await HTTP.get(c.sandbox, "/v1/device_logs/\(missing)")
            #expect(unknown.status == 404 && unknown.text == Bodies.resourceNotFound(missing))
            // …/content: RequireAuth first.
            let anonymousBadId = try await HTTP.get(c.sandbox, "/v1/device_logs/bad/content")
            #expect(anonymousBadId.status == 401)
            let unknownContent = try await HTTP.get(c.sandbox, "/v1/device_logs/\(missing)/content", token: c.token(.owner))
            #expect(unknownContent.status == 404)
            // List: membership before query parsing.
            let strangerBadQuery = try await HTTP.get(c.sandbox, "/v1/users/\(Fixtures.owner)/device_logs?what=1", token: c.token(.stranger))
            #expect(strangerBadQuery.status == 403)
            let ownerBadQuery = try await HTTP.get(c.sandbox, "/v1/users/\(Fixtures.owner)/device_logs?what=1", token: c.token(.owner))
            #expect(ownerBadQuery.status == 400)
        }
    }
}
