import ArgumentParser
import TidepoolAPI

struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Revoke the session (POST /auth/logout) and forget it.",
        discussion: """
        The stored session is deleted even when the server cannot be reached (a warning says so).
        --json prints {"environment": NAME, "signedOut": BOOL} (false when there was no session).
        """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try await CLIContext.make(global, adoptTokenVariable: false)
        let hadSession = context.client.session != nil
        if let problem = await context.client.logout() {
            Output.warn("the server did not confirm the sign-out (\(problem.description)); the local session is deleted anyway")
        }
        try context.store.remove(environment: context.environment.name)
        if context.json {
            try Output.json(LogoutReport(environment: context.environment.name, signedOut: hadSession))
        } else if hadSession {
            Output.line("Signed out of \(context.environment.name).")
        } else {
            Output.line("Not signed in to \(context.environment.name).")
        }
    }
}

struct LogoutReport: Codable {
    var environment: String
    var signedOut: Bool
}
