/// What a request does, in words a support person understands; derived from method and path.
/// Used for error hints and to know which endpoints only a service account may call.
public enum APIOperation: String, Sendable, CaseIterable {
    case login, refreshSession, logout, currentUser, tokenInfo
    case listBlobs, createBlob, deleteAllBlobs, getBlob, downloadBlob, deleteBlob
    case listDeviceLogs, uploadDeviceLogs, getDeviceLogs, downloadDeviceLogs
    case sharedUsers, accessGroups, clinicianClinics, clinicPatients
    case other

    public static func classify(method: String, path: String) -> APIOperation {
        let p = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let m = method.uppercased()
        switch (m, p.count) {
        case ("POST", 2) where p == ["auth", "login"]: return .login
        case ("GET", 2) where p == ["auth", "login"]: return .refreshSession
        case ("POST", 2) where p == ["auth", "logout"]: return .logout
        case ("GET", 2) where p == ["auth", "user"]: return .currentUser
        case ("GET", 2) where p == ["auth", "token"]: return .tokenInfo
        default: break
        }
        guard p.first == "v1" || p.first == "metadata" || p.first == "access" else { return .other }
        switch (m, p.count, p.count > 1 ? p[1] : "", p.last ?? "") {
        case ("GET", 4, "users", "blobs"): return .listBlobs
        case ("POST", 4, "users", "blobs"): return .createBlob
        case ("DELETE", 4, "users", "blobs"): return .deleteAllBlobs
        case ("GET", 3, "blobs", _): return .getBlob
        case ("DELETE", 3, "blobs", _): return .deleteBlob
        case ("GET", 4, "blobs", "content"): return .downloadBlob
        case ("GET", 4, "users", "device_logs"): return .listDeviceLogs
        case ("POST", 4, "users", "device_logs"): return .uploadDeviceLogs
        case ("GET", 3, "device_logs", _): return .getDeviceLogs
        case ("GET", 4, "device_logs", "content"): return .downloadDeviceLogs
        case ("GET", 4, "users", "users") where p[0] == "metadata": return .sharedUsers
        case ("GET", 3, "groups", _) where p[0] == "access": return .accessGroups
        case ("GET", 4, "clinicians", "clinics"): return .clinicianClinics
        case ("GET", 4, "clinics", "patients"): return .clinicPatients
        default: return .other
        }
    }

    /// Endpoints the real blob service answers with 403 for every non-service caller (even the owner).
    public var isServiceOnly: Bool {
        switch self {
        case .listBlobs, .deleteAllBlobs, .getBlob, .downloadBlob, .deleteBlob: return true
        default: return false
        }
    }

    /// "listing blobs", "downloading a blob"…
    public var words: String {
        switch self {
        case .login: return "signing in"
        case .refreshSession: return "renewing the session"
        case .logout: return "signing out"
        case .currentUser: return "looking up the signed-in account"
        case .tokenInfo: return "looking up the session token"
        case .listBlobs: return "listing blobs"
        case .createBlob: return "uploading a blob"
        case .deleteAllBlobs: return "deleting all blobs of a user"
        case .getBlob: return "getting blob details"
        case .downloadBlob: return "downloading a blob"
        case .deleteBlob: return "deleting a blob"
        case .listDeviceLogs: return "listing device logs"
        case .uploadDeviceLogs: return "uploading device logs"
        case .getDeviceLogs: return "getting device-log details"
        case .downloadDeviceLogs: return "downloading device logs"
        case .sharedUsers: return "listing shared accounts"
        case .accessGroups: return "listing access groups"
        case .clinicianClinics: return "listing clinics"
        case .clinicPatients: return "listing clinic patients"
        case .other: return "this request"
        }
    }

    var isBlobOperation: Bool {
        switch self {
        case .getBlob, .downloadBlob, .deleteBlob: return true
        default: return false
        }
    }

    var isDeviceLogOperation: Bool {
        switch self {
        case .getDeviceLogs, .downloadDeviceLogs: return true
        default: return false
        }
    }
}
