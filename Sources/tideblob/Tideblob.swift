import ArgumentParser

/// The `tideblob` command: with no subcommand it opens the terminal UI.
@main
struct Tideblob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tideblob",
        abstract: "Browse, preview, transfer and clean up Tidepool blobs and device logs.",
        version: "0.1.0",
        subcommands: [
            UICommand.self,
            SandboxCommand.self,
            LoginCommand.self, LogoutCommand.self, WhoamiCommand.self,
            UsersCommand.self, BlobsCommand.self, LogsCommand.self,
        ],
        defaultSubcommand: UICommand.self
    )
}
