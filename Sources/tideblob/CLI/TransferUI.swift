import ArgumentParser
import Dispatch
import Foundation
import TidepoolAPI
#if canImport(Glibc)
import Glibc
#endif

/// Runs one transfer for the CLI: Ctrl-C cancels it (then "cancelled", exit 1), and a progress line is drawn on
/// stderr ~8×/s when stderr is a terminal.
enum TransferUI {
    static func run<T: Sendable>(_ handle: TransferHandle, quiet: Bool,
                                 _ body: @escaping @Sendable (TransferHandle) async throws -> T) async throws -> T {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { handle.cancel() }
        source.resume()
        defer { source.cancel(); signal(SIGINT, SIG_DFL) }

        let draw = !quiet && Output.stderrIsTTY
        let drawer = draw ? Task.detached {
            while !Task.isCancelled {
                let line = ProgressLine.render(handle.snapshot, width: Output.terminalColumns - 1, label: handle.label)
                Output.write(STDERR_FILENO, "\r" + line + "\u{1B}[K")
                try? await Task.sleep(nanoseconds: 125_000_000)
            }
        } : nil
        defer {
            drawer?.cancel()
            if draw { Output.write(STDERR_FILENO, "\r\u{1B}[K") }
        }
        do {
            return try await body(handle)
        } catch let error as APIError where error.kind == .cancelled || handle.isCancelled {
            drawer?.cancel()
            if draw { Output.write(STDERR_FILENO, "\r\u{1B}[K") }
            Output.stderr("cancelled")
            throw ExitCode(CLIExit.failure)
        }
    }
}
