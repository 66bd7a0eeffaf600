import Foundation
import TidepoolAPI

enum BenchFiles {
    /// Writes `size` random bytes (from /dev/urandom, 1 MiB at a time); returns the base64 MD5.
    static func random(_ url: URL, size: Int) throws -> String {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let out = try FileHandle(forWritingTo: url)
        defer { try? out.close() }
        guard let random = FileHandle(forReadingAtPath: "/dev/urandom") else { throw BenchError.failed("no /dev/urandom") }
        defer { try? random.close() }
        var left = size
        while left > 0 {
            guard let chunk = try random.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty else {
                throw BenchError.failed("short read from /dev/urandom")
            }
            try out.write(contentsOf: chunk)
            left -= chunk.count
        }
        try out.synchronize()
        return try MD5Digest.ofFile(url)
    }

    static func md5(_ url: URL) throws -> String { try MD5Digest.ofFile(url) }

    /// `md5sum` output (`<32 hex>  <path>`) → base64.
    static func base64(hex text: String) -> String? {
        let hex = Array(text.prefix(32).utf8)
        guard hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        for i in stride(from: 0, to: 32, by: 2) {
            guard let b = UInt8(String(decoding: hex[i..<(i + 2)], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(b)
        }
        return Data(bytes).base64EncodedString()
    }
}
