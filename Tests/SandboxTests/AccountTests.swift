import Foundation
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Login, tokens, users, sharing, clinics")
    struct AccountTests {
        static func basic(_ email: String, _ password: String) -> [String: String] {
            ["Authorization": "Basic " + Data("\(email):\(password)".utf8).base64EncodedString()]
        }

        @Test func loginRefreshLogout() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let login = try await HTTP.call(sandbox, "POST", "/auth/login", headers: Self.basic("owner@test.example", Fixtures.password))
            #expect(login.status == 200)
            let token = try #require(login.header("X-Tidepool-Session-Token"))
            let parts = token.split(separator: ":")
            #expect(parts.count == 3 && parts[0] == "kc")
            #expect(login.text == #"{"emailVerified":true,"emails":["owner@test.example"],"termsAccepted":"2024-01-01T00:00:00Z","userid":"a000000001","username":"owner@test.example"}"#)

            let missing = try await HTTP.call(sandbox, "POST", "/auth/login")
            #expect(missing.status == 400)
            #expect(missing.text == #"{"code":400,"reason":"Missing id and/or password"}"#)
            let wrong = try await HTTP.call(sandbox, "POST", "/auth/login", headers: Self.basic("owner@test.example", "nope"))
            #expect(wrong.status == 401)
            #expect(wrong.text == #"{"code":401,"reason":"No user matched the given details"}"#)
            let unverified = try await HTTP.call(sandbox, "POST", "/auth/login", headers: Self.basic("unverified@test.example", Fixtures.password))
            #expect(unverified.status == 403)

            let refreshed = try await HTTP.get(sandbox, "/auth/login", token: token)
            #expect(refreshed.status == 200)
            let newToken = try #require(refreshed.header("X-Tidepool-Session-Token"))
            #expect(newToken != token)
            #expect(refreshed.object["userid"] as? String == Fixtures.owner)
            #expect(refreshed.object["isserver"] as? Bool == false)
            let expires = try #require(refreshed.object["expires_at"] as? Int)
            #expect(abs(Double(expires) - Date().timeIntervalSince1970 - 3600) < 60)

            let noToken = try await HTTP.get(sandbox, "/auth/login")
            #expect(noToken.status == 401)
            #expect(noToken.text == #"{"code":401,"reason":"No x-tidepool-session-token was found"}"#)

            let logout = try await HTTP.call(sandbox, "POST", "/auth/logout", token: newToken)
            #expect(logout.status == 200)
            let afterLogout = try await HTTP.get(sandbox, "/auth/user", token: newToken)
            #expect(afterLogout.status == 401)
            let logoutAgain = try await HTTP.call(sandbox, "POST", "/auth/logout")
            #expect(logoutAgain.status == 200)
        }

        @Test func expiredTokensAreAnonymousButRefreshable() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            let before = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: token)
            #expect(before.status == 200)
            #expect(try sandbox.faults.expireToken(token))
            let after = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: token)
            #expect(after.status == 401)
            #expect(after.text == Bodies.unauthenticated)
            let refreshed = try await HTTP.get(sandbox, "/auth/login", token: token)
            #expect(refreshed.status == 200)
            let fresh = try #require(refreshed.header("X-Tidepool-Session-Token"))
            let again = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.owner)/device_logs", token: fresh)
            #expect(again.status == 200)
            try sandbox.faults.expireAllTokens()
            #expect(try await HTTP.get(sandbox, "/auth/user", token: fresh).status == 401)
        }

        @Test func shortTokenLifetimeExpires() async throws {
            // 3 s: long enough that the first request lands inside the lifetime even on a busy 2-core machine.
            let sandbox = try await Fixtures.sandbox(tokenLifetime: 3)
            defer { Task { await sandbox.stop() } }
            let start = ContinuousClock.now
            let token = try await Fixtures.login(sandbox, Fixtures.owner)
            #expect(try await HTTP.get(sandbox, "/auth/user", token: token).status == 200)
            // Waiting for wall-clock expiry is the point here.
            try await Task.sleep(until: start + .milliseconds(3300), clock: .continuous)
            #expect(try await HTTP.get(sandbox, "/auth/user", token: token).status == 401)
        }

        @Test func authUser() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let owner = try await Fixtures.login(sandbox, Fixtures.owner)
            let custodian = try await Fixtures.login(sandbox, Fixtures.custodian)
            let service = try await Fixtures.login(sandbox, Fixtures.service)
            let me = try await HTTP.get(sandbox, "/auth/user", token: owner)
            #expect(me.object["userid"] as? String == Fixtures.owner)
            #expect(me.object["emails"] as? [String] == ["owner@test.example"])
            #expect(try await HTTP.get(sandbox, "/auth/user/\(Fixtures.owner)", token: custodian).status == 200)
            #expect(try await HTTP.get(sandbox, "/auth/user/owner@test.example", token: service).status == 200)
            let denied = try await HTTP.get(sandbox, "/auth/user/\(Fixtures.custodian)", token: owner)
            #expect(denied.status == 401)
            #expect(denied.text == #"{"code":401,"reason":"Not authorized for requested operation"}"#)
            let unknown = try await HTTP.get(sandbox, "/auth/user/ffffffffff", token: owner)
            #expect(unknown.status == 404)
            #expect(try await HTTP.get(sandbox, "/auth/user").status == 401)
            let tokenData = try await HTTP.get(sandbox, "/auth/token", token: service)
            #expect(tokenData.object["isserver"] as? Bool == true)
        }

        @Test func metadataUsersAndAccessGroups() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let viewer = try await Fixtures.login(sandbox, Fixtures.viewer)
            let owner = try await Fixtures.login(sandbox, Fixtures.owner)
            let custodian = try await Fixtures.login(sandbox, Fixtures.custodian)
            let service = try await Fixtures.login(sandbox, Fixtures.service)

            let viewerUsers = try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.viewer)/users", token: viewer)
            #expect(viewerUsers.status == 200)
            #expect(viewerUsers.array.count == 1)
            let shared = try #require(viewerUsers.array.first)
            #expect(shared["userid"] as? String == Fixtures.owner)
            #expect((shared["profile"] as? [String: Any])?["fullName"] as? String == "Olive Owner")
            #expect(((shared["profile"] as? [String: Any])?["patient"] as? [String: Any])?["birthday"] as? String == "2001-02-03")
            #expect(Set((shared["trustorPermissions"] as? [String: Any] ?? [:]).keys) == ["view", "note"])

            let ownerUsers = try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.owner)/users", token: owner)
            #expect(Set(ownerUsers.array.map { $0["userid"] as! String }) == [Fixtures.viewer, Fixtures.uploader, Fixtures.custodian])
            #expect(ownerUsers.array.allSatisfy { $0["trusteePermissions"] != nil && $0["trustorPermissions"] == nil })

            #expect(try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.owner)/users", token: custodian).status == 200)
            let denied = try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.owner)/users", token: viewer)
            #expect(denied.status == 401)
            #expect(denied.text == "Unauthorized")
            #expect(try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.owner)/users").status == 401)

            // The service account is trusted by everybody.
            let serviceUsers = try await HTTP.get(sandbox, "/metadata/users/\(Fixtures.service)/users", token: service)
            #expect(serviceUsers.array.count == 8)

            let groups = try await HTTP.get(sandbox, "/access/groups/\(Fixtures.viewer)", token: viewer)
            #expect(groups.text == #"{"a000000002":{"root":{}},"a000000001":{"note":{},"view":{}}}"#)
            #expect(try await HTTP.get(sandbox, "/access/groups/\(Fixtures.owner)", token: viewer).status == 401)
        }

        @Test func clinics() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            let clinician = try await Fixtures.login(sandbox, Fixtures.clinician)
            let owner = try await Fixtures.login(sandbox, Fixtures.owner)
            let clinics = try await HTTP.get(sandbox, "/v1/clinicians/\(Fixtures.clinician)/clinics", token: clinician)
            #expect(clinics.status == 200)
            let entry = try #require(clinics.array.first)
            #expect((entry["clinic"] as? [String: Any])?["id"] as? String == Fixtures.clinicId)
            #expect((entry["clinic"] as? [String: Any])?["name"] as? String == "Test Clinic")
            #expect((entry["clinician"] as? [String: Any])?["id"] as? String == Fixtures.clinician)
            #expect(try await HTTP.get(sandbox, "/v1/clinicians/\(Fixtures.clinician)/clinics", token: owner).status == 403)
            #expect(try await HTTP.get(sandbox, "/v1/clinicians/\(Fixtures.clinician)/clinics").status == 401)

            let patients = try await HTTP.get(sandbox, "/v1/clinics/\(Fixtures.clinicId)/patients", token: clinician)
            #expect(patients.status == 200)
            let data = patients.object["data"] as? [[String: Any]] ?? []
            #expect(data.map { $0["id"] as! String } == [Fixtures.owner, Fixtures.uuidUser])
            #expect(data.first?["fullName"] as? String == "Olive Owner")
            let meta = patients.object["meta"] as? [String: Any]
            #expect(meta?["count"] as? Int == 2 && meta?["totalCount"] as? Int == 2)
            let paged = try await HTTP.get(sandbox, "/v1/clinics/\(Fixtures.clinicId)/patients?offset=1&limit=1", token: clinician)
            #expect((paged.object["data"] as? [[String: Any]])?.map { $0["id"] as! String } == [Fixtures.uuidUser])
            #expect(try await HTTP.get(sandbox, "/v1/clinics/\(Fixtures.clinicId)/patients", token: owner).status == 403)
            #expect(try await HTTP.get(sandbox, "/v1/clinics/ffffffffffffffffffffffff/patients", token: clinician).status == 404)

            // Clinic membership passes the blob service's membership check.
            let logs = try await HTTP.get(sandbox, "/v1/users/\(Fixtures.uuidUser)/device_logs", token: clinician)
            #expect(logs.status == 200)
        }
    }
}
