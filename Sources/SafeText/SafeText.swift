/// Display-safe text: every untrusted string (blob content, names, media types, error messages) goes through here
/// before it reaches a terminal.
///
/// Policy (see `tui-anchors.md` §4.3):
/// - C0 controls and DEL become backslash escapes: `\n`, `\r`, `\t`, others `\x1b`-style (two hex digits).
/// - Invalid UTF-8 bytes (only in the `bytes:` variants) become `\xNN` (always ≥ `\x80`, so never confused with C0).
/// - C1 controls (U+0080–U+009F), bidi controls, zero-width characters, other format characters (Cf), line/paragraph
///   separators, unassigned and private-use code points, and anything the C library cannot measure become
///   `<U+XXXX>` markers.
/// - A combining mark with nothing to attach to (string start, or right after an escape) becomes `<U+XXXX>` too.
/// - `ascii: true` (non-UTF-8 locales): every printable non-ASCII character (grapheme) becomes a single `?`,
///   marked as an escape segment; the ellipsis is `...`.
/// The output of `line` is idempotent: `line(line(s)) == line(s)`. Backslashes are not escaped.
public enum SafeText {
    /// A piece of sanitized text; `isEscape` marks parts the sanitizer made (style them with role `.escaped`).
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var isEscape: Bool
        public init(text: String, isEscape: Bool) { self.text = text; self.isEscape = isEscape }
    }

    /// The ellipsis to use for the given mode: `…` or `...`.
    public static func ellipsis(ascii: Bool) -> String { ascii ? "..." : "…" }

    /// True when the process's environment locale (LC_ALL / LC_CTYPE / LANG) is UTF-8. Callers pick
    /// `ascii: !SafeText.isUTF8Locale`. Calling this also makes sure `wcwidth` works (UTF-8 LC_CTYPE).
    public static var isUTF8Locale: Bool { LocaleSetup.isUTF8 }

    /// Optional: fixes the locale decision now, and — after your own `setlocale(LC_ALL, "")` — makes LC_CTYPE UTF-8
    /// again if that call switched it to a non-UTF-8 locale (`wcwidth` needs UTF-8; rendering then uses `ascii`).
    public static func prepareLocale() { LocaleSetup.reassertUTF8CType() }

    // MARK: One-line fields

    /// One-line field: every control, bidi, zero-width and other invisible scalar becomes a visible escape.
    public static func line(_ s: String, ascii: Bool = false) -> String {
        var out = ""
        for seg in segments(s, ascii: ascii) { out += seg.text }
        return out
    }

    /// Bytes of unknown encoding: valid UTF-8 is decoded, each invalid byte becomes `\xNN`, then as `line`.
    public static func line(bytes: some Collection<UInt8>, ascii: Bool = false) -> String {
        var out = ""
        for seg in segments(bytes: bytes, ascii: ascii) { out += seg.text }
        return out
    }

    /// `line` as segments, so renderers can style the escapes (role `.escaped`). Adjacent segments of the same kind
    /// are merged.
    public static func segments(_ s: String, ascii: Bool = false) -> [Segment] {
        var b = SegmentBuilder(ascii: ascii)
        b.append(s)
        return b.finish()
    }

    /// `segments` for bytes of unknown encoding (invalid UTF-8 → `\xNN`).
    public static func segments(bytes: some Collection<UInt8>, ascii: Bool = false) -> [Segment] {
        var b = SegmentBuilder(ascii: ascii)
        for piece in UTF8Pieces.split(bytes) {
            switch piece {
            case .text(let t): b.append(t)
            case .invalid(let byte): b.appendEscape(ScalarPolicy.byteEscape(byte))
            }
        }
        return b.finish()
    }

    /// True when `s` contains nothing `line` would escape (every scalar printable, no dangling combining mark).
    public static func isDisplaySafe(_ s: String, ascii: Bool = false) -> Bool {
        let segs = segments(s, ascii: ascii)
        return !segs.contains { $0.isEscape }
    }

    /// True when this one scalar may be sent to a terminal as is (printable; combining marks count as printable —
    /// they are safe after a base character). False for controls, C1, bidi, zero-width, other format characters,
    /// separators, private-use and unassigned code points.
    public static func isDisplaySafe(_ scalar: Unicode.Scalar) -> Bool { ScalarPolicy.isSafe(scalar) }

    // MARK: Multi-line text (previews)

    /// Multi-line text: split on `\n` (a `\r` before it is dropped), tabs expanded to spaces (stops every 8 columns),
    /// then each line as `line`. A final newline does not start an extra empty line; `""` gives `[]`.
    public static func lines(_ s: String, ascii: Bool = false) -> [String] {
        lineSegments(s, ascii: ascii).map { $0.map(\.text).joined() }
    }

    /// `lines` for bytes of unknown encoding.
    public static func lines(bytes: some Collection<UInt8>, ascii: Bool = false) -> [String] {
        lineSegments(bytes: bytes, ascii: ascii).map { $0.map(\.text).joined() }
    }

    /// `lines` as segments per line, for renderers that style escapes.
    public static func lineSegments(_ s: String, ascii: Bool = false) -> [[Segment]] {
        var result: [[Segment]] = []
        for raw in splitLines(Substring(s).unicodeScalars) {
            result.append(expandTabs(String(String.UnicodeScalarView(raw)), ascii: ascii))
        }
        return result
    }

    /// `lineSegments` for bytes of unknown encoding (invalid UTF-8 → `\xNN`).
    public static func lineSegments(bytes: some Collection<UInt8>, ascii: Bool = false) -> [[Segment]] {
        // 0x0A never occurs inside a multi-byte UTF-8 sequence, so splitting bytes first is safe.
        var parts = Array(bytes).split(separator: 0x0A, omittingEmptySubsequences: false)
        if parts.count > 1, parts[parts.count - 1].isEmpty { parts.removeLast() }
        if parts.count == 1, parts[0].isEmpty { return [] }
        return parts.map { part in
            let line = part.last == 0x0D ? part.dropLast() : part
            var b = SegmentBuilder(ascii: ascii)
            for (i, chunk) in line.split(separator: 0x09, omittingEmptySubsequences: false).enumerated() {
                if i > 0 { b.appendPlain(String(repeating: " ", count: 8 - b.column % 8)) }
                for piece in UTF8Pieces.split(chunk) {
                    switch piece {
                    case .text(let t): b.append(t)
                    case .invalid(let byte): b.appendEscape(ScalarPolicy.byteEscape(byte))
                    }
                }
            }
            return b.finish()
        }
    }

    private static func splitLines(_ scalars: Substring.UnicodeScalarView) -> [Substring.UnicodeScalarView] {
        var parts = scalars.split(separator: "\n", omittingEmptySubsequences: false)
        if parts.count > 1, parts[parts.count - 1].isEmpty { parts.removeLast() }
        if parts.count == 1, parts[0].isEmpty { return [] }
        return parts.map { part in part.last == "\r" ? part.dropLast() : part }
    }

    private static func expandTabs(_ line: String, ascii: Bool) -> [Segment] {
        var b = SegmentBuilder(ascii: ascii)
        for (i, chunk) in line.unicodeScalars.split(separator: "\t", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { b.appendPlain(String(repeating: " ", count: 8 - b.column % 8)) }
            b.append(String(String.UnicodeScalarView(chunk)))
        }
        return b.finish()
    }
}
