/// Walks a paged list lazily: page 0, 1, 2… fetched only when the consumer asks for the next page, stopping after
/// the first page shorter than `size` (or an empty one). Each element of the sequence is one page.
///
///     for try await page in client.blobPages(userId: id) { … }
public struct PagedSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = [Item]
    /// Fetches page `index` (0-based) of `size` items.
    public typealias Fetch = @Sendable (_ index: Int, _ size: Int) async throws -> [Item]

    public let size: Int
    /// Safety stop for a server that ignores paging (would otherwise repeat the first page forever).
    public let maxPages: Int
    let fetch: Fetch

    public init(size: Int, maxPages: Int = 100_000, fetch: @escaping Fetch) {
        precondition(size > 0, "page size must be positive")
        self.size = size
        self.maxPages = maxPages
        self.fetch = fetch
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PagedSequence
        var index = 0
        var finished = false

        public mutating func next() async throws -> [Item]? {
            guard !finished, index < sequence.maxPages else { return nil }
            try Task.checkCancellation()
            let page = try await sequence.fetch(index, sequence.size)
            index += 1
            if page.count < sequence.size { finished = true }
            return page.isEmpty ? nil : page
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }

    /// Every item of every page, in order.
    public func collect() async throws -> [Item] {
        var all: [Item] = []
        for try await page in self { all.append(contentsOf: page) }
        return all
    }
}
