import Foundation

/// A JSON tree the fuzzer can mutate and print in ways `JSONSerialization` never would: objects keep duplicate keys
/// and order, numbers keep their literal text (`1e400`, `-0`, 30-digit integers).
indirect enum FuzzJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([FuzzJSON])
    case object([(key: String, value: FuzzJSON)])

    static func == (a: FuzzJSON, b: FuzzJSON) -> Bool { a.text == b.text }

    /// Parses `data` (nil when it is not JSON). Object keys come out sorted.
    static func parse(_ data: Data) -> FuzzJSON? {
        try? JSONDecoder().decode(Decoded.self, from: data).value
    }

    private struct Decoded: Decodable {
        var value: FuzzJSON
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        init(from decoder: Decoder) throws {
            if let keyed = try? decoder.container(keyedBy: Key.self) {
                value = .object(try keyed.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                    ($0.stringValue, try keyed.decode(Decoded.self, forKey: $0).value)
                })
                return
            }
            if var list = try? decoder.unkeyedContainer() {
                var items: [FuzzJSON] = []
                while !list.isAtEnd { items.append(try list.decode(Decoded.self).value) }
                value = .array(items)
                return
            }
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { value = .null }
            else if let b = try? c.decode(Bool.self) { value = .bool(b) }
            else if let s = try? c.decode(String.self) { value = .string(s) }
            else if let i = try? c.decode(Int64.self) { value = .number(String(i)) }
            else { value = .number(String(try c.decode(Double.self))) }
        }
    }

    /// Compact JSON text.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return Self.quote(s)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.map { Self.quote($0.key) + ":" + $0.value.text }.joined(separator: ",") + "}"
        }
    }

    var data: Data { Data(text.utf8) }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// Every node, depth first, with its path of child indexes (the root has path []).
    var paths: [[Int]] {
        var result: [[Int]] = [[]]
        switch self {
        case .array(let items):
            for (i, item) in items.enumerated() { result += item.paths.map { [i] + $0 } }
        case .object(let members):
            for (i, member) in members.enumerated() { result += member.value.paths.map { [i] + $0 } }
        default: break
        }
        return result
    }

    subscript(path: [Int]) -> FuzzJSON {
        get {
            guard let first = path.first else { return self }
            switch self {
            case .array(let items): return items[first][Array(path.dropFirst())]
            case .object(let members): return members[first].value[Array(path.dropFirst())]
            default: return self
            }
        }
        set {
            guard let first = path.first else { self = newValue; return }
            switch self {
            case .array(var items): items[first][Array(path.dropFirst())] = newValue; self = .array(items)
            case .object(var members): members[first].value[Array(path.dropFirst())] = newValue; self = .object(members)
            default: break
            }
        }
    }
}
