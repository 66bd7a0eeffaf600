import ArgumentParser
import TidepoolAPI

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List the accounts this session can see: itself, accounts shared with it, clinic patients.",
        discussion: """
        Sources: GET /auth/user, /metadata/users/{id}/users (trustor permissions), /access/groups/{id}, \
        /v1/clinicians/{id}/clinics and /v1/clinics/{id}/patients. A source that fails is reported as a warning on \
        stderr; the others are still listed. Accounts are de-duplicated by user id.

        --json prints an array of {"userId", "fullName"|null, "email"|null, "relations": ["self"|"shared"|"clinic"], \
        "permissions": [..], "clinics": [clinic names]}, self first.
        """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let result = try await context.client.accessibleAccounts()
        for warning in result.warnings { Output.warn(warning) }
        if context.json { try Output.json(result.accounts); return }
        Output.table(headers: ["USER ID", "NAME", "EMAIL", "RELATION", "PERMISSIONS", "CLINICS"],
                     rows: result.accounts.map {
                         [$0.userId, $0.fullName ?? "-", $0.email ?? "-", $0.relations.joined(separator: ","),
                          $0.permissions.joined(separator: ","), $0.clinics.isEmpty ? "-" : $0.clinics.joined(separator: ", ")]
                     },
                     maxWidths: [36, 30, 40, nil, nil, 40])
    }
}
