import Foundation
import SafeText
import Testing
import TestSupport

extension Reliability {
    /// Sink (e): the sandbox's request log. Each input goes into a request path (percent-encoded, and raw where
    /// the request line can carry it) and into the `X-Tidepool-Trace-Request` header the log repeats; every line
    /// the sandbox logged for it must be safe. (The client log file is checked by `HostileServerText`.)
    @Suite struct HostileRequestLog {
        final class Lines: @unchecked Sendable {
            private let lock = NSLock()
            private var lines: [String] = []
            func append(_ s: String) { lock.withLock { lines.append(s) } }
            var count: Int { lock.withLock { lines.count } }
            func since(_ n: Int) -> [String] { lock.withLock { Array(lines[n...]) } }
        }

        static func percentEncoded(_ bytes: [UInt8]) -> String {
            bytes.map { b in
                let unreserved = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
                return unreserved ? String(UnicodeScalar(b)) : "%" + TerminalSafety.hex(UInt32(b), 2)
            }.joined()
        }

        @Test func sandboxRequestLog() async throws {
            let lines = Lines()
            let sandbox = try await SandboxHarness.start(seed: .empty, logSink: { lines.append($0) })
            var reached = 0
            do {
                for input in try HostileCorpus.all() {
                    let before = lines.count
                    let raw = input.headerSafeText.replacingOccurrences(of: " ", with: "%20")
                    let requests: [(String, [(String, String)])] = [
                        ("/v1/blobs/" + Self.percentEncoded(input.bytes), []),
                        ("/v1/users/" + raw + "/blobs", []),
                        ("/v1/blobs/0123456789abcdefghijklmnopqrstuv", [("X-Tidepool-Trace-Request", input.headerSafeText)]),
                    ]
                    for (path, headers) in requests {
                        // A request the HTTP parser refuses never reaches the log; that is fine too.
                        _ = try? await SandboxRawHTTP.send(port: sandbox.port, method: "GET", path: path, headers: headers)
                    }
                    let logged = lines.since(before)
                    guard !logged.isEmpty else { continue }
                    reached += 1
                    let problems = logged.flatMap { TerminalSafety.problems(text: $0, allowNewline: false) }
                    HostileLedger.record(input, sink: "sandbox request log", problems: problems)
                }
            } catch {
                Issue.record(Comment(rawValue: SafeText.line("\(error)")))
            }
            await sandbox.stop()
            #expect(reached == (try HostileCorpus.all()).count, "only \(reached) inputs reached the request log")
        }
    }
}
