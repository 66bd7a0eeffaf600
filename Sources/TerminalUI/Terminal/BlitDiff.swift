/// A run of changed cells in one row, to be written left to right starting at `column`. Continuation cells are
/// included (they are skipped when writing; the wide character before them covers them).
public struct BlitRun: Sendable, Equatable {
    public var row: Int
    public var column: Int
    public var cells: [Cell]
}

/// Which cells must be rewritten to turn the screen showing `old` into `new`. Pure; the blitter writes the runs.
public enum BlitDiff {
    /// All of `new` when `old` is nil or a different size. A wide character and its continuation always travel
    /// together, and a run never starts on a continuation cell.
    public static func runs(from old: CellGrid?, to new: CellGrid) -> [BlitRun] {
        let columns = new.columns
        let newCells = new.storage
        let oldCells: [Cell]? = old.flatMap { $0.rows == new.rows && $0.columns == columns ? $0.storage : nil }
        var runs: [BlitRun] = []
        var changed = [Bool](repeating: false, count: columns)
        for y in 0..<new.rows {
            let base = y * columns
            for x in 0..<columns {
                changed[x] = oldCells.map { $0[base + x] != newCells[base + x] } ?? true
            }
            // A wide character and its continuation travel together.
            for x in 1..<max(1, columns) where newCells[base + x].isContinuation && (changed[x] || changed[x - 1]) {
                changed[x] = true
                changed[x - 1] = true
            }
            var x = 0
            while x < columns {
                guard changed[x] else { x += 1; continue }
                let start = x
                while x < columns && changed[x] { x += 1 }
                runs.append(BlitRun(row: y, column: start, cells: Array(newCells[(base + start)..<(base + x)])))
            }
        }
        return runs
    }

    /// Number of cells the runs rewrite.
    public static func cellCount(_ runs: [BlitRun]) -> Int { runs.reduce(0) { $0 + $1.cells.count } }
}
