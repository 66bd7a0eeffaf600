import Foundation

/// Streams a content response into a temporary file beside the target, hashing while writing; verifies the
/// `Digest` header and the byte count, fsyncs, and only then moves the file into place.
struct DownloadEngine {
    let client: TidepoolClient
    /// The content GET.
    let request: APIRequest
    let destination: URL
    let overwrite: Bool
    /// File name stem when `destination` is a directory (the blob or device-logs id).
    let nameStem: String
    let handle: TransferHandle
    let hooks: TransferTestHooks?

    private enum Target {
        case file(URL)
        case directory(URL)
        var directory: URL {
            switch self {
            case .file(let url): return url.deletingLastPathComponent()
            case .directory(let url): return url
            }
        }
    }

    func run() throws -> DownloadResult {
        let target = try resolveTarget()
        let writer = try AtomicFileWriter(directory: target.directory)
        defer { writer.discard() }
        writer.writeFault = hooks?.downloadWriteFault
        handle.begin(.downloading)
        let tokenUsed = client.session?.token
        var attempt = 0
        var refreshRefused = false
        while true {
            attempt += 1
            if attempt > 1 { try writer.reset() }
            let outcome = try fetch(into: writer)
            if request.authenticated, attempt == 1, let current = client.session,
               client.shouldRefresh(after: outcome.status, request: request, session: current) {
                if try client.refreshBlocking(cancel: handle.cancelFlag, expiredToken: tokenUsed) { continue }
                refreshRefused = true
            }
            if refreshRefused {
                throw client.httpError(request: request, status: outcome.status, headers: outcome.headers, body: outcome.body,
                                       refreshRefused: true)
            }
            return try verifyAndCommit(outcome, writer: writer, target: target)
        }
    }

    private struct Outcome {
        var status: Int
        var headers: [(name: String, value: String)]
        var trace: String
        var body = Data()
        func header(_ name: String) -> String? {
            headers.last(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })?.value
        }
    }

    /// One GET. Throws for cancellation, local write errors, transport failures, cut bodies and non-2xx answers
    /// (except 401, returned for the caller's refresh).
    private func fetch(into writer: AtomicFileWriter) throws -> Outcome {
        let traced = client.makeCurlRequest(request, bodyLength: nil)
        var curl = traced.curl
        curl.acceptEncoding = nil            // identity: Content-Length and Digest describe the bytes we write
        curl.receiveBufferSize = 512 << 10
        let cancel = handle.cancelFlag
        let handle = self.handle
        var errorBody = Data()
        let errorLimit = 64 << 10
        var writeErrno: Int32? = nil
        let started = Date()

        let result = client.withCurlHandle { easy in
            easy.perform(curl, sink: { chunk in
                // Error bodies never reach the file.
                guard (200..<300).contains(easy.currentStatus) else {
                    if errorBody.count < errorLimit { errorBody.append(contentsOf: chunk.prefix(errorLimit - errorBody.count)) }
                    return true
                }
                if let err = writer.append(chunk) { writeErrno = err; return false }
                return true
            }, progress: { dlTotal, _, _, _ in
                let ok = (200..<300).contains(easy.currentStatus)
                if ok { handle.record(bytesDone: writer.count, total: dlTotal > 0 ? dlTotal : nil) }
                return !cancel.isCancelled
            })
        }
        let trace = result.header(TraceHeaders.request) ?? traced.traceID
        client.logRequest(request, status: result.status, bytes: result.bytesReceived, started: started, trace: trace, curl: result)
        let headers = result.headers.map { (name: $0.0, value: $0.1) }
        if cancel.isCancelled {
            throw APIError(.cancelled, method: request.method, path: request.path, traceRequest: trace)
        }
        if let writeErrno {
            var error = writer.writeError(writeErrno)
            error.method = request.method; error.path = request.path; error.traceRequest = trace
            error.hint = "the partial download was removed; \(untouchedNote)"
            throw error
        }
        let is2xx = (200..<300).contains(result.status)
        // 401, and a 403 the caller may answer with a refresh, go back to the caller.
        if result.status == 401 || result.status == 403 {
            return Outcome(status: result.status, headers: headers, trace: trace, body: errorBody)
        }
        if result.status != 0, !is2xx {
            throw client.httpError(request: request, status: result.status, headers: headers, body: errorBody)
        }
        if !result.ok {
            if is2xx, result.curlCode == Self.curlTimedOut {
                // Stalled or timed out mid-body: say so (the hint tells which), not just "cut short".
                var error = client.transportError(result, request: request, trace: trace)
                error.hint = (error.hint.map { $0 + "; " } ?? "") + "the partial download was removed; \(untouchedNote)"
                throw error
            }
            if is2xx {
                let expected = headers.last(where: { $0.name.lowercased() == "content-length" }).flatMap { Int64($0.value) }
                throw APIError(.truncated(expectedBytes: expected, receivedBytes: writer.count),
                               method: request.method, path: request.path, traceRequest: trace,
                               hint: "the connection dropped (\(result.curlMessage)); the partial download was removed; \(untouchedNote)")
            }
            throw client.transportError(result, request: request, trace: trace)
        }
        return Outcome(status: result.status, headers: headers, trace: trace)
    }

    private func verifyAndCommit(_ outcome: Outcome, writer: AtomicFileWriter, target: Target) throws -> DownloadResult {
        if outcome.status == 401 || outcome.status == 403 {
            throw client.httpError(request: request, status: outcome.status, headers: outcome.headers, body: outcome.body)
        }
        handle.begin(.verifying)
        let received = writer.count
        let actual: String
        do { actual = try writer.digest() } catch var error as APIError {
            error.method = request.method; error.path = request.path; error.traceRequest = outcome.trace
            throw error
        }
        if let expected = outcome.header("Content-Length").flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }),
           expected != received {
            throw APIError(.truncated(expectedBytes: expected, receivedBytes: received),
                           method: request.method, path: request.path, traceRequest: outcome.trace,
                           hint: "the body is shorter or longer than announced; nothing was saved; \(untouchedNote)")
        }
        guard let expected = MD5Digest.fromDigestHeader(outcome.header("Digest")) else {
            throw APIError(.digestMismatch(expected: "(none: the server sent no Digest header)", actual: actual),
                           method: request.method, path: request.path, traceRequest: outcome.trace,
                           hint: "without the server's MD5 the download cannot be verified, so it was not saved; \(untouchedNote)")
        }
        if !Self.sameDigest(expected, actual) {
            throw APIError(.digestMismatch(expected: expected, actual: actual),
                           method: request.method, path: request.path, traceRequest: outcome.trace,
                           hint: "\(received) bytes received but their MD5 differs from the server's; nothing was saved; \(untouchedNote)")
        }
        let mediaType = outcome.header("Content-Type")
        let final: URL
        switch target {
        case .file(let url): final = url
        case .directory(let dir):
            final = dir.appendingPathComponent("\(nameStem).\(MediaTypeGuess.fileExtension(forMediaType: mediaType))")
        }
        do { try writer.commit(to: final, overwrite: overwrite) } catch var error as APIError {
            error.method = request.method; error.path = request.path; error.traceRequest = outcome.trace
            throw error
        }
        handle.finish(bytes: received)
        return DownloadResult(path: final, bytes: received, digestMD5: actual, traceId: outcome.trace, mediaType: mediaType)
    }

    private var untouchedNote: String {
        overwrite ? "any existing file at the target is untouched" : "nothing at the target was changed"
    }

    private func resolveTarget() throws -> Target {
        var isDir: ObjCBool = false
        let path = destination.path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { return .directory(destination) }
            if !overwrite { throw AtomicFileWriter.exists(destination) }
            return .file(destination)
        }
        let parent = destination.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir) || !isDir.boolValue {
            throw APIError(.localIO("\(parent.path) is not an existing directory"))
        }
        if destination.hasDirectoryPath {
            throw APIError(.localIO("\(path) does not exist (create the directory first)"))
        }
        return .file(destination)
    }

    /// CURLE_OPERATION_TIMEDOUT: the stall limit or a timeout ended the transfer.
    static let curlTimedOut: Int32 = 28

    static func sameDigest(_ a: String, _ b: String) -> Bool {
        if let x = Data(base64Encoded: a), let y = Data(base64Encoded: b) { return x == y }
        return a == b
    }
}
