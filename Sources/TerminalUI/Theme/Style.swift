/// A terminal colour as written in a theme file.
public enum ThemeColor: Hashable, Sendable {
    /// The terminal's own default foreground/background (`use_default_colors`, -1).
    case `default`
    /// One of the 16 ANSI colours: 0–7 `black`…`white`, 8–15 `bright-black`…`bright-white`.
    case ansi(Int)
    /// An xterm 256-colour index, written `color123`.
    case indexed(Int)
    /// A 24-bit colour, written `#rrggbb`; mapped to the nearest of 256 / 16 / 8 colours.
    case rgb(UInt8, UInt8, UInt8)

    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, `red`, `bright-red`, `color123`, `#1e90ff` (case-insensitive). Nil when invalid.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" { self = .default; return }
        if let i = ThemeColor.ansiNames.firstIndex(of: t) { self = .ansi(i); return }
        if t.hasPrefix("bright-"), let i = ThemeColor.ansiNames.firstIndex(of: String(t.dropFirst(7))) {
            self = .ansi(i + 8); return
        }
        if t.hasPrefix("color"), let n = Int(t.dropFirst(5)), (0...255).contains(n), t.count <= 8 {
            self = .indexed(n); return
        }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        return nil
    }

    /// The theme-file spelling.
    public var name: String {
        switch self {
        case .default: return "default"
        case .ansi(let i): return i < 8 ? ThemeColor.ansiNames[i] : "bright-" + ThemeColor.ansiNames[i - 8]
        case .indexed(let n): return "color\(n)"
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { let h = String($0, radix: 16); return h.count == 1 ? "0" + h : h }.joined()
        }
    }

    /// The colour number for a terminal with `colors` colours (8, 16, 256…): -1 for `default`.
    public func terminalColor(colors: Int) -> Int {
        switch self {
        case .default: return -1
        case .ansi(let i): return i < colors ? i : i % 8
        case .indexed(let n):
            if n < colors { return n }
            return ColorMath.nearestBasic(ColorMath.rgb(ofIndex: n), count: colors >= 16 ? 16 : 8)
        case .rgb(let r, let g, let b):
            if colors >= 256 { return ColorMath.nearest256(r, g, b) }
            return ColorMath.nearestBasic((Int(r), Int(g), Int(b)), count: colors >= 16 ? 16 : 8)
        }
    }
}

/// How a role looks: colours plus attributes. `nil` colours are the terminal default.
public struct Style: Hashable, Sendable {
    public var fg: ThemeColor?
    public var bg: ThemeColor?
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(fg: ThemeColor? = nil, bg: ThemeColor? = nil, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }

    public static let plain = Style()

    /// This style without colours (attributes kept).
    public var withoutColors: Style {
        var s = self
        s.fg = nil; s.bg = nil
        return s
    }
}

/// Colour-space helpers for mapping `#rrggbb` and 256-colour indexes onto smaller palettes.
enum ColorMath {
    static let cubeLevels = [0, 95, 135, 175, 215, 255]
    /// xterm's 16 basic colours (approximate RGB).
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    static func rgb(ofIndex n: Int) -> (Int, Int, Int) {
        if n < 16 { return basic[n] }
        if n < 232 {
            let i = n - 16
            return (cubeLevels[i / 36], cubeLevels[i / 6 % 6], cubeLevels[i % 6])
        }
        let v = 8 + (n - 232) * 10
        return (v, v, v)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr * 2 + dg * dg * 4 + db * db * 3
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let target = (Int(r), Int(g), Int(b))
        var best = 16, bestD = Int.max
        for n in 16..<256 {
            let d = distance(rgb(ofIndex: n), target)
            if d < bestD { bestD = d; best = n }
        }
        return best
    }

    static func nearestBasic(_ target: (Int, Int, Int), count: Int) -> Int {
        var best = 0, bestD = Int.max
        for n in 0..<min(count, 16) {
            let d = distance(basic[n], target)
            if d < bestD { bestD = d; best = n }
        }
        return best
    }
}
