import Foundation

/// Streaming uploads and downloads of blob and device-logs content.
///
/// Every call runs its transfer on a worker thread through libcurl, publishes progress in `progress` (when
/// given), and stops within about a second when the handle is cancelled or the calling task is cancelled.
/// Memory use is bounded by the chunk size, not the content size.
extension TidepoolClient {
    /// `POST /v1/users/{userId}/blobs` with the file as the body. `mediaType` nil: guessed from name and content.
    /// Files over 104,857,600 bytes are refused (`.tooLarge`) before anything is sent.
    public func uploadBlob(userId: String, file: URL, mediaType: String?, progress: TransferHandle?) async throws -> Blob {
        let request = APIRequest(method: "POST", path: "/v1/users/\(userId)/blobs")
        let handle = progress ?? TransferHandle(label: file.lastPathComponent, kind: .upload)
        let hooks = TransferTestHooks.current
        return try await runTransfer(handle, request) {
            try TransferIDs.checkUserId(userId)
            let sent = try UploadEngine(client: self, request: request, file: file, mediaType: mediaType,
                                        handle: handle, hooks: hooks).run()
            let blob = try self.decode(Blob.self, from: sent.response, request: request)
            try Self.checkStored(digest: blob.digestMD5, size: blob.size, sent: sent, request: request)
            handle.finish(bytes: sent.size)
            return blob
        }
    }

    /// `POST /v1/users/{userId}/device_logs` with the file as the body (any media type; Digest always sent).
    public func uploadDeviceLogs(userId: String, file: URL, start: Date, end: Date, mediaType: String?,
                                 progress: TransferHandle?) async throws -> DeviceLogsMetadata {
        let request = APIRequest(method: "POST", path: "/v1/users/\(userId)/device_logs", headers: [
            (name: "X-Logs-Start-At-Time", value: TidepoolTime.format(start)),
            (name: "X-Logs-End-At-Time", value: TidepoolTime.format(end)),
        ])
        let handle = progress ?? TransferHandle(label: file.lastPathComponent, kind: .upload)
        let hooks = TransferTestHooks.current
        return try await runTransfer(handle, request) {
            try TransferIDs.checkUserId(userId)
            let sent = try UploadEngine(client: self, request: request, file: file, mediaType: mediaType,
                                        handle: handle, hooks: hooks).run()
            let logs = try self.decode(DeviceLogsMetadata.self, from: sent.response, request: request)
            try Self.checkStored(digest: logs.digestMD5, size: logs.size, sent: sent, request: request)
            handle.finish(bytes: sent.size)
            return logs
        }
    }

    /// `GET /v1/blobs/{id}/content` into `destination` (a file path, or an existing directory: then
    /// `<dir>/<id>.<ext>` with the extension from the media type). Verified against the `Digest` header before
    /// it is moved into place; an existing file is replaced only when `overwrite` is true.
    public func downloadBlob(id: String, to destination: URL, overwrite: Bool, progress: TransferHandle?) async throws -> DownloadResult {
        let request = APIRequest(method: "GET", path: "/v1/blobs/\(id)/content")
        return try await download(request, id: id, to: destination, overwrite: overwrite, progress: progress)
    }

    /// `GET /v1/device_logs/{id}/content`, like `downloadBlob`.
    public func downloadDeviceLogs(id: String, to destination: URL, overwrite: Bool, progress: TransferHandle?) async throws -> DownloadResult {
        let request = APIRequest(method: "GET", path: "/v1/device_logs/\(id)/content")
        return try await download(request, id: id, to: destination, overwrite: overwrite, progress: progress)
    }

    /// The first `maxBytes` bytes of a blob's content (the transfer stops there), with its media type and digest header.
    public func fetchContentPrefix(blobId: String, maxBytes: Int) async throws -> ContentPrefix {
        let request = APIRequest(method: "GET", path: "/v1/blobs/\(blobId)/content")
        return try await prefix(request, id: blobId, maxBytes: maxBytes)
    }

    /// The first `maxBytes` bytes of a device-logs chunk's content.
    public func fetchDeviceLogsPrefix(id: String, maxBytes: Int) async throws -> ContentPrefix {
        let request = APIRequest(method: "GET", path: "/v1/device_logs/\(id)/content")
        return try await prefix(request, id: id, maxBytes: maxBytes)
    }

    // MARK: Plumbing

    private func download(_ request: APIRequest, id: String, to destination: URL, overwrite: Bool,
                          progress: TransferHandle?) async throws -> DownloadResult {
        let handle = progress ?? TransferHandle(label: id, kind: .download)
        let hooks = TransferTestHooks.current
        return try await runTransfer(handle, request) {
            try TransferIDs.checkContentId(id)
            return try DownloadEngine(client: self, request: request, destination: destination, overwrite: overwrite,
                                      nameStem: id, handle: handle, hooks: hooks).run()
        }
    }

    private func prefix(_ request: APIRequest, id: String, maxBytes: Int) async throws -> ContentPrefix {
        let flag = CancelFlag()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<ContentPrefix, Error>) in
                    DispatchQueue.global().async {
                        c.resume(with: Result {
                            try TransferIDs.checkContentId(id)
                            return try self.fetchPrefixBlocking(request, maxBytes: maxBytes, cancel: flag)
                        })
                    }
                }
            } onCancel: { flag.cancel() }
        } catch var error as APIError {
            if error.method.isEmpty { error.method = request.method; error.path = request.path }
            throw error
        }
    }

    /// Runs a blocking transfer on a worker thread; task cancellation cancels the handle. Records the outcome
    /// of a failure in the handle (the caller's body records success).
    func runTransfer<T: Sendable>(_ handle: TransferHandle, _ request: APIRequest,
                                  _ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, Error>) in
                    DispatchQueue.global().async {
                        c.resume(with: Result {
                            if handle.isCancelled { throw APIError(.cancelled) }
                            return try body()
                        })
                    }
                }
            } onCancel: { handle.cancel() }
        } catch var error as APIError {
            if error.method.isEmpty { error.method = request.method; error.path = request.path }
            if handle.isCancelled, error.kind != .cancelled {   // e.g. the abort surfaced as a transport error
                error = APIError(.cancelled, method: request.method, path: request.path, traceRequest: error.traceRequest)
            }
            handle.fail(error)
            throw error
        } catch {
            let wrapped = APIError(.localIO("\(error)"), method: request.method, path: request.path)
            handle.fail(wrapped)
            throw wrapped
        }
    }

    /// The service's record must describe the bytes sent.
    static func checkStored(digest: String?, size: Int64?, sent: (response: APIResponse, digest: String, size: Int64),
                            request: APIRequest) throws {
        let trace = sent.response.traceRequest
        if let digest, !DownloadEngine.sameDigest(digest, sent.digest) {
            throw APIError(.digestMismatch(expected: sent.digest, actual: digest), method: request.method, path: request.path,
                           traceRequest: trace, hint: "the service stored different bytes than were sent")
        }
        if let size, size != sent.size {
            throw APIError(.truncated(expectedBytes: sent.size, receivedBytes: size), method: request.method,
                           path: request.path, traceRequest: trace, hint: "the service stored a different size than was sent")
        }
    }
}

/// Path ids are checked before they go into a URL.
enum TransferIDs {
    static func checkUserId(_ id: String) throws {
        let hex = id.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) || $0 == "-" }
        guard hex, id.count == 10 || (id.count == 36 && id.filter({ $0 == "-" }).count == 4) else {
            throw APIError(.invalidArgument("\"\(id.prefix(64))\" is not a user id (10 hex digits or a UUID)"))
        }
    }

    static func checkContentId(_ id: String) throws {
        guard id.count == 32, id.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."z").contains($0) }) else {
            throw APIError(.invalidArgument("\"\(id.prefix(64))\" is not a blob or device-logs id (32 lower-case letters or digits)"))
        }
    }
}
