// Fault switches: ways to make the sandbox misbehave on purpose so clients' error paths can be
// tested. All are off by default and can only be switched on while the sandbox is bound to a
// loopback address (127.0.0.0/8, ::1, localhost); on any other host every setter throws
// `SandboxError.faultsRequireLoopback` and the admin route does not exist.
//
// | switch                 | effect                                                                      |
// |------------------------|-----------------------------------------------------------------------------|
// | `wrongDigest`          | content responses (`/v1/blobs/{id}/content`, `/v1/device_logs/{id}/content`) |
// |                        | carry a `Digest: MD5=…` that does not match the bytes sent                   |
// | `cutContentAfterBytes` | content responses send that many bytes (Content-Length is the full size),   |
// |                        | then the connection is dropped                                               |
// | `failNextResponses`    | the next N responses (any route except `/_sandbox/*`) are `500` with the     |
// |                        | non-JSON body `upstream exploded` (`text/plain`); counts down to 0           |
// | `malformedListJSON`    | blob and device-log list responses get a truncated, invalid JSON body        |
// | `delayMilliseconds`    | every response (except `/_sandbox/*`) is held back this long                 |
// | expire a token         | `expireToken(_:)` / `expireAllTokens()`: the access part expires now (the    |
// |                        | refresh part stays valid, so `GET /auth/login` still refreshes)              |
// | `routeFaults`          | per-operation faults (`SandboxRouteFault`, `Faults/RouteFault.swift`): every |
// |                        | response of one operation breaks one way; the first match wins              |
//
// Route faults. Operations: `listBlobs`, `uploadBlob`, `deleteAllBlobs`, `blobInfo`, `deleteBlob`,
// `downloadBlob`, `listDeviceLogs`, `uploadDeviceLogs`, `getDeviceLogs`, `downloadDeviceLogs`, `login`
// (POST /auth/login), `refresh` (GET /auth/login), `logout`, `currentUser`, `tokenInfo`, `sharedUsers`,
// `accessGroups`, `clinics`, `clinicPatients`, or `any` (every route but refresh).
//
// | fault           | effect on the operation's responses                                                  |
// |-----------------|--------------------------------------------------------------------------------------|
// | `status500Text` | `500`, `text/plain` body `upstream exploded`; the route does not run                 |
// | `malformedJSON` | the route runs; the body becomes invalid JSON (a `Digest` header is recomputed)      |
// | `truncatedJSON` | the route runs; the body is cut to half with a matching Content-Length (Digest too)  |
// | `wrongTypes`    | the route runs; JSON strings become numbers, numbers/bools strings (Digest too)      |
// | `emptyOK`       | the route runs; `200` with an empty body, other headers (Digest included) kept        |
// | `wrongDigest`   | the route runs; the `Digest` header, else a body's `digestMD5` field, is made wrong  |
// | `cutAfter:N`    | the route runs; full Content-Length announced, N body bytes sent (at most all but    |
// |                 | one), then the connection is dropped                                                 |
// | `drip:MS`       | the route runs; head at once, then one body byte every MS ms (default 2000 = 0.5 B/s)|
// | `refreshFails`  | the caller's token expires now and `GET /auth/login` answers `401` for it; the route  |
// |                 | then answers as for an expired token                                                 |
//
// Ways to set them:
// * in-process: `server.faults.update { $0.wrongDigest = true }`, `server.faults.set(…)`,
//   `server.faults.expireToken(token)`, `server.faults.reset()`;
// * CLI flags of `tideblob sandbox`: `--fault-wrong-digest`, `--fault-cut-after BYTES`,
//   `--fault-fail-next N`, `--fault-malformed-lists`, `--fault-delay-ms MS`,
//   `--fault-route OP=FAULT[:N]` (repeatable, e.g. `--fault-route downloadBlob=cutAfter:100`);
// * admin route (loopback clients only): `PUT /_sandbox/faults` with a JSON object holding any of
//   `wrongDigest` (bool), `cutContentAfterBytes` (int or null), `failNextResponses` (int),
//   `malformedListJSON` (bool), `delayMilliseconds` (int), `expireToken` (string),
//   `expireAllTokens` (bool), `routeFaults` (array of `{"operation","fault","parameter"}`, replaces the list),
//   `touchBlob` (a blob id: its revision goes up by one, as if another service changed it; 404 if unknown),
//   `reset` (bool, applied first). Unmentioned switches keep their value.
//   Answers 200 with the current switches as JSON (`routeFaults` only when non-empty); `GET /_sandbox/faults`
//   reads them.
import Foundation

/// The fault switch values.
public struct SandboxFaults: Sendable, Equatable, Codable {
    public var wrongDigest: Bool
    public var cutContentAfterBytes: Int?
    public var failNextResponses: Int
    public var malformedListJSON: Bool
    public var delayMilliseconds: Int
    /// Per-operation faults; the first one matching a request applies.
    public var routeFaults: [SandboxRouteFault]

    public init(wrongDigest: Bool = false, cutContentAfterBytes: Int? = nil, failNextResponses: Int = 0,
                malformedListJSON: Bool = false, delayMilliseconds: Int = 0, routeFaults: [SandboxRouteFault] = []) {
        self.routeFaults = routeFaults
        self.wrongDigest = wrongDigest
        self.cutContentAfterBytes = cutContentAfterBytes
        self.failNextResponses = failNextResponses
        self.malformedListJSON = malformedListJSON
        self.delayMilliseconds = delayMilliseconds
    }

    /// True when any switch is on.
    public var isActive: Bool { self != SandboxFaults() }

    var json: JSONText {
        // `routeFaults` only when there are some (the reply without them predates route faults).
        .members([
            ("wrongDigest", .bool(wrongDigest)),
            ("cutContentAfterBytes", cutContentAfterBytes.map { .int($0) } ?? .null),
            ("failNextResponses", .int(failNextResponses)),
            ("malformedListJSON", .bool(malformedListJSON)),
            ("delayMilliseconds", .int(delayMilliseconds)),
            ("routeFaults", routeFaults.isEmpty ? nil : .array(routeFaults.map(\.json))),
        ])
    }
}

/// Thread-safe fault switches that tests flip while the sandbox runs.
public final class SandboxFaultSwitches: Sendable {
    private let state: Locked<SandboxFaults>
    /// Tokens whose refresh `GET /auth/login` refuses (set by the `refreshFails` route fault).
    private let refusedRefresh = Locked<Set<String>>([])
    private let tokens: TokenRegistry
    private let host: String
    let allowed: Bool

    init(initial: SandboxFaults, tokens: TokenRegistry, host: String) throws {
        self.tokens = tokens
        self.host = host
        allowed = SandboxConfiguration.isLoopback(host: host)
        state = Locked(SandboxFaults())
        if initial.isActive { try set(initial) }
    }

    /// The switches right now.
    public var current: SandboxFaults { state.current }

    public func set(_ faults: SandboxFaults) throws {
        try requireLoopback()
        state.withLock { $0 = faults }
    }

    public func update(_ change: (inout SandboxFaults) -> Void) throws {
        try requireLoopback()
        state.withLock { change(&$0) }
    }

    /// Switches everything off (always allowed).
    public func reset() {
        state.withLock { $0 = SandboxFaults() }
        refusedRefresh.withLock { $0.removeAll() }
    }

    /// `refreshFails`: the token's access part expires now and its refresh is refused from now on.
    func refuseRefresh(_ token: String) {
        refusedRefresh.withLock { _ = $0.insert(token) }
        tokens.expire(token)
    }

    func refusesRefresh(_ token: String) -> Bool { refusedRefresh.withLock { $0.contains(token) } }

    /// Makes the access part of `token` expire now; false if the token is unknown.
    @discardableResult
    public func expireToken(_ token: String) throws -> Bool {
        try requireLoopback()
        return tokens.expire(token)
    }

    public func expireAllTokens() throws {
        try requireLoopback()
        tokens.expireAll()
    }

    private func requireLoopback() throws {
        guard allowed else { throw SandboxError.faultsRequireLoopback(host) }
    }

    /// For other test switches of the server (`touchBlob`): the same loopback rule as the faults.
    func requireLoopbackAccess() throws { try requireLoopback() }

    /// Takes one of the "next N responses fail" credits.
    func consumeFailure() -> Bool {
        state.withLock { faults in
            guard faults.failNextResponses > 0 else { return false }
            faults.failNextResponses -= 1
            return true
        }
    }
}
