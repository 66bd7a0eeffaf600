/// A blob's metadata row (`blob.Blob`).
struct BlobRecord: Sendable, Equatable {
    var id: String
    var userId: String
    var mediaType: String
    var digestMD5: String?
    var size: Int64?
    var status: String
    var createdTime: Int64
    var modifiedTime: Int64?
    var revision: Int64

    /// Field order of `blob.Blob` in the platform (`omitempty` pointers).
    var json: JSONText {
        .members([
            ("id", .string(id)), ("userId", .string(userId)), ("digestMD5", digestMD5.map(JSONText.string)),
            ("mediaType", .string(mediaType)), ("size", size.map(JSONText.int)), ("status", .string(status)),
            ("createdTime", .string(WireTime.format(createdTime))),
            ("modifiedTime", modifiedTime.map { .string(WireTime.format($0)) }),
            ("revision", .int(revision)),
        ])
    }
}

/// A device-logs metadata row (`blob.DeviceLogsBlob`).
struct DeviceLogRecord: Sendable, Equatable {
    var id: String
    var userId: String
    var mediaType: String
    var digestMD5: String
    var size: Int64
    var createdTime: Int64
    var startAtTime: Int64
    var endAtTime: Int64
    var revision: Int64

    var json: JSONText {
        .members([
            ("id", .string(id)), ("userId", .string(userId)), ("digestMD5", .string(digestMD5)),
            ("mediaType", .string(mediaType)), ("size", .int(size)),
            ("createdTime", .string(WireTime.format(createdTime))),
            ("startAtTime", .string(WireTime.format(startAtTime))),
            ("endAtTime", .string(WireTime.format(endAtTime))),
            ("revision", .int(revision)),
        ])
    }
}

enum ContentKind: String, Sendable {
    case blobs
    case logs
}
