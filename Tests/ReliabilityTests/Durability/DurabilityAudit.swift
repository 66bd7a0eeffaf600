import Foundation
import TidepoolAPI

/// What a restarted sandbox must show, checked over real HTTP with the product's client plus a look at its data
/// directory: every live acknowledged blob listed with the acknowledged metadata and content (MD5 and size of the
/// downloaded bytes); every acknowledged delete gone; every listed blob complete (available, content matching its
/// own metadata, content that some client really sent); no temp or orphan content file left by start-up.
struct DurabilityAudit: Sendable {
    struct Finding: Sendable, CustomStringConvertible {
        var id: String
        var problem: String
        var description: String { "\(id): \(problem)" }
    }

    struct Report: Sendable {
        /// Acknowledged blobs that are missing, wrong or corrupt, and acknowledged deletes that came back.
        var lost: [Finding] = []
        /// Listed blobs that are not complete.
        var halfListed: [Finding] = []
        /// Files left in the data directory that belong to no listed blob.
        var leftovers: [String] = []
        /// Listed blobs whose content downloaded and matched.
        var intact: [AcknowledgedBlob] = []
        var listedCount = 0
        var verifiedAcknowledged = 0
    }

    let client: TidepoolClient
    let users: [String]
    let dataDirectory: URL
    let scratch: URL

    func run(_ expected: DurabilityBook.Expectations) async throws -> Report {
        var report = Report()
        var listed: [String: Blob] = [:]
        for user in users {
            for try await page in client.blobPages(userId: user, statuses: [.available, .created]) {
                for blob in page where listed.updateValue(blob, forKey: blob.id) != nil {
                    report.halfListed.append(Finding(id: blob.id, problem: "listed twice"))
                }
            }
        }
        report.listedCount = listed.count
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let checks = await contentChecks(of: Array(listed.values))
        for (id, blob) in listed.sorted(by: { $0.key < $1.key }) {
            let acknowledged = expected.live[id] ?? expected.unsure[id]
            let problem = checks[id] ?? nil
            if expected.deleted.contains(id) {
                report.lost.append(Finding(id: id, problem: "acknowledged delete undone: listed again as \(blob.status)"))
            } else if let acknowledged {
                if let problem {
                    report.lost.append(Finding(id: id, problem: problem))
                } else if let mismatch = Self.mismatch(blob, acknowledged) {
                    report.lost.append(Finding(id: id, problem: "metadata differs from the acknowledgement: \(mismatch)"))
                } else {
                    report.intact.append(acknowledged)
                    if expected.live[id] != nil { report.verifiedAcknowledged += 1 }
                }
            } else if let problem {
                report.halfListed.append(Finding(id: id, problem: "unacknowledged blob listed incomplete: \(problem)"))
            } else if let digest = blob.digestMD5, !expected.sentDigests.contains(digest) {
                report.halfListed.append(Finding(id: id, problem: "listed content \(digest) is nothing a client sent"))
            } else {
                // An upload whose 201 never reached its client (the kill came first), complete: it may stay.
                report.intact.append(AcknowledgedBlob(id: id, userId: blob.userId, digestMD5: blob.digestMD5 ?? "",
                                                      size: blob.size ?? -1, mediaType: blob.mediaType))
            }
        }
        for (id, _) in expected.live where listed[id] == nil {
            let status = await infoStatus(id) ?? "no answer"
            report.lost.append(Finding(id: id, problem: "acknowledged upload is not listed (GET /v1/blobs/\(id) answered \(status))"))
        }
        for id in expected.deleted.sorted() where listed[id] == nil {
            let status = await infoStatus(id)
            if status != "404" {
                report.lost.append(Finding(id: id, problem: "acknowledged delete: GET /v1/blobs/\(id) answered \(status ?? "nothing"), not 404"))
            }
        }
        report.leftovers = DataDirectoryScan(dataDirectory: dataDirectory)
            .leftovers(expecting: Set(listed.values.filter { $0.status == .available }.map(\.id)))
        return report
    }

    /// nil when a blob's content is complete: status available, digest and size present, and the downloaded
    /// bytes (verified by the client against the Digest header, then hashed again here) match them.
    private func contentChecks(of blobs: [Blob]) async -> [String: String?] {
        var results: [String: String?] = [:]
        let lanes = 4
        await withTaskGroup(of: (String, String?).self) { group in
            var pending = blobs[...]
            for _ in 0..<lanes {
                guard let blob = pending.popFirst() else { break }
                group.addTask { (blob.id, await contentProblem(blob)) }
            }
            while let (id, problem) = await group.next() {
                results[id] = problem
                if let blob = pending.popFirst() { group.addTask { (blob.id, await contentProblem(blob)) } }
            }
        }
        return results
    }

    private func contentProblem(_ blob: Blob) async -> String? {
        guard blob.status == .available else { return "status \(blob.status), no content" }
        guard let digest = blob.digestMD5, let size = blob.size else { return "available without digest or size" }
        let target = scratch.appendingPathComponent(blob.id)
        defer { try? FileManager.default.removeItem(at: target) }
        do {
            let result = try await client.downloadBlob(id: blob.id, to: target, overwrite: true, progress: nil)
            let bytes = try Data(contentsOf: target)
            let actual = TidepoolClient.md5Base64(bytes)
            if actual != digest || result.digestMD5 != digest { return "content MD5 \(actual), metadata says \(digest)" }
            if Int64(bytes.count) != size || result.bytes != size { return "content is \(bytes.count) bytes, metadata says \(size)" }
            return nil
        } catch {
            return "content download failed: \(error)"
        }
    }

    private static func mismatch(_ blob: Blob, _ ack: AcknowledgedBlob) -> String? {
        var differences: [String] = []
        if blob.userId != ack.userId { differences.append("userId \(blob.userId) ≠ \(ack.userId)") }
        if blob.digestMD5 != ack.digestMD5 { differences.append("digest \(blob.digestMD5 ?? "nil") ≠ \(ack.digestMD5)") }
        if blob.size != ack.size { differences.append("size \(blob.size.map(String.init) ?? "nil") ≠ \(ack.size)") }
        if blob.mediaType != ack.mediaType { differences.append("mediaType \(blob.mediaType) ≠ \(ack.mediaType)") }
        if blob.status != .available { differences.append("status \(blob.status)") }
        if blob.revision != 1 { differences.append("revision \(blob.revision)") }
        return differences.isEmpty ? nil : differences.joined(separator: ", ")
    }

    /// The status `GET /v1/blobs/{id}` answers ("200", "404", …), or nil on a transport failure.
    private func infoStatus(_ id: String) async -> String? {
        do {
            _ = try await client.getBlob(id: id)
            return "200"
        } catch let error as APIError {
            return error.status.map(String.init)
        } catch {
            return nil
        }
    }
}
