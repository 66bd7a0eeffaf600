import Foundation
import Hummingbird
import NIOCore

/// `GET|PUT /_sandbox/faults` (loopback clients of a loopback-bound sandbox only). See `Faults.swift`.
struct AdminRoutes: Sendable {
    let core: SandboxCore

    private struct Change: Decodable {
        var wrongDigest: Bool?
        var cutContentAfterBytes: Int??
        var failNextResponses: Int?
        var malformedListJSON: Bool?
        var delayMilliseconds: Int?
        var expireToken: String?
        var expireAllTokens: Bool?
        var routeFaults: [SandboxRouteFault]?
        var touchBlob: String?
        var reset: Bool?

        enum CodingKeys: String, CodingKey {
            case wrongDigest, cutContentAfterBytes, failNextResponses, malformedListJSON, delayMilliseconds
            case expireToken, expireAllTokens, routeFaults, touchBlob, reset
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            wrongDigest = try c.decodeIfPresent(Bool.self, forKey: .wrongDigest)
            if c.contains(.cutContentAfterBytes) {
                cutContentAfterBytes = .some(try c.decodeIfPresent(Int.self, forKey: .cutContentAfterBytes))
            }
            failNextResponses = try c.decodeIfPresent(Int.self, forKey: .failNextResponses)
            malformedListJSON = try c.decodeIfPresent(Bool.self, forKey: .malformedListJSON)
            delayMilliseconds = try c.decodeIfPresent(Int.self, forKey: .delayMilliseconds)
            expireToken = try c.decodeIfPresent(String.self, forKey: .expireToken)
            expireAllTokens = try c.decodeIfPresent(Bool.self, forKey: .expireAllTokens)
            routeFaults = try c.decodeIfPresent([SandboxRouteFault].self, forKey: .routeFaults)
            touchBlob = try c.decodeIfPresent(String.self, forKey: .touchBlob)
            reset = try c.decodeIfPresent(Bool.self, forKey: .reset)
        }
    }

    func faults(_ request: Request, isPut: Bool) async -> Response {
        guard isPut else { return Reply.json(200, core.faults.current.json) }
        var body = ByteBuffer()
        do {
            for try await var part in request.body {
                guard body.readableBytes + part.readableBytes <= 65_536 else { return Reply.text(413, "too large\n") }
                body.writeBuffer(&part)
            }
            let change = try JSONDecoder().decode(Change.self, from: Data(body.readableBytesView))
            if change.reset == true { core.faults.reset() }
            try core.faults.update { faults in
                if let value = change.wrongDigest { faults.wrongDigest = value }
                if let value = change.cutContentAfterBytes { faults.cutContentAfterBytes = value }
                if let value = change.failNextResponses { faults.failNextResponses = max(0, value) }
                if let value = change.malformedListJSON { faults.malformedListJSON = value }
                if let value = change.delayMilliseconds { faults.delayMilliseconds = max(0, value) }
                if let value = change.routeFaults { faults.routeFaults = value }
            }
            if let token = change.expireToken { try core.faults.expireToken(token) }
            if change.expireAllTokens == true { try core.faults.expireAllTokens() }
            if let id = change.touchBlob {
                try core.faults.requireLoopbackAccess()
                guard try core.metadata.bumpRevision(id: id, modifiedTime: WireTime.nowMilliseconds()) != nil else {
                    return Reply.text(404, "no blob with id \(id)\n")
                }
            }
        } catch let error as SandboxError {
            return Reply.text(403, "\(error)\n")
        } catch {
            return Reply.text(400, "invalid fault JSON: \(error)\n")
        }
        return Reply.json(200, core.faults.current.json)
    }
}
