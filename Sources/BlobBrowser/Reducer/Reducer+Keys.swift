/// Key dispatch: dialog, then input line, then overlay, then the focused pane — through the keymap.
extension Update {
    mutating func handleKey(_ key: Key) {
        if key == .ctrl("c") {
            // Ctrl-C arrives as a key (raw mode): it cancels a dialog or prompt, and otherwise quits like `q`.
            if s.dialog != nil { s.dialog = nil; info("cancelled"); return }
            if s.inputLine != nil { s.inputLine = nil; return }
            perform(.quit, in: .users)
            return
        }
        if s.dialog != nil { dialogKey(key); return }
        if s.inputLine != nil { inputKey(key); return }
        let context = keyContext
        guard let action = ctx.keymap.action(for: key, in: context) else { return }
        if let binding = ctx.keymap.binding(for: action, in: context), binding.writes, s.readOnly {
            warn("read-only: \(binding.description) is disabled (started with --read-only)")
            return
        }
        perform(action, in: context)
    }

    mutating func perform(_ action: Action, in context: KeyContext) {
        if !context.isPane { overlayAction(action); return }
        switch action {
        case .up: moveCursor(by: -1)
        case .down: moveCursor(by: 1)
        case .pageUp: moveCursor(by: -s.layout.listHeight(s.focus))
        case .pageDown: moveCursor(by: s.layout.listHeight(s.focus))
        case .top: moveCursor(to: 0)
        case .bottom: moveCursor(to: Int.max / 2)
        case .left: s.focus = .users
        case .open: open()
        case .nextPane: cycleFocus(forward: true)
        case .previousPane: cycleFocus(forward: false)
        case .back: break
        case .help: s.overlay = .help(scroll: 0)
        case .commandLine: s.inputLine = InputLine(purpose: .command, prompt: ":")
        case .quit: requestQuit()
        case .refresh: refresh()
        case .showError:
            if let e = s.lastError { s.overlay = .errorDetails(e) } else { info("no error so far") }
        case .filter:
            if s.focus == .users {
                s.inputLine = InputLine(purpose: .filterUsers, prompt: "filter users: ", text: s.users.filter)
            } else if s.focus == .blobs {
                s.inputLine = InputLine(purpose: .filterBlobs, prompt: "filter blobs: ", text: s.blobs.textFilter)
            }
        case .addUser:
            s.inputLine = InputLine(purpose: .userId, prompt: "user id: ", hint: "10 hex digits or a UUID")
        case .preview:
            if s.focus == .logs { openPreview(of: s.logs.current) } else { openPreview(of: s.blobs.current) }
        case .sortNext: cycleSort()
        case .sortReverse:
            s.blobs.sort.ascending.toggle()
            info("sorted by \(s.blobs.sort.column.title) \(s.blobs.sort.ascending ? "ascending" : "descending")")
        case .statusFilter:
            s.blobs.statusFilter = s.blobs.statusFilter.next
            info("status filter: \(s.blobs.statusFilter.rawValue)")
            reloadBlobs()
        case .mediaTypeFilter:
            s.inputLine = InputLine(purpose: .mediaTypeFilter, prompt: "media type (empty = any): ",
                                    text: s.blobs.mediaTypeFilter ?? "")
        case .mark: toggleMark()
        case .rangeMark: rangeMark()
        case .invertMarks: invertMarks()
        case .clearMarks: clearMarks()
        case .delete: requestDelete()
        case .download: requestDownload(detailBlob: nil)
        case .upload: requestUpload()
        case .window:
            s.logs.window = s.logs.window.next
            info("device logs: \(s.logs.window.label)")
            reloadLogs()
        case .customWindow:
            s.inputLine = InputLine(purpose: .logWindow, prompt: "time window: ", hint: "today, 2d, 12h, 2024-06-01..2024-06-03")
        case .typeFilter: break
        case .cancelTransfer: cancelSelectedTransfer()
        case .clearFinished:
            let before = s.transfers.items.count
            s.transfers.items.removeAll { $0.phase.isFinished }
            s.transfers.cursor.clamp(count: s.transfers.items.count)
            info("cleared \(Formatters.count(before - s.transfers.items.count, "finished transfer"))")
        }
    }

    // MARK: Dialog

    mutating func dialogKey(_ key: Key) {
        guard var dialog = s.dialog else { return }
        switch key {
        case .char(let c) where c == dialog.confirmKey:
            confirm(dialog)
        case .char("n"), .char("N"), .escape, .char("q"):
            s.dialog = nil
            info("cancelled")
        case .left, .right, .tab, .backTab, .char("h"), .char("l"):
            dialog.confirmFocused.toggle()
            s.dialog = dialog
        case .enter:
            if dialog.confirmFocused { confirm(dialog) } else { s.dialog = nil; info("cancelled") }
        default:
            break
        }
    }

    mutating func confirm(_ dialog: ConfirmDialog) {
        s.dialog = nil
        switch dialog.action {
        case .deleteBlobs(let userId, let items): startDelete(userId: userId, items: items)
        case .overwriteDownloads(let requests): startDownloads(requests)
        case .quit:
            effects.append(.cancelAllTransfers)
            s.isFinished = true
        }
    }

    // MARK: Input line

    mutating func inputKey(_ key: Key) {
        guard var line = s.inputLine else { return }
        switch key {
        case .char(let c): line.insert(c); line.hint = nil
        case .backspace:
            if line.text.isEmpty, line.purpose == .command { s.inputLine = nil; return }
            line.backspace()
        case .delete: line.deleteForward()
        case .left: line.cursor = max(0, line.cursor - 1)
        case .right: line.cursor = min(line.text.count, line.cursor + 1)
        case .home, .ctrl("a"): line.cursor = 0
        case .end, .ctrl("e"): line.cursor = line.text.count
        case .ctrl("u"): line.text = ""; line.cursor = 0
        case .tab:
            if line.purpose.completesPaths {
                let (text, candidates) = PathCompletion.complete(line.text, files: ctx.files)
                line.text = text
                line.cursor = text.count
                line.hint = candidates.isEmpty ? nil : candidates.prefix(8).joined(separator: "  ") + (candidates.count > 8 ? "  …" : "")
            }
        case .escape:
            s.inputLine = nil
            if line.purpose.isLiveFilter { applyLiveFilter(line.purpose, line.original) }
            return
        case .enter:
            s.inputLine = nil
            submit(line)
            return
        case .up, .down, .pageUp, .pageDown:
            // While filtering, keep moving through the results.
            if line.purpose.isLiveFilter {
                s.inputLine = line
                if line.purpose == .filterLogEntries { overlayAction(key == .up ? .up : key == .down ? .down : key == .pageUp ? .pageUp : .pageDown) }
                else { moveCursor(by: key == .up ? -1 : key == .down ? 1 : key == .pageUp ? -10 : 10) }
                return
            }
        default: break
        }
        s.inputLine = line
        if line.purpose.isLiveFilter { applyLiveFilter(line.purpose, line.text) }
    }

    mutating func applyLiveFilter(_ purpose: InputPurpose, _ text: String) {
        switch purpose {
        case .filterUsers:
            if s.users.filter != text { s.users.filter = text; s.users.cursor = ListCursor() }
        case .filterBlobs:
            if s.blobs.textFilter != text { s.blobs.textFilter = text; s.blobs.cursor = ListCursor() }
        case .filterLogEntries:
            if case .logEntries(var e) = s.overlay, e.textFilter != text {
                e.textFilter = text; e.cursor = ListCursor(); s.overlay = .logEntries(e)
            }
        default: break
        }
    }
}
