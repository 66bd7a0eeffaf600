import Dispatch
import Foundation
import SafeText
#if canImport(Glibc)
import Glibc
#endif

/// Terminal questions: a password with echo off, yes/no confirmations, and single lines from stdin.
enum Prompt {
    /// Reads a password from the terminal with ECHO off. Echo is restored on every path, including Ctrl-C
    /// (which then exits 130). Fails when stdin is not a terminal (use --password-stdin there).
    static func password(_ prompt: String) throws -> String {
        guard Output.stdinIsTTY else {
            throw UsageError("stdin is not a terminal, so the password cannot be asked for; use --password-stdin")
        }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw UsageError("cannot read the terminal settings") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        let original = saved
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            var restore = original
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &restore)
            Output.stderr("")
            exit(130)
        }
        source.resume()
        defer {
            var restore = original
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &restore)
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        Output.write(STDERR_FILENO, prompt)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        guard let line = readLine(strippingNewline: true) else { throw UsageError("no password given") }
        return line
    }

    /// A line typed on the terminal (echoed), e.g. the email.
    static func line(_ prompt: String) -> String? {
        Output.write(STDERR_FILENO, prompt)
        return readLine(strippingNewline: true)
    }

    /// The first line of stdin (for --password-stdin / --token-stdin), without its line ending.
    static func firstLineOfStdin(what: String) throws -> String {
        guard let line = readLine(strippingNewline: true) else { throw UsageError("stdin is empty; expected the \(what)") }
        let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !trimmed.isEmpty else { throw UsageError("the first line of stdin is empty; expected the \(what)") }
        return trimmed
    }

    /// Asks a yes/no question on the terminal; default No. Without a terminal (and without `--yes`) destructive
    /// commands refuse before asking.
    static func confirm(_ question: String) -> Bool {
        Output.write(STDERR_FILENO, SafeText.line(question) + " [y/N] ")
        guard let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased() else {
            Output.stderr("")
            return false
        }
        return answer == "y" || answer == "yes"
    }

    /// Refuses (usage error) a destructive action without `--yes` when stdin is not a terminal; otherwise asks.
    static func confirmDestructive(_ question: String, yes: Bool) throws -> Bool {
        if yes { return true }
        guard Output.stdinIsTTY else {
            throw UsageError("refusing to delete without confirmation: stdin is not a terminal; pass --yes to confirm")
        }
        return confirm(question)
    }
}
