import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// A local server that answers like the Tidepool blob service (plus the auth, metadata, access
/// and clinic endpoints a client needs to log in and find accounts). See
/// `shared/research/tidepool-api.md` §3–§4 for the behaviour it copies.
public final class SandboxServer: Sendable {
    public let configuration: SandboxConfiguration
    let core: SandboxCore
    private let running = Locked<Running?>(nil)

    private struct Running {
        let task: Task<Void, any Error>
        let group: ServiceGroup
        let port: Int
    }

    /// Fixed demo logins (only valid when no accounts file is given).
    public static let demoCredentials: [(email: String, password: String, role: String)] =
        DemoAccounts.all.map { ($0.account.email, $0.account.password, $0.role) }

    /// The fault switches tests flip at run time.
    public var faults: SandboxFaultSwitches { core.faults }

    /// Test switch (loopback only, like the faults): changes a blob as another service would — its revision goes
    /// up by one — so a client still holding the old revision meets a stale-revision refusal. Returns the new
    /// revision, or nil when there is no such blob.
    public func touchBlob(id: String) throws -> Int64? {
        try core.faults.requireLoopbackAccess()
        return try core.metadata.bumpRevision(id: id, modifiedTime: WireTime.nowMilliseconds())?.revision
    }

    /// The bound port while running, else nil.
    public var port: Int? { running.current?.port }

    /// Opens (or creates) the data directory, loads accounts, seeds a new data directory and
    /// removes leftovers of interrupted uploads. Does not listen yet.
    public init(configuration: SandboxConfiguration) throws {
        let loopback = SandboxConfiguration.isLoopback(host: configuration.host)
        guard loopback || configuration.allowRemote else { throw SandboxError.remoteHostRefused(configuration.host) }
        self.configuration = configuration
        let dataDirectory = configuration.dataDirectory
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let directory = try configuration.accountsFile.map(AccountsFile.load) ?? DemoAccounts.directory
        let tokens = TokenRegistry(accessLifetime: configuration.tokenLifetime,
                                   refreshLifetime: configuration.refreshLifetime)
        let metadata: MetadataStore
        do {
            metadata = try MetadataStore(path: dataDirectory.appendingPathComponent("sandbox.sqlite").path)
        } catch {
            throw SandboxError.storage("cannot open database in \(dataDirectory.path): \(error)")
        }
        let content = try ContentStore(dataDirectory: dataDirectory)
        content.removeOrphans(keeping: try metadata.contentIds())
        if try metadata.metaValue("seed") == nil {
            if configuration.seed == .demo {
                try DemoSeed.apply(to: metadata, content: content, directory: directory, now: WireTime.nowMilliseconds())
            }
            try metadata.setMetaValue("seed", configuration.seed.rawValue)
        }
        let faults = try SandboxFaultSwitches(initial: configuration.faults, tokens: tokens, host: configuration.host)
        core = SandboxCore(directory: directory, tokens: tokens, metadata: metadata, content: content,
                           faults: faults, loopbackOnly: loopback)
    }

    /// Starts listening; returns the bound port once the server accepts connections.
    @discardableResult
    public func start() async throws -> Int {
        try await launch(signals: [])
    }

    /// For the CLI: starts, then serves until the task is cancelled or SIGINT/SIGTERM arrives.
    /// `onListening` runs once with the bound port.
    public func run(onListening: (@Sendable (Int) -> Void)? = nil) async throws {
        let port = try await launch(signals: [.sigint, .sigterm])
        onListening?(port)
        guard let task = running.current?.task else { return }
        try await withTaskCancellationHandler {
            _ = try await task.value
        } onCancel: {
            task.cancel()
        }
        running.withLock { $0 = nil }
    }

    /// Stops listening and waits until the server has shut down.
    public func stop() async {
        guard let current = running.withLock({ value -> Running? in defer { value = nil }; return value }) else { return }
        await current.group.triggerGracefulShutdown()
        let task = current.task
        let watchdog = Task {
            try await Task.sleep(for: .seconds(3))
            task.cancel()
        }
        _ = await task.result
        watchdog.cancel()
    }

    private func launch(signals: [UnixSignal]) async throws -> Int {
        if let port = running.current?.port { return port }
        let readiness = Readiness()
        var logger = Logger(label: "tideblob.sandbox")
        logger.logLevel = .critical
        let responder = SandboxResponder(core: core, logSink: configuration.logSink)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in readiness.resolve(.success(channel.localAddress?.port ?? 0)) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: signals, logger: logger))
        let task = Task {
            do {
                try await group.run()
                readiness.resolve(.failure(SandboxError.notStarted))
            } catch {
                readiness.resolve(.failure(error))
                throw error
            }
        }
        let port: Int
        do {
            port = try await readiness.value()
        } catch {
            task.cancel()
            throw error
        }
        running.withLock { $0 = Running(task: task, group: group, port: port) }
        return port
    }
}

/// A one-shot readiness signal: the first resolution wins.
final class Readiness: Sendable {
    private let state = Locked<(result: Result<Int, any Error>?, waiter: CheckedContinuation<Int, any Error>?)>((nil, nil))

    func resolve(_ result: Result<Int, any Error>) {
        let waiter = state.withLock { value -> CheckedContinuation<Int, any Error>? in
            guard value.result == nil else { return nil }
            value.result = result
            defer { value.waiter = nil }
            return value.waiter
        }
        waiter?.resume(with: result)
    }

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { value -> Result<Int, any Error>? in
                if let result = value.result { return result }
                value.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
