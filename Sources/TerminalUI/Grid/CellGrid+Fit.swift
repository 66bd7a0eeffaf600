import SafeText

/// How text that is too wide is cut.
public enum Truncation: Sendable, Hashable {
    /// `long tex…`
    case end
    /// `0a1b2c…9f8e` (for ids)
    case middle
    /// Cut without an ellipsis.
    case clip
}

/// Horizontal alignment in a field.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}

extension CellGrid {
    /// Writes untrusted `text` into a field of exactly `width` columns at (row, column): sanitized (escape parts get
    /// `.escaped`), cut with an ellipsis when too wide, aligned, and — when `pad` — the rest of the field filled with
    /// spaces in `role`. Returns the columns the text used.
    @discardableResult
    public mutating func putFitted(
        _ text: String, row: Int, column: Int, width: Int, role: StyleRole,
        truncation: Truncation = .end, alignment: Alignment = .left, pad: Bool = false
    ) -> Int {
        let field = max(0, min(width, columns - max(0, column)))
        guard field > 0, row >= 0, row < rows else { return 0 }
        var items = Self.items(SafeText.segments(text, ascii: ascii), role: role)
        let total = items.reduce(0) { $0 + $1.width }
        if total > field { items = cut(items, to: field, truncation: truncation, role: role) }
        let used = items.reduce(0) { $0 + $1.width }
        if pad { fill(Rect(row: row, column: column, height: 1, width: field), role: role) }
        var x = column
        switch alignment {
        case .left: break
        case .right: x += field - used
        case .center: x += (field - used) / 2
        }
        for item in items {
            if x >= 0, x + item.width <= columns {
                setCell(Cell(text: item.text, role: item.role), width: item.width, row: row, column: x)
            }
            x += item.width
        }
        return used
    }

    struct FitItem {
        var text: String
        var width: Int
        var role: StyleRole
    }

    static func items(_ segments: [SafeText.Segment], role: StyleRole) -> [FitItem] {
        var items: [FitItem] = []
        for seg in segments {
            for ch in seg.text {
                let w = SafeText.width(of: ch)
                if w > 0 { items.append(FitItem(text: String(ch), width: w, role: seg.isEscape ? .escaped : role)) }
            }
        }
        return items
    }

    private func cut(_ items: [FitItem], to field: Int, truncation: Truncation, role: StyleRole) -> [FitItem] {
        func prefix(_ limit: Int) -> [FitItem] {
            var out: [FitItem] = [], used = 0
            for i in items { if used + i.width > limit { break }; out.append(i); used += i.width }
            return out
        }
        func suffix(_ limit: Int) -> [FitItem] {
            var out: [FitItem] = [], used = 0
            for i in items.reversed() { if used + i.width > limit { break }; out.append(i); used += i.width }
            return out.reversed()
        }
        let ell = Self.items([SafeText.Segment(text: ellipsis, isEscape: false)], role: role)
        let ew = ell.reduce(0) { $0 + $1.width }
        if truncation == .clip || ew >= field { return prefix(field) }
        let room = field - ew
        switch truncation {
        case .middle:
            let head = prefix((room + 1) / 2)
            let headWidth = head.reduce(0) { $0 + $1.width }
            return head + ell + suffix(room - headWidth)
        default:
            return prefix(room) + ell
        }
    }
}
