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
        let full = old.map { $0.rows != new.rows || $0.columns != new.columns } ?? true
        var runs: [BlitRun] = []
        for y in 0..<new.rows {
            var x = 0
            var current: BlitRun?
            while x < new.columns {
                let cell = new[row: y, column: x]
                var changed = full || old![row: y, column: x] != cell
                // A continuation whose wide character changed, or a wide character whose continuation changed.
                let nextIsContinuation = x + 1 < new.columns && new[row: y, column: x + 1].isContinuation
                if !changed, nextIsContinuation, old![row: y, column: x + 1] != new[row: y, column: x + 1] {
                    changed = true
                }
                if !changed, cell.isContinuation, x > 0, old![row: y, column: x - 1] != new[row: y, column: x - 1] {
                    changed = true
                }
                if changed {
                    if current == nil {
                        // Never start on a continuation: include its wide character.
                        if cell.isContinuation, x > 0 {
                            current = BlitRun(row: y, column: x - 1, cells: [new[row: y, column: x - 1]])
                        } else {
                            current = BlitRun(row: y, column: x, cells: [])
                        }
                    }
                    current!.cells.append(cell)
                } else if let run = current {
                    runs.append(run)
                    current = nil
                }
                x += 1
            }
            if let run = current { runs.append(run) }
        }
        return runs
    }

    /// Number of cells the runs rewrite.
    public static func cellCount(_ runs: [BlitRun]) -> Int { runs.reduce(0) { $0 + $1.cells.count } }
}
