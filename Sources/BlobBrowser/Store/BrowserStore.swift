import Foundation

/// Owns the state on the UI thread: feeds events through the reducer, runs the effects it returns and applies
/// posted results. Not thread-safe by design: only the UI thread (or a test's task) touches it.
public final class BrowserStore {
    public private(set) var state: BrowserState
    public let keymap: Keymap
    public let runner: EffectRunner
    private let clock: @Sendable () -> Date
    /// Every effect run, oldest first (diagnostics and tests).
    public private(set) var effectLog: [Effect] = []

    public init(state: BrowserState, backend: any BrowserBackend, files: any LocalFiles, keymap: Keymap = .default,
                clock: @escaping @Sendable () -> Date = { Date() }, onPost: @escaping @Sendable () -> Void = {}) {
        self.state = state
        self.keymap = keymap
        self.clock = clock
        self.runner = EffectRunner(backend: backend, files: files, inbox: EventInbox(onPost: onPost))
    }

    /// Effects started and not yet applied.
    public var busy: Int { runner.busy }
    public var isIdle: Bool { runner.busy == 0 && runner.inbox.isEmpty }

    /// Reduces one event and starts the effects it asks for.
    public func send(_ event: BrowserEvent) {
        if case .input(.tick) = event {
            let samples = runner.transferSamples()
            if !samples.isEmpty { apply(.transferProgress(samples)) }
        }
        apply(event)
    }

    /// Convenience for tests and scripts.
    public func send(_ key: Key) { send(.input(.key(key))) }
    public func type(_ text: String) { for c in text { send(.input(.key(.char(c)))) } }

    /// Applies everything effects posted since the last call. Returns true when something was applied.
    @discardableResult
    public func processPosted() -> Bool {
        let posted = runner.inbox.drain()
        for p in posted {
            apply(p.event)
            if p.completesWork { runner.workApplied() }
            switch p.event {
            case .transferFinished(let id, _), .uploadFinished(let id, _, _): runner.transferEnded(id)
            default: break
            }
        }
        state.busy = runner.busy
        return !posted.isEmpty
    }

    /// Waits until no effect is running and every result is applied (tests; no sleeps).
    public func waitUntilIdle() async {
        processPosted()
        while runner.busy > 0 {
            await runner.inbox.waitForEvents()
            processPosted()
        }
    }

    private func apply(_ event: BrowserEvent) {
        let context = ReduceContext(now: clock(), files: runner.files, keymap: keymap)
        let effects = Reducer.reduce(&state, event, context)
        for effect in effects {
            effectLog.append(effect)
            if effectLog.count > 500 { effectLog.removeFirst(100) }
            runner.run(effect)
        }
        state.busy = runner.busy
    }
}
