/// A login the sandbox accepts, as tests and the CLI banner need it.
public struct SandboxAccount: Sendable, Equatable {
    public let email: String
    public let password: String
    public let userId: String
    public let fullName: String
    public let isService: Bool
    /// `service`, `clinician`, `patient`, `custodian`, `viewer` for the demo accounts; for an
    /// accounts file `service`, `clinician` (member of a clinic) or `user`.
    public let role: String
}

extension SandboxServer {
    /// The fixed demo accounts with their user ids.
    public static let demoAccounts: [SandboxAccount] = DemoAccounts.all.map {
        SandboxAccount(email: $0.account.email, password: $0.account.password, userId: $0.account.userId,
                       fullName: $0.account.fullName, isService: $0.account.isService, role: $0.role)
    }

    /// The demo clinic ("Tideblob Demo Clinic").
    public static let demoClinicId = DemoAccounts.clinicId

    /// The accounts this server accepts (demo accounts or the accounts file).
    public var accounts: [SandboxAccount] {
        let directory = core.directory
        if configuration.accountsFile == nil { return Self.demoAccounts }
        let clinicians = Set(directory.clinics.flatMap(\.clinicians))
        return directory.accounts.map { account in
            SandboxAccount(email: account.email, password: account.password, userId: account.userId,
                           fullName: account.fullName, isService: account.isService,
                           role: account.isService ? "service" : clinicians.contains(account.userId) ? "clinician" : "user")
        }
    }
}
