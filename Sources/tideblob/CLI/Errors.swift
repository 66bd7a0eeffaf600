import ArgumentParser
import Foundation
import SafeText
import TidepoolAPI

/// A usage problem found while running a command: printed as one `error:` line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Exit statuses: 0 ok, 1 API/transfer/local error, 2 usage.
enum CLIExit {
    static let failure: Int32 = 1
    static let usage: Int32 = 2

    /// Prints one sanitized line for `error` and returns the exit status; nil = let ArgumentParser handle it
    /// (help, version, its own exit codes).
    static func report(_ error: Error) -> Int32? {
        switch error {
        case let api as APIError:
            Output.error(api.description)
            if case .invalidArgument = api.kind { return usage }
            return failure
        case let usageError as UsageError:
            Output.error(usageError.message)
            return usage
        case is CancellationError:
            Output.error("cancelled")
            return failure
        default:
            return nil
        }
    }
}

extension Tideblob {
    /// The entry point: ArgumentParser's, with tideblob's exit statuses (usage errors exit 2, not 64) and one
    /// sanitized `error:` line for API errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if let status = CLIExit.report(error) { Output.flush(); Foundation.exit(status) }
            let code = exitCode(for: error)
            if code == .validationFailure {
                Output.stderr(SafeText.lines(fullMessage(for: error)).joined(separator: "\n"))
                Output.flush()
                Foundation.exit(CLIExit.usage)
            }
            Output.flush()
            exit(withError: error)
        }
    }
}
