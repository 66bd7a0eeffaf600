/// One screen cell: the text shown there and its role. A wide character occupies its cell and the next one,
/// whose `text` is empty (a continuation cell).
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public init(text: String = " ", role: StyleRole = .normal) { self.text = text; self.role = role }
    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// A rectangle in grid coordinates.
public struct Rect: Hashable, Sendable {
    public var row: Int, column: Int, height: Int, width: Int
    public init(row: Int, column: Int, height: Int, width: Int) {
        self.row = row; self.column = column; self.height = max(0, height); self.width = max(0, width)
    }
    public var bottom: Int { row + height }    // exclusive
    public var right: Int { column + width }   // exclusive
    public var isEmpty: Bool { height <= 0 || width <= 0 }
}
