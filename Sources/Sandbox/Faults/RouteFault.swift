import Foundation

/// An API operation a route fault can target, named after what a client does (see `Faults.swift`).
public enum SandboxOperation: String, Sendable, Codable, CaseIterable {
    case listBlobs, uploadBlob, deleteAllBlobs, blobInfo, deleteBlob, downloadBlob
    case listDeviceLogs, uploadDeviceLogs, getDeviceLogs, downloadDeviceLogs
    case login, refresh, logout, currentUser, tokenInfo
    case sharedUsers, accessGroups, clinics, clinicPatients
    /// Every route (except `/_sandbox/*`).
    case any

    /// The operation a request is, from its matched route and method; nil for unknown routes.
    static func classify(_ endpoint: Endpoint?, method: String) -> SandboxOperation? {
        guard let endpoint else { return nil }
        switch endpoint {
        case .userBlobs: return method == "GET" ? .listBlobs : method == "POST" ? .uploadBlob : .deleteAllBlobs
        case .blob: return method == "DELETE" ? .deleteBlob : .blobInfo
        case .blobContent: return .downloadBlob
        case .userDeviceLogs: return method == "POST" ? .uploadDeviceLogs : .listDeviceLogs
        case .deviceLog: return .getDeviceLogs
        case .deviceLogContent: return .downloadDeviceLogs
        case .authLogin: return method == "POST" ? .login : .refresh
        case .authLogout: return .logout
        case .authUser: return .currentUser
        case .authToken: return .tokenInfo
        case .metadataUsers: return .sharedUsers
        case .accessGroups: return .accessGroups
        case .clinicianClinics: return .clinics
        case .clinicPatients: return .clinicPatients
        case .adminFaults: return nil
        }
    }
}

/// How a route fault breaks the response of its operation.
public enum SandboxRouteFaultKind: Sendable, Hashable {
    /// `500` with the non-JSON body `upstream exploded` (the route does not run).
    case status500Text
    /// The route runs; its body is replaced by invalid JSON (a `Digest` header is recomputed to match).
    case malformedJSON
    /// The route runs; its body is cut to half its length with a matching Content-Length (valid HTTP, broken JSON;
    /// a `Digest` header is recomputed to match).
    case truncatedJSON
    /// The route runs; every JSON string becomes a number and every number/bool a string (Digest recomputed).
    case wrongTypes
    /// The route runs; the answer becomes `200` with an empty body (other headers, `Digest` included, kept).
    case emptyOK
    /// The route runs; a `Digest` header, or else a `digestMD5` field of a JSON object body, is made wrong.
    case wrongDigest
    /// The route runs; the full Content-Length is announced, `bytes` body bytes are sent (at most all but one),
    /// then the connection is dropped.
    case cutAfter(bytes: Int)
    /// The route runs; the head goes out at once, then one body byte every `intervalMilliseconds`
    /// (2000 = 0.5 byte/s: below a 1 byte/s stall limit).
    case drip(intervalMilliseconds: Int)
    /// The caller's token expires now and `GET /auth/login` refuses it with `401` (the route then answers as it
    /// does for an expired token).
    case refreshFails

    public var name: String {
        switch self {
        case .status500Text: return "status500Text"
        case .malformedJSON: return "malformedJSON"
        case .truncatedJSON: return "truncatedJSON"
        case .wrongTypes: return "wrongTypes"
        case .emptyOK: return "emptyOK"
        case .wrongDigest: return "wrongDigest"
        case .cutAfter: return "cutAfter"
        case .drip: return "drip"
        case .refreshFails: return "refreshFails"
        }
    }

    /// The numeric parameter of `cutAfter` / `drip`.
    public var parameter: Int? {
        switch self {
        case .cutAfter(let bytes): return bytes
        case .drip(let interval): return interval
        default: return nil
        }
    }

    /// From a name and an optional parameter (`cutAfter` needs bytes ≥ 0; `drip` defaults to 2000 ms).
    public init?(name: String, parameter: Int?) {
        switch name {
        case "status500Text": self = .status500Text
        case "malformedJSON": self = .malformedJSON
        case "truncatedJSON": self = .truncatedJSON
        case "wrongTypes": self = .wrongTypes
        case "emptyOK": self = .emptyOK
        case "wrongDigest": self = .wrongDigest
        case "cutAfter":
            guard let bytes = parameter, bytes >= 0 else { return nil }
            self = .cutAfter(bytes: bytes)
        case "drip":
            let interval = parameter ?? 2000
            guard interval > 0 else { return nil }
            self = .drip(intervalMilliseconds: interval)
        case "refreshFails": self = .refreshFails
        default: return nil
        }
    }

    public static let names = ["status500Text", "malformedJSON", "truncatedJSON", "wrongTypes", "emptyOK",
                               "wrongDigest", "cutAfter", "drip", "refreshFails"]
}

/// One route-scoped fault: every response of `operation` is broken the `kind` way until the fault is removed.
/// JSON form: `{"operation":"listBlobs","fault":"cutAfter","parameter":100}` (`parameter` only for cutAfter/drip).
public struct SandboxRouteFault: Sendable, Equatable, Codable {
    public var operation: SandboxOperation
    public var kind: SandboxRouteFaultKind

    public init(_ operation: SandboxOperation, _ kind: SandboxRouteFaultKind) {
        self.operation = operation
        self.kind = kind
    }

    /// `OP=FAULT[:N]`, e.g. `downloadBlob=cutAfter:100`, `listBlobs=truncatedJSON` (the `--fault-route` flag).
    public init?(flag: String) {
        guard let eq = flag.firstIndex(of: "="), let operation = SandboxOperation(rawValue: String(flag[..<eq])) else {
            return nil
        }
        let spec = flag[flag.index(after: eq)...]
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first else { return nil }
        var parameter: Int?
        if parts.count == 2 {
            guard let value = Int(parts[1]) else { return nil }
            parameter = value
        }
        guard let kind = SandboxRouteFaultKind(name: name, parameter: parameter) else { return nil }
        self.init(operation, kind)
    }

    func matches(_ operation: SandboxOperation?) -> Bool {
        guard let operation else { return false }
        return self.operation == .any ? operation != .refresh : self.operation == operation
    }

    private enum CodingKeys: String, CodingKey { case operation, fault, parameter }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        operation = try c.decode(SandboxOperation.self, forKey: .operation)
        let name = try c.decode(String.self, forKey: .fault)
        let parameter = try c.decodeIfPresent(Int.self, forKey: .parameter)
        guard let kind = SandboxRouteFaultKind(name: name, parameter: parameter) else {
            throw DecodingError.dataCorruptedError(forKey: .fault, in: c,
                debugDescription: "unknown fault or bad parameter (faults: \(SandboxRouteFaultKind.names.joined(separator: ", ")))")
        }
        self.kind = kind
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(operation, forKey: .operation)
        try c.encode(kind.name, forKey: .fault)
        try c.encodeIfPresent(kind.parameter, forKey: .parameter)
    }

    var json: JSONText {
        .members([("operation", .string(operation.rawValue)), ("fault", .string(kind.name)),
                  ("parameter", kind.parameter.map { .int($0) })])
    }
}
