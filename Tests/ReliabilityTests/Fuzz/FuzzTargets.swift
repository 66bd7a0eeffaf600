import BlobBrowser
import Foundation
import SafeText
@testable import TidepoolAPI

/// What a decoder did with one input.
enum FuzzOutcome: Sendable, Equatable {
    case decoded
    case rejected
    /// It returned something the API can never mean (or an error that is not display-safe): counted as a trap.
    case impossible(String)
}

/// One decoder or error parser of TidepoolAPI, wrapped so the fuzzer can feed it bytes.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable (Data) -> FuzzOutcome

    /// Every model decoder the client uses (through the client's own `decode`, so the `malformedResponse` message is
    /// built too), the session and journal file decoders, and the error parsers.
    static func all(client: TidepoolClient) -> [FuzzTarget] {
        [
            model("Blob", Blob.self, client) { FuzzChecks.blob($0) },
            model("[Blob]", [Blob].self, client) { $0.lazy.compactMap(FuzzChecks.blob).first },
            model("DeviceLogsMetadata", DeviceLogsMetadata.self, client) { FuzzChecks.deviceLogs($0) },
            model("DeviceLogsList", DeviceLogsList.self, client) { $0.items.lazy.compactMap(FuzzChecks.deviceLogs).first },
            model("[DeviceLogEntry]", [DeviceLogEntry].self, client) { $0.lazy.compactMap(FuzzChecks.entry).first },
            model("User", User.self, client) { _ in nil },
            model("TokenData", TokenData.self, client) { FuzzChecks.expiry($0.expiresAt) },
            model("OptionalList<SharedUser>", OptionalList<SharedUser>.self, client) { _ in nil },
            model("AccessGroups", AccessGroups.self, client) { _ in nil },
            model("OptionalList<ClinicianClinic>", OptionalList<ClinicianClinic>.self, client) { _ in nil },
            model("ClinicPatientsPage", ClinicPatientsPage.self, client) { _ in nil },
            model("Session", Session.self, client) { _ in nil },
            model("SessionStore.FileContents", SessionStore.FileContents.self, client) { _ in nil },
            model("DeletionRecord", DeletionRecord.self, client) { _ in nil },
            FuzzTarget(name: "ServerErrorBody.parse") { data in
                let parsed = ServerErrorBody.parse(data)
                if let excerpt = parsed.excerpt, excerpt.count > ServerErrorBody.excerptLimit + 1 {
                    return .impossible("excerpt of \(excerpt.count) characters")
                }
                if parsed.excerpt != nil, !parsed.objects.isEmpty { return .impossible("both objects and an excerpt") }
                return .decoded
            },
            FuzzTarget(name: "TidepoolTime.parse") { data in
                // Wire times are strings inside JSON; also try the input as one, and re-format what parses.
                guard let date = TidepoolTime.parse(String(decoding: data.prefix(256), as: UTF8.self)) else { return .rejected }
                let again = TidepoolTime.parse(TidepoolTime.format(date))
                guard let again, abs(again.timeIntervalSince(date)) < 0.001 else { return .impossible("\(date) does not round-trip") }
                return .decoded
            },
            FuzzTarget(name: "Digest header / media type") { data in
                let text = String(decoding: data.prefix(1024), as: UTF8.self)
                _ = TidepoolClient.md5FromDigestHeader(text)
                if TidepoolClient.isMediaType(text), !text.contains("/") { return .impossible("media type without a slash") }
                return .decoded
            },
            FuzzTarget(name: "TidepoolClient.httpError") { data in
                let status = [400, 401, 403, 404, 413, 500, 503][data.count % 7]
                let request = APIRequest(method: "GET", path: "/v1/blobs/0123456789abcdef0123456789abcdef")
                let error = client.httpError(request: request, status: status,
                                             headers: [(name: TraceHeaders.request, value: "trace-1")], body: data)
                if error.status != status { return .impossible("status \(String(describing: error.status)) for \(status)") }
                if let problem = FuzzChecks.displaySafe(error.description) { return .impossible(problem) }
                if !error.description.contains("HTTP \(status)") { return .impossible("no status in \(error.description)") }
                return .decoded
            },
        ]
    }

    /// Decodes through `TidepoolClient.decode` (the path every endpoint takes); a thrown error must be a
    /// display-safe `malformedResponse`, a returned value must pass `check` (nil = sane, else the problem).
    static func model<T: Decodable & SendableMetatype>(_ name: String, _ modelType: T.Type, _ client: TidepoolClient,
                                               check: @escaping @Sendable (T) -> String?) -> FuzzTarget {
        FuzzTarget(name: name) { data in
            let request = APIRequest(method: "GET", path: "/fuzz")
            do {
                let value = try client.decode(modelType, from: APIResponse(status: 200, headers: [], body: data), request: request)
                return check(value).map(FuzzOutcome.impossible) ?? .decoded
            } catch let error as APIError {
                guard case .malformedResponse = error.kind else { return .impossible("error kind \(error.kind)") }
                return FuzzChecks.displaySafe(error.description).map(FuzzOutcome.impossible) ?? .rejected
            } catch {
                return .impossible("not an APIError: \(type(of: error))")
            }
        }
    }
}

/// Sanity checks on decoded values; each returns nil when sane, else what is wrong. Values are also pushed through
/// the formatters the UI uses, so a value that would trap there traps here.
enum FuzzChecks {
    static func blob(_ blob: Blob) -> String? {
        if let size = blob.size, size < 0 { return "negative size \(size)" }
        if blob.revision < 0 { return "negative revision \(blob.revision)" }
        _ = Formatters.size(blob.size) + Formatters.time(blob.createdTime) + Formatters.fullTime(blob.modifiedTime)
        return nil
    }

    static func deviceLogs(_ logs: DeviceLogsMetadata) -> String? {
        if logs.size < 0 { return "negative size \(logs.size)" }
        if let revision = logs.revision, revision < 0 { return "negative revision \(revision)" }
        _ = Formatters.size(logs.size) + Formatters.time(logs.startAtTime) + Formatters.day(logs.endAtTime)
        return nil
    }

    static func entry(_ entry: DeviceLogEntry) -> String? {
        _ = Formatters.fullTime(entry.timestamp) + SafeText.line(entry.message)
        return nil
    }

    static func expiry(_ seconds: Int64?) -> String? {
        guard let seconds else { return nil }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return date.timeIntervalSince1970.isFinite ? nil : "expiry \(seconds) is not a time"
    }

    /// Display-safe and one line.
    static func displaySafe(_ text: String) -> String? {
        SafeText.isDisplaySafe(text) && !text.contains("\n") ? nil : "not display-safe: \(text.debugDescription.prefix(120))"
    }
}
