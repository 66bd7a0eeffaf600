import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("CLI: device logs and users")
struct CLILogsTests {
    @Test func listShowUploadDownload() async throws {
        try await CLIFixture.with { f in
            let me = f.fixture.account("patient").userId
            let client = try await f.fixture.client("patient")
            let entries = Sample.entries(count: 3, start: Sample.hourAgo(5))
            let meta = try await client.createDeviceLogs(userId: me, entries: entries, start: Sample.hourAgo(5), end: Sample.hourAgo(4))
            try await f.login("patient")

            let list = try await f.run(["logs", "list", me, "--since", "1d", "--json"])
            #expect(list.status == 0, "\(list)")
            #expect(try f.decode([DeviceLogsMetadata].self, list).map(\.id) == [meta.id])
            let none = try await f.run(["logs", "list", me, "--since", "2h", "--json"])
            #expect(try f.decode([DeviceLogsMetadata].self, none).isEmpty)
            let rfc = try await f.run(["logs", "list", me, "--since", "2000-01-01T00:00:00+02:00", "--until", "1h"])
            #expect(rfc.status == 0, "\(rfc)")
            #expect(rfc.stdout.contains(meta.id))
            let badTime = try await f.run(["logs", "list", me, "--since", "yesterday"])
            #expect(badTime.status == 2)

            let show = try await f.run(["logs", "show", meta.id, "--json"])
            #expect(show.status == 0, "\(show)")
            #expect(try f.decode([DeviceLogEntry].self, show) == entries)
            let table = try await f.run(["logs", "show", meta.id])
            #expect(table.stdout.contains("message 2") && table.stdout.contains("POD-1"))

            let file = f.cli.root.appendingPathComponent("chunk.json")
            try TidepoolJSON.encoder().encode(entries).write(to: file)
            let up = try await f.run(["logs", "upload", me, file.path, "--start", "3h", "--end", "2h", "--json"])
            #expect(up.status == 0, "\(up)")
            let uploaded = try f.decode(DeviceLogsMetadata.self, up)
            let target = f.cli.root.appendingPathComponent("copy.json")
            let down = try await f.run(["logs", "download", uploaded.id, "-o", target.path])
            #expect(down.status == 0, "\(down)")
            #expect(try Data(contentsOf: target) == Data(contentsOf: file))
        }
    }

    @Test func usersAsClinicianSanitized() async throws {
        try await CLIFixture.with { f in
            try await f.login("clinician")
            let json = try await f.run(["users", "--json"])
            #expect(json.status == 0, "\(json)")
            let accounts = try f.decode([AccessibleAccount].self, json)
            #expect(accounts.count == 5)
            #expect(accounts.first?.relations == ["self"])
            let table = try await f.run(["users"])
            #expect(table.status == 0)
            #expect(table.stdout.contains("Tideblob Demo Clinic"))
            #expect(!table.stdout.contains("\u{1B}"))   // Mallory's escape sequences are neutralised
            #expect(!table.stdout.contains("\u{202E}"))
            #expect(table.stdout.contains("Mallory"))
        }
    }
}
