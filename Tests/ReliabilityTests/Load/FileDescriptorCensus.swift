#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TestSupport

/// One look at a process's file-descriptor table (`/proc/<pid>/fd`), with its TCP sockets resolved through
/// `/proc/<pid>/net/tcp{,6}` (socket inode → local and remote port).
struct FileDescriptorCensus: Sendable {
    /// Link target of every open descriptor.
    let targets: [Int32: String]
    /// Ports of the TCP sockets among them, by descriptor.
    let tcp: [Int32: (local: Int, remote: Int)]

    init(process: String) {
        targets = SandboxProcess.openFileDescriptors(ofProcess: process)
        let ports = Self.tcpPortsByInode(process: process)
        var tcp: [Int32: (local: Int, remote: Int)] = [:]
        for (fd, target) in targets where target.hasPrefix("socket:[") {
            if let inode = Int(target.dropFirst(8).dropLast()), let pair = ports[inode] { tcp[fd] = pair }
        }
        self.tcp = tcp
    }

    var count: Int { targets.count }
    var socketCount: Int { targets.values.filter { $0.hasPrefix("socket:") }.count }

    /// TCP connections whose far end is `port` (a client's connections to a server).
    func connections(toPort port: Int) -> Int { tcp.values.filter { $0.remote == port }.count }

    /// TCP connections accepted on local `port` (a server's side of its clients' connections).
    func accepted(onPort port: Int) -> Int { tcp.values.filter { $0.local == port && $0.remote != 0 }.count }

    /// Descriptors opened on files under `directory`.
    func files(under directory: URL) -> [String] {
        let prefix = directory.resolvingSymlinksInPath().path + "/"
        return targets.values.filter { $0.hasPrefix(prefix) || $0.hasPrefix(directory.path + "/") }.sorted()
    }

    /// Targets that are open now more often than in `baseline` (one entry per extra descriptor).
    func extra(over baseline: FileDescriptorCensus) -> [String] {
        var remaining = Dictionary(baseline.targets.values.map { (Self.kind(of: $0), 1) }, uniquingKeysWith: +)
        var extra: [String] = []
        for target in targets.values.sorted() {
            let kind = Self.kind(of: target)
            if let left = remaining[kind], left > 0 { remaining[kind] = left - 1 } else { extra.append(target) }
        }
        return extra
    }

    /// Sockets, pipes and anonymous inodes compared by kind (their inode numbers change); files by path.
    private static func kind(of target: String) -> String {
        for prefix in ["socket:", "pipe:", "anon_inode:"] where target.hasPrefix(prefix) {
            return target.hasPrefix("anon_inode:") ? target : prefix
        }
        return target
    }

    private static func tcpPortsByInode(process: String) -> [Int: (local: Int, remote: Int)] {
        var result: [Int: (local: Int, remote: Int)] = [:]
        for table in ["tcp", "tcp6"] {
            guard let text = Self.readProcFile("/proc/\(process)/net/\(table)") else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count > 9, let inode = Int(fields[9]),
                      let local = fields[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }),
                      let remote = fields[2].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else { continue }
                result[inode] = (local, remote)
            }
        }
        return result
    }

    /// The whole of a /proc file. (Foundation's `String(contentsOfFile:)` trusts the size 0 that /proc reports and
    /// returns only the first page of a long table such as `net/tcp`.)
    static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
