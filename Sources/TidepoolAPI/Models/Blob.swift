import Foundation

/// A blob's status: `created` (no content yet) or `available`. Unknown values are kept, not rejected.
public struct BlobStatus: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws { var c = encoder.singleValueContainer(); try c.encode(rawValue) }
    public var description: String { rawValue }
    public static let created = BlobStatus(rawValue: "created")
    public static let available = BlobStatus(rawValue: "available")
}

/// Blob metadata (`blob/models/metadata.v1.yaml`). `digestMD5` and `size` are absent while status is `created`.
public struct Blob: Codable, Hashable, Sendable, Identifiable {
    public var id: String
    public var userId: String
    public var digestMD5: String?
    public var mediaType: String
    public var size: Int64?
    public var status: BlobStatus
    public var createdTime: Date
    public var modifiedTime: Date?
    public var deletedTime: Date?
    public var revision: Int

    public init(id: String, userId: String, digestMD5: String?, mediaType: String, size: Int64?, status: BlobStatus,
                createdTime: Date, modifiedTime: Date? = nil, deletedTime: Date? = nil, revision: Int) {
        self.id = id; self.userId = userId; self.digestMD5 = digestMD5; self.mediaType = mediaType
        self.size = size; self.status = status; self.createdTime = createdTime
        self.modifiedTime = modifiedTime; self.deletedTime = deletedTime; self.revision = revision
    }
}

extension Blob {
    /// As synthesized, plus: `size` and `revision` must not be negative.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        userId = try c.decode(String.self, forKey: .userId)
        digestMD5 = try c.decodeIfPresent(String.self, forKey: .digestMD5)
        mediaType = try c.decode(String.self, forKey: .mediaType)
        size = try ModelValidation.nonNegative(optional: c.decodeIfPresent(Int64.self, forKey: .size), .size, in: c)
        status = try c.decode(BlobStatus.self, forKey: .status)
        createdTime = try c.decode(Date.self, forKey: .createdTime)
        modifiedTime = try c.decodeIfPresent(Date.self, forKey: .modifiedTime)
        deletedTime = try c.decodeIfPresent(Date.self, forKey: .deletedTime)
        revision = try ModelValidation.nonNegative(c.decode(Int.self, forKey: .revision), .revision, in: c)
    }
}
