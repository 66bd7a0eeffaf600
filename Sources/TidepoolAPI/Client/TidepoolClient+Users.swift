import Foundation

/// Accounts related to the signed-in one: seagull metadata, gatekeeper access groups, clinics and their patients.
extension TidepoolClient {
    /// `GET /metadata/users/{userId}/users`: accounts related either way (not `userId` itself).
    public func sharedUsers(userId: String) async throws -> [SharedUser] {
        try TidepoolID.validateUserID(userId)
        return try await send(APIRequest(method: "GET", path: "/metadata/users/\(userId)/users"),
                              decoding: OptionalList<SharedUser>.self).items
    }

    /// `GET /access/groups/{userId}`: sharer user id → what `userId` may do on that account (self included, `root`).
    public func accessGroups(userId: String) async throws -> AccessGroups {
        try TidepoolID.validateUserID(userId)
        return try await send(APIRequest(method: "GET", path: "/access/groups/\(userId)"), decoding: AccessGroups.self)
    }

    /// `GET /v1/clinicians/{userId}/clinics?offset&limit`: one page of the clinics `userId` works at.
    public func clinicianClinics(userId: String, offset: Int = 0, limit: Int = 100) async throws -> [ClinicianClinic] {
        try TidepoolID.validateUserID(userId)
        let request = APIRequest(method: "GET", path: "/v1/clinicians/\(userId)/clinics",
                                 query: [(name: "offset", value: String(offset)), (name: "limit", value: String(limit))])
        return try await send(request, decoding: OptionalList<ClinicianClinic>.self).items
    }

    /// `GET /v1/clinics/{clinicId}/patients?offset&limit`: one page of a clinic's patients.
    public func clinicPatients(clinicId: String, offset: Int = 0, limit: Int = 100) async throws -> ClinicPatientsPage {
        let request = APIRequest(method: "GET", path: "/v1/clinics/\(APIRequest.encode(clinicId))/patients",
                                 query: [(name: "offset", value: String(offset)), (name: "limit", value: String(limit))])
        return try await send(request, decoding: ClinicPatientsPage.self)
    }

    /// All clinics of a clinician, page by page (`limit` per request).
    public func clinicPages(userId: String, limit: Int = 100) -> PagedSequence<ClinicianClinic> {
        PagedSequence(size: limit) { [self] index, size in
            try await clinicianClinics(userId: userId, offset: index * size, limit: size)
        }
    }

    /// All patients of a clinic, page by page (`limit` per request).
    public func patientPages(clinicId: String, limit: Int = 100) -> PagedSequence<ClinicPatient> {
        PagedSequence(size: limit) { [self] index, size in
            try await clinicPatients(clinicId: clinicId, offset: index * size, limit: size).data
        }
    }

    /// The accounts this session can see: itself, accounts shared with it (metadata + access groups) and the
    /// patients of its clinics, de-duplicated by user id (relations merged). Only the self lookup must succeed;
    /// a failing secondary source (e.g. no clinic service, or a service account without metadata) becomes a warning.
    public func accessibleAccounts() async throws -> AccessibleAccounts {
        let me = try await currentUser()
        var merger = AccountMerger()
        merger.add(userId: me.userid, name: nil, email: me.username ?? me.emails?.first, relation: "self",
                   permissions: [Permission.root.rawValue])
        var warnings: [String] = []

        do {
            for user in try await sharedUsers(userId: me.userid) {
                guard let granted = user.trustorPermissions, !granted.permissions.isEmpty else { continue }
                merger.add(userId: user.userid, name: user.profile?.fullName, email: user.username ?? user.emails?.first,
                           relation: "shared", permissions: granted.sorted.map(\.rawValue))
            }
        } catch let error as APIError { warnings.append("shared accounts: \(error.description)") }

        do {
            for (sharer, set) in try await accessGroups(userId: me.userid) where sharer != me.userid {
                merger.add(userId: sharer, name: nil, email: nil, relation: "shared", permissions: set.sorted.map(\.rawValue))
            }
        } catch let error as APIError { warnings.append("access groups: \(error.description)") }

        do {
            for try await page in clinicPages(userId: me.userid) {
                for entry in page {
                    for try await patients in patientPages(clinicId: entry.clinic.id) {
                        for p in patients {
                            merger.add(userId: p.id, name: p.fullName, email: p.email, relation: "clinic",
                                       permissions: p.permissions?.sorted.map(\.rawValue) ?? [], clinic: entry.clinic.name)
                        }
                    }
                }
            }
        } catch let error as APIError { warnings.append("clinics: \(error.description)") }

        return AccessibleAccounts(accounts: merger.accounts, warnings: warnings)
    }
}

/// One account the session can see, with how (self / shared / clinic) and what it may do there.
public struct AccessibleAccount: Codable, Hashable, Sendable {
    public var userId: String
    public var fullName: String?
    public var email: String?
    /// `self`, `shared`, `clinic` (each at most once, in that order).
    public var relations: [String]
    /// Permission names, sorted (`root` for self; clinic patients' permissions as the clinic lists them).
    public var permissions: [String]
    /// Names of the clinics through which the account is visible.
    public var clinics: [String]

    public init(userId: String, fullName: String? = nil, email: String? = nil, relations: [String] = [],
                permissions: [String] = [], clinics: [String] = []) {
        self.userId = userId; self.fullName = fullName; self.email = email
        self.relations = relations; self.permissions = permissions; self.clinics = clinics
    }
}

/// The result of `accessibleAccounts()`: accounts (self first, then by name/email/id) and per-source warnings.
public struct AccessibleAccounts: Codable, Hashable, Sendable {
    public var accounts: [AccessibleAccount]
    public var warnings: [String]
}

struct AccountMerger {
    private var byId: [String: AccessibleAccount] = [:]
    private var order: [String] = []

    mutating func add(userId: String, name: String?, email: String?, relation: String, permissions: [String], clinic: String? = nil) {
        var account = byId[userId] ?? AccessibleAccount(userId: userId)
        if byId[userId] == nil { order.append(userId) }
        if account.fullName == nil, let name, !name.isEmpty { account.fullName = name }
        if account.email == nil, let email, !email.isEmpty { account.email = email }
        if !account.relations.contains(relation) { account.relations.append(relation) }
        account.relations.sort { Self.rank($0) < Self.rank($1) }
        account.permissions = Array(Set(account.permissions).union(permissions)).sorted()
        if let clinic, !account.clinics.contains(clinic) { account.clinics.append(clinic) }
        byId[userId] = account
    }

    var accounts: [AccessibleAccount] {
        let all = order.compactMap { byId[$0] }
        guard let first = all.first else { return [] }
        let rest = all.dropFirst().sorted {
            let a = ($0.fullName ?? $0.email ?? $0.userId).lowercased(), b = ($1.fullName ?? $1.email ?? $1.userId).lowercased()
            return a == b ? $0.userId < $1.userId : a < b
        }
        return [first] + rest
    }

    static func rank(_ relation: String) -> Int { ["self": 0, "shared": 1, "clinic": 2][relation] ?? 3 }
}

/// A JSON array that may come as `null`.
struct OptionalList<Item: Decodable>: Decodable {
    var items: [Item]
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        items = c.decodeNil() ? [] : try c.decode([Item].self)
    }
}
