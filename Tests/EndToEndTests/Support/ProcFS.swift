import Foundation

/// Linux `/proc` look-ups: a process's children and the loopback TCP ports it listens on.
///
/// `tideblob --demo` starts its sandbox on a free loopback port and does not print it (the terminal belongs to the
/// UI). The tests find the port from the process itself: the inodes of its socket descriptors
/// (`/proc/PID/fd/* -> socket:[INODE]`) matched against the LISTEN rows of `/proc/PID/net/tcp{,6}`.
enum ProcFS {
    /// Direct children of `pid` (from `/proc/*/stat`).
    static func children(of pid: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var result: [pid_t] = []
        for entry in entries {
            guard let child = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // Fields after "(comm)": state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == pid { result.append(child) }
        }
        return result.sorted()
    }

    /// True while `/proc/PID` exists and the process is not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// The TCP ports `pid` listens on at 127.0.0.1 (or ::1 / a wildcard address), lowest first.
    static func listeningLoopbackPorts(of pid: pid_t) -> [Int] {
        let fdDirectory = "/proc/\(pid)/fd"
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDirectory) else { return [] }
        var inodes = Set<String>()
        for fd in fds {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdDirectory + "/" + fd),
                  target.hasPrefix("socket:[") else { continue }
            inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
        }
        var ports = Set<Int>()
        for table in ["tcp", "tcp6"] {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/net/\(table)", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: " ", omittingEmptySubsequences: true)
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                guard f.count > 9, f[3] == "0A", inodes.contains(String(f[9])) else { continue }
                let local = f[1].split(separator: ":")
                guard local.count == 2, let port = Int(local[1], radix: 16) else { continue }
                let address = String(local[0])
                let loopbackOrAny = address == "0100007F" || address == "00000000"
                    || address == "00000000000000000000000001000000" || address == "00000000000000000000000000000000"
                if loopbackOrAny { ports.insert(port) }
            }
        }
        return ports.sorted()
    }
}
