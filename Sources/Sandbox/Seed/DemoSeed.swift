import Crypto
import Foundation

/// Fills a new data directory with demo blobs and device logs (`SandboxSeed.demo`).
/// Blobs: many media types over the last 30 days, a few in status `created`, one ~24 MiB
/// deterministic binary. Device logs: one-hour JSON chunks over the last 5 days.
enum DemoSeed {
    static let largeBlobSize = 24 * 1024 * 1024 + 123

    private enum Body {
        case bytes([UInt8])
        case generated(size: Int, seed: UInt64)
        case none
    }

    private struct BlobSpec {
        let owner: Int
        let mediaType: String
        let body: Body
        let ageHours: Double
    }

    static let escapeText = """
        Notes with terminal tricks:\n\u{1B}[2J\u{1B}[H cleared?\n\u{1B}]0;owned title\u{07}\n\
        bidi: \u{202E}txt.exe\u{202C} and \u{2066}isolate\u{2069}\nbell \u{07} backspace \u{08} NUL-free\n
        """

    private static func specs() -> [BlobSpec] {
        let settings = #"{"pump":{"basalRates":[{"start":0,"rate":0.85},{"start":21600000,"rate":1.05}],"maxBolus":10},"cgm":{"highAlert":250,"lowAlert":70}}"#
        let csv = "timestamp,glucose_mg_dl,trend\n" + (0..<48).map { i in
            "2025-01-01T\(String(i / 2).leftPadded(2)):\(i % 2 == 0 ? "00" : "30"):00Z,\(110 + (i * 37) % 90),\(["flat", "up", "down"][i % 3])"
        }.joined(separator: "\n") + "\n"
        return [
            BlobSpec(owner: 0, mediaType: "application/json", body: .bytes(Array(settings.utf8)), ageHours: 2),
            BlobSpec(owner: 0, mediaType: "text/plain; charset=utf-8",
                     body: .bytes(Array("Zoë's site change log\n- 2025-01-03 new pod, left arm\n- 2025-01-06 sensor warm-up ✓\n".utf8)),
                     ageHours: 30),
            BlobSpec(owner: 0, mediaType: "text/csv", body: .bytes(Array(csv.utf8)), ageHours: 50),
            BlobSpec(owner: 0, mediaType: "image/png", body: .bytes(DemoContent.png()), ageHours: 75),
            BlobSpec(owner: 0, mediaType: "application/pdf", body: .bytes(DemoContent.pdf(title: "Tideblob demo report")), ageHours: 120),
            BlobSpec(owner: 0, mediaType: "application/zip",
                     body: .bytes(DemoContent.zip([("readme.txt", Array("Demo archive\n".utf8)),
                                                   ("settings.json", Array(settings.utf8))])), ageHours: 200),
            BlobSpec(owner: 0, mediaType: "application/octet-stream", body: .generated(size: 4096, seed: 7), ageHours: 260),
            BlobSpec(owner: 0, mediaType: "application/octet-stream", body: .generated(size: largeBlobSize, seed: 24), ageHours: 300),
            BlobSpec(owner: 0, mediaType: "application/json", body: .none, ageHours: 1),
            BlobSpec(owner: 1, mediaType: "application/json; charset=utf-8",
                     body: .bytes(Array(#"{"note":"José's upload","items":[1,2,3]}"#.utf8)), ageHours: 5),
            BlobSpec(owner: 1, mediaType: "text/plain; charset=utf-8", body: .bytes(Array(escapeText.utf8)), ageHours: 26),
            BlobSpec(owner: 1, mediaType: "image/png", body: .bytes(DemoContent.png(size: 16, tint: 90)), ageHours: 99),
            BlobSpec(owner: 1, mediaType: "text/csv", body: .none, ageHours: 3),
            BlobSpec(owner: 2, mediaType: "text/plain; charset=utf-8",
                     body: .bytes(Array("李小龍的記錄\n血糖正常。\n".utf8)), ageHours: 8),
            BlobSpec(owner: 2, mediaType: "application/pdf", body: .bytes(DemoContent.pdf(title: "Clinic visit summary")), ageHours: 400),
            BlobSpec(owner: 2, mediaType: "text/csv", body: .bytes(Array(csv.utf8.prefix(300))), ageHours: 500),
            BlobSpec(owner: 2, mediaType: "application/octet-stream", body: .none, ageHours: 6),
            BlobSpec(owner: 3, mediaType: "text/plain", body: .bytes(Array(("\u{1B}[31mred alert\u{1B}[0m\n" + escapeText).utf8)), ageHours: 12),
            BlobSpec(owner: 3, mediaType: "application/octet-stream", body: .generated(size: 65_537, seed: 3), ageHours: 700),
        ]
    }

    static func targets(in directory: AccountDirectory) -> [String] {
        if directory.account(id: DemoAccounts.zoeId) != nil { return DemoAccounts.patientIds }
        let clinicians = Set(directory.clinics.flatMap(\.clinicians))
        let patients = directory.accounts.filter { !$0.isService && !clinicians.contains($0.userId) }.map(\.userId)
        return patients.isEmpty ? directory.accounts.filter { !$0.isService }.map(\.userId) : patients
    }

    static func apply(to metadata: MetadataStore, content: ContentStore, directory: AccountDirectory, now: Int64) throws {
        let owners = targets(in: directory)
        guard !owners.isEmpty else { return }
        var blobs: [BlobRecord] = []
        for spec in specs() {
            let owner = owners[spec.owner % owners.count]
            let id = Identifiers.random32Hex()
            let created = now - Int64(spec.ageHours * 3_600_000)
            var record = BlobRecord(id: id, userId: owner, mediaType: spec.mediaType, digestMD5: nil, size: nil,
                                    status: "created", createdTime: created, modifiedTime: nil, revision: 0)
            var hasher = Insecure.MD5()
            var size = 0
            switch spec.body {
            case .none:
                blobs.append(record)
                continue
            case .bytes(let bytes):
                try content.writeSeed(.blobs, userId: owner, id: id) { fd in
                    try bytes.withUnsafeBytes { raw in
                        hasher.update(bufferPointer: raw)
                        try ContentStore.writeAll(fd, raw)
                    }
                }
                size = bytes.count
            case .generated(let total, let seed):
                var generator = DemoContent.Generator(seed: seed)
                let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
                defer { chunk.deallocate() }
                try content.writeSeed(.blobs, userId: owner, id: id) { fd in
                    var remaining = total
                    while remaining > 0 {
                        let part = UnsafeMutableRawBufferPointer(rebasing: chunk[0..<min(remaining, chunk.count)])
                        generator.fill(part)
                        hasher.update(bufferPointer: UnsafeRawBufferPointer(part))
                        try ContentStore.writeAll(fd, UnsafeRawBufferPointer(part))
                        remaining -= part.count
                    }
                }
                size = total
            }
            record.digestMD5 = Data(hasher.finalize()).base64EncodedString()
            record.size = Int64(size)
            record.status = "available"
            record.modifiedTime = created + 850
            record.revision = 1
            blobs.append(record)
        }
        let logs = try DemoDeviceLogs.make(owners: owners, content: content, now: now)
        try metadata.insert(blobs, logs)
    }
}
