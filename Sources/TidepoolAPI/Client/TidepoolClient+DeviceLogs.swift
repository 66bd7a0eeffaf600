import Foundation

/// Device-log endpoints. These work with a user session (own account or a shared one) and with a service session.
extension TidepoolClient {
    /// `GET /v1/users/{userId}/device_logs`: one page. The server returns chunks that start at or after `start`
    /// and end strictly before `end`; both are optional on the real server. An empty list may come as `null`.
    public func listDeviceLogs(userId: String, start: Date? = nil, end: Date? = nil,
                               page: Int = 0, size: Int = 100) async throws -> [DeviceLogsMetadata] {
        try TidepoolID.validateUserID(userId)
        guard page >= 0, (1...Self.maxPageSize).contains(size) else {
            throw APIError(.invalidArgument("page must be 0 or more and size between 1 and \(Self.maxPageSize)"))
        }
        var query: [(name: String, value: String)] = []
        if let start { query.append((name: "startAtTime", value: TidepoolTime.format(start))) }
        if let end { query.append((name: "endAtTime", value: TidepoolTime.format(end))) }
        query.append((name: "page", value: String(page)))
        query.append((name: "size", value: String(size)))
        let request = APIRequest(method: "GET", path: "/v1/users/\(userId)/device_logs", query: query)
        return try await send(request, decoding: DeviceLogsList.self).items
    }

    /// Every page of a user's device-log chunks in the window, fetched lazily.
    public func deviceLogPages(userId: String, start: Date? = nil, end: Date? = nil,
                               size: Int = TidepoolClient.maxPageSize) -> PagedSequence<DeviceLogsMetadata> {
        PagedSequence(size: size) { [self] index, size in
            try await listDeviceLogs(userId: userId, start: start, end: end, page: index, size: size)
        }
    }

    /// `GET /v1/device_logs/{id}`.
    public func getDeviceLogs(id: String) async throws -> DeviceLogsMetadata {
        try TidepoolID.validateBlobID(id, what: "device-log id")
        return try await send(APIRequest(method: "GET", path: "/v1/device_logs/\(id)"), decoding: DeviceLogsMetadata.self)
    }

    /// `GET /v1/device_logs/{id}/content`, buffered and digest-checked.
    public func deviceLogsContent(id: String) async throws -> BufferedContent {
        try TidepoolID.validateBlobID(id, what: "device-log id")
        let request = APIRequest(method: "GET", path: "/v1/device_logs/\(id)/content")
        return try await bufferedContent(request)
    }

    /// The entries of one chunk (its content decoded as a JSON array of `DeviceLogEntry`).
    public func deviceLogEntries(id: String) async throws -> [DeviceLogEntry] {
        let content = try await deviceLogsContent(id: id)
        do {
            return try TidepoolJSON.decoder().decode([DeviceLogEntry].self, from: content.data)
        } catch {
            throw APIError(.malformedResponse("device-log content is not a JSON array of entries: "
                                              + Self.describe(decodingError: error, bodyBytes: content.data.count)),
                           method: "GET", path: "/v1/device_logs/\(id)/content", traceRequest: content.traceRequest)
        }
    }

    /// `POST /v1/users/{userId}/device_logs` with a small in-memory body (streaming upload lives in `Transfers/`).
    public func createDeviceLogs(userId: String, data: Data, start: Date, end: Date,
                                 mediaType: String = "application/json; charset=utf-8") async throws -> DeviceLogsMetadata {
        try TidepoolID.validateUserID(userId)
        guard Int64(data.count) <= ErrorHints.blobSizeLimit else {
            throw APIError(.tooLarge(size: Int64(data.count), limit: ErrorHints.blobSizeLimit))
        }
        let request = APIRequest(method: "POST", path: "/v1/users/\(userId)/device_logs",
                                 headers: [(name: "Content-Type", value: mediaType),
                                           (name: "Digest", value: "md5=\(Self.md5Base64(data))"),
                                           (name: "X-Logs-Start-At-Time", value: TidepoolTime.format(start)),
                                           (name: "X-Logs-End-At-Time", value: TidepoolTime.format(end))],
                                 body: data)
        return try await send(request, decoding: DeviceLogsMetadata.self)
    }

    /// Encodes entries the way TidepoolKit does (sorted keys, ms timestamps) and uploads them.
    public func createDeviceLogs(userId: String, entries: [DeviceLogEntry], start: Date, end: Date) async throws -> DeviceLogsMetadata {
        let data = try TidepoolJSON.encoder().encode(entries)
        return try await createDeviceLogs(userId: userId, data: data, start: start, end: end)
    }
}
