import SafeText

/// One key → description row of the help overlay.
public struct HelpEntry: Sendable, Hashable {
    public var keys: String
    public var description: String
    public init(keys: String, description: String) { self.keys = keys; self.description = description }
}

/// A titled group of help rows.
public struct HelpSection: Sendable, Hashable {
    public var title: String
    public var entries: [HelpEntry]
    public init(title: String, entries: [HelpEntry]) { self.title = title; self.entries = entries }
}

/// The `?` overlay: sections of key → description rows given as data (from the key registry), in a centred box,
/// scrollable. Returns the layout so the caller can clamp its scroll offset.
public struct HelpOverlay: Sendable {
    public var title: String
    public var sections: [HelpSection]
    public var scrollOffset: Int

    public init(title: String = "Help", sections: [HelpSection], scrollOffset: Int = 0) {
        self.title = title; self.sections = sections; self.scrollOffset = scrollOffset
    }

    public struct Layout: Sendable, Equatable {
        public var frame: Rect
        public var scrollOffset: Int
        public var totalLines: Int
        public var visibleLines: Int
    }

    /// The overlay content as (text, role, isKeyRow) lines; key rows are laid out with `keyWidth`.
    func contentLines(keyWidth: Int) -> [(key: String, text: String, role: StyleRole)] {
        var out: [(String, String, StyleRole)] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { out.append(("", "", .overlay)) }
            out.append(("", section.title, .overlayTitle))
            for e in section.entries { out.append((e.keys, e.description, .overlay)) }
        }
        return out
    }

    @discardableResult
    public func draw(into grid: inout CellGrid, in bounds: Rect) -> Layout {
        let keyWidth = min(18, sections.flatMap(\.entries).map { SafeText.width(SafeText.line($0.keys)) }.max() ?? 0)
        let lines = contentLines(keyWidth: keyWidth)
        let descWidth = sections.flatMap(\.entries).map { SafeText.width(SafeText.line($0.description)) }.max() ?? 0
        let width = min(bounds.width, max(40, keyWidth + descWidth + 7))
        let height = min(bounds.height, lines.count + 2)
        let frame = Rect(row: bounds.row + (bounds.height - height) / 2,
                         column: bounds.column + (bounds.width - width) / 2, height: height, width: width)
        let visible = max(0, height - 2)
        let maxOffset = max(0, lines.count - visible)
        let offset = max(0, min(scrollOffset, maxOffset))
        let position = lines.count > visible ? "\(offset + 1)-\(offset + visible)/\(lines.count)" : nil
        let inner = Box(title: title, bottomRightLabel: position, focused: true, fillRole: .overlay)
            .draw(into: &grid, rect: frame)
        guard !inner.isEmpty else {
            return Layout(frame: frame, scrollOffset: offset, totalLines: lines.count, visibleLines: visible)
        }
        for (i, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            let y = inner.row + i
            if line.key.isEmpty {
                grid.putFitted(line.text, row: y, column: inner.column + 1, width: inner.width - 1, role: line.role)
            } else {
                grid.putFitted(line.key, row: y, column: inner.column + 1, width: keyWidth, role: .footerKey)
                let x = inner.column + 1 + keyWidth + 2
                grid.putFitted(line.text, row: y, column: x, width: max(0, inner.right - x), role: .overlay)
            }
        }
        return Layout(frame: frame, scrollOffset: offset, totalLines: lines.count, visibleLines: visible)
    }
}
