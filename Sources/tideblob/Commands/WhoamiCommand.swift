import ArgumentParser
import Foundation
import SafeText
import TidepoolAPI

struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the signed-in account (GET /auth/user).",
        discussion: """
        --json prints {"environment": NAME, "url": URL, "userId": ID, "username": EMAIL|null, "emails": [..]|null, \
        "roles": [..]|null, "isService": BOOL|null, "expiresAt": RFC3339|null}.
        """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = try await CLIContext.make(global)
        try context.requireSession()
        try await Self.show(context, user: try await context.client.currentUser(), signedInMessage: false)
    }

    static func show(_ context: CLIContext, user: User?, signedInMessage: Bool) async throws {
        let session = try context.requireSession()
        let report = WhoamiReport(environment: context.environment.name, url: context.environment.baseURL.absoluteString,
                                  userId: session.userId, username: user?.username ?? session.username,
                                  emails: user?.emails, roles: user?.roles, isService: session.isService,
                                  expiresAt: session.expiresAt)
        if context.json { try Output.json(report); return }
        let name = SafeText.line(report.username ?? "(no email)")
        if signedInMessage { Output.line("Signed in to \(report.environment) as \(name) (\(report.userId)).") }
        Output.table(headers: ["FIELD", "VALUE"], rows: [
            ["environment", "\(report.environment) (\(report.url))"],
            ["user id", report.userId],
            ["email", report.username ?? "-"],
            ["roles", report.roles?.joined(separator: ", ") ?? "-"],
            ["session", report.isService.map { $0 ? "service" : "user" } ?? "unknown"],
            ["expires", report.expiresAt.map { Output.time($0) } ?? "-"],
        ])
    }
}

struct WhoamiReport: Codable {
    var environment: String
    var url: String
    var userId: String
    var username: String?
    var emails: [String]?
    var roles: [String]?
    var isService: Bool?
    var expiresAt: Date?

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(environment, forKey: .environment)
        try c.encode(url, forKey: .url)
        try c.encode(userId, forKey: .userId)
        try c.encode(username, forKey: .username)
        try c.encode(emails, forKey: .emails)
        try c.encode(roles, forKey: .roles)
        try c.encode(isService, forKey: .isService)
        try c.encode(expiresAt, forKey: .expiresAt)
    }
}
