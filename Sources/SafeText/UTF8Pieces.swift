/// Splits bytes of unknown encoding into valid UTF-8 text and single invalid bytes (ncdu-style `\xNN`).
enum UTF8Pieces {
    enum Piece: Equatable {
        case text(String)
        case invalid(UInt8)
    }

    static func split(_ bytes: some Collection<UInt8>) -> [Piece] {
        let a = Array(bytes)
        var pieces: [Piece] = []
        var runStart = 0
        var i = 0
        func flush(_ end: Int) {
            if end > runStart {
                pieces.append(.text(String(decoding: a[runStart..<end], as: UTF8.self)))
            }
        }
        while i < a.count {
            let n = validSequenceLength(a, at: i)
            if n > 0 {
                i += n
            } else {
                flush(i)
                pieces.append(.invalid(a[i]))
                i += 1
                runStart = i
            }
        }
        flush(i)
        return pieces
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (Unicode Table 3-7), or 0.
    static func validSequenceLength(_ a: [UInt8], at i: Int) -> Int {
        let b0 = a[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < a.count && a[i + k] >= lo && a[i + k] <= hi
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
