/// "terminal too small: need 60×15, have W×H", centred (wrapped when narrow).
public enum TooSmallNotice {
    public static func message(needRows: Int, needColumns: Int, haveRows: Int, haveColumns: Int,
                               ascii: Bool = false) -> String {
        let x = ascii ? "x" : "×"
        return "terminal too small: need \(needColumns)\(x)\(needRows), have \(haveColumns)\(x)\(haveRows)"
    }

    public static func draw(into grid: inout CellGrid, needRows: Int = 15, needColumns: Int = 60) {
        grid.clear()
        let text = message(needRows: needRows, needColumns: needColumns, haveRows: grid.rows,
                           haveColumns: grid.columns, ascii: grid.ascii)
        let lines = TextWrap.wrap(text, width: grid.columns, ascii: grid.ascii)
        let top = max(0, (grid.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            grid.putFitted(line, row: top + i, column: 0, width: grid.columns, role: .warning, alignment: .center)
        }
    }
}
