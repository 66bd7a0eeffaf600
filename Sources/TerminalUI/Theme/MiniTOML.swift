/// A small, strict TOML subset, enough for theme files. (The TOML library on this machine, LebJe/TOMLKit, cannot be
/// used: its dependency is not available offline.)
///
/// Supported: `# comments`, blank lines, `[table]` and `[dotted.table]` headers, `key = value` where value is a
/// basic string `"…"` (escapes `\" \\ \n \t \uXXXX`), a literal string `'…'`, `true`, `false`, a decimal integer, or an
/// inline table `{ key = value, … }` of those. Keys are bare (`A-Za-z0-9_-`). Duplicate keys and tables are errors.
enum MiniTOML {
    indirect enum Value: Equatable, Sendable {
        case string(String)
        case bool(Bool)
        case integer(Int)
        case table([Entry])

        var typeName: String {
            switch self {
            case .string: return "a string"
            case .bool: return "a boolean"
            case .integer: return "an integer"
            case .table: return "a table"
            }
        }
    }

    struct Entry: Equatable, Sendable {
        var key: String
        var value: Value
        var line: Int
    }

    struct Table: Equatable, Sendable {
        /// Dotted path; empty for the top level.
        var path: [String]
        var entries: [Entry]
        var line: Int
    }

    struct ParseError: Error, Equatable, Sendable {
        var line: Int
        var message: String
    }

    /// Parses `text` into its tables, the top level first.
    static func parse(_ text: String) throws(ParseError) -> [Table] {
        var tables = [Table(path: [], entries: [], line: 0)]
        var seenTables: Set<[String]> = [[]]
        var lineNo = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var p = Cursor(Array(rawLine.unicodeScalars), line: lineNo)
            p.skipSpace()
            if p.atEndOrComment { continue }
            if p.peek == "[" {
                p.advance()
                p.skipSpace()
                var path: [String] = []
                while true {
                    path.append(try p.key())
                    p.skipSpace()
                    if p.peek == "." { p.advance(); p.skipSpace(); continue }
                    break
                }
                guard p.peek == "]" else { throw ParseError(line: lineNo, message: "expected ']' after table name") }
                p.advance()
                p.skipSpace()
                guard p.atEndOrComment else { throw ParseError(line: lineNo, message: "unexpected text after table header") }
                guard seenTables.insert(path).inserted else {
                    throw ParseError(line: lineNo, message: "table [\(path.joined(separator: "."))] defined twice")
                }
                tables.append(Table(path: path, entries: [], line: lineNo))
                continue
            }
            let entry = try p.entry()
            p.skipSpace()
            guard p.atEndOrComment else { throw ParseError(line: lineNo, message: "unexpected text after value") }
            if tables[tables.count - 1].entries.contains(where: { $0.key == entry.key }) {
                throw ParseError(line: lineNo, message: "duplicate key '\(entry.key)'")
            }
            tables[tables.count - 1].entries.append(entry)
        }
        return tables
    }

    /// A position in one line.
    struct Cursor {
        let s: [Unicode.Scalar]
        let line: Int
        var i = 0

        init(_ s: [Unicode.Scalar], line: Int) { self.s = s; self.line = line }

        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
        var atEndOrComment: Bool { peek == nil || peek == "#" || (peek == "\r" && i == s.count - 1) }
        mutating func advance() { i += 1 }
        mutating func skipSpace() { while peek == " " || peek == "\t" { i += 1 } }

        func fail(_ message: String) -> ParseError { ParseError(line: line, message: message) }

        mutating func key() throws(ParseError) -> String {
            var k = ""
            while let c = peek, c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_" || c == "-" {
                k.unicodeScalars.append(c); i += 1
            }
            guard !k.isEmpty else { throw fail("expected a key") }
            return k
        }

        mutating func entry() throws(ParseError) -> Entry {
            let k = try key()
            skipSpace()
            guard peek == "=" else { throw fail("expected '=' after key '\(k)'") }
            advance()
            skipSpace()
            return Entry(key: k, value: try value(), line: line)
        }

        mutating func value() throws(ParseError) -> Value {
            guard let c = peek else { throw fail("missing value") }
            switch c {
            case "\"": return .string(try basicString())
            case "'":
                advance()
                var out = ""
                while let c = peek, c != "'" { out.unicodeScalars.append(c); advance() }
                guard peek == "'" else { throw fail("unterminated string") }
                advance()
                return .string(out)
            case "{": return try inlineTable()
            default:
                var word = ""
                while let c = peek, c != " ", c != "\t", c != ",", c != "}", c != "#", c != "\r" {
                    word.unicodeScalars.append(c); advance()
                }
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
                if let n = Int(String(word.filter { $0 != "_" })) { return .integer(n) }
                throw fail("invalid value '\(word)' (strings need quotes)")
            }
        }

        mutating func basicString() throws(ParseError) -> String {
            advance()
            var out = ""
            while let c = peek, c != "\"" {
                advance()
                if c == "\\" {
                    guard let e = peek else { break }
                    advance()
                    switch e {
                    case "\"": out += "\""
                    case "\\": out += "\\"
                    case "n": out += "\n"
                    case "t": out += "\t"
                    case "u":
                        var hex = ""
                        for _ in 0..<4 { if let h = peek { hex.unicodeScalars.append(h); advance() } }
                        guard let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else {
                            throw fail("invalid \\u escape")
                        }
                        out.unicodeScalars.append(u)
                    default: throw fail("invalid escape '\\\(e)'")
                    }
                } else {
                    out.unicodeScalars.append(c)
                }
            }
            guard peek == "\"" else { throw fail("unterminated string") }
            advance()
            return out
        }

        mutating func inlineTable() throws(ParseError) -> Value {
            advance()
            var entries: [Entry] = []
            skipSpace()
            if peek == "}" { advance(); return .table([]) }
            while true {
                skipSpace()
                let e = try entry()
                if entries.contains(where: { $0.key == e.key }) { throw fail("duplicate key '\(e.key)'") }
                if case .table = e.value { throw fail("nested inline tables are not supported") }
                entries.append(e)
                skipSpace()
                if peek == "," { advance(); continue }
                if peek == "}" { advance(); return .table(entries) }
                throw fail("expected ',' or '}' in inline table")
            }
        }
    }
}
