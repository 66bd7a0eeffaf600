import Foundation

/// Classic hex dump lines: "00000000  48 65 6c 6c 6f 0a 00 ff  …  |Hello...|". Non-printable bytes show as `.`,
/// so the output is plain ASCII and always display-safe.
public enum HexDump {
    public static func lines(_ data: Data, bytesPerLine: Int = 16, maxLines: Int = 20_000) -> [String] {
        var out: [String] = []
        let bytes = [UInt8](data)
        var offset = 0
        while offset < bytes.count, out.count < maxLines {
            let end = min(offset + bytesPerLine, bytes.count)
            let chunk = bytes[offset..<end]
            var hex = ""
            for (i, b) in chunk.enumerated() {
                if i == bytesPerLine / 2 { hex += " " }
                hex += String(format: "%02x ", b)
            }
            let full = bytesPerLine * 3 + 1
            hex += String(repeating: " ", count: max(0, full - hex.count))
            let ascii = String(chunk.map { (0x20...0x7E).contains($0) ? Character(UnicodeScalar($0)) : "." })
            out.append(String(format: "%08x  ", offset) + hex + " |" + ascii + "|")
            offset = end
        }
        return out
    }
}
