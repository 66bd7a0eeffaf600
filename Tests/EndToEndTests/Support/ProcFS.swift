import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
                  let stat = readWhole("/proc/\(entry)/stat"),
                  let close = stat.lastIndex(of: ")") else { continue }
            // Fields after "(comm)": state ppid …
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == pid { result.append(child) }
        }
        return result.sorted()
    }

    /// A /proc file read to its end with read(2) (they report size 0, and are produced a page at a time).
    static func readWhole(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Inodes of the sockets `pid` has open (`/proc/PID/fd/N -> socket:[INODE]`), read with readdir/readlink so a
    /// descriptor closing in between is skipped rather than failing the whole listing.
    static func socketInodes(of pid: pid_t) -> Set<String> {
        let directory = "/proc/\(pid)/fd"
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var inodes = Set<String>()
        var buffer = [CChar](repeating: 0, count: 256)
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.first?.isNumber == true else { continue }
            let n = readlink(directory + "/" + name, &buffer, buffer.count - 1)
            guard n > 0 else { continue }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("socket:[") { inodes.insert(String(target.dropFirst("socket:[".count).dropLast())) }
        }
        return inodes
    }

    /// True while `/proc/PID` exists and the process is not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = readWhole("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// The TCP ports `pid` listens on at 127.0.0.1 (or ::1 / a wildcard address), lowest first.
    static func listeningLoopbackPorts(of pid: pid_t) -> [Int] {
        let inodes = socketInodes(of: pid)
        var ports = Set<Int>()
        for table in ["tcp", "tcp6"] {
            guard let text = readWhole("/proc/\(pid)/net/\(table)") else { continue }
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
