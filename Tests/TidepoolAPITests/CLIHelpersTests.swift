import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

/// A sandbox plus a `tideblob` subprocess runner pointed at it (`TIDEBLOB_URL`), with its own XDG directories.
struct CLIFixture {
    let fixture: Fixture
    let cli: CLIRunner

    var sandbox: SandboxHarness { fixture.sandbox }
    var url: String { sandbox.baseURL.absoluteString }

    static func with(seed: SandboxSeed = .empty, _ body: (CLIFixture) async throws -> Void) async throws {
        try await Fixture.with(seed: seed) { f in
            let cli = try CLIRunner(environment: ["TIDEBLOB_URL": f.sandbox.baseURL.absoluteString])
            defer { cli.cleanUp() }
            try await body(CLIFixture(fixture: f, cli: cli))
        }
    }

    func run(_ args: [String], stdin: String = "", env: [String: String] = [:]) async throws -> CLIRunner.Result {
        try await cli.run(args, stdin: stdin, extraEnvironment: env)
    }

    /// `tideblob login --email … --password-stdin` as the account with `role`; expects success.
    @discardableResult
    func login(_ role: String) async throws -> CLIRunner.Result {
        let account = sandbox.account(role: role)
        let result = try await run(["login", "--email", account.email, "--password-stdin"], stdin: account.password + "\n")
        #expect(result.status == 0, "\(result)")
        return result
    }

    func decode<T: Decodable>(_ type: T.Type, _ result: CLIRunner.Result) throws -> T {
        try TidepoolJSON.decoder().decode(type, from: result.stdoutData)
    }

    func journal() throws -> [DeletionRecord] { try DeletionJournal(fileURL: cli.journalFile).records() }

    func storedSessions() throws -> [String: Session] { try SessionStore(fileURL: cli.sessionsFile).allSessions() }

    /// The environment name the CLI stores sessions under for this sandbox (`127.0.0.1:<port>`).
    var environmentName: String { "127.0.0.1:\(sandbox.port)" }
}

/// `whoami --json` as documented in its help.
struct WhoamiJSON: Decodable {
    var environment: String
    var url: String
    var userId: String
    var username: String?
    var isService: Bool?
    var expiresAt: Date?
}

extension CLIRunner.Result {
    /// stderr lines that are not progress/notes: every `error:` line.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("error: ") } }
}
