import Foundation

/// Id formats used on the wire.
enum Identifiers {
    /// `user.IsValidID`: 10 lowercase hex, or a UUID (upper-case hex accepted).
    static func isValidUserId(_ text: String) -> Bool {
        let b = Array(text.utf8)
        if b.count == 10 { return b.allSatisfy(isLowerHex) }
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) { guard c == 0x2D else { return false } } else {
                guard isLowerHex(c) || (c >= 0x41 && c <= 0x46) else { return false }
            }
        }
        return true
    }

    /// `blob.IsValidID`: `^[0-9a-z]{32}$`.
    static func isValidBlobId(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 32 && b.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    static func isValidClinicId(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 24 && b.allSatisfy(isLowerHex)
    }

    private static func isLowerHex(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) }

    /// 16 random bytes as 32 lowercase hex characters (`id.New`).
    static func random32Hex() -> String { randomHex(bytes: 16) }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        out.reserveCapacity(count * 2)
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out += String(byte, radix: 16).leftPadded(2)
        }
        return out
    }
}
