import Foundation

/// Test hooks for the transfer engines (set through `TransferTestHooks.$current` in tests; nil in production).
struct TransferTestHooks: Sendable {
    /// Called after an upload's hashing pass, before the file is opened for sending.
    var afterHashing: (@Sendable (URL) -> Void)?
    /// Called before each read of the body while sending, with the bytes sent so far.
    var beforeUploadRead: (@Sendable (Int64) -> Void)?
    /// Given the offset of a download write, an errno to fail that write with (e.g. ENOSPC).
    var downloadWriteFault: (@Sendable (Int64) -> Int32?)?

    @TaskLocal static var current: TransferTestHooks?
}

/// Streams a file as the body of a POST: MD5 first (phase hashing), then the bytes through libcurl's read
/// callback with an exact Content-Length and `Digest: MD5=<base64>` (phase uploading).
struct UploadEngine {
    let client: TidepoolClient
    /// Method and path of the request; the engine adds Content-Type and Digest.
    let request: APIRequest
    let file: URL
    let mediaType: String?
    let handle: TransferHandle
    let hooks: TransferTestHooks?

    /// Returns the 2xx response (its body is the created record's JSON) and the digest sent.
    func run() throws -> (response: APIResponse, digest: String, size: Int64) {
        let path = file.path
        let fd = try Self.openForReading(path)
        defer { close(fd) }
        guard let stamp = FileStamp.of(fd: fd) else {
            throw APIError(.localIO("cannot stat \(path): \(AtomicFileWriter.describe(errno))"))
        }
        let size = stamp.size
        if size > TransferLimits.maximumBodyBytes {
            throw APIError(.tooLarge(size: size, limit: TransferLimits.maximumBodyBytes),
                           method: request.method, path: request.path,
                           hint: "nothing was sent; the service refuses bodies over 100 MiB (104,857,600 bytes)")
        }
        let contentType = try mediaType ?? Self.guessMediaType(fd: fd, path: path)

        handle.begin(.hashing, total: size)
        let digest = try FileHasher.md5(fd: fd, size: size, path: path, cancel: handle.cancelFlag) {
            handle.record(hashed: $0)
        }
        try Self.checkUnchanged(fd: fd, since: stamp, path: path)
        hooks?.afterHashing?(file)

        handle.begin(.uploading, total: size)
        var request = self.request
        request.headers += [(name: "Content-Type", value: contentType), (name: "Digest", value: "MD5=\(digest)")]
        let tokenUsed = client.session?.token
        var attempt = 0
        var refreshRefused = false
        while true {
            attempt += 1
            let outcome = try send(request, size: size, stamp: stamp)
            if request.authenticated, attempt == 1, let current = client.session,
               client.shouldRefresh(after: outcome.status, request: request, session: current) {
                if try client.refreshBlocking(cancel: handle.cancelFlag, expiredToken: tokenUsed) {
                    continue   // the retry re-opens the file
                }
                refreshRefused = true
            }
            guard (200..<300).contains(outcome.status) else {
                throw client.httpError(request: request, status: outcome.status, headers: outcome.headers, body: outcome.body,
                                       refreshRefused: refreshRefused)
            }
            return (outcome, digest, size)
        }
    }

    /// One attempt: opens the file again, checks it is the one hashed, streams it.
    private func send(_ request: APIRequest, size: Int64, stamp: FileStamp) throws -> APIResponse {
        let path = file.path
        let fd = try Self.openForReading(path)
        defer { close(fd) }
        try Self.checkUnchanged(fd: fd, since: stamp, path: path)

        let traced = client.makeCurlRequest(request, bodyLength: size)
        var curl = traced.curl
        curl.uploadBufferSize = TransferLimits.uploadChunkBytes
        let cancel = handle.cancelFlag
        let handle = self.handle
        let hooks = self.hooks
        var sent: Int64 = 0
        var abort: APIError? = nil
        var body = Data()
        let bodyLimit = 1 << 20
        let started = Date()

        let result = client.withCurlHandle { easy in
            easy.perform(curl, source: { buffer in
                if cancel.isCancelled { return nil }
                hooks?.beforeUploadRead?(sent)
                let want = Int(min(Int64(buffer.count), size - sent))
                if want == 0 { return 0 }
                if let now = FileStamp.of(fd: fd), let change = now.change(since: stamp) {
                    abort = APIError(.fileChanged("\(path): \(change)"))
                    return nil
                }
                var n: Int
                repeat { n = pread(fd, buffer.baseAddress, want, off_t(sent)) } while n < 0 && errno == EINTR
                if n < 0 {
                    abort = APIError(.localIO("cannot read \(path): \(AtomicFileWriter.describe(errno))"))
                    return nil
                }
                if n == 0 {
                    abort = APIError(.fileChanged("\(path) ended after \(sent) of \(size) bytes (short read)"))
                    return nil
                }
                sent += Int64(n)
                return n
            }, sink: { chunk in
                // The response (record JSON or an error body) is collected apart from the upload stream.
                if body.count < bodyLimit { body.append(contentsOf: chunk.prefix(bodyLimit - body.count)) }
                return true
            }, progress: { _, _, _, ulNow in
                handle.record(bytesDone: ulNow)
                return !cancel.isCancelled
            })
        }
        let trace = result.header(TraceHeaders.request) ?? traced.traceID
        client.logRequest(request, status: result.status, bytes: result.bytesSent, started: started, trace: trace, curl: result)
        if cancel.isCancelled {
            throw APIError(.cancelled, method: request.method, path: request.path, traceRequest: trace)
        }
        if var abort {
            abort.method = request.method; abort.path = request.path; abort.traceRequest = trace
            if abort.hint == nil, case .fileChanged = abort.kind {
                abort.hint = "the upload was stopped part-way, so the service keeps nothing; upload again when the file is complete"
            }
            throw abort
        }
        let headers = result.headers.map { (name: $0.0, value: $0.1) }
        // A server may answer (413, 401…) and close before reading the whole body: report its answer.
        if !result.ok, !(result.status >= 400) {
            throw client.transportError(result, request: request, trace: trace)
        }
        if result.ok, (200..<300).contains(result.status) {
            handle.record(bytesDone: size)
        }
        return APIResponse(status: result.status, headers: headers, body: body)
    }

    static func openForReading(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw APIError(.localIO("cannot open \(path): \(AtomicFileWriter.describe(errno))")) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw APIError(.localIO("\(path) is not a regular file"))
        }
        return fd
    }

    static func checkUnchanged(fd: Int32, since stamp: FileStamp, path: String) throws {
        guard let now = FileStamp.of(fd: fd) else {
            throw APIError(.localIO("cannot stat \(path): \(AtomicFileWriter.describe(errno))"))
        }
        if let change = now.change(since: stamp) {
            throw APIError(.fileChanged("\(path): \(change)"),
                           hint: "nothing was sent; upload again when the file is no longer being written")
        }
    }

    static func guessMediaType(fd: Int32, path: String) throws -> String {
        var head = Data(count: MediaTypeGuess.sniffBytes)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n >= 0 else { throw APIError(.localIO("cannot read \(path): \(AtomicFileWriter.describe(errno))")) }
        head.count = n
        return MediaTypeGuess.guess(fileName: path, head: head)
    }
}
