import Foundation

public struct TransferItem: Sendable, Hashable, Identifiable {
    public enum Direction: String, Sendable, Hashable { case download, upload }
    public enum Phase: Sendable, Hashable {
        case running, done, cancelled
        case failed(String)
        public var isFinished: Bool { self != .running }
    }
    public var id: Int
    public var direction: Direction
    /// What moves: blob id, device-logs id or file name.
    public var label: String
    /// Where: target file (download) or user id (upload).
    public var target: String
    public var bytesDone: Int64 = 0
    public var totalBytes: Int64?
    public var startedAt: Date
    /// Last time `bytesDone` grew.
    public var lastProgressAt: Date
    public var lastSampleAt: Date
    /// Smoothed rate, bytes per second.
    public var rate: Double = 0
    public var phase: Phase = .running
    /// False while waiting for a free transfer slot (no sample yet).
    public var hasStarted = false
    public var finishedAt: Date?

    public init(id: Int, direction: Direction, label: String, target: String, totalBytes: Int64?, startedAt: Date) {
        self.id = id; self.direction = direction; self.label = label; self.target = target; self.totalBytes = totalBytes
        self.startedAt = startedAt; self.lastProgressAt = startedAt; self.lastSampleAt = startedAt
    }

    public var fraction: Double? {
        guard let total = totalBytes, total > 0 else { return phase == .done ? 1 : nil }
        return min(1, Double(bytesDone) / Double(total))
    }

    /// Seconds left at the current rate.
    public var eta: Double? {
        guard phase == .running, let total = totalBytes, rate > 0 else { return nil }
        return Double(max(0, total - bytesDone)) / rate
    }

    /// Seconds without progress (shown as "stalled Ns" from 5 s on).
    public func stalledSeconds(now: Date) -> Int? {
        guard phase == .running, hasStarted else { return nil }
        let s = Int(now.timeIntervalSince(lastProgressAt))
        return s >= 5 ? s : nil
    }

    /// Applies a new sample: EWMA rate (α = 0.3 per sample).
    public mutating func apply(_ sample: TransferSample, at now: Date) {
        if !hasStarted {
            // A transfer that waited for a slot starts its clock now.
            hasStarted = true
            if sample.bytesDone == 0 { lastProgressAt = now; lastSampleAt = now }
        }
        let dt = now.timeIntervalSince(lastSampleAt)
        let delta = sample.bytesDone - bytesDone
        if dt > 0, delta >= 0 {
            let instant = Double(delta) / dt
            rate = rate == 0 ? instant : rate * 0.7 + instant * 0.3
        }
        if delta > 0 { lastProgressAt = now }
        bytesDone = sample.bytesDone
        if let t = sample.totalBytes { totalBytes = t }
        lastSampleAt = now
    }
}

public struct TransfersState: Sendable, Hashable {
    public var items: [TransferItem] = []
    public var cursor = ListCursor()
    public var nextId = 1
    public init() {}

    public var running: [TransferItem] { items.filter { $0.phase == .running } }
    public var current: TransferItem? { items.indices.contains(cursor.index) ? items[cursor.index] : nil }

    /// Overall progress by bytes across transfers with a known size.
    public var overall: (done: Int64, total: Int64) {
        var done: Int64 = 0, total: Int64 = 0
        for t in items where t.phase == .running || t.phase == .done {
            if let tb = t.totalBytes { total += tb; done += min(t.bytesDone, tb) }
        }
        return (done, total)
    }

    public var overallRate: Double { running.reduce(0) { $0 + $1.rate } }

    public mutating func update(_ id: Int, _ body: (inout TransferItem) -> Void) {
        if let i = items.firstIndex(where: { $0.id == id }) { body(&items[i]) }
    }
}
