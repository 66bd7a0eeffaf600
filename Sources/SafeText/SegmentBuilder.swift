/// Accumulates sanitized segments. The core of `SafeText`'s policy.
struct SegmentBuilder {
    let ascii: Bool
    private(set) var segments: [SafeText.Segment] = []
    /// Display columns emitted so far, for tab-stop arithmetic.
    private(set) var column = 0
    /// True when the last emitted thing is plain text that a combining mark may attach to.
    private var hasBase = false

    init(ascii: Bool) { self.ascii = ascii }

    mutating func appendEscape(_ text: String) {
        emit(text, isEscape: true)
        hasBase = false
    }

    /// Text known to be safe (spaces from tab expansion).
    mutating func appendPlain(_ text: String) {
        emit(text, isEscape: false)
        hasBase = true
    }

    mutating func append(_ s: String) {
        for ch in s {
            appendCharacter(ch)
        }
    }

    private mutating func appendCharacter(_ ch: Character) {
        let scalars = ch.unicodeScalars
        if ch.isASCII, scalars.count == 1, let only = scalars.first, (0x20...0x7E).contains(only.value) {
            emit(String(ch), isEscape: false); hasBase = true
            return
        }
        // Check the whole grapheme first: all scalars printable and a base to attach leading zero-width marks to.
        var allSafe = true
        var graphemeWidth = 0
        for s in scalars {
            switch ScalarPolicy.classify(s) {
            case .escape: allSafe = false
            case .printable(let w): graphemeWidth = max(graphemeWidth, w)
            }
            if !allSafe { break }
        }
        if allSafe, graphemeWidth > 0 || hasBase {
            if ascii {
                if graphemeWidth == 0 { return }              // a mark on a base that is already `?` or ASCII
                emit("?", isEscape: true); hasBase = true
            } else {
                emit(String(ch), isEscape: false); hasBase = true
            }
            return
        }
        // Scalar by scalar: printable runs stay, the rest becomes escapes.
        for s in scalars {
            switch ScalarPolicy.classify(s) {
            case .escape(let e):
                appendEscape(e)
            case .printable(let w):
                if w == 0 && !hasBase {
                    appendEscape(ScalarPolicy.codePointMarker(s.value))
                } else if s.isASCII {
                    emit(String(Character(s)), isEscape: false); hasBase = true
                } else if ascii {
                    if w > 0 { emit("?", isEscape: true); hasBase = true }
                } else {
                    emit(String(Character(s)), isEscape: false); hasBase = true
                }
            }
        }
    }

    private mutating func emit(_ text: String, isEscape: Bool) {
        guard !text.isEmpty else { return }
        column += SafeText.width(text)
        if let last = segments.last, last.isEscape == isEscape {
            segments[segments.count - 1].text += text
        } else {
            segments.append(SafeText.Segment(text: text, isEscape: isEscape))
        }
    }

    func finish() -> [SafeText.Segment] { segments }
}
