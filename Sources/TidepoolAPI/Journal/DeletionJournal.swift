import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of the deletion journal: one deletion attempt, successful or not.
public struct DeletionRecord: Codable, Hashable, Sendable {
    public var time: Date
    public var environment: String
    /// The signed-in account that asked (user id), when known.
    public var actor: String?
    /// The owner of the blob.
    public var user: String?
    public var blobId: String?
    public var digestMD5: String?
    public var size: Int64?
    public var mediaType: String?
    public var revision: Int?
    /// `deleted`, `not-found`, or `failed: <status> <server code>: <detail>`.
    public var result: String
    /// `delete` (one blob) or `delete-all` (every blob of `user`).
    public var operation: String
    public var traceId: String?

    public init(time: Date = Date(), environment: String, actor: String? = nil, user: String?, blobId: String?,
                digestMD5: String? = nil, size: Int64? = nil, mediaType: String? = nil, revision: Int? = nil,
                result: String, operation: String = "delete", traceId: String?) {
        self.time = time; self.environment = environment; self.actor = actor; self.user = user; self.blobId = blobId
        self.digestMD5 = digestMD5; self.size = size; self.mediaType = mediaType; self.revision = revision
        self.result = result; self.operation = operation; self.traceId = traceId
    }

    public static let deleted = "deleted"
    public static let notFound = "not-found"

    /// The `result` text for a failed attempt: `not-found` for a 404 meaning the blob is gone, else `failed: …` with
    /// status, code and detail — including a 404 for a stale revision ("revision 1 of resource … not found"), where
    /// the blob still exists and `not-found` would wrongly suggest it is gone.
    public static func result(for error: Error) -> String {
        guard let api = error as? APIError else { return "failed: \(error)" }
        let staleRevision = api.serverErrors.contains { ($0.detail ?? "").hasPrefix("revision ") }
        if api.status == 404, !staleRevision { return notFound }
        return "failed: " + api.headline
    }
}

/// Append-only JSONL journal of deletions at `$XDG_STATE_HOME/tideblob/deletions.jsonl` (mode 0600).
/// Each record is one line written with a single `write` on an `O_APPEND` descriptor and fsynced before returning,
/// so concurrent writers (the CLI and the TUI) never interleave and a crash loses no acknowledged line.
public final class DeletionJournal: Sendable {
    public let fileURL: URL
    private let lock = Mutex<Void>(())

    public init(fileURL: URL) { self.fileURL = fileURL }
    public convenience init(paths: XDGPaths = XDGPaths()) { self.init(fileURL: paths.deletionJournalFile) }

    public func append(_ record: DeletionRecord) throws {
        var line: Data
        do { line = try TidepoolJSON.encoder().encode(record) } catch {
            throw APIError(.localIO("cannot encode a journal record: \(error)"))
        }
        line.append(0x0A)
        try lock.withLock { _ in
            try XDGPaths.ensureDirectory(fileURL.deletingLastPathComponent())
            let fd = open(fileURL.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw failure("open") }
            defer { close(fd) }
            guard line.withUnsafeBytes({ FileIO.writeAll(fd, $0) }) else { throw failure("write") }
            guard fsync(fd) == 0 else { throw failure("fsync") }
        }
    }

    /// Every record so far (lines that do not parse are skipped).
    public func records() throws -> [DeletionRecord] {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: fileURL) } catch {
            throw APIError(.localIO("cannot read \(fileURL.path): \(error.localizedDescription)"))
        }
        let decoder = TidepoolJSON.decoder()
        return data.split(separator: 0x0A).compactMap { try? decoder.decode(DeletionRecord.self, from: Data($0)) }
    }

    private func failure(_ step: String) -> APIError {
        APIError(.localIO("cannot \(step) the deletion journal \(fileURL.path): \(String(cString: strerror(errno)))"))
    }
}

extension TidepoolClient {
    /// Deletes one blob and appends the attempt to `journal` (also when it fails). `known` (e.g. the row from a
    /// list) fills digest, size, media type, owner and revision in the record. Throws the API error after
    /// journaling it; throws `.localIO` when the deletion worked but the journal could not be written.
    @discardableResult
    public func deleteBlob(id: String, revision: Int? = nil, known: Blob? = nil, journal: DeletionJournal) async throws -> String? {
        var record = DeletionRecord(environment: environment.name, actor: session?.userId, user: known?.userId, blobId: id,
                                    digestMD5: known?.digestMD5, size: known?.size, mediaType: known?.mediaType,
                                    revision: revision ?? known?.revision, result: DeletionRecord.deleted, traceId: nil)
        let trace: String?
        do {
            trace = try await deleteBlob(id: id, revision: revision)
        } catch {
            if let api = error as? APIError, case .invalidArgument = api.kind { throw error }   // never reached the server
            record.result = DeletionRecord.result(for: error)
            record.traceId = (error as? APIError)?.traceRequest
            record.time = Date()
            try? journal.append(record)
            throw error
        }
        record.traceId = trace
        record.time = Date()
        try journal.append(record)
        return trace
    }

    /// Deletes every blob of `userId` and journals one line per blob in `known` (what was listed beforehand),
    /// or one line without a blob id when nothing was listed.
    @discardableResult
    public func deleteAllBlobs(userId: String, known: [Blob], journal: DeletionJournal) async throws -> String? {
        func records(result: String, trace: String?) -> [DeletionRecord] {
            let now = Date()
            if known.isEmpty {
                return [DeletionRecord(time: now, environment: environment.name, actor: session?.userId, user: userId,
                                       blobId: nil, result: result, operation: "delete-all", traceId: trace)]
            }
            return known.map {
                DeletionRecord(time: now, environment: environment.name, actor: session?.userId, user: userId, blobId: $0.id,
                               digestMD5: $0.digestMD5, size: $0.size, mediaType: $0.mediaType, revision: $0.revision,
                               result: result, operation: "delete-all", traceId: trace)
            }
        }
        let trace: String?
        do {
            trace = try await deleteAllBlobs(userId: userId)
        } catch let error as APIError {
            for r in records(result: DeletionRecord.result(for: error), trace: error.traceRequest) { try? journal.append(r) }
            throw error
        }
        for r in records(result: DeletionRecord.deleted, trace: trace) { try journal.append(r) }
        return trace
    }
}
