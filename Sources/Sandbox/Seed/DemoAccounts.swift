/// The fixed demo accounts (used when no accounts file is given).
///
/// | email | password | user id | role |
/// |---|---|---|---|
/// | support@tideblob.demo | demo-support | 5e7c0de000 | service (support): server tokens, sees every patient |
/// | clinician@tideblob.demo | demo-clinician | c1f1c1a000 | clinician of "Tideblob Demo Clinic" (65f1c0ffee00000000000001) |
/// | zoe@tideblob.demo | demo-patient | 20e0a1b2c3 | patient (only her own data) |
/// | jose@tideblob.demo | demo-patient | 3f2c9a4e-8b1d-4c7e-9a6f-2d5b8e1c0a47 | patient |
/// | lee@tideblob.demo | demo-patient | 1ee0b7c4d5 | patient |
/// | mallory@tideblob.demo | demo-patient | 3a11025bad | patient with a hostile name |
/// | parent@tideblob.demo | demo-parent | 9a7e0f1d2c | custodian of Zoë, upload on José |
/// | viewer@tideblob.demo | demo-viewer | 7e1e7e1e00 | view + note on Zoë and 李小龍 |
enum DemoAccounts {
    struct Entry: Sendable {
        let account: Account
        let role: String
    }

    static let supportId = "5e7c0de000"
    static let clinicianId = "c1f1c1a000"
    static let zoeId = "20e0a1b2c3"
    static let joseId = "3f2c9a4e-8b1d-4c7e-9a6f-2d5b8e1c0a47"
    static let leeId = "1ee0b7c4d5"
    static let malloryId = "3a11025bad"
    static let parentId = "9a7e0f1d2c"
    static let viewerId = "7e1e7e1e00"
    static let clinicId = "65f1c0ffee00000000000001"

    static let patientIds = [zoeId, joseId, leeId, malloryId]
    static let malloryName = "Mallory \u{1B}]0;pwned\u{07}\u{1B}[31mRed\u{9B}2J\r\u{202E}evil"

    static let all: [Entry] = [
        Entry(account: Account(email: "support@tideblob.demo", password: "demo-support", userId: supportId,
                               fullName: "Tideblob Support", isService: true,
                               shares: Dictionary(uniqueKeysWithValues: patientIds.map { ($0, [Permission.view]) })),
              role: "service"),
        Entry(account: Account(email: "clinician@tideblob.demo", password: "demo-clinician", userId: clinicianId,
                               fullName: "Dr. Ada Clinician", isService: false), role: "clinician"),
        Entry(account: Account(email: "zoe@tideblob.demo", password: "demo-patient", userId: zoeId,
                               fullName: "Zoë Ångström", isService: false, birthday: "2012-03-14"), role: "patient"),
        Entry(account: Account(email: "jose@tideblob.demo", password: "demo-patient", userId: joseId,
                               fullName: "José Núñez", isService: false, birthday: "1987-11-02"), role: "patient"),
        Entry(account: Account(email: "lee@tideblob.demo", password: "demo-patient", userId: leeId,
                               fullName: "李小龍", isService: false, birthday: "1990-07-20"), role: "patient"),
        Entry(account: Account(email: "mallory@tideblob.demo", password: "demo-patient", userId: malloryId,
                               fullName: malloryName, isService: false, birthday: "1999-09-09"), role: "patient"),
        Entry(account: Account(email: "parent@tideblob.demo", password: "demo-parent", userId: parentId,
                               fullName: "Pat Parent", isService: false,
                               shares: [zoeId: [.custodian, .view, .upload], joseId: [.upload]]), role: "custodian"),
        Entry(account: Account(email: "viewer@tideblob.demo", password: "demo-viewer", userId: viewerId,
                               fullName: "Vic Viewer", isService: false,
                               shares: [zoeId: [.view, .note], leeId: [.view]]), role: "viewer"),
    ]

    static var directory: AccountDirectory {
        AccountDirectory(
            accounts: all.map(\.account),
            clinics: [Clinic(id: clinicId, name: "Tideblob Demo Clinic", clinicians: [clinicianId, supportId],
                             patients: [zoeId, joseId, leeId, malloryId])])
    }
}
