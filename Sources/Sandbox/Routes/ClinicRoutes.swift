import Foundation
import Hummingbird

/// The clinic service: `/v1/clinicians/{userId}/clinics`, `/v1/clinics/{clinicId}/patients`.
/// Errors use the clinic service's `{"code":<status>,"message":"…"}` shape.
struct ClinicRoutes: Sendable {
    let core: SandboxCore

    private func error(_ status: Int, _ message: String) -> Response {
        Reply.json(status, .object([("code", .int(status)), ("message", .string(message))]))
    }

    private func session(_ request: Request) -> TokenRegistry.Session? {
        guard let token = request.headers[.tidepoolSessionToken] else { return nil }
        return core.tokens.validate(token)
    }

    private func paging(_ request: Request) -> (offset: Int, limit: Int)? {
        let query = QueryParameters(request.uri.query)
        var offset = 0, limit = 10
        if let text = query.values["offset"]?.first {
            guard let value = Int(text), value >= 0 else { return nil }
            offset = value
        }
        if let text = query.values["limit"]?.first {
            guard let value = Int(text), value >= 1 else { return nil }
            limit = value
        }
        return (offset, limit)
    }

    private static func slice<T>(_ items: [T], _ offset: Int, _ limit: Int) -> [T] {
        guard offset < items.count else { return [] }
        return Array(items[offset..<min(items.count, offset + limit)])
    }

    // MARK: GET /v1/clinicians/{userId}/clinics

    func clinicianClinics(_ request: Request, userId: String) -> Response {
        guard let session = session(request) else { return error(401, "Unauthorized") }
        guard session.isServer || session.userId == userId else { return error(403, "Forbidden") }
        guard let (offset, limit) = paging(request) else { return error(400, "invalid offset or limit") }
        guard let clinician = core.directory.account(id: userId) else { return Reply.json(200, .array([])) }
        let clinics = core.directory.clinics.filter { $0.clinicians.contains(userId) }
        let entries: [JSONText] = Self.slice(clinics, offset, limit).map { clinic in
            let time = JSONText.string(WireTime.format(clinic.createdMilliseconds))
            return .object([
                ("clinician", .object([
                    ("id", .string(clinician.userId)), ("email", .string(clinician.email)),
                    ("name", .string(clinician.fullName)), ("roles", .array([.string("CLINIC_ADMIN")])),
                    ("createdTime", time), ("updatedTime", time),
                ])),
                ("clinic", .object([
                    ("id", .string(clinic.id)), ("name", .string(clinic.name)),
                    ("shareCode", .string(Self.shareCode(clinic.id))), ("clinicType", .string("provider_practice")),
                    ("tier", .string("tier0100")), ("canMigrate", .bool(false)),
                    ("createdTime", time), ("updatedTime", time),
                ])),
            ])
        }
        return Reply.json(200, .array(entries))
    }

    /// A stable `XXXX-XXXX-XXXX` share code derived from the clinic id.
    static func shareCode(_ id: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let chars = id.utf8.prefix(12).map { alphabet[Int($0) % alphabet.count] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<12])
    }

    // MARK: GET /v1/clinics/{clinicId}/patients

    func clinicPatients(_ request: Request, clinicId: String) -> Response {
        guard let session = session(request) else { return error(401, "Unauthorized") }
        guard let clinic = core.directory.clinics.first(where: { $0.id == clinicId }) else {
            return error(404, "clinic not found")
        }
        guard session.isServer || clinic.clinicians.contains(session.userId) else { return error(403, "Forbidden") }
        guard let (offset, limit) = paging(request) else { return error(400, "invalid offset or limit") }
        let patients = clinic.patients.compactMap { core.directory.account(id: $0) }
        let time = JSONText.string(WireTime.format(clinic.createdMilliseconds))
        let data: [JSONText] = Self.slice(patients, offset, limit).map { patient in
            .object([
                ("id", .string(patient.userId)), ("email", .string(patient.email)),
                ("fullName", .string(patient.fullName)), ("birthDate", .string(patient.birthday ?? "2000-01-01")),
                ("permissions", SharingRoutes.permissionsJSON(AccountDirectory.clinicPermissions)),
                ("tags", .array([])), ("connectionRequests", .object([])),
                ("createdTime", time), ("updatedTime", time),
            ])
        }
        return Reply.json(200, .object([
            ("data", .array(data)),
            ("meta", .object([("count", .int(patients.count)), ("totalCount", .int(patients.count))])),
        ]))
    }
}
