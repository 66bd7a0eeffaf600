/// Builds one frame: the application's drawing, or the too-small notice, always through the final safety pass.
public enum FrameRenderer {
    public static func render(_ app: TerminalApplication, rows: Int, columns: Int, ascii: Bool,
                              options: TerminalOptions = TerminalOptions()) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns, ascii: ascii)
        if rows < options.minimumRows || columns < options.minimumColumns {
            TooSmallNotice.draw(into: &grid, needRows: options.minimumRows, needColumns: options.minimumColumns)
        } else {
            app.render(into: &grid)
            grid.ascii = ascii
        }
        return grid.sanitized()
    }
}
