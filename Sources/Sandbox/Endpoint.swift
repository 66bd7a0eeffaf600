import HTTPTypes

/// The routes the sandbox serves, matched on path segments like go-json-rest's router:
/// an unknown path is a 404, a known path with another method a 405.
enum Endpoint: Sendable, Equatable {
    case userBlobs(String), userDeviceLogs(String)
    case blob(String), blobContent(String)
    case deviceLog(String), deviceLogContent(String)
    case authLogin, authLogout, authUser(String?), authToken(String?)
    case metadataUsers(String), accessGroups(String)
    case clinicianClinics(String), clinicPatients(String)
    case adminFaults

    /// Belongs to the blob service (platform error formats, authenticator middleware).
    var isBlobService: Bool {
        switch self {
        case .userBlobs, .userDeviceLogs, .blob, .blobContent, .deviceLog, .deviceLogContent: return true
        default: return false
        }
    }

    static func match(path: String) -> (Endpoint, [HTTPRequest.Method])? {
        guard path.hasPrefix("/") else { return nil }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            QueryParameters.unescapePath($0) ?? String($0)
        }
        guard !segments.contains(where: \.isEmpty) else { return nil }
        switch segments.count {
        case 2:
            switch (segments[0], segments[1]) {
            case ("auth", "login"): return (.authLogin, [.get, .post])
            case ("auth", "logout"): return (.authLogout, [.post])
            case ("auth", "user"): return (.authUser(nil), [.get])
            case ("auth", "token"): return (.authToken(nil), [.get])
            case ("_sandbox", "faults"): return (.adminFaults, [.get, .put])
            default: return nil
            }
        case 3:
            switch (segments[0], segments[1]) {
            case ("v1", "blobs"): return (.blob(segments[2]), [.get, .delete])
            case ("v1", "device_logs"): return (.deviceLog(segments[2]), [.get])
            case ("auth", "user"): return (.authUser(segments[2]), [.get])
            case ("auth", "token"): return (.authToken(segments[2]), [.get])
            case ("access", "groups"): return (.accessGroups(segments[2]), [.get])
            default: return nil
            }
        case 4:
            switch (segments[0], segments[1], segments[3]) {
            case ("v1", "users", "blobs"): return (.userBlobs(segments[2]), [.get, .post, .delete])
            case ("v1", "users", "device_logs"): return (.userDeviceLogs(segments[2]), [.get, .post])
            case ("v1", "blobs", "content"): return (.blobContent(segments[2]), [.get])
            case ("v1", "device_logs", "content"): return (.deviceLogContent(segments[2]), [.get])
            case ("metadata", "users", "users"): return (.metadataUsers(segments[2]), [.get])
            case ("v1", "clinicians", "clinics"): return (.clinicianClinics(segments[2]), [.get])
            case ("v1", "clinics", "patients"): return (.clinicPatients(segments[2]), [.get])
            default: return nil
            }
        default:
            return nil
        }
    }
}

extension QueryParameters {
    /// Percent-decoding for path segments (`+` stays `+`).
    static func unescapePath(_ text: Substring) -> String? {
        unescape(text, plusAsSpace: false)
    }
}
