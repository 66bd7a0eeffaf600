import Foundation
import Sandbox
import TestSupport
import Testing
import TidepoolAPI

extension Reliability.SandboxDurability {
    /// `DELETE /v1/users/{id}/blobs` racing uploads to the same user. Every upload answers 201 (the delete-all must
    /// not pull a directory from under an upload); right after its 201 each upload's content is fetched, and when
    /// that fails the blob's metadata is asked for: a row that is still there (rows never come back) while its
    /// content was gone is a half blob. Then the same audit as after a kill: every listed blob complete, no content
    /// file without a row. Uploads may be removed by a later delete-all, so none is counted as acknowledged.
    @Test func deleteAllRacingUploadsLeavesNoHalfBlob() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-deleteall-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let payloads = try DurabilityPayloads(directory: scratch.appendingPathComponent("payloads"))
        let small = payloads.ordinary.filter { $0.size <= 300_000 }
        let sandbox = try await SandboxProcess.start(arguments: ["--seed", "empty"], dataDirectory: scratch.appendingPathComponent("data"))
        let user = Self.users[1]
        let book = DurabilityBook()
        let uploadsPerLane = 40
        let lanes = 3
        let lanesRunning = RunningCount(lanes)
        let failures = await withTaskGroup(of: [String].self) { group in
            for lane in 0..<lanes {
                group.addTask {
                    defer { lanesRunning.finishOne() }
                    var problems: [String] = []
                    do {
                        let client = try await DurabilityWorkload.supportClient(sandbox.baseURL)
                        for turn in 0..<uploadsPerLane {
                            let payload = small[(lane + turn) % small.count]
                            book.willSend(digest: payload.digestMD5)
                            let blob = try await client.uploadBlob(userId: user, file: payload.file, mediaType: payload.mediaType, progress: nil)
                            book.acknowledgeUpload(AcknowledgedBlob(id: blob.id, userId: user, digestMD5: payload.digestMD5,
                                                                    size: Int64(payload.size), mediaType: payload.mediaType))
                            if let problem = await Self.halfBlobProblem(client, blob.id, digest: payload.digestMD5) {
                                problems.append(problem)
                            }
                        }
                        return problems
                    } catch {
                        return problems + ["upload lane \(lane): \(error)"]
                    }
                }
            }
            group.addTask {
                do {
                    let client = try await DurabilityWorkload.supportClient(sandbox.baseURL)
                    while lanesRunning.anyLeft {
                        try await client.deleteAllBlobs(userId: user)
                    }
                    return []
                } catch {
                    return ["delete-all: \(error)"]
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        let halfSeen = failures.filter { $0.hasPrefix(Self.halfBlobPrefix) }.count
        ReliabilityLedger.shared.add(.halfBlobsListed, halfSeen)
        for failure in failures { Issue.record("\(failure)") }

        // Every acknowledged upload may have been deleted by a later delete-all: "unsure", present or absent.
        var expected = book.expectations
        expected.unsure = expected.live
        expected.live = [:]
        let audit = DurabilityAudit(client: try await DurabilityWorkload.supportClient(sandbox.baseURL), users: [user],
                                    dataDirectory: sandbox.dataDirectory, scratch: scratch.appendingPathComponent("downloads"))
        let report = try await audit.run(expected)
        ReliabilityLedger.shared.add(.halfBlobsListed, report.halfListed.count + report.lost.count)
        for finding in report.lost + report.halfListed { Issue.record("half blob listed after delete-all race — \(finding)") }
        for path in report.leftovers { Issue.record("content without a row after delete-all race — \(path)") }
        print("delete-all race: \(book.counts.uploadAcks) uploads answered 201, half blobs seen \(halfSeen); "
              + "\(report.listedCount) listed afterwards, half \(report.halfListed.count + report.lost.count), "
              + "leftovers \(report.leftovers.count)")
        let (status, _, _) = await sandbox.stop()
        #expect(status == 0)
    }

    static let halfBlobPrefix = "half blob"

    /// nil when the fresh blob's content downloads intact, or when it is gone altogether (a delete-all came first).
    static func halfBlobProblem(_ client: TidepoolClient, _ id: String, digest: String) async -> String? {
        do {
            let content = try await client.blobContent(id: id)
            return content.digestMD5 == digest ? nil : "\(halfBlobPrefix) \(id): content MD5 \(content.digestMD5), sent \(digest)"
        } catch {
            do {
                let blob = try await client.getBlob(id: id)
                return "\(halfBlobPrefix) \(id): row listed as \(blob.status) while its content failed: \(error)"
            } catch let info as APIError where info.status == 404 {
                return nil
            } catch {
                return "blob \(id): info failed: \(error)"
            }
        }
    }
}
