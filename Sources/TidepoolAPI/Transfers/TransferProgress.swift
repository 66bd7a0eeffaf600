import Foundation

/// One snapshot of a transfer, cheap to copy and compare. Consumers sample `TransferHandle.snapshot`
/// (at most 10×/s is plenty); nothing is pushed to them.
///
/// `bytesDone` counts payload bytes moved over the network (upload: sent; download: received and written)
/// and never decreases during a transfer, also across a refresh-and-retry. While hashing (before an
/// upload) it stays 0 and `hashedBytes` shows how far hashing got.
public struct TransferProgress: Sendable, Equatable {
    public enum Phase: String, Sendable, Equatable, CaseIterable {
        case queued, hashing, uploading, downloading, verifying, finished, failed, cancelled

        /// finished, failed or cancelled.
        public var isTerminal: Bool { self == .finished || self == .failed || self == .cancelled }
        /// hashing, uploading, downloading or verifying.
        public var isActive: Bool { self == .hashing || self == .uploading || self == .downloading || self == .verifying }
    }

    /// A transfer is "stalled" when no byte moved for this long.
    public static let stallSeconds: TimeInterval = 5

    public var phase: Phase
    public var bytesDone: Int64
    /// Payload size when known (upload: file size; download: Content-Length, if the server sent one).
    public var bytesTotal: Int64?
    /// Bytes hashed so far in the `hashing` phase (equals the file size after it).
    public var hashedBytes: Int64
    /// Smoothed (EWMA) payload rate of the current phase; 0 when idle.
    public var bytesPerSecond: Double
    /// Estimated seconds left, when the total and a rate are known.
    public var eta: TimeInterval?
    /// Seconds since the last byte moved (hashed, sent or received), measured when the snapshot was taken.
    public var secondsSinceLastByte: TimeInterval
    /// Why the transfer failed (phase `failed`), one line, sanitized.
    public var message: String?

    public init(phase: Phase = .queued, bytesDone: Int64 = 0, bytesTotal: Int64? = nil, hashedBytes: Int64 = 0,
                bytesPerSecond: Double = 0, eta: TimeInterval? = nil, secondsSinceLastByte: TimeInterval = 0,
                message: String? = nil) {
        self.phase = phase; self.bytesDone = bytesDone; self.bytesTotal = bytesTotal; self.hashedBytes = hashedBytes
        self.bytesPerSecond = bytesPerSecond; self.eta = eta; self.secondsSinceLastByte = secondsSinceLastByte
        self.message = message
    }

    /// 0…1 of the payload; during hashing the hashed fraction. nil when the total is unknown.
    /// An empty transfer is 1 once finished and 0 before.
    public var fraction: Double? {
        guard let total = bytesTotal else { return phase == .finished ? 1 : nil }
        if total <= 0 { return phase == .finished ? 1 : 0 }
        let done = phase == .hashing ? hashedBytes : bytesDone
        return min(1, max(0, Double(done) / Double(total)))
    }

    /// No byte for `stallSeconds` while active.
    public var isStalled: Bool { phase.isActive && secondsSinceLastByte >= Self.stallSeconds }
}

/// What a finished download produced.
public struct DownloadResult: Sendable, Equatable {
    /// The final file (for a directory destination: `<dir>/<id>.<ext>`).
    public var path: URL
    public var bytes: Int64
    /// Base64 MD5 of the bytes written, equal to the server's `Digest`.
    public var digestMD5: String
    /// `X-Tidepool-Trace-Request` of the response (for support tickets).
    public var traceId: String?
    /// `Content-Type` the server sent.
    public var mediaType: String?

    public init(path: URL, bytes: Int64, digestMD5: String, traceId: String?, mediaType: String?) {
        self.path = path; self.bytes = bytes; self.digestMD5 = digestMD5; self.traceId = traceId; self.mediaType = mediaType
    }
}
