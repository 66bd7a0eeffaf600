import SafeText

/// Where a dialog was drawn, for mouse hit-testing.
public struct DialogLayout: Sendable, Equatable {
    public var frame: Rect
    public var buttonRects: [Rect]

    public func button(atRow row: Int, column: Int) -> Int? {
        buttonRects.firstIndex { row >= $0.row && row < $0.bottom && column >= $0.column && column < $0.right }
    }
}

/// A centred overlay box with a title, message lines (wrapped) and buttons, one of them focused. Used for the delete
/// confirmation with the focused (default) button **No**: `Dialog(title: "Delete", message: …, buttons: ["Yes",
/// "No"], focusedButton: 1)`. The focused button is drawn `[ No ]` with role `.selection` (reverse in NO_COLOR).
public struct Dialog: Sendable {
    public var title: String
    public var message: [String]
    public var buttons: [String]
    public var focusedButton: Int
    /// Role of the message text (e.g. `.error` for error dialogs).
    public var messageRole: StyleRole
    public var minWidth: Int
    public var maxWidth: Int

    public init(title: String, message: [String], buttons: [String] = ["OK"], focusedButton: Int = 0,
                messageRole: StyleRole = .overlay, minWidth: Int = 30, maxWidth: Int = 72) {
        self.title = title; self.message = message; self.buttons = buttons; self.focusedButton = focusedButton
        self.messageRole = messageRole; self.minWidth = minWidth; self.maxWidth = maxWidth
    }

    static func buttonLabel(_ s: String, ascii: Bool) -> String { "[ " + SafeText.line(s, ascii: ascii) + " ]" }

    @discardableResult
    public func draw(into grid: inout CellGrid, in bounds: Rect) -> DialogLayout {
        let labels = buttons.map { Dialog.buttonLabel($0, ascii: grid.ascii) }
        let buttonsWidth = labels.reduce(0) { $0 + SafeText.width($1) } + max(0, labels.count - 1) * 2
        let messageWidth = message.map { SafeText.width(SafeText.line($0, ascii: grid.ascii)) }.max() ?? 0
        let titleWidth = SafeText.width(SafeText.line(title, ascii: grid.ascii)) + 6
        var width = max(minWidth, messageWidth + 4, buttonsWidth + 4, titleWidth)
        width = min(width, maxWidth, bounds.width)
        let innerWidth = max(0, width - 4)
        let lines = message.flatMap { TextWrap.wrap($0, width: innerWidth, ascii: grid.ascii) }
        let maxLines = max(0, bounds.height - 5)
        let shown = Array(lines.prefix(maxLines))
        let height = min(bounds.height, shown.count + 5)   // border, blank, message, blank, buttons, border
        let frame = Rect(row: bounds.row + (bounds.height - height) / 2,
                         column: bounds.column + (bounds.width - width) / 2, height: height, width: width)
        guard width >= 4, height >= 3 else { return DialogLayout(frame: frame, buttonRects: []) }
        grid.fill(frame, role: .overlay)
        Box(title: title, focused: true, fillRole: .overlay).draw(into: &grid, rect: frame)
        grid.restyle(Rect(row: frame.row, column: frame.column + 2, height: 1, width: width - 4), role: .overlayTitle)
        // Keep the border chars' own role where the title is absent.
        restyleBorder(&grid, frame)
        for (i, line) in shown.enumerated() {
            grid.putFitted(line, row: frame.row + 2 + i, column: frame.column + 2, width: innerWidth, role: messageRole)
        }
        var rects: [Rect] = []
        let buttonRow = frame.bottom - 2
        var x = frame.column + max(2, (width - buttonsWidth) / 2)
        for (i, label) in labels.enumerated() {
            let w = SafeText.width(label)
            let role: StyleRole = i == focusedButton ? .selection : .overlay
            let used = grid.putFitted(label, row: buttonRow, column: x, width: min(w, max(0, frame.right - 2 - x)),
                                      role: role)
            rects.append(Rect(row: buttonRow, column: x, height: 1, width: used))
            x += w + 2
        }
        return DialogLayout(frame: frame, buttonRects: rects)
    }

    private func restyleBorder(_ grid: inout CellGrid, _ frame: Rect) {
        let chars = BoxChars.for(grid)
        for x in frame.column..<frame.right where grid[row: frame.row, column: x].text == chars.horizontal {
            grid.restyle(Rect(row: frame.row, column: x, height: 1, width: 1), role: .borderFocused)
        }
    }
}
