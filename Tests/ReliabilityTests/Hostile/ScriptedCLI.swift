import Foundation
import TestSupport
import TidepoolAPI

/// Runs `tideblob` against a `ScriptedHTTPServer` as a signed-in service account (a session stored for the
/// server's environment, so no login request reaches the scripted server first).
enum ScriptedCLI {
    static let token = "hostile-corpus-session-token-5f1d"

    struct Run {
        var result: CLIRunner.Result
        /// The client log file after the run, when the CLI wrote one.
        var clientLog: Data?
    }

    static func run(_ args: [String], response: ScriptedResponse) async throws -> Run {
        let server = try await ScriptedHTTPServer.start(response: response)
        defer { server.stop() }
        let cli = try CLIRunner(environment: ["TIDEBLOB_URL": server.baseURL.absoluteString])
        defer { cli.cleanUp() }
        let store = SessionStore(fileURL: cli.sessionsFile)
        try store.save(Session(token: token, userId: HostileWorld.supportId, username: HostileWorld.supportEmail,
                               isService: true), for: "127.0.0.1:\(server.port)")
        let result = try await cli.run(args)
        let log = try? Data(contentsOf: cli.stateHome.appendingPathComponent("tideblob/tideblob.log"))
        return Run(result: result, clientLog: log)
    }

    /// Problems of a client log file: unsafe bytes, or the session token.
    static func logProblems(_ data: Data) -> [String] {
        var out = TerminalSafety.problems(bytes: Array(data)).map { "client log: \($0)" }
        if String(decoding: data, as: UTF8.self).contains(token) { out.append("client log: holds the session token") }
        return out
    }

    /// `body` for every input, at most `width` at a time.
    static func forEach(_ inputs: [HostileInput], width: Int = 3,
                        _ body: @escaping @Sendable (HostileInput) async throws -> Void) async throws {
        var start = 0
        while start < inputs.count {
            let batch = inputs[start..<min(inputs.count, start + width)]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for input in batch { group.addTask { try await body(input) } }
                try await group.waitForAll()
            }
            start += width
        }
    }
}
