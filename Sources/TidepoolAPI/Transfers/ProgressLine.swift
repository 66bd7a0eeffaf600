import Foundation

/// One-line text progress bar (for the CLI's stderr on a TTY; plain ASCII, exactly `width` columns or less).
///
/// `label [#########.........]  45%  12.3 MB/s  ETA 0:03`; states without a bar: `hashing`, `stalled 7s`, `done`.
public enum ProgressLine {
    public static func render(_ p: TransferProgress, width: Int, label: String = "") -> String {
        let width = max(10, width)
        var tail: [String] = []
        if let f = p.fraction { tail.append(String(format: "%3d%%", Int((f * 100).rounded(.down)))) }
        switch p.phase {
        case .queued: tail.append("queued")
        case .hashing: tail.append("hashing")
        case .verifying: tail.append("verifying")
        case .finished: tail.append(bytes(p.bytesDone) + " done")
        case .failed: tail.append("failed")
        case .cancelled: tail.append("cancelled")
        case .uploading, .downloading:
            tail.append(bytes(p.bytesDone) + (p.bytesTotal.map { "/" + bytes($0) } ?? ""))
            if p.isStalled {
                tail.append("stalled \(Int(p.secondsSinceLastByte))s")
            } else {
                tail.append(bytes(Int64(p.bytesPerSecond)) + "/s")
                if let eta = p.eta { tail.append("ETA " + duration(eta)) }
            }
        }
        let right = tail.joined(separator: "  ")
        var name = label.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F ? Character($0) : "?" }
        let maxName = max(0, min(24, width - right.count - 14))
        if name.count > maxName { name = Array(name.prefix(max(0, maxName - 1))) + (maxName > 0 ? ["~"] : []) }
        let head = name.isEmpty ? "" : String(name) + " "
        let barWidth = width - head.count - right.count - 3
        guard barWidth >= 5 else { return String((head + right).prefix(width)) }
        let filled = Int((p.fraction ?? 0) * Double(barWidth))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
        return head + "[" + bar + "] " + right
    }

    /// 1000-based units, like curl and most tools: `12.3 MB`.
    public static func bytes(_ n: Int64) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(max(0, n))
        var unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(value)) B" : String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }

    public static func duration(_ seconds: TimeInterval) -> String {
        let s = Int(seconds.rounded(.up))
        if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60) }
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
