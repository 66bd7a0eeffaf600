import Crypto
import Foundation
import Sandbox
import TestSupport

/// A small accounts file covering every row of the auth matrix, and helpers to start sandboxes.
enum Fixtures {
    static let owner = "a000000001"
    static let viewer = "a000000002"
    static let uploader = "a000000003"
    static let custodian = "a000000004"
    static let stranger = "a000000005"
    static let service = "a000000006"
    static let clinician = "a000000007"
    static let unverified = "a000000008"
    static let uuidUser = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
    static let clinicId = "0123456789abcdef01234567"
    static let password = "pw-secret"

    static let accountsJSON = """
    {"accounts":[
      {"email":"owner@test.example","password":"pw-secret","userId":"a000000001","fullName":"Olive Owner","birthday":"2001-02-03"},
      {"email":"viewer@test.example","password":"pw-secret","userId":"a000000002","fullName":"Vera Viewer",
       "shares":{"a000000001":["view","note"]}},
      {"email":"uploader@test.example","password":"pw-secret","userId":"a000000003","fullName":"Ulla Uploader",
       "shares":{"a000000001":["upload"]}},
      {"email":"custodian@test.example","password":"pw-secret","userId":"a000000004","fullName":"Carl Custodian",
       "shares":{"a000000001":["custodian","view"]}},
      {"email":"stranger@test.example","password":"pw-secret","userId":"a000000005","fullName":"Sam Stranger"},
      {"email":"service@test.example","password":"pw-secret","userId":"a000000006","fullName":"Support Service","service":true},
      {"email":"clinician@test.example","password":"pw-secret","userId":"a000000007","fullName":"Dr. Clara Clinic"},
      {"email":"unverified@test.example","password":"pw-secret","userId":"a000000008","fullName":"Una Unverified","emailVerified":false},
      {"email":"uuid@test.example","password":"pw-secret","userId":"0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b","fullName":"Uwe UUID"}
    ],
    "clinics":[{"id":"0123456789abcdef01234567","name":"Test Clinic","clinicians":["a000000007"],"patients":["a000000001","0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"]}]}
    """

    /// An empty sandbox with the test accounts.
    static func sandbox(tokenLifetime: TimeInterval = 3600, logSink: (@Sendable (String) -> Void)? = nil) async throws -> SandboxHarness {
        try await SandboxHarness.start(seed: .empty, accountsJSON: accountsJSON, tokenLifetime: tokenLifetime, logSink: logSink)
    }

    static func login(_ sandbox: SandboxHarness, _ userId: String) async throws -> String {
        let account = sandbox.accounts.first { $0.userId == userId }!
        return try await sandbox.login(account)
    }

    static func md5(_ data: Data) -> String { Data(Insecure.MD5.hash(data: data)).base64EncodedString() }

    /// Uploads a blob as the service account; returns its metadata.
    @discardableResult
    static func createBlob(_ sandbox: SandboxHarness, token: String, userId: String = owner, body: String,
                           mediaType: String = "text/plain") async throws -> [String: Any] {
        let data = Data(body.utf8)
        let result = try await HTTP.call(sandbox, "POST", "/v1/users/\(userId)/blobs", token: token,
                                         headers: ["Content-Type": mediaType, "Digest": "MD5=" + md5(data)], body: data)
        guard result.status == 201 else { throw FixtureError.unexpected(result.description) }
        return result.object
    }

    @discardableResult
    static func createLog(_ sandbox: SandboxHarness, token: String, userId: String = owner, body: String = "[]",
                          start: String, end: String) async throws -> [String: Any] {
        let data = Data(body.utf8)
        let result = try await HTTP.call(sandbox, "POST", "/v1/users/\(userId)/device_logs", token: token, headers: [
            "Content-Type": "application/json; charset=utf-8", "Digest": "MD5=" + md5(data),
            "X-Logs-Start-At-Time": start, "X-Logs-End-At-Time": end,
        ], body: data)
        guard result.status == 201 else { throw FixtureError.unexpected(result.description) }
        return result.object
    }

    enum FixtureError: Error { case unexpected(String) }
}
