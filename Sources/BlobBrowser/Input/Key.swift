/// A key press, decoded by the terminal layer from ncurses input. Independent of ncurses.
public enum Key: Hashable, Sendable {
    case char(Character)          // printable character (no modifiers other than shift)
    case ctrl(Character)          // Ctrl+letter, lower-case letter ("c" for Ctrl-C)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)            // F1…F12

    /// Short display name for help and footer: "j", "Ctrl-d", "Enter", "PgDn", "F1", "Space".
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        }
    }
}

/// A mouse event in screen cells (0-based).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var row: Int
    public var column: Int
    public init(kind: Kind, row: Int, column: Int) { self.kind = kind; self.row = row; self.column = column }
}

/// Everything the terminal layer feeds to the application, in order.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(rows: Int, columns: Int)
    case tick                      // periodic timer (progress sampling, spinners), at most 10 per second
}
