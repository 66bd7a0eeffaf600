/// The query string parsed like Go's `url.ParseQuery`, plus the platform's strict typed readers:
/// every parameter a handler does not read is reported as `not-parsed`.
struct QueryParameters: Sendable {
    private(set) var values: [String: [String]] = [:]
    private var order: [String] = []

    init(_ raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = QueryParameters.unescape(parts[0]) else { continue }
            guard let value = QueryParameters.unescape(parts.count > 1 ? parts[1] : "") else { continue }
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(value)
        }
    }

    var names: [String] { order }

    /// `+` → space, `%XX` decoded; nil for a malformed escape (Go drops such pairs).
    static func unescape(_ text: Substring, plusAsSpace: Bool = true) -> String? {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x2B where plusAsSpace: out.append(0x20); i += 1
            case 0x25:
                guard i + 2 < bytes.count, let hi = hexValue(bytes[i + 1]), let lo = hexValue(bytes[i + 2]) else { return nil }
                out.append(hi << 4 | lo)
                i += 3
            default: out.append(bytes[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

/// Reads typed parameters from a `QueryParameters` in two phases like the platform's
/// `request.DecodeValues`: parse errors (type, duplicates, `not-parsed`) win; only when there are
/// none are the validation errors (ranges, allowed values) reported.
struct QueryReader {
    let query: QueryParameters
    private var parseErrors: [ServiceError] = []
    private var validationErrors: [ServiceError] = []
    private var consumed: Set<String> = []

    init(_ query: QueryParameters) { self.query = query }

    private mutating func single(_ name: String) -> String? {
        consumed.insert(name)
        guard let values = query.values[name] else { return nil }
        if values.count > 1 { parseErrors.append(.valueDuplicate(name)); return nil }
        return values[0]
    }

    mutating func int(_ name: String) -> Int64? {
        guard let text = single(name) else { return nil }
        guard let value = Int64(text) else { parseErrors.append(.typeNotInt(name)); return nil }
        return value
    }

    /// `page`: int >= 0, default 0.
    mutating func page() -> Int {
        guard let value = int("page") else { return 0 }
        guard value >= 0 else { validationErrors.append(.valueNotAtLeast(value, 0, "page")); return 0 }
        return Int(clamping: value)
    }

    /// `size`: int 1...1000, default 100.
    mutating func size() -> Int {
        guard let value = int("size") else { return 100 }
        guard (1...1000).contains(value) else { validationErrors.append(.valueNotBetween(value, 1, 1000, "size")); return 100 }
        return Int(value)
    }

    /// A string array: repeated parameters and/or comma-separated values.
    mutating func stringArray(_ name: String) -> [String]? {
        consumed.insert(name)
        guard let raw = query.values[name] else { return nil }
        return raw.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    mutating func time(_ name: String) -> Int64? {
        guard let text = single(name) else { return nil }
        guard let value = WireTime.parse(text) else { parseErrors.append(.valueNotParsableTime(text, name)); return nil }
        return value
    }

    mutating func invalid(_ error: ServiceError) { validationErrors.append(error) }

    /// Adds `not-parsed` for everything not read; returns the errors to report (empty = fine).
    mutating func finish() -> [ServiceError] {
        for name in query.names where !consumed.contains(name) { parseErrors.append(.notParsed(name)) }
        return parseErrors.isEmpty ? validationErrors : parseErrors
    }
}
