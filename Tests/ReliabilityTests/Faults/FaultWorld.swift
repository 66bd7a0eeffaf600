import Foundation
import Sandbox
import TestSupport
import TidepoolAPI

/// One isolated sandbox for one fault case (empty seed, demo accounts) with the fixtures every operation needs:
/// a 4 KiB blob and a second one to delete for Zoë, and one device-log chunk. Faults are injected only after the
/// fixtures exist, and only for the operation under test.
struct FaultWorld: Sendable {
    let sandbox: SandboxHarness
    let service: TidepoolClient
    let supportId: String
    let zoeId: String
    let blob: Blob
    let victim: Blob
    let log: DeviceLogsMetadata

    static let blobBytes = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })

    static func make() async throws -> FaultWorld {
        let sandbox = try await SandboxHarness.start(seed: .empty)
        do {
            let support = sandbox.account(role: "service")
            let zoe = sandbox.account(email: "zoe@tideblob.demo")
            let service = try TidepoolClient(environment: Environment(name: "fault-fixture", baseURL: sandbox.baseURL))
            try await service.login(email: support.email, password: support.password)
            let blob = try await service.createBlob(userId: zoe.userId, data: blobBytes, mediaType: "application/octet-stream")
            let victim = try await service.createBlob(userId: zoe.userId, data: Data("delete me".utf8), mediaType: "text/plain")
            let now = Date()
            let log = try await service.createDeviceLogs(userId: zoe.userId, entries: Self.entries(now),
                                                         start: now.addingTimeInterval(-7200), end: now.addingTimeInterval(-3600))
            return FaultWorld(sandbox: sandbox, service: service, supportId: support.userId, zoeId: zoe.userId,
                              blob: blob, victim: victim, log: log)
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    static func entries(_ now: Date) -> [DeviceLogEntry] {
        (0..<6).map { i in
            DeviceLogEntry(type: i % 2 == 0 ? .send : .receive, managerIdentifier: "pump", deviceIdentifier: "dev-\(i)",
                           timestamp: now.addingTimeInterval(Double(-7000 + i * 60)), message: "entry \(i)")
        }
    }

    /// Breaks every response of `operation` the `kind` way.
    func inject(_ kind: SandboxRouteFaultKind, into operation: SandboxOperation) throws {
        try sandbox.faults.update { $0.routeFaults = [SandboxRouteFault(operation, kind)] }
    }

    /// A fresh service token for one case (a `refreshFails` case spoils its own token only).
    func serviceToken() async throws -> String {
        try await sandbox.login(sandbox.account(role: "service"))
    }

    /// Zoë's blobs (every status) once the faults are off: for "nothing half-made is listed".
    func blobsAfterwards() async throws -> [Blob] {
        sandbox.faults.reset()
        return try await service.blobPages(userId: zoeId, statuses: [.available, .created]).collect()
    }

    func stop() async { await sandbox.stop() }
}

/// The listeners and names that fail the transport; shared by all cases of one run.
struct TransportTargets: Sendable {
    let acceptAndClose: RunningFaultListener
    let neverAnswer: RunningFaultListener
    let tls: SelfSignedTLSListener

    static let invalidHostURL = URL(string: "https://tideblob-fault.invalid")!

    static func start() async throws -> TransportTargets {
        let close = try FaultListener.acceptAndClose()
        let silent = try FaultListener.neverAnswer()
        do {
            return TransportTargets(acceptAndClose: close, neverAnswer: silent, tls: try await SelfSignedTLSListener.start())
        } catch {
            close.stop(); silent.stop()
            throw error
        }
    }

    func url(for fault: InjectedFault) -> URL? {
        switch fault {
        case .acceptAndClose: return acceptAndClose.baseURL
        case .neverAnswer: return neverAnswer.baseURL
        case .dnsFailure: return Self.invalidHostURL
        case .tlsFailure: return tls.baseURL
        case .route: return nil
        }
    }

    /// Where a case talks: a fresh sandbox world for a route fault (returned, so the case can check and stop it),
    /// else the listener or name that fails the transport.
    func target(for fault: InjectedFault) async throws -> (url: URL, world: FaultWorld?) {
        if let url = url(for: fault) { return (url, nil) }
        let world = try await FaultWorld.make()
        return (world.sandbox.baseURL, world)
    }

    func stop() {
        acceptAndClose.stop()
        neverAnswer.stop()
        tls.stop()
    }
}
