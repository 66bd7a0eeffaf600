import Foundation

/// Times on the wire: RFC 3339 with a zone (`Z` or `±hh:mm`), optional fractional seconds.
/// The server writes Go-style RFC3339Nano in UTC truncated to milliseconds, trailing fraction zeros trimmed
/// (`2024-06-03T13:00:05.12Z`, `2024-06-03T13:00:05Z`); `format` writes the same.
public enum TidepoolTime {
    public static func parse(_ text: String) -> Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let plain = Date.ISO8601FormatStyle()
        if let d = try? withFraction.parse(text) { return d }
        if let d = try? plain.parse(text) { return d }
        // Go accepts 1–9 fraction digits; Foundation wants exactly 3 here. Normalise and retry.
        if let normalised = normaliseFraction(text), let d = try? withFraction.parse(normalised) { return d }
        return nil
    }

    /// Go-style RFC 3339 in UTC with millisecond precision and trailing zeros trimmed.
    public static func format(_ date: Date) -> String {
        // Nearest, not down: a parsed ".123" is often 0.12299999… as a Double, and flooring would lose a millisecond.
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = ms.floorDiv(1000)
        let millis = Int(ms - seconds * 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(seconds))
        var text = Date.ISO8601FormatStyle().format(whole)   // yyyy-MM-ddTHH:mm:ssZ
        if millis != 0 {
            var frac = String(format: "%03d", millis)
            while frac.hasSuffix("0") { frac.removeLast() }
            text.removeLast()   // "Z"
            text += "." + frac + "Z"
        }
        return text
    }

    private static func normaliseFraction(_ text: String) -> String? {
        guard let dot = text.firstIndex(of: ".") else { return nil }
        var end = text.index(after: dot)
        while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
        let digits = text[text.index(after: dot)..<end]
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let three = String((digits + "000").prefix(3))
        return String(text[..<dot]) + "." + three + String(text[end...])
    }
}

extension Int64 {
    fileprivate func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

/// JSON coders shared by the client: dates in the Tidepool wire format.
public enum TidepoolJSON {
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = TidepoolTime.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an RFC 3339 time: \(s.prefix(64))")
            }
            return date
        }
        return d
    }

    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(TidepoolTime.format(date))
        }
        return e
    }
}
