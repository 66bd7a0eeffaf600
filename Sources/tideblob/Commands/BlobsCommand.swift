import ArgumentParser
import Foundation
import SafeText
import TidepoolAPI

struct BlobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blobs",
        abstract: "List, inspect, upload, download and delete blobs.",
        discussion: """
        Every blob endpoint except upload needs a service (support) account on the real service; a user session \
        gets a 403 with a hint saying so.
        """,
        subcommands: [BlobsList.self, BlobsInfo.self, BlobsUpload.self, BlobsDownload.self, BlobsDelete.self, BlobsDeleteAll.self])
}

struct BlobsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a user's blobs (newest first).",
        discussion: """
        Without --status the server lists only `available` blobs. Without --all-pages one page is shown \
        (--page, --size; a note on stderr says when more exist).
        --json prints an array of blob objects: {"id", "userId", "digestMD5"?, "mediaType", "size"?, "status", \
        "createdTime", "modifiedTime"?, "deletedTime"?, "revision"} (times RFC 3339 UTC; absent fields omitted).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "User id (10 hex digits or a UUID).") var user: String
    @Option(name: .customLong("status"), help: "created or available (repeatable).") var statuses: [String] = []
    @Option(name: .customLong("media-type"), help: "Exact media type (repeatable).") var mediaTypes: [String] = []
    @Flag(name: .customLong("all-pages"), help: "Fetch every page.") var allPages = false
    @Option(help: "Page number (from 0) when not --all-pages.") var page: Int = 0
    @Option(help: "Page size, 1…1000.") var size: Int = 100

    func validate() throws {
        for s in statuses where s != "created" && s != "available" {
            throw ValidationError("--status must be created or available, not \"\(SafeText.line(s))\"")
        }
        guard (1...1000).contains(size) else { throw ValidationError("--size must be between 1 and 1000") }
        guard page >= 0 else { throw ValidationError("--page must be 0 or more") }
    }

    func run() async throws {
        try TidepoolID.validateUserID(user)
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let client = context.client
        let status = statuses.map { BlobStatus(rawValue: $0) }
        var blobs: [Blob]
        if allPages {
            blobs = []
            for try await page in client.blobPages(userId: user, statuses: status, mediaTypes: mediaTypes) {
                blobs.append(contentsOf: page)
                if !context.json, Output.stderrIsTTY { Output.write(STDERR_FILENO, "\r\(blobs.count) blobs…") }
            }
            if !context.json, Output.stderrIsTTY { Output.write(STDERR_FILENO, "\r\u{1B}[K") }
        } else {
            blobs = try await client.listBlobs(userId: user, statuses: status, mediaTypes: mediaTypes, page: page, size: size)
            if blobs.count == size { Output.note("(page \(page) is full: more may exist; use --all-pages or --page \(page + 1))") }
        }
        if context.json { try Output.json(blobs); return }
        BlobTable.print(blobs)
        Output.note("\(blobs.count) blob(s), \(Output.bytes(blobs.reduce(0) { $0 + ($1.size ?? 0) }))")
    }
}

enum BlobTable {
    static func print(_ blobs: [Blob]) {
        Output.table(headers: ["ID", "STATUS", "MEDIA TYPE", "SIZE", "CREATED", "REV", "MD5"],
                     rows: blobs.map {
                         [$0.id, $0.status.rawValue, $0.mediaType, Output.bytes($0.size), Output.time($0.createdTime),
                          String($0.revision), $0.digestMD5 ?? "-"]
                     },
                     maxWidths: [32, 10, 40, nil, nil, nil, 24], alignRight: [false, false, false, true, false, true])
    }
}

struct BlobsInfo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show one blob's metadata (GET /v1/blobs/{id}).",
        discussion: "--json prints the blob object (same shape as one element of `blobs list --json`).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Blob id (32 characters 0-9a-z).") var blob: String

    func run() async throws {
        try TidepoolID.validateBlobID(blob)
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let info = try await context.client.getBlob(id: blob)
        if context.json { try Output.json(info); return }
        Output.table(headers: ["FIELD", "VALUE"], rows: [
            ["id", info.id], ["user", info.userId], ["status", info.status.rawValue], ["media type", info.mediaType],
            ["size", info.size.map { "\($0) bytes (\(Output.bytes($0)))" } ?? "-"], ["md5", info.digestMD5 ?? "-"],
            ["created", Output.time(info.createdTime)], ["modified", Output.time(info.modifiedTime)],
            ["revision", String(info.revision)],
        ])
    }
}

struct BlobsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete blobs (asks first on a terminal; needs --yes otherwise).",
        discussion: """
        Every attempt, successful or not, is appended to the deletion journal $XDG_STATE_HOME/tideblob/deletions.jsonl. \
        With --revision the server deletes only that revision (404 otherwise). Exit status 1 when any deletion failed.
        --json prints an array of {"blobId", "userId"|null, "size"|null, "result": "deleted"|"not-found"|"failed: …", \
        "traceId"|null}.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Blob ids.") var blobs: [String]
    @Option(help: "Delete only if the blob is at this revision (one blob only).") var revision: Int?
    @Flag(help: "Do not ask for confirmation.") var yes = false

    func validate() throws {
        if blobs.isEmpty { throw ValidationError("give at least one blob id") }
        if revision != nil && blobs.count > 1 { throw ValidationError("--revision works with one blob id only") }
        if let revision, revision < 0 { throw ValidationError("--revision must be 0 or more") }
    }

    func run() async throws {
        for id in blobs { try TidepoolID.validateBlobID(id) }
        let ids = blobs.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let context = try await CLIContext.make(global)
        try context.requireWritable("deleting blobs")
        try context.requireSession()
        let client = context.client
        var known: [String: Blob] = [:]
        for id in ids {
            do { known[id] = try await client.getBlob(id: id) } catch let error as APIError where error.status == 404 {
                Output.warn("\(id): no such blob (it may have been deleted)")
            }
        }
        let owners = Set(known.values.map(\.userId)).sorted()
        let total = known.values.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
        let question = "Delete \(ids.count) blob(s), \(Output.bytes(total)) total, of user \(owners.isEmpty ? "?" : owners.joined(separator: ", ")) on \(context.environment.name)?"
        guard try Prompt.confirmDestructive(question, yes: yes) else {
            Output.note("Nothing deleted.")
            throw ExitCode(CLIExit.failure)
        }
        var reports: [DeleteReport] = []
        var lastError: APIError?
        for id in ids {
            let blob = known[id]
            var report = DeleteReport(blobId: id, userId: blob?.userId, size: blob?.size, result: DeletionRecord.deleted, traceId: nil)
            do {
                report.traceId = try await client.deleteBlob(id: id, revision: revision, known: blob, journal: context.journal)
            } catch let error as APIError {
                if case .localIO = error.kind { Output.warn(error.description) } else {
                    report.result = DeletionRecord.result(for: error)
                    report.traceId = error.traceRequest
                    lastError = error
                    if !context.json { Output.error("\(id): \(error.description)") }
                }
            }
            reports.append(report)
        }
        if context.json {
            try Output.json(reports)
        } else {
            Output.table(headers: ["BLOB ID", "RESULT", "SIZE", "TRACE"],
                         rows: reports.map { [$0.blobId, $0.result, Output.bytes($0.size), $0.traceId ?? "-"] },
                         maxWidths: [32, 60, nil, 40])
        }
        if lastError != nil { throw ExitCode(CLIExit.failure) }
    }
}

struct DeleteReport: Codable {
    var blobId: String
    var userId: String?
    var size: Int64?
    var result: String
    var traceId: String?

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(blobId, forKey: .blobId)
        try c.encode(userId, forKey: .userId)
        try c.encode(size, forKey: .size)
        try c.encode(result, forKey: .result)
        try c.encode(traceId, forKey: .traceId)
    }
}

struct BlobsDeleteAll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-all",
        abstract: "Delete every blob of a user (device logs are kept).",
        discussion: """
        Needs --confirm USER repeating the user id. Lists the blobs first (both statuses) to show count and size and \
        to journal one line per blob; on a terminal it then asks, otherwise it needs --yes.
        --json prints {"userId", "count", "totalSize", "result": "deleted", "traceId"|null}.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "User id.") var user: String
    @Option(help: "The same user id again, to confirm.") var confirm: String
    @Flag(help: "Do not ask on a terminal (required when stdin is not a terminal).") var yes = false

    func validate() throws {
        guard confirm == user else { throw ValidationError("--confirm must repeat the user id exactly (\(SafeText.line(user)))") }
    }

    func run() async throws {
        try TidepoolID.validateUserID(user)
        let context = try await CLIContext.make(global)
        try context.requireWritable("deleting all blobs")
        try context.requireSession()
        let client = context.client
        let blobs = try await client.blobPages(userId: user, statuses: [.available, .created]).collect()
        let total = blobs.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
        let question = "Delete ALL \(blobs.count) blob(s), \(Output.bytes(total)) total, of user \(user) on \(context.environment.name)?"
        guard try Prompt.confirmDestructive(question, yes: yes) else {
            Output.note("Nothing deleted.")
            throw ExitCode(CLIExit.failure)
        }
        let trace = try await client.deleteAllBlobs(userId: user, known: blobs, journal: context.journal)
        let report = DeleteAllReport(userId: user, count: blobs.count, totalSize: total, result: DeletionRecord.deleted, traceId: trace)
        if context.json { try Output.json(report); return }
        Output.line("Deleted \(blobs.count) blob(s), \(Output.bytes(total)), of user \(user) (trace \(trace ?? "-")).")
    }
}

struct DeleteAllReport: Codable {
    var userId: String
    var count: Int
    var totalSize: Int64
    var result: String
    var traceId: String?
}
