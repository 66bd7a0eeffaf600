import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a short-lived command with `posix_spawn` and waits for it.
///
/// Not Foundation's `Process`, for two reasons that matter to tmux, whose client forks the long-lived server:
/// - `Process` learns of the exit through a socket the child inherits; the forked tmux server keeps it open, so
///   `waitUntilExit()` never returns.
/// - The child inherits the calling thread's signal mask (test threads block most signals); the tmux server would
///   then block SIGCHLD/SIGTERM and never notice its panes exiting. Here the mask is emptied and every signal reset
///   to its default, and descriptors above 2 are closed in the child.
enum ChildProcess {
    /// Spawns `arguments` (looked up on PATH) with stdin from /dev/null and stdout/stderr into the given files;
    /// returns the exit status (128+signal when killed by a signal).
    static func run(_ arguments: [String], stdoutPath: String, stderrPath: String,
                    removingEnvironment: Set<String> = []) throws -> Int32 {
        do {
            return try run(arguments, stdoutPath: stdoutPath, stderrPath: stderrPath,
                           removingEnvironment: removingEnvironment, closing: inheritableDescriptors())
        } catch SpawnFailure.badDescriptor {
            // A descriptor was closed by another thread in between; spawn without closing any.
            return try run(arguments, stdoutPath: stdoutPath, stderrPath: stderrPath,
                           removingEnvironment: removingEnvironment, closing: [])
        }
    }

    private enum SpawnFailure: Error { case badDescriptor }

    /// Open descriptors above 2 without close-on-exec (they would leak into the long-lived tmux server).
    private static func inheritableDescriptors() -> [Int32] {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.compactMap(Int32.init).filter { fd in
            guard fd > 2 else { return false }
            let flags = fcntl(fd, F_GETFD)
            return flags >= 0 && flags & FD_CLOEXEC == 0
        }
    }

    private static func run(_ arguments: [String], stdoutPath: String, stderrPath: String,
                            removingEnvironment: Set<String>, closing: [Int32]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let environment = ProcessInfo.processInfo.environment.filter { !removingEnvironment.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        if rc == EBADF, !closing.isEmpty { throw SpawnFailure.badDescriptor }
        guard rc == 0 else {
            throw E2EError.setup("cannot start \(arguments[0]): \(String(cString: strerror(rc)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw E2EError.setup("waitpid \(arguments[0]): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
