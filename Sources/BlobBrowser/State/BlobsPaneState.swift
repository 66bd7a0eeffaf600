import Foundation
import TidepoolAPI

public enum BlobColumn: String, CaseIterable, Sendable, Hashable {
    case id, mediaType, size, status, created, modified
    public var title: String {
        switch self {
        case .id: return "ID"; case .mediaType: return "Media type"; case .size: return "Size"
        case .status: return "Status"; case .created: return "Created"; case .modified: return "Modified"
        }
    }
}

public struct BlobSort: Sendable, Hashable {
    public var column: BlobColumn
    public var ascending: Bool
    public init(column: BlobColumn = .created, ascending: Bool = false) { self.column = column; self.ascending = ascending }
}

/// Server-side status filter. The server's default (no parameter) is `available` only.
public enum StatusFilter: String, CaseIterable, Sendable, Hashable {
    case available, created, all
    public var statuses: [BlobStatus] {
        switch self { case .available: return [.available]; case .created: return [.created]; case .all: return [.available, .created] }
    }
    public var next: StatusFilter {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The blobs pane of the selected user.
public struct BlobsPaneState: Sendable, Hashable {
    public static let pageSize = 100
    /// Load the next page when the cursor comes this close to the end.
    public static let prefetchDistance = 10

    public var userId: String?
    /// Bumped on every reload; results of older loads are dropped.
    public var generation = 0
    public var items: [Blob] = [] { didSet { refreshVisible() } }
    public var loadedPages = 0
    public var hasMore = false
    public var loading = false
    public var error: BrowserError?
    public var sort = BlobSort() { didSet { if sort != oldValue { refreshVisible() } } }
    public var statusFilter: StatusFilter = .all
    public var mediaTypeFilter: String?
    public var textFilter = "" { didSet { if textFilter != oldValue { refreshVisible() } } }
    public var marks: Set<String> = []
    /// Blob id where a `v` range started.
    public var rangeAnchor: String?
    public var cursor = ListCursor()

    public init() {}

    public var query: BlobQuery {
        BlobQuery(statuses: statusFilter.statuses, mediaTypes: mediaTypeFilter.map { [$0] } ?? [],
                  page: loadedPages, size: Self.pageSize)
    }

    /// Loaded blobs, free-text filtered (id, media type, status, digest) and sorted. Cached: recomputed when `items`,
    /// `sort` or `textFilter` change (the status and media type filters are applied by the server), so reading it
    /// per key press and per frame is free.
    public private(set) var visible: [Blob] = []

    private mutating func refreshVisible() {
        let f = textFilter.lowercased()
        let filtered = f.isEmpty ? items : items.filter {
            $0.id.contains(f) || $0.mediaType.lowercased().contains(f) || $0.status.rawValue.contains(f)
                || ($0.digestMD5?.lowercased().contains(f) ?? false)
        }
        visible = filtered.sorted(by: sort)
    }

    public var current: Blob? {
        let v = visible
        return v.indices.contains(cursor.index) ? v[cursor.index] : nil
    }

    /// Ids inside the `v` range (anchor…cursor) while one is open.
    public var rangeIds: Set<String> {
        guard let anchor = rangeAnchor else { return [] }
        let v = visible
        guard let a = v.firstIndex(where: { $0.id == anchor }), v.indices.contains(cursor.index) else { return [] }
        return Set(v[min(a, cursor.index)...max(a, cursor.index)].map(\.id))
    }

    public var markedBlobs: [Blob] { items.filter { marks.contains($0.id) } }
    public var hiddenMarkedCount: Int {
        let shown = Set(visible.map(\.id))
        return markedBlobs.filter { !shown.contains($0.id) }.count
    }
}

extension Array where Element == Blob {
    func sorted(by sort: BlobSort) -> [Blob] {
        // Stable: ties keep server order (created desc).
        let indexed = enumerated().map { ($0.offset, $0.element) }
        return indexed.sorted { l, r in
            let c = compare(l.1, r.1, sort.column)
            if c == 0 { return l.0 < r.0 }
            return sort.ascending ? c < 0 : c > 0
        }.map(\.1)
    }

    private func compare(_ a: Blob, _ b: Blob, _ column: BlobColumn) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch column {
        case .id: return cmp(a.id, b.id)
        case .mediaType: return cmp(a.mediaType, b.mediaType)
        case .size: return cmp(a.size ?? -1, b.size ?? -1)
        case .status: return cmp(a.status.rawValue, b.status.rawValue)
        case .created: return cmp(a.createdTime, b.createdTime)
        case .modified: return cmp(a.modifiedTime ?? .distantPast, b.modifiedTime ?? .distantPast)
        }
    }
}
