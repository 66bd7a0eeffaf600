/// Cursor and scroll offset of a list viewport.
public struct ListCursor: Sendable, Hashable {
    public var index: Int
    /// First visible row.
    public var offset: Int
    public init(index: Int = 0, offset: Int = 0) { self.index = index; self.offset = offset }

    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else { index = 0; offset = 0; return }
        index = min(max(0, index + delta), count - 1)
    }

    public mutating func moveTo(_ target: Int, count: Int) {
        guard count > 0 else { index = 0; offset = 0; return }
        index = min(max(0, target), count - 1)
    }

    public mutating func clamp(count: Int) {
        if count <= 0 { index = 0; offset = 0; return }
        index = min(max(0, index), count - 1)
        offset = min(max(0, offset), max(0, count - 1))
    }

    /// Scrolls so the cursor is inside a viewport of `height` rows.
    public mutating func ensureVisible(height: Int, count: Int) {
        clamp(count: count)
        let h = max(1, height)
        if index < offset { offset = index }
        if index >= offset + h { offset = index - h + 1 }
        offset = max(0, min(offset, max(0, count - h)))
    }
}
