/// The users pane: the signed-in account, accounts shared with it, patients of its clinics, typed ids.
public struct UsersPaneState: Sendable, Hashable {
    public var entries: [UserEntry] = []
    public var filter: String = ""
    public var cursor = ListCursor()
    public var loading = false
    public var error: BrowserError?
    /// The user whose blobs and logs are shown.
    public var selectedUserId: String?

    public init() {}

    /// Entries matching the filter (case-insensitive substring of name, id or detail).
    public var visible: [UserEntry] {
        let f = filter.lowercased()
        guard !f.isEmpty else { return entries }
        return entries.filter {
            $0.name.lowercased().contains(f) || $0.userId.lowercased().contains(f) || ($0.detail?.lowercased().contains(f) ?? false)
        }
    }

    public var current: UserEntry? {
        let v = visible
        return v.indices.contains(cursor.index) ? v[cursor.index] : nil
    }

    public var selectedUser: UserEntry? { entries.first { $0.userId == selectedUserId } }

    /// Adds or replaces entries of one source, keeping order: me, shared, patients, typed; no duplicates by id
    /// (the earlier kind wins).
    public mutating func merge(_ new: [UserEntry]) {
        var byId: [String: UserEntry] = [:]
        for e in entries + new {
            if let existing = byId[e.userId] {
                if rank(e.kind) < rank(existing.kind) { byId[e.userId] = e }
            } else { byId[e.userId] = e }
        }
        let keepCursorId = current?.userId
        entries = byId.values.sorted {
            rank($0.kind) != rank($1.kind) ? rank($0.kind) < rank($1.kind)
                : $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending
        }
        if let keepCursorId, let i = visible.firstIndex(where: { $0.userId == keepCursorId }) { cursor.index = i }
        cursor.clamp(count: visible.count)
    }

    private func rank(_ k: UserEntry.Kind) -> Int {
        switch k { case .me: return 0; case .shared: return 1; case .patient: return 2; case .typed: return 3 }
    }
}
