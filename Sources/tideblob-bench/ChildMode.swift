import Foundation
import TidepoolAPI

/// `tideblob-bench --child upload --url U --user ID --file F` → prints `<blob id> <digest> <peak RSS bytes>`;
/// `tideblob-bench --child download --url U --id ID --out PATH` → prints `<digest> <bytes> <peak RSS bytes>`.
/// The session token comes in `TIDEBLOB_BENCH_TOKEN` (never on the command line).
enum ChildMode {
    static let tokenVariable = "TIDEBLOB_BENCH_TOKEN"

    static func run(_ args: [String]) async -> Int32 {
        guard let action = args.first else { return fail("missing upload|download") }
        var options: [String: String] = [:]
        var i = 1
        while i + 1 < args.count { options[args[i]] = args[i + 1]; i += 2 }
        guard let urlText = options["--url"], let url = URL(string: urlText),
              let token = ProcessInfo.processInfo.environment[tokenVariable] else {
            return fail("need --url and \(tokenVariable)")
        }
        do {
            let session = Session(token: token, userId: options["--user"] ?? "0000000000", isService: true)
            let client = try TidepoolClient(environment: Environment(name: "bench", baseURL: url), session: session)
            switch action {
            case "upload":
                guard let user = options["--user"], let file = options["--file"] else { return fail("need --user, --file") }
                let blob = try await client.uploadBlob(userId: user, file: URL(fileURLWithPath: file),
                                                       mediaType: "application/octet-stream", progress: nil)
                print("\(blob.id) \(blob.digestMD5 ?? "-") \(ownPeak)")
            case "download":
                guard let id = options["--id"], let out = options["--out"] else { return fail("need --id, --out") }
                let result = try await client.downloadBlob(id: id, to: URL(fileURLWithPath: out), overwrite: true, progress: nil)
                print("\(result.digestMD5) \(result.bytes) \(ownPeak)")
            default:
                return fail("unknown child action \(action)")
            }
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    /// This process's VmHWM in bytes (the exact peak; the parent's sampling may miss the last millisecond).
    static var ownPeak: Int64 {
        (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)).flatMap(Spawn.parseVmHWM) ?? 0
    }

    static func fail(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("tideblob-bench child: \(message)\n".utf8))
        return 1
    }
}
