import BlobBrowser

/// One raw result of ncurses `get_wch`: a character (`OK`) or a function key code (`KEY_CODE_YES`).
public enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case functionKey(Int32)
}

/// ncurses key codes (`curses.h`, stable across ncurses 5/6; checked against the C constants at terminal start).
public enum NCursesKeyCode {
    public static let down: Int32 = 0o402
    public static let up: Int32 = 0o403
    public static let left: Int32 = 0o404
    public static let right: Int32 = 0o405
    public static let home: Int32 = 0o406
    public static let backspace: Int32 = 0o407
    public static let f0: Int32 = 0o410          // KEY_F(n) = f0 + n
    public static let deleteChar: Int32 = 0o512  // KEY_DC
    public static let insertChar: Int32 = 0o513  // KEY_IC
    public static let nextPage: Int32 = 0o522    // KEY_NPAGE
    public static let previousPage: Int32 = 0o523
    public static let enter: Int32 = 0o527
    public static let backTab: Int32 = 0o541
    public static let end: Int32 = 0o550
    public static let select: Int32 = 0o601      // some terminals send it for End
    public static let find: Int32 = 0o552        // …and this for Home
    public static let mouse: Int32 = 0o631
    public static let resize: Int32 = 0o632
}

/// Decodes `get_wch` results into `Key`s. Pure; `.resize` and mouse are handled by the terminal (they need
/// ncurses state), so `decode` returns nil for them and for keys we do not map.
public enum KeyDecoder {
    public static func decode(_ raw: RawInput) -> Key? {
        switch raw {
        case .character(let c): return decodeCharacter(c)
        case .functionKey(let k): return decodeFunctionKey(k)
        }
    }

    static func decodeCharacter(_ c: UInt32) -> Key? {
        switch c {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")    // Ctrl-Space / Ctrl-@
        case 1...26:
            return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + c))))   // 1 → "a"
        case 28...31: return nil     // Ctrl-\ ] ^ _ : unmapped
        case 0x80...0x9F: return nil // C1 never becomes a character key
        default:
            guard let scalar = Unicode.Scalar(c), !scalar.properties.generalCategory.isControlLike else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeFunctionKey(_ k: Int32) -> Key? {
        typealias K = NCursesKeyCode
        switch k {
        case K.up: return .up
        case K.down: return .down
        case K.left: return .left
        case K.right: return .right
        case K.home, K.find: return .home
        case K.end, K.select: return .end
        case K.nextPage: return .pageDown
        case K.previousPage: return .pageUp
        case K.enter: return .enter
        case K.backspace: return .backspace
        case K.deleteChar: return .delete
        case K.insertChar: return .insert
        case K.backTab: return .backTab
        case (K.f0 + 1)...(K.f0 + 12): return .function(Int(k - K.f0))
        default: return nil
        }
    }
}

extension Unicode.GeneralCategory {
    /// Categories that are never a typed character.
    var isControlLike: Bool {
        switch self {
        case .control, .format, .surrogate, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
