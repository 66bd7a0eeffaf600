import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

/// Shared test fixtures: an in-process sandbox plus clients signed in as its accounts.
struct Fixture {
    let sandbox: SandboxHarness
    let environment: Environment

    static func start(seed: SandboxSeed = .empty, tokenLifetime: TimeInterval = 3600) async throws -> Fixture {
        let sandbox = try await SandboxHarness.start(seed: seed, tokenLifetime: tokenLifetime)
        return Fixture(sandbox: sandbox, environment: Environment(name: "sandbox-test", baseURL: sandbox.baseURL))
    }

    func stop() async { await sandbox.stop() }

    /// A client signed in as the first account with `role` (nil: not signed in).
    func client(_ role: String? = nil, onSessionChange: (@Sendable (Session?) -> Void)? = nil) async throws -> TidepoolClient {
        let client = try TidepoolClient(environment: environment, onSessionChange: onSessionChange)
        if let role {
            let account = sandbox.account(role: role)
            try await client.login(email: account.email, password: account.password)
        }
        return client
    }

    func account(_ role: String) -> SandboxAccount { sandbox.account(role: role) }

    /// Runs `body` with a started fixture and always stops it.
    static func with<T>(seed: SandboxSeed = .empty, tokenLifetime: TimeInterval = 3600,
                        _ body: (Fixture) async throws -> T) async throws -> T {
        let fixture = try await start(seed: seed, tokenLifetime: tokenLifetime)
        do {
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }
}

/// The `APIError` `body` throws (fails the test when it throws something else or nothing).
func expectAPIError<T>(_ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation) async -> APIError? {
    do {
        _ = try await body()
        Issue.record("expected an APIError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as APIError {
        return error
    } catch {
        Issue.record("expected an APIError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

enum Sample {
    static func entries(count: Int, start: Date) -> [DeviceLogEntry] {
        (0..<count).map { i in
            DeviceLogEntry(type: i % 2 == 0 ? .send : .receive, managerIdentifier: "Omnipod",
                           deviceIdentifier: "POD-\(i)", timestamp: start.addingTimeInterval(Double(i) * 60),
                           message: "message \(i)")
        }
    }

    /// A whole second, so times survive the wire format unchanged.
    static func hourAgo(_ hours: Double) -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - hours * 3600).rounded(.down))
    }
}
