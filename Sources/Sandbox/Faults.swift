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
//
// Ways to set them:
// * in-process: `server.faults.update { $0.wrongDigest = true }`, `server.faults.set(…)`,
//   `server.faults.expireToken(token)`, `server.faults.reset()`;
// * CLI flags of `tideblob sandbox`: `--fault-wrong-digest`, `--fault-cut-after BYTES`,
//   `--fault-fail-next N`, `--fault-malformed-lists`, `--fault-delay-ms MS`;
// * admin route (loopback clients only): `PUT /_sandbox/faults` with a JSON object holding any of
//   `wrongDigest` (bool), `cutContentAfterBytes` (int or null), `failNextResponses` (int),
//   `malformedListJSON` (bool), `delayMilliseconds` (int), `expireToken` (string),
//   `expireAllTokens` (bool), `reset` (bool, applied first). Unmentioned switches keep their value.
//   Answers 200 with the current switches as JSON; `GET /_sandbox/faults` reads them.
import Foundation

/// The fault switch values.
public struct SandboxFaults: Sendable, Equatable, Codable {
    public var wrongDigest: Bool
    public var cutContentAfterBytes: Int?
    public var failNextResponses: Int
    public var malformedListJSON: Bool
    public var delayMilliseconds: Int

    public init(wrongDigest: Bool = false, cutContentAfterBytes: Int? = nil, failNextResponses: Int = 0,
                malformedListJSON: Bool = false, delayMilliseconds: Int = 0) {
        self.wrongDigest = wrongDigest
        self.cutContentAfterBytes = cutContentAfterBytes
        self.failNextResponses = failNextResponses
        self.malformedListJSON = malformedListJSON
        self.delayMilliseconds = delayMilliseconds
    }

    /// True when any switch is on.
    public var isActive: Bool { self != SandboxFaults() }

    var json: JSONText {
        .object([
            ("wrongDigest", .bool(wrongDigest)),
            ("cutContentAfterBytes", cutContentAfterBytes.map { .int($0) } ?? .null),
            ("failNextResponses", .int(failNextResponses)),
            ("malformedListJSON", .bool(malformedListJSON)),
            ("delayMilliseconds", .int(delayMilliseconds)),
        ])
    }
}

/// Thread-safe fault switches that tests flip while the sandbox runs.
public final class SandboxFaultSwitches: Sendable {
    private let state: Locked<SandboxFaults>
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
    public func reset() { state.withLock { $0 = SandboxFaults() } }

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

    /// Takes one of the "next N responses fail" credits.
    func consumeFailure() -> Bool {
        state.withLock { faults in
            guard faults.failNextResponses > 0 else { return false }
            faults.failNextResponses -= 1
            return true
        }
    }
}
