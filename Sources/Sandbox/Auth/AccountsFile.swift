import Foundation

/// The `--accounts FILE` format:
/// ```json
/// {"accounts":[{"email":"…","password":"…","userId":"<10 hex or UUID>","fullName":"…","service":false,
///               "shares":{"<otherUserId>":["view","upload","note","custodian"]}}],
///  "clinics":[{"id":"<24 hex>","name":"…","clinicians":["<userId>"],"patients":["<userId>"]}]}
/// ```
/// `shares` lists what this account may do on the other account's data. Optional per account:
/// `emailVerified` (default true), `birthday` (`YYYY-MM-DD`).
enum AccountsFile {
    private struct FileAccount: Decodable {
        var email: String
        var password: String
        var userId: String
        var fullName: String
        var service: Bool?
        var emailVerified: Bool?
        var birthday: String?
        var shares: [String: [String]]?
    }

    private struct FileClinic: Decodable {
        var id: String
        var name: String
        var clinicians: [String]?
        var patients: [String]?
    }

    private struct File: Decodable {
        var accounts: [FileAccount]
        var clinics: [FileClinic]?
    }

    static func load(_ url: URL) throws -> AccountDirectory {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SandboxError.invalidAccountsFile("cannot read \(url.path): \(error.localizedDescription)")
        }
        return try parse(data)
    }

    static func parse(_ data: Data) throws -> AccountDirectory {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw SandboxError.invalidAccountsFile("not valid JSON in the expected shape: \(error)")
        }
        var accounts: [Account] = []
        for entry in file.accounts {
            guard Identifiers.isValidUserId(entry.userId) else {
                throw SandboxError.invalidAccountsFile("account \(entry.email): userId \"\(entry.userId)\" is not 10 hex digits or a UUID")
            }
            guard !accounts.contains(where: { $0.userId == entry.userId || $0.email.lowercased() == entry.email.lowercased() }) else {
                throw SandboxError.invalidAccountsFile("duplicate account \(entry.email) / \(entry.userId)")
            }
            var shares: [String: Set<Permission>] = [:]
            for (other, names) in entry.shares ?? [:] {
                var set: Set<Permission> = []
                for name in names {
                    guard let permission = Permission(rawValue: name), permission != .root else {
                        throw SandboxError.invalidAccountsFile("account \(entry.email): unknown permission \"\(name)\"")
                    }
                    set.insert(permission)
                }
                shares[other] = set
            }
            accounts.append(Account(email: entry.email, password: entry.password, userId: entry.userId,
                                    fullName: entry.fullName, isService: entry.service ?? false,
                                    emailVerified: entry.emailVerified ?? true, shares: shares, birthday: entry.birthday))
        }
        for account in accounts {
            for other in account.shares.keys where !accounts.contains(where: { $0.userId == other }) {
                throw SandboxError.invalidAccountsFile("account \(account.email): shares name unknown user \(other)")
            }
        }
        var clinics: [Clinic] = []
        for entry in file.clinics ?? [] {
            guard Identifiers.isValidClinicId(entry.id) else {
                throw SandboxError.invalidAccountsFile("clinic \(entry.name): id \"\(entry.id)\" is not 24 hex digits")
            }
            let members = (entry.clinicians ?? []) + (entry.patients ?? [])
            for member in members where !accounts.contains(where: { $0.userId == member }) {
                throw SandboxError.invalidAccountsFile("clinic \(entry.name): unknown user \(member)")
            }
            clinics.append(Clinic(id: entry.id, name: entry.name, clinicians: entry.clinicians ?? [],
                                  patients: entry.patients ?? []))
        }
        return AccountDirectory(accounts: accounts, clinics: clinics)
    }
}
