/// Words for a support person, chosen from the status, the server's error code and the endpoint.
enum ErrorHints {
    static let blobSizeLimit: Int64 = 104_857_600

    static func hint(for error: APIError, session: Session?) -> String? {
        let operation = APIOperation.classify(method: error.method, path: error.path)
        switch error.kind {
        case .http(let status): return httpHint(status: status, error: error, operation: operation, session: session)
        case .transport(let code, let message): return transportHint(curlCode: code, message: message)
        default: return nil
        }
    }

    static func httpHint(status: Int, error: APIError, operation: APIOperation, session: Session?) -> String? {
        let code = error.serverCode
        let isRouteMiss = error.serverErrors.contains { $0.code == nil && $0.detail == "Resource not found" }
        switch status {
        case 400:
            if code == "digests-not-equal" { return "the content was changed in transit (digest mismatch); try again" }
            if let parameter = error.serverErrors.first(where: { $0.sourceParameter != nil })?.sourceParameter {
                return "the server rejected the \"\(parameter)\" parameter"
            }
            if operation == .login { return "email and password are both needed" }
            return "the server rejected the request as invalid"
        case 401:
            if operation == .login { return "wrong email or password" }
            if session == nil { return "not signed in; run `tideblob login`" }
            return "session expired or invalid; run `tideblob login`"
        case 403:
            if operation == .login { return "this account's email address is not verified yet" }
            if operation.isServiceOnly {
                let need = "\(operation.words) needs a service account"
                switch session?.isService {
                case .some(true): return "\(need); this service session was refused (expired? run `tideblob login`)"
                case .some(false): return "\(need); this session is a user session"
                case .none:
                    if session == nil { return "\(need); not signed in (run `tideblob login`)" }
                    return "\(need); this session is a user session (or its token expired: run `tideblob login`)"
                }
            }
            if operation == .createBlob || operation == .uploadDeviceLogs {
                return "this account may not upload to that user (it needs upload, custodian or owner rights)"
            }
            if session == nil { return "not signed in; run `tideblob login`" }
            return "this account has no access to that user's data (the owner must share it, or use a clinic/service account)"
        case 404:
            if isRouteMiss { return "this server has no such endpoint (wrong --url or --env?)" }
            if operation == .deleteBlob, error.path.contains("revision") || error.serverErrors.contains(where: { ($0.detail ?? "").hasPrefix("revision") }) {
                return "no blob with that id at that revision (it was changed or deleted)"
            }
            if operation.isBlobOperation { return "no such blob (it may have been deleted)" }
            if operation.isDeviceLogOperation { return "no such device-log chunk, or no access to it" }
            if operation == .currentUser || operation == .sharedUsers || operation == .accessGroups { return "no such user" }
            if operation == .clinicPatients || operation == .clinicianClinics { return "no such clinic or clinician" }
            return "not found"
        case 405:
            return "the server does not allow \(error.method) on this path (wrong --url or an older server?)"
        case 413:
            return "too large: the service accepts at most \(blobSizeLimit) bytes (100 MiB) per upload"
        case 429:
            return "too many requests; wait a minute and try again"
        case 500:
            if operation.isDeviceLogOperation {
                return "the service answers 500 here when this account has no access to the log's owner; otherwise a server fault (report the trace id)"
            }
            return "the server failed; try again later and report the trace id if it persists"
        case 502, 503, 504:
            return "the service is unavailable or overloaded; try again in a few minutes"
        default:
            return nil
        }
    }

    static func transportHint(curlCode: Int32, message: String) -> String? {
        switch curlCode {
        case 1, 3: return "the URL is not usable; check --url"
        case 5: return "could not resolve the proxy; check the proxy settings"
        case 6: return "DNS lookup failed: check the host name and the network"
        case 7: return "connection refused or unreachable: is the server running and the URL/port right?"
        case 18: return "the server closed the connection before the whole response arrived; try again"
        case 23: return "could not write the received data locally"
        case 26: return "could not read the local data to send"
        case 28:
            if message.lowercased().contains("too slow") {
                return "the transfer stalled (no data flowing); check the network and try again"
            }
            return "timed out waiting for the server; check the network and try again"
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91:
            return "TLS failed (certificate not trusted or handshake refused): check the URL, the system clock, or a proxy intercepting HTTPS"
        case 47: return "too many redirects"
        case 52: return "the server closed the connection without answering"
        case 55: return "the connection broke while sending (reset by the server or the network)"
        case 56: return "the connection broke while receiving (reset by the server or the network)"
        case 61: return "the server sent a response encoding tideblob cannot decode"
        case 16, 92: return "HTTP/2 protocol failure; try again"
        default: return nil
        }
    }
}
