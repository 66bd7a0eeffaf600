import Foundation

/// One finished child process: wall time (spawn to exit), peak RSS (`ru_maxrss`), exit status.
struct ProcessRun {
    var seconds: Double
    var maxRSSBytes: Int64
    var status: Int32
    var stdout: String
}

enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case .failed(let s) = self { return s }; return "" }
}

/// posix_spawn + wait4, so every side is measured the same way (and its RSS is its own).
enum Spawn {
    static func run(_ executable: String, _ args: [String], environment extra: [String: String] = [:],
                    stdoutFile: String) throws -> ProcessRun {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, 1, stdoutFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }

        var pid: pid_t = 0
        let started = now()
        let rc = argv.withUnsafeBufferPointer { a in
            envp.withUnsafeBufferPointer { e in
                posix_spawnp(&pid, executable, &fileActions, nil, a.baseAddress!, e.baseAddress!)
            }
        }
        guard rc == 0 else { throw BenchError.failed("cannot start \(executable): \(String(cString: strerror(rc)))") }
        // ru_maxrss is useless here: a spawned child's exec records the parent's high-water mark (the bench
        // holds the sandbox). So the child's own VmHWM is sampled from /proc every millisecond until it exits.
        var status: Int32 = 0
        var usage = rusage()
        var peak: Int64 = 0
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw BenchError.failed("wait4: \(String(cString: strerror(errno)))") }
            peak = max(peak, vmHWM(pid: pid) ?? 0)
            usleep(1000)
        }
        let seconds = now() - started
        let out = (try? String(contentsOfFile: stdoutFile, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessRun(seconds: seconds, maxRSSBytes: peak, status: exited, stdout: out)
    }

    /// `VmHWM` (peak resident set) of a running process, in bytes.
    static func vmHWM(pid: pid_t) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return parseVmHWM(text)
    }

    static func parseVmHWM(_ status: String) -> Int64? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let digits = line.dropFirst(6).filter(\.isNumber)
        return Int64(digits).map { $0 * 1024 }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// This executable (for re-running itself as a child).
    static var selfPath: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}
