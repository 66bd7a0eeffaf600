import BlobBrowser
import Foundation
import TerminalUI
import TidepoolAPI

/// `tideblob-bench render`: the TUI's frame cost with 10,000 blobs, and startup to first frame.
///
/// 1. One frame at 120×40 into a fresh `CellGrid` exactly as the loop builds it (`BrowserScreen.render` + the
///    final safety pass), median and p95 over 200 frames after a warm-up. Budget: well under 5 ms.
/// 2. "Cursor down one row": the key event through the reducer, then the frame. Same statistics and budget.
/// 3. Startup to first frame: `tideblob --url URL` (signed in through the CLI into a temporary XDG_STATE_HOME) in a
///    tmux pane against a running `tideblob sandbox`, from spawn until the first frame is on the tmux screen, and
///    until the demo users are listed. Budget: under 300 ms. Needs tmux and the `tideblob` binary next to this one
///    (or `$TIDEBLOB_BINARY`); skipped with a note otherwise.
enum RenderBench {
    static let blobCount = 10_000
    static let rows = 40
    static let columns = 120
    static let frames = 200
    static let warmUp = 30
    static let budgetMilliseconds = 5.0
    static let startupBudgetMilliseconds = 300.0

    static func run() throws {
        print("render benchmark: \(blobCount) blobs, \(columns)x\(rows), \(frames) frames after \(warmUp) warm-up"
              + (isDebugBuild ? "  (DEBUG build: use -c release for real figures)" : ""))
        let state = makeState()
        var failures: [String] = []

        // 1. Render one frame.
        var sink = 0
        let render = measure(frames) {
            let grid = frame(state)
            sink &+= grid.rows
        }
        report("render \(blobCount) blobs \(columns)x\(rows)", render, failures: &failures)

        // 2. Cursor down one row: reduce the key, then render.
        let context = ReduceContext(now: Date(), files: RealLocalFiles(stateDirectory: FileManager.default.temporaryDirectory))
        var moving = state
        var effects = 0
        let move = measure(frames) {
            effects += Reducer.reduce(&moving, .input(.key(.down)), context).count
            let grid = frame(moving)
            sink &+= grid.rows
        }
        guard moving.blobs.cursor.index == warmUp + frames else {
            throw BenchError.failed("cursor moved to \(moving.blobs.cursor.index), expected \(warmUp + frames)")
        }
        report("cursor move + render", move, failures: &failures)
        // Reduce alone, to see where the time goes.
        var reducing = state
        let reduceOnly = measure(frames) { effects += Reducer.reduce(&reducing, .input(.key(.down)), context).count }
        let r = summary(reduceOnly)
        print(String(format: "  of which the reducer: median %.2f ms p95 %.2f ms", r.median, r.p95))
        // Where the time goes: the blobs pane's filtered + sorted list (a computed property, evaluated on every
        // access) and the per-row cell texts (the pane builds rows for every blob, not only the visible window).
        let visible = measure(frames) { sink &+= state.blobs.visible.count }
        let v = summary(visible)
        print(String(format: "  BlobsPaneState.visible (filter + sort %d): median %.2f ms p95 %.2f ms per access",
                     blobCount, v.median, v.p95))
        let items = state.blobs.items
        let cells = measure(20) {
            for blob in items { sink &+= Formatters.time(blob.createdTime).count + Formatters.size(blob.size).count }
        }
        let c = summary(cells)
        print(String(format: "  row texts for all %d blobs (Formatters.time + size): median %.2f ms", blobCount, c.median))
        // Reference: the same frame when only one screenful of blobs is loaded (what windowed rows would cost).
        var small = state
        small.blobs.items = Array(state.blobs.items.prefix(40))
        let reference = measure(frames) { sink &+= frame(small).rows }
        let f = summary(reference)
        print(String(format: "  reference, same frame with 40 blobs: median %.2f ms p95 %.2f ms", f.median, f.p95))
        if sink == 42 || effects < 0 { print("") }   // keep the work observable

        // 3. Startup to first frame.
        do {
            if let startup = try StartupProbe.measure(runs: 5) {
                let first = summary(startup.firstFrame), users = summary(startup.usersListed)
                print(String(format: "startup to first frame (tmux, %d runs): median %.0f ms p95 %.0f ms;"
                             + " to users listed: median %.0f ms  (poll resolution ~%.0f ms)",
                             startup.firstFrame.count, first.median, first.p95, users.median, startup.pollMilliseconds))
                if first.median >= startupBudgetMilliseconds {
                    failures.append(String(format: "startup median %.0f ms ≥ %.0f ms", first.median, startupBudgetMilliseconds))
                }
            }
        } catch {
            print("startup to first frame: not measured: \(error)")
        }

        if !failures.isEmpty {
            throw BenchError.failed("over budget: " + failures.joined(separator: "; "))
        }
    }

    // MARK: Frame

    /// One frame as the terminal loop makes it: a fresh grid, the screen, the final safety pass.
    @inline(never)
    static func frame(_ state: BrowserState) -> CellGrid {
        var grid = CellGrid(rows: rows, columns: columns, ascii: state.ascii)
        BrowserScreen.render(state, keymap: .default, now: state.blobs.items.first?.createdTime ?? Date(), into: &grid)
        return grid.sanitized()
    }

    /// A signed-in support session showing one user with `blobCount` blobs: varied media types, sizes, statuses.
    static func makeState() -> BrowserState {
        var s = BrowserState(environmentName: "bench", downloadDirectory: "/tmp")
        s.rows = rows
        s.columns = columns
        s.account = AccountInfo(userId: "5e7c0de000", username: "support@tideblob.demo", fullName: "Tideblob Support",
                                isService: true)
        let userId = "20e0a1b2c3"
        s.users.entries = [
            UserEntry(userId: "5e7c0de000", name: "support@tideblob.demo", kind: .me),
            UserEntry(userId: userId, name: "Zoë Ångström", kind: .shared, permissions: ["view"]),
            UserEntry(userId: "1ee0b7c4d5", name: "李小龍", kind: .shared, permissions: ["view"]),
        ]
        s.users.selectedUserId = userId
        s.users.cursor = ListCursor(index: 1)
        let mediaTypes = ["application/json", "text/plain; charset=utf-8", "text/csv", "image/png", "application/pdf",
                          "application/zip", "application/octet-stream", "application/vnd.tidepool.settings+json"]
        let base = Date(timeIntervalSince1970: 1_764_000_000)
        var generator = SplitMix(seed: 10_000)
        s.blobs.userId = userId
        s.blobs.items = (0..<blobCount).map { i in
            let created = base.addingTimeInterval(-Double(i) * 97 - Double(generator.next() % 60))
            let available = i % 17 != 3
            let size = available ? Int64(generator.next() % (64 << 20)) : nil
            var id = ""
            for _ in 0..<2 { id += String(generator.next(), radix: 16).zeroPadded(16) }
            return Blob(id: String(id.prefix(32)), userId: userId,
                        digestMD5: available ? Data((0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).base64EncodedString() : nil,
                        mediaType: mediaTypes[i % mediaTypes.count], size: size,
                        status: available ? .available : .created, createdTime: created,
                        modifiedTime: available ? created.addingTimeInterval(1) : nil, revision: available ? 1 : 0)
        }
        s.blobs.hasMore = false
        s.focus = .blobs
        s.message = StatusMessage("loaded \(blobCount) blobs", kind: .info)
        return s
    }

    // MARK: Statistics

    /// Runs `body` `warmUp` times unmeasured, then `count` times measured; returns milliseconds per run.
    static func measure(_ count: Int, _ body: () -> Void) -> [Double] {
        for _ in 0..<warmUp { body() }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return samples
    }

    static func summary(_ samples: [Double]) -> (median: Double, p95: Double, max: Double) {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return (0, 0, 0) }
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        return (median, p95, sorted.last!)
    }

    static func report(_ label: String, _ samples: [Double], failures: inout [String]) {
        let s = summary(samples)
        let verdict = s.p95 < budgetMilliseconds ? "ok" : "OVER \(budgetMilliseconds) ms"
        print(String(format: "%@: median %.2f ms p95 %.2f ms max %.2f ms  [%@]", label, s.median, s.p95, s.max, verdict))
        if s.p95 >= budgetMilliseconds { failures.append(String(format: "%@ p95 %.2f ms", label, s.p95)) }
    }

    static var isDebugBuild: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }
}

/// Deterministic pseudo-random numbers for the fixture.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private extension String {
    func zeroPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

// MARK: - Startup probe

/// Startup to first frame of `tideblob --url URL` in tmux against a running `tideblob sandbox` child.
private enum StartupProbe {
    struct Result {
        var firstFrame: [Double]
        var usersListed: [Double]
        var pollMilliseconds: Double
    }

    static func measure(runs: Int) throws -> Result? {
        guard (try? run(["tmux", "-V"])) == 0 else {
            print("startup to first frame: skipped (tmux not installed)")
            return nil
        }
        guard let tideblob = locateTideblob() else {
            print("startup to first frame: skipped (no tideblob binary next to tideblob-bench; build it with "
                  + "`swift build -c release --product tideblob` or set TIDEBLOB_BINARY)")
            return nil
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-render-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        for sub in ["state", "config", "data", "home", "sandbox"] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let environment = [
            "HOME": work.appendingPathComponent("home").path,
            "XDG_STATE_HOME": work.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": work.appendingPathComponent("config").path,
            "XDG_DATA_HOME": work.appendingPathComponent("data").path,
            "LANG": "C.UTF-8",
        ]

        // The sandbox, running for the whole measurement.
        let sandboxOut = work.appendingPathComponent("sandbox.out").path
        let sandbox = try spawn([tideblob.path, "sandbox", "--port", "0", "--data", work.appendingPathComponent("sandbox").path],
                                environment: environment, stdout: sandboxOut, stderr: "/dev/null")
        defer {
            kill(sandbox, SIGTERM)
            var status: Int32 = 0
            waitpid(sandbox, &status, 0)
        }
        let url = try waitForSandboxURL(sandboxOut, pid: sandbox)

        // Sign in through the CLI (the session lands in our XDG_STATE_HOME).
        let passwordFile = work.appendingPathComponent("password").path
        try Data("demo-support\n".utf8).write(to: URL(fileURLWithPath: passwordFile))
        let login = try run([tideblob.path, "login", "--url", url, "--email", "support@tideblob.demo", "--password-stdin"],
                            environment: environment, stdin: passwordFile)
        guard login == 0 else { throw BenchError.failed("tideblob login against \(url) exited \(login)") }

        var first: [Double] = [], users: [Double] = [], polls: [Double] = []
        for i in 0..<(runs + 1) {
            let socket = "tideblob-render-bench-\(getpid())-\(i)"
            defer {
                _ = try? run(["tmux", "-L", socket, "kill-server"])
                unlink(socketPath(socket))   // tmux 3.3 leaves the socket file behind
            }
            var exports = environment
            exports["TERM"] = "xterm-256color"
            let script = exports.sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'" }.joined(separator: "; ")
                + "; exec '\(tideblob.path)' --url '\(url)'"
            let start = DispatchTime.now().uptimeNanoseconds
            guard try run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", "120", "-y", "40",
                           "bash", "-c", script]) == 0 else { throw BenchError.failed("tmux new-session failed") }
            var firstAt: Double?
            var usersAt: Double?
            let deadline = start + 20_000_000_000
            while usersAt == nil, DispatchTime.now().uptimeNanoseconds < deadline {
                let before = DispatchTime.now().uptimeNanoseconds
                let screen = try capture(socket: socket)
                let now = DispatchTime.now().uptimeNanoseconds
                polls.append(Double(now - before) / 1e6)
                let elapsed = Double(now - start) / 1e6
                if firstAt == nil, screen.contains("Users") { firstAt = elapsed }
                if screen.contains("Zoë Ångström") { usersAt = elapsed }
            }
            guard let f = firstAt, let u = usersAt else { throw BenchError.failed("no first frame within 20 s") }
            if i > 0 { first.append(f); users.append(u) }   // run 0 warms the file cache
        }
        let poll = RenderBench.summary(polls).median
        return Result(firstFrame: first, usersListed: users, pollMilliseconds: poll)
    }

    static func socketPath(_ name: String) -> String {
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return "\(directory)/tmux-\(getuid())/\(name)"
    }

    static func locateTideblob() -> URL? {
        if let explicit = ProcessInfo.processInfo.environment["TIDEBLOB_BINARY"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit)
        }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let candidate = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tideblob")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    static func waitForSandboxURL(_ path: String, pid: pid_t) throws -> String {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("sandbox listening on ") }) {
                return String(line.dropFirst("sandbox listening on ".count))
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { throw BenchError.failed("tideblob sandbox exited early") }
            usleep(10_000)
        }
        throw BenchError.failed("tideblob sandbox did not report its URL")
    }

    static func capture(socket: String) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).capture").path
        defer { unlink(out) }
        _ = try run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "bench"], stdout: out)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// Runs to completion; returns the exit status.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String = "/dev/null",
                    stdout: String = "/dev/null") throws -> Int32 {
        let pid = try spawn(arguments, environment: environment, stdin: stdin, stdout: stdout, stderr: "/dev/null")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BenchError.failed("waitpid: \(String(cString: strerror(errno)))") }
        }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// posix_spawn with a clean signal mask and default dispositions (the tmux server forked by `new-session`
    /// inherits them and must see SIGCHLD), stdio from/to files.
    static func spawn(_ arguments: [String], environment extra: [String: String], stdin: String = "/dev/null",
                      stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "TMUX")
        for (k, v) in extra { env[k] = v }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv { free(p) }; for p in envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard rc == 0 else { throw BenchError.failed("cannot start \(arguments[0]): \(String(cString: strerror(rc)))") }
        return pid
    }
}
