import Foundation

/// Everything the route handlers share.
final class SandboxCore: Sendable {
    /// `blob.SizeMaximum`.
    static let maximumContentSize: Int64 = 100 * 1024 * 1024

    let directory: AccountDirectory
    let tokens: TokenRegistry
    let metadata: MetadataStore
    let content: ContentStore
    let faults: SandboxFaultSwitches
    let loopbackOnly: Bool

    init(directory: AccountDirectory, tokens: TokenRegistry, metadata: MetadataStore, content: ContentStore,
         faults: SandboxFaultSwitches, loopbackOnly: Bool) {
        self.directory = directory
        self.tokens = tokens
        self.metadata = metadata
        self.content = content
        self.faults = faults
        self.loopbackOnly = loopbackOnly
    }

    /// A list body, deliberately broken while the `malformedListJSON` fault is on.
    func listBody(_ json: JSONText) -> String {
        let text = json.encoded
        guard faults.current.malformedListJSON else { return text + "\n" }
        return String(text.prefix(max(1, text.count / 2))) + "{\"malformed\":\n"
    }
}
