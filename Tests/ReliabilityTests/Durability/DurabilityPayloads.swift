import Foundation
import TidepoolAPI

/// Upload bodies of varied sizes (empty, tiny, around libcurl's 64 KiB buffer, several MiB) written once to a
/// scratch directory, each with deterministic, distinct content and its base64 MD5.
struct DurabilityPayloads: Sendable {
    struct Payload: Sendable {
        var file: URL
        var size: Int
        var digestMD5: String
        var mediaType: String
    }

    static let ordinarySizes = [0, 1, 777, 4096, 65_535, 65_537, 300_000, (1 << 20) + 3, (3 << 20) + 11]
    static let mediaTypes = ["application/octet-stream", "text/plain", "application/json", "image/png"]

    let ordinary: [Payload]
    /// Large enough that a kill while it streams always lands mid-body.
    let large: Payload

    init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var made: [Payload] = []
        for (index, size) in Self.ordinarySizes.enumerated() {
            made.append(try Self.write(directory.appendingPathComponent("payload-\(index).bin"), size: size,
                                       seed: UInt64(index) &+ 0x5EED, mediaType: Self.mediaTypes[index % Self.mediaTypes.count]))
        }
        ordinary = made
        large = try Self.write(directory.appendingPathComponent("payload-large.bin"), size: 6 << 20, seed: 0xB16,
                               mediaType: "application/octet-stream")
    }

    var allDigests: Set<String> { Set(ordinary.map(\.digestMD5) + [large.digestMD5]) }

    private static func write(_ url: URL, size: Int, seed: UInt64, mediaType: String) throws -> Payload {
        var state = seed
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { raw in
            var offset = 0
            while offset < raw.count {
                state &+= 0x9E37_79B9_7F4A_7C15          // SplitMix64
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                z ^= z >> 31
                withUnsafeBytes(of: z) { word in
                    let n = min(8, raw.count - offset)
                    raw.baseAddress!.advanced(by: offset).copyMemory(from: word.baseAddress!, byteCount: n)
                    offset += n
                }
            }
        }
        let data = Data(bytes)
        try data.write(to: url)
        return Payload(file: url, size: size, digestMD5: TidepoolClient.md5Base64(data), mediaType: mediaType)
    }
}
