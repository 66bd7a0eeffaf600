import ArgumentParser
import Foundation
import SafeText
import TidepoolAPI

struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "List, show, upload and download device logs.",
        discussion: "Device logs work with a user session for your own account and accounts shared with you.",
        subcommands: [LogsList.self, LogsUpload.self, LogsShow.self, LogsDownload.self])
}

struct LogsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a user's device-log chunks (all pages).",
        discussion: """
        The server returns chunks that start at or after --since and end strictly before --until. Times: RFC 3339 \
        (2024-06-03T12:00:00Z, offsets allowed) or a duration ago: 30m, 6h, 2d, 1w.
        --json prints an array of {"id", "userId", "digestMD5", "mediaType", "size", "createdTime", "startAtTime", \
        "endAtTime", "revision"?} (times RFC 3339 UTC).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "User id.") var user: String
    @Option(help: "Only chunks starting at or after this time.") var since: String?
    @Option(help: "Only chunks ending before this time.") var until: String?

    func run() async throws {
        try TidepoolID.validateUserID(user)
        let now = Date()
        let start = try since.map { try RelativeTime.parse($0, now: now) }
        let end = try until.map { try RelativeTime.parse($0, now: now) }
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let logs = try await context.client.deviceLogPages(userId: user, start: start, end: end).collect()
        if context.json { try Output.json(logs); return }
        Output.table(headers: ["ID", "START", "END", "SIZE", "MEDIA TYPE", "CREATED"],
                     rows: logs.map {
                         [$0.id, Output.time($0.startAtTime), Output.time($0.endAtTime), Output.bytes($0.size),
                          $0.mediaType, Output.time($0.createdTime)]
                     },
                     maxWidths: [32, nil, nil, nil, 40, nil], alignRight: [false, false, false, true])
        Output.note("\(logs.count) chunk(s), \(Output.bytes(logs.reduce(0) { $0 + $1.size }))")
    }
}

struct LogsShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the entries of one device-log chunk as a table.",
        discussion: """
        Fetches GET /v1/device_logs/{id}/content (checked against its Digest) and decodes the JSON array of entries.
        --json prints an array of {"type", "managerIdentifier", "deviceIdentifier", "timestamp", "message"}.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Device-log id (32 characters 0-9a-z).") var log: String

    func run() async throws {
        try TidepoolID.validateBlobID(log, what: "device-log id")
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let entries = try await context.client.deviceLogEntries(id: log)
        if context.json { try Output.json(entries); return }
        Output.table(headers: ["TIME", "TYPE", "MANAGER", "DEVICE", "MESSAGE"],
                     rows: entries.map {
                         [TidepoolTime.format($0.timestamp), $0.type.rawValue, $0.managerIdentifier, $0.deviceIdentifier, $0.message]
                     },
                     maxWidths: [nil, 16, 24, 24, 100])
        Output.note("\(entries.count) entr\(entries.count == 1 ? "y" : "ies")")
    }
}
