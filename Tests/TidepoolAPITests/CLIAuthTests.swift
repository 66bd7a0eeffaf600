import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

@Suite("CLI: login, whoami, logout, sessions")
struct CLIAuthTests {
    @Test func loginWhoamiLogout() async throws {
        try await CLIFixture.with { f in
            let login = try await f.login("patient")
            #expect(login.stdout.contains("Signed in to \(f.environmentName) as zoe@tideblob.demo"))
            #expect(!login.stdout.contains("demo-patient") && !login.stderr.contains("demo-patient"))
            #expect(SessionStoreTests.mode(f.cli.sessionsFile.path) == 0o600)
            let stored = try #require(try f.storedSessions()[f.environmentName])
            #expect(stored.userId == f.fixture.account("patient").userId)
            #expect(!login.stdout.contains(stored.token) && !login.stderr.contains(stored.token))

            let whoami = try await f.run(["whoami", "--json"])
            #expect(whoami.status == 0, "\(whoami)")
            let report = try f.decode(WhoamiJSON.self, whoami)
            #expect(report.userId == stored.userId && report.isService == false)
            #expect(report.environment == f.environmentName && report.url == f.url)
            #expect(!whoami.stdout.contains(stored.token))

            let table = try await f.run(["whoami"])
            #expect(table.stdout.contains("user id") && table.stdout.contains(stored.userId))

            let logout = try await f.run(["logout"])
            #expect(logout.status == 0, "\(logout)")
            #expect(try f.storedSessions()[f.environmentName] == nil)
            let after = try await f.run(["whoami"])
            #expect(after.status == 1)
            #expect(after.errorLines == ["error: not signed in — run `tideblob login --url \(f.url)`"])
        }
    }

    @Test func loginFailuresAndUsage() async throws {
        try await CLIFixture.with { f in
            let account = f.fixture.account("patient")
            let wrong = try await f.run(["login", "--email", account.email, "--password-stdin"], stdin: "nope\n")
            #expect(wrong.status == 1)
            #expect(wrong.errorLines.count == 1)
            let line = try #require(wrong.errorLines.first)
            #expect(line.hasPrefix("error: POST /auth/login: HTTP 401"))
            #expect(line.contains("wrong email or password") && line.contains("(trace "))
            #expect(!wrong.stderr.contains("nope"))

            // No terminal and no --password-stdin: a usage error, exit 2.
            let noTTY = try await f.run(["login", "--email", account.email])
            #expect(noTTY.status == 2, "\(noTTY)")
            #expect(noTTY.stderr.contains("use --password-stdin"))
            let both = try await f.run(["login", "--password-stdin", "--token-stdin"])
            #expect(both.status == 2)
        }
    }

    @Test func readyTokens() async throws {
        try await CLIFixture.with { f in
            let token = try await f.sandbox.login(f.fixture.account("viewer"))
            // --token-stdin stores it.
            let login = try await f.run(["login", "--token-stdin", "--json"], stdin: token + "\n")
            #expect(login.status == 0, "\(login)")
            #expect(try f.decode(WhoamiJSON.self, login).userId == f.fixture.account("viewer").userId)
            #expect(try f.storedSessions()[f.environmentName]?.token == token)
            _ = try await f.run(["logout"])

            // $TIDEPOOL_SESSION_TOKEN is used directly and never stored.
            let other = try await f.sandbox.login(f.fixture.account("clinician"))
            let whoami = try await f.run(["whoami", "--json"], env: ["TIDEPOOL_SESSION_TOKEN": other])
            #expect(whoami.status == 0, "\(whoami)")
            #expect(try f.decode(WhoamiJSON.self, whoami).userId == f.fixture.account("clinician").userId)
            #expect(try f.storedSessions().isEmpty)
        }
    }

    @Test func refreshesAnExpiredStoredSession() async throws {
        try await CLIFixture.with { f in
            try await f.login("patient")
            let before = try #require(try f.storedSessions()[f.environmentName]?.token)
            #expect(try f.sandbox.faults.expireToken(before))
            let list = try await f.run(["logs", "list", f.fixture.account("patient").userId, "--json"])
            #expect(list.status == 0, "\(list)")
            let after = try #require(try f.storedSessions()[f.environmentName]?.token)
            #expect(after != before)
        }
    }

    @Test func looseSessionFileIsRepaired() async throws {
        try await CLIFixture.with { f in
            try await f.login("patient")
            chmod(f.cli.sessionsFile.path, 0o644)
            let whoami = try await f.run(["whoami"])
            #expect(whoami.status == 0, "\(whoami)")
            #expect(whoami.stderr.contains("warning: ") && whoami.stderr.contains("changed it to 0600"))
            #expect(SessionStoreTests.mode(f.cli.sessionsFile.path) == 0o600)
        }
    }

    @Test func transportErrorsExit1() async throws {
        try await CLIFixture.with { f in
            let port = try ClosingListener.freePort()
            let refused = try await f.run(["whoami", "--url", "http://127.0.0.1:\(port)"], env: ["TIDEPOOL_SESSION_TOKEN": "kc:x:y"])
            #expect(refused.status == 1)
            #expect(refused.errorLines.count == 1)
            #expect(refused.errorLines.first?.contains("connection refused") == true)
            #expect(!refused.stderr.contains("kc:x:y"))
            let remote = try await f.run(["whoami", "--url", "http://example.org"])
            #expect(remote.status == 2, "\(remote)")
            #expect(remote.stderr.contains("--insecure-http"))
        }
    }
}
