import SafeText
import Testing

extension Reliability {
    /// Sink (a): the sanitizer itself — `line`, `lines`, truncation, padding and tables.
    @Suite struct HostileSafeText {
        @Test func corpusCoversEveryCategory() throws {
            let corpus = try HostileCorpus.all()
            #expect(corpus.count >= 40)
            let missing = HostileCorpus.requiredCategories.subtracting(corpus.map(\.category))
            #expect(missing.isEmpty, "categories without an entry: \(missing.sorted())")
            #expect(corpus.contains { !$0.isValidUTF8 })
            #expect(corpus.contains { $0.bytes.count > 4000 })
            #expect(Set(corpus.map(\.name)).count == corpus.count)
        }

        @Test func lineIsSafeAndIdempotent() throws {
            for input in try HostileCorpus.all() {
                var problems: [String] = []
                let fromBytes = SafeText.line(bytes: input.bytes)
                problems += TerminalSafety.problems(text: fromBytes, allowNewline: false)
                if SafeText.line(fromBytes) != fromBytes { problems.append("line(bytes:) is not idempotent") }
                let fromText = SafeText.line(input.text)
                problems += TerminalSafety.problems(text: fromText, allowNewline: false)
                if input.isValidUTF8, fromText != fromBytes { problems.append("line(text) != line(bytes:) for valid UTF-8") }
                for seg in SafeText.segments(bytes: input.bytes) {
                    problems += TerminalSafety.problems(text: seg.text, allowNewline: false)
                }
                HostileLedger.record(input, sink: "SafeText.line", problems: problems)
            }
        }

        @Test func linesAreSafe() throws {
            for input in try HostileCorpus.all() {
                var problems: [String] = []
                for (n, l) in SafeText.lines(bytes: input.bytes).enumerated() {
                    problems += TerminalSafety.problems(text: l, allowNewline: false).map { "line \(n): \($0)" }
                }
                for (n, l) in SafeText.lines(input.text).enumerated() {
                    problems += TerminalSafety.problems(text: l, allowNewline: false).map { "text line \(n): \($0)" }
                }
                HostileLedger.record(input, sink: "SafeText.lines", problems: problems)
            }
        }

        @Test func truncationStaysWithinWidth() throws {
            let widths = [0, 1, 2, 3, 5, 8, 20, 40, 79]
            for input in try HostileCorpus.all() {
                var problems: [String] = []
                let clean = SafeText.line(bytes: input.bytes)
                for w in widths {
                    for (kind, cut) in [("truncate", SafeText.truncate(clean, toWidth: w)),
                                        ("truncateMiddle", SafeText.truncateMiddle(clean, toWidth: w)),
                                        ("ascii", SafeText.truncate(SafeText.line(bytes: input.bytes, ascii: true),
                                                                    toWidth: w, ellipsis: "..."))] {
                        if SafeText.width(cut) > w { problems.append("\(kind) to \(w) gave width \(SafeText.width(cut))") }
                        problems += TerminalSafety.problems(text: cut, allowNewline: false)
                    }
                    let padded = SafeText.padded(clean, toWidth: w)
                    if SafeText.width(padded) != w { problems.append("padded to \(w) is \(SafeText.width(padded)) wide") }
                }
                HostileLedger.record(input, sink: "SafeText.truncate", problems: problems)
            }
        }

        @Test func tableCellsStayInTheirColumns() throws {
            let caps: [Int?] = [12, 20, nil]
            for input in try HostileCorpus.all() {
                let rows = [["id-1", input.text, "tail"], [input.text, "x", input.text]]
                let lines = SafeText.table(rows: rows, headers: ["ID", "NAME", "LAST"], maxWidths: caps)
                var problems: [String] = []
                guard lines.count == 3, let layout = TableLayout(header: lines[0], names: ["ID", "NAME", "LAST"], caps: caps) else {
                    HostileLedger.record(input, sink: "SafeText.table", problems: ["table has \(lines.count) lines or a broken header"])
                    continue
                }
                for l in lines {
                    problems += TerminalSafety.problems(text: l, allowNewline: false)
                    problems += layout.problems(row: l)
                }
                HostileLedger.record(input, sink: "SafeText.table", problems: problems)
            }
        }
    }
}
