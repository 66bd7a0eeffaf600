import Foundation
import Sandbox
import TestSupport
import Testing
import TidepoolAPI

extension Reliability {
    /// 8 concurrent client sessions × 200 mixed requests against a sandbox subprocess: every request answers as
    /// expected, and once the clients are gone the sandbox holds no more file descriptors than it did idle (its
    /// own fd table, read from /proc), nor does this process keep sockets to it or files of the run open.
    @Suite struct SandboxLoad {
        static let requestsPerClient = 200
        static let warmUpRequests = 20

        static func clients(_ sandbox: SandboxProcess, scratch: URL) -> [LoadClient] {
            let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
            let patients = ["zoe@tideblob.demo", "jose@tideblob.demo", "lee@tideblob.demo", "mallory@tideblob.demo"]
                .map { email in SandboxServer.demoAccounts.first { $0.email == email }! }
            let service = patients.enumerated().map { index, patient in
                LoadClient(name: "service-\(index)", baseURL: sandbox.baseURL, account: support, target: patient.userId,
                           scratch: scratch.appendingPathComponent("service-\(index)"))
            }
            let users = patients.enumerated().map { index, patient in
                LoadClient(name: "user-\(index)", baseURL: sandbox.baseURL, account: patient, target: patient.userId,
                           scratch: scratch.appendingPathComponent("user-\(index)"))
            }
            return service + users
        }

        /// Runs every client's plan at the same time; the clients (and their connections) are gone on return.
        static func runAll(_ clients: [LoadClient], requests: Int) async -> [LoadClient.Outcome] {
            await withTaskGroup(of: LoadClient.Outcome.self) { group in
                for client in clients {
                    let plan = LoadOperation.plan(service: client.account.isService, count: requests)
                    group.addTask { await client.run(plan) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }

        /// Readiness: every connection between this process and the sandbox is closed on both ends.
        static func connectionsClosed(_ sandbox: SandboxProcess, idleSockets: Int) async -> Bool {
            await Readiness.wait(seconds: 15) {
                let server = FileDescriptorCensus(process: "\(sandbox.pid)")
                return server.socketCount <= idleSockets && server.accepted(onPort: sandbox.port) == 0
                    && FileDescriptorCensus(process: "self").connections(toPort: sandbox.port) == 0
            }
        }

        @Test func eightClientsTwoHundredMixedRequestsNoErrorNoLeakedHandle() async throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-load-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let sandbox = try await SandboxProcess.start(arguments: ["--seed", "empty"])
            let pid = "\(sandbox.pid)"
            let idleSockets = FileDescriptorCensus(process: pid).socketCount
            let clients = Self.clients(sandbox, scratch: scratch)

            // Warm-up: one cycle of every request kind, so lazily opened resources are in the baseline.
            let warmUp = await Self.runAll(clients, requests: Self.warmUpRequests)
            for failure in warmUp.flatMap(\.failures) { Issue.record("warm-up: \(failure)") }
            #expect(await Self.connectionsClosed(sandbox, idleSockets: idleSockets), "warm-up connections did not close")
            let sandboxBefore = FileDescriptorCensus(process: pid)
            let selfBefore = FileDescriptorCensus(process: "self")

            let started = ContinuousClock.now
            let outcomes = await Self.runAll(clients, requests: Self.requestsPerClient)
            let wall = ContinuousClock.now - started
            let failures = outcomes.flatMap(\.failures)
            let latencies = LatencySummary(outcomes.flatMap(\.latenciesMs))
            ReliabilityLedger.shared.add(.loadRequests, latencies.sorted.count)
            ReliabilityLedger.shared.add(.loadErrors, failures.count)
            for failure in failures { Issue.record("load: \(failure)") }
            #expect(latencies.sorted.count == clients.count * Self.requestsPerClient)

            let closed = await Self.connectionsClosed(sandbox, idleSockets: idleSockets)
            let sandboxAfter = FileDescriptorCensus(process: pid)
            let selfAfter = FileDescriptorCensus(process: "self")
            let leaked = sandboxAfter.extra(over: sandboxBefore)
            ReliabilityLedger.shared.add(.leakedFileHandles, leaked.count)
            let stillOpen = "sandbox sockets \(sandboxAfter.socketCount) (idle \(idleSockets)), "
                + "test process connections \(selfAfter.connections(toPort: sandbox.port))"
            #expect(closed, "connections still open after the clients went away: \(stillOpen)")
            #expect(leaked.isEmpty, "the sandbox holds descriptors beyond its idle count: \(leaked)")
            #expect(sandboxAfter.count <= sandboxBefore.count)
            #expect(selfAfter.connections(toPort: sandbox.port) == 0)
            #expect(selfAfter.files(under: scratch).isEmpty, "this process keeps files of the run open: \(selfAfter.files(under: scratch))")

            let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
            print(String(format: "load: %ld clients × %ld requests = %ld requests in %.2f s (%.0f req/s), latency p50 %.1f ms, "
                         + "p95 %.1f ms, max %.1f ms; errors %ld; sandbox fds %ld before → %ld after (idle sockets %ld); "
                         + "test process fds %ld before → %ld after",
                         clients.count, Self.requestsPerClient, latencies.sorted.count, seconds,
                         Double(latencies.sorted.count) / max(seconds, 0.001), latencies.percentile(50),
                         latencies.percentile(95), latencies.maximum, failures.count, sandboxBefore.count, sandboxAfter.count,
                         idleSockets, selfBefore.count, selfAfter.count))
            var byOperation: [LoadOperation: [Double]] = [:]
            for outcome in outcomes {
                for (operation, ms) in zip(outcome.operations, outcome.latenciesMs) { byOperation[operation, default: []].append(ms) }
            }
            print("load latency by request (count, p50/p95 ms): " + LoadOperation.allCases.compactMap { operation in
                byOperation[operation].map { values in
                    let summary = LatencySummary(values)
                    return "\(operation.rawValue) \(values.count) "
                        + String(format: "%.0f/%.0f", summary.percentile(50), summary.percentile(95))
                }
            }.joined(separator: ", "))
            let (status, _, _) = await sandbox.stop()
            #expect(status == 0)
        }
    }
}
