/// A token-level JSON re-indenter: keeps key order, works on a truncated prefix, never fails.
public enum JSONPretty {
    public static func format(_ text: String, indent: Int = 2) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + text.utf8.count / 4)
        var depth = 0
        var inString = false
        var escaped = false
        var pendingNewline = false
        let pad = { (d: Int) in String(repeating: " ", count: max(0, d) * indent) }
        var chars = text.makeIterator()
        var lookahead: Character? = nil
        func next() -> Character? {
            if let l = lookahead { lookahead = nil; return l }
            return chars.next()
        }
        while let c = next() {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            if c.isWhitespace { continue }
            if pendingNewline {
                pendingNewline = false
                if c == "}" || c == "]" {
                    // Empty container: keep it on one line.
                    depth -= 1
                    out.append(c)
                    continue
                }
                out += "\n" + pad(depth)
            }
            switch c {
            case "\"": inString = true; out.append(c)
            case "{", "[": depth += 1; out.append(c); pendingNewline = true
            case "}", "]": depth -= 1; out += "\n" + pad(depth) + String(c)
            case ",": out += ",\n" + pad(depth)
            case ":": out += ": "
            default: out.append(c)
            }
        }
        return out
    }

    /// True when brackets nest correctly outside strings (a truncated document with open brackets still counts).
    public static func isPlausible(_ text: String) -> Bool {
        var stack: [Character] = []
        var inString = false
        var escaped = false
        var sawValue = false
        for c in text {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "{", "[": stack.append(c); sawValue = true
            case "}": if stack.popLast() != "{" { return false }
            case "]": if stack.popLast() != "[" { return false }
            default:
                if stack.isEmpty, !c.isWhitespace, sawValue { return false }   // text after the document
            }
        }
        return sawValue
    }
}
