import ArgumentParser
import Foundation
import SafeText
import TidepoolAPI

/// `blobs upload`, `blobs download`, `logs upload`, `logs download`: thin wrappers over the transfer engine
/// (`TidepoolAPI/Transfers`), with Ctrl-C cancellation and a progress line on a terminal.
struct BlobsUpload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a file as a new blob of a user (streamed, with its MD5 digest).",
        discussion: """
        The media type is guessed from the file name and content when --media-type is omitted.
        --json prints the created blob object (shape as in `blobs list --json`).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "User id.") var user: String
    @Argument(help: "File to upload.") var file: String
    @Option(name: .customLong("media-type"), help: "Media type, e.g. application/pdf.") var mediaType: String?

    func run() async throws {
        try TidepoolID.validateUserID(user)
        if let mediaType, !TidepoolClient.isMediaType(mediaType) {
            throw UsageError("--media-type \"\(SafeText.line(mediaType))\" is not a media type (e.g. application/pdf)")
        }
        let context = try await CLIContext.make(global)
        try context.requireWritable("uploading a blob")
        try context.requireSession()
        let url = URL(fileURLWithPath: file)
        let client = context.client, user = self.user, mediaType = self.mediaType
        let handle = TransferHandle(label: url.lastPathComponent, kind: .upload)
        let blob = try await TransferUI.run(handle, quiet: context.json) { handle in
            try await client.uploadBlob(userId: user, file: url, mediaType: mediaType, progress: handle)
        }
        if context.json { try Output.json(blob); return }
        Output.line("Uploaded \(SafeText.line(url.lastPathComponent)) as blob \(blob.id) (\(Output.bytes(blob.size)), \(SafeText.line(blob.mediaType)), md5 \(blob.digestMD5 ?? "-")).")
    }
}

struct BlobsDownload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download a blob's content, verified against the server's Digest header.",
        discussion: """
        -o names a file, or a directory (then the file is <dir>/<id>.<ext>); default: the current directory. \
        An existing file is not replaced without --force. Nothing is left behind on failure or Ctrl-C.
        --json prints {"path", "bytes", "digestMD5", "mediaType"|null, "traceId"|null}.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Blob id.") var blob: String
    @Option(name: .shortAndLong, help: "Destination file or directory.") var output: String?
    @Flag(help: "Replace an existing file.") var force = false

    func run() async throws {
        try TidepoolID.validateBlobID(blob)
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let destination = URL(fileURLWithPath: output ?? FileManager.default.currentDirectoryPath)
        let client = context.client, id = blob, overwrite = force
        let handle = TransferHandle(label: id, kind: .download)
        let result = try await TransferUI.run(handle, quiet: context.json) { handle in
            try await client.downloadBlob(id: id, to: destination, overwrite: overwrite, progress: handle)
        }
        try DownloadReport.print(result, json: context.json)
    }
}

struct LogsUpload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a device-log chunk (a JSON array of entries) for a user.",
        discussion: """
        --start/--end: the time range the entries cover (RFC 3339 or 30m, 6h, 2d… ago).
        --json prints the device-log metadata object (shape as in `logs list --json`).
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "User id.") var user: String
    @Argument(help: "File with the log entries.") var file: String
    @Option(help: "Start of the time range covered.") var start: String
    @Option(help: "End of the time range covered.") var end: String
    @Option(name: .customLong("media-type"), help: "Media type (default application/json).") var mediaType: String?

    func run() async throws {
        try TidepoolID.validateUserID(user)
        let now = Date()
        let from = try RelativeTime.parse(start, now: now), to = try RelativeTime.parse(end, now: now)
        if to < from { throw UsageError("--end is before --start") }
        let context = try await CLIContext.make(global)
        try context.requireWritable("uploading device logs")
        try context.requireSession()
        let url = URL(fileURLWithPath: file)
        let client = context.client, user = self.user, mediaType = self.mediaType
        let handle = TransferHandle(label: url.lastPathComponent, kind: .upload)
        let meta = try await TransferUI.run(handle, quiet: context.json) { handle in
            try await client.uploadDeviceLogs(userId: user, file: url, start: from, end: to, mediaType: mediaType, progress: handle)
        }
        if context.json { try Output.json(meta); return }
        Output.line("Uploaded \(SafeText.line(url.lastPathComponent)) as device logs \(meta.id) (\(Output.bytes(meta.size)), \(Output.time(meta.startAtTime)) – \(Output.time(meta.endAtTime))).")
    }
}

struct LogsDownload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download one device-log chunk's raw content, verified against its Digest.",
        discussion: """
        -o names a file or a directory (default: the current directory); --force replaces an existing file.
        --json prints {"path", "bytes", "digestMD5", "mediaType"|null, "traceId"|null}.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Device-log id.") var log: String
    @Option(name: .shortAndLong, help: "Destination file or directory.") var output: String?
    @Flag(help: "Replace an existing file.") var force = false

    func run() async throws {
        try TidepoolID.validateBlobID(log, what: "device-log id")
        let context = try await CLIContext.make(global)
        try context.requireSession()
        let destination = URL(fileURLWithPath: output ?? FileManager.default.currentDirectoryPath)
        let client = context.client, id = log, overwrite = force
        let handle = TransferHandle(label: id, kind: .download)
        let result = try await TransferUI.run(handle, quiet: context.json) { handle in
            try await client.downloadDeviceLogs(id: id, to: destination, overwrite: overwrite, progress: handle)
        }
        try DownloadReport.print(result, json: context.json)
    }
}

struct DownloadReport: Codable {
    var path: String
    var bytes: Int64
    var digestMD5: String
    var mediaType: String?
    var traceId: String?

    static func print(_ result: DownloadResult, json: Bool) throws {
        let report = DownloadReport(path: result.path.path, bytes: result.bytes, digestMD5: result.digestMD5,
                                    mediaType: result.mediaType, traceId: result.traceId)
        if json { try Output.json(report); return }
        Output.line("Saved \(SafeText.line(report.path)) (\(Output.bytes(report.bytes)), md5 \(report.digestMD5) verified).")
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(digestMD5, forKey: .digestMD5)
        try c.encode(mediaType, forKey: .mediaType)
        try c.encode(traceId, forKey: .traceId)
    }
}
