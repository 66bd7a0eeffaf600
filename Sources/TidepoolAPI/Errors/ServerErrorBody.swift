import Foundation

/// One error object as a Tidepool service sends it, normalised from the shapes seen on the wire:
/// platform `{code,title,detail,source{parameter,pointer},meta}`, `{"errors":[…]}`, shoreline `{code:<int>,reason}`,
/// go-json-rest `{"Error":"…"}`, seagull/amoeba plain text. Every string is raw server text: sanitize before display.
public struct ServerErrorObject: Hashable, Sendable, Codable {
    public var code: String?
    public var title: String?
    public var detail: String?
    public var sourceParameter: String?
    public var sourcePointer: String?

    public init(code: String? = nil, title: String? = nil, detail: String? = nil,
                sourceParameter: String? = nil, sourcePointer: String? = nil) {
        self.code = code; self.title = title; self.detail = detail
        self.sourceParameter = sourceParameter; self.sourcePointer = sourcePointer
    }

    /// "value-out-of-range: value 0 is not between 1 and 1000 (parameter size)"
    public var summary: String {
        var parts: [String] = []
        if let code { parts.append(code) }
        if let text = detail ?? title { parts.append(text) }
        var s = parts.joined(separator: ": ")
        if let p = sourceParameter { s += " (parameter \(p))" }
        if let p = sourcePointer { s += " (at \(p))" }
        return s
    }
}

/// Parses an error response body into error objects. Never throws: unknown shapes become a text excerpt.
public enum ServerErrorBody {
    public static let excerptLimit = 512

    public static func parse(_ body: Data) -> (objects: [ServerErrorObject], excerpt: String?) {
        let trimmed = body.prefix(64 * 1024)
        if trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return ([], nil) }
        if let json = try? JSONSerialization.jsonObject(with: trimmed, options: [.fragmentsAllowed]) {
            if let dict = json as? [String: Any] {
                if let list = dict["errors"] as? [Any] {
                    let objects = list.compactMap { ($0 as? [String: Any]).map(object(from:)) }
                    if !objects.isEmpty { return (objects, nil) }
                }
                let single = object(from: dict)
                if single.code != nil || single.detail != nil || single.title != nil { return ([single], nil) }
            }
        }
        return ([], excerpt(trimmed))
    }

    static func object(from d: [String: Any]) -> ServerErrorObject {
        var o = ServerErrorObject()
        if let s = d["code"] as? String { o.code = s } else if let n = d["code"] as? NSNumber { o.code = n.stringValue }
        o.title = d["title"] as? String
        o.detail = (d["detail"] as? String) ?? (d["reason"] as? String) ?? (d["message"] as? String) ?? (d["Error"] as? String)
        if let src = d["source"] as? [String: Any] {
            o.sourceParameter = src["parameter"] as? String
            o.sourcePointer = src["pointer"] as? String
        }
        return o
    }

    static func excerpt(_ data: Data) -> String {
        // Cut before a UTF-8 character rather than through it (no U+FFFD from a split CJK character).
        var cut = min(excerptLimit, data.count)
        while cut > 0, cut < data.count, data[data.startIndex + cut] & 0xC0 == 0x80, excerptLimit - cut < 3 { cut -= 1 }
        let head = data.prefix(cut)
        var s = String(decoding: head, as: UTF8.self)
        if data.count > excerptLimit { s += "…" }
        return s
    }
}
