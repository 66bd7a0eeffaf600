import BlobBrowser

/// ncurses mouse button bits the decoder needs (from the shim at runtime; plain values in tests).
public struct MouseMasks: Sendable, Equatable {
    public var clicked: UInt
    public var pressed: UInt
    public var wheelUp: UInt
    public var wheelDown: UInt
    public init(clicked: UInt, pressed: UInt, wheelUp: UInt, wheelDown: UInt) {
        self.clicked = clicked; self.pressed = pressed; self.wheelUp = wheelUp; self.wheelDown = wheelDown
    }
}

public enum MouseDecoder {
    /// A click (button 1 clicked or pressed) or wheel event at (row, column); nil for anything else.
    public static func decode(state: UInt, row: Int, column: Int, masks: MouseMasks) -> MouseEvent? {
        if masks.wheelUp != 0, state & masks.wheelUp != 0 { return MouseEvent(kind: .wheelUp, row: row, column: column) }
        if masks.wheelDown != 0, state & masks.wheelDown != 0 {
            return MouseEvent(kind: .wheelDown, row: row, column: column)
        }
        if state & (masks.clicked | masks.pressed) != 0 { return MouseEvent(kind: .click, row: row, column: column) }
        return nil
    }
}
