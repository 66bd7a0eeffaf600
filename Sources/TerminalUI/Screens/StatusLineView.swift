import BlobBrowser

/// Status line: environment, account, selected user, message or last error (with trace id), busy spinner.
enum StatusLineView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    static let asciiSpinner = ["|", "/", "-", "\\"]

    static func draw(_ s: BrowserState, rect: Rect, into grid: inout CellGrid) {
        if let hint = s.inputLine?.hint {
            StatusBar(left: [StatusSegment(" " + hint, role: .dim)]).draw(into: &grid, rect: rect)
            return
        }
        var left: [StatusSegment] = [StatusSegment(" \(s.environmentName) ", role: .title)]
        // An error with its trace id needs the room: the account and user (shown in the panes' titles) step aside.
        let showsError = s.message?.kind == .error || (s.message == nil && s.lastError != nil)
        if !showsError {
            if let a = s.account {
                let kind = a.isService == true ? "service" : (a.isService == false ? "user" : "?")
                left.append(StatusSegment(" \(a.username ?? a.userId) (\(kind)) "))
            } else {
                left.append(StatusSegment(" not signed in ", role: .warning))
            }
            if let id = s.users.selectedUserId {
                let name = s.users.entries.first { $0.userId == id }?.name ?? id
                left.append(StatusSegment("│ \(name) ", role: .statusBar))
            }
        }
        if s.readOnly { left.append(StatusSegment(" read-only ", role: .warning)) }
        if let m = s.message {
            let role: StyleRole
            switch m.kind {
            case .info: role = .info
            case .success: role = .success
            case .warning: role = .warning
            case .error: role = .error
            }
            left.append(StatusSegment(" " + m.text, role: role))
            if m.kind == .error, let trace = s.lastError?.traceId { left.append(traceSegment(trace, role: role)) }
        } else if let e = s.lastError {
            left.append(StatusSegment(" last error: \(e.message)", role: .error))
            if let trace = e.traceId { left.append(traceSegment(trace, role: .error)) }
        }
        var right: [StatusSegment] = []
        if let batch = s.deleteBatch { right.append(StatusSegment(" deleting \(batch.done)/\(batch.total) ", role: .warning)) }
        if s.busy > 0 {
            let frames = grid.ascii ? asciiSpinner : spinner
            right.append(StatusSegment(" \(frames[s.spinnerFrame % frames.count]) busy \(s.busy) ", role: .info))
        } else {
            right.append(StatusSegment(" idle ", role: .dim))
        }
        StatusBar(left: left, right: right).draw(into: &grid, rect: rect)
    }

    /// "(trace …)", kept whole: the message before it is shortened instead, so support staff can always quote it.
    static func traceSegment(_ trace: String, role: StyleRole) -> StatusSegment {
        StatusSegment("(trace \(trace))", role: role, keep: true)
    }
}

/// The footer: hints from the keymap for the focused context (or the dialog's keys).
enum FooterView {
    static func draw(_ s: BrowserState, keymap: Keymap, rect: Rect, into grid: inout CellGrid) {
        var hints: [FooterHint]
        if let d = s.dialog {
            hints = [FooterHint(String(d.confirmKey), d.confirmLabel.lowercased()), FooterHint("n/Esc", d.cancelLabel.lowercased()),
                     FooterHint("←/→", "choose"), FooterHint("Enter", "activate")]
        } else {
            hints = keymap.footerHints(for: s.keyContext).map { FooterHint($0.keys, $0.description) }
            if s.readOnly {
                let writes = Set(keymap.bindings.filter(\.writes).compactMap(\.footer))
                hints.removeAll { writes.contains($0.label) }
            }
        }
        Footer(hints: hints).draw(into: &grid, rect: rect)
    }
}

/// The modal confirmation: safe button focused by default; the message says which key confirms.
enum DialogView {
    static func draw(_ d: ConfirmDialog, rect: Rect, into grid: inout CellGrid) {
        var message = d.lines
        message.append("")
        message.append("Press \(d.confirmKey) to \(d.confirmLabel.lowercased()), n or Esc to cancel.")
        Dialog(title: d.title, message: message, buttons: [d.confirmLabel, d.cancelLabel],
               focusedButton: d.confirmFocused ? 0 : 1, messageRole: .overlay, minWidth: 40, maxWidth: 76)
            .draw(into: &grid, in: rect)
    }
}
