/// What a cell *means*; a theme maps each role to colours and attributes. Renderers only name roles.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case normal
    case dim
    case title              // pane titles
    case border
    case borderFocused      // border of the focused pane
    case header             // table column headers
    case selection          // cursor row in the focused pane
    case selectionInactive  // cursor row in an unfocused pane
    case marked             // a marked (picked) row
    case markedSelection    // a marked row under the cursor
    case statusBar
    case footer
    case footerKey          // the key part of a footer hint
    case error
    case warning
    case success
    case info
    case progressDone
    case progressTodo
    case overlay            // dialogs, help, detail views
    case overlayTitle
    case input              // command line / prompt text
    case match              // filter matches
    case escaped            // visible escapes the sanitizer made (\x1b, <U+202E>)
}
