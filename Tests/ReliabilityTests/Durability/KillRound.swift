import Foundation
import TestSupport
import TidepoolAPI

/// One kill round: start the workers against a running sandbox, wait for the moment (enough acknowledgements, and
/// a large upload held mid-body or deletes in flight), `kill -9` the sandbox, and collect what the workers saw.
struct KillRound: Sendable {
    enum Moment: String, Sendable {
        case duringUploads = "during uploads"
        case duringDeletes = "during deletes"
    }

    struct Outcome: Sendable {
        var failures: [String] = []
        var killedBySignal = false
        /// Partial upload files in the sandbox's temp directory right after the kill (bodies cut mid-way).
        var partialUploadsAtKill = 0
        var counts = DurabilityBook.Counts()
    }

    let sandbox: SandboxProcess
    let moment: Moment
    let book: DurabilityBook
    let payloads: DurabilityPayloads
    let users: [String]

    private enum Event: Sendable {
        case worker([String])
        case killed(Outcome)
    }

    func run() async -> Outcome {
        book.beginRound()
        let workload = DurabilityWorkload(baseURL: sandbox.baseURL, book: book, payloads: payloads, users: users)
        let pause = UploadPause(threshold: 2 << 20)
        let progress = TransferHandle(label: "held large upload", kind: .upload)
        let (uploaders, deleters) = moment == .duringUploads ? (3, 1) : (2, 3)
        var outcome = Outcome()
        await withTaskGroup(of: Event.self) { group in
            for index in 0..<uploaders { group.addTask { .worker(await workload.uploader(index)) } }
            for index in 0..<deleters { group.addTask { .worker(await workload.deleter(index)) } }
            if moment == .duringUploads { group.addTask { .worker(await workload.heldLargeUpload(pause, progress: progress)) } }
            group.addTask { .killed(await kill(pause, progress)) }
            for await event in group {
                switch event {
                case .worker(let failures): outcome.failures += failures
                case .killed(let killed):
                    outcome.failures += killed.failures
                    outcome.killedBySignal = killed.killedBySignal
                    outcome.partialUploadsAtKill = killed.partialUploadsAtKill
                    outcome.counts = killed.counts
                }
            }
        }
        return outcome
    }

    private func kill(_ pause: UploadPause, _ progress: TransferHandle) async -> Outcome {
        var outcome = Outcome()
        let temp = sandbox.dataDirectory.appendingPathComponent("tmp")
        let ready = await Readiness.wait(seconds: 120) {
            let counts = book.counts
            switch moment {
            case .duringUploads:
                // Enough 201s, the large upload held after 2 MiB (its progress says so too), and the sandbox
                // holding at least 1 MiB of its body in a temp file.
                let sent = progress.snapshot
                return counts.uploadAcks >= 8 && pause.isHolding && sent.phase == .uploading
                    && sent.bytesDone >= 1 << 20 && sent.bytesDone < Int64(payloads.large.size)
                    && Self.largestFile(in: temp) >= 1 << 20
            case .duringDeletes:
                return counts.deleteAcks >= 4 && counts.deletesInFlight >= 1
            }
        }
        outcome.counts = book.counts
        if !ready { outcome.failures.append("the kill moment \(moment.rawValue) was not reached in 120 s: \(outcome.counts)") }
        book.markKilled()
        outcome.killedBySignal = await sandbox.killNine()
        outcome.partialUploadsAtKill = Self.files(in: temp).count
        pause.release()
        return outcome
    }

    static func files(in directory: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    }

    static func largestFile(in directory: URL) -> Int {
        files(in: directory).compactMap {
            (try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent($0).path))?[.size] as? Int
        }.max() ?? 0
    }
}
