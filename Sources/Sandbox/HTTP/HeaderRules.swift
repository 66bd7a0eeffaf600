import Foundation
import HTTPTypes
import Hummingbird

/// Header checks in the order and with the errors of the platform's request parser.
enum HeaderRules {
    /// `Digest: MD5=<base64>`; returns the base64 value, nil when absent (and not required).
    static func digest(_ request: Request, required: Bool) throws(ServiceFailure) -> String? {
        let values = request.headerValues(.digest)
        if values.isEmpty {
            if required { throw .badRequest(.headerMissing("Digest")) }
            return nil
        }
        guard values.count == 1, let value = parseDigest(values[0]) else { throw .badRequest(.headerInvalid("Digest")) }
        return value
    }

    static func parseDigest(_ text: String) -> String? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        guard text[..<equals].lowercased() == "md5" else { return nil }
        let value = String(text[text.index(after: equals)...])
        guard value.count == 24, let data = Data(base64Encoded: value), data.count == 16 else { return nil }
        return value
    }

    /// Required `Content-Type`, normalized like Go's `mime.FormatMediaType`.
    static func contentType(_ request: Request) throws(ServiceFailure) -> String {
        let values = request.headerValues(.contentType)
        guard !values.isEmpty else { throw .badRequest(.headerMissing("Content-Type")) }
        guard values.count == 1, let normalized = MediaType.normalize(values[0]) else {
            throw .badRequest(.headerInvalid("Content-Type"))
        }
        return normalized
    }

    /// A required RFC 3339 time header.
    static func time(_ request: Request, _ name: HTTPField.Name) throws(ServiceFailure) -> Int64 {
        let values = request.headerValues(name)
        guard !values.isEmpty else { throw .badRequest(.headerMissing(name.rawName)) }
        guard values.count == 1, let value = WireTime.parse(values[0]) else { throw .badRequest(.headerInvalid(name.rawName)) }
        return value
    }
}
