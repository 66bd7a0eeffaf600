import CCurl
import Foundation

/// One libcurl easy handle, driven synchronously on the calling thread.
///
/// The body source, body sink, header sink and progress hooks are plain Swift closures, called on the thread
/// that runs `perform()`. The handle keeps its connection cache between performs, so reusing one `CurlEasy`
/// for sequential requests to the same host reuses the TCP connection (HTTP keep-alive).
///
/// Not thread-safe: one request at a time per handle. `CurlHandlePool` hands out handles to concurrent callers.
public final class CurlEasy: @unchecked Sendable {   // used by one thread at a time; handed over via CurlHandlePool
    /// Called with each chunk of the response body. Return false to abort the transfer (CURLE_WRITE_ERROR).
    public typealias BodySink = (UnsafeRawBufferPointer) -> Bool
    /// Fill the buffer with up to `count` bytes; return the number written, 0 at end of body, nil to abort.
    public typealias BodySource = (UnsafeMutableRawBufferPointer) -> Int?
    /// Progress: (downloadTotal, downloadNow, uploadTotal, uploadNow). Return false to abort (CURLE_ABORTED_BY_CALLBACK).
    public typealias ProgressHook = (Int64, Int64, Int64, Int64) -> Bool

    public struct Result: Sendable {
        public var curlCode: Int32
        public var curlMessage: String
        public var status: Int
        /// Response header lines of the final response, in order, as (name, value). Names keep their case.
        public var headers: [(String, String)]
        public var bytesReceived: Int64
        public var bytesSent: Int64
        public var ok: Bool { curlCode == 0 }
        public func header(_ name: String) -> String? {
            headers.last(where: { $0.0.caseInsensitiveCompare(name) == .orderedSame })?.1
        }
    }

    private let handle: UnsafeMutableRawPointer
    /// libcurl keeps this pointer between setopt and perform, so it must be stable memory (not a Swift array).
    private let errorBuffer: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        p.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        return p
    }()
    fileprivate var sink: BodySink?
    fileprivate var source: BodySource?
    fileprivate var progress: ProgressHook?
    fileprivate var headerLines: [(String, String)] = []
    fileprivate var received: Int64 = 0
    /// Status code of the response being received (from its status line), 0 before the first header arrives.
    /// Readable from inside the sink and progress closures, e.g. to route error bodies elsewhere.
    public fileprivate(set) var currentStatus: Int = 0
    fileprivate var sent: Int64 = 0

    public init() {
        CurlGlobal.ensureInitialized()
        guard let h = curl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
        handle = h
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// The request to perform next. `body` and `bodyLength` describe an upload body (nil = no body).
    public struct Request: Sendable {
        public var method: String
        public var url: String
        public var headers: [String]
        public var bodyLength: Int64?
        public var connectTimeoutSeconds: Int = 15
        /// Abort when fewer than `lowSpeedBytes` per second flow for `lowSpeedSeconds` (0 disables).
        public var lowSpeedBytes: Int = 1
        public var lowSpeedSeconds: Int = 60
        /// Hard cap on the whole transfer (0 = none).
        public var totalTimeoutSeconds: Int = 0
        public var verifyTLS: Bool = true
        public var userAgent: String
        public var acceptEncoding: String? = ""   // "" = every encoding libcurl supports (gzip, deflate, …)
        public var caInfoPath: String? = nil
        /// Bytes libcurl asks the body source for per call (CURLOPT_UPLOAD_BUFFERSIZE; nil = libcurl's 64 KiB).
        public var uploadBufferSize: Int? = nil
        /// libcurl's receive buffer (CURLOPT_BUFFERSIZE; nil = libcurl's 16 KiB).
        public var receiveBufferSize: Int? = nil

        public init(method: String, url: String, headers: [String] = [], bodyLength: Int64? = nil, userAgent: String) {
            self.method = method
            self.url = url
            self.headers = headers
            self.bodyLength = bodyLength
            self.userAgent = userAgent
        }
    }

    /// Performs `request`, streaming the body from `source` and the response into `sink`.
    public func perform(_ request: Request, source: BodySource? = nil, sink: @escaping BodySink,
                        progress: ProgressHook? = nil) -> Result {
        curl_easy_reset(handle)   // keeps live connections, DNS cache and session-ID cache
        self.sink = sink
        self.source = source
        self.progress = progress
        headerLines = []
        currentStatus = 0
        received = 0
        sent = 0
        errorBuffer.update(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { self.sink = nil; self.source = nil; self.progress = nil }

        let me = Unmanaged.passUnretained(self).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for h in request.headers { list = curl_slist_append(list, h) }
        // Hummingbird (and other servers) do not answer 100-continue: never wait for it.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }

        _ = ccurl_setopt_string(handle, CURLOPT_URL, request.url)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent)
        _ = ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, request.connectTimeoutSeconds)
        if request.lowSpeedSeconds > 0 {
            _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, request.lowSpeedBytes)
            _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, request.lowSpeedSeconds)
        }
        if request.totalTimeoutSeconds > 0 {
            _ = ccurl_setopt_long(handle, CURLOPT_TIMEOUT, request.totalTimeoutSeconds)
        }
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, request.verifyTLS ? 1 : 0)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, request.verifyTLS ? 2 : 0)
        if let ca = request.caInfoPath { _ = ccurl_setopt_string(handle, CURLOPT_CAINFO, ca) }
        if let enc = request.acceptEncoding { _ = ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, enc) }
        _ = ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
        if let size = request.uploadBufferSize { _ = ccurl_setopt_long(handle, CURLOPT_UPLOAD_BUFFERSIZE, size) }
        if let size = request.receiveBufferSize { _ = ccurl_setopt_long(handle, CURLOPT_BUFFERSIZE, size) }
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)

        switch request.method {
        case "GET": _ = ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        case "POST":
            _ = ccurl_setopt_long(handle, CURLOPT_POST, 1)
            _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.bodyLength ?? 0))
        case "PUT":
            _ = ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1)
            _ = ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.bodyLength ?? 0))
        default:
            _ = ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.method == "HEAD" { _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1) }

        _ = ccurl_setopt_write_function(handle, curlWriteCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, me)
        _ = ccurl_setopt_header_function(handle, curlHeaderCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, me)
        if request.bodyLength != nil || source != nil {
            _ = ccurl_setopt_read_function(handle, curlReadCallback)
            _ = ccurl_setopt_pointer(handle, CURLOPT_READDATA, me)
        }
        _ = ccurl_setopt_xferinfo_function(handle, curlProgressCallback)
        _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, me)
        _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)

        let code = withExtendedLifetime(self) { curl_easy_perform(handle) }
        var status: Int = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return Result(curlCode: Int32(code.rawValue), curlMessage: message, status: status,
                      headers: headerLines, bytesReceived: received, bytesSent: sent)
    }
}

private func owner(_ ud: UnsafeMutableRawPointer?) -> CurlEasy {
    Unmanaged<CurlEasy>.fromOpaque(ud!).takeUnretainedValue()
}

private let curlWriteCallback: curl_write_callback = { ptr, size, count, ud in
    let easy = owner(ud)
    let n = size * count
    easy.received += Int64(n)
    guard let sink = easy.sink else { return n }
    return sink(UnsafeRawBufferPointer(start: ptr, count: n)) ? n : 0
}

private let curlReadCallback: curl_read_callback = { ptr, size, count, ud in
    let easy = owner(ud)
    guard let source = easy.source, let ptr else { return 0 }
    let capacity = size * count
    guard let n = source(UnsafeMutableRawBufferPointer(start: ptr, count: capacity)) else {
        return Int(ccurl_readfunc_abort())
    }
    easy.sent += Int64(n)
    return n
}

private let curlHeaderCallback: curl_write_callback = { ptr, size, count, ud in
    let easy = owner(ud)
    let n = size * count
    guard let ptr else { return n }
    let bytes = UnsafeRawBufferPointer(start: ptr, count: n)
    let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    if line.hasPrefix("HTTP/") {
        easy.headerLines = []   // a new response (redirect or 1xx): keep only the final one's headers
        let parts = line.split(separator: " ", maxSplits: 2)
        if parts.count >= 2, let code = Int(parts[1]) { easy.currentStatus = code }
    } else if let colon = line.firstIndex(of: ":") {
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        easy.headerLines.append((name, value))
    }
    return n
}

private let curlProgressCallback: curl_xferinfo_callback = { ud, dlTotal, dlNow, ulTotal, ulNow in
    let easy = owner(ud)
    guard let hook = easy.progress else { return 0 }
    return hook(Int64(dlTotal), Int64(dlNow), Int64(ulTotal), Int64(ulNow)) ? 0 : 1
}

/// `curl_global_init` must run once, before any handle exists, and is not thread-safe itself.
enum CurlGlobal {
    private static let once: Void = { _ = curl_global_init(ccurl_global_default()) }()
    static func ensureInitialized() { _ = once }
}
