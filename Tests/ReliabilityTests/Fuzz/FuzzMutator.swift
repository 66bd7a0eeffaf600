import Foundation

/// Turns a valid JSON document into hostile variants: structural mutations on the tree (flipped types, dropped,
/// duplicated and unknown keys, huge numbers, nulls, deep nesting, hostile strings), then optionally byte-level damage
/// (truncation, invalid UTF-8, flipped bytes), or plain random bytes.
enum FuzzMutator {
    static let numbers = [
        "0", "-0", "-1", "1.5", "-1.5", "1e400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "2147483648", "-2147483649", "123456789012345678901234567890",
        "4294967296", "1E2", "0.000001", "104857600", "104857601",
    ]

    static let strings = [
        "", " ", "x", "created", "available", "deleted", "send", "view", "root", "null", "true", "-1", "1e400",
        "2024-06-03T13:00:05Z", "2024-06-03T13:00:05.123456789Z", "2024-06-03T13:00:05.1234567890Z",
        "2024-13-45T25:61:61Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "+275760-09-13T00:00:00Z",
        "2024-06-03", "2024-06-03T13:00:05", "2024-06-03T13:00:05+25:00", "1717419605",
        "\u{1b}]0;pwned\u{7}", "\u{1b}[2J\u{1b}[H", "\u{202e}evil\u{202c}", "a\u{0}b", "\u{feff}", "\u{10ffff}",
        "é\u{301}\u{301}\u{301}", String(repeating: "A", count: 70_000), "../../etc/passwd", "%00", "\\", "\"",
        "0123456789abcdef0123456789abcdef", "MD5=1B2M2Y8AsgTpgAmY7PhCfg==",
    ]

    /// A scalar or small container of any type.
    static func randomValue(_ rng: inout FuzzRandom) -> FuzzJSON {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return .null
        case 1: return .bool(rng.chance(0.5))
        case 2, 3: return .number(rng.pick(numbers))
        case 4, 5: return .string(rng.pick(strings))
        case 6: return .array(rng.chance(0.5) ? [] : [.null, .number("1"), .string("x")])
        default: return .object(rng.chance(0.5) ? [] : [("id", .string("x")), ("size", .number("-1"))])
        }
    }

    /// One structural mutation of `json`; `grown` when it made the tree deep or wide (mutate no further: walking
    /// such a tree again would only slow the run down).
    static func mutateTree(_ json: FuzzJSON, _ rng: inout FuzzRandom) -> (json: FuzzJSON, grown: Bool) {
        var json = json
        var grown = false
        let paths = json.paths
        let path = rng.pick(paths)
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1:   // flip the type (or value) of a node
            json[path] = randomValue(&rng)
        case 2:      // null
            json[path] = .null
        case 3:      // drop a key / an element
            json[path] = removingChild(json[path], &rng)
        case 4:      // duplicate a key with another value (last one wins in most decoders)
            if case .object(var members) = json[path], let member = members.randomElement(using: &rng) {
                members.insert((member.key, randomValue(&rng)), at: Int.random(in: 0...members.count, using: &rng))
                json[path] = .object(members)
            }
        case 5:      // unknown key
            if case .object(var members) = json[path] {
                members.append(("x-unknown-\(Int.random(in: 0..<9, using: &rng))", randomValue(&rng)))
                json[path] = .object(members)
            }
        case 6:      // deep nesting
            var node = json[path]
            let depth = rng.pick([2, 40, 600, 3000])
            for i in 0..<depth { node = i % 2 == 0 ? .array([node]) : .object([("a", node)]) }
            json[path] = node
            grown = depth > 2
        case 7:      // repeat an array's elements (many items)
            if case .array(let items) = json[path], !items.isEmpty {
                json[path] = .array(Array(repeating: items, count: rng.pick([2, 20, 100])).flatMap { $0 })
                grown = true
            } else {
                json[path] = .array([json[path], json[path]])
            }
        default:     // numeric extremes on a number, hostile text on a string
            switch json[path] {
            case .number: json[path] = .number(rng.pick(numbers))
            case .string: json[path] = .string(rng.pick(strings))
            default: json[path] = randomValue(&rng)
            }
        }
        return (json, grown)
    }

    private static func removingChild(_ node: FuzzJSON, _ rng: inout FuzzRandom) -> FuzzJSON {
        switch node {
        case .object(var members) where !members.isEmpty:
            members.remove(at: Int.random(in: 0..<members.count, using: &rng)); return .object(members)
        case .array(var items) where !items.isEmpty:
            items.remove(at: Int.random(in: 0..<items.count, using: &rng)); return .array(items)
        default: return node
        }
    }

    /// Byte-level damage: truncation, invalid UTF-8, flipped or inserted bytes.
    static func damageBytes(_ data: Data, _ rng: inout FuzzRandom) -> Data {
        var bytes = [UInt8](data)
        guard !bytes.isEmpty else { return Data([0xFF]) }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:   // truncate
            bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
        case 1:   // invalid UTF-8 inside the text (often inside a string)
            let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80]]
            bytes.insert(contentsOf: rng.pick(bad), at: Int.random(in: 0...bytes.count, using: &rng))
        case 2:   // flip bits
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng)
            }
        case 3:   // a JSON escape that is not a valid scalar
            let escapes = ["\\ud800", "\\udfff", "\\u0000", "\\uZZZZ", "\\x1b", "\\"]
            if let quote = bytes.indices.filter({ bytes[$0] == 0x22 }).randomElement(using: &rng) {
                bytes.insert(contentsOf: Array(rng.pick(escapes).utf8), at: quote + 1)
            }
        default:  // a byte-order mark, NUL or whitespace junk in front/back
            let junk: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0x00], [0x20, 0x0A], [0x2C]]
            if rng.chance(0.5) { bytes.insert(contentsOf: rng.pick(junk), at: 0) } else { bytes += rng.pick(junk) }
        }
        return Data(bytes)
    }

    /// Random bytes, sometimes shaped like JSON.
    static func randomBytes(_ rng: inout FuzzRandom) -> Data {
        let count = Int.random(in: 0...256, using: &rng)
        if rng.chance(0.5) {
            let alphabet = Array("{}[]\",:0123456789-+.eEtrufalsn \\u".utf8)
            return Data((0..<count).map { _ in rng.pick(alphabet) })
        }
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// A hostile variant of `seed`: 1–4 tree mutations, then byte damage 1 time in 3.
    static func variant(of seed: Data, _ rng: inout FuzzRandom) -> Data {
        guard var json = FuzzJSON.parse(seed) else { return damageBytes(seed, &rng) }
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let mutated = mutateTree(json, &rng)
            json = mutated.json
            if mutated.grown { break }
        }
        let data = json.data
        return rng.chance(1.0 / 3) ? damageBytes(data, &rng) : data
    }
}
