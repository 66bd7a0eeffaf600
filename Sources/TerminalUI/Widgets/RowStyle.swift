/// How a list or table row is shown; maps onto the theme roles.
public enum RowStyle: Sendable, Hashable {
    case normal, dim, marked, selection, selectionInactive, markedSelection, error, warning, success

    public var role: StyleRole {
        switch self {
        case .normal: return .normal
        case .dim: return .dim
        case .marked: return .marked
        case .selection: return .selection
        case .selectionInactive: return .selectionInactive
        case .markedSelection: return .markedSelection
        case .error: return .error
        case .warning: return .warning
        case .success: return .success
        }
    }

    /// The style of a row given its base style, whether it is marked and whether it is under the cursor of a
    /// focused (or unfocused) pane.
    public static func resolve(base: RowStyle = .normal, marked: Bool, cursor: Bool, focused: Bool) -> RowStyle {
        switch (marked, cursor) {
        case (true, true): return focused ? .markedSelection : .selectionInactive
        case (false, true): return focused ? .selection : .selectionInactive
        case (true, false): return .marked
        case (false, false): return base
        }
    }
}
