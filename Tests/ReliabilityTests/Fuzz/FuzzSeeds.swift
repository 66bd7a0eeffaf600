import Foundation
import TestSupport

/// Valid inputs to mutate: real responses of a demo sandbox (every endpoint the client decodes, and its error
/// bodies) plus hand-written shapes of the real service the sandbox does not produce.
enum FuzzSeeds {
    static func collect() async throws -> [Data] {
        let sandbox = try await SandboxHarness.start(seed: .demo)
        do {
            let seeds = try await fromSandbox(sandbox)
            await sandbox.stop()
            return seeds + fixtures
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    private static func fromSandbox(_ sandbox: SandboxHarness) async throws -> [Data] {
        var bodies: [Data] = []
        func get(_ path: String, _ token: String?, method: String = "GET") async throws -> Data {
            let headers = token.map { [("X-Tidepool-Session-Token", $0)] } ?? []
            let response = try await SandboxRawHTTP.send(port: sandbox.port, method: method, path: path, headers: headers)
            let body = Data(response.body)
            if !body.isEmpty { bodies.append(body) }
            return body
        }
        let service = try await sandbox.login(sandbox.account(role: "service"))
        let patient = sandbox.account(role: "patient")
        let patientToken = try await sandbox.login(patient)
        let clinician = sandbox.account(role: "clinician")
        let clinicianToken = try await sandbox.login(clinician)

        let auth = Data("\(patient.email):\(patient.password)".utf8).base64EncodedString()
        let login = try await SandboxRawHTTP.send(port: sandbox.port, method: "POST", path: "/auth/login",
                                                  headers: [("Authorization", "Basic \(auth)")])
        bodies.append(Data(login.body))
        _ = try await get("/auth/login", service)
        _ = try await get("/auth/token/\(service)", service)
        _ = try await get("/auth/user", patientToken)
        let blobs = try await get("/v1/users/\(patient.userId)/blobs?status=available&status=created", service)
        for id in ids(in: blobs).prefix(3) {
            _ = try await get("/v1/blobs/\(id)", service)
        }
        let logs = try await get("/v1/users/\(patient.userId)/device_logs", service)
        for id in ids(in: logs).prefix(2) {
            _ = try await get("/v1/device_logs/\(id)", service)
            _ = try await get("/v1/device_logs/\(id)/content", service)
        }
        _ = try await get("/metadata/users/\(patient.userId)/users", patientToken)
        _ = try await get("/access/groups/\(patient.userId)", patientToken)
        let clinics = try await get("/v1/clinicians/\(clinician.userId)/clinics", clinicianToken)
        for id in clinicIds(in: clinics) {
            _ = try await get("/v1/clinics/\(id)/patients", clinicianToken)
        }
        // Error bodies: 400, 401, 403, 404, 405.
        _ = try await get("/v1/blobs/not-an-id", service)
        _ = try await get("/v1/blobs/0123456789abcdef0123456789abcdef", "kc:nope:nope")
        _ = try await get("/v1/users/\(patient.userId)/blobs", patientToken)
        _ = try await get("/v1/blobs/0123456789abcdef0123456789abcdef", service)
        _ = try await get("/v1/users/\(patient.userId)/blobs?size=0", service)
        _ = try await get("/v1/blobs/0123456789abcdef0123456789abcdef", service, method: "PUT")
        return bodies
    }

    private static func ids(in list: Data) -> [String] {
        guard case .array(let items)? = FuzzJSON.parse(list) else { return [] }
        return items.compactMap { item in
            guard case .object(let members) = item, case .string(let id)? = members.first(where: { $0.key == "id" })?.value
            else { return nil }
            return id
        }
    }

    private static func clinicIds(in list: Data) -> [String] {
        guard case .array(let items)? = FuzzJSON.parse(list) else { return [] }
        return items.compactMap { item in
            guard case .object(let members) = item, case .object(let clinic)? = members.first(where: { $0.key == "clinic" })?.value,
                  case .string(let id)? = clinic.first(where: { $0.key == "id" })?.value else { return nil }
            return id
        }
    }

    /// Shapes of the real service (research notes) and of tideblob's own files.
    static let fixtures: [Data] = [
        "null", "[]", "{}", "\"\"",
        #"{"code":401,"reason":"No user matched the given details"}"#,
        #"{"Error":"Not Found"}"#,
        #"{"errors":[{"code":"value-out-of-range","title":"value is out of range","detail":"value 0 is not between 1 and 1000","source":{"parameter":"size"}}]}"#,
        #"{"code":"unauthorized","title":"authentication token is invalid","detail":"authentication token is invalid"}"#,
        #"{"isserver":true,"userid":"0123456789","expires_at":1717419605}"#,
        #"{"id":"0123456789abcdef0123456789abcdef","userId":"abcdef0123","mediaType":"application/octet-stream","status":"created","createdTime":"2024-06-03T13:00:05.123Z","revision":0}"#,
        #"{"version":1,"sessions":{"production":{"token":"t","userId":"u","traceSession":"s","createdAt":"2024-06-03T13:00:05Z","isService":true,"expiresAt":"2024-06-03T14:00:05Z"}}}"#,
        #"{"time":"2024-06-03T13:00:05.1Z","environment":"sandbox","user":"abcdef0123","blobId":"0123456789abcdef0123456789abcdef","size":12,"revision":1,"result":"deleted","operation":"delete","traceId":"x"}"#,
        #"{"0123456789":{"root":{}},"abcdef0123":{"view":{},"upload":{}}}"#,
    ].map { Data($0.utf8) }
}
