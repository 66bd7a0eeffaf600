import Foundation
import Hummingbird

/// The shared upload path of blobs and device logs: stream to a temp file (MD5 + size as the
/// bytes arrive) → 413 past the limit → 400 on a digest mismatch → fsync + rename into place.
/// The caller commits the metadata afterwards and only then answers 201.
enum Upload {
    struct Stored {
        let id: String
        let digest: String
        let size: Int64
    }

    static func receive(_ request: Request, core: SandboxCore, kind: ContentKind, userId: String,
                        sentDigest: String?) async throws -> Stored {
        let file = try core.content.makeUpload()
        do {
            let outcome = try await file.receive(request.body, limit: SandboxCore.maximumContentSize)
            guard case .complete = outcome else {
                file.discard()
                throw ServiceFailure(413, .resourceTooLarge)
            }
            let digest = try file.finish()
            if let sentDigest, sentDigest != digest {
                file.discard()
                throw ServiceFailure.badRequest(.digestsNotEqual(sent: sentDigest, calculated: digest))
            }
            let id = Identifiers.random32Hex()
            try core.content.install(file, kind, userId: userId, id: id)
            return Stored(id: id, digest: digest, size: file.size)
        } catch {
            file.discard()
            throw error
        }
    }

    /// A well-formed digest that is not `digest` (fault injection).
    static func wrongDigest(_ digest: String) -> String {
        var bytes = [UInt8](Data(base64Encoded: digest) ?? Data(count: 16))
        if bytes.isEmpty { bytes = [UInt8](repeating: 0, count: 16) }
        bytes[0] ^= 0xFF
        return Data(bytes).base64EncodedString()
    }
}
