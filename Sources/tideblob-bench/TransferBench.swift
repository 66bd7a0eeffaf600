import Foundation
import Sandbox
import TidepoolAPI

struct BenchOptions {
    var runs = 5
    var size = 100 << 20

    init(_ args: [String]) throws {
        var i = 0
        while i < args.count {
            let value = i + 1 < args.count ? Int(args[i + 1]) : nil
            switch args[i] {
            case "--runs": guard let value, value > 0 else { throw BenchError.failed("--runs N") }; runs = value
            case "--size": guard let value, value > 0 else { throw BenchError.failed("--size BYTES") }; size = value
            default: throw BenchError.failed("unknown option \(args[i]) (--runs N, --size BYTES)")
            }
            i += 2
        }
    }
}

/// Transfer benchmark: tideblob (in a child process) against `curl` + `md5sum`, on an in-process sandbox.
@MainActor
struct TransferBench {
    let options: BenchOptions
    nonisolated static let userId = "0123456789"

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let env = try await BenchEnvironment.start(in: work)
        do {
            try await measureAll(env, work: work)
        } catch {
            await env.server.stop()
            throw error
        }
        await env.server.stop()
    }

    private func measureAll(_ env: BenchEnvironment, work: URL) async throws {
        let file = work.appendingPathComponent("random.bin")
        let digest = try BenchFiles.random(file, size: options.size)
        let seed = try await env.client.uploadBlob(userId: Self.userId, file: file, mediaType: "application/octet-stream", progress: nil)
        guard seed.digestMD5 == digest else { throw BenchError.failed("seed upload digest differs") }

        let sides = BenchSides(env: env, work: work, file: file, digest: digest, blobId: seed.id)
        print("tideblob-bench transfer: \(options.size) bytes (\(String(format: "%.1f", Double(options.size) / 1_048_576)) MiB) random file, "
              + "sandbox on \(env.baseURL.absoluteString), median of \(options.runs) runs (+1 warm-up)")
        var results: [String: [ProcessRun]] = [:]
        for run in 0...options.runs {
            let order: [String] = run % 2 == 0
                ? ["tideblob download", "baseline download", "tideblob upload", "baseline upload"]
                : ["baseline download", "tideblob download", "baseline upload", "tideblob upload"]
            for name in order {
                let measured = try await sides.measure(name)
                if run > 0 { results[name, default: []].append(measured) }
            }
        }
        report(results)
    }

    private func report(_ results: [String: [ProcessRun]]) {
        func median(_ name: String) -> (seconds: Double, rss: Int64) {
            let runs = results[name] ?? []
            let times = runs.map(\.seconds).sorted()
            let rss = runs.map(\.maxRSSBytes).max() ?? 0
            guard !times.isEmpty else { return (0, rss) }
            let mid = times.count / 2
            return (times.count % 2 == 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2, rss)
        }
        let mb = Double(options.size) / 1e6
        func cell(_ m: (seconds: Double, rss: Int64)) -> String {
            String(format: "%7.3f s %8.1f MB/s   peak RSS %6.1f MiB", m.seconds, mb / max(m.seconds, 1e-9),
                   Double(m.rss) / 1_048_576)
        }
        print("")
        print("            tideblob (child process)                         baseline (curl CLI + md5sum)")
        var ratios: [Double] = []
        var rssOK = true
        for kind in ["download", "upload"] {
            let ours = median("tideblob \(kind)"), base = median("baseline \(kind)")
            ratios.append(ours.seconds / max(base.seconds, 1e-9))
            rssOK = rssOK && ours.rss < 40 << 20
            print(kind.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + cell(ours) + "   |  " + cell(base))
        }
        print("baseline download = curl -s -o FILE URL, then md5sum FILE; baseline upload = md5sum FILE, then "
              + "curl --data-binary @FILE (Content-Type, Digest, session token, empty Expect:)")
        print("peak RSS = VmHWM of each child process (sampled every 1 ms; tideblob also reports its own); baseline = the larger of curl's and md5sum's")
        let met = ratios.allSatisfy { $0 <= 1.0 } && rssOK
        print("targets (ratios <= 1.00, tideblob peak RSS < 40 MiB): \(met ? "met" : "NOT met")")
        print(String(format: "ratio download=%.2f upload=%.2f", ratios[0], ratios[1]))
    }
}

/// The sandbox, a signed-in service client, and the token for the other processes.
struct BenchEnvironment {
    let server: SandboxServer
    let baseURL: URL
    let client: TidepoolClient
    let token: String

    static func start(in work: URL) async throws -> BenchEnvironment {
        let accounts = work.appendingPathComponent("accounts.json")
        let password = UUID().uuidString
        try Data("""
        {"accounts":[
          {"email":"bench-service@example.org","password":"\(password)","userId":"5a5a5a5a5a","fullName":"Bench Service","service":true},
          {"email":"bench-patient@example.org","password":"\(UUID().uuidString)","userId":"\(TransferBench.userId)","fullName":"Bench Patient"}
        ]}
        """.utf8).write(to: accounts)
        let configuration = SandboxConfiguration(host: "127.0.0.1", port: 0, dataDirectory: work.appendingPathComponent("sandbox"),
                                                 seed: .empty, accountsFile: accounts)
        let server = try SandboxServer(configuration: configuration)
        let port = try await server.start()
        let baseURL = URL(string: "http://127.0.0.1:\(port)")!
        let anonymous = try TidepoolClient(environment: Environment(name: "bench", baseURL: baseURL))
        let basic = Data("bench-service@example.org:\(password)".utf8).base64EncodedString()
        let login = try await anonymous.send(APIRequest(method: "POST", path: "/auth/login",
                                                        headers: [(name: "Authorization", value: "Basic \(basic)")],
                                                        authenticated: false))
        guard let token = login.header(TraceHeaders.sessionToken) else { throw BenchError.failed("login gave no token") }
        let client = try TidepoolClient(environment: Environment(name: "bench", baseURL: baseURL),
                                        session: Session(token: token, userId: "5a5a5a5a5a", isService: true))
        return BenchEnvironment(server: server, baseURL: baseURL, client: client, token: token)
    }
}
