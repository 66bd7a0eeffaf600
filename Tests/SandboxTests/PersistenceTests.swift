import Foundation
import Sandbox
import Testing
import TestSupport

extension AllSandboxTests {
    @Suite("Persistence, restart, accounts file, seeds")
    struct PersistenceTests {
        @Test func restartKeepsDataAndCleansOrphans() async throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-restart-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let first = try await SandboxHarness.start(seed: .empty, accountsJSON: Fixtures.accountsJSON, dataDirectory: directory)
            let token = try await Fixtures.login(first, Fixtures.service)
            let blob = try await Fixtures.createBlob(first, token: token, body: "survives restarts")
            let log = try await Fixtures.createLog(first, token: token, start: "2025-05-01T00:00:00Z", end: "2025-05-01T01:00:00Z")
            await first.stop()

            // Leftovers of a crashed upload: a temp file and a content file without metadata.
            try Data("partial".utf8).write(to: directory.appendingPathComponent("tmp/upload-crashed"))
            let orphanDir = directory.appendingPathComponent("content/blobs/\(Fixtures.owner)")
            try Data("orphan".utf8).write(to: orphanDir.appendingPathComponent(String(repeating: "e", count: 32)))

            let second = try await SandboxHarness.start(seed: .empty, accountsJSON: Fixtures.accountsJSON, dataDirectory: directory)
            defer { Task { await second.stop() } }
            #expect(second.port > 0)
            let token2 = try await Fixtures.login(second, Fixtures.service)
            let content = try await HTTP.get(second, "/v1/blobs/\(blob["id"] as! String)/content", token: token2)
            #expect(content.text == "survives restarts")
            let logs = try await HTTP.get(second, "/v1/users/\(Fixtures.owner)/device_logs", token: token2)
            #expect(logs.array.map { $0["id"] as! String } == [log["id"] as! String])
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("tmp").path).isEmpty)
            #expect(!FileManager.default.fileExists(atPath: orphanDir.appendingPathComponent(String(repeating: "e", count: 32)).path))
            // Tokens do not survive a restart.
            #expect(try await HTTP.get(second, "/v1/blobs/\(blob["id"] as! String)", token: token).status == 403)
        }

        @Test func accountsFileWithEmptySeed() async throws {
            let sandbox = try await Fixtures.sandbox()
            defer { Task { await sandbox.stop() } }
            #expect(sandbox.accounts.count == 9)
            #expect(sandbox.account(role: "service").userId == Fixtures.service)
            #expect(sandbox.account(role: "clinician").userId == Fixtures.clinician)
            let token = try await Fixtures.login(sandbox, Fixtures.service)
            for account in sandbox.accounts {
                let blobs = try await HTTP.get(sandbox, "/v1/users/\(account.userId)/blobs?status=available,created", token: token)
                #expect(blobs.text == "[]\n")
                let logs = try await HTTP.get(sandbox, "/v1/users/\(account.userId)/device_logs", token: token)
                #expect(logs.text == "null\n")
            }
            // Demo accounts are gone.
            let demo = SandboxServer.demoAccounts[0]
            await #expect(throws: SandboxHarnessError.self) { _ = try await sandbox.login(email: demo.email, password: demo.password) }
        }

        @Test func invalidAccountsFileIsRejected() async throws {
            for json in [#"{"accounts":[{"email":"a","password":"b","userId":"nothex0000","fullName":"x"}]}"#,
                         #"{"accounts":[{"email":"a","password":"b","userId":"a000000001","fullName":"x","shares":{"a000000002":["view"]}}]}"#,
                         #"{"accounts":[],"clinics":[{"id":"short","name":"c"}]}"#, "not json"] {
                await #expect(throws: SandboxError.self) {
                    _ = try await SandboxHarness.start(seed: .empty, accountsJSON: json)
                }
            }
        }

        @Test func demoSeed() async throws {
            let seedCPU = try await Self.demoSeedCPUSeconds()
            #expect(seedCPU < 3, "seeding took \(seedCPU) s of CPU")
            let sandbox = try await SandboxHarness.start()
            defer { Task { await sandbox.stop() } }
            #expect(sandbox.accounts.map(\.email) == SandboxServer.demoCredentials.map(\.email))
            let support = try await sandbox.login(sandbox.account(role: "service"))
            let zoe = sandbox.account(email: "zoe@tideblob.demo")
            #expect(zoe.fullName == "Zoë Ångström")

            let available = try await HTTP.get(sandbox, "/v1/users/\(zoe.userId)/blobs", token: support)
            let types = Set(available.array.map { $0["mediaType"] as! String })
            #expect(types.isSuperset(of: ["application/json", "text/csv", "image/png", "application/pdf", "application/zip",
                                          "application/octet-stream", "text/plain; charset=utf-8"]))
            let large = try #require(available.array.first { ($0["size"] as? Int ?? 0) > 20_000_000 })
            #expect(large["size"] as? Int == 24 * 1024 * 1024 + 123)
            let png = try #require(available.array.first { $0["mediaType"] as? String == "image/png" })
            let pngBody = try await HTTP.get(sandbox, "/v1/blobs/\(png["id"] as! String)/content", token: support)
            #expect(pngBody.body.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(Fixtures.md5(pngBody.body) == png["digestMD5"] as? String)
            let pdf = try #require(available.array.first { $0["mediaType"] as? String == "application/pdf" })
            let pdfBody = try await HTTP.get(sandbox, "/v1/blobs/\(pdf["id"] as! String)/content", token: support)
            #expect(pdfBody.text.hasPrefix("%PDF-1.4") && pdfBody.text.hasSuffix("%%EOF\n"))

            let created = try await HTTP.get(sandbox, "/v1/users/\(zoe.userId)/blobs?status=created", token: support)
            #expect(!created.array.isEmpty)
            #expect(created.array.allSatisfy { $0["digestMD5"] == nil && $0["size"] == nil && $0["revision"] as? Int == 0 })

            // Device logs: "today", "2 days" and "7 days" windows all have data, in one-hour chunks.
            let now = Date()
            for days in [0.5, 2, 7] {
                let start = ISO8601DateFormatter().string(from: now.addingTimeInterval(-days * 86_400))
                let logs = try await HTTP.get(sandbox, "/v1/users/\(zoe.userId)/device_logs?startAtTime=\(start)&size=1000", token: support)
                #expect(!logs.array.isEmpty, "window \(days) days")
            }
            let zoeToken = try await sandbox.login(zoe)
            let logs = try await HTTP.get(sandbox, "/v1/users/\(zoe.userId)/device_logs?size=5", token: zoeToken)
            let first = try #require(logs.array.first)
            let chunk = try await HTTP.get(sandbox, "/v1/device_logs/\(first["id"] as! String)/content", token: zoeToken)
            let entries = try #require(chunk.json as? [[String: Any]])
            #expect(!entries.isEmpty)
            #expect(entries.allSatisfy { ["send", "receive", "error", "delegate", "delegateResponse", "connection"].contains($0["type"] as? String ?? "") })

            // The support account sees every patient; the clinician sees the clinic's patients.
            let supportUsers = try await HTTP.get(sandbox, "/metadata/users/\(sandbox.account(role: "service").userId)/users", token: support)
            let names = supportUsers.array.compactMap { ($0["profile"] as? [String: Any])?["fullName"] as? String }
            #expect(names.contains("李小龍") && names.contains("José Núñez") && names.contains { $0.hasPrefix("Mallory \u{1B}]0;") })
            let clinician = try await sandbox.login(sandbox.account(role: "clinician"))
            let patients = try await HTTP.get(sandbox, "/v1/clinics/\(SandboxServer.demoClinicId)/patients?limit=100", token: clinician)
            #expect((patients.object["data"] as? [[String: Any]])?.count == 4)
            let jose = sandbox.account(email: "jose@tideblob.demo")
            #expect(try await HTTP.get(sandbox, "/v1/users/\(jose.userId)/device_logs?size=1", token: clinician).status == 200)
        }

        /// CPU seconds the opening + demo seeding of a new data directory costs (thread CPU time,
        /// so other work running at the same time does not distort it).
        static func demoSeedCPUSeconds() async throws -> Double {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tideblob-seedtime-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    var start = timespec(), end = timespec()
                    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
                    continuation.resume(with: Result {
                        _ = try SandboxServer(configuration: SandboxConfiguration(dataDirectory: directory))
                        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
                        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
                    })
                }
            }
        }
    }
}
