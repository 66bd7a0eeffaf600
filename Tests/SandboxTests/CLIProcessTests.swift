import Crypto
import Foundation
import Sandbox
import Testing
import TestSupport

/// Runs the built `tideblob sandbox` binary: CLI behaviour, and 100 MiB uploads with bounded memory.
extension AllSandboxTests {
    @Suite("tideblob sandbox (subprocess)")
    struct CLIProcessTests {
        static let limit = 100 * 1024 * 1024

        /// Deterministic body bytes: a 1 MiB pseudo-random block, each 1 MiB stamped with its index.
        struct BodyGenerator {
            static let block: [UInt8] = {
                var state: UInt64 = 0x1234_5678_9ABC_DEF1
                return (0..<(1 << 20)).map { _ in
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    return UInt8(truncatingIfNeeded: state)
                }
            }()
            let total: Int
            var sent = 0

            init(total: Int) { self.total = total }

            mutating func next() -> [UInt8]? {
                guard sent < total else { return nil }
                let index = sent / (1 << 20)
                let offset = sent % (1 << 20)
                let count = min(256 * 1024, total - sent, (1 << 20) - offset)
                var chunk = Array(Self.block[offset..<(offset + count)])
                if offset == 0 { withUnsafeBytes(of: UInt64(index).littleEndian) { chunk.replaceSubrange(0..<min(8, count), with: $0.prefix(count)) } }
                sent += count
                return chunk
            }

            static func md5(total: Int) -> String {
                var generator = BodyGenerator(total: total)
                var hasher = Insecure.MD5()
                while let chunk = generator.next() { hasher.update(data: chunk) }
                return Data(hasher.finalize()).base64EncodedString()
            }
        }

        static func login(_ port: Int, _ email: String, _ password: String) async throws -> String {
            let auth = Data("\(email):\(password)".utf8).base64EncodedString()
            let response = try await SandboxRawHTTP.send(port: port, method: "POST", path: "/auth/login",
                                                         headers: [("Authorization", "Basic \(auth)")])
            return try #require(response.header("X-Tidepool-Session-Token"))
        }

        @Test func hundredMiBUploadsKeepMemoryBounded() async throws {
            let process = try await SandboxProcess.start(arguments: ["--seed", "empty"])
            let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
            let zoe = SandboxServer.demoAccounts.first { $0.email == "zoe@tideblob.demo" }!
            let token = try await Self.login(process.port, support.email, support.password)
            let path = "/v1/users/\(zoe.userId)/blobs"
            let headers = [("X-Tidepool-Session-Token", token), ("Content-Type", "application/octet-stream")]

            var tooLarge = BodyGenerator(total: Self.limit + 1)
            let refused = try await SandboxRawHTTP.send(port: process.port, method: "POST", path: path, headers: headers,
                                                        contentLength: Self.limit + 1, timeout: 120) { tooLarge.next() }
            #expect(refused.status == 413)
            #expect(refused.text == Bodies.tooLarge)

            let digest = await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: BodyGenerator.md5(total: Self.limit)) }
            }
            var exact = BodyGenerator(total: Self.limit)
            let accepted = try await SandboxRawHTTP.send(port: process.port, method: "POST", path: path,
                                                         headers: headers + [("Digest", "MD5=" + digest)],
                                                         contentLength: Self.limit, timeout: 120) { exact.next() }
            #expect(accepted.status == 201, "\(accepted.text)")
            #expect(accepted.text.contains(#""size":104857600"#))
            #expect(accepted.text.contains(#""digestMD5":"\#(digest)""#))

            var chunked = BodyGenerator(total: Self.limit + 1)
            let refusedChunked = try await SandboxRawHTTP.send(port: process.port, method: "POST", path: path, headers: headers,
                                                               contentLength: nil, timeout: 120) { chunked.next() }
            #expect(refusedChunked.status == 413)

            let peak = try #require(process.memoryKiB("VmHWM"))
            #expect(peak < 64 * 1024, "sandbox peak RSS \(peak) KiB")
            print("sandbox subprocess after 3×100 MiB uploads: VmHWM \(peak) KiB, RssAnon \(process.memoryKiB("RssAnon") ?? -1) KiB, RssFile \(process.memoryKiB("RssFile") ?? -1) KiB")

            let listed = try await SandboxRawHTTP.send(port: process.port, method: "GET", path: path,
                                                       headers: [("X-Tidepool-Session-Token", token)])
            #expect(listed.text.components(separatedBy: "\"id\"").count == 2, "only the accepted blob exists")
            let (status, _, _) = await process.stop()
            #expect(status == 0)
        }

        @Test func killDuringUploadLosesNothingAcknowledged() async throws {
            let first = try await SandboxProcess.start(arguments: ["--seed", "empty"])
            let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
            let zoe = SandboxServer.demoAccounts.first { $0.email == "zoe@tideblob.demo" }!
            let path = "/v1/users/\(zoe.userId)/blobs"
            var token = try await Self.login(first.port, support.email, support.password)
            let kept = try await SandboxRawHTTP.send(port: first.port, method: "POST", path: path,
                                                     headers: [("X-Tidepool-Session-Token", token), ("Content-Type", "text/plain")],
                                                     body: Array("acknowledged".utf8))
            #expect(kept.status == 201)
            // Stream 8 MiB of a 20 MiB upload, then kill -9 the server.
            var generator = BodyGenerator(total: 20 << 20)
            let pid = first.process.processIdentifier
            _ = try? await SandboxRawHTTP.send(port: first.port, method: "POST", path: path,
                                               headers: [("X-Tidepool-Session-Token", token), ("Content-Type", "application/octet-stream")],
                                               contentLength: 20 << 20, timeout: 30) {
                if generator.sent >= 8 << 20 {
                    kill(pid, SIGKILL)
                    return nil
                }
                return generator.next()
            }
            _ = await first.stop(removeData: false)
            let second = try await SandboxProcess.start(arguments: ["--seed", "empty"], dataDirectory: first.dataDirectory)
            token = try await Self.login(second.port, support.email, support.password)
            let list = try await SandboxRawHTTP.send(port: second.port, method: "GET", path: path + "?status=available,created",
                                                     headers: [("X-Tidepool-Session-Token", token)])
            let blobs = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [[String: Any]])
            #expect(blobs.map { $0["size"] as? Int } == [12], "only the acknowledged blob is visible")
            let temp = try FileManager.default.contentsOfDirectory(atPath: first.dataDirectory.appendingPathComponent("tmp").path)
            #expect(temp.isEmpty, "interrupted upload cleaned at start-up")
            let (status, _, _) = await second.stop()
            #expect(status == 0)
        }

        @Test func bannerLoggingAdminRouteAndSignals() async throws {
            let process = try await SandboxProcess.start(arguments: ["--seed", "empty", "--fault-fail-next", "1"])
            #expect(process.firstLine == "sandbox listening on http://127.0.0.1:\(process.port)")
            let failed = try await SandboxRawHTTP.send(port: process.port, method: "GET", path: "/v1/users/20e0a1b2c3/blobs")
            #expect(failed.status == 500 && failed.text == "upstream exploded")
            // Hostile bytes from the client (the parser refuses raw control bytes in the request line,
            // but a header such as the trace id can carry bidi overrides and C1 controls) reach stderr escaped.
            let hostile = try await SandboxRawHTTP.send(port: process.port, method: "GET", path: "/v1/evil%1B[31m/x",
                                                        headers: [("X-Tidepool-Trace-Request", "\u{202E}evil\u{9B}2J")])
            #expect(hostile.status == 404)
            #expect(hostile.header("X-Tidepool-Trace-Request") == "\u{202E}evil\u{9B}2J")
            let admin = try await SandboxRawHTTP.send(port: process.port, method: "PUT", path: "/_sandbox/faults",
                                                      headers: [("Content-Type", "application/json")],
                                                      body: Array(#"{"malformedListJSON":true}"#.utf8))
            #expect(admin.status == 200)
            let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
            let token = try await Self.login(process.port, support.email, support.password)
            let list = try await SandboxRawHTTP.send(port: process.port, method: "GET", path: "/v1/users/20e0a1b2c3/blobs",
                                                     headers: [("X-Tidepool-Session-Token", token)])
            #expect(list.status == 200)
            #expect((try? JSONSerialization.jsonObject(with: Data(list.body))) == nil)

            let (status, stdout, stderr) = await process.stop(signal: SIGTERM)
            #expect(status == 0)
            for credential in SandboxServer.demoCredentials {
                #expect(stdout.contains("\(credential.email) / \(credential.password)"))
            }
            let lines = stderr.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("GET /v1/users/20e0a1b2c3/blobs 500 ") && $0.contains("trace=") })
            #expect(lines.contains { $0.hasPrefix("GET /v1/evil%1B[31m/x 404 ") && $0.hasSuffix(#"trace=\u{202e}evil\x9b2J"#) })
            #expect(!stderr.unicodeScalars.contains { $0.value < 0x20 && $0.value != 0x0A || $0.value >= 0x7F })
        }

        @Test func refusesRemoteHostAndStopsOnSIGINT() async throws {
            let binary = try SandboxProcess.locateBinary()
            let refuse = Process()
            refuse.executableURL = binary
            refuse.arguments = ["sandbox", "--host", "0.0.0.0", "--port", "0", "--data",
                                FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-refuse-\(UUID().uuidString)").path]
            refuse.standardOutput = FileHandle.nullDevice
            refuse.standardError = FileHandle.nullDevice
            try refuse.run()
            refuse.waitUntilExit()
            #expect(refuse.terminationStatus != 0)

            let process = try await SandboxProcess.start(arguments: ["--seed", "empty"])
            let (status, _, _) = await process.stop(signal: SIGINT)
            #expect(status == 0)
        }
    }
}
