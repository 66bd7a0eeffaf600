import Foundation
import SafeText
import TidepoolAPI

/// What a command needs to talk to the API: the resolved environment, a client with the stored session
/// (or `$TIDEPOOL_SESSION_TOKEN`), and where sessions and the journal live.
struct CLIContext: Sendable {
    let environment: Environment
    let client: TidepoolClient
    let store: SessionStore
    let paths: XDGPaths
    let json: Bool
    let readOnly: Bool
    /// True when the session came from `$TIDEPOOL_SESSION_TOKEN` (never persisted).
    let sessionFromVariable: Bool

    /// - Parameter adoptTokenVariable: use `$TIDEPOOL_SESSION_TOKEN` when set (learning its user with `GET /auth/user`).
    static func make(_ options: GlobalOptions, adoptTokenVariable: Bool = true) async throws -> CLIContext {
        SafeText.prepareLocale()
        let variables = ProcessInfo.processInfo.environment
        let environment = try EnvironmentResolver.resolve(envFlag: options.env, urlFlag: options.url, variables: variables)
        let paths = XDGPaths(environment: variables)
        let logger = ClientLog.logger(paths: paths, variables: variables)
        let store = SessionStore(paths: paths, warn: { Output.warn($0) })
        var configuration = ClientConfiguration()
        configuration.allowInsecureHTTP = options.insecureHTTP
        if let ca = variables["TIDEBLOB_CA_BUNDLE"], !ca.isEmpty { configuration.caInfoPath = ca }
        try configuration.applyTimeoutVariables(variables)
        let readOnly = options.readOnly || ["1", "true", "yes"].contains(variables["TIDEBLOB_READ_ONLY"]?.lowercased() ?? "")

        let token = variables["TIDEPOOL_SESSION_TOKEN"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        if adoptTokenVariable, !token.isEmpty {
            let client = try TidepoolClient(environment: environment, configuration: configuration, logger: logger)
            try await client.login(token: token)
            return CLIContext(environment: environment, client: client, store: store, paths: paths, json: options.json,
                              readOnly: readOnly, sessionFromVariable: true)
        }
        let stored = try store.session(for: environment.name)
        let name = environment.name
        let client = try TidepoolClient(environment: environment, session: stored, configuration: configuration,
                                         logger: logger) { session in
            do { try store.save(session, for: name) } catch { Output.warn("could not save the session: \(error)") }
        }
        return CLIContext(environment: environment, client: client, store: store, paths: paths, json: options.json,
                          readOnly: readOnly, sessionFromVariable: false)
    }

    /// The session, or `notSignedIn` with a hint to run `tideblob login`.
    @discardableResult
    func requireSession() throws -> Session {
        guard let session = client.session else {
            var error = APIError(.notSignedIn)
            error.hint = "run `tideblob login \(loginArguments)`"
            throw error
        }
        return session
    }

    /// `--env NAME` or `--url URL`, as the user would type it to reach this environment again.
    var loginArguments: String {
        let named = EnvironmentResolver.knownNames.contains(environment.name)
        return named ? "--env \(environment.name)" : "--url \(environment.baseURL.absoluteString)"
    }

    /// Throws `.readOnly` under `--read-only`.
    func requireWritable(_ what: String) throws {
        if readOnly {
            var error = APIError(.readOnly)
            error.hint = "\(what) is a write; run without --read-only to allow it"
            throw error
        }
    }

    var journal: DeletionJournal { DeletionJournal(paths: paths) }
}
