import Synchronization

/// The client side's record of what the sandbox acknowledged, shared by the concurrent workers of a kill round:
/// live blobs (acknowledged upload, no acknowledged delete), acknowledged deletes, deletes that were in flight
/// when the sandbox died (either outcome is allowed), and the digests of every body ever sent.
final class DurabilityBook: Sendable {
    struct Counts: Sendable {
        var uploadAcks = 0
        var deleteAcks = 0
        var deletesInFlight = 0
        var live = 0
    }

    /// What an audit after a restart checks against.
    struct Expectations: Sendable {
        var live: [String: AcknowledgedBlob]
        var deleted: Set<String>
        var unsure: [String: AcknowledgedBlob]
        var sentDigests: Set<String>
    }

    private struct State {
        var live: [String: AcknowledgedBlob] = [:]
        var claimed: Set<String> = []
        var deleted: Set<String> = []
        var unsure: [String: AcknowledgedBlob] = [:]
        var sentDigests: Set<String> = []
        var round = Counts()
        var killed = false
    }

    private let state = Mutex(State())

    /// Round counters start again at zero and the workers may run.
    func beginRound() {
        state.withLock { $0.round = Counts(); $0.killed = false }
    }

    /// Set just before the kill: from now on a failing request is expected.
    func markKilled() { state.withLock { $0.killed = true } }
    var isKilled: Bool { state.withLock { $0.killed } }

    var counts: Counts {
        state.withLock { s in
            var c = s.round
            c.deletesInFlight = s.claimed.count
            c.live = s.live.count
            return c
        }
    }

    func willSend(digest: String) { _ = state.withLock { $0.sentDigests.insert(digest) } }

    func acknowledgeUpload(_ blob: AcknowledgedBlob) {
        state.withLock { $0.live[blob.id] = blob; $0.round.uploadAcks += 1 }
    }

    /// A live blob no other worker is deleting, now claimed for deletion; nil while no more than `keeping` live
    /// blobs are unclaimed (so every round has acknowledged blobs to verify after the next kills).
    func claimForDelete(keeping floor: Int = 0) -> AcknowledgedBlob? {
        state.withLock { s in
            let candidates = s.live.values.filter { !s.claimed.contains($0.id) }
            guard candidates.count > floor, let blob = candidates.randomElement() else { return nil }
            s.claimed.insert(blob.id)
            return blob
        }
    }

    /// The outcome of a claimed delete: 204 → deleted; no answer (the sandbox died) → unsure.
    func finishDelete(_ blob: AcknowledgedBlob, acknowledged: Bool) {
        state.withLock { s in
            s.claimed.remove(blob.id)
            s.live[blob.id] = nil
            if acknowledged {
                s.deleted.insert(blob.id)
                s.round.deleteAcks += 1
            } else {
                s.unsure[blob.id] = blob
            }
        }
    }

    var expectations: Expectations {
        state.withLock { Expectations(live: $0.live, deleted: $0.deleted, unsure: $0.unsure, sentDigests: $0.sentDigests) }
    }

    /// After an audit: blobs found intact (unsure deletes that did not happen, uploads whose 201 was lost) are
    /// live from now on; unsure deletes that happened and lost blobs (already reported) are forgotten.
    func settle(present: [AcknowledgedBlob], lost: Set<String>) {
        state.withLock { s in
            s.unsure = [:]
            for id in lost { s.live[id] = nil; s.deleted.remove(id) }
            for blob in present where !lost.contains(blob.id) && !s.deleted.contains(blob.id) { s.live[blob.id] = blob }
        }
    }
}
