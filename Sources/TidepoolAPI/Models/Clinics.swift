import Foundation

/// One entry of `GET /v1/clinicians/{userId}/clinics`.
public struct ClinicianClinic: Codable, Hashable, Sendable {
    public var clinician: Clinician?
    public var clinic: Clinic
}

public struct Clinician: Codable, Hashable, Sendable {
    public var id: String?
    public var email: String?
    public var name: String?
    public var roles: [String]?
}

public struct Clinic: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var shareCode: String?
}

/// A clinic's patient (`clinic/models/patient.v1.yaml`): `id` is the Tidepool user id.
public struct ClinicPatient: Codable, Hashable, Sendable {
    public var id: String
    public var fullName: String
    public var birthDate: String?
    public var email: String?
    public var mrn: String?
    public var permissions: PermissionSet?
}

/// `GET /v1/clinics/{clinicId}/patients` → `{"data":[…],"meta":{"count":…,"totalCount":…}}`.
public struct ClinicPatientsPage: Codable, Hashable, Sendable {
    public struct Meta: Codable, Hashable, Sendable {
        public var count: Int?
        public var totalCount: Int?
    }
    public var data: [ClinicPatient]
    public var meta: Meta?
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        data = try c.decodeIfPresent([ClinicPatient].self, forKey: .data) ?? []
        meta = try c.decodeIfPresent(Meta.self, forKey: .meta)
    }
    enum CodingKeys: String, CodingKey { case data, meta }
}
