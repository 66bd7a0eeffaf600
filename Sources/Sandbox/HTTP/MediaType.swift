/// Go `mime.ParseMediaType` + `mime.FormatMediaType`, enough to validate and normalize
/// `Content-Type` headers the way the blob service stores them.
enum MediaType {
    /// The normalized form (type/subtype lower-cased, parameters sorted, `; k=v`), or nil when
    /// Go would fail to parse the value.
    static func normalize(_ value: String) -> String? {
        guard let (type, params) = parse(value) else { return nil }
        return format(type, params)
    }

    static func isValid(_ value: String) -> Bool { parse(value) != nil }

    static func isTokenChar(_ c: UInt8) -> Bool {
        guard c > 0x20, c < 0x7F else { return false }
        return !"()<>@,;:\\\"/[]?=".utf8.contains(c)
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    static func parse(_ value: String) -> (String, [(String, String)])? {
        let bytes = Array(value.utf8)
        var i = 0
        let semicolon = bytes.firstIndex(of: 0x3B) ?? bytes.count
        let base = String(decoding: bytes[0..<semicolon], as: UTF8.self)
            .trimmingSpaces().lowercased()
        // checkMediaTypeDisposition: token, optionally "/" token.
        let baseBytes = Array(base.utf8)
        var j = 0
        while j < baseBytes.count, isTokenChar(baseBytes[j]) { j += 1 }
        guard j > 0 else { return nil }
        if j < baseBytes.count {
            guard baseBytes[j] == 0x2F else { return nil }
            j += 1
            let subStart = j
            while j < baseBytes.count, isTokenChar(baseBytes[j]) { j += 1 }
            guard j > subStart, j == baseBytes.count else { return nil }
        }
        i = semicolon
        var params: [(String, String)] = []
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            guard bytes[i] == 0x3B else { return nil }
            i += 1
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            let keyStart = i
            while i < bytes.count, isTokenChar(bytes[i]) { i += 1 }
            if i == keyStart {
                // A lone trailing ";" is tolerated.
                if bytes[keyStart...].allSatisfy(isSpace) { break }
                return nil
            }
            let key = String(decoding: bytes[keyStart..<i], as: UTF8.self).lowercased()
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == 0x3D else { return nil }
            i += 1
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            var val: [UInt8] = []
            if i < bytes.count, bytes[i] == 0x22 {
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 0x22 { closed = true; i += 1; break }
                    if c == 0x5C, i + 1 < bytes.count { val.append(bytes[i + 1]); i += 2; continue }
                    val.append(c)
                    i += 1
                }
                guard closed else { return nil }
            } else {
                let start = i
                while i < bytes.count, isTokenChar(bytes[i]) { i += 1 }
                guard i > start else { return nil }
                val = Array(bytes[start..<i])
            }
            guard !params.contains(where: { $0.0 == key }) else { return nil }
            params.append((key, String(decoding: val, as: UTF8.self)))
        }
        return (base, params)
    }

    static func format(_ type: String, _ params: [(String, String)]) -> String? {
        var out = type.lowercased()
        for (key, value) in params.sorted(by: { $0.0 < $1.0 }) {
            out += "; " + key.lowercased()
            let v = Array(value.utf8)
            if v.contains(where: { $0 >= 0x80 }) {
                out += "*=utf-8''"
                for c in v {
                    if isTokenChar(c), !"*'%".utf8.contains(c) {
                        out.unicodeScalars.append(Unicode.Scalar(c))
                    } else {
                        out += "%" + String(c, radix: 16, uppercase: true).leftPadded(2)
                    }
                }
            } else if !v.isEmpty, v.allSatisfy(isTokenChar) {
                out += "=" + value
            } else {
                out += "=\""
                for c in v {
                    if c == 0x22 || c == 0x5C { out += "\\" }
                    out.unicodeScalars.append(Unicode.Scalar(c))
                }
                out += "\""
            }
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
