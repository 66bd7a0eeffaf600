/// Pick: Space marks and moves down, `v` range, `*` invert, Esc clears.
extension Update {
    mutating func toggleMark() {
        switch s.focus {
        case .blobs:
            guard let blob = s.blobs.current else { return }
            if s.blobs.marks.contains(blob.id) { s.blobs.marks.remove(blob.id) } else { s.blobs.marks.insert(blob.id) }
            moveCursor(by: 1)
        case .logs:
            guard let chunk = s.logs.current else { return }
            if s.logs.marks.contains(chunk.id) { s.logs.marks.remove(chunk.id) } else { s.logs.marks.insert(chunk.id) }
            moveCursor(by: 1)
        default: break
        }
    }

    mutating func rangeMark() {
        if s.blobs.rangeAnchor == nil {
            guard let blob = s.blobs.current else { return }
            s.blobs.rangeAnchor = blob.id
            info("range started: move, then v again to mark")
        } else {
            let ids = s.blobs.rangeIds
            s.blobs.marks.formUnion(ids)
            s.blobs.rangeAnchor = nil
            info("marked \(Formatters.count(ids.count, "blob"))")
        }
    }

    mutating func invertMarks() {
        let shown = Set(s.blobs.visible.map(\.id))
        let hidden = s.blobs.marks.subtracting(shown)
        s.blobs.marks = shown.subtracting(s.blobs.marks).union(hidden)
        s.blobs.rangeAnchor = nil
    }

    mutating func clearMarks() {
        if s.focus == .logs { s.logs.marks = []; return }
        let had = s.blobs.marks.count
        s.blobs.marks = []
        s.blobs.rangeAnchor = nil
        if had > 0 { info("cleared \(Formatters.count(had, "mark"))") }
    }
}
