/// Splits the bytes of a JSON array into the raw bytes of its top-level elements (string-aware brace counting), so
/// each element's bytes can be checked and decoded on their own. Nil when the text is not an array.
enum JSONArraySplit {
    static func elements(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        guard let open = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              bytes[open] == UInt8(ascii: "[") else { return nil }
        var out: [ArraySlice<UInt8>] = []
        var depth = 0, inString = false, escaped = false
        var start: Int?
        for i in (open + 1)..<bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true; if depth == 0, start == nil { start = i }
            case UInt8(ascii: "{"), UInt8(ascii: "["): if depth == 0 { start = i }; depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return out }   // the closing bracket of the array
                depth -= 1
                if depth == 0, let s = start { out.append(bytes[s...i]); start = nil }
            default: break
            }
        }
        return nil
    }
}
