/// Permission names as gatekeeper spells them.
enum Permission: String, Sendable, CaseIterable, Codable {
    case root, custodian, view, upload, note
}

/// One sandbox account (the user plus what it may do on other accounts' data).
struct Account: Sendable, Equatable {
    var email: String
    var password: String
    var userId: String
    var fullName: String
    var isService: Bool
    var emailVerified: Bool = true
    /// What this account may do on the other account's data, keyed by the other user id.
    var shares: [String: Set<Permission>] = [:]
    var birthday: String?
    var createdMilliseconds: Int64 = 1_704_067_200_000
}

struct Clinic: Sendable, Equatable {
    var id: String
    var name: String
    var clinicians: [String]
    var patients: [String]
    var createdMilliseconds: Int64 = 1_704_067_200_000
}

/// The accounts and clinics the sandbox knows, with gatekeeper-like permission lookups.
struct AccountDirectory: Sendable {
    let accounts: [Account]
    let clinics: [Clinic]
    /// Clinic-derived permissions a clinician holds on the clinic's patients.
    static let clinicPermissions: Set<Permission> = [.view, .upload, .note]

    init(accounts: [Account], clinics: [Clinic]) {
        self.accounts = accounts
        self.clinics = clinics
    }

    func account(id: String) -> Account? { accounts.first { $0.userId == id } }

    func account(idOrEmail key: String) -> Account? {
        accounts.first { $0.userId == key || $0.email.lowercased() == key.lowercased() }
    }

    func account(email: String) -> Account? { accounts.first { $0.email.lowercased() == email.lowercased() } }

    /// Direct user→user permissions `requester` holds on `target` (not self, not clinics).
    func directPermissions(of requester: String, on target: String) -> Set<Permission> {
        account(id: requester)?.shares[target] ?? []
    }

    /// Clinic-derived permissions `requester` holds on `target`.
    func clinicPermissions(of requester: String, on target: String) -> Set<Permission> {
        clinics.contains { $0.clinicians.contains(requester) && $0.patients.contains(target) } ? Self.clinicPermissions : []
    }

    /// What gatekeeper's `GET /access/{target}/{requester}` would answer; nil = no relationship (404).
    func permissions(of requester: String, on target: String) -> Set<Permission>? {
        if requester == target { return [.root] }
        let all = directPermissions(of: requester, on: target).union(clinicPermissions(of: requester, on: target))
        return all.isEmpty ? nil : all
    }

    func isCustodian(_ requester: String, of target: String) -> Bool {
        directPermissions(of: requester, on: target).contains(.custodian)
    }
}
