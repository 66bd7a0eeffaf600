/// One key binding: the single source for dispatch, the `?` help overlay and the footer hints.
public struct KeyBinding: Sendable, Hashable {
    public var action: Action
    public var keys: [Key]
    public var description: String
    public var contexts: Set<KeyContext>
    /// Short label for the footer; nil keeps it out of the footer.
    public var footer: String?
    /// Writes to the server (refused in read-only mode).
    public var writes: Bool

    public init(_ action: Action, _ keys: [Key], _ description: String, _ contexts: Set<KeyContext>,
                footer: String? = nil, writes: Bool = false) {
        self.action = action; self.keys = keys; self.description = description; self.contexts = contexts
        self.footer = footer; self.writes = writes
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

public struct Keymap: Sendable, Hashable {
    public var bindings: [KeyBinding]
    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    /// The action of `key` in `context`: the context's own bindings first, then (in panes) the global ones.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        if let b = bindings.first(where: { $0.contexts.contains(context) && $0.keys.contains(key) }) { return b.action }
        if context.isPane, let b = bindings.first(where: { $0.contexts.contains(.global) && $0.keys.contains(key) }) {
            return b.action
        }
        return nil
    }

    public func binding(for action: Action, in context: KeyContext) -> KeyBinding? {
        bindings.first { $0.action == action && ($0.contexts.contains(context) || $0.contexts.contains(.global)) }
    }

    /// Footer hints for a context: (keys, label), the context's own first, then global ones.
    public func footerHints(for context: KeyContext) -> [HelpRow] {
        let own = bindings.filter { $0.contexts.contains(context) && $0.footer != nil }
        let global = context.isPane ? bindings.filter { $0.contexts.contains(.global) && $0.footer != nil } : []
        return (own + global).map { HelpRow(keys: $0.keys.first?.label ?? "", description: $0.footer ?? "") }
    }

    public struct HelpSection: Sendable, Hashable {
        public var title: String
        public var rows: [HelpRow]
    }
    public struct HelpRow: Sendable, Hashable {
        public var keys: String
        public var description: String
    }

    /// Help sections: context title and its bindings (keys, description), in declaration order.
    public func helpSections(readOnly: Bool = false) -> [HelpSection] {
        var sections: [HelpSection] = []
        for context in KeyContext.allCases {
            let rows: [HelpRow] = bindings.filter { $0.contexts.contains(context) }.map { b in
                HelpRow(keys: b.keyLabel, description: b.description + (readOnly && b.writes ? " (disabled: read-only)" : ""))
            }
            if !rows.isEmpty { sections.append(HelpSection(title: context.title, rows: rows)) }
        }
        return sections
    }

    /// Every line of the help overlay, generated from the bindings.
    public func helpLines(readOnly: Bool = false) -> [String] {
        var lines: [String] = []
        let keyWidth = 18
        for section in helpSections(readOnly: readOnly) {
            if !lines.isEmpty { lines.append("") }
            lines.append(section.title)
            for row in section.rows {
                let pad = String(repeating: " ", count: max(1, keyWidth - row.keys.count))
                lines.append("  " + row.keys + pad + row.description)
            }
        }
        lines.append("")
        lines.append("Commands (after :)")
        for (cmd, text) in BrowserCommand.help {
            lines.append("  " + cmd + String(repeating: " ", count: max(1, keyWidth - cmd.count)) + text)
        }
        return lines
    }
}

extension Keymap {
    public static let `default` = Keymap(bindings: [
        // Everywhere (panes)
        KeyBinding(.up, [.up, .char("k")], "move up", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.down, [.down, .char("j")], "move down", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.pageUp, [.pageUp, .ctrl("b")], "page up", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.pageDown, [.pageDown, .ctrl("f")], "page down", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.top, [.home, .char("g")], "first row", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.bottom, [.end, .char("G")], "last row", [.global, .help, .detail, .preview, .logEntries, .errorDetails]),
        KeyBinding(.nextPane, [.tab], "next pane", [.global], footer: "pane"),
        KeyBinding(.previousPane, [.backTab], "previous pane", [.global]),
        KeyBinding(.left, [.left, .char("h")], "back to the users pane", [.blobs, .logs, .transfers]),
        KeyBinding(.help, [.char("?"), .function(1)], "this help (again: close)", [.global, .detail, .preview, .logEntries, .help], footer: "help"),
        KeyBinding(.commandLine, [.char(":")], "command line (:user ID, :window 2d, :delete-all, :q…)", [.global], footer: "cmd"),
        KeyBinding(.refresh, [.char("r"), .ctrl("r")], "reload", [.global]),
        KeyBinding(.showError, [.char("E")], "details of the last error", [.global]),
        KeyBinding(.quit, [.char("q"), .ctrl("c")], "quit (asks while transfers run)", [.global], footer: "quit"),

        // Users
        KeyBinding(.open, [.enter, .right, .char("l")], "show this user's blobs and device logs", [.users], footer: "open"),
        KeyBinding(.filter, [.char("/")], "filter as you type", [.users, .blobs], footer: "filter"),
        KeyBinding(.addUser, [.char("a")], "add a user by id", [.users], footer: "add id"),

        // Blobs
        KeyBinding(.open, [.enter, .right, .char("l")], "details of the blob", [.blobs], footer: "detail"),
        KeyBinding(.preview, [.char("p")], "preview the first 256 KiB", [.blobs, .logs, .detail], footer: "preview"),
        KeyBinding(.mark, [.char(" ")], "mark / unmark and move down", [.blobs, .logs], footer: "mark"),
        KeyBinding(.rangeMark, [.char("v")], "start / end a marked range", [.blobs]),
        KeyBinding(.invertMarks, [.char("*")], "invert marks", [.blobs]),
        KeyBinding(.clearMarks, [.escape], "clear marks", [.blobs, .logs]),
        KeyBinding(.sortNext, [.char("o")], "sort by the next column", [.blobs], footer: "sort"),
        KeyBinding(.sortReverse, [.char("O")], "reverse the sort", [.blobs]),
        KeyBinding(.statusFilter, [.char("S")], "status filter: all / available / created", [.blobs]),
        KeyBinding(.mediaTypeFilter, [.char("M")], "media type filter (server side)", [.blobs]),
        KeyBinding(.delete, [.char("D")], "delete the marked (or selected) blobs", [.blobs, .detail], footer: "delete", writes: true),
        KeyBinding(.download, [.char("d")], "download the marked (or selected) items", [.blobs, .logs, .detail], footer: "download"),
        KeyBinding(.upload, [.char("u")], "upload a file to the selected user", [.users, .blobs], footer: "upload", writes: true),

        // Logs
        KeyBinding(.open, [.enter, .right, .char("l")], "open the chunk as a table of entries", [.logs], footer: "open"),
        KeyBinding(.window, [.char("w")], "time window: today / 2 days / 7 days", [.logs], footer: "window"),
        KeyBinding(.customWindow, [.char("W")], "custom time window (2d, 12h, 2024-06-01..2024-06-03)", [.logs]),

        // Transfers
        KeyBinding(.cancelTransfer, [.char("x")], "cancel the selected transfer", [.transfers], footer: "cancel"),
        KeyBinding(.clearFinished, [.char("c")], "clear finished transfers from the list", [.transfers], footer: "clear done"),

        // Overlays
        KeyBinding(.typeFilter, [.char("t")], "filter by entry type", [.logEntries], footer: "type"),
        KeyBinding(.open, [.enter], "show / hide the whole entry", [.logEntries], footer: "entry"),
        KeyBinding(.filter, [.char("/")], "filter by text", [.logEntries], footer: "filter"),
        KeyBinding(.back, [.escape, .char("q"), .left, .char("h")], "close", [.detail, .preview, .logEntries, .help, .errorDetails],
                   footer: "close"),
    ])
}
