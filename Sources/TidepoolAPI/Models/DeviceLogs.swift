import Foundation

/// Metadata of one device-logs chunk (real server fields: the spec's `startAt`/`endAt` are wrong).
public struct DeviceLogsMetadata: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var userId: String
    public var digestMD5: String
    public var mediaType: String
    public var size: Int64
    public var createdTime: Date
    public var startAtTime: Date
    public var endAtTime: Date
    public var revision: Int?

    public init(id: String, userId: String, digestMD5: String, mediaType: String, size: Int64, createdTime: Date,
                startAtTime: Date, endAtTime: Date, revision: Int? = nil) {
        self.id = id; self.userId = userId; self.digestMD5 = digestMD5; self.mediaType = mediaType; self.size = size
        self.createdTime = createdTime; self.startAtTime = startAtTime; self.endAtTime = endAtTime; self.revision = revision
    }
}

extension DeviceLogsMetadata {
    /// As synthesized, plus: `size` and `revision` must not be negative.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        userId = try c.decode(String.self, forKey: .userId)
        digestMD5 = try c.decode(String.self, forKey: .digestMD5)
        mediaType = try c.decode(String.self, forKey: .mediaType)
        size = try ModelValidation.nonNegative(c.decode(Int64.self, forKey: .size), .size, in: c)
        createdTime = try c.decode(Date.self, forKey: .createdTime)
        startAtTime = try c.decode(Date.self, forKey: .startAtTime)
        endAtTime = try c.decode(Date.self, forKey: .endAtTime)
        revision = try ModelValidation.nonNegative(optional: c.decodeIfPresent(Int.self, forKey: .revision), .revision, in: c)
    }
}

/// The kind of a device-log entry: `send|receive|error|delegate|delegateResponse|connection`; unknown kept.
public struct DeviceLogType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
    public var description: String { rawValue }
    public static let send = DeviceLogType(rawValue: "send")
    public static let receive = DeviceLogType(rawValue: "receive")
    public static let error = DeviceLogType(rawValue: "error")
    public static let delegate = DeviceLogType(rawValue: "delegate")
    public static let delegateResponse = DeviceLogType(rawValue: "delegateResponse")
    public static let connection = DeviceLogType(rawValue: "connection")
    public static let known: [DeviceLogType] = [.send, .receive, .error, .delegate, .delegateResponse, .connection]
}

/// One entry of a device-logs chunk (the content is a JSON array of these).
public struct DeviceLogEntry: Codable, Hashable, Sendable {
    public var type: DeviceLogType
    public var managerIdentifier: String
    public var deviceIdentifier: String
    public var timestamp: Date
    public var message: String

    public init(type: DeviceLogType, managerIdentifier: String, deviceIdentifier: String, timestamp: Date, message: String) {
        self.type = type; self.managerIdentifier = managerIdentifier; self.deviceIdentifier = deviceIdentifier
        self.timestamp = timestamp; self.message = message
    }
}

/// The device-logs list: the real server answers `null` for an empty list.
public struct DeviceLogsList: Decodable, Sendable {
    public var items: [DeviceLogsMetadata]
    public init(items: [DeviceLogsMetadata]) { self.items = items }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        items = c.decodeNil() ? [] : try c.decode([DeviceLogsMetadata].self)
    }
}
