/// A preview of the first bytes of a blob.
public struct PreviewState: Sendable, Hashable {
    public var blobId: String
    public var title: String
    public var totalSize: Int64?
    public var loading = true
    public var error: BrowserError?
    public var content: PreviewContent?
    /// First visible (wrapped) line; the screen clamps it.
    public var scroll = 0
    public init(blobId: String, title: String, totalSize: Int64?) { self.blobId = blobId; self.title = title; self.totalSize = totalSize }
}
