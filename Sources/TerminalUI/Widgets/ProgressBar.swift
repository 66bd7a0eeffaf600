import SafeText

/// A one-row progress bar: `████████░░░░ 42% 12.3 MiB/s ETA 0:07`.
/// Done cells use role `.progressDone`, the rest `.progressTodo`; ASCII mode draws `#` and `-`.
public struct ProgressBar: Sendable {
    public enum LabelPlacement: Sendable { case after, inside }

    /// 0…1; nil = unknown total (an empty bar with the label).
    public var fraction: Double?
    public var label: String
    public var placement: LabelPlacement

    public init(fraction: Double?, label: String = "", placement: LabelPlacement = .after) {
        self.fraction = fraction; self.label = label; self.placement = placement
    }

    /// "42% 12.3 MiB/s ETA 0:07" from the parts that are known.
    public static func label(fraction: Double?, bytesPerSecond: Double? = nil, etaSeconds: Double? = nil) -> String {
        var parts: [String] = []
        if let f = fraction { parts.append("\(Int((max(0, min(1, f)) * 100).rounded(.down)))%") }
        if let r = bytesPerSecond { parts.append(HumanSize.rate(r)) }
        if let e = etaSeconds { parts.append("ETA " + DurationFormat.eta(e)) }
        return parts.joined(separator: " ")
    }

    /// The number of done cells in a bar `width` cells wide.
    public static func doneCells(fraction: Double?, width: Int) -> Int {
        guard let f = fraction, f.isFinite, width > 0 else { return 0 }
        return Int((max(0, min(1, f)) * Double(width)).rounded(.down))
    }

    public func draw(into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0, rect.width > 0 else { return }
        let row = rect.row
        let clean = SafeText.line(label, ascii: grid.ascii)
        var labelWidth = SafeText.width(clean)
        var barWidth = rect.width
        if placement == .after, labelWidth > 0 {
            labelWidth = min(labelWidth, max(0, rect.width - 4))   // keep at least a 3-cell bar
            barWidth = rect.width - labelWidth - (labelWidth > 0 ? 1 : 0)
        }
        let done = ProgressBar.doneCells(fraction: fraction, width: barWidth)
        let (doneChar, todoChar) = grid.ascii ? ("#", "-") : ("█", "░")
        grid.fill(Rect(row: row, column: rect.column, height: 1, width: done), role: .progressDone, text: doneChar)
        grid.fill(Rect(row: row, column: rect.column + done, height: 1, width: barWidth - done), role: .progressTodo,
                  text: todoChar)
        switch placement {
        case .after:
            if labelWidth > 0 {
                grid.fill(Rect(row: row, column: rect.column + barWidth, height: 1, width: 1), role: .normal)
                grid.putFitted(label, row: row, column: rect.column + barWidth + 1, width: labelWidth, role: .normal)
            }
        case .inside:
            // Label centred over the bar; each character keeps the role of the bar cell under it, with spaces as
            // background so done/todo stays readable.
            let w = min(labelWidth, barWidth)
            guard w > 0 else { return }
            let start = rect.column + (barWidth - w) / 2
            grid.fill(Rect(row: row, column: start, height: 1, width: w), role: .progressTodo)
            grid.putFitted(label, row: row, column: start, width: w, role: .progressTodo)
            let doneEnd = rect.column + done
            if doneEnd > start {
                grid.restyle(Rect(row: row, column: start, height: 1, width: doneEnd - start), role: .progressDone)
            }
        }
    }
}
