import Foundation
import Sandbox
import TestSupport
import Testing
import TidepoolAPI

extension Reliability.SandboxLoad {
    /// The leak check has teeth: a client that keeps its keep-alive connection shows up on both sides (an extra
    /// socket in the sandbox's fd table, a connection to its port in ours), and releasing the client closes it.
    @Test func heldConnectionIsSeenAndReleasingTheClientClosesIt() async throws {
        let sandbox = try await SandboxProcess.start(arguments: ["--seed", "empty"])
        let pid = "\(sandbox.pid)"
        let idle = FileDescriptorCensus(process: pid)
        var client: TidepoolClient? = try TidepoolClient(environment: Environment(name: "sandbox", baseURL: sandbox.baseURL))
        let support = SandboxServer.demoAccounts.first { $0.role == "service" }!
        _ = try await client?.login(email: support.email, password: support.password)
        let held = FileDescriptorCensus(process: pid)
        #expect(held.extra(over: idle).contains { $0.hasPrefix("socket:") }, "the kept-alive connection is not visible: \(held.targets)")
        #expect(held.accepted(onPort: sandbox.port) >= 1)
        let mine = FileDescriptorCensus(process: "self")
        #expect(mine.connections(toPort: sandbox.port) >= 1, "this process shows no connection to port \(sandbox.port)")
        #expect(held.count > idle.count)
        client = nil
        #expect(await Self.connectionsClosed(sandbox, idleSockets: idle.socketCount))
        #expect(FileDescriptorCensus(process: pid).extra(over: idle).isEmpty)
        let (status, _, _) = await sandbox.stop()
        #expect(status == 0)
    }
}
