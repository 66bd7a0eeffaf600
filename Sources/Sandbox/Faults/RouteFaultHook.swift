import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Applies the route faults of `SandboxFaults.routeFaults` around one request (see `Faults.swift`). The first fault
/// matching the request's operation wins.
struct RouteFaultHook: Sendable {
    let core: SandboxCore

    func around(_ request: Request, endpoint: Endpoint?, route: () async -> Response) async -> Response {
        let operation = SandboxOperation.classify(endpoint, method: request.method.rawValue)
        if operation == .refresh, let token = request.headers[.tidepoolSessionToken], core.faults.refusesRefresh(token) {
            return Reply.shoreline(401, "No x-tidepool-session-token was found")
        }
        guard let fault = core.faults.current.routeFaults.first(where: { $0.matches(operation) }) else {
            return await route()
        }
        switch fault.kind {
        case .status500Text:
            return Reply.text(500, "upstream exploded")
        case .refreshFails:
            for token in request.headerValues(.tidepoolSessionToken) { core.faults.refuseRefresh(token) }
            return await route()
        default:
            return await RouteFaultBody.apply(fault.kind, to: route())
        }
    }
}

/// Rewrites a finished response's body for the body-level route faults.
enum RouteFaultBody {
    struct ConnectionCut: Error {}

    static func apply(_ kind: SandboxRouteFaultKind, to response: Response) async -> Response {
        guard let original = await collect(response.body) else { return Reply.failure(.internalError) }
        var headers = response.headers
        let hadDigest = headers[.digest] != nil
        switch kind {
        case .malformedJSON:
            return replaced(response, headers, Array("{\"id\": \"7f3c, \"size\": [1, 2,, }\n".utf8), digest: hadDigest)
        case .truncatedJSON:
            guard original.count > 1 else { return replaced(response, headers, original, digest: false) }
            return replaced(response, headers, Array(original.prefix(original.count / 2)), digest: hadDigest)
        case .wrongTypes:
            guard let value = try? JSONSerialization.jsonObject(with: Data(original), options: [.fragmentsAllowed]),
                  let data = try? JSONSerialization.data(withJSONObject: wrongTypes(value, topLevel: true),
                                                         options: [.fragmentsAllowed]) else {
                return replaced(response, headers, original, digest: false)
            }
            return replaced(response, headers, Array(data), digest: hadDigest)
        case .emptyOK:
            var ok = response
            ok.status = .ok
            ok.body = ResponseBody()
            ok.headers[.contentLength] = "0"
            return ok
        case .wrongDigest:
            if let digest = headers[.digest] {
                let value = digest.hasPrefix("MD5=") ? String(digest.dropFirst(4)) : digest
                headers[.digest] = "MD5=" + Upload.wrongDigest(value)
                return replaced(response, headers, original, digest: false)
            }
            return replaced(response, headers, wrongDigestField(original), digest: false)
        case .cutAfter(let bytes):
            guard !original.isEmpty else { return replaced(response, headers, original, digest: false) }
            let sent = min(bytes, original.count - 1)
            var cut = response
            cut.body = ResponseBody(contentLength: original.count) { writer in
                if sent > 0 { try await writer.write(ByteBuffer(bytes: original.prefix(sent))) }
                throw ConnectionCut()
            }
            cut.headers[.contentLength] = String(original.count)
            return cut
        case .drip(let interval):
            var slow = response
            slow.body = ResponseBody(contentLength: original.count) { writer in
                for byte in original {
                    try await writer.write(ByteBuffer(bytes: [byte]))
                    try await Task.sleep(for: .milliseconds(interval))
                }
                try await writer.finish(nil)
            }
            slow.headers[.contentLength] = String(original.count)
            return slow
        case .status500Text, .refreshFails:
            return replaced(response, headers, original, digest: false)
        }
    }

    /// The response with `body` (and, when `digest`, a `Digest` header describing it).
    private static func replaced(_ response: Response, _ headers: HTTPFields, _ body: [UInt8], digest: Bool) -> Response {
        var out = response
        out.headers = headers
        if digest { out.headers[.digest] = "MD5=" + Data(Insecure.MD5.hash(data: body)).base64EncodedString() }
        out.body = ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        out.headers[.contentLength] = String(body.count)
        return out
    }

    static func collect(_ body: ResponseBody) async -> [UInt8]? {
        let box = CollectedBytes()
        do {
            try await body.write(CollectingWriter(box: box))
        } catch {
            return nil
        }
        return box.bytes
    }

    /// Strings become numbers and numbers/bools strings, in objects at any depth; arrays keep their shape.
    static func wrongTypes(_ value: Any, topLevel: Bool) -> Any {
        switch value {
        case let object as [String: Any]: return object.mapValues { wrongTypes($0, topLevel: false) }
        case let array as [Any]: return array.map { wrongTypes($0, topLevel: topLevel) }
        case is String: return 12345
        case let number as NSNumber: return number.stringValue + "-not-a-number"
        default: return topLevel ? value : "unexpected"
        }
    }

    /// A JSON object body whose `digestMD5` is replaced by a well-formed wrong one (other bodies unchanged).
    static func wrongDigestField(_ body: [UInt8]) -> [UInt8] {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any],
              let digest = object["digestMD5"] as? String else { return body }
        object["digestMD5"] = Upload.wrongDigest(digest)
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return body }
        return Array(data)
    }
}

private final class CollectedBytes: @unchecked Sendable {
    var bytes: [UInt8] = []
}

private struct CollectingWriter: ResponseBodyWriter {
    let box: CollectedBytes
    mutating func write(_ buffer: ByteBuffer) async throws { box.bytes += buffer.readableBytesView }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
