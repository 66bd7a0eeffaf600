import ArgumentParser
import Foundation
import TidepoolAPI

struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in and store the session for the environment.",
        discussion: """
        With --email, the password is asked for on the terminal (not echoed) or read from the first line of stdin \
        with --password-stdin. With --token-stdin (or $TIDEPOOL_SESSION_TOKEN) a ready session token is stored \
        after checking it with GET /auth/user. Without --email on a terminal, the email is asked for. \
        The session is kept per environment in $XDG_STATE_HOME/tideblob/sessions.json (mode 0600).

        --json prints the same object as `tideblob whoami --json`.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Account email.") var email: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of stdin.") var passwordStdin = false
    @Flag(name: .customLong("token-stdin"), help: "Read a session token from the first line of stdin.") var tokenStdin = false

    func validate() throws {
        if passwordStdin && tokenStdin { throw ValidationError("give either --password-stdin or --token-stdin, not both") }
        if tokenStdin && email != nil { throw ValidationError("--token-stdin does not take --email") }
    }

    func run() async throws {
        let context = try await CLIContext.make(global, adoptTokenVariable: false)
        let client = context.client
        let variableToken = ProcessInfo.processInfo.environment["TIDEPOOL_SESSION_TOKEN"] ?? ""
        if tokenStdin {
            try await client.login(token: try Prompt.firstLineOfStdin(what: "session token"))
        } else if email == nil, !passwordStdin, !variableToken.isEmpty {
            try await client.login(token: variableToken)
        } else {
            var address = email
            if address == nil {
                guard Output.stdinIsTTY, let typed = Prompt.line("Email: "), !typed.isEmpty else {
                    throw UsageError("give --email (and --password-stdin when stdin is not a terminal)")
                }
                address = typed
            }
            let password = passwordStdin ? try Prompt.firstLineOfStdin(what: "password") : try Prompt.password("Password: ")
            try await client.login(email: address!, password: password)
        }
        try await WhoamiCommand.show(context, user: nil, signedInMessage: true)
    }
}
