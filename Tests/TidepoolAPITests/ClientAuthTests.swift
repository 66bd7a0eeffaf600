import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("Client: sign in, refresh, sign out")
struct ClientAuthTests {
    @Test func loginAsUserAndService() async throws {
        try await Fixture.with { f in
            let changes = SessionLog()
            let user = try await f.client("patient", onSessionChange: { changes.append($0) })
            let session = try #require(user.session)
            #expect(session.userId == f.account("patient").userId)
            #expect(session.isService == false)
            #expect(session.token.hasPrefix("kc:"))
            #expect(session.expiresAt != nil)
            #expect(changes.count == 1)
            let me = try await user.currentUser()
            #expect(me.userid == f.account("patient").userId)

            let service = try await f.client("service")
            #expect(service.session?.isService == true)
        }
    }

    @Test func wrongPasswordAndMissingCredentials() async throws {
        try await Fixture.with { f in
            let client = try await f.client()
            let e = await expectAPIError { try await client.login(email: f.account("patient").email, password: "wrong") }
            #expect(e?.status == 401)
            #expect(e?.hint == "wrong email or password")
            #expect(e?.description.contains("No user matched the given details") == true)
            #expect(e?.description.contains("wrong") == true)
            #expect(client.session == nil)
            let empty = await expectAPIError { try await client.login(email: "", password: "x") }
            if case .invalidArgument = empty?.kind {} else { Issue.record("got \(String(describing: empty))") }
        }
    }

    @Test func adoptReadyToken() async throws {
        try await Fixture.with { f in
            let token = try await f.sandbox.login(f.account("viewer"))
            let client = try await f.client()
            let user = try await client.login(token: token)
            #expect(user.userid == f.account("viewer").userId)
            #expect(client.session?.token == token)
            #expect(client.session?.isService == false)
            let bad = try await f.client()
            let e = await expectAPIError { try await bad.login(token: "kc:nope:nope") }
            #expect(e?.status == 401)
            #expect(bad.session == nil)
        }
    }

    @Test func refreshAfter401() async throws {
        try await Fixture.with { f in
            let client = try await f.client("patient")
            let me = f.account("patient").userId
            let before = try #require(client.session?.token)
            #expect(try f.sandbox.faults.expireToken(before))
            // Device-log listing answers 401 for an expired token: the client refreshes once and retries.
            let logs = try await client.listDeviceLogs(userId: me)
            #expect(logs.isEmpty)
            #expect(client.session?.token != before)
            #expect(client.session?.userId == me)
        }
    }

    @Test func refreshAfter403OnServiceOnlyEndpointForServiceSession() async throws {
        try await Fixture.with { f in
            let client = try await f.client("service")
            let token = try #require(client.session?.token)
            #expect(try f.sandbox.faults.expireToken(token))
            // The blob service answers 403 (not 401) for an expired token; a service session refreshes once.
            let blobs = try await client.listBlobs(userId: f.account("patient").userId)
            #expect(blobs.isEmpty)
            #expect(client.session?.token != token)
        }
    }

    @Test func proactiveRefreshWhenExpiryPassed() async throws {
        try await Fixture.with { f in
            let client = try await f.client("service")
            var session = try #require(client.session)
            let old = session.token
            session.expiresAt = Date(timeIntervalSinceNow: -5)
            client.setSession(session)
            _ = try await client.listBlobs(userId: f.account("patient").userId)
            #expect(client.session?.token != old)
            #expect((client.session?.expiresAt ?? .distantPast) > Date())
        }
    }

    @Test func failedRefreshReportsTheOriginal401() async throws {
        try await Fixture.with { f in
            let client = try await f.client("patient")
            var session = try #require(client.session)
            session.token = "kc:revoked:revoked"
            client.setSession(session)
            let e = await expectAPIError { try await client.listDeviceLogs(userId: f.account("patient").userId) }
            #expect(e?.status == 401)
            #expect(e?.hint == "session expired or invalid; run `tideblob login`")
            #expect(e?.serverCode == "unauthenticated")
            #expect(e?.traceRequest?.isEmpty == false)
            #expect(e?.description.contains("kc:revoked") == false)
        }
    }

    @Test func logoutRevokesTheToken() async throws {
        try await Fixture.with { f in
            let client = try await f.client("patient")
            let token = try #require(client.session?.token)
            #expect(await client.logout() == nil)
            #expect(client.session == nil)
            let other = try await f.client()
            let e = await expectAPIError { try await other.login(token: token) }
            #expect(e?.status == 401)
            let notSignedIn = await expectAPIError { try await client.currentUser() }
            #expect(notSignedIn?.kind == .notSignedIn)
        }
    }
}

final class SessionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Session?] = []
    func append(_ s: Session?) { lock.lock(); items.append(s); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }
}
