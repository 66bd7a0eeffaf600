import Foundation

/// `:` commands.
public enum BrowserCommand {
    public static let help: [(String, String)] = [
        (":user ID", "add a user by id and show it (remembered per environment)"),
        (":window SPEC", "device-logs window: today, 2d, 12h, 2024-06-01..2024-06-03"),
        (":theme NAME", "switch the colour theme"),
        (":env", "show the environment"),
        (":delete-all", "delete every blob of the selected user (asks for the id)"),
        (":refresh", "reload the focused pane"),
        (":help", "this help"),
        (":q", "quit"),
    ]

    /// True when `id` looks like a Tidepool user id (10 hex digits or a UUID).
    public static func isUserId(_ id: String) -> Bool {
        let hex = Set("0123456789abcdefABCDEF")
        if id.count == 10 { return id.allSatisfy { hex.contains($0) && !$0.isUppercase } }
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy { hex.contains($0) } }
    }
}

extension Update {
    mutating func submit(_ line: InputLine) {
        let text = line.text
        switch line.purpose {
        case .command: runCommand(text)
        case .filterUsers, .filterBlobs, .filterLogEntries: break   // applied while typing
        case .mediaTypeFilter:
            let t = text.trimmingCharacters(in: .whitespaces)
            s.blobs.mediaTypeFilter = t.isEmpty ? nil : t
            info("media type filter: \(t.isEmpty ? "any" : t)")
            reloadBlobs()
        case .userId: addUser(text)
        case .logWindow: setWindow(text)
        case .downloadDirectory(let sources): submitDownload(sources, directory: text)
        case .uploadPath(let userId): submitUpload(userId: userId, path: text)
        case .deleteAllConfirm(let userId):
            if text.trimmingCharacters(in: .whitespaces) == userId {
                effects.append(.deleteAll(userId: userId))
                info("deleting all blobs of \(userId)…")
            } else {
                warn("the typed id does not match \(userId); nothing deleted")
            }
        }
    }

    mutating func runCommand(_ raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = parts.first?.lowercased() else { return }
        let arg = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "q", "quit", "exit": requestQuit()
        case "q!", "quit!": effects.append(.cancelAllTransfers); s.isFinished = true
        case "user", "u":
            if arg.isEmpty { s.inputLine = InputLine(purpose: .userId, prompt: "user id: ") } else { addUser(arg) }
        case "window", "w":
            if arg.isEmpty { s.inputLine = InputLine(purpose: .logWindow, prompt: "time window: ") } else { setWindow(arg) }
        case "theme":
            if arg.isEmpty { info("theme: \(s.themeName)") } else { s.themeName = arg; info("theme: \(arg)") }
        case "env", "environment":
            info("environment: \(s.environmentName) — restart with --env NAME or --url URL to switch")
        case "delete-all": requestDeleteAll()
        case "refresh", "reload", "r": refresh()
        case "help", "h", "?": s.overlay = .help(scroll: 0)
        default: warn("unknown command :\(name) (see ? for the list)")
        }
    }

    mutating func addUser(_ raw: String) {
        let id = raw.trimmingCharacters(in: .whitespaces)
        guard BrowserCommand.isUserId(id) else {
            warn("not a Tidepool user id: \(id) (10 hex digits or a UUID)")
            return
        }
        s.users.filter = ""
        if !s.users.entries.contains(where: { $0.userId == id }) {
            s.users.merge([UserEntry(userId: id, name: id, kind: .typed, detail: "typed id")])
        }
        if !s.rememberedUserIds.contains(id) {
            s.rememberedUserIds.append(id)
            effects.append(.rememberUserIds(environment: s.environmentName, ids: s.rememberedUserIds))
        }
        selectUser(id)
        s.focus = .blobs
    }

    mutating func setWindow(_ text: String) {
        guard let window = LogWindow.parse(text) else {
            warn("not a time window: \(text) (try today, 2d, 12h, 2024-06-01..2024-06-03)")
            return
        }
        s.logs.window = window
        info("device logs: \(window.label)")
        reloadLogs()
    }
}
