import Foundation

/// The signed-in account, as `/auth/login` and `/auth/user` return it (shoreline).
public struct User: Codable, Hashable, Sendable {
    public var userid: String
    public var username: String?
    public var emails: [String]?
    public var roles: [String]?
    public var termsAccepted: String?
    public var emailVerified: Bool?

    public init(userid: String, username: String? = nil, emails: [String]? = nil, roles: [String]? = nil,
                termsAccepted: String? = nil, emailVerified: Bool? = nil) {
        self.userid = userid; self.username = username; self.emails = emails; self.roles = roles
        self.termsAccepted = termsAccepted; self.emailVerified = emailVerified
    }
}

/// Token data from `GET /auth/login` (refresh) and `/auth/token`.
public struct TokenData: Codable, Hashable, Sendable {
    public var isserver: Bool
    public var userid: String
    public var expiresAt: Int64?
    enum CodingKeys: String, CodingKey { case isserver, userid, expiresAt = "expires_at" }
}

/// Permission names: `root` (owner), `custodian`, `view`, `note`, `upload`. Unknown names are kept.
public struct Permission: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Permission, b: Permission) -> Bool { a.rawValue < b.rawValue }
    public static let root = Permission(rawValue: "root")
    public static let custodian = Permission(rawValue: "custodian")
    public static let view = Permission(rawValue: "view")
    public static let note = Permission(rawValue: "note")
    public static let upload = Permission(rawValue: "upload")
}

/// A permission set on the wire is an object whose keys are permission names: `{"view":{},"upload":{}}`.
public struct PermissionSet: Codable, Hashable, Sendable {
    public var permissions: Set<Permission>
    public init(_ permissions: Set<Permission>) { self.permissions = permissions }
    public func contains(_ p: Permission) -> Bool { permissions.contains(p) }
    public var sorted: [Permission] { permissions.sorted() }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        permissions = Set(c.allKeys.map { Permission(rawValue: $0.stringValue) })
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for p in sorted { try c.encode([String: String](), forKey: Key(stringValue: p.rawValue)) }
    }
}

/// Profile from seagull metadata.
public struct Profile: Codable, Hashable, Sendable {
    public var fullName: String?
    public var patient: PatientProfile?
    public init(fullName: String? = nil, patient: PatientProfile? = nil) { self.fullName = fullName; self.patient = patient }
}

public struct PatientProfile: Codable, Hashable, Sendable {
    public var birthday: String?
    public var diagnosisDate: String?
    public var mrn: String?
}

/// One entry of `GET /metadata/users/{userId}/users`: an account related to the signed-in one.
public struct SharedUser: Codable, Hashable, Sendable {
    public var userid: String
    public var username: String?
    public var emails: [String]?
    public var profile: Profile?
    /// What *they* granted *you*: these are the accounts whose data you can read.
    public var trustorPermissions: PermissionSet?
    /// What you granted them.
    public var trusteePermissions: PermissionSet?
}

/// `GET /access/groups/{userId}`: sharer user id → permissions, always including self with `root`.
public typealias AccessGroups = [String: PermissionSet]
