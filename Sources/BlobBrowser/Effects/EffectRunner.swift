import Foundation
import Synchronization
import TidepoolAPI

/// Runs effects off the UI thread through a `BrowserBackend` and posts their results to the inbox.
///
/// Busy/idle counter: `busy` goes up *before* work starts and down when the store *applies* the result
/// (`workApplied()`), so "busy == 0" means every result is already visible in the state. Owned by the UI thread.
public final class EffectRunner {
    public let backend: any BrowserBackend
    public let files: any LocalFiles
    public let inbox: EventInbox
    public private(set) var busy = 0
    private var transferTasks: [Int: Task<Void, Never>] = [:]
    private let samples = SampleBox()
    private let slots = TransferSlots(limit: 3)

    public init(backend: any BrowserBackend, files: any LocalFiles, inbox: EventInbox) {
        self.backend = backend; self.files = files; self.inbox = inbox
    }

    /// Called by the store when it applied an event that completes work.
    public func workApplied() { busy = max(0, busy - 1) }

    /// Latest samples of running transfers (cheap; call on ticks).
    public func transferSamples() -> [Int: TransferSample] { samples.all }

    public var runningTransferIds: [Int] { Array(transferTasks.keys).sorted() }

    /// Starts `work`; the event it returns is posted as completing one unit of busy work.
    @discardableResult
    private func spawn(_ work: @escaping @Sendable () async -> BrowserEvent) -> Task<Void, Never> {
        busy += 1
        let inbox = self.inbox
        return Task.detached {
            let event = await work()
            inbox.post(event, completesWork: true)
        }
    }

    public func run(_ effect: Effect) {
        let backend = self.backend
        let inbox = self.inbox
        switch effect {
        case .loadAccount:
            spawn { .accountLoaded(await Self.result { try await backend.account() }) }
        case .loadUsers:
            spawn { .usersLoaded(await Self.result { try await backend.sharedUsers() }, source: .shared) }
            spawn { .usersLoaded(await Self.result { try await backend.clinicPatients() }, source: .patient) }
        case .loadBlobsPage(let userId, let generation, let query):
            spawn { .blobsPageLoaded(userId: userId, generation: generation, page: query.page,
                                     await Self.result { try await backend.listBlobs(userId: userId, query: query) }) }
        case .loadLogs(let userId, let generation, let start, let end):
            spawn { .logsLoaded(userId: userId, generation: generation,
                                await Self.result { try await backend.listDeviceLogs(userId: userId, start: start, end: end) }) }
        case .loadLogEntries(let chunkId):
            spawn { .logEntriesLoaded(chunkId: chunkId, await Self.result { try await backend.deviceLogEntries(id: chunkId) }) }
        case .loadPreview(let source, let maxBytes, let totalSize, let ascii):
            spawn {
                .previewLoaded(blobId: source.id, await Self.result {
                    let data: Data
                    switch source {
                    case .blob(let id): data = try await backend.contentPrefix(blobId: id, maxBytes: maxBytes)
                    case .deviceLogs(let id): data = try await backend.deviceLogsPrefix(id: id, maxBytes: maxBytes)
                    }
                    let capped = data.count > maxBytes ? Data(data.prefix(maxBytes)) : data
                    // A backend that returned more than asked proves the content is larger than the prefix.
                    let size = data.count > maxBytes ? max(totalSize ?? 0, Int64(data.count)) : totalSize
                    return PreviewBuilder.build(capped, totalSize: size, ascii: ascii)
                })
            }
        case .deleteBlobs(let userId, let items):
            spawn {
                for item in items {
                    let r = await Self.result { try await backend.deleteBlob(id: item.id, revision: item.revision) }
                    let failure: BrowserError? = { if case .failure(let e) = r { return e } else { return nil } }()
                    let trace: String? = { if case .success(let t) = r { return t } else { return failure?.traceId } }()
                    await backend.recordDeletion(DeletionAttempt(
                        userId: userId, scope: .blob(id: item.id, revision: item.revision), size: item.size,
                        mediaType: item.mediaType, digestMD5: item.digestMD5, succeeded: failure == nil,
                        error: failure?.message, traceId: trace))
                    inbox.post(.deleteFinished(id: item.id, r.map { _ in () }), completesWork: false)
                }
                return .deleteBatchFinished(userId: userId)
            }
        case .deleteAll(let userId):
            spawn {
                let r = await Self.result { try await backend.deleteAllBlobs(userId: userId) }
                let failure: BrowserError? = { if case .failure(let e) = r { return e } else { return nil } }()
                await backend.recordDeletion(DeletionAttempt(userId: userId, scope: .allBlobs, succeeded: failure == nil,
                                                            error: failure?.message, traceId: failure?.traceId))
                return .deleteAllFinished(userId: userId, r)
            }
        case .download(let id, let request):
            let samples = self.samples, slots = self.slots
            transferTasks[id] = spawn {
                let r = await Self.result {
                    try await slots.run { try await backend.download(request) { sample in samples.set(id, sample) } }
                }
                return .transferFinished(id: id, r)
            }
        case .upload(let id, let request):
            let samples = self.samples, slots = self.slots
            transferTasks[id] = spawn {
                let r = await Self.result {
                    try await slots.run { try await backend.upload(request) { sample in samples.set(id, sample) } }
                }
                return .uploadFinished(id: id, userId: request.userId, r)
            }
        case .cancelTransfer(let id):
            transferTasks[id]?.cancel()
        case .cancelAllTransfers:
            for t in transferTasks.values { t.cancel() }
        case .rememberUserIds(let environment, let ids):
            files.saveRememberedUserIds(ids, environment: environment)
        }
    }

    /// Forget a finished transfer's task and sample.
    public func transferEnded(_ id: Int) {
        transferTasks[id] = nil
        samples.remove(id)
    }

    static func result<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, BrowserError> {
        do { return .success(try await body()) } catch { return .failure(BrowserError(error)) }
    }
}

/// Latest transfer samples, written by transfer tasks and read by the UI thread.
final class SampleBox: Sendable {
    private let m = Mutex<[Int: TransferSample]>([:])
    func set(_ id: Int, _ sample: TransferSample) { m.withLock { $0[id] = sample } }
    func remove(_ id: Int) { _ = m.withLock { $0.removeValue(forKey: id) } }
    var all: [Int: TransferSample] { m.withLock { $0 } }
}
