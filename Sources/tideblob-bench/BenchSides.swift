import Foundation
import TidepoolAPI

/// The four measured operations; each checks its result and cleans up (outside the timing).
@MainActor
struct BenchSides {
    let env: BenchEnvironment
    let work: URL
    let file: URL
    let digest: String
    let blobId: String

    private var contentURL: String { env.baseURL.absoluteString + "/v1/blobs/\(blobId)/content" }
    private var uploadURL: String { env.baseURL.absoluteString + "/v1/users/\(TransferBench.userId)/blobs" }
    private func path(_ name: String) -> String { work.appendingPathComponent(name).path }

    func measure(_ name: String) async throws -> ProcessRun {
        switch name {
        case "tideblob download": return try tideblobDownload()
        case "baseline download": return try baselineDownload()
        case "tideblob upload": return try await tideblobUpload()
        case "baseline upload": return try await baselineUpload()
        default: throw BenchError.failed("unknown measurement \(name)")
        }
    }

    private func tideblobDownload() throws -> ProcessRun {
        let out = path("tideblob-download.bin")
        let run = try Spawn.run(Spawn.selfPath, ["--child", "download", "--url", env.baseURL.absoluteString, "--id", blobId, "--out", out],
                                environment: [ChildMode.tokenVariable: env.token], stdoutFile: path("child.out"))
        try check(run, "tideblob download")
        let fields = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        guard fields.count == 3, fields[0] == digest,
              try BenchFiles.md5(URL(fileURLWithPath: out)) == digest else {
            throw BenchError.failed("tideblob download: wrong digest (\(run.stdout))")
        }
        try FileManager.default.removeItem(atPath: out)
        return withOwnPeak(run, fields[2])
    }

    private func baselineDownload() throws -> ProcessRun {
        let out = path("curl-download.bin")
        let headers = path("download-headers.txt")
        try "X-Tidepool-Session-Token: \(env.token)\n".write(toFile: headers, atomically: true, encoding: .utf8)
        let curl = try Spawn.run("curl", ["-s", "-f", "-o", out, "-H", "@" + headers, contentURL], stdoutFile: path("curl.out"))
        try check(curl, "curl download")
        let md5 = try Spawn.run("md5sum", [out], stdoutFile: path("md5sum.out"))
        try check(md5, "md5sum")
        guard BenchFiles.base64(hex: md5.stdout) == digest else { throw BenchError.failed("curl download: wrong digest") }
        try FileManager.default.removeItem(atPath: out)
        return ProcessRun(seconds: curl.seconds + md5.seconds, maxRSSBytes: max(curl.maxRSSBytes, md5.maxRSSBytes),
                          status: 0, stdout: "")
    }

    private func tideblobUpload() async throws -> ProcessRun {
        let run = try Spawn.run(Spawn.selfPath, ["--child", "upload", "--url", env.baseURL.absoluteString,
                                                 "--user", TransferBench.userId, "--file", file.path],
                                environment: [ChildMode.tokenVariable: env.token], stdoutFile: path("child.out"))
        try check(run, "tideblob upload")
        let parts = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        guard parts.count == 3, parts[1] == digest else { throw BenchError.failed("tideblob upload: wrong digest (\(run.stdout))") }
        try await delete(parts[0])
        return withOwnPeak(run, parts[2])
    }

    private func baselineUpload() async throws -> ProcessRun {
        let md5 = try Spawn.run("md5sum", [file.path], stdoutFile: path("md5sum.out"))
        try check(md5, "md5sum")
        guard let b64 = BenchFiles.base64(hex: md5.stdout) else { throw BenchError.failed("md5sum output: \(md5.stdout)") }
        let headers = path("upload-headers.txt")
        try """
        X-Tidepool-Session-Token: \(env.token)
        Content-Type: application/octet-stream
        Digest: MD5=\(b64)
        Expect:

        """.write(toFile: headers, atomically: true, encoding: .utf8)
        let curl = try Spawn.run("curl", ["-s", "-f", "-H", "@" + headers, "--data-binary", "@" + file.path, uploadURL],
                                 stdoutFile: path("curl.out"))
        try check(curl, "curl upload")
        let blob = try TidepoolJSON.decoder().decode(Blob.self, from: Data(curl.stdout.utf8))
        guard blob.digestMD5 == digest else { throw BenchError.failed("curl upload: wrong digest") }
        try await delete(blob.id)
        return ProcessRun(seconds: md5.seconds + curl.seconds, maxRSSBytes: max(md5.maxRSSBytes, curl.maxRSSBytes),
                          status: 0, stdout: "")
    }

    private func withOwnPeak(_ run: ProcessRun, _ reported: String) -> ProcessRun {
        var run = run
        run.maxRSSBytes = max(run.maxRSSBytes, Int64(reported) ?? 0)
        return run
    }

    private func delete(_ id: String) async throws {
        _ = try await env.client.send(APIRequest(method: "DELETE", path: "/v1/blobs/\(id)"))
    }

    private func check(_ run: ProcessRun, _ what: String) throws {
        guard run.status == 0 else { throw BenchError.failed("\(what) exited with status \(run.status): \(run.stdout.prefix(300))") }
    }
}
