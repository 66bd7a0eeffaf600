import Foundation
import Sandbox
import TestSupport
import Testing
import TidepoolAPI

extension Reliability {
    /// `kill -9` of the sandbox subprocess while concurrent clients upload and delete, restart on the same data
    /// directory, then audit: nothing acknowledged is lost, nothing half-written is listed, nothing is left over.
    @Suite struct SandboxDurability {
        static let users = ["20e0a1b2c3", "1ee0b7c4d5", "3a11025bad", "3f2c9a4e-8b1d-4c7e-9a6f-2d5b8e1c0a47"]
        static let moments: [KillRound.Moment] = [.duringUploads, .duringDeletes, .duringUploads, .duringDeletes,
                                                  .duringUploads, .duringDeletes, .duringUploads, .duringDeletes]

        @Test func killNineDuringUploadsAndDeletesLosesNothingAcknowledged() async throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-durability-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let payloads = try DurabilityPayloads(directory: scratch.appendingPathComponent("payloads"))
            let book = DurabilityBook()
            var sandbox = try await SandboxProcess.start(arguments: ["--seed", "empty"],
                                                         dataDirectory: scratch.appendingPathComponent("data"))
            do {
                try await Self.killRounds(&sandbox, book: book, payloads: payloads, scratch: scratch)
            } catch {
                _ = await sandbox.stop()
                throw error
            }
            let (status, _, _) = await sandbox.stop()
            #expect(status == 0)
        }

        static func killRounds(_ sandbox: inout SandboxProcess, book: DurabilityBook, payloads: DurabilityPayloads,
                               scratch: URL) async throws {
            var verified = 0
            for (index, moment) in Self.moments.enumerated() {
                let round = "round \(index + 1) (kill -9 \(moment.rawValue))"
                let outcome = await KillRound(sandbox: sandbox, moment: moment, book: book, payloads: payloads,
                                              users: Self.users).run()
                for failure in outcome.failures { Issue.record("\(round): \(failure)") }
                #expect(outcome.killedBySignal, "\(round): the sandbox did not die of SIGKILL")
                if outcome.killedBySignal { ReliabilityLedger.shared.add(.durabilityKills) }
                if moment == .duringUploads {
                    #expect(outcome.partialUploadsAtKill >= 1, "\(round): no upload was cut mid-body by the kill")
                }

                sandbox = try await sandbox.restart()
                let client = try await DurabilityWorkload.supportClient(sandbox.baseURL)
                let audit = DurabilityAudit(client: client, users: Self.users, dataDirectory: sandbox.dataDirectory,
                                            scratch: scratch.appendingPathComponent("downloads"))
                let report = try await audit.run(book.expectations)
                ReliabilityLedger.shared.add(.blobsLost, report.lost.count)
                ReliabilityLedger.shared.add(.halfBlobsListed, report.halfListed.count)
                for finding in report.lost { Issue.record("\(round): acknowledged blob lost — \(finding)") }
                for finding in report.halfListed { Issue.record("\(round): half blob listed — \(finding)") }
                for path in report.leftovers { Issue.record("\(round): left in the data directory after start-up — \(path)") }
                book.settle(present: report.intact, lost: Set(report.lost.map(\.id)))
                print("durability \(round): acks this round \(outcome.counts.uploadAcks) uploads / \(outcome.counts.deleteAcks) deletes, "
                      + "deletes in flight \(outcome.counts.deletesInFlight), partial uploads at kill \(outcome.partialUploadsAtKill); "
                      + "after restart \(report.listedCount) listed, \(report.verifiedAcknowledged) acknowledged verified, "
                      + "lost \(report.lost.count), half \(report.halfListed.count), leftovers \(report.leftovers.count)")
                verified += report.verifiedAcknowledged
            }
            print("durability: \(moments.count) kills, \(verified) acknowledged-blob checks after restarts, "
                  + "\(book.expectations.deleted.count) acknowledged deletes kept deleted")
        }

        /// The audit has teeth: after a kill -9, corrupt one acknowledged blob, remove another's content, cut an
        /// unacknowledged one short, leave a temp file and an orphan; the restarted sandbox cleans the leftovers and
        /// the audit reports exactly the damaged blobs. (Nothing here is added to the ledger.)
        @Test func auditReportsDamagedBlobs() async throws {
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-durability-audit-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let payloads = try DurabilityPayloads(directory: scratch.appendingPathComponent("payloads"))
            let first = try await SandboxProcess.start(arguments: ["--seed", "empty"], dataDirectory: scratch.appendingPathComponent("data"))
            let client = try await DurabilityWorkload.supportClient(first.baseURL)
            let book = DurabilityBook()
            var uploaded: [AcknowledgedBlob] = []
            for payload in payloads.ordinary[2..<7] {
                book.willSend(digest: payload.digestMD5)
                let blob = try await client.uploadBlob(userId: Self.users[0], file: payload.file, mediaType: payload.mediaType, progress: nil)
                uploaded.append(AcknowledgedBlob(id: blob.id, userId: blob.userId, digestMD5: payload.digestMD5,
                                                 size: Int64(payload.size), mediaType: payload.mediaType))
            }
            for blob in uploaded.prefix(4) { book.acknowledgeUpload(blob) }   // the fifth one's 201 "got lost"
            let deleted = try #require(book.claimForDelete())
            try await client.deleteBlob(id: deleted.id)
            book.finishDelete(deleted, acknowledged: true)
            #expect(await first.killNine())

            let data = first.dataDirectory
            let contentDir = data.appendingPathComponent("content/blobs/\(Self.users[0])")
            let live = uploaded.prefix(4).filter { $0.id != deleted.id }
            let (corrupt, missing) = (live[0], live[1])
            try Data(repeating: 0x41, count: Int(corrupt.size)).write(to: contentDir.appendingPathComponent(corrupt.id))
            try FileManager.default.removeItem(at: contentDir.appendingPathComponent(missing.id))
            let unacknowledged = uploaded[4]
            try Data([1, 2, 3]).write(to: contentDir.appendingPathComponent(unacknowledged.id))
            try Data("half".utf8).write(to: data.appendingPathComponent("tmp/upload-crashed"))
            try Data("orphan".utf8).write(to: contentDir.appendingPathComponent(String(repeating: "0", count: 32)))

            let second = try await first.restart()
            let audit = DurabilityAudit(client: try await DurabilityWorkload.supportClient(second.baseURL), users: Self.users,
                                        dataDirectory: data, scratch: scratch.appendingPathComponent("downloads"))
            let auditStarted = ContinuousClock.now
            let report = try await audit.run(book.expectations)
            #expect(Set(report.lost.map(\.id)) == [corrupt.id, missing.id], "\(report.lost)")
            #expect(report.halfListed.map(\.id) == [unacknowledged.id], "\(report.halfListed)")
            // The content file shorter than its metadata: the sandbox drops the connection at the end of the file,
            // so the client fails at once instead of waiting out its 60 s stall timeout.
            #expect(ContinuousClock.now - auditStarted < .seconds(30))
            #expect(report.leftovers.isEmpty, "start-up clean-up: \(report.leftovers)")
            #expect(report.verifiedAcknowledged == live.count - 2)
            let (status, _, _) = await second.stop()
            #expect(status == 0)
        }
    }
}
