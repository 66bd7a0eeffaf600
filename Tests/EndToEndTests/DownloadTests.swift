import Foundation
import Testing

extension TUIEndToEndTests {
    @Test("download the largest blob: the bar reaches 100 % and the file has the server's size and MD5")
    func downloadToHundredPercent() throws {
        try Self.withDemo { demo in
            try demo.waitForMainScreen()
            let blobs = try demo.listBlobs(Demo.zoeId)
            let largest = try #require(blobs.filter { $0.status == "available" }.max { ($0.size ?? 0) < ($1.size ?? 0) },
                                       "\(blobs)")
            let (info, infoResult) = try demo.blobInfo(largest.id)
            let blob = try #require(info, "blobs info --json: \(infoResult)")
            let size = try #require(blob.size)
            let digest = try #require(blob.digestMD5)

            try demo.openUser(filter: "Zo", title: Demo.zoeName)
            try demo.waitForBlobs(blobs.map(\.id))
            try demo.showOnly(largest.id, of: blobs)
            try demo.tmux.send("d")
            try demo.tmux.waitFor(text: "download 1 item")
            try demo.tmux.send("C-u")
            try demo.tmux.type(demo.downloads.path)
            try demo.tmux.send("Enter")

            let done = try demo.tmux.waitFor("the transfer to reach 100 %", timeout: 60) { screen in
                screen.contains("Transfers") && screen.contains("100%") && screen.contains("done")
            }
            #expect(done.contains("0 running"), "no transfer still running:\n\(done)")
            #expect(!done.contains("failed"), "\(done)")

            let names = try FileManager.default.contentsOfDirectory(atPath: demo.downloads.path)
            let name = try #require(names.first { $0.hasPrefix(largest.id) }, "downloaded file named after the blob: \(names)")
            let file = demo.downloads.appendingPathComponent(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.size] as? NSNumber)?.int64Value == size)
            let md5 = try Checksum.md5Base64(of: file)
            #expect(md5 == digest, "MD5 of \(name) equals the server's digestMD5")
            #expect(!names.contains { $0.hasSuffix(".part") || $0.contains(".tmp") }, "no partial files left: \(names)")
        }
    }
}

/// MD5 through coreutils' `md5sum` (the test target has no crypto dependency), as base64 like `digestMD5`.
enum Checksum {
    static func md5Base64(of file: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["md5sum", file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let hex = String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
        guard p.terminationStatus == 0, hex.count == 32 else { throw E2EError.setup("md5sum \(file.path) failed") }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }
}
